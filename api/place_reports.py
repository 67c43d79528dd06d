"""Errors in the office directory reported at the desk, kept for the Département.

Nothing personal is stored: the office (its id and name as shown), what is wrong, what is right
and a source — no resident's situation, no sheet, no agent.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from api.models import PlaceReport, utcnow
from rules.places import offices

FIELDS = {"adresse": "l'adresse", "telephone": "le téléphone", "horaires": "les horaires",
          "ferme": "le lieu n'existe plus", "autre": "autre chose"}
MAX_TEXT = 500
PAST_DUE_DAYS = 7  # a report not handled after a week makes `mesdroits audit` fail


class ReportError(ValueError):
    """A report that cannot be stored: the French message says why."""


@dataclass(frozen=True)
class ReportInput:
    office_id: str
    field: str
    wrong: str
    right: str
    source: str


def _known_office(office_id: str) -> offices.Office:
    for type_ in offices.office_types():
        for office in offices.offices_of_type(type_):
            if office.id == office_id:
                return office
    raise ReportError("Ce lieu n'est pas dans l'annuaire : rechargez les résultats.")


def create_report(session: Session, given: ReportInput) -> PlaceReport:
    office = _known_office(given.office_id.strip())
    if given.field not in FIELDS:
        raise ReportError("Choisissez ce qui est faux : " + ", ".join(FIELDS.values()) + ".")
    texts = {"ce qui est juste": given.right, "la source": given.source}
    for label, value in texts.items():
        if not value.strip():
            raise ReportError(f"Indiquez {label}.")
    for value in (given.wrong, given.right, given.source):
        if len(value) > MAX_TEXT:
            raise ReportError(f"{MAX_TEXT} caractères au plus par champ.")
    report = PlaceReport(office_id=office.id, office_name=f"{office.nom} ({office.commune})",
                         field=given.field, wrong=given.wrong.strip(),
                         right=given.right.strip(), source=given.source.strip())
    session.add(report)
    session.flush()
    return report


def open_reports(session: Session) -> list[PlaceReport]:
    return list(session.scalars(select(PlaceReport).where(PlaceReport.handled_at.is_(None))
                                .order_by(PlaceReport.created_at, PlaceReport.id)))


def mark_handled(session: Session, report_id: int) -> bool:
    report = session.get(PlaceReport, report_id)
    if report is None or report.handled_at is not None:
        return False
    report.handled_at = utcnow()
    return True


def is_past_due(report: PlaceReport, on: dt.date) -> bool:
    created = report.created_at.date()
    return (on - created).days >= PAST_DUE_DAYS


def describe(report: PlaceReport) -> str:
    wrong = f" « {report.wrong} »" if report.wrong else ""
    return (f"n° {report.id} du {report.created_at:%d/%m/%Y} — {report.office_name} "
            f"[{report.office_id}] : {FIELDS.get(report.field, report.field)}{wrong} → "
            f"« {report.right} » (source : {report.source})")
