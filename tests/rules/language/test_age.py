"""Tests of the person's age (rules/language/age.py).

Every case is a plausible SMS / chat answer: no accents, typos, « jai », « chui », « nan »,
words and digits mixed, negations. Relative dates use the reference day 2026-11-22.
"""

from __future__ import annotations

import pytest
from engine_helpers import TODAY

from rules.language.age import parse_age


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("23", 23),
        ("23 ans", 23),
        ("23ans", 23),
        ("g 23 ans", 23),
        ("j'ai vingt-trois ans", 23),
        ("jai 23a", 23),
        ("jai 23", 23),
        ("J’ai 19 ans", 19),
        ("dix huit", 18),
        ("17 piges", 17),
        ("moi c 23", 23),
        ("23 ans et demi", 23),
        ("quarante-cinq ans", 45),
        ("j'ai 2 enfants et 30 ans", 30),
        ("j'ai eu 23 ans le mois dernier", 23),
        ("150", 150),  # out of range is returned: validation happens elsewhere
        ("age : 61", 61),
    ],
)
def test_parse_age(text: str, expected: int) -> None:
    assert parse_age(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [("née le 12/03/2001", 25), ("12/03/2001", 25), ("né le 30/11/2001", 24), ("née en 2001", 25)],
)
def test_parse_age_from_birth_date(text: str, expected: int) -> None:
    assert parse_age(text, TODAY) == expected


@pytest.mark.parametrize(
    "text",
    ["", "bof", "je sais pas", "depuis 2 ans", "2 enfants", "18 mois", "née le 12/03/2001"],
)
def test_parse_age_none(text: str) -> None:
    assert parse_age(text) is None
