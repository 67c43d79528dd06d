"""Tests of the facts read from one free sentence (rules/language/sentences.py), and of
every reader on long or random input.

Every case is a plausible SMS / chat answer: no accents, typos, « jai », « chui », « nan »,
words and digits mixed, negations. Relative dates use the reference day 2026-11-22.
"""

from __future__ import annotations

import time

import pytest
from engine_helpers import TODAY
from hypothesis import given, settings
from hypothesis import strategies as st

from rules.language.activity import parse_activite
from rules.language.age import parse_age
from rules.language.children import parse_children
from rules.language.dont_know import is_dont_know
from rules.language.durations import parse_duration_months
from rules.language.money import parse_money
from rules.language.numbers import parse_number
from rules.language.sentences import (
    FACT_READERS,
    Sentence,
    extract_facts,
    read_age,
    read_durations,
    read_income,
    read_pregnancy,
)
from rules.language.yes_no import parse_yes_no
from rules.normalize import normalize

LONG_GIBBERISH = ("azerty qsdfg wxcvb 12 ?! " * 250)[:5000]
LONG_SENTENCE = ("jai 23 ans au chomage depuis 8 mois et 2 enfants de 1 et 4 ans " * 80)[:5000]
LONG_DIGITS = ("1 " * 2500)[:5000]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "jai 23 ans au chomage depuis 8 mois",
            {"age": 23, "activite": "sans_emploi", "sans_emploi_depuis_mois": 8},
        ),
        (
            "23 ans au chômage depuis 8 mois",
            {"age": 23, "activite": "sans_emploi", "sans_emploi_depuis_mois": 8},
        ),
        (
            "g 24 ans, chui au chomdu dpuis 1 an et demi et jtouche le rsa",
            {"age": 24, "activite": "sans_emploi", "sans_emploi_depuis_mois": 18, "rsa": True},
        ),
        ("je touche le RSA", {"rsa": True}),
        ("au rsa", {"rsa": True}),
        ("jtouche le rsa", {"rsa": True}),
        ("allocataire du R.S.A.", {"rsa": True}),
        ("je touche pas le rsa", {"rsa": False}),
        ("je suis pas au rsa", {"rsa": False}),
        ("on m'a coupé le rsa", {"rsa": False}),
        ("j'ai fait une demande de rsa", {}),
        ("c quoi le rsa", {}),  # asking about the RSA says nothing of receiving it
        ("le rsa c koi", {}),
        ("combien fait le rsa ?", {}),
        ("le rsa comment ca marche", {}),
        ("jtouche le rsa, jai droit a quoi ?", {"rsa": True}),
        ("en couple", {"en_couple": True}),
        ("mariée", {"en_couple": True}),
        ("pacsé", {"en_couple": True}),
        ("je vis avec mon copain", {"en_couple": True}),
        ("je suis pas marié", {"en_couple": False}),
        ("célibataire", {"en_couple": False}),
        ("mère isolée", {"en_couple": False}),
        (
            "seule avec mes enfants",
            {"en_couple": False},
        ),
        (
            "divorcée, seule avec mes 3 enfants",
            {"en_couple": False, "enfants_a_charge": 3},
        ),
        ("enceinte", {"enceinte": True}),
        ("pas enceinte", {"enceinte": False}),
        (
            "jsuis enceinte de 5 mois et au chomage depuis mars",
            {"enceinte": True, "activite": "sans_emploi", "sans_emploi_depuis_mois": 8},
        ),
        ("inscrit à france travail", {"inscrit_france_travail": True}),
        ("inscrite a pole emploi", {"inscrit_france_travail": True}),
        ("pas inscrit a france travail", {"inscrit_france_travail": False}),
        ("RQTH", {"rqth": True}),
        ("travailleur handicapé", {"rqth": True}),
        ("je n'ai pas la rqth", {"rqth": False}),
        ("étudiante", {"activite": "etudes"}),
        ("je gagne 650 € par mois", {"ressources_mensuelles_foyer": 650.0}),
        ("nos revenus c'est 1 200 € par mois", {"ressources_mensuelles_foyer": 1200.0}),
        ("on a aucun revenu", {"ressources_mensuelles_foyer": 0.0}),
        ("je paye 500 euros de loyer", {"loyer_mensuel": 500.0}),  # a rent, no resources
        ("j'habite ici depuis 2 ans", {"residence_depuis_mois": 24}),
        ("depuis 2 ans dans le quartier", {"residence_depuis_mois": 24}),
        ("ca fait 3 ans que j'habite à Roubaix", {"residence_depuis_mois": 36}),
        ("j'habite Tourcoing depuis 2019", {"residence_depuis_mois": 94}),
        ("je vis seul depuis 3 ans", {"en_couple": False}),
        ("en couple depuis 5 ans", {"en_couple": True}),
        (
            "je suis une maman solo de 2 enfants dont un bb de 6 mois",
            {"en_couple": False, "enfants_a_charge": 2, "enfants_moins_3_ans": 1},
        ),
        (
            "je vis avec mon copain, on a 1 fils de 2 ans",
            {"en_couple": True, "enfants_a_charge": 1, "enfants_moins_3_ans": 1},
        ),
        (
            "étudiante de 21 ans, célibataire, sans enfant",
            {
                "age": 21,
                "activite": "etudes",
                "en_couple": False,
                "enfants_a_charge": 0,
                "enfants_moins_3_ans": 0,
            },
        ),
        (
            "mariée 3 enfants de 2, 5 et 9 ans, mon mari bosse en interim",
            {"en_couple": True, "enfants_a_charge": 3, "enfants_moins_3_ans": 1,
             "conjoint_activite": "emploi"},
        ),
        (
            "j'ai 45 ans je suis travailleur handicapé au chômage depuis 2 ans",
            {"age": 45, "activite": "sans_emploi", "sans_emploi_depuis_mois": 24, "rqth": True},
        ),
        (
            "je gagne 1350e par mois en cdi",
            {"activite": "emploi", "ressources_mensuelles_foyer": 1350.0},
        ),
        (
            "ça fait 8 mois que je cherche du boulot",
            {"activite": "sans_emploi", "sans_emploi_depuis_mois": 8},
        ),
        (
            "j'ai perdu mon travail il y a 4 mois",
            {"activite": "sans_emploi", "sans_emploi_depuis_mois": 4},
        ),
        (
            "je ne suis plus étudiant, je cherche un emploi depuis septembre",
            {"activite": "sans_emploi", "sans_emploi_depuis_mois": 2},
        ),
        ("j'ai jamais travaillé", {"activite": "sans_emploi"}),
        ("j'ai 2 enfants et j'ai 30 ans", {"age": 30, "enfants_a_charge": 2}),
        (
            "j'ai 30 ans et 2 enfants de 1 et 4 ans",
            {"age": 30, "enfants_a_charge": 2, "enfants_moins_3_ans": 1},
        ),
        (
            "j'ai 23 ans, je suis au RSA depuis 2 ans et j'habite le quartier depuis 10 ans",
            {"age": 23, "rsa": True, "residence_depuis_mois": 120},
        ),
        (
            "Jai 26ans je suis au chômage depuis janvier 2025",
            {"age": 26, "activite": "sans_emploi", "sans_emploi_depuis_mois": 22},
        ),
        ("je suis en alternance, 20 ans", {"age": 20, "activite": "apprentissage"}),
        ("je suis une fille de 19 ans", {"age": 19}),
        ("rsa : non", {"rsa": False}),
        ("RSA: oui", {"rsa": True}),
        ("enceinte: non", {"enceinte": False}),
        ("ma fille de 19 ans", {"enfants_a_charge": 1, "enfants_moins_3_ans": 0}),
        ("je suis une femme de 35 ans", {"age": 35}),
        ("jai 3 ans d'experience", {}),
        ("je suis née le 12/05/2003", {"age": 23}),
        ("j'ai emménagé en janvier", {"residence_depuis_mois": 10}),
        ("j'ai déménagé il y a 6 mois", {"residence_depuis_mois": 6}),
        (
            "au chômage depuis le 01/09/2025",
            {"activite": "sans_emploi", "sans_emploi_depuis_mois": 14},
        ),
        ("reconnaissance travailleur handicapé en cours", {}),
        ("mon mari est au chomage depuis 2 ans",
         {"en_couple": True, "conjoint_activite": "sans_emploi"}),
        ("ma copine travaille", {"en_couple": True, "conjoint_activite": "emploi"}),
        (
            "slt chui un jeune de 17 ans jsui sorti du lycée l'année dernière jfais rien",
            {"age": 17, "activite": "sans_emploi"},
        ),
        (
            "j'ai 58 ans, licencié il y a 18 mois, inscrit à pôle emploi, pas de rsa",
            {
                "age": 58,
                "activite": "sans_emploi",
                "sans_emploi_depuis_mois": 18,
                "inscrit_france_travail": True,
                "rsa": False,
            },
        ),
        (
            "sans emploi depuis 1 an ; j'habite le quartier depuis 5 ans",
            {"activite": "sans_emploi", "sans_emploi_depuis_mois": 12, "residence_depuis_mois": 60},
        ),
        (
            "Je suis au chômage. J'habite ici depuis 2 ans.",
            {"activite": "sans_emploi", "residence_depuis_mois": 24},
        ),
        ("5 ans sans emploi", {"activite": "sans_emploi", "sans_emploi_depuis_mois": 60}),
        ("je bosse depuis 3 mois en cdd", {"activite": "emploi"}),
        ("j'attends un bébé", {"enceinte": True}),
        ("je vais m'inscrire à france travail", {"inscrit_france_travail": False}),
        ("je suis radié de pôle emploi", {"inscrit_france_travail": False}),
        ("ressources : rien", {"ressources_mensuelles_foyer": 0.0}),
        (
            "Bonjour, je m'appelle Sarah, j'ai 22 ans, je vis à Roubaix avec ma fille de 2 ans. "
            "Je suis au RSA et je cherche un travail.",
            {
                "age": 22,
                "activite": "sans_emploi",
                "rsa": True,
                "enfants_a_charge": 1,
                "enfants_moins_3_ans": 1,
            },
        ),
        ("j'habite à Roubaix", {}),  # the commune is another module's job
        ("59100", {}),
        ("", {}),
        ("bof", {}),
        ("????", {}),
    ],
)
def test_extract_facts(text: str, expected: dict[str, object]) -> None:
    assert extract_facts(text, TODAY) == expected


