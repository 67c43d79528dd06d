"""The words that follow a number and say what it counts: months, years, euros."""

from __future__ import annotations

_DAYS_PER_MONTH = 365.25 / 12
DURATION_UNITS: dict[str, float] = {
    "mois": 1, "moi": 1, "moiss": 1, "an": 12, "ans": 12, "annee": 12, "annees": 12,
    "anee": 12, "anees": 12, "annes": 12, "semaine": 7 / _DAYS_PER_MONTH,
    "semaines": 7 / _DAYS_PER_MONTH, "sem": 7 / _DAYS_PER_MONTH, "jour": 1 / _DAYS_PER_MONTH,
    "jours": 1 / _DAYS_PER_MONTH, "journees": 1 / _DAYS_PER_MONTH, "trimestre": 3,
    "trimestres": 3,
}  # fmt: skip
ATTACHED_UNITS: dict[str, float] = {"a": 12, "m": 1, "j": 1 / _DAYS_PER_MONTH}
HALF = frozenset({"demi", "demie"})


AGE_UNITS = frozenset({"ans", "an", "piges", "balais", "berges", "printemps", "ams", "anss"})


MONEY_MARKS = frozenset({"€", "e", "eur", "euro", "euros", "eu", "eus", "balles", "boules"})
