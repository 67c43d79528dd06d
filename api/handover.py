"""Short codes that let an agent resume, at the desk, a conversation started by SMS or chat."""

from __future__ import annotations

import datetime as dt
import secrets
from typing import Any

from sqlalchemy import delete
from sqlalchemy.orm import Session

from api.models import HandoverCode, is_past, utcnow

ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I/L: easy to read aloud
LENGTH = 6



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


def delete_codes_of(session: Session, owner: str) -> None:
    session.execute(delete(HandoverCode).where(HandoverCode.owner == owner))


def purge_expired_codes(session: Session) -> int:
    result = session.execute(delete(HandoverCode).where(HandoverCode.expires_at <= utcnow()))
    return result.rowcount or 0
