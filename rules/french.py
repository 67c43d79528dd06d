"""French formatting of numbers, amounts and dates, and filling of sentence templates."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

MONTHS = (
    "janvier", "février", "mars", "avril", "mai", "juin",
    "juillet", "août", "septembre", "octobre", "novembre", "décembre",
)
NBSP = "\u202f"  # narrow no-break space, the French thousands separator


def number(value: float) -> str:
    """1234.5 → « 1 234,5 » ; 651.69 → « 651,69 » ; 23.0 → « 23 »."""
    text = f"{int(value):,}" if float(value).is_integer() else f"{value:,.2f}"
    return text.replace(",", NBSP).replace(".", ",")


def euros(value: float) -> str:
    if float(value).is_integer():
        return f"{number(value)} €"
    return f"{value:,.2f}".replace(",", NBSP).replace(".", ",") + " €"


def date(value: dt.date) -> str:
    """2022-03-01 → « 1er mars 2022 »."""
    day = "1er" if value.day == 1 else str(value.day)
    return f"{day} {MONTHS[value.month - 1]} {value.year}"


def months(value: int) -> str:
    if value >= 24 and value % 12 == 0:
        return f"{value // 12} ans"
    return f"{value} mois"


class _Context(dict):
    def __missing__(self, key: str) -> str:
        return "?"


def fill(template: str, context: Mapping[str, object]) -> str:
    """Fill « {age} ans » from the context; an unknown name shows « ? » instead of failing."""
    if "{" not in template:
        return template
    return template.format_map(_Context(context))
