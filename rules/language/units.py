"""The words that follow a number and say what it counts: months, years, euros."""

from __future__ import annotations

from rules.language.tokens import Tokens

_DAYS_PER_MONTH = 365.25 / 12
# In months.
DURATION_UNITS: dict[str, float] = {
    "mois": 1, "moi": 1, "moiss": 1, "an": 12, "ans": 12, "annee": 12, "annees": 12,
    "anee": 12, "anees": 12, "annes": 12, "semaine": 7 / _DAYS_PER_MONTH,
    "semaines": 7 / _DAYS_PER_MONTH, "sem": 7 / _DAYS_PER_MONTH, "jour": 1 / _DAYS_PER_MONTH,
    "jours": 1 / _DAYS_PER_MONTH, "journees": 1 / _DAYS_PER_MONTH, "trimestre": 3,
    "trimestres": 3,
}  # fmt: skip
# Only when glued to the number: « 3a », « 18m », « 15j ».
_ATTACHED_UNITS: dict[str, float] = {"a": 12, "m": 1, "j": 1 / _DAYS_PER_MONTH}
_HALF = frozenset({"demi", "demie"})
AGE_UNITS = frozenset({"ans", "an", "piges", "balais", "berges", "printemps", "ams", "anss"})
MONEY_MARKS = frozenset({"€", "e", "eur", "euro", "euros", "eu", "eus", "balles", "boules"})


def duration_unit_at(tx: Tokens, j: int) -> float | None:
    """The duration unit at token j, in months (« mois », « ans », glued « 3a »), or None."""
    word = tx.word(j)
    unit = DURATION_UNITS.get(word)
    if unit is None and word in _ATTACHED_UNITS and tx.attached(j):
        unit = _ATTACHED_UNITS[word]
    return unit


def half_at(tx: Tokens, k: int) -> int:
    """How many tokens of « et demi » or « 1/2 » start at token k (0 when none)."""
    if tx.word(k) == "et" and tx.word(k + 1) in _HALF:
        return 2
    if tx.word(k) == "1" and tx.word(k + 1) == "/" and tx.word(k + 2) == "2":
        return 3
    return 0
