"""Opening hours as data: one representation, OpenStreetMap's `opening_hours`.

Every source's hours are converted at import into an `opening_hours` string (« Mo-Th
09:30-12:30,13:30-16:00; Fr 09:00-13:00; PH off »), checked, and read with `opening-hours-py`
(a Rust parser of the whole specification: 38 µs to parse, 2 µs to evaluate; see the README
for the comparison). Public holidays: `opening-hours-py`'s French calendar decides « PH »,
`holidays` (France) names the day for the person, and a test checks the two calendars agree.

What a person reads (`status_text`): « ouvert maintenant, jusqu'à 17 h », « fermé maintenant,
ouvre lundi à 9 h », « fermé aujourd'hui (jour férié : Armistice), ouvre jeudi à 9 h 30 »,
« … sur rendez-vous » where the source says so (a comment of the rule, « "sur rendez-vous" »).
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Iterable, Mapping
from typing import Any
from zoneinfo import ZoneInfo

import holidays
import opening_hours

from rules.writing.french import MONTHS as _MONTHS

__all__ = [
    "TIMEZONE",
    "HoursError",
    "checked",
    "from_dila",
    "from_weekday_texts",
    "lieu_status",
    "public_holiday",
    "status_text",
    "weekly_text",
]

TIMEZONE = ZoneInfo("Europe/Paris")
OSM_DAYS = ("Mo", "Tu", "We", "Th", "Fr", "Sa", "Su")
FRENCH_DAYS = ("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche")
APPOINTMENT = "sur rendez-vous"
_APPOINTMENT_WORDS = re.compile(r"rendez-vous|\brdv\b|appointment", re.IGNORECASE)
_TIME = r"(\d{1,2})[:h](\d{2})(?::\d{2})?"
_RANGE = re.compile(rf"^\s*{_TIME}\s*-\s*{_TIME}\s*$")
# Public services close on public holidays: added to converted hours (the sources' weekly hours
# do not say it), so that « ouvert maintenant » is never said on the 11th of November.
PUBLIC_HOLIDAYS_OFF = "PH off"


class HoursError(ValueError):
    """Hours that cannot be read: the French message says what is wrong."""


Range = tuple[int, int]  # minutes from midnight


def _minutes(hours: str, minutes: str, text: str) -> int:
    value = int(hours) * 60 + int(minutes)
    if int(minutes) > 59 or value > 24 * 60:
        raise HoursError(f"heure impossible dans « {text} »")
    return value


def _ranges(text: str) -> list[Range]:
    """« 09:30 - 12:30 / 13:30 - 16:00 » → [(570, 750), (810, 960)], overlaps merged; the
    « 00:00 - 00:00 » some sources write for « no information » is dropped."""
    found: list[Range] = []
    for part in text.split("/"):
        if not part.strip():
            continue
        match = _RANGE.match(part)
        if not match:
            raise HoursError(f"plage horaire illisible : « {part.strip()} » "
                             "(attendu : 09:00 - 12:00)")
        start = _minutes(match.group(1), match.group(2), part)
        end = _minutes(match.group(3), match.group(4), part)
        if start == end == 0:
            continue
        if end <= start:
            raise HoursError(f"la plage « {part.strip()} » finit avant de commencer")
        found.append((start, end))
    merged: list[Range] = []
    for start, end in sorted(found):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def _hhmm(minutes: int) -> str:
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def _rules(days: list[tuple[list[Range], bool]]) -> str | None:
    """Seven (ranges, by appointment) → « Mo-Th 09:30-12:30; Fr 09:00-13:00 "…"; PH off »,
    consecutive days with the same hours grouped."""
    rules: list[str] = []
    i = 0
    while i < len(days):
        ranges, appointment = days[i]
        j = i
        while j + 1 < len(days) and days[j + 1] == days[i]:
            j += 1
        if ranges:
            selector = OSM_DAYS[i] if i == j else f"{OSM_DAYS[i]}-{OSM_DAYS[j]}"
            times = ",".join(f"{_hhmm(a)}-{_hhmm(b)}" for a, b in ranges)
            comment = f' "{APPOINTMENT}"' if appointment else ""
            rules.append(f"{selector} {times}{comment}")
        i = j + 1
    if not rules:
        return None
    return checked("; ".join([*rules, PUBLIC_HOLIDAYS_OFF]))


def _appointment_days(comment: str | None) -> set[int]:
    """The days a comment says are by appointment only (« Sur rendez-vous uniquement les JEUDIS
    et VENDREDIS » → Thursday, Friday; « uniquement sur rdv » → every day)."""
    if not comment or not re.search(
            r"(uniquement|seulement|exclusivement)\s+sur\s+(rendez-vous|rdv)"
            r"|sur\s+(rendez-vous|rdv)\s+(uniquement|seulement)"
            r"|rendez-vous\s+(est\s+)?(nécessaire|obligatoire)", comment, re.IGNORECASE):
        return set()
    named = {i for i, day in enumerate(FRENCH_DAYS) if re.search(day, comment, re.IGNORECASE)}
    return named or set(range(7))


def from_weekday_texts(texts: Iterable[str | None], comment: str | None = None) -> str | None:
    """The ANCT's free text per weekday (lundi → samedi or dimanche) as `opening_hours`."""
    appointment = _appointment_days(comment)
    days: list[tuple[list[Range], bool]] = []
    for i, text in enumerate(list(texts)[:7]):
        ranges = _ranges(text) if text and text.strip() else []
        days.append((ranges, bool(ranges) and i in appointment))
    days += [([], False)] * (7 - len(days))
    return _rules(days)


