"""Tests of the project's one normalisation (rules/normalize.py)."""

from __future__ import annotations

import re

import pytest

from rules.normalize import fold, normalize
from rules.places.communes import normalize_name


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("J’AI  Vingt-Trois ANS", "j'ai vingt-trois ans"),
        ("Chômage à Roubaix", "chomage a roubaix"),
        ("  plein   d`espaces \n\t ici ", "plein d'espaces ici"),
        ("Cœur", "coeur"),
        ("1\u00a0200\u202f€", "1 200 €"),
        ("1 an ½", "1 an 1/2"),
        ("ÉTÉ 2024", "ete 2024"),
        ("", ""),
    ],
)
def test_normalize(text: str, expected: str) -> None:
    assert normalize(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Marcq-en-Barœul", "marcq-en-baroeul"),
        ("ÆSOP STRAẞE", "aesop strasse"),
        ("Ｒｏｕｂａｉｘ", "roubaix"),  # full-width letters, through NFKD
        ("Ñ ø ł", "n ø ł"),  # no decomposition: kept as they are
    ],
)
def test_fold(text: str, expected: str) -> None:
    assert fold(text) == expected


@pytest.mark.parametrize(
    "text", ["Villeneuve-d'Ascq", "ST AMAND-LES-EAUX", "Œuvre Ä ½", "Ｌｉｌｌｅ"]
)
def test_parser_and_gazetteer_share_the_folding(text: str) -> None:
    """The commune names are the parser's text with only letters and digits kept."""
    words = re.sub(r"[^a-z0-9]+", " ", normalize(text)).split()
    expected = " ".join({"st": "saint"}.get(w, w) for w in words)
    assert normalize_name(text) == expected
