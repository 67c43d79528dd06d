"""Desk sessions, kept on the server: revocable, with an absolute lifetime and an idle timeout.

The cookie `mdn_agent` holds a random token (256 bits), set once at login and never re-issued;
the table `agent_sessions` holds its SHA-256, never the token. A session ends at logout (its row
is deleted: a copy of the cookie opens nothing any more), AGENT_SESSION_IDLE_MINUTES after its
last request, AGENT_SESSION_HOURS after its login whatever happens, or when the account is
disabled; `mesdroits purge` deletes the rows of sessions that ended without a logout, and
`mesdroits agents logout NAME` ends all of an agent's sessions at once.

CSRF tokens are HMACs with the secret key: at the desk, of the session's token hash; on the login
form (before any session), of a random cookie `mdn_connexion` sent to that form only.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import secrets
from dataclasses import dataclass

from fastapi import Request, Response
from sqlalchemy import delete, or_
from sqlalchemy.orm import Session

from api.models import Agent, AgentSession, utcnow
from api.settings import get_settings

SESSION_COOKIE = "mdn_agent"
LOGIN_COOKIE = "mdn_connexion"
TOUCH_SECONDS = 60  # last use written at most once a minute (the desk posts on every keystroke)
_STATE = "desk_session"


def _aware(moment: dt.datetime) -> dt.datetime:
    """SQLite gives back naive datetimes: they are UTC."""
    return moment if moment.tzinfo else moment.replace(tzinfo=dt.UTC)


def digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def _mac(purpose: str, value: str) -> str:
    key = get_settings().secret_key.encode()
    return hmac.new(key, f"{purpose}|{value}".encode(), hashlib.sha256).hexdigest()


@dataclass(frozen=True)
class DeskSession:
    agent: Agent
    row: AgentSession

    @property
    def csrf(self) -> str:
        return _mac("guichet", self.row.token_hash)


def _cookie(response: Response, name: str, value: str, path: str, max_age: int | None) -> None:
    response.set_cookie(name, value, max_age=max_age, path=path, httponly=True,
                        samesite="strict", secure=get_settings().secure_cookies)


def open_session(db: Session, agent: Agent, response: Response) -> None:
    """A new session for this agent, its cookie set on the response."""
    settings, now, token = get_settings(), utcnow(), secrets.token_urlsafe(32)
    lifetime = dt.timedelta(hours=settings.agent_session_hours)
    db.add(AgentSession(token_hash=digest(token), agent_id=agent.id, created_at=now,
                        last_seen_at=now, expires_at=now + lifetime))
    _cookie(response, SESSION_COOKIE, token, "/", int(lifetime.total_seconds()))


def _ended(row: AgentSession, now: dt.datetime) -> bool:
    idle = dt.timedelta(minutes=get_settings().agent_session_idle_minutes)
    return _aware(row.expires_at) <= now or _aware(row.last_seen_at) + idle <= now


def current(request: Request, db: Session) -> DeskSession | None:
    """The request's desk session if it is still open (its last use noted)."""
    if _STATE in request.scope:
        return request.scope[_STATE]
    found = None
    token = request.cookies.get(SESSION_COOKIE)
    row = db.query(AgentSession).filter_by(token_hash=digest(token)).one_or_none() \
        if token and len(token) < 100 else None
    if row is not None:
        now, agent = utcnow(), db.get(Agent, row.agent_id)
        if _ended(row, now) or agent is None or not agent.active:
            db.delete(row)
        else:
            if (now - _aware(row.last_seen_at)).total_seconds() >= TOUCH_SECONDS:
                row.last_seen_at = now
            found = DeskSession(agent, row)
    request.scope[_STATE] = found
    return found


def close(request: Request, db: Session, response: Response) -> DeskSession | None:
    """End the request's session (logout): its row deleted, its cookie removed."""
    found = current(request, db)
    if found is not None:
        db.delete(found.row)
    request.scope[_STATE] = None
    response.delete_cookie(SESSION_COOKIE, path="/", httponly=True, samesite="strict",
                           secure=get_settings().secure_cookies)
    return found


def close_all(db: Session, agent_id: int) -> int:
    result = db.execute(delete(AgentSession).where(AgentSession.agent_id == agent_id))
    return result.rowcount or 0


def purge_sessions(db: Session) -> int:
    """Sessions that ended without a logout (past their lifetime or idle timeout)."""
    now = utcnow()
    idle = dt.timedelta(minutes=get_settings().agent_session_idle_minutes)
    result = db.execute(delete(AgentSession).where(or_(
        AgentSession.expires_at <= now, AgentSession.last_seen_at <= now - idle)))
    return result.rowcount or 0


def login_csrf(request: Request) -> tuple[str, str | None]:
    """The login form's CSRF token, and the new cookie to set if the browser had none."""
    value = request.cookies.get(LOGIN_COOKIE, "")
    fresh = None
    if not (20 <= len(value) <= 100):
        value = fresh = secrets.token_urlsafe(32)
    return _mac("connexion", value), fresh


def set_login_cookie(response: Response, value: str) -> None:
    _cookie(response, LOGIN_COOKIE, value, "/agent/connexion", None)


def login_csrf_ok(request: Request, submitted: str) -> bool:
    value = request.cookies.get(LOGIN_COOKIE, "")
    return bool(value and submitted) and hmac.compare_digest(_mac("connexion", value), submitted)
