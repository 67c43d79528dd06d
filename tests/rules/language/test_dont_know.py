"""Tests of « je ne sais pas » (rules/language/dont_know.py).

Every case is a plausible SMS / chat answer: no accents, typos, « jai », « chui », « nan »,
words and digits mixed, negations.
"""

from __future__ import annotations

import pytest

from rules.language.dont_know import DONT_KNOW, DontKnow, is_dont_know


def test_dont_know_is_a_singleton_sentinel() -> None:
    import copy

    assert DontKnow() is DONT_KNOW
    assert copy.deepcopy(DONT_KNOW) is DONT_KNOW
    assert repr(DONT_KNOW) == "DONT_KNOW"


@pytest.mark.parametrize(
    "text",
    [
        "je ne sais pas",
        "je sais pas",
        "jsp",
        "JSP",
        "chais pas",
        "chépa",
        "aucune idée",
        "Aucune idee !",
        "?",
        "??",
        "j'sais pas",
        "je c pas",
        "jsais pas trop",
        "je me souviens plus",
        "j'en sais rien",
        "je n'en sais rien",
        "pas sûr",
        "sais pas",
    ],
)
def test_is_dont_know_true(text: str) -> None:
    assert is_dont_know(text) is True


@pytest.mark.parametrize(
    "text",
    ["je sais", "jsais", "oui", "non", "c pas moi", "je suis pas sur roubaix", "", "bof", "23"],
)
def test_is_dont_know_false(text: str) -> None:
    assert is_dont_know(text) is False
