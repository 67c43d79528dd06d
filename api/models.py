"""Database tables: rights sheets, agents, their sessions, audit log, hand-over codes, reports
of errors in the office directory. (Failed logins are counted with `limits`:
api/login_guard.py.)"""

from __future__ import annotations

import datetime as dt
from typing import Any, ClassVar

from sqlalchemy import JSON, DateTime, ForeignKey, Index, Integer, LargeBinary, String
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


def utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def is_past(moment: dt.datetime) -> bool:
    """SQLite gives back naive datetimes: they are UTC."""
    return (moment if moment.tzinfo else moment.replace(tzinfo=dt.UTC)) <= utcnow()


class Base(DeclarativeBase):
    type_annotation_map: ClassVar = {dt.datetime: DateTime(timezone=True), dict[str, Any]: JSON}


class Sheet(Base):
    """A rights sheet: the situation, the result and the catalogue version it was made with."""

    __tablename__ = "sheets"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    expires_at: Mapped[dt.datetime] = mapped_column(index=True)
    situation: Mapped[dict[str, Any]]
    result: Mapped[dict[str, Any]]
    catalogue_version: Mapped[str] = mapped_column(String(32))
    channel: Mapped[str] = mapped_column(String(16), default="web")
    # keyed hash of the chat/SMS sender, so that « effacer mes données » finds their sheets
    owner: Mapped[str | None] = mapped_column(String(64), index=True, default=None)
    agent_id: Mapped[int | None] = mapped_column(ForeignKey("agents.id"), default=None)
    # the PDF, rendered on its first request and kept with the sheet (deleted with it); loaded
    # only when asked for
    pdf: Mapped[bytes | None] = mapped_column(LargeBinary, default=None, deferred=True)


class Agent(Base):
    __tablename__ = "agents"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    username: Mapped[str] = mapped_column(String(80), unique=True)
    display_name: Mapped[str] = mapped_column(String(120))
    password_hash: Mapped[str] = mapped_column(String(255))
    active: Mapped[bool] = mapped_column(default=True)
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)


class AgentSession(Base):
    """A desk session, kept on the server so that it can end: the SHA-256 of the cookie's random
    token (never the token), the agent, when it began, was last used and must end."""

    __tablename__ = "agent_sessions"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    agent_id: Mapped[int] = mapped_column(ForeignKey("agents.id"), index=True)
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    last_seen_at: Mapped[dt.datetime] = mapped_column(default=utcnow, index=True)
    expires_at: Mapped[dt.datetime] = mapped_column(index=True)  # absolute: login + lifetime


class AuditEntry(Base):
    """What agents did at the desk and who tried to log in: no resident's data, and no sheet id
    nor hand-over code, only their keyed references (api/references.py). Kept
    AUDIT_RETENTION_DAYS (`mesdroits purge`)."""

    __tablename__ = "audit_log"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    at: Mapped[dt.datetime] = mapped_column(default=utcnow, index=True)
    agent_id: Mapped[int | None] = mapped_column(ForeignKey("agents.id"), default=None)
    action: Mapped[str] = mapped_column(String(32))
    # the username tried at a failed or blocked login (« inconnu:… » if it is no account's)
    username: Mapped[str | None] = mapped_column(String(80), default=None)
    # the keyed reference of the sheet or hand-over code concerned
    ref: Mapped[str | None] = mapped_column(String(64), default=None, index=True)
    # the sheet's format opened (html, pdf, txt, json), or which limit refused a login
    detail: Mapped[str | None] = mapped_column(String(16), default=None)


class SmsMessage(Base):
    """Each SMS received (by its Twilio id): refuses replays, counts for the rate limit."""

    __tablename__ = "sms_messages"
    __table_args__ = (Index("ix_sms_messages_owner_at", "owner", "at"),)

    sid: Mapped[str] = mapped_column(String(64), primary_key=True)
    owner: Mapped[str] = mapped_column(String(64))
    at: Mapped[dt.datetime] = mapped_column(default=utcnow, index=True)


class SmsMenu(Base):
    """The quick replies last offered to an SMS sender, so that « 1 », « 2 »… map back."""

    __tablename__ = "sms_menus"

    owner: Mapped[str] = mapped_column(String(64), primary_key=True)
    buttons: Mapped[dict[str, Any]]
    at: Mapped[dt.datetime] = mapped_column(default=utcnow)


class HandoverCode(Base):
    """A short code that lets an agent resume a resident's conversation at the desk."""

    __tablename__ = "handover_codes"

    code: Mapped[str] = mapped_column(String(12), primary_key=True)
    owner: Mapped[str] = mapped_column(String(64), index=True)
    situation: Mapped[dict[str, Any]]
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    expires_at: Mapped[dt.datetime] = mapped_column(index=True)


class PlaceReport(Base):
    """An error in the office directory reported by a desk agent, for the Département: what is
    wrong, what is right, a source. No personal data: no resident's situation, no sheet, no
    agent."""

    __tablename__ = "place_reports"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow, index=True)
    office_id: Mapped[str] = mapped_column(String(160))
    office_name: Mapped[str] = mapped_column(String(300))  # as shown, to find the row
    field: Mapped[str] = mapped_column(String(32))  # adresse | telephone | horaires | ferme | autre
    wrong: Mapped[str] = mapped_column(String(500))
    right: Mapped[str] = mapped_column(String(500))
    source: Mapped[str] = mapped_column(String(500))
    handled_at: Mapped[dt.datetime | None] = mapped_column(default=None)
