"""The agent desk: accounts, login, CSRF, rate limit, live results, sheets, audit, hand-over."""

import html
import re

from desk_helpers import PASSWORD, add_agent, csrf_from, desk_token, login, resume
from sqlalchemy import select

from api.db import session_scope
from api.handover import create_code
from api.models import AuditEntry
from api.references import reference
from api.settings import get_settings


def audit_actions():
    with session_scope(get_settings().database_url) as session:
        return [(e.action, e.ref) for e in session.scalars(select(AuditEntry))]


def test_desk_needs_login(client):
    response = client.get("/agent", follow_redirects=False)
    assert response.status_code == 303 and response.headers["location"] == "/agent/connexion"


def test_wrong_password_then_right_one(client):
    add_agent()
    assert login(client, password="faux-mot-de-passe").status_code == 401
    assert "incorrect" in login(client, password="faux").text
    ok = login(client)
    assert ok.status_code == 303 and ok.headers["location"] == "/agent"
    cookie = ok.headers["set-cookie"].lower()
    assert "httponly" in cookie and "samesite=strict" in cookie
    page = client.get("/agent")
    assert page.status_code == 200 and "Alice Martin" in page.text


def test_password_is_hashed(client):
    add_agent()
    with session_scope(get_settings().database_url) as session:
        from api.models import Agent

        stored = session.scalar(select(Agent.password_hash))
    assert PASSWORD not in stored and stored.startswith("$argon2")


def test_login_without_csrf_is_refused(client):
    add_agent()
    response = client.post("/agent/connexion", data={"username": "alice", "password": PASSWORD})
    assert response.status_code == 400


def test_login_is_rate_limited(client):
    add_agent()
    for _ in range(5):
        assert login(client, password="mauvais-mot-de-passe").status_code == 401
    blocked = login(client)  # even the right password, until the window passes
    assert blocked.status_code == 429
    assert "Trop de tentatives" in blocked.text


def test_live_results_need_the_csrf_header(client, ines):
    add_agent()
    login(client)
    refused = client.post("/agent/resultats", json=ines)
    assert refused.status_code == 403
    token = desk_token(client)
    fragment = client.post("/agent/resultats", json=ines, headers={"X-CSRF-Token": token})
    assert fragment.status_code == 200
    assert "Vous avez 23 ans : le CEJ est ouvert de 16 à 25 ans." in html.unescape(fragment.text)
    errors = client.post("/agent/resultats", json={"age": 300}, headers={"X-CSRF-Token": token})
    assert "ne peut pas dépasser" in errors.text


def test_desk_sends_the_insee_code_of_the_commune_picked(client):
    add_agent()
    login(client)
    page = client.get("/agent").text
    assert 'name="code_insee"' in page
    token = desk_token(client)
    picked = {"age": 41, "commune": "Loos (59120)", "code_insee": "59360"}
    fragment = client.post("/agent/resultats", json=picked, headers={"X-CSRF-Token": token})
    assert fragment.status_code == 200 and "Loos" in html.unescape(fragment.text)
    mismatch = {"commune": "Tourcoing", "code_insee": "59360"}
    errors = client.post("/agent/resultats", json=mismatch, headers={"X-CSRF-Token": token})
    assert "ne désignent pas la même commune" in html.unescape(errors.text)


def test_agent_creates_and_opens_a_sheet_audited(client, ines):
    agent_id = add_agent()
    login(client)
    token = desk_token(client)
    created = client.post("/agent/fiches", json=ines, headers={"X-CSRF-Token": token})
    assert created.status_code == 201
    sheet_id = created.json()["id"]
    assert client.get(f"/fiche/{sheet_id}").status_code == 200
    actions = audit_actions()
    assert ("sheet_created", reference("fiche", sheet_id)) in actions
    assert ("sheet_opened", reference("fiche", sheet_id)) in actions
    assert ("login", None) in actions
    with session_scope(get_settings().database_url) as session:
        entry = session.scalar(select(AuditEntry).where(AuditEntry.action == "sheet_created"))
        assert entry.agent_id == agent_id


def test_resident_opening_is_not_audited_as_agent(client, ines):
    created = client.post("/api/v1/sheets", json=ines).json()
    client.get(f"/fiche/{created['id']}")
    assert ("sheet_opened", reference("fiche", created["id"])) not in audit_actions()


def test_handover_code_resumes_at_the_desk(client):
    add_agent()
    with session_scope(get_settings().database_url) as session:
        code = create_code(session, "owner-hash", {"age": 41, "commune": "insee:59360"}, 60)
    assert re.fullmatch(r"[A-Z2-9]{6}", code)
    login(client)
    found = resume(client, code.lower())
    assert found.status_code == 200
    assert found.json()["situation"] == {"age": 41, "commune": "insee:59360"}
    assert resume(client, "ZZZZZZ").status_code == 404


def test_expired_handover_code(client):
    add_agent()
    with session_scope(get_settings().database_url) as session:
        code = create_code(session, "owner-hash", {"age": 41}, minutes=-1)
    login(client)
    assert resume(client, code).status_code == 404


def test_logout(client):
    add_agent()
    login(client)
    token = csrf_from(client.get("/agent").text)
    client.post("/agent/deconnexion", data={"csrf": token})
    assert client.get("/agent", follow_redirects=False).status_code == 303
