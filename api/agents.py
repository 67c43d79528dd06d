"""Agent accounts: hashed passwords, login within limits (api/login_guard.py), audit log."""

from __future__ import annotations

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import select
from sqlalchemy.orm import Session

from api.login_guard import Attempt, normalize_username
from api.models import Agent, AuditEntry
from api.references import reference

_hasher = PasswordHasher()
MIN_PASSWORD_LENGTH = 12
# Verified when the username is unknown, so that the answer takes as long either way.
_DUMMY_HASH = _hasher.hash("mot de passe factice pour égaliser les temps")


class AgentError(ValueError):
    """French message for the person creating an account."""


class TooManyAttempts(Exception):
    def __init__(self, limit: str, retry_after: int) -> None:
        super().__init__(limit, retry_after)
        self.limit = limit  # which count: navigateur | compte_adresse | adresse | compte
        self.retry_after = retry_after


def create_agent(session: Session, username: str, display_name: str, password: str) -> Agent:
    username = normalize_username(username)
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


def _label(found: Agent | None, account: str) -> str:
    """The username tried, as the audit log keeps it: an account's name, or a reference."""
    return account if found else "inconnu:" + reference("identifiant", account)[:12]


def authenticate(session: Session, username: str, password: str,
                 attempt: Attempt) -> Agent | None:
    """The agent if the password is right; TooManyAttempts past a limit (checked first, so
    that a refused attempt costs no password hash). Each outcome is audited."""
    account = normalize_username(username)
    found = session.scalar(select(Agent).where(Agent.username == account))
    refused = attempt.blocked()
    if refused:
        if attempt.first_refusal(refused[0]):
            audit(session, None, "login_blocked", username=_label(found, account),
                  detail=refused[0])
        raise TooManyAttempts(*refused)
    agent = found if found and found.active else None
    try:
        valid = _hasher.verify(agent.password_hash if agent else _DUMMY_HASH, password)
    except (VerificationError, InvalidHashError):
        valid = False
    if agent is None or not valid:
        attempt.failed()
        audit(session, None, "login_failed", username=_label(found, account))
        return None
    attempt.succeeded()
    audit(session, agent.id, "login")
    return agent


def audit(session: Session, agent_id: int | None, action: str, sheet_id: str | None = None, *,
          code: str | None = None, username: str | None = None,
          detail: str | None = None) -> None:
    """One entry: a sheet or a code is stored as its keyed reference, never itself."""
    ref = (reference("fiche", sheet_id) if sheet_id
           else reference("code", code) if code else None)
    session.add(AuditEntry(agent_id=agent_id, action=action, ref=ref, username=username,
                           detail=detail))
