"""The desk's audit log read back for the Département (`mesdroits journal`), and its retention.

What is recorded (api/agents.py `audit`): logins, failed logins and blocked logins (with the
username tried), logouts, sheets created, opened (in which format) and deleted by an agent,
hand-over codes resumed, wrong and refused. Sheets and codes appear as their keyed references
(api/references.py): `--fiche` finds a sheet's entries from its id or address.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from api.models import Agent, AuditEntry, utcnow
from api.references import reference

ACTIONS = {
    "login": "connexion",
    "login_failed": "connexion refusée (identifiant ou mot de passe)",
    "login_blocked": "connexion bloquée (trop de tentatives)",
    "logout": "déconnexion",
    "sheet_created": "fiche créée",
    "sheet_opened": "fiche ouverte",
    "sheet_deleted": "fiche supprimée",
    "handover_resumed": "code de reprise utilisé",
    "handover_failed": "code de reprise erroné",
    "handover_blocked": "reprise par code refusée (trop d'essais)",
}


def purge_audit(session: Session, days: int) -> int:
    """Entries older than the retention (AUDIT_RETENTION_DAYS)."""
    since = utcnow() - dt.timedelta(days=days)
    return session.execute(delete(AuditEntry).where(AuditEntry.at < since)).rowcount or 0


def journal_lines(session: Session, sheet_id: str | None = None,
                  since: dt.date | None = None) -> list[str]:
    """One French line per entry, oldest first."""
    query = (select(AuditEntry, Agent.username).outerjoin(Agent, AuditEntry.agent_id == Agent.id)
             .order_by(AuditEntry.at, AuditEntry.id))
    if sheet_id:
        query = query.where(AuditEntry.ref == reference("fiche", sheet_id.rsplit("/", 1)[-1]))
    if since:
        query = query.where(AuditEntry.at >= dt.datetime.combine(since, dt.time(), dt.UTC))
    lines = []
    for entry, agent in session.execute(query):
        parts = [entry.at.strftime("%Y-%m-%d %H:%M:%S"), agent or entry.username or "-",
                 ACTIONS.get(entry.action, entry.action)]
        parts += [text for text in (entry.detail, entry.ref and f"réf. {entry.ref}") if text]
        lines.append(" ; ".join(parts))
    return lines
