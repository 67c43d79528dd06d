"""At the desk: the « à confirmer » facts of what the agent shows, and an error reported in one
click, stored for the Département without personal data, listed by `mesdroits audit`."""

from __future__ import annotations

import datetime as dt
import html
import re

import pytest
from sqlalchemy import inspect, select, update
from test_agent_desk import add_agent, desk_token, login

from api import cli
from api.db import get_engine, session_scope
from api.models import PlaceReport
from api.settings import get_settings

SECLIN = {"age": 20, "activite": "sans_emploi", "commune": "Seclin", "rsa": False,
          "date_evaluation": "2026-12-01"}


@pytest.fixture
def desk(client):
    add_agent()
    login(client)
    return client, desk_token(client)


def _text(page: str) -> str:
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", page)))


def _office_id(page: str, name: str) -> str:
    at = page.index(name)
    return re.search(r'data-office="([^"]+)"', page[at:]).group(1)


def test_the_desk_shows_what_is_to_be_confirmed_and_offers_a_report(desk) -> None:
    client, token = desk
    page = client.post("/agent/resultats", json=SECLIN, headers={"X-CSRF-Token": token}).text
    text = _text(page)
    assert "Mission locale Métropole Sud : adresse vérifiée en janvier 2026 ; numéro de 2019, " \
           "à confirmer" in text
    assert "(valeur à confirmer)" in text  # the CEJ allowance of April 2026
    assert "Signaler une erreur sur ce lieu" in text
    assert "Rien sur la personne n'est envoyé" in text


def test_a_report_is_stored_without_personal_data_and_listed_by_the_audit(desk, capsys) -> None:
    client, token = desk
    page = client.post("/agent/resultats", json=SECLIN, headers={"X-CSRF-Token": token}).text
    office_id = _office_id(page, "Mission locale Métropole Sud")
    response = client.post("/agent/signalements", headers={"X-CSRF-Token": token}, json={
        "office_id": office_id, "field": "telephone", "wrong": "03 20 97 43 20",
        "right": "03 00 00 00 09", "source": "affiche à l'accueil, vue le 30/11/2026"})
    assert response.status_code == 201, response.text
    assert "transmis au Département" in response.json()["message"]
    columns = {c["name"] for c in inspect(get_engine(get_settings().database_url))
               .get_columns("place_reports")}
    assert columns == {"id", "created_at", "office_id", "office_name", "field", "wrong", "right",
                       "source", "handled_at"}  # no situation, no sheet, no agent
    with session_scope(get_settings().database_url) as session:
        (report,) = session.scalars(select(PlaceReport)).all()
        assert report.office_name == "Mission locale Métropole Sud (Ronchin)"
    today = dt.date.today().isoformat()
    assert cli.main(["audit", "--date", today]) == 1
    out = capsys.readouterr().out
    assert "Erreurs signalées par les agents du guichet, à traiter (1)" in out
    assert "Mission locale Métropole Sud (Ronchin) [" in out
    assert "le téléphone « 03 20 97 43 20 » → « 03 00 00 00 09 » (source : affiche" in out
    assert "(au moins un depuis plus d'une semaine)" not in out
    # a week later, not handled: past due
    later = (dt.date.today() + dt.timedelta(days=7)).isoformat()
    cli.main(["audit", "--date", later])
    assert "(au moins un depuis plus d'une semaine) (1) — EN RETARD" in capsys.readouterr().out
    assert cli.main(["audit", "--traite", str(report.id)]) == 0
    assert f"Signalement n° {report.id} marqué comme traité." in capsys.readouterr().out
    cli.main(["audit", "--date", later])
    assert "Erreurs signalées par les agents du guichet, à traiter : rien." in (
        capsys.readouterr().out)
    assert cli.main(["audit", "--traite", str(report.id)]) == 2


@pytest.mark.parametrize(("body", "message"), [
    ({"office_id": "nope", "field": "adresse", "right": "x", "source": "y"},
     "Ce lieu n'est pas dans l'annuaire"),
    ({"office_id": "fs-345", "field": "adresse", "right": "", "source": "y"},
     "Indiquez ce qui est juste."),
    ({"office_id": "fs-345", "field": "adresse", "right": "x", "source": " "},
     "Indiquez la source."),
    ({"office_id": "fs-345", "field": "couleur", "right": "x", "source": "y"},
     "Choisissez ce qui est faux"),
])
def test_an_incomplete_report_is_refused_in_french(desk, body: dict, message: str) -> None:
    client, token = desk
    response = client.post("/agent/signalements", json=body, headers={"X-CSRF-Token": token})
    assert response.status_code == 422
    assert message in response.json()["erreur"]


def test_a_report_needs_an_agent_and_the_desk_s_token(client) -> None:
    body = {"office_id": "fs-345", "field": "adresse", "right": "x", "source": "y"}
    assert client.post("/agent/signalements", json=body).status_code == 401
    add_agent()
    login(client)
    assert client.post("/agent/signalements", json=body,
                       headers={"X-CSRF-Token": "faux"}).status_code == 403
    too_long = {**body, "source": "y" * 501}
    response = client.post("/agent/signalements", json=too_long,
                           headers={"X-CSRF-Token": desk_token(client)})
    assert response.status_code == 422 and "Traceback" not in response.text
    with session_scope(get_settings().database_url) as session:
        session.execute(update(PlaceReport).values(handled_at=None))
        assert session.scalars(select(PlaceReport)).all() == []
