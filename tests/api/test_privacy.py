"""No personal data or sheet ids in logs; unexpected errors stay French and traceback-free."""

import logging

from fastapi.testclient import TestClient

from api.log_privacy import MaskSheetIds


def test_access_log_masks_sheet_ids():
    record = logging.LogRecord("uvicorn.access", logging.INFO, __file__, 1,
                               '%s - "%s %s HTTP/%s" %d',
                               ("127.0.0.1:5000", "GET",
                                "/fiche/AImUwkWzJLZxQNJbwMsuqo0GKUQLB5BG.pdf", "1.1", 200),
                               None)
    MaskSheetIds().filter(record)
    assert "AImUwkWz" not in record.getMessage()
    assert "/fiche/***.pdf" in record.getMessage()


def test_unexpected_error_is_french_and_logs_no_situation(sqlite_client, monkeypatch, caplog):
    import api.routes_engine

    def broken(_situation):
        raise RuntimeError("boom")

    monkeypatch.setattr(api.routes_engine, "evaluate", broken)
    client = TestClient(sqlite_client.app, raise_server_exceptions=False)
    with caplog.at_level(logging.ERROR, logger="mesdroits.api"):
        response = client.post("/api/v1/evaluate",
                                      json={"age": 33, "rsa": True, "commune": "Roubaix"})
    assert response.status_code == 500
    assert response.json()["erreur"].startswith("Une erreur interne est survenue")
    assert "Traceback" not in response.text and "boom" not in response.text
    logged = caplog.text
    assert "RuntimeError" in logged
    assert "Roubaix" not in logged and '"rsa"' not in logged


def test_an_error_on_a_sheet_logs_neither_its_id_nor_the_error_message(sqlite_client,
                                                                       monkeypatch, caplog):
    import api.routes_sheets

    created = sqlite_client.post("/api/v1/sheets", json={"age": 33, "commune": "Roubaix"})
    sheet_id = created.json()["id"]

    def broken(_context):
        raise KeyError("je touche le RSA à Wattrelos")

    monkeypatch.setattr(api.routes_sheets, "render_sheet_html", broken)
    client = TestClient(sqlite_client.app)  # nothing reaches the server: answered in French
    with caplog.at_level(logging.ERROR):
        response = client.get(f"/fiche/{sheet_id}")
    assert response.status_code == 500 and "Traceback" not in response.text
    assert "/fiche/***" in caplog.text and "KeyError" in caplog.text
    assert sheet_id not in caplog.text and "Wattrelos" not in caplog.text


def test_rasa_log_events_keep_their_name_and_numbers_only():
    from bot.log_privacy import redact_event

    event = redact_event(None, "error", {"event": "rest.message.received.timeout",
                                         "text": "je touche le RSA à Wattrelos",
                                         "level": "error", "turns": 3})
    assert event == {"event": "rest.message.received.timeout", "text": "***",
                     "level": "error", "turns": 3}
