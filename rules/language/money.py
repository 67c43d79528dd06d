"""Amounts of money per month: « 650 € », « 1,2k », « mille deux cents », « rien »."""

from __future__ import annotations

from itertools import pairwise

from rules.language.activity import RETRAITE, SANS_EMPLOI, parse_activite
from rules.language.dont_know import is_dont_know
from rules.language.numbers import Num
from rules.language.text import Text
from rules.language.tokens import phrase
from rules.language.units import AGE_UNITS, DURATION_UNITS, MONEY_MARKS

_MONEY_CONTEXT = frozenset(
    {"revenu", "revenus", "ressource", "ressources", "gagne", "gagnes", "gagnons", "gagnent",
     "touche", "touches", "touchons", "touchent", "percois", "percoit", "salaire", "salaires",
     "paye", "paie", "smic", "alloc", "allocs", "allocation", "allocations", "caf", "apl",
     "pension", "indemnite", "indemnites", "are", "mensuel", "mensuels", "mensuelle", "vis",
     "vit", "vivons", "budget", "total", "foyer", "rentre", "rentrent"}
)  # fmt: skip
_NOT_MONEY = frozenset(
    {"loyer", "dette", "dettes", "credit", "credits", "facture", "factures", "charges",
     "retard", "impayes", "amende", "dois"}
)  # fmt: skip
NOT_MONEY = _NOT_MONEY
_NON_MONEY_UNITS = frozenset(
    set(DURATION_UNITS)
    | AGE_UNITS
    | {"enfant", "enfants", "%", "h", "heure", "heures", "km", "fois", "personnes", "m2", "kg"}
)
_ZERO_MONEY_RE = phrase(
    r"rien|nada|que dalle|zero revenus?|(?:pas|sans|aucun|aucune|plus|0) (?:de |d )?"
    r"(?:revenus?|ressources?|salaires?|argent|sous|rentrees?)|pas un (?:rond|sou|centime|euro)"
)
_PER_YEAR_RE = phrase(r"par an|/ an|a l annee|l annee|annuel|annuels|annuelle|par annee")


def _money_value(tx: Text, num: Num) -> tuple[float, int]:
    """Apply « k » (1k2 → 1200, 1,5k → 1500); return the value and the index after it."""
    value, j = num.value, num.end
    if tx.word(j) == "k" and tx.attached(j):
        value *= 1000
        j += 1
        if tx.word(j).isdigit() and tx.attached(j) and len(tx.word(j)) <= 3:
            digits = tx.word(j)
            value += int(digits) * 10 ** (3 - len(digits))
            j += 1
    return value, j


_SUBJECTS = frozenset({"je", "j", "on", "tu", "il", "elle", "nous", "vous", "ils", "elles"})


def spends(tx: Text, k: int) -> bool:
    """« je paie 30 € de cantine »: money paid out, not « ma paie » (the pay)."""
    return tx.word(k) in {"paie", "paye"} and tx.word(k - 1) in _SUBJECTS


def spent(tx: Text, start: int) -> bool:
    """Whether the amount at `start` is paid out (« je paie 30 € de cantine »)."""
    return any(spends(tx, k) for k in range(max(0, start - 3), start))


def _skipped(tx: Text, num: Num, j: int, marked: bool, need_context: bool,
             not_money: frozenset[str]) -> bool:
    """Whether the number at `num` is no amount of money: a unit other than euros, a duration
    (« depuis 3 », « fait 2 »), near a word of `not_money`, or without any money context when
    one is needed (`spends`: « je paie 30 € de cantine » is money paid out)."""
    after = tx.word(j)
    if not marked and (after in _NON_MONEY_UNITS or (after == "a" and tx.attached(j))):
        return True
    if not marked and tx.word(num.start - 1) in {"depuis", "fait"}:
        return True
    if set(tx.words[max(0, num.start - 6) : j + 4]) & not_money:
        return True
    if need_context and not marked:
        context = {tx.word(k) for k in range(max(0, num.start - 5), num.start)
                   if not spends(tx, k)}
        return not (context & _MONEY_CONTEXT) or (not num.digits and value_below_100(tx, num))
    return False


def value_below_100(tx: Text, num: Num) -> bool:
    return _money_value(tx, num)[0] < 100


