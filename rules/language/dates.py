"""Dates and periods: « 15/03/2024 », « le 1er mai », « mars dernier », « 2023 », « hier »."""

from __future__ import annotations

import calendar
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from rules.language.numbers import digit_value
from rules.language.text import Text
from rules.language.units import DURATION_UNITS

_MONTHS = {
    "janvier": 1, "janv": 1, "jan": 1, "fevrier": 2, "fevr": 2, "fev": 2, "fevrie": 2,
    "mars": 3, "avril": 4, "avr": 4, "mai": 5, "juin": 6, "juillet": 7, "juil": 7, "aout": 8,
    "septembre": 9, "sept": 9, "sep": 9, "octobre": 10, "oct": 10, "novembre": 11, "nov": 11,
    "decembre": 12, "dec": 12,
}  # fmt: skip


_LAST = frozenset({"dernier", "derniere", "passe", "passee"})


def months_between(start: date, today: date) -> int:
    """Whole months elapsed from start to today (0 when less than a month)."""
    months = (today.year - start.year) * 12 + today.month - start.month
    if today.day < start.day:
        months -= 1
    return max(months, 0)


def _safe_date(year: int, month: int, day: int) -> date | None:
    if not (1 <= month <= 12 and 1 <= day <= 31 and 1900 <= year <= 2200):
        return None
    day = min(day, calendar.monthrange(year, month)[1])
    return date(year, month, day)


def _year_of(word: str, today: date) -> int | None:
    """A year written « 2024 » or « 24 » (two digits: 20xx, not after this year)."""
    if not word.isdigit():
        return None
    if len(word) == 4 and 1900 <= int(word) <= today.year + 1:
        return int(word)
    if len(word) == 2 and 2000 + int(word) <= today.year + 1:
        return 2000 + int(word)
    return None


@dataclass(frozen=True, slots=True)
class Period:
    first: date  # first day of the period the person named
    last: date  # last day of it (same as first for a full date)
    end: int  # token index after it


@dataclass(frozen=True, slots=True)
class _Rejected:
    """A recogniser saw its shape but no valid date (« 31/13/2024 »): stop looking."""


REJECTED = _Rejected()
DateReading = Period | _Rejected | None  # None: not this recogniser's shape, try the next one
DateRecogniser = Callable[[Text, int, date], DateReading]


def _month_period(year: int, month: int, end: int) -> Period:
    last_day = calendar.monthrange(year, month)[1]
    return Period(date(year, month, 1), date(year, month, last_day), end)


def _is_month(tx: Text, j: int) -> bool:
    """A month name, but not « sept » in « sept ans »."""
    return tx.word(j) in _MONTHS and not (tx.word(j) == "sept" and tx.word(j + 1) in DURATION_UNITS)


def _numeric_parts(tx: Text, i: int) -> tuple[list[str], int]:
    """The digit groups of « 15/03/2024 », « 2024-03-15 », « 15.03.2024 », and the end."""
    word = tx.word(i)
    if "." in word and digit_value(word) is None:
        return word.split("."), i + 1
    parts, j = [word], i + 1
    while tx.word(j) in {"/", "-"} and tx.word(j + 1).isdigit() and len(parts) < 3:
        parts.append(tx.word(j + 1))
        j += 2
    return parts, j


def _full_numeric_date(parts: list[str], end: int, today: date) -> Period | _Rejected:
    if len(parts[0]) == 4:
        y, m, d = int(parts[0]), int(parts[1]), int(parts[2])
    else:
        year = _year_of(parts[2], today)
        if year is None:
            return REJECTED
        y, m, d = year, int(parts[1]), int(parts[0])
    day = _safe_date(y, m, d)
    return Period(day, day, end) if day else REJECTED


def numeric_date(tx: Text, i: int, today: date) -> DateReading:
    """« 15/03/2024 », « 15-03-24 », « 2024-03-15 », « 15.03.2024 »; « 03/2024 » (a month)."""
    if not tx.word(i)[:1].isdigit():
        return None
    parts, j = _numeric_parts(tx, i)
    if not all(p.isdigit() for p in parts):
        return None
    if len(parts) == 3:
        return _full_numeric_date(parts, j, today)
    if len(parts) == 2 and len(parts[1]) == 4:
        first = _safe_date(int(parts[1]), int(parts[0]), 1)
        if first is None:
            return REJECTED
        return Period(first, _safe_date(first.year, first.month, 31) or first, j)
    return None


