"""Whatever a person types, in whatever order, the assistant answers in French and keeps a state
that can be stored (it is written to Rasa's slot as JSON at every turn)."""

import json

import pytest
from engine_helpers import TODAY
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from actions.dialogue import State, respond

INTENTS = ["greet", "thank", "goodbye", "inform", "affirm", "deny", "dont_know", "ask_rights",
           "ask_scheme", "correct", "human", "restart_conversation", "erase", "out_of_scope",
           "nlu_fallback"]
PHRASES = ["j'ai 23 ans", "roubaix", "59100", "jtouche le rsa", "oui", "non", "2 enfants",
           "un bébé de 18 mois", "depuis janvier", "depuis 2023", "au chômage", "insee:59512",
           "insee:99999", "paris", "c'est quoi le cej", "effacer mes données", "recommencer",
           "1", "0", "-3", "150 ans", "1 000 €", "<script>", "😀", "je sais pas",
           "j'habite sur roubé", "coach emploi"]
message = st.one_of(st.lists(st.sampled_from(PHRASES), max_size=5).map(" ".join),
                    st.text(max_size=300))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(st.sampled_from(INTENTS), message), min_size=1, max_size=12))
def test_any_conversation_is_answered_and_its_state_stored(turns):
    state = State()
    for intent, text in turns:
        reply = respond(state, intent, text, TODAY, lambda _: "http://test/fiche/x",
                        lambda _: ("ABCDEF", 2880))
        assert reply.messages and all(m["text"].strip() for m in reply.messages)
        for m in reply.messages:
            assert all(b["title"] and b["payload"] for b in m.get("buttons", []))
        stored = json.loads(json.dumps(reply.state.as_dict()))
        state = State.from_dict(stored)
        assert state.as_dict() == reply.state.as_dict()


@pytest.mark.parametrize("text", ["⓵", "j'ai " + "9" * 400 + " ans", "9" * 400])
def test_odd_digits_and_huge_numbers_are_answered(text):
    reply = respond(State(), "inform", text, TODAY, lambda _: "http://test/fiche/x",
                    lambda _: ("ABCDEF", 2880))
    assert reply.messages and all(m["text"].strip() for m in reply.messages)
