"""Short codes that let an agent resume, at the desk, a conversation started by SMS or chat.

A code is used once (taken: its row deleted as the agent gets the situation). An agent tries at
most HANDOVER_PER_AGENT codes (« 10/minute;200/day »), and after HANDOVER_WRONG_PER_AGENT wrong
ones (« 20/day ») their resumes are locked until the window has passed: with 31⁶ codes and a few
hundred alive, guessing one is out of reach.
"""

from __future__ import annotations

import datetime as dt
import secrets
from typing import Any

from sqlalchemy import delete
from sqlalchemy.orm import Session

from api.models import HandoverCode, is_past, utcnow
from api.rate_limits import Bucket, RateLimited
from api.settings import get_settings

ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I/L: easy to read aloud
LENGTH = 6


class CodesLocked(Exception):
    """Too many wrong codes from this agent: resumes locked for `retry_after` seconds."""

    def __init__(self, retry_after: int) -> None:
        super().__init__(retry_after)
        self.retry_after = retry_after

def create_code(session: Session, owner: str, situation: dict[str, Any], minutes: int) -> str:
    """A new code for this owner (replacing any earlier one)."""
    session.execute(delete(HandoverCode).where(HandoverCode.owner == owner))
    while True:
        code = "".join(secrets.choice(ALPHABET) for _ in range(LENGTH))
        if session.get(HandoverCode, code) is None:
            break
    now = utcnow()
    session.add(HandoverCode(code=code, owner=owner, situation=situation, created_at=now,
                             expires_at=now + dt.timedelta(minutes=minutes)))
    session.flush()
    return code


def normalize_code(text: str) -> str:
    return "".join(ch for ch in text.upper() if ch.isalnum())[:12]


def resolve_code(session: Session, text: str) -> HandoverCode | None:
    found = session.get(HandoverCode, normalize_code(text))
    if found is None or is_past(found.expires_at):
        return None
    return found


def take_code(session: Session, agent_id: int, text: str) -> HandoverCode | None:
    """The code's row, deleted (used once), if it is alive; None if wrong. CodesLocked after
    too many wrong codes, RateLimited past the agent's tries."""
    settings = get_settings()
    wrong = Bucket("handover", settings.handover_wrong_per_agent, "agent_wrong", str(agent_id))
    if wait := wrong.wait():
        raise CodesLocked(wait)
    tries = Bucket("handover", settings.handover_per_agent, "agent", str(agent_id))
    if wait := tries.wait():
        raise RateLimited(wait)
    tries.count()
    found = resolve_code(session, text)
    # whoever deletes the row takes the code (two desks at once: one gets it)
    if found is None or session.execute(
            delete(HandoverCode).where(HandoverCode.code == found.code)).rowcount != 1:
        wrong.count()
        return None
    return found


def delete_codes_of(session: Session, owner: str) -> None:
    session.execute(delete(HandoverCode).where(HandoverCode.owner == owner))


def purge_expired_codes(session: Session) -> int:
    result = session.execute(delete(HandoverCode).where(HandoverCode.expires_at <= utcnow()))
    return result.rowcount or 0
