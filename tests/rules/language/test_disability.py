"""Tests of the incapacity rate (rules/language/disability.py)."""

from __future__ import annotations

import pytest

from rules.language.disability import parse_incapacity_rate


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("non", 0),
        ("nan", 0),
        ("pas de taux", 0),
        ("aucun", 0),
        ("non pas reconnu", 0),
        ("30 %", 0),  # under 50 %: no band of the amounts
        ("moins de 50", 0),
        ("0", 0),
        ("50", 50),
        ("60%", 50),
        ("entre 50 et 79", 50),
        ("Oui, de 50 à 79 %", 50),
        ("80 %", 80),
        ("oui 80", 80),
        ("85%", 80),
        ("Oui, 80 % ou plus", 80),
        ("plus de 80", 80),
    ],
)
def test_parse_incapacity_rate(text: str, expected: int) -> None:
    assert parse_incapacity_rate(text) == expected


@pytest.mark.parametrize("text", ["oui", "ouais", "demande en cours", "jsp", "2", "bof"])
def test_parse_incapacity_rate_reads_nothing(text: str) -> None:
    assert parse_incapacity_rate(text) is None
