"""Desk sessions kept on the server (issue 13, point 5): logout revokes, an absolute lifetime and
an idle timeout, only a hash of the token stored, purged; hand-over codes used once and tried
only so many times by an agent. On SQLite and on the real PostgreSQL (the `client` fixture);
the limits in memory and in the real Redis."""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets

import pytest
from api_client import client_with
from desk_helpers import add_agent, csrf_from, desk_token, login, resume
from fastapi.testclient import TestClient
from sqlalchemy import select, update

from api.cli import main as mesdroits
from api.db import session_scope
from api.handover import create_code
from api.models import Agent, utcnow
from api.settings import get_settings


def sessions() -> list:
    from api.models import AgentSession  # here: this file also runs on the code before it

    with session_scope(get_settings().database_url) as session:
        return list(session.scalars(select(AgentSession)))


def shift(**moments: dt.timedelta) -> None:
    """Move every session's moments into the past (« created_at=8 h » : 8 hours ago)."""
    from api.models import AgentSession

    now = utcnow()
    with session_scope(get_settings().database_url) as session:
        session.execute(update(AgentSession).values(
            **{column: now - ago for column, ago in moments.items()}))


def opens_the_desk(client) -> bool:
    return client.get("/agent", follow_redirects=False).status_code == 200


def test_a_cookie_copied_before_logout_no_longer_opens_the_desk(client, ines):
    add_agent()
    assert login(client).status_code == 303
    copied = client.cookies.get("mdn_agent")
    token = desk_token(client)
    client.post("/agent/deconnexion", data={"csrf": csrf_from(client.get("/agent").text)})
    assert not opens_the_desk(client)
    thief = TestClient(client.app, cookies={"mdn_agent": copied})
    page = thief.get("/agent", follow_redirects=False)
    assert page.status_code == 303 and page.headers["location"] == "/agent/connexion"
    refused = thief.post("/agent/resultats", json=ines, headers={"X-CSRF-Token": token})
    assert refused.status_code == 401
    assert refused.json()["erreur"] == "Votre session a pris fin : reconnectez-vous."
    assert sessions() == []


def test_logout_needs_the_desk_s_token(client):
    add_agent()
    login(client)
    client.post("/agent/deconnexion", data={"csrf": "forged"})  # a cross-site form, say
    assert opens_the_desk(client)


def test_only_a_hash_of_the_token_is_stored_and_the_cookie_is_set_once(client):
    add_agent()
    response = login(client)
    cookie = response.headers["set-cookie"].lower()
    assert "httponly" in cookie and "samesite=strict" in cookie and "path=/" in cookie
    token = client.cookies.get("mdn_agent")
    [row] = sessions()
    assert row.token_hash == hashlib.sha256(token.encode()).hexdigest()
    assert token not in repr(vars(row))
    desk = client.get("/agent")
    assert desk.status_code == 200 and "set-cookie" not in desk.headers  # never re-issued


def test_a_session_ends_after_its_lifetime_even_in_use(client):
    add_agent()
    login(client)
    shift(created_at=dt.timedelta(hours=8, seconds=1), last_seen_at=dt.timedelta(minutes=1),
          expires_at=dt.timedelta(seconds=1))
    assert not opens_the_desk(client)
    assert sessions() == []


def test_the_lifetime_is_set_at_login_from_the_setting(client):
    add_agent()
    login(client)
    [row] = sessions()
    lifetime = row.expires_at - row.created_at
    assert lifetime == dt.timedelta(hours=8)
    assert 'max-age=28800' in login(client).headers["set-cookie"].lower()


def test_a_session_ends_when_idle_and_lives_while_used(client):
    add_agent()
    login(client)
    shift(last_seen_at=dt.timedelta(minutes=29))
    assert opens_the_desk(client)  # and that use is noted
    [row] = sessions()
    last = row.last_seen_at if row.last_seen_at.tzinfo else row.last_seen_at.replace(
        tzinfo=dt.UTC)
    assert utcnow() - last < dt.timedelta(minutes=1)
    shift(last_seen_at=dt.timedelta(minutes=30, seconds=1))
    assert not opens_the_desk(client)


def test_a_new_login_ends_the_browser_s_previous_session(client):
    add_agent()
    add_agent("bob", "Bob Durand")
    login(client)
    first = client.cookies.get("mdn_agent")
    login(client, "bob")
    assert client.cookies.get("mdn_agent") != first
    assert len(sessions()) == 1


