"""Tests of amounts of money (rules/language/money.py).

Every case is a plausible SMS / chat answer: no accents, typos, « jai », « chui », « nan »,
words and digits mixed, negations.
"""

from __future__ import annotations

import pytest

from rules.language.money import parse_amount, parse_money, parse_work_income


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


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("520 balles", 520.0),
        ("1200€/mois", 1200.0),
        ("entre 1000 et 1200", 1100.0),  # a range: its middle
        ("entre 400 et 500 €", 450.0),
        ("de 1000 a 1100 euros", 1050.0),
        ("rien", 0.0),
        ("il gagne 1500 et 200 de prime", 1500.0),  # « 1500 et 200 »: no « entre », no range
    ],
)
def test_parse_amount(text: str, expected: float) -> None:
    assert parse_amount(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1400 net", 1400.0),
        ("environ 1200", 1200.0),
        ("0", 0.0),
        ("rien", 0.0),
        ("je travaille pas", 0.0),
        ("je bosse pas en ce moment", 0.0),
        ("au chomage", 0.0),
        ("je suis a la retraite", 0.0),
        ("je suis au chomage je touche 900 d'ARE", 0.0),  # benefits are no pay
    ],
)
def test_parse_work_income(text: str, expected: float) -> None:
    assert parse_work_income(text) == expected


@pytest.mark.parametrize("text", ["je touche 500 de rsa", "je bosse a mi temps", "jsp",
                                  "1200 de salaire et 300 de caf"])
def test_parse_work_income_reads_nothing(text: str) -> None:
    assert parse_work_income(text) is None
