"""Each handler of a turn, alone: it answers its own turns and lets the others pass (None)."""

from __future__ import annotations

from engine_helpers import TODAY

from actions import dialogue
from actions.dialogue import State, Turn


def turn(text: str, said: str = "inform", state: State | None = None, **read) -> Turn:
    return Turn(state or State(), said, text, TODAY, lambda situation: "http://test/fiche/1",
                lambda situation: ("ABC123", 60), **read)


def texts(reply: dialogue.Reply | None) -> list[str]:
    assert reply is not None
    return [m["text"] for m in reply.messages]


def test_an_answer_is_an_answer_even_with_a_greeting_or_a_restart():
    assert turn("bonjour", "greet").intent == "greet"
    assert turn("bonjour, j'ai 23 ans", "greet", facts={"age": 23}).intent == "inform"
    assert turn("recommencer, j'ai 23 ans", "restart_conversation",
                facts={"age": 23}).intent == "inform"


def test_erase_on_the_explicit_command_only():
    reply = dialogue._erase_or_restart(turn("Effacer mes données", "erase"))
    assert reply is not None and reply.erase and reply.state == State()
    assert dialogue._erase_or_restart(turn("j'ai 23 ans")) is None


def test_restart_asks_first_when_there_is_something_to_lose():
    state = State(situation={"age": 23})
    reply = dialogue._erase_or_restart(turn("je veux tout reprendre", "restart_conversation",
                                            state))
    assert texts(reply)[0].startswith("Voulez-vous tout recommencer")
    assert state.a_confirmer == "restart_conversation"


def test_empty_message():
    assert texts(dialogue._empty_message(turn("  ")))[0].startswith("Votre message est vide")
    assert dialogue._empty_message(turn("j'ai 23 ans")) is None


def test_welcome_only_at_the_start():
    assert texts(dialogue._welcome(turn("bonjour", "greet")))[0] == dialogue.WELCOME
    assert dialogue._welcome(turn("bonjour", "greet", State(situation={"age": 23}))) is None


def test_farewell():
    assert texts(dialogue._farewell(turn("merci", "thank")))[0].startswith("Avec plaisir")
    assert texts(dialogue._farewell(turn("au revoir", "goodbye")))[0].startswith("Au revoir")
    assert dialogue._farewell(turn("merci, j'ai 23 ans", "thank", facts={"age": 23})) is None


def test_a_person_with_a_hand_over_code():
    state = State(situation={"commune": "Roubaix"})
    said = texts(dialogue._person(turn("je veux parler à quelqu'un", "human", state)))
    assert "France Services" in said[0] and "ABC123" in said[-1]
    assert dialogue._person(turn("bonjour", "greet")) is None


def test_scheme_questions():
    known = texts(dialogue._scheme_question(turn("c'est quoi le CEJ ?", "ask_scheme")))
    assert known[0].startswith("Contrat d'engagement jeune")
    unknown = texts(dialogue._scheme_question(turn("et le pass culture ?", "ask_scheme")))
    assert unknown[0].startswith("Je ne connais pas ce dispositif")
    # facts about the person and no scheme named: an answer, for the next handlers
    assert dialogue._scheme_question(turn("j'ai 23 ans", "ask_scheme", facts={"age": 23})) is None


def test_not_understood_twice_offers_to_skip_the_question():
    state = State()
    assert texts(dialogue._answer(turn("blabla", state=state)))[0].startswith("Je n'ai pas compris")
    assert state.fait_demande == "commune"
    buttons = dialogue._answer(turn("blabla", state=state)).messages[0]["buttons"]
    assert buttons[0] == dialogue.SKIP


def test_with_no_question_pending_the_way_out_is_the_menu():
    assert dialogue._way_out(State(), TODAY)["buttons"] == dialogue.MENU


def test_every_turn_gets_an_answer():
    reply = dialogue._answer(turn("j'ai 23 ans", facts={"age": 23}))
    assert reply.messages and reply.state.situation["age"] == 23


def test_names_come_from_the_catalogue():
    assert dialogue._help_desk().id == "france_services"
    assert dialogue._examples() == ("RSA, CEJ, crèche VIP, Territoire zéro chômeur, MDIE, "
                                    "Proch'Emploi")
    assert "une France Services peut vous renseigner" in dialogue._unknown_scheme()
