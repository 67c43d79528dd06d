"""The chat gateway without the assistant: French retry message, validation, pseudonyms."""

import socket

from api.routes_chat import pseudonym


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_assistant_down_gives_a_french_retry_message(sqlite_client, monkeypatch):
    from api import settings

    monkeypatch.setenv("RASA_URL", f"http://127.0.0.1:{free_port()}")
    settings.get_settings.cache_clear()
    response = sqlite_client.post("/api/v1/chat", json={"sender": "abc", "message": "bonjour"})
    assert response.status_code == 503
    text = response.json()["messages"][0]["text"]
    assert "Réessayez" in text and "conservées" in text


def test_chat_input_is_validated_in_french(sqlite_client):
    missing = sqlite_client.post("/api/v1/chat", json={"message": "bonjour"})
    assert missing.status_code == 422
    assert missing.json()["details"][0]["message"] == "Ce champ est obligatoire."
    too_long = sqlite_client.post("/api/v1/chat", json={"sender": "a", "message": "x" * 6000})
    assert too_long.status_code == 422


def test_pseudonyms_are_keyed_stable_and_hide_the_sender(sqlite_client):
    first = pseudonym("sms", "+33612345678")
    assert first == pseudonym("sms", "+33612345678")
    assert first != pseudonym("web", "+33612345678")
    assert "33612345678" not in first and len(first) == 40
