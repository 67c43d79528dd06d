"""What a person is told about a place: which one serves them, how fresh its address is, and
(tests below) when it is open — in the chat, on the sheet (HTML, PDF, SMS text) and at the desk.
"""

from __future__ import annotations

import datetime as dt
import html
import io
import re

import pytest
from pypdf import PdfReader

from actions.final_answer import _where
from api import render
from rules import evaluate
from rules.places import hours

SECLIN = {"age": 20, "activite": "sans_emploi", "commune": "Seclin", "rsa": False,
          "date_evaluation": "2026-12-01"}


def _sheet(client, situation: dict) -> dict:
    response = client.post("/api/v1/sheets", json=situation)
    assert response.status_code == 201, response.text
    return response.json()


def _lieu(result: dict, scheme: str) -> dict:
    return next(d for d in result["dispositifs"] if d["id"] == scheme)["lieu"]


def test_the_chat_names_the_zone_and_the_freshness() -> None:
    result = evaluate(SECLIN)
    where = _where(_lieu(result, "cej"))
    assert where.startswith(" Où : la mission locale qui couvre Seclin : Mission locale "
                            "Métropole Sud, à Ronchin (")
    assert "adresse vérifiée en janvier 2026 ; numéro de 2019, à confirmer" in where
    caf = _where(_lieu(evaluate({**SECLIN, "age": 30, "rsa": True}), "rsa"))
    assert "adresse de 2016, à confirmer : appelez d'abord le 08 10 25 59 80 ou le standard du " \
           "Département du Nord (03 59 73 59 59)" in caf
    assert caf.count("08 10 25 59 80") == 1  # not « tél. » again


def test_the_sheet_says_how_fresh_each_place_is(sqlite_client) -> None:
    created = _sheet(sqlite_client, SECLIN)
    page = html.unescape(sqlite_client.get(f"/fiche/{created['id']}").text)
    text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", page))
    assert "La mission locale qui couvre Seclin : Mission locale Métropole Sud" in text
    assert "Adresse vérifiée en janvier 2026 ; numéro de 2019, à confirmer." in text
    # the CEJ's other places: an antenna to confirm, and France Travail (the catalogue's choice)
    assert "Mission locale – Faches-Thumesnil" in text
    assert "France Travail Seclin" in text
    assert "Adresse de 2019, à confirmer : appelez d'abord le 3949" in text

    sms = sqlite_client.get(f"/fiche/{created['id']}.txt").text
    assert len(sms) <= 480
    assert "Contrat d'engagement jeune (Ronchin, adresse vérifiée 01/2026)" in sms

    pdf = sqlite_client.get(f"/fiche/{created['id']}.pdf").content
    printed = " ".join(" ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
                       .split())
    assert "la mission locale qui couvre Seclin" in printed
    assert "adresse vérifiée en janvier 2026" in printed


def test_an_unverified_place_says_whom_to_call_on_the_sms_text(sqlite_client) -> None:
    created = _sheet(sqlite_client, {**SECLIN, "age": 30, "rsa": True})
    sms = sqlite_client.get(f"/fiche/{created['id']}.txt").text
    assert "(Wattignies, adresse de 2016 à confirmer, tél. 08 10 25 59 80)" in sms
    # saying how fresh every place is would leave a right out of 480 characters: the rights stay
    assert "- Proch'Emploi (Hauts-de-France" in sms and len(sms) <= 480


@pytest.fixture
def desk(sqlite_client):
    from test_agent_desk import add_agent, desk_token, login

    add_agent()
    login(sqlite_client)
    return sqlite_client, desk_token(sqlite_client)


def test_the_desk_shows_the_zone_and_the_freshness(desk) -> None:
    client, token = desk
    response = client.post("/agent/resultats", json=SECLIN, headers={"X-CSRF-Token": token})
    text = re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", response.text)))
    assert ("Où : la mission locale qui couvre Seclin : Mission locale Métropole Sud, "
            "Ronchin") in text
    assert "adresse vérifiée en janvier 2026 ; numéro de 2019, à confirmer" in text


AVESNES = {"age": 40, "activite": "sans_emploi", "commune": "Avesnes-sur-Helpe",
           "date_evaluation": "2026-11-12"}
ARMISTICE = dt.datetime(2026, 11, 11, 10, 0, tzinfo=hours.TIMEZONE)
LUNCH = dt.datetime(2026, 11, 12, 12, 45, tzinfo=hours.TIMEZONE)


def test_the_chat_says_when_the_place_is_open() -> None:
    lieu = _lieu(evaluate(AVESNES), "france_services")
    assert lieu["nom"] == "Bus France services de l'Avesnois"
    assert _where(lieu, LUNCH).endswith(
        " Fermé maintenant, ouvre aujourd'hui à 13 h 30 (horaires d'août 2024).")
    assert "Fermé aujourd'hui (jour férié : Armistice), ouvre demain à 9 h 30" in _where(
        lieu, ARMISTICE)


def test_the_sheet_and_the_desk_say_when_the_place_is_open(desk, monkeypatch) -> None:
    client, token = desk
    monkeypatch.setattr(render, "_now", lambda: ARMISTICE)
    created = _sheet(client, AVESNES)
    page = re.sub(r"\s+", " ", html.unescape(client.get(f"/fiche/{created['id']}").text))
    assert ("Horaires (août 2024) : du lundi au jeudi : 9 h 30 – 12 h 30 et 13 h 30 – 16 h ; "
            "vendredi : 9 h – 13 h") in page
    assert "Fermé aujourd'hui (jour férié : Armistice), ouvre demain à 9 h 30 (horaires d'août " \
           "2024)" in page
    response = client.post("/agent/resultats", json=AVESNES, headers={"X-CSRF-Token": token})
    assert "Fermé aujourd'hui (jour férié : Armistice)" in html.unescape(response.text)
    monkeypatch.setattr(render, "_now", lambda: LUNCH)
    response = client.post("/agent/resultats", json=AVESNES, headers={"X-CSRF-Token": token})
    assert "Fermé maintenant, ouvre aujourd'hui à 13 h 30" in html.unescape(response.text)
