"""Tests of the rent without charges (rules/language/rent.py)."""

from __future__ import annotations

import pytest

from rules.language.rent import Rent, parse_rent, rent_in_sentence, rent_includes_charges
from rules.language.text import Text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("520", 520.0),
        ("520e", 520.0),
        ("520 euros", 520.0),
        ("520 balles", 520.0),
        ("environ 500", 500.0),
        ("1 200", 1200.0),
        ("1200€/mois", 1200.0),
        ("mon loyer est de 450", 450.0),
        ("rien", 0.0),
        ("0", 0.0),
        ("pas de loyer", 0.0),
        ("entre 400 et 500", 450.0),  # the middle of a range
        ("de 400 a 500 €", 450.0),
        ("400-500", 450.0),
        ("520 hors charges", 520.0),
        ("520 + 80 de charges", 520.0),
        ("loyer 520 charges 80", 520.0),
        ("600 cc dont 80 de charges", 520.0),  # both given: the rent without charges
        ("charges comprises 600, 80 de charges", 520.0),
        ("450 mais 300 d'apl", 450.0),  # the housing benefit is not the rent
    ],
)
def test_parse_rent(text: str, expected: float) -> None:
    assert parse_rent(text) == Rent(expected)


@pytest.mark.parametrize("text", ["charges comprises 600", "600 cc", "600 tout compris",
                                  "600 avec les charges"])
def test_rent_with_charges_is_kept_and_said_so(text: str) -> None:
    assert parse_rent(text) == Rent(600.0, charges_included=True)
    assert rent_includes_charges(text)


@pytest.mark.parametrize("text", ["jsp", "bof", "450 apl deduite", "80 de charges",
                                  "caution de 500"])
def test_parse_rent_reads_nothing(text: str) -> None:
    assert parse_rent(text) is None


def test_no_charges_note_when_the_rent_is_without_charges() -> None:
    assert not rent_includes_charges("520")
    assert not rent_includes_charges("600 cc dont 80 de charges")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("je suis locataire, loyer 450", 450.0),
        ("mon loyer est de 520 €", 520.0),
        ("je paie 450 € de loyer", 450.0),
        ("loyer : 600 hors charges", 600.0),
    ],
)
def test_rent_in_sentence(text: str, expected: float) -> None:
    assert rent_in_sentence(Text(text)) == expected


@pytest.mark.parametrize(
    "text",
    [
        "je paie 30 € de cantine",
        "j'ai 300 € de retard de loyer",
        "la caf me donne 200 pour le loyer",
        "200 d'apl pour le loyer",
        "mon loyer a augmente de 50 €",
        "loyer 600 charges comprises",  # the question is without the charges
        "le loyer de ma mere est de 600",
        "mon fils paie 300 de loyer",
        "je touche 1200 €",
    ],
)
def test_rent_in_sentence_reads_nothing(text: str) -> None:
    assert rent_in_sentence(Text(text)) is None
