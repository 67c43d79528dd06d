"""Tests of yes / no answers (rules/language/yes_no.py).

Every case is a plausible SMS / chat answer: no accents, typos, « jai », « chui », « nan »,
words and digits mixed, negations.
"""

from __future__ import annotations

import pytest

from rules.language.yes_no import parse_yes_no


@pytest.mark.parametrize(
    "text",
    [
        "oui",
        "Oui !",
        "OUI!!",
        "ouais",
        "ouai",
        "ouiii",
        "wi",
        "ui",
        "yes",
        "ok",
        "okkk",
        "exact",
        "bien sûr",
        "bien sur",
        "oui oui",
        "Ouais ouais",
        "tout à fait",
        "tout a fait",
        "ben oui",
        "bah ouais",
        "d'acc",
        "c'est ça",
        "évidemment",
        "si",
        "oui je le touche",
        "oui mais pas beaucoup",
        "o",
    ],
)
def test_parse_yes_no_yes(text: str) -> None:
    assert parse_yes_no(text) is True


@pytest.mark.parametrize(
    "text",
    [
        "non",
        "Non.",
        "nan",
        "nan nan",
        "nonnnn",
        "noooon",
        "nn",
        "no",
        "nope",
        "pas du tout",
        "jamais",
        "jamais de la vie",
        "absolument pas",
        "pas vraiment",
        "non merci",
        "pas encore",
        "non jamais",
        "je le touche pas",
        "bien sûr que non",
    ],
)
def test_parse_yes_no_no(text: str) -> None:
    assert parse_yes_no(text) is False


@pytest.mark.parametrize(
    "text",
    [
        "",
        "bof",
        "1",
        "0",
        "je ne sais pas",
        "jsp",
        "peut-être",
        "oui mais non",
        "ouais non",
        "mouais",
    ],
)
def test_parse_yes_no_unclear(text: str) -> None:
    assert parse_yes_no(text) is None
