"""Reading a message against the question asked and what is known (messages written here)."""

import datetime as dt

from actions.dialogue import State, respond

TODAY = dt.date(2026, 12, 1)


def _say(state: State, text: str, intent: str = "inform") -> tuple[State, list[str]]:
    reply = respond(state, intent, text, TODAY, lambda _: "http://test/fiche/x")
    return reply.state, [m["text"] for m in reply.messages]


def _asked(fact: str, **known: object) -> State:
    return State(situation=dict(known), fait_demande=fact)


def test_ages_of_children_answer_the_under_3_question():
    state, _ = _say(_asked("enfants_moins_3_ans", enfants_a_charge=1), "non elle a 6 ans")
    assert state.situation["enfants_moins_3_ans"] == 0


def test_a_duration_answer_is_not_the_age():
    state, _ = _say(_asked("residence_depuis_mois", age=41), "12 ans")
    assert state.situation["residence_depuis_mois"] == 144
    assert state.situation["age"] == 41


def test_an_answer_to_another_question_keeps_the_activity():
    state, _ = _say(_asked("activite_2_ans_sur_3", activite="sans_emploi"),
                    "non j'ai fait 8 mois en cdd")
    assert state.situation["activite"] == "sans_emploi"
    assert state.situation["activite_2_ans_sur_3"] is False


def test_a_new_value_not_said_as_a_correction_is_asked_about_not_recorded():
    state, texts = _say(State(situation={"age": 47}), "j'ai 22 ans")
    assert state.situation["age"] == 47
    assert texts[-1] == "Vous m'aviez dit : 47 ans. C'est bien 22 ans ?"


def test_yes_to_the_doubt_records_the_new_value_and_the_conversation_goes_on():
    state, _ = _say(_asked("commune", age=47), "j'ai 22 ans")
    state, texts = _say(state, "oui")
    assert state.situation["age"] == 22
    assert texts[0] == "C'est corrigé. J'ai noté : 22 ans."
    assert state.fait_demande == "commune"  # the question that was pending, asked again


def test_no_to_the_doubt_keeps_the_old_value_and_asks_the_pending_question_again():
    state, _ = _say(_asked("en_couple", age=47, commune="Roubaix"), "j'ai 22 ans")
    state, texts = _say(state, "non")
    assert state.situation["age"] == 47
    assert "en_couple" not in state.situation  # « non » answered the doubt, not this question
    assert texts[0] == "D'accord, je garde : 47 ans."
    assert texts[1].startswith("Vivez-vous en couple ?")


def test_a_message_that_says_more_than_yes_or_no_is_read_as_usual():
    state, _ = _say(_asked("commune", age=47), "j'ai 22 ans")
    state, _ = _say(state, "j'habite à Roubaix")
    assert state.situation["age"] == 47
    assert state.situation["commune"] == "insee:59512"
    assert state.a_corriger == {}


def test_a_correction_replaces_the_value_and_says_so():
    state, texts = _say(State(situation={"age": 47}), "en fait j'ai 42 ans")
    assert state.situation["age"] == 42
    assert "J'ai noté : 42 ans." in texts


def test_a_refusal_leaves_the_fact_unknown_and_it_is_not_asked_again():
    state, _ = _say(_asked("en_couple", age=30), "ça vous regarde pas")
    assert "en_couple" not in state.situation
    assert "en_couple" in state.ignores
    assert state.fait_demande != "en_couple"


def test_a_correction_after_the_sheet_is_understood():
    state = State(situation={"age": 30, "ressources_mensuelles_foyer": 600.0},
                  sheet_url="http://test/fiche/old",
                  sheet_for={"age": 30, "ressources_mensuelles_foyer": 600.0})
    state, _ = _say(state, "oups c'est 900 pas 600")
    assert state.situation["ressources_mensuelles_foyer"] == 900


def test_restarting_for_someone_else_starts_from_nothing():
    state, texts = _say(State(situation={"age": 55, "rsa": True}),
                        "on peut recommencer ? c'est pour ma fille")
    assert state.situation == {}
    assert texts[0].startswith("On recommence à zéro")
    state, _ = _say(state, "elle a 20 ans")
    assert state.situation.get("age") == 20


def test_going_on_is_no_farewell():
    _, texts = _say(_asked("rsa", age=30), "bon on continue", "goodbye")
    assert not any("Au revoir" in t for t in texts)


def test_restarting_for_someone_else_reads_what_is_said_of_them():
    state, texts = _say(State(situation={"age": 61, "activite": "emploi"}),
                        "finalement on refait pour mon fils, il a 19 ans il est au chomage")
    assert state.situation == {"age": 19, "activite": "sans_emploi"}
    assert "J'ai noté : 19 ans, sans emploi." in texts


def test_the_childrens_ages_in_a_first_message_answer_the_under_3_question():
    state, _ = _say(State(), "29 ans, 2 enfants une de 6 mois et un de 5 ans, Lille")
    assert state.situation["enfants_moins_3_ans"] == 1
    assert state.fait_demande != "enfants_moins_3_ans"


def test_a_scheme_named_in_a_question_is_explained_whatever_the_intent():
    _, texts = _say(State(), "salut c'est quoi le cej ?", "greet")
    assert texts[0].startswith("Contrat d'engagement jeune")


def test_the_no_of_a_correction_does_not_answer_the_yes_no_question():
    state, _ = _say(_asked("en_couple", age=35), "ah non pardon, en fait j'ai 36 ans")
    assert state.situation["age"] == 36
    assert "en_couple" not in state.situation


def test_bare_ages_of_each_child_answer_the_under_3_question():
    state, _ = _say(_asked("enfants_moins_3_ans", enfants_a_charge=3), "non 5, 7 et 9")
    assert state.situation["enfants_moins_3_ans"] == 0