def day_and_month(tx: Text, i: int, today: date) -> DateReading:
    """« le 15 mars (2024) », « le 1er mai »: without a year, the last such day until today."""
    w = tx.word
    if not (w(i).isdigit() and 1 <= int(w(i)) <= 31):
        return None
    j = i + 1
    if w(j) in {"er", "ere"} and tx.attached(j):
        j += 1
    if not _is_month(tx, j):
        return None
    day_num, month = int(w(i)), _MONTHS[w(j)]
    year = _year_of(w(j + 1), today)
    if year is not None:
        day = _safe_date(year, month, day_num)
        return Period(day, day, j + 2) if day else REJECTED
    day = _safe_date(today.year, month, day_num)
    if day and day > today:
        day = _safe_date(today.year - 1, month, day_num)
    return Period(day, day, j + 1) if day else REJECTED


def _after_period_prefix(tx: Text, i: int) -> int:
    """Skip « début », « mi- », « fin » (« début mars », « mi-2023 »)."""
    j = i
    while tx.word(j) in {"debut", "mi", "fin", "-"} and j < i + 2:
        j += 1
    return j


def named_month(tx: Text, i: int, today: date) -> DateReading:
    """« (début / fin / mi-) mars (2024) (dernier) »: without a year, the last such month."""
    j = _after_period_prefix(tx, i)
    if not _is_month(tx, j):
        return None
    number = _MONTHS[tx.word(j)]
    year = _year_of(tx.word(j + 1), today)
    if year is not None:
        return _month_period(year, number, j + 2)
    last_year = tx.word(j + 1) in _LAST
    year = today.year
    if number > today.month or (last_year and number == today.month):
        year -= 1
    return _month_period(year, number, j + 2 if last_year else j + 1)


def bare_year(tx: Text, i: int, today: date) -> DateReading:
    """« 2023 », « début 2023 » (not « 2023 ans »)."""
    j = _after_period_prefix(tx, i)
    found = _year_of(tx.word(j), today) if len(tx.word(j)) == 4 else None
    if found is None or tx.word(j + 1) in DURATION_UNITS:
        return None
    return Period(date(found, 1, 1), date(found, 12, 31), j + 1)


def _after_determiner(tx: Text, i: int) -> int:
    return i + 1 if tx.word(i) in {"l", "le", "la", "cette", "ce", "cet"} else i


def last_year(tx: Text, i: int, today: date) -> DateReading:
    """« l'an dernier », « l'année passée »: the whole of last year."""
    k = _after_determiner(tx, i)
    if tx.word(k) in {"an", "annee"} and tx.word(k + 1) in _LAST:
        return Period(date(today.year - 1, 1, 1), date(today.year - 1, 12, 31), k + 2)
    return None


def this_year(tx: Text, i: int, today: date) -> DateReading:
    """« cette année »: from 1 January to today."""
    k = _after_determiner(tx, i)
    if tx.word(k) in {"an", "annee"} and tx.word(i) in {"cette", "cet"}:
        return Period(date(today.year, 1, 1), today, k + 1)
    return None


def last_month(tx: Text, i: int, today: date) -> DateReading:
    """« le mois dernier »: the whole of the previous month."""
    k = _after_determiner(tx, i)
    if tx.word(k) == "mois" and tx.word(k + 1) in _LAST:
        if today.month > 1:
            return _month_period(today.year, today.month - 1, k + 2)
        return _month_period(today.year - 1, 12, k + 2)
    return None


def last_week(tx: Text, i: int, today: date) -> DateReading:
    """« la semaine dernière »: less than a month, read as today."""
    k = _after_determiner(tx, i)
    if tx.word(k) == "semaine" and tx.word(k + 1) in _LAST:
        return Period(today, today, k + 2)
    return None


def recent_day(tx: Text, i: int, today: date) -> DateReading:
    """« hier », « avant-hier », « aujourd'hui »: read as today."""
    w = tx.word
    if w(i) == "hier":
        return Period(today, today, i + 1)
    if w(i) == "avant" and w(i + 1) == "-" and w(i + 2) == "hier":
        return Period(today, today, i + 3)
    if w(i) == "aujourd" and w(i + 1) == "hui":
        return Period(today, today, i + 2)
    return None


# Tried in this order; the first that recognises its shape decides.
DATE_RECOGNISERS: tuple[DateRecogniser, ...] = (
    numeric_date,
    day_and_month,
    named_month,
    bare_year,
    last_year,
    this_year,
    last_month,
    last_week,
    recent_day,
)


def parse_date_at(tx: Text, i: int, today: date) -> Period | None:
    """A date or period starting at token i: « 15/03/2024 », « 15 mars », « janvier 2025 »,
    « mars dernier », « 2023 », « l'an dernier », « le mois dernier », « hier »."""
    for recognise in DATE_RECOGNISERS:
        reading = recognise(tx, i, today)
        if reading is not None:
            return reading if isinstance(reading, Period) else None
    return None


FULL_DATE_RE = re.compile(r"\d{1,2}\s?[/.-]\s?\d{1,2}\s?[/.-]\s?\d{2,4}")
