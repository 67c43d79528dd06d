"""What the SMS channel keeps: message ids (replays, rate limit) and the last numbered menu."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from api.db import session_scope
from api.models import SmsMenu, SmsMessage, utcnow
from api.settings import get_settings

MESSAGE_IDS_HOURS = 48  # Twilio retries a webhook within hours: refuse replays that long


def record_message(owner: str, sid: str) -> str | None:
    """Store the message id; a French refusal if it is a replay or over the rate limit."""
    settings = get_settings()
    with session_scope(settings.database_url) as session:
        if session.get(SmsMessage, sid) is not None:
            return "replay"
        since = utcnow() - dt.timedelta(minutes=1)
        recent = session.scalar(select(func.count()).select_from(SmsMessage).where(
            SmsMessage.owner == owner, SmsMessage.at >= since)) or 0
        session.add(SmsMessage(sid=sid, owner=owner))
        if recent >= settings.sms_per_minute:
            return "rate"
    return None


def menu_of(owner: str, buttons: list[dict[str, str]] | None = None) -> list[dict[str, str]]:
    with session_scope(get_settings().database_url) as session:
        menu = session.get(SmsMenu, owner)
        if buttons is None:
            return list((menu.buttons or {}).get("items", [])) if menu else []
        if menu is None:
            session.add(SmsMenu(owner=owner, buttons={"items": buttons}))
        else:
            menu.buttons, menu.at = {"items": buttons}, utcnow()
        return buttons


def purge_sms(session: Session, menu_days: int) -> int:
    """Old message ids and menus; how many rows."""
    now = utcnow()
    ids = session.execute(delete(SmsMessage).where(
        SmsMessage.at < now - dt.timedelta(hours=MESSAGE_IDS_HOURS))).rowcount or 0
    menus = session.execute(delete(SmsMenu).where(
        SmsMenu.at < now - dt.timedelta(days=menu_days))).rowcount or 0
    return ids + menus
