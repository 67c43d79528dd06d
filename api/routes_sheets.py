"""Rights sheets: create, read as HTML / PDF / SMS text / JSON, delete."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request, Response
from fastapi.responses import HTMLResponse, JSONResponse, PlainTextResponse
from sqlalchemy.orm import Session

from api.agent_sessions import current
from api.agents import audit
from api.db import scrub
from api.deps import DB
from api.errors import error_body
from api.models import Sheet
from api.rate_limits import limit_client
from api.render import (
    environment,
    render_sheet_html,
    render_sheet_pdf,
    sheet_context,
    sheet_sms_text,
)
from api.routes_engine import SituationBody
from api.schemas import ErrorBody, SheetCreated
from api.settings import get_settings
from api.sheets import create_sheet, delete_sheet, get_sheet

router = APIRouter(tags=["fiches de droits"])
NOT_FOUND = "Cette fiche n'existe pas, ou elle a expiré ou été supprimée."


def sheet_url(sheet_id: str) -> str:
    return f"{get_settings().public_base_url}/fiche/{sheet_id}"


def sheet_id_of(url: str) -> str:
    """The sheet's id in a URL made by `sheet_url` (whatever the base URL was then)."""
    return url.rsplit("/fiche/", 1)[-1]


def sheet_json(sheet: Sheet) -> dict[str, Any]:
    return {
        **sheet.result,
        "fiche": {
            "id": sheet.id,
            "url": sheet_url(sheet.id),
            "cree_le": sheet.created_at.isoformat(timespec="seconds"),
            "expire_le": sheet.expires_at.isoformat(timespec="seconds"),
            "catalogue_version": sheet.catalogue_version,
            "situation": sheet.situation,
            "canal": sheet.channel,
        },
    }


def _not_found_html() -> HTMLResponse:
    page = environment().get_template("message.html").render(
        title="Fiche introuvable", message=NOT_FOUND)
    return HTMLResponse(page, status_code=404)


def _opened(request: Request, session: Session, sheet_id: str, form: str | None,
            action: str = "sheet_opened") -> None:
    """An agent's opening (in any format) or deletion is audited: their desk session's cookie
    came with the request. Residents' requests are not."""
    desk_session = current(request, session)
    if desk_session:
        audit(session, desk_session.agent.id, action, sheet_id, detail=form)


@router.post("/api/v1/sheets", status_code=201, response_model=SheetCreated,
             summary="Créer une fiche de droits à partir d'une situation",
             responses={422: {"model": ErrorBody}, 429: {"model": ErrorBody}})
def create(situation: SituationBody, request: Request, session: DB) -> dict[str, str]:
    settings = get_settings()
    limit_client(request, "sheets", settings.sheets_per_client)
    sheet = create_sheet(session, situation, settings.sheet_retention_days)
    return {"id": sheet.id, "url": sheet_url(sheet.id),
            "expires_at": sheet.expires_at.isoformat(timespec="seconds")}


@router.get("/api/v1/sheets/{sheet_id}", summary="Une fiche (JSON)",
            responses={404: {"model": ErrorBody}})
@router.get("/fiche/{sheet_id}.json", include_in_schema=False)
def read_json(sheet_id: str, request: Request, session: DB) -> Response:
    sheet = get_sheet(session, sheet_id)
    if sheet is None:
        return JSONResponse(error_body(404, NOT_FOUND), status_code=404)
    _opened(request, session, sheet.id, "json")
    return JSONResponse(sheet_json(sheet))


@router.delete("/api/v1/sheets/{sheet_id}", status_code=204, summary="Supprimer une fiche",
               responses={404: {"model": ErrorBody}})
def delete(sheet_id: str, request: Request, session: DB) -> Response:
    if not _erase(request, session, sheet_id):
        return JSONResponse(error_body(404, NOT_FOUND), status_code=404)
    return Response(status_code=204)


def _erase(request: Request, session: Session, sheet_id: str) -> bool:
    """Delete the sheet now, and leave none of it in the database files."""
    if not delete_sheet(session, sheet_id):
        return False
    _opened(request, session, sheet_id, None, action="sheet_deleted")
    session.commit()
    scrub(get_settings().database_url)
    return True


@router.get("/fiche/{sheet_id}.txt", summary="La fiche en texte court (SMS)",
            response_class=PlainTextResponse)
def read_text(sheet_id: str, request: Request, session: DB) -> Response:
    sheet = get_sheet(session, sheet_id)
    if sheet is None:
        return PlainTextResponse(NOT_FOUND, status_code=404)
    _opened(request, session, sheet.id, "txt")
    return PlainTextResponse(sheet_sms_text(sheet.result, sheet_url(sheet.id)))


def _context(sheet: Sheet) -> dict[str, Any]:
    return sheet_context(sheet.result, sheet.id, sheet_url(sheet.id), sheet.expires_at)


@router.get("/fiche/{sheet_id}.pdf", summary="La fiche en PDF (A4)")
def read_pdf(sheet_id: str, request: Request, session: DB) -> Response:
    limit_client(request, "pdf", get_settings().pdf_per_client)
    sheet = get_sheet(session, sheet_id)
    if sheet is None:
        return _not_found_html()
    _opened(request, session, sheet.id, "pdf")
    if sheet.pdf is None:  # rendered once (a sheet never changes: a correction makes another)
        sheet.pdf = render_sheet_pdf(_context(sheet))
    pdf = sheet.pdf
    return Response(pdf, media_type="application/pdf", headers={
        "Content-Disposition": 'inline; filename="fiche-mes-droits-nord.pdf"',
        "Cache-Control": "no-store"})


@router.get("/fiche/{sheet_id}", summary="La fiche en page web", response_class=HTMLResponse)
def read_html(sheet_id: str, request: Request, session: DB) -> Response:
    sheet = get_sheet(session, sheet_id)
    if sheet is None:
        return _not_found_html()
    _opened(request, session, sheet.id, "html")
    return HTMLResponse(render_sheet_html(_context(sheet)), headers={"Cache-Control": "no-store"})


@router.get("/", include_in_schema=False, response_class=HTMLResponse)
def home() -> HTMLResponse:
    page = environment().get_template("home.html").render()
    return HTMLResponse(page)


@router.post("/fiche/{sheet_id}/supprimer", include_in_schema=False)
def delete_from_page(sheet_id: str, request: Request, session: DB) -> Response:
    deleted = _erase(request, session, sheet_id)
    page = environment().get_template("message.html").render(
        title="Fiche supprimée" if deleted else "Fiche introuvable",
        message="Votre fiche a été supprimée. Elle n'est plus accessible." if deleted
        else NOT_FOUND)
    return HTMLResponse(page, status_code=200 if deleted else 404)