def _dila_day(name: str | None) -> int:
    folded = (name or "").strip().lower()
    if folded not in FRENCH_DAYS:
        raise HoursError(f"jour inconnu : « {name} »")
    return FRENCH_DAYS.index(folded)


def from_dila(plages: list[dict[str, str]]) -> str | None:
    """The DILA « Base de données locales » `plage_ouverture` list as `opening_hours`."""
    days: list[tuple[list[Range], bool]] = [([], False) for _ in range(7)]
    for plage in plages:
        first = _dila_day(plage.get("nom_jour_debut"))
        last = _dila_day(plage.get("nom_jour_fin") or plage.get("nom_jour_debut"))
        if last < first:
            raise HoursError(f"« {plage.get('nom_jour_debut')} » à « {plage.get('nom_jour_fin')} »"
                             " : le dernier jour est avant le premier")
        text = " / ".join(f"{plage[a]} - {plage[b]}" for a, b in (
            ("valeur_heure_debut_1", "valeur_heure_fin_1"),
            ("valeur_heure_debut_2", "valeur_heure_fin_2")) if plage.get(a) and plage.get(b))
        appointment = bool(_APPOINTMENT_WORDS.search(plage.get("commentaire") or ""))
        for day in range(first, last + 1):
            ranges = sorted(days[day][0] + _ranges(text))
            days[day] = (ranges, days[day][1] or appointment)
    return _rules(days)


def checked(value: str) -> str:
    """The string if `opening-hours-py` reads it; else HoursError, in French."""
    try:
        _parsed(value)
    except (SyntaxError, ValueError, opening_hours.ParserError) as exc:
        first = str(exc).strip().splitlines()[0] if str(exc).strip() else ""
        raise HoursError(f"horaires « {value} » illisibles au format OpenStreetMap "
                         f"opening_hours ({first})") from None
    return value


@functools.lru_cache(maxsize=4096)
def _parsed(value: str) -> opening_hours.OpeningHours:
    return opening_hours.OpeningHours(value, country="FR")


# --------------------------------------------------------------------------------------------
# Said to the person


@functools.lru_cache(maxsize=16)
def _calendar(year: int) -> holidays.HolidayBase:
    return holidays.France(years=year, language="fr")


def public_holiday(day: dt.date) -> str | None:
    """The French name of the public holiday on that day, or None."""
    return _calendar(day.year).get(day)


def _clock(moment: dt.datetime) -> str:
    """17:00 → « 17 h », 09:30 → « 9 h 30 »."""
    return f"{moment.hour} h" + (f" {moment.minute:02d}" if moment.minute else "")


def _local(now: dt.datetime) -> dt.datetime:
    """Wall-clock time in the Nord, naive (what `opening-hours-py` reads)."""
    if now.tzinfo is not None:
        now = now.astimezone(TIMEZONE)
    return now.replace(tzinfo=None, second=0, microsecond=0)


def _day_word(start: dt.datetime, now: dt.datetime) -> str:
    days = (start.date() - now.date()).days
    if days == 0:
        return "aujourd'hui"
    if days == 1:
        return "demain"
    if days < 7:
        return FRENCH_DAYS[start.weekday()]
    return f"le {FRENCH_DAYS[start.weekday()]} {start.day} {_MONTHS[start.month - 1]}"


