"""Tests of the partner said in passing (rules/language/partner.py)."""

from __future__ import annotations

import pytest

from rules.language.partner import partner_activity, partner_age, partner_income
from rules.language.text import Text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("mon mari a 30 ans", 30),
        ("ma femme, 28 ans", 28),
        ("mon copain qui a 25 ans", 25),
        ("mon mari il a 45 ans", 45),
        ("mon conjoint a trente ans et il bosse", 30),
        ("j'ai 32 ans et mon mari a 30 ans", 30),
    ],
)
def test_partner_age(text: str, expected: int) -> None:
    assert partner_age(Text(text)) == expected


@pytest.mark.parametrize(
    "text",
    [
        "ma mere a 60 ans",
        "mon fils a 20 ans",
        "mon ex mari a 40 ans",
        "mon ex-mari a 40 ans",
        "ma femme de menage a 50 ans",
        "le mari de ma soeur a 30 ans",
        "mon mari a 30 ans de plus que moi",
        "10 ans de mariage avec mon mari",
        "mon mari et moi avons 30 ans",
        "ma fille a 3 ans et elle va a la creche",
        "il a 30 ans",  # who? not said
    ],
)
def test_partner_age_reads_nothing(text: str) -> None:
    assert partner_age(Text(text)) is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("mon mari a 30 ans et il travaille", "emploi"),
        ("ma femme est au chomage", "sans_emploi"),
        ("mon conjoint est a la retraite", "retraite"),
        ("ma copine fait des etudes", "etudes"),
        ("mon mari travaille et moi je cherche", "emploi"),
        ("jai 25 ans au chomage, mon mari bosse", "emploi"),
    ],
)
def test_partner_activity(text: str, expected: str) -> None:
    assert partner_activity(Text(text)) == expected


@pytest.mark.parametrize(
    "text",
    [
        "mon fils travaille",
        "mon ex mari travaille",
        "mon mari est decede il y a 2 ans",
        "ma copine et moi on bosse",
        "mon mari a 30 ans et mon fils, il travaille",  # « il » is the son
        "je travaille",
        "ma mere est a la retraite",
    ],
)
def test_partner_activity_reads_nothing(text: str) -> None:
    assert partner_activity(Text(text)) is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [("mon copain gagne 1500 €", 1500.0), ("ma femme touche 900 de chomage", 900.0),
     ("mon mari gagne 1 800 euros par mois", 1800.0)],
)
def test_partner_income(text: str, expected: float) -> None:
    assert partner_income(Text(text)) == expected


@pytest.mark.parametrize(
    "text",
    ["mon fils gagne 500 €", "mon mari a 30 ans", "mon mari gagne bien", "je gagne 1200 €",
     "mon mari travaille et moi je touche 500 €"],
)
def test_partner_income_reads_nothing(text: str) -> None:
    assert partner_income(Text(text)) is None
