"""Tests of the housing (rules/language/housing.py): answers as typed on a phone."""

from __future__ import annotations

import pytest

from rules.language.housing import housing_in_sentence, parse_logement
from rules.language.text import Text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("locataire", "locataire"),
        ("je loue", "locataire"),
        ("en location", "locataire"),
        ("jsuis en coloc", "locataire"),
        ("en loc", "locataire"),
        ("logement prive", "locataire"),
        ("Locataire (logement privé)", "locataire"),
        ("je loue a un proprio prive", "locataire"),
        ("je suis pas proprio je loue", "locataire"),
        ("hlm", "locataire_social"),
        ("HLM", "locataire_social"),
        ("logement social", "locataire_social"),
        ("locataire chez Vilogia", "locataire_social"),
        ("en location partenord", "locataire_social"),
        ("chez ma mere", "heberge"),
        ("heberge chez un pote", "heberge"),
        ("hébergée chez mes parents", "heberge"),
        ("je vis chez ma soeur gratuitement", "heberge"),
        ("proprio", "proprietaire"),
        ("proprietaire de ma maison", "proprietaire"),
        ("on a achete il y a 5 ans", "proprietaire"),
        ("a la rue", "sans_domicile"),
        ("à la rue depuis mars", "sans_domicile"),
        ("sdf", "sans_domicile"),
        ("sans domicile fixe", "sans_domicile"),
        ("je dors dans ma voiture", "sans_domicile"),
        # emergency and insertion accommodation: no home of one's own, no rent
        ("je suis au chrs", "sans_domicile"),
        ("hébergement d'urgence", "sans_domicile"),
        ("hebergee par le 115 a l'hotel", "sans_domicile"),
        ("centre d'hebergement", "sans_domicile"),
    ],
)
def test_parse_logement(text: str, expected: str) -> None:
    assert parse_logement(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "en foyer",  # a young workers' hostel (paid) or a CHRS: not guessed
        "hebergee en foyer",
        "foyer de jeunes travailleurs",
        "mon proprio est relou",  # the landlord
        "chez moi",
        "chez mon copain",  # a partner's home is the couple's
        "appart",
        "j'habite a la rue Victor Hugo",  # an address
        "heberge chez ma soeur je lui paie 200",  # not free
        "locataire ou hebergee je sais plus",
        "pas locataire",
        "jsp",
        "bof",
        "",
    ],
)
def test_parse_logement_reads_nothing(text: str) -> None:
    assert parse_logement(text) is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("je suis locataire, loyer 450", "locataire"),
        ("jsuis locataire en hlm a roubaix", "locataire_social"),
        ("j'habite en HLM avec mes 2 enfants", "locataire_social"),
        ("je suis hebergee chez ma mere", "heberge"),
        ("je suis sdf depuis 3 mois", "sans_domicile"),
        ("je suis proprietaire", "proprietaire"),
        ("je loue un appart a Lille", "locataire"),
    ],
)
def test_housing_in_sentence(text: str, expected: str) -> None:
    assert housing_in_sentence(Text(text)) == expected


@pytest.mark.parametrize(
    "text",
    [
        "chez ma mere ce week-end",  # a visit, not a housing
        "mon fils est heberge chez moi",
        "mon proprio veut augmenter le loyer",
        "je suis pas locataire",
        "je suis hebergee en foyer",
        "j'ai 30 ans au chomage",
        "je suis locataire ou je suis proprietaire",
    ],
)
def test_housing_in_sentence_reads_nothing(text: str) -> None:
    assert housing_in_sentence(Text(text)) is None
