"""Dates and periods: « 15/03/2024 », « le 1er mai », « mars dernier », « 2023 », « hier »."""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date

from rules.language.numbers import digit_value
from rules.language.text import Text
from rules.language.units import DURATION_UNITS

MONTHS = {
    "janvier": 1, "janv": 1, "jan": 1, "fevrier": 2, "fevr": 2, "fev": 2, "fevrie": 2,
    "mars": 3, "avril": 4, "avr": 4, "mai": 5, "juin": 6, "juillet": 7, "juil": 7, "aout": 8,
    "septembre": 9, "sept": 9, "sep": 9, "octobre": 10, "oct": 10, "novembre": 11, "nov": 11,
    "decembre": 12, "dec": 12,
}  # fmt: skip


LAST = frozenset({"dernier", "derniere", "passe", "passee"})
_PERIOD_FILLERS = frozenset({"debut", "mi", "fin", "-", "de", "d", "le", "la", "l", "en"})


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


def parse_date_at(tx: Text, i: int, today: date) -> Period | None:
    """A date or period starting at token i: « 15/03/2024 », « 15 mars », « janvier 2025 »,
    « mars dernier », « 2023 », « l'an dernier », « le mois dernier », « hier »."""
    w = tx.word
    # 15/03/2024, 15-03-24, 03/2024, 2024-03-15, 15.03.2024
    if w(i)[:1].isdigit():
        parts = [w(i)]
        j = i + 1
        if "." in w(i) and digit_value(w(i)) is None:
            parts = w(i).split(".")
        else:
            while w(j) in {"/", "-"} and w(j + 1).isdigit() and len(parts) < 3:
                parts.append(w(j + 1))
                j += 2
        if len(parts) == 3 and all(p.isdigit() for p in parts):
            if len(parts[0]) == 4:
                y, m, d = int(parts[0]), int(parts[1]), int(parts[2])
            else:
                year = _year_of(parts[2], today)
                if year is None:
                    return None
                y, m, d = year, int(parts[1]), int(parts[0])
            day = _safe_date(y, m, d)
            return Period(day, day, j) if day else None
        if len(parts) == 2 and all(p.isdigit() for p in parts) and len(parts[1]) == 4:
            first = _safe_date(int(parts[1]), int(parts[0]), 1)
            if first is None:
                return None
            last = _safe_date(first.year, first.month, 31)
            return Period(first, last or first, j)
    # le 15 mars (2024), le 1er mai
    if w(i).isdigit() and 1 <= int(w(i)) <= 31:
        j = i + 1
        if w(j) in {"er", "ere"} and tx.attached(j):
            j += 1
        if w(j) in MONTHS and not (w(j) == "sept" and w(j + 1) in DURATION_UNITS):
            day_num, month = int(w(i)), MONTHS[w(j)]
            year = _year_of(w(j + 1), today)
            if year is not None:
                day = _safe_date(year, month, day_num)
                return Period(day, day, j + 2) if day else None
            day = _safe_date(today.year, month, day_num)
            if day and day > today:
                day = _safe_date(today.year - 1, month, day_num)
            return Period(day, day, j + 1) if day else None
    # (début / fin / mi-) mars (2024) (dernier)
    j = i
    while w(j) in {"debut", "mi", "fin", "-"} and j < i + 2:
        j += 1
    if w(j) in MONTHS and not (w(j) == "sept" and w(j + 1) in DURATION_UNITS):
        month = MONTHS[w(j)]
        year = _year_of(w(j + 1), today)
        end = j + 2 if year is not None else j + 1
        if year is None:
            last_year = w(j + 1) in LAST
            if last_year:
                end += 1
            year = today.year
            if month > today.month or (last_year and month == today.month):
                year -= 1
        first = date(year, month, 1)
        return Period(first, date(year, month, calendar.monthrange(year, month)[1]), end)
    # (début / fin) 2023
    year = _year_of(w(j), today) if len(w(j)) == 4 else None
    if year is not None and w(j + 1) not in DURATION_UNITS:
        return Period(date(year, 1, 1), date(year, 12, 31), j + 1)
    # relative: l'an dernier, l'année dernière, le mois dernier, cette année, hier…
    k = i + 1 if w(i) in {"l", "le", "la", "cette", "ce", "cet"} else i
    if w(k) in {"an", "annee"} and w(k + 1) in LAST:
        return Period(date(today.year - 1, 1, 1), date(today.year - 1, 12, 31), k + 2)
    if w(k) in {"an", "annee"} and w(i) in {"cette", "cet"}:
        return Period(date(today.year, 1, 1), today, k + 1)
    if w(k) == "mois" and w(k + 1) in LAST:
        year, month = (today.year, today.month - 1) if today.month > 1 else (today.year - 1, 12)
        last_day = calendar.monthrange(year, month)[1]
        return Period(date(year, month, 1), date(year, month, last_day), k + 2)
    if w(k) == "semaine" and w(k + 1) in LAST:
        return Period(today, today, k + 2)
    if w(i) == "hier" or (w(i) == "avant" and w(i + 1) == "-" and w(i + 2) == "hier"):
        return Period(today, today, i + 1 if w(i) == "hier" else i + 3)
    if w(i) == "aujourd" and w(i + 1) == "hui":
        return Period(today, today, i + 2)
    return None


FULL_DATE_RE = re.compile(r"\d{1,2}\s?[/.-]\s?\d{1,2}\s?[/.-]\s?\d{2,4}")
