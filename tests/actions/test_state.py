"""The dialogue state as kept between turns (Rasa's slot `etat`)."""

from __future__ import annotations

from actions.dialogue import State

URL = "https://mesdroits.example/fiche/AbCdEfGhIjKlMnOpQr"


def test_the_sheet_url_is_saved_under_its_own_name():
    saved = State(sheet_url=URL).as_dict()
    assert saved["sheet_url"] == URL and "sheet_id" not in saved
    assert State.from_dict(saved).sheet_url == URL


def test_states_saved_with_the_old_key_are_still_read():
    assert State.from_dict({"sheet_id": URL}).sheet_url == URL
    assert State.from_dict({}).sheet_url is None


def test_the_sheet_id_is_read_from_its_url(monkeypatch, tmp_path):
    from api import settings
    from api.routes_sheets import sheet_id_of, sheet_url

    monkeypatch.setenv("PUBLIC_BASE_URL", "https://mesdroits.example")
    monkeypatch.setenv("MESDROITS_VAR_DIR", str(tmp_path))

    settings.get_settings.cache_clear()
    try:
        assert sheet_id_of(sheet_url("AbCdEfGhIjKlMnOpQr")) == "AbCdEfGhIjKlMnOpQr"
    finally:
        settings.get_settings.cache_clear()
