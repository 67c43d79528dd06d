"""Agent accounts: hashed passwords, rate-limited login, audit log."""

from __future__ import annotations

import datetime as dt
import hashlib

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from api.models import Agent, AuditEntry, LoginAttempt, utcnow

_hasher = PasswordHasher()
MIN_PASSWORD_LENGTH = 12
# Verified when the username is unknown, so that the answer takes as long either way.
_DUMMY_HASH = _hasher.hash("mot de passe factice pour égaliser les temps")


class AgentError(ValueError):
    """French message for the person creating an account."""


class TooManyAttempts(Exception):
    pass


def create_agent(session: Session, username: str, display_name: str, password: str) -> Agent:
    username = username.strip().lower()
    if not username or len(username) > 80:
        raise AgentError("L'identifiant doit faire entre 1 et 80 caractères.")
    if len(password) < MIN_PASSWORD_LENGTH:
        raise AgentError(
            f"Le mot de passe doit faire au moins {MIN_PASSWORD_LENGTH} caractères.")
    if session.scalar(select(Agent).where(Agent.username == username)):
        raise AgentError(f"L'identifiant « {username} » existe déjà.")
    agent = Agent(username=username, display_name=display_name.strip() or username,
                  password_hash=_hasher.hash(password))
    session.add(agent)
    session.flush()
    return agent


def _attempt_key(username: str, client: str) -> str:
    return hashlib.sha256(f"{username.strip().lower()}|{client}".encode()).hexdigest()


def authenticate(session: Session, username: str, password: str, client: str,
                 max_attempts: int, window_minutes: int) -> Agent | None:
    """The agent if the password is right; raise TooManyAttempts past the limit."""
    key = _attempt_key(username, client)
    since = utcnow() - dt.timedelta(minutes=window_minutes)
    session.execute(delete(LoginAttempt).where(LoginAttempt.at < since))
    failures = session.scalar(
        select(func.count()).select_from(LoginAttempt).where(LoginAttempt.key == key)) or 0
    if failures >= max_attempts:
        raise TooManyAttempts
    agent = session.scalar(
        select(Agent).where(Agent.username == username.strip().lower(), Agent.active))
    try:
        _hasher.verify(agent.password_hash if agent else _DUMMY_HASH, password)
    except (VerificationError, InvalidHashError):
        agent = None
    else:
        if agent is None:
            return None
    if agent is None:
        session.add(LoginAttempt(key=key))
        audit(session, None, "login_failed")
        return None
    session.execute(delete(LoginAttempt).where(LoginAttempt.key == key))
    audit(session, agent.id, "login")
    return agent


def audit(session: Session, agent_id: int | None, action: str, sheet_id: str | None = None) -> None:
    session.add(AuditEntry(agent_id=agent_id, action=action, sheet_id=sheet_id))