# --------------------------------------------------------------------------------------------
# Robustness


@pytest.mark.parametrize("text", [LONG_GIBBERISH, LONG_SENTENCE, LONG_DIGITS, "a" * 5000])
def test_long_inputs_return_quickly(text: str) -> None:
    start = time.perf_counter()
    normalize(text)
    is_dont_know(text)
    parse_number(text)
    parse_age(text)
    parse_yes_no(text)
    parse_duration_months(text, TODAY)
    parse_money(text)
    parse_children(text, TODAY)
    parse_activite(text)
    extract_facts(text, TODAY)
    assert time.perf_counter() - start < 2.0


def test_long_gibberish_reads_nothing_wrong() -> None:
    assert parse_yes_no(LONG_GIBBERISH) is None
    assert parse_activite(LONG_GIBBERISH) is None
    assert extract_facts(LONG_GIBBERISH, TODAY) == {}


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=300))
def test_parsers_never_crash(text: str) -> None:
    parse_number(text)
    parse_age(text, TODAY)
    parse_yes_no(text)
    parse_duration_months(text, TODAY)
    parse_money(text)
    parse_children(text, TODAY)
    parse_activite(text)
    facts = extract_facts(text, TODAY)
    assert "commune" not in facts


# --------------------------------------------------------------------------------------------
# The fact readers, each on its own


