"""Tests of the unit words after a number (rules/language/units.py)."""

from __future__ import annotations

import pytest

from rules.language.text import Text
from rules.language.units import duration_unit_at, half_at


@pytest.mark.parametrize(
    ("text", "months"),
    [("18 mois", 1), ("2 ans", 12), ("3a", 12), ("18m", 1), ("2 trimestres", 3)],
)
def test_duration_unit_at(text: str, months: float) -> None:
    assert duration_unit_at(Text(text), 1) == months


def test_single_letter_units_only_when_glued_to_the_number() -> None:
    assert duration_unit_at(Text("3 a"), 1) is None
    assert duration_unit_at(Text("3 enfants"), 1) is None


@pytest.mark.parametrize(("text", "tokens"), [("et demi", 2), ("1/2", 3), ("et 3 mois", 0)])
def test_half_at(text: str, tokens: int) -> None:
    assert half_at(Text(text), 0) == tokens
