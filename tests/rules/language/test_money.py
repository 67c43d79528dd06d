"""Tests of amounts of money (rules/language/money.py).

Every case is a plausible SMS / chat answer: no accents, typos, « jai », « chui », « nan »,
words and digits mixed, negations.
"""

from __future__ import annotations

import pytest

from rules.language.money import parse_money


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("650", 650.0),
        ("650 €", 650.0),
        ("650€", 650.0),
        ("650,50", 650.5),
        ("650.50 euros", 650.5),
        ("1 200", 1200.0),
        ("1\u00a0200 €", 1200.0),
        ("1.200€", 1200.0),
        ("1 200,50 €", 1200.5),
        ("1200e", 1200.0),
        ("600 e", 600.0),
        ("900 balles", 900.0),
        ("mille deux cents", 1200.0),
        ("huit cent cinquante euros", 850.0),
        ("1,5k", 1500.0),
        ("1k2", 1200.0),
        ("environ 900", 900.0),
        ("650 €/mois", 650.0),
        ("12000 par an", 1000.0),
        ("jtouche 550 de rsa", 550.0),
        ("j'ai 2 enfants et 900€", 900.0),
        ("entre 800 et 900", 800.0),
        ("0", 0.0),
        ("rien", 0.0),
        ("aucun revenu", 0.0),
        ("pas de revenus", 0.0),
        ("sans ressources", 0.0),
        ("que dalle", 0.0),
        ("zéro", 0.0),
    ],
)
def test_parse_money(text: str, expected: float) -> None:
    assert parse_money(text) == expected


@pytest.mark.parametrize("text", ["", "bof", "le smic", "je sais pas", "pas mal", "depuis 2 ans"])
def test_parse_money_none(text: str) -> None:
    assert parse_money(text) is None