def test_disabling_an_account_or_the_logout_command_ends_its_sessions(client, capsys):
    add_agent()
    other = TestClient(client.app)
    login(client)
    login(other)
    assert len(sessions()) == 2
    assert mesdroits(["agents", "logout", "Alice"]) == 0
    assert "2 session(s) de alice terminée(s)" in capsys.readouterr().out
    assert not opens_the_desk(client) and not opens_the_desk(other)
    login(client)
    with session_scope(get_settings().database_url) as session:
        session.execute(update(Agent).values(active=False))
    assert not opens_the_desk(client)


def test_purge_deletes_the_sessions_that_ended(client, capsys, monkeypatch, tmp_path):
    monkeypatch.setenv("RASA_TRACKER_URL", f"sqlite:///{tmp_path / 'none.sqlite3'}")
    get_settings.cache_clear()
    from api.models import AgentSession

    add_agent()
    for _ in range(3):
        login(TestClient(client.app))
    with session_scope(get_settings().database_url) as session:
        ids = sorted(session.scalars(select(AgentSession.id)))
        now = utcnow()
        session.execute(update(AgentSession).where(AgentSession.id == ids[0])
                        .values(expires_at=now - dt.timedelta(seconds=1)))
        session.execute(update(AgentSession).where(AgentSession.id == ids[1])
                        .values(last_seen_at=now - dt.timedelta(minutes=31)))
    assert mesdroits(["purge"]) == 0
    assert "2 session(s) d'agent terminée(s)" in capsys.readouterr().out
    assert [row.id for row in sessions()] == [ids[2]]


def new_code(situation=None, minutes=60) -> str:
    with session_scope(get_settings().database_url) as session:
        return create_code(session, f"owner-{secrets.token_hex(4)}", situation or {"age": 41},
                           minutes)


def test_a_hand_over_code_is_used_once(client):
    add_agent()
    add_agent("bob", "Bob Durand")
    code = new_code({"age": 52, "rsa": True})
    login(client)
    assert resume(client, code).json()["situation"] == {"age": 52, "rsa": True}
    again = resume(client, code)
    assert again.status_code == 404
    assert again.json()["erreur"] == "Code inconnu, expiré ou déjà utilisé."
    bob = TestClient(client.app)
    login(bob, "bob")
    assert resume(bob, code).status_code == 404  # nor by another agent


def test_resuming_needs_the_desk_s_token(client):
    add_agent()
    code = new_code()
    login(client)
    assert client.post("/agent/reprise", json={"code": code}).status_code == 403
    assert resume(client, code).status_code == 200


def limited(response, message: str) -> bool:
    return (response.status_code == 429 and int(response.headers["retry-after"]) >= 1
            and response.json()["erreur"].startswith(message))


@pytest.fixture(params=["memory://", "redis://127.0.0.1:6379"])
def storage(request) -> dict[str, str]:
    """The limits' storage; with Redis a secret key of this test only (its keys are new)."""
    if request.param == "memory://":
        return {"RATE_LIMIT_STORAGE": "memory://"}
    return {"RATE_LIMIT_STORAGE": request.param, "SECRET_KEY": secrets.token_urlsafe(32)}


def test_an_agent_guessing_codes_hundreds_of_times_is_stopped(tmp_path, monkeypatch, storage):
    """The issue's session made 346 guesses a second: now 10 a minute are answered."""
    with client_with(tmp_path, monkeypatch, **storage) as client:
        add_agent()
        login(client)
        token = desk_token(client)
        answers = [resume(client, f"Z{i:05d}", token) for i in range(300)]
    statuses = [r.status_code for r in answers]
    assert statuses == [404] * 10 + [429] * 290
    assert limited(answers[-1], "Trop de codes essayés en peu de temps : réessayez dans")


def test_wrong_codes_lock_the_agent_s_resumes(tmp_path, monkeypatch, storage):
    with client_with(tmp_path, monkeypatch, HANDOVER_WRONG_PER_AGENT="3/day",
                     HANDOVER_PER_AGENT="100/minute", **storage) as client:
        add_agent()
        add_agent("bob", "Bob Durand")
        code = new_code()
        login(client)
        token = desk_token(client)
        assert [resume(client, w, token).status_code for w in ("AAAAAA", "BBBBBB", "CCCCCC")] \
            == [404] * 3
        locked = resume(client, code, token)  # even a right code, until the day has passed
        assert limited(locked, "La reprise par code est bloquée pour votre compte après trop "
                               "de codes erronés : réessayez dans")
        assert int(locked.headers["retry-after"]) > 23 * 3600
        bob = TestClient(client.app)
        login(bob, "bob")
        assert resume(bob, code).status_code == 200  # the lock is that agent's
