"""Tests of the yes/no facts said in passing (rules/language/flags.py)."""

from __future__ import annotations

import pytest

from rules.language.flags import in_couple, receives_rsa, registered_france_travail, said_flag
from rules.language.text import Text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("jtouche le rsa", True),
        ("RSA : non", False),
        ("je touche pas le rsa", False),
        ("on m'a coupe le rsa", False),
        ("j'ai fait une demande de rsa", None),
        ("c quoi le rsa", None),
    ],
)
def test_receives_rsa(text: str, expected: bool | None) -> None:
    assert receives_rsa(Text(text)) is expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("je suis mariee", True),
        ("je vis seule avec mes 2 enfants", False),
        ("je ne suis pas en couple", False),
        ("j etais mariee", False),
        ("un seul enfant", None),
    ],
)
def test_in_couple(text: str, expected: bool | None) -> None:
    assert in_couple(Text(text)) is expected


def test_registered_france_travail() -> None:
    assert registered_france_travail(Text("inscrite a pole emploi")) is True
    assert registered_france_travail(Text("radie de france travail")) is False
    assert registered_france_travail(Text("je bosse")) is None


def test_said_flag_pending_is_unknown() -> None:
    assert said_flag(Text("j'ai la rqth"), frozenset({"rqth"})) is True
    assert said_flag(Text("rqth en cours"), frozenset({"rqth"})) is None
