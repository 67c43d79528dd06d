"""Tests of the tokeniser (rules/language/tokens.py): SMS spellings and merged names."""

from __future__ import annotations

import pytest

from rules.language.tokens import Tokens


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("jtouche le R.S.A.", ["je", "touche", "le", "rsa"]),
        ("chui au chomdu", ["je", "suis", "au", "chomage"]),
        ("g 23ans", ["j", "ai", "23", "ans"]),
        ("inscrite à Pôle emploi", ["inscrite", "a", "francetravail"]),
        ("en recherche d'emploi", ["en", "demandeuremploi"]),
        ("mère au foyer", ["mere", "aufoyer"]),
    ],
)
def test_canonical_tokens(text: str, words: list[str]) -> None:
    assert Tokens(text).words == words


def test_attached_tells_glued_tokens() -> None:
    tokens = Tokens("23ans et 1200 e")
    assert tokens.words == ["23", "ans", "et", "1200", "e"]
    assert tokens.attached(1)
    assert not tokens.attached(4)
