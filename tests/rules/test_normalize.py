"""Tests of the project's one normalisation (rules/normalize.py).

Every case is a plausible SMS / chat answer: no accents, typos, « jai », « chui », « nan »,
words and digits mixed, negations.
"""

from __future__ import annotations

import pytest

from rules.normalize import normalize


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
