"""Text cleaned or refused at the door: lone surrogates, control characters, numbers of any
length, undecodable or deeply nested bodies — a French 422, never a 500, nothing stored."""

import pytest

from api.db import session_scope
from api.input_guard import clean_text
from api.models import Sheet
from api.settings import get_settings


def post(client, path, raw: bytes):
    return client.post(path, content=raw, headers={"content-type": "application/json"})


def sheets_stored() -> int:
    with session_scope(get_settings().database_url) as session:
        return session.query(Sheet).count()


@pytest.mark.parametrize("raw, field", ids=["surrogate", "low surrogate", "nul", "escape",
                                             "surrogate key"], argvalues=[
    (rb'{"commune": "\ud800Roubaix", "age": 30}', "commune"),
    (rb'{"commune": "Roubaix\udfff"}', "commune"),
    (rb'{"commune": "Rou\u0000baix"}', "commune"),
    (rb'{"commune": "Roubaix\u001b[2J"}', "commune"),
    (rb'{"enfants": [{"\ud83d": 1}]}', "enfants.0"),
])
def test_lone_surrogates_and_control_characters_are_refused(client, raw, field):
    response = post(client, "/api/v1/sheets", raw)
    assert response.status_code == 422, response.text
    assert response.json()["details"] == [
        {"champ": field, "message": "Ce texte contient des caractères non valides."}]
    assert sheets_stored() == 0


def test_tabs_line_breaks_and_any_real_character_pass(client):
    response = post(client, "/api/v1/evaluate",
                    '{"commune": "Roubaix", "age": 30, "x": "a\\tb\\r\\nc 😀 é"}'.encode())
    assert response.status_code == 422  # the unknown field, said by the situation's validation
    assert "caractères non valides" not in response.text
    assert post(client, "/api/v1/evaluate", b'{"commune": "Roubaix"}').status_code == 200


@pytest.mark.parametrize("raw, message", ids=[
    "1000 levels", "40 levels", "not utf-8", "utf-16", "5000 digits", "400 digits", "1e999",
    "NaN", "-Infinity", "trailing comma"], argvalues=[
    (b"[" * 1000 + b"]" * 1000, "Le JSON est imbriqué trop profondément."),
    (b'{"a":' * 40 + b"1" + b"}" * 40, "Le JSON est imbriqué trop profondément."),
    (b'{"age": 3\xff}', "Le corps de la requête n'est pas du texte UTF-8 valide."),
    (b"\xff\xfe{\x00}\x00", "Le corps de la requête n'est pas du texte UTF-8 valide."),
    (b'{"age": ' + b"9" * 5000 + b"}", "Ce nombre est trop long ou hors limites."),
    (b'{"age": ' + b"9" * 400 + b"}", "Ce nombre est trop long ou hors limites."),
    (b'{"age": 1e999}', "Ce nombre est trop long ou hors limites."),
    (b'{"age": NaN}', "Ce nombre est trop long ou hors limites."),
    (b'{"age": -Infinity}', "Ce nombre est trop long ou hors limites."),
    (b'{"age": 30,}', "Le corps de la requête n'est pas du JSON valide."),
])
def test_unreadable_bodies_get_a_french_422(client, raw, message):
    for path in ("/api/v1/evaluate", "/api/v1/sheets", "/api/v1/chat", "/agent/fiches"):
        response = post(client, path, raw)
        assert response.status_code == 422, (path, response.text)
        assert response.json()["details"][0]["message"] == message
        assert "parsing" not in response.text
    assert sheets_stored() == 0


def test_a_chat_message_with_a_surrogate_never_reaches_the_assistant(client):
    response = post(client, "/api/v1/chat", rb'{"sender": "s", "message": "\ud800 bonjour"}')
    assert response.status_code == 422
    assert response.json()["details"][0]["champ"] == "message"


def test_the_framework_s_english_details_give_way_to_french():
    from fastapi import FastAPI, HTTPException
    from fastapi.testclient import TestClient

    from api.errors import install_error_handlers

    app = FastAPI()
    install_error_handlers(app)

    @app.post("/form")
    def form() -> None:  # what FastAPI raises when it cannot read a form or a JSON body
        raise HTTPException(400, "There was an error parsing the body")

    response = TestClient(app).post("/form")
    assert response.status_code == 400
    assert response.json() == {"erreur": "Requête incorrecte."}


def test_sms_text_is_cleaned():
    assert clean_text("bon\x00jour\ud800 à\tvous\n") == "bonjour à\tvous\n"
