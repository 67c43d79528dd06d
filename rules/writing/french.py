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


def ages(values: tuple[int, ...] | list[int]) -> str:
    """(2, 6) → « 2 et 6 ans » ; (1,) → « 1 an » ; (3, 7, 12) → « 3, 7 et 12 ans »."""
    if not values:
        return "aucun"
    words = [number(v) for v in values]
    listed = words[0] if len(words) == 1 else ", ".join(words[:-1]) + " et " + words[-1]
    return f"{listed} an" if len(values) == 1 and values[0] <= 1 else f"{listed} ans"


def date(value: dt.date) -> str:
    """2022-03-01 → « 1er mars 2022 »."""
    day = "1er" if value.day == 1 else str(value.day)
    return f"{day} {MONTHS[value.month - 1]} {value.year}"


def months(value: int) -> str:
    if value >= 24 and value % 12 == 0:
        return f"{value // 12} ans"
    return f"{value} mois"


class TemplateContext(dict):
    """Values for sentence templates; an unknown name shows « ? » instead of failing."""

    def __missing__(self, key: str) -> str:
        return "?"


def fill(template: str, context: Mapping[str, object]) -> str:
    """Fill « {age} ans » from the context (build it as a TemplateContext to save a copy)."""
    if "{" not in template:
        return template
    if not isinstance(context, TemplateContext):
        context = TemplateContext(context)
    return template.format_map(context)