def _next_opening(parsed: opening_hours.OpeningHours, now: dt.datetime
                  ) -> tuple[dt.datetime, str] | None:
    for start, _end, state, comment in parsed.intervals(now, now + dt.timedelta(days=15)):
        if state == opening_hours.State.OPEN:
            return max(start, now), comment or ""
    return None


def _by_appointment(comment: str | None) -> str:
    return f" {APPOINTMENT}" if comment and _APPOINTMENT_WORDS.search(comment) else ""


def status_text(value: str | None, now: dt.datetime) -> str | None:
    """« ouvert maintenant, jusqu'à 17 h », « fermé maintenant, ouvre lundi à 9 h »… or None
    when the hours are unknown."""
    if not value:
        return None
    local = _local(now)
    parsed = _parsed(value)
    state, comment = parsed.state(local)
    if state == opening_hours.State.UNKNOWN:
        return "horaires à confirmer"
    if state == opening_hours.State.OPEN:
        until = parsed.next_change(local)
        if until is not None and until.date() == local.date():
            return f"ouvert maintenant{_by_appointment(comment)}, jusqu'à {_clock(until)}"
        return f"ouvert maintenant{_by_appointment(comment)}"
    holiday = public_holiday(local.date())
    closed = (f"fermé aujourd'hui (jour férié : {holiday})" if holiday
              else "fermé maintenant")
    following = _next_opening(parsed, local)
    if following is None:
        return f"{closed}, pas d'ouverture connue dans les deux semaines"
    start, next_comment = following
    return (f"{closed}, ouvre {_day_word(start, local)} à {_clock(start)}"
            f"{',' if _by_appointment(next_comment) else ''}{_by_appointment(next_comment)}")


def _reference_week(on: dt.date) -> dt.date:
    """The Monday of the first week from `on` without a public holiday."""
    monday = on - dt.timedelta(days=on.weekday())
    while any(public_holiday(monday + dt.timedelta(days=i)) for i in range(7)):
        monday += dt.timedelta(days=7)
    return monday


def _day_text(parsed: opening_hours.OpeningHours, day: dt.date) -> str:
    start = dt.datetime.combine(day, dt.time())
    parts, appointment = [], False
    for begin, end, state, comment in parsed.intervals(start, start + dt.timedelta(days=1)):
        if state == opening_hours.State.OPEN:
            parts.append(f"{_clock(begin)} – {_clock(end) if end.date() == day else '24 h'}")
            appointment = appointment or bool(_by_appointment(comment))
    return " et ".join(parts) + (f", {APPOINTMENT}" if appointment else "")


def weekly_text(value: str | None, on: dt.date) -> str | None:
    """A usual week in French: « du lundi au jeudi : 9 h 30 – 12 h 30 et 13 h 30 – 16 h ;
    vendredi : 9 h – 13 h » (a week without public holiday, from `on`)."""
    if not value:
        return None
    parsed = _parsed(value)
    monday = _reference_week(on)
    texts = [_day_text(parsed, monday + dt.timedelta(days=i)) for i in range(7)]
    groups: list[str] = []
    i = 0
    while i < 7:
        j = i
        while j + 1 < 7 and texts[j + 1] == texts[i]:
            j += 1
        if texts[i]:
            days = FRENCH_DAYS[i] if i == j else (
                f"{FRENCH_DAYS[i]} et {FRENCH_DAYS[j]}" if j == i + 1
                else f"du {FRENCH_DAYS[i]} au {FRENCH_DAYS[j]}")
            groups.append(f"{days} : {texts[i]}")
        i = j + 1
    return " ; ".join(groups) or None


def _month_year(iso: str | None) -> str | None:
    if not iso:
        return None
    day = dt.date.fromisoformat(iso)
    return f"{_MONTHS[day.month - 1]} {day.year}"


def lieu_status(lieu: Mapping[str, Any], now: dt.datetime) -> str | None:
    """The opening status of a `lieu` now, with the date of the information: « Ouvert
    maintenant, jusqu'à 17 h (horaires d'août 2024) », or None when its hours are unknown."""
    text = status_text(lieu.get("horaires_osm"), now)
    if text is None:
        return None
    dated = _month_year(lieu.get("horaires_date"))
    of = ("d'" if dated[:1] in "aeiouyo" else "de ") if dated else ""
    return f"{text[:1].upper()}{text[1:]}" + (f" (horaires {of}{dated})" if dated else "")
