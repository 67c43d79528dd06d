"""The chat gateway without the assistant: French retry message, validation, pseudonyms."""

from net_helpers import free_port

from api.routes_chat import pseudonym


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


def test_a_refused_rasa_process_is_skipped_for_the_next_one(sqlite_client, monkeypatch):
    import json
    import threading
    from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

    from api import settings

    received = []

    class FakeRasa(BaseHTTPRequestHandler):
        def do_POST(self):
            received.append(json.loads(self.rfile.read(int(self.headers["Content-Length"]))))
            body = json.dumps([{"recipient_id": "x", "text": "Bonjour !"}]).encode()
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), FakeRasa)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        monkeypatch.setenv("RASA_URLS", f"http://127.0.0.1:{free_port()},"
                                        f"http://127.0.0.1:{server.server_port}")
        settings.get_settings.cache_clear()
        for _ in range(4):  # whichever process comes first in turn, every message is answered
            response = sqlite_client.post("/api/v1/chat",
                                          json={"sender": "abc", "message": "bonjour"})
            assert response.status_code == 200
            assert response.json()["messages"][0]["text"] == "Bonjour !"
        assert len(received) == 4 and received[0]["sender"] == pseudonym("web", "abc")
        # Rasa would read « /inform{…} » as an intent and log it whole: it gets text
        sqlite_client.post("/api/v1/chat", json={"sender": "abc",
                                                 "message": ' /inform{"age": 41} au RSA'})
        assert received[-1]["message"] == 'inform{"age": 41} au RSA'
    finally:
        server.shutdown()
