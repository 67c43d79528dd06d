"""The facts of the personal amounts in the conversation: their buttons, their answers read in
context, and how they are said back (« J'ai noté : loyer de 520 € par mois »)."""

import datetime as dt

import pytest

from actions.dialogue import State, respond
from actions.final_answer import _question_message
from actions.reading_turn import noted_line, say_value
from rules.engine.facts import FACTS
from rules.engine.planner import question
from rules.language.answers import read_answer

TODAY = dt.date(2026, 12, 1)
KNOWN = {"commune": "insee:59512", "age": 35, "activite": "sans_emploi", "en_couple": True,
         "enfants_a_charge": 2, "enfants_moins_3_ans": 1}
CLOSED = ["logement", "conjoint_activite", "taux_incapacite"]


def _say(fact: str, text: str, **known: object) -> tuple[State, list[str]]:
    state = State(situation={**KNOWN, **known}, fait_demande=fact)
    reply = respond(state, "inform", text, TODAY, lambda _: "http://test/fiche/x")
    return reply.state, [m["text"] for m in reply.messages]


@pytest.mark.parametrize("fact", CLOSED)
def test_closed_questions_show_their_choices_as_buttons(fact: str) -> None:
    buttons = _question_message(question(fact), 3)["buttons"]
    assert [b["payload"] for b in buttons] == [c.libelle for c in FACTS[fact].choices]


@pytest.mark.parametrize("fact", CLOSED)
def test_each_button_payload_reads_back_as_its_value(fact: str) -> None:
    for button, choice in zip(_question_message(question(fact), 3)["buttons"],
                              FACTS[fact].choices, strict=True):
        assert read_answer(fact, button["payload"], TODAY).value == choice.valeur


def test_the_partner_buttons_speak_of_the_partner() -> None:
    titles = [b["title"] for b in _question_message(question("conjoint_activite"), 3)["buttons"]]
    assert "Il ou elle travaille" in titles
    assert not any(t.startswith("Je ") for t in titles)


def test_the_rate_button_sets_the_int_value() -> None:
    state, _ = _say("taux_incapacite", "Oui, de 50 à 79 %")
    assert state.situation["taux_incapacite"] == 50


def test_a_partner_button_is_not_the_persons_activity() -> None:
    known = {k: v for k, v in KNOWN.items() if k != "activite"}
    state = State(situation=known, fait_demande="conjoint_activite")
    reply = respond(state, "inform", "Je travaille", TODAY, lambda _: "http://test/fiche/x")
    assert reply.state.situation["conjoint_activite"] == "emploi"
    assert "activite" not in reply.state.situation


def test_childrens_ages_are_recorded_and_said_back() -> None:
    state, texts = _say("enfants_ages", "2 et 6 ans")
    assert list(state.situation["enfants_ages"]) == [2, 6]
    assert "J'ai noté : enfants de 2 et 6 ans." in texts


def test_a_rent_with_charges_is_kept_and_said_so() -> None:
    state, texts = _say("loyer_mensuel", "charges comprises 600", logement="locataire")
    assert state.situation["loyer_mensuel"] == 600.0
    noted = "J'ai noté : loyer de 600 € par mois (charges comprises"
    assert any(t.startswith(noted) for t in texts)


def test_a_rent_without_charges_is_said_plainly() -> None:
    _, texts = _say("loyer_mensuel", "520 balles", logement="locataire")
    assert "J'ai noté : loyer de 520 € par mois." in texts


def test_money_facts_said_in_a_first_message_are_noted() -> None:
    state = State(situation={"commune": "insee:59512"})
    reply = respond(state, "inform", "j'ai 32 ans, je suis locataire, loyer 450, mon mari a 30 "
                    "ans et il travaille", TODAY, lambda _: "http://test/fiche/x")
    situation = reply.state.situation
    assert (situation["logement"], situation["loyer_mensuel"]) == ("locataire", 450.0)
    assert (situation["conjoint_age"], situation["conjoint_activite"]) == (30, "emploi")
    assert reply.messages[0]["text"] == (
        "J'ai noté : 32 ans, vie en couple : oui, locataire d'un logement privé, loyer de "
        "450 € par mois, conjoint(e) de 30 ans, conjoint(e) en emploi.")


@pytest.mark.parametrize(
    ("name", "value", "said"),
    [
        ("logement", "locataire", "locataire d'un logement privé"),
        ("logement", "locataire_social", "locataire d'un logement social"),
        ("logement", "heberge", "hébergé(e) gratuitement"),
        ("logement", "sans_domicile", "sans logement"),
        ("loyer_mensuel", 520.0, "loyer de 520 € par mois"),
        ("loyer_mensuel", 0.0, "pas de loyer"),
        ("revenus_activite_mensuels", 1200.0, "revenus du travail de 1\u202f200 € par mois"),
        ("revenus_activite_mensuels", 0.0, "pas de revenus du travail"),
        ("conjoint_age", 30, "conjoint(e) de 30 ans"),
        ("conjoint_activite", "retraite", "conjoint(e) à la retraite"),
        ("conjoint_activite", "sans_emploi", "conjoint(e) sans emploi"),
        ("conjoint_revenus_mensuels", 900.0, "revenus du conjoint(e) de 900 € par mois"),
        ("conjoint_revenus_mensuels", 0.0, "conjoint(e) sans revenus"),
        ("enfants_ages", [2, 6], "enfants de 2 et 6 ans"),
        ("enfants_ages", (3, 7, 12), "enfants de 3, 7 et 12 ans"),
        ("enfants_ages", [4], "un enfant de 4 ans"),
        ("enfants_ages", [0, 1, 5], "enfants de moins d'un an, 1 an et 5 ans"),
        ("taux_incapacite", 0, "pas de taux d'incapacité reconnu"),
        ("taux_incapacite", 50, "taux d'incapacité de 50 à 79 %"),
        ("taux_incapacite", 80, "taux d'incapacité d'au moins 80 %"),
    ],
)
def test_say_value_of_the_money_facts(name: str, value: object, said: str) -> None:
    assert say_value(name, value) == said


def test_no_noted_line_for_a_button_of_the_rate() -> None:
    assert noted_line({"taux_incapacite": 50}, "taux_incapacite") is None
