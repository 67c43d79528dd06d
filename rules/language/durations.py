"""How long a situation has lasted: « 18 mois », « deux ans et demi », « depuis janvier »."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from rules.language.dates import months_between, parse_date_at
from rules.language.dont_know import is_dont_know
from rules.language.text import Text
from rules.language.tokens import phrase
from rules.language.units import duration_unit_at, half_at


def _parse_quantity_at(tx: Text, i: int) -> tuple[float, int] | None:
    """« 18 mois », « deux ans et demi », « un an et 3 mois », « 1 an 1/2 » → (months, end)."""
    nums = tx.by_start
    total = 0.0
    j = i
    last_unit = float("inf")
    while True:
        num = nums.get(j)
        if num is None:
            break
        unit = duration_unit_at(tx, num.end)
        if unit is None or unit >= last_unit:
            break
        k = num.end + 1
        half = half_at(tx, k)
        amount = num.value + (0.5 if half else 0)
        k += half
        total += amount * unit
        last_unit = unit
        j = k
        if tx.word(j) in {"et", ","} and j + 1 in nums:
            j += 1
    if j == i:
        return None
    return total, j


_DURATION_MARKERS = phrase(
    r"depuis|ca fait|cela fait|fait|il y a|y a|voila|voici|ca va faire|bientot"
)
DURATION_FILLERS = frozenset(
    {"bientot", "presque", "environ", "plus", "moins", "de", "d", "au", "pres", "a",
     "peu", "quasi", "quasiment", "deja", "seulement", "que", "genre", "maintenant", "bien",
     "facile", "au-moins", "pile", "tout", "juste", "pratiquement"}
)  # fmt: skip


DATE_LEAD_INS = DURATION_FILLERS | {"le", "la", "l", "debut", "fin", "mi", "-", "en", "courant"}


@dataclass(frozen=True, slots=True)
class Duration:
    months: int
    start: int
    end: int
    marked: bool  # introduced by « depuis », « ça fait », « il y a »…
    is_date: bool  # « janvier », « 2023 », « le 15/03/2024 » rather than « 8 mois »


def durations_in(tx: Text, today: date) -> list[Duration]:
    """Every duration or « since » date in the text, in order."""
    marker_ends = {j for _, j in tx.spans(_DURATION_MARKERS)}
    out: list[Duration] = []
    i = 0
    while i < len(tx.words):
        quantity = _parse_quantity_at(tx, i)
        is_date = quantity is None
        if quantity is not None:
            months, end = int(quantity[0] + 1e-9), quantity[1]
        else:
            period = parse_date_at(tx, i, today)
            if period is None or period.first > today:
                i += 1
                continue
            months, end = months_between(period.first, today), period.end
        k = i
        while k > 0 and k not in marker_ends and tx.word(k - 1) in DATE_LEAD_INS:
            k -= 1
        out.append(Duration(months, i, end, k in marker_ends, is_date))
        i = end
    return out


def parse_duration_months(text: str, today: date) -> int | None:
    """Whole months a situation has lasted; None when no duration can be read.

    Quantities: « 18 mois », « 2 ans » (24), « deux ans et demi » (30), « un an et 3 mois » (15),
    « 1 an 1/2 » (18), « 1,5 an » (18), « une semaine », « 15 jours » (0).
    Dates (« depuis … »): whole months elapsed since the **first day** of the period named —
    the period's start is the earliest moment the person can mean, so the figure is what they
    said, never rounded down below it:
    « janvier » → 1 January of the most recent January not after today (this month → 0);
    « mars dernier » → the March before the current month; « janvier 2025 »; « 2023 » → from
    1 January 2023; « le 15/03/2024 » / « le 15 mars 2024 » → from that day; « l'an dernier »
    → 1 January of last year; « le mois dernier » → 1; « hier » → 0. A date after today → None.
    A bare number (« 8 ») answers the question « (en mois) »: 8; a bare year (« 2023 ») is a year.
    « jamais travaillé », « toujours », « depuis longtemps » → None. With several durations the
    first one introduced by « depuis » / « ça fait » / « il y a » wins, else the first one.
    """
    if is_dont_know(text):
        return None
    tx = Text(text)
    found = durations_in(tx, today)
    if found:
        marked = [d for d in found if d.marked]
        return (marked or found)[0].months
    nums = tx.numbers()
    if len(nums) == 1 and nums[0].digits and nums[0].value < 1900:
        if tx.word(nums[0].end) in {"e", "eur", "euro", "euros", "€", "%", "h", "heures"}:
            return None
        return int(nums[0].value)
    return None
