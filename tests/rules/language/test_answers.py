"""Tests of reading the answer to one question (rules/language/answers.py)."""

from __future__ import annotations

import pytest
from engine_helpers import TODAY

from rules.language.answers import NOT_UNDERSTOOD, Answer, read_answer


@pytest.mark.parametrize(
    ("fact", "text", "expected"),
    [
        ("rsa", "nan", Answer(False)),
        ("rsa", "ouais", Answer(True)),
        ("activite", "je bosse en interim", Answer("emploi")),
        ("age", "vingt-trois ans", Answer(23)),
        ("sans_emploi_depuis_mois", "depuis janvier", Answer(10)),
        ("sans_emploi_depuis_mois", "8", Answer(8)),
        ("enfants_a_charge", "2 dont un bebe", Answer(2, extra={"enfants_moins_3_ans": 1})),
        ("enfants_a_charge", "3", Answer(3)),
        ("enfants_moins_3_ans", "non", Answer(0)),
        ("ressources_mensuelles_foyer", "1200 e", Answer(1200.0)),
        ("commune", "  Roubaix ", Answer("Roubaix")),
    ],
)
def test_read_answer(fact: str, text: str, expected: Answer) -> None:
    assert read_answer(fact, text, TODAY) == expected


def test_read_answer_dont_know_and_not_understood() -> None:
    assert read_answer("age", "jsp", TODAY) == Answer(dont_know=True)
    assert read_answer("age", "bof", TODAY) is NOT_UNDERSTOOD
    assert read_answer("enfants_a_charge", "bof", TODAY) is NOT_UNDERSTOOD
    assert read_answer("commune", "  ", TODAY) is NOT_UNDERSTOOD