def test_read_durations_gives_each_duration_to_its_topic() -> None:
    sentence = Sentence("au chomage depuis 8 mois, j'habite ici depuis mars 2024", TODAY)
    assert read_durations(sentence) == {
        "sans_emploi_depuis_mois": 8,
        "residence_depuis_mois": 32,
    }


def test_read_durations_moving_in_is_a_residence_date() -> None:
    assert read_durations(Sentence("j'ai emmenage en janvier", TODAY)) == {
        "residence_depuis_mois": 10
    }


def test_read_age_ignores_a_child_birth_date() -> None:
    assert read_age(Sentence("nee le 12/03/2001", TODAY)) == {"age": 25}
    assert read_age(Sentence("mon fils ne en mars 2025", TODAY)) == {}


def test_read_pregnancy_from_expecting_a_baby() -> None:
    assert read_pregnancy(Sentence("j'attends un bebe", TODAY)) == {"enceinte": True}
    assert read_pregnancy(Sentence("pas enceinte", TODAY)) == {"enceinte": False}


def test_read_income_zero_and_not_the_age() -> None:
    assert read_income(Sentence("j'ai 23 ans et aucun revenu", TODAY)) == {
        "ressources_mensuelles_foyer": 0.0
    }
    assert read_income(Sentence("je touche 650 e par mois", TODAY)) == {
        "ressources_mensuelles_foyer": 650.0
    }


@pytest.mark.parametrize("read", FACT_READERS)
def test_every_reader_finds_nothing_in_a_greeting(read) -> None:
    assert read(Sentence("bonjour", TODAY)) == {}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("je suis locataire, loyer 450", {"logement": "locataire", "loyer_mensuel": 450.0}),
        ("j'habite en hlm", {"logement": "locataire_social"}),
        ("je suis hebergee chez ma mere", {"logement": "heberge"}),
        ("mon mari a 30 ans et il travaille",
         {"en_couple": True, "conjoint_age": 30, "conjoint_activite": "emploi"}),
    ],
)
def test_extract_money_facts(text: str, expected: dict[str, object]) -> None:
    assert extract_facts(text, TODAY) == expected


@pytest.mark.parametrize(
    ("text", "absent"),
    [
        ("ma mère a 60 ans", "conjoint_age"),
        ("je paie 30 € de cantine", "loyer_mensuel"),
        ("je paie 30 € de cantine", "ressources_mensuelles_foyer"),  # paid out, not earned
        ("j'ai 300 € de retard de loyer", "loyer_mensuel"),
        ("chez ma mere ce week-end", "logement"),
        ("mon proprio veut augmenter le loyer", "logement"),
        ("mon ex mari travaille", "conjoint_activite"),
        ("mon fils a 20 ans il travaille", "conjoint_activite"),
        ("je suis hebergee en foyer", "logement"),
    ],
)
def test_extract_money_facts_only_when_unambiguous(text: str, absent: str) -> None:
    assert absent not in extract_facts(text, TODAY)


def test_pay_is_still_income() -> None:
    assert extract_facts("ma paie est de 1200", TODAY) == {"ressources_mensuelles_foyer": 1200.0}
