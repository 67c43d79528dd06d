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


@pytest.mark.parametrize(
    ("fact", "text", "expected"),
    [
        ("logement", "2", "locataire_social"),  # the number of a choice
        ("logement", "Hébergé(e) gratuitement (famille, amis)", "heberge"),  # a button
        ("logement", "je loue", "locataire"),
        ("logement", "chez ma mere", "heberge"),
        ("logement", "sdf", "sans_domicile"),
        ("loyer_mensuel", "520 balles", 520.0),
        ("loyer_mensuel", "charges comprises 600", 600.0),
        ("loyer_mensuel", "entre 400 et 500", 450.0),
        ("revenus_activite_mensuels", "je travaille pas", 0.0),
        ("revenus_activite_mensuels", "1 200", 1200.0),
        ("conjoint_revenus_mensuels", "environ 900", 900.0),
        ("conjoint_revenus_mensuels", "rien", 0.0),
        ("conjoint_age", "30", 30),
        ("conjoint_age", "il a 30 ans", 30),
        ("conjoint_age", "elle a trente ans", 30),
        ("conjoint_age", "mon mari a 42 ans", 42),
        ("conjoint_activite", "il bosse", "emploi"),
        ("conjoint_activite", "elle est au chomage", "sans_emploi"),
        ("conjoint_activite", "Je suis à la retraite", "retraite"),  # a button
        ("enfants_ages", "2 et 6 ans", [2, 6]),
        ("enfants_ages", "le petit a 18 mois la grande 6 ans", [1, 6]),
        ("enfants_ages", "4", [4]),
        ("taux_incapacite", "Oui, de 50 à 79 %", 50),  # a button: the int value
        ("taux_incapacite", "Non, pas de taux reconnu", 0),
        ("taux_incapacite", "3", 80),  # the number of a choice
        ("taux_incapacite", "80 %", 80),
        ("taux_incapacite", "pas de taux", 0),
    ],
)
def test_read_answer_money_facts(fact: str, text: str, expected: object) -> None:
    assert read_answer(fact, text, TODAY) == Answer(expected)


@pytest.mark.parametrize(
    ("fact", "text"),
    [
        ("logement", "en foyer"),
        ("loyer_mensuel", "bof"),
        ("conjoint_revenus_mensuels", "il travaille pas"),  # he may get benefits
        ("conjoint_age", "il a 2 enfants"),
        ("conjoint_activite", "moi je bosse"),
        ("enfants_ages", "2 enfants"),
        ("taux_incapacite", "oui"),
    ],
)
def test_read_answer_money_facts_not_understood(fact: str, text: str) -> None:
    assert read_answer(fact, text, TODAY) is NOT_UNDERSTOOD


@pytest.mark.parametrize(
    "fact",
    ["logement", "loyer_mensuel", "revenus_activite_mensuels", "conjoint_age",
     "conjoint_activite", "conjoint_revenus_mensuels", "enfants_ages", "taux_incapacite"],
)
@pytest.mark.parametrize("text", ["jsp", "je sais pas", "aucune idee"])
def test_money_facts_dont_know(fact: str, text: str) -> None:
    assert read_answer(fact, text, TODAY) == Answer(dont_know=True)
