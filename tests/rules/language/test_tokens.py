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


def test_a_message_read_again_is_read_the_same_and_readers_share_nothing() -> None:
    """A message is cut into tokens once for all its readers (cached): a reader that changes
    its list of words changes nothing for the next reader of the same message."""
    first = Tokens("g 23ans au chomdu")
    first.words.append("rsa")
    again = Tokens("g 23ans au chomdu")
    assert again.words == ["j", "ai", "23", "ans", "au", "chomage"]
    assert again.attached(3) and again.toks == first.toks
