"""Rights sheets in the database: create, read (unless expired), delete, purge."""

from __future__ import annotations

import datetime as dt
import re
import secrets
from typing import Any

from sqlalchemy import delete
from sqlalchemy.orm import Session

from api.models import Sheet, is_past, utcnow
from api.sheet_content import build_sheet_content
from rules.engine.situation import validate

ID_BYTES = 24  # 192 bits of randomness, url-safe: unguessable
_ID_SHAPE = re.compile(r"[A-Za-z0-9_-]{16,64}")


def new_sheet_id() -> str:
    return secrets.token_urlsafe(ID_BYTES)


def create_sheet(
    session: Session,
    raw_situation: dict[str, Any],
    retention_days: int,
    channel: str = "web",
    owner: str | None = None,
    agent_id: int | None = None,
) -> Sheet:
    """Validate the situation (SituationError if invalid), evaluate it and store the sheet."""
    situation = validate(raw_situation)
    content = build_sheet_content(situation)
    now = utcnow()
    sheet = Sheet(
        id=new_sheet_id(),
        created_at=now,
        expires_at=now + dt.timedelta(days=retention_days),
        situation={k: v for k, v in raw_situation.items() if v is not None},
        result=content,
        catalogue_version=content["catalogue_version"],
        channel=channel,
        owner=owner,
        agent_id=agent_id,
    )
    session.add(sheet)
    session.flush()
    return sheet



def get_sheet(session: Session, sheet_id: str) -> Sheet | None:
    if not _ID_SHAPE.fullmatch(sheet_id):
        return None
    sheet = session.get(Sheet, sheet_id)
    if sheet is None or is_past(sheet.expires_at):
        return None
    return sheet


def delete_sheet(session: Session, sheet_id: str) -> bool:
    sheet = get_sheet(session, sheet_id)
    if sheet is None:
        return False
    session.delete(sheet)
    return True


def delete_sheets_of(session: Session, owner: str) -> int:
    """Erase every sheet of one chat/SMS sender (« effacer mes données »)."""
    return session.execute(delete(Sheet).where(Sheet.owner == owner)).rowcount or 0


def purge_expired(session: Session) -> int:
    return session.execute(delete(Sheet).where(Sheet.expires_at <= utcnow())).rowcount or 0