def money_candidates(tx: Text, need_context: bool, not_money: frozenset[str] = _NOT_MONEY
                     ) -> list[tuple[float, int, int, bool]]:
    """(value, start, end, has a currency mark) for each amount-like number; none near a word
    of `not_money` (a debt, a rent, a fine are no resources)."""
    out = []
    per_year = [a for a, _ in tx.spans(_PER_YEAR_RE)]
    for num in tx.numbers(group_thousands=True):
        value, j = _money_value(tx, num)
        after = tx.word(j)
        marked = after in MONEY_MARKS and (after != "e" or tx.attached(j))
        if _skipped(tx, num, j, marked, need_context, not_money):
            continue
        end = j + 1 if marked else j
        if any(end <= a <= end + 3 for a in per_year):
            value /= 12
        out.append((round(value, 2), num.start, end, marked))
    return out


def parse_money(text: str) -> float | None:
    """Euros per month: « 650 », « 650 € », « 650,50 », « 1 200 », « 1200e », « 1,2k »,
    « mille deux cents »; « rien », « aucun revenu », « 0 » → 0.0; None when unclear.

    An amount followed by a currency mark wins over a bare number; « par an » divides by 12.
    With two amounts (« entre 800 et 900 ») the first one is returned.
    """
    if is_dont_know(text):
        return None
    tx = Text(text)
    candidates = money_candidates(tx, need_context=False)
    if candidates:
        marked = [c for c in candidates if c[3]]
        return float((marked or candidates)[0][0])
    if tx.spans(_ZERO_MONEY_RE):
        return 0.0
    return None


_RANGE_JOINERS = frozenset({"et", "a", "-", "ou", "/"})
Candidate = tuple[float, int, int, bool]


def money_range(tx: Text, candidates: list[Candidate]) -> tuple[float, float] | None:
    """« entre 400 et 500 », « de 400 à 500 », « 400-500 », « 400 ou 500 »: the two ends of the
    first range of amounts said, lower first (the higher at most twice the lower)."""
    for (low, _, end, _), (high, start, _, _) in pairwise(candidates):
        joiner = tx.words[end:start]
        if len(joiner) != 1 or joiner[0] not in _RANGE_JOINERS:
            continue
        if joiner[0] == "et" and "entre" not in tx.words[max(0, end - 4):end]:
            continue  # « 400 et 500 » without « entre »: two amounts, maybe of two things
        if 0 < low < high <= 2 * low:
            return low, high
    return None


def parse_amount(text: str, not_money: frozenset[str] = _NOT_MONEY) -> float | None:
    """Like :func:`parse_money`, but a range (« entre 400 et 500 ») gives its middle (450): an
    estimate of what the person earns or pays is all the question asks."""
    if is_dont_know(text):
        return None
    tx = Text(text)
    candidates = money_candidates(tx, need_context=False, not_money=not_money)
    ends = money_range(tx, candidates)
    if ends is not None:
        return float(round((ends[0] + ends[1]) / 2))
    return parse_money(text) if not_money is _NOT_MONEY else _first_amount(tx, candidates)


def _first_amount(tx: Text, candidates: list[Candidate]) -> float | None:
    if candidates:
        marked = [c for c in candidates if c[3]]
        return float((marked or candidates)[0][0])
    return 0.0 if tx.spans(_ZERO_MONEY_RE) else None


# Money that is no pay for work: benefits, pensions, unemployment insurance.
_BENEFITS = frozenset(
    {"rsa", "are", "chomage", "caf", "apl", "al", "aah", "alloc", "allocs", "allocation",
     "allocations", "pension", "pensions", "retraite", "indemnite", "indemnites", "prime",
     "francetravail", "asf", "paje", "bourse", "invalidite", "ass", "pole"}
)  # fmt: skip


def parse_work_income(text: str) -> float | None:
    """The person's pay for work, per month: like :func:`parse_amount`; « je travaille pas »,
    « au chômage », « retraitée » → 0; an amount of benefits (« je touche 900 de chômage ») is
    no pay: 0 when the person also says they do not work, else None."""
    if is_dont_know(text):
        return None
    tx = Text(text)
    benefits = [c for c in money_candidates(tx, need_context=False)
                if _BENEFITS & set(tx.words[max(0, c[1] - 4):c[2] + 3])]
    without_work = parse_activite(text) in {SANS_EMPLOI, RETRAITE}
    if not benefits:
        amount = parse_amount(text)
        if amount is None and without_work:
            return 0.0
        return amount
    if len(benefits) == len(money_candidates(tx, need_context=False)):
        return 0.0 if without_work else None
    return None  # pay and benefits in one answer: which is which is not read
