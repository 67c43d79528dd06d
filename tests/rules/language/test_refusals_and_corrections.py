"""Refusals, corrections, replaced numbers and speaking for someone else (messages written here)."""

import datetime as dt

import pytest

from rules.language.answers import read_answer
from rules.language.corrections import Replacement, replaced_number, says_correction
from rules.language.proxy import as_first_person, restarts_for_someone_else
from rules.language.refusals import is_refusal
from rules.language.sentences import extract_facts

TODAY = dt.date(2026, 12, 1)


@pytest.mark.parametrize("text", [
    "je préfère ne pas répondre", "ça ne vous regarde pas", "aucune envie d'en parler",
    "c'est perso", "je veux pas le dire", "on passe", "je garde ça pour moi",
])
def test_a_refusal_is_recognised(text):
    assert is_refusal(text)


@pytest.mark.parametrize("text", ["non", "je préfère pas travailler le dimanche", "pas de RSA",
                                  "je suis privée d'emploi"])
def test_an_answer_is_no_refusal(text):
    assert not is_refusal(text)


@pytest.mark.parametrize(("text", "expected"), [
    ("non c'est 950 pas 700", Replacement(950, 700)),
    ("pas 3 mais 4", Replacement(4, 3)),
    ("j'avais mis 1 enfant mais en fait 2", Replacement(2, 1)),
    ("2 100 € et non 1 800", Replacement(2100, 1800)),
])
def test_a_replaced_number(text, expected):
    assert replaced_number(text) == expected


def test_no_replacement_without_a_pair():
    assert replaced_number("je gagne 900 par mois") is None


def test_a_leading_no_corrects_only_when_it_answers_no_yes_no_question():
    assert not says_correction("non j'ai bossé 6 mois en usine", no_answers_the_question=True)
    assert says_correction("non j'ai 41 ans", no_answers_the_question=False)
    assert says_correction("ah mince je me suis trompée", no_answers_the_question=True)


@pytest.mark.parametrize("text", ["est-ce qu'on peut recommencer pour ma soeur ?",
                                  "je voudrais refaire pour mon mari"])
def test_restarting_for_someone_else(text):
    assert restarts_for_someone_else(text)


def test_restarting_alone_is_not_for_someone_else():
    assert not restarts_for_someone_else("je veux recommencer")


def test_the_third_person_is_read_as_the_person_after_such_a_restart():
    facts = extract_facts(as_first_person("elle a 31 ans et elle cherche un emploi"), TODAY)
    assert facts["age"] == 31 and facts["activite"] == "sans_emploi"


@pytest.mark.parametrize(("text", "under_3"), [
    ("non elle a 4 ans", 0), ("l'aîné a 7 ans et la petite 10 mois", 1),
    ("ils ont 1 an et 2 ans", 2), ("aucun", 0), ("un seul", 1),
])
def test_ages_answer_the_under_3_question(text, under_3):
    assert read_answer("enfants_moins_3_ans", text, TODAY).value == under_3


@pytest.mark.parametrize("text", ["oh ça fait une paye", "je pars en mars",
                                  "on déménage en avril"])
def test_vague_or_future_is_no_time_at_the_address(text):
    assert not read_answer("residence_depuis_mois", text, TODAY).understood


def test_a_daughter_of_two_is_not_the_persons_age():
    assert "age" not in extract_facts("j'ai une fille de 3 ans", TODAY)


@pytest.mark.parametrize(("text", "facts"), [
    ("retraitée de 71 ans à Lille", {"age": 71, "activite": "retraite"}),
    ("j'aurai 40 ans en mars", {"age": 39}),
    ("je suis entre deux contrats", {"activite": "sans_emploi"}),
    ("licencié il y a 5 mois, j'habite Douai", {"sans_emploi_depuis_mois": 5}),
])
def test_sentences_read_in_context(text, facts):
    read = extract_facts(text, TODAY)
    assert {k: read.get(k) for k in facts} == facts


@pytest.mark.parametrize(("fact", "text", "value"), [
    ("activite", "je suis entre deux cdd", "sans_emploi"),
    ("enfants_a_charge", "non ils ont quitté la maison", 0),
    ("enfants_a_charge", "2 lol", 2),
])
def test_answers_read_in_context(fact, text, value):
    assert read_answer(fact, text, TODAY).value == value


@pytest.mark.parametrize(("fact", "text"), [
    ("age", "je voudrais un rendez-vous"),
    ("enceinte", "bon je suis pas mariée mais on habite ensemble avec mon copain"),
])
def test_no_answer_read_from_an_article_or_anothers_negation(fact, text):
    assert not read_answer(fact, text, TODAY).understood


def test_sans_is_about_the_word_it_precedes():
    assert extract_facts("41 ans sans emploi lille rsa", TODAY)["rsa"] is True
    assert extract_facts("en alternance pas étudiant", TODAY)["activite"] == "apprentissage"


def test_living_together_or_not():
    assert extract_facts("c'est compliqué, on vit pas ensemble", TODAY)["en_couple"] is False
    assert extract_facts("on habite ensemble avec lui", TODAY)["en_couple"] is True


def test_nord_words_and_nothing_at_all():
    assert read_answer("enfants_a_charge", "trois quinquins", TODAY).value == 3
    assert read_answer("activite", "rien du tout en ce moment", TODAY).value == "sans_emploi"


def test_a_retirement_file_is_not_being_retired():
    assert "activite" not in extract_facts("je dois monter mon dossier de retraite", TODAY)


def test_a_relative_clause_is_about_someone_else():
    assert "activite" not in extract_facts("c'est pour les gens qui travaillent ?", TODAY)
