"""The commune in a turn: taken when clear, offered with one tap, confirmed outside the Nord."""

from engine_helpers import TODAY

from actions.dialogue import State, respond


def _say(state: State, text: str, intent: str = "inform") -> tuple[State, list[dict]]:
    reply = respond(state, intent, text, TODAY, lambda situation: "http://test/fiche/1")
    return reply.state, reply.messages


def _payloads(messages: list[dict]) -> list[str]:
    return [b["payload"] for m in messages for b in m.get("buttons", [])]


def test_a_misspelt_commune_in_a_sentence_is_offered_with_one_tap():
    state, messages = _say(State(), "jsuis a hazebrouk, 48 ans, au rsa")
    assert messages[-1]["text"] == "Vous habitez à Hazebrouck (59190) ?"
    assert _payloads(messages) == ["insee:59295", "commune:autre"]
    assert state.situation["age"] == 48 and "commune" not in state.situation
    state, _ = _say(state, "insee:59295")
    assert state.situation["commune"] == "insee:59295"


def test_oui_typed_takes_the_commune_offered_and_non_asks_for_it():
    state, _ = _say(State(), "je vis a armentiere")
    yes, _ = _say(state, "oui")
    assert yes.situation["commune"] == "insee:59017"
    state, _ = _say(State(), "je vis a armentiere")
    no, messages = _say(state, "non")
    assert "commune" not in no.situation
    assert messages[-1]["text"].startswith("Dans quelle commune habitez-vous ?")


def test_a_commune_outside_the_nord_changes_nothing_before_it_is_confirmed():
    state, _ = _say(State(), "j'habite à Roubaix, 30 ans")
    state, messages = _say(state, "en fait je vis à Amiens")
    assert messages[-1]["text"] == "Vous habitez bien à Amiens (Somme), hors du Nord ?"
    assert _payloads(messages) == ["insee:80021", "insee:59512"]  # « Non, Roubaix »
    assert state.situation["commune"] == "insee:59512"
    state, messages = _say(state, "insee:80021")
    assert state.situation["commune"] == "insee:80021"
    assert any("hors du Nord" in m["text"] for m in messages)


def test_a_button_payload_is_never_read_as_text():
    state, _ = _say(State(), "on habite mons")  # Mons-en-Barœul, Mons-en-Pévèle, Mons…
    state, _ = _say(state, "insee:59410")  # also Anzin's postal code: not read as such
    assert state.situation == {"commune": "insee:59410"}


def test_a_quartier_is_noted_with_its_commune():
    state, _ = _say(State(), "j'habite aux oliveaux a loos, au chomage")
    assert state.situation["commune"] == "insee:59360"
    assert state.situation["quartier_tzc"] is True


def test_everyday_words_are_not_communes():
    state, messages = _say(State(), "j'ai 2 enfants à charge et je vais à la croix rouge")
    assert "commune" not in state.situation
    assert not any("hors du Nord" in m["text"] for m in messages)


def test_a_long_message_is_refused_with_a_french_message_and_the_question_asked_again():
    state, _ = _say(State(), "j'ai 30 ans à Lille")
    asked = state.fait_demande
    state, messages = _say(state, "je vous explique " * 200)
    assert messages[0]["text"].startswith("Votre message est trop long")
    assert state.fait_demande == asked and len(messages) == 2


def test_a_misspelt_commune_after_a_greeting_is_offered():
    _, messages = _say(State(), "bonjour jhabite a roubé", "greet")
    assert messages[-1]["text"].startswith("Vouliez-vous dire : Roubaix (59100)")
    assert _payloads(messages)[0] == "insee:59512"


def test_thanks_while_the_commune_is_asked_is_not_read_as_a_commune():
    state, _ = _say(State(), "j'ai 30 ans")
    _, messages = _say(state, "merci bcp", "thank")
    assert messages[0]["text"].startswith("Avec plaisir")
