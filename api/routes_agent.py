"""The France Services agent desk: login, one-page form, live results, sheet in one click."""

from __future__ import annotations

import secrets
from typing import Annotated, Any

from fastapi import APIRouter, Form, Request, Response
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse
from pydantic import BaseModel, ConfigDict, Field
from sqlalchemy.orm import Session

from api.agents import TooManyAttempts, audit, authenticate
from api.deps import DB
from api.errors import error_body
from api.handover import resolve_code
from api.login_guard import DEVICE_COOKIE, DEVICE_DAYS, Attempt, known_device, remember_device
from api.models import Agent
from api.place_reports import FIELDS, MAX_TEXT, ReportError, ReportInput, create_report
from api.rate_limits import client_address, wait_text
from api.render import environment
from api.routes_engine import SituationBody
from api.routes_sheets import sheet_url
from api.settings import get_settings
from api.sheets import create_sheet
from rules import evaluate
from rules.engine.facts import FACTS, QUESTION_ORDER
from rules.engine.planner import question_text
from rules.engine.situation import SituationError

router = APIRouter(prefix="/agent", include_in_schema=False)


def csrf_token(request: Request) -> str:
    token = request.session.get("csrf")
    if not token:
        token = request.session["csrf"] = secrets.token_urlsafe(32)
    return token


def _csrf_ok(request: Request, submitted: str | None) -> bool:
    expected = request.session.get("csrf")
    return bool(expected and submitted and secrets.compare_digest(expected, submitted))


def _agent(request: Request, session: Session) -> Agent | None:
    agent_id = request.session.get("agent_id")
    if not agent_id:
        return None
    agent = session.get(Agent, agent_id)
    return agent if agent and agent.active else None


def _page(name: str, request: Request, status: int = 200, **context: Any) -> HTMLResponse:
    html = environment().get_template(name).render(csrf=csrf_token(request), **context)
    return HTMLResponse(html, status_code=status, headers={"Cache-Control": "no-store"})


@router.get("/connexion")
def login_form(request: Request) -> HTMLResponse:
    return _page("agent_login.html", request)


def _login_refused(request: Request, username: str, refused: TooManyAttempts) -> Response:
    error = ("Trop de tentatives de connexion : réessayez dans "
             f"{wait_text(refused.retry_after)}.")
    if refused.limit in ("adresse", "compte"):  # not where the agent logged in before
        error += " Sur un poste où vous vous êtes déjà connecté(e), la connexion reste possible."
    page = _page("agent_login.html", request, 429, username=username, error=error)
    page.headers["Retry-After"] = str(refused.retry_after)
    return page


@router.post("/connexion")
def login(
    request: Request, session: DB,
    username: Annotated[str, Form(max_length=80)] = "",
    password: Annotated[str, Form(max_length=200)] = "",
    csrf: Annotated[str, Form(max_length=100)] = "",
) -> Response:
    if not _csrf_ok(request, csrf):
        return _page("agent_login.html", request, 400,
                     error="La page a expiré : rechargez-la et recommencez.")
    devices = request.cookies.get(DEVICE_COOKIE)
    attempt = Attempt(username, client_address(request), known_device(devices, username))
    try:
        agent = authenticate(session, username, password, attempt)
    except TooManyAttempts as refused:
        return _login_refused(request, username, refused)
    if agent is None:
        return _page("agent_login.html", request, 401,
                     error="Identifiant ou mot de passe incorrect.", username=username)
    request.session.clear()
    request.session["agent_id"] = agent.id
    csrf_token(request)
    response = RedirectResponse("/agent", status_code=303)
    response.set_cookie(DEVICE_COOKIE, remember_device(devices, agent.username),
                        max_age=DEVICE_DAYS * 86400, path="/agent/connexion", httponly=True,
                        samesite="strict", secure=get_settings().secure_cookies)
    return response


@router.post("/deconnexion")
def logout(request: Request, csrf: Annotated[str, Form(max_length=100)] = "") -> Response:
    if _csrf_ok(request, csrf):
        request.session.clear()
    return RedirectResponse("/agent/connexion", status_code=303)


def _form_facts() -> list[dict[str, Any]]:
    fields = []
    for name in QUESTION_ORDER:
        fact = FACTS[name]
        fields.append({"name": name, "kind": fact.kind, "label": fact.label,
                       "question": question_text(name),
                       "choices": fact.choices, "min": fact.minimum, "max": fact.maximum})
    return fields


@router.get("")
def desk(request: Request, session: DB) -> Response:
    agent = _agent(request, session)
    if agent is None:
        return RedirectResponse("/agent/connexion", status_code=303)
    return _page("agent_desk.html", request, agent=agent, fields=_form_facts())


def _json_guard(request: Request, session: Session) -> tuple[Agent | None, Response | None]:
    agent = _agent(request, session)
    if agent is None:
        return None, JSONResponse(error_body(401), status_code=401)
    if not _csrf_ok(request, request.headers.get("x-csrf-token")):
        message = "Jeton de sécurité invalide : rechargez la page."
        return None, JSONResponse(error_body(403, message), status_code=403)
    return agent, None


@router.post("/resultats")
def results(request: Request, situation: SituationBody, session: DB) -> Response:
    _, refused = _json_guard(request, session)
    if refused:
        return refused
    try:
        result = evaluate(situation)
    except SituationError as exc:
        html = environment().get_template("_desk_errors.html").render(errors=exc.errors)
        return HTMLResponse(html, status_code=200)
    html = environment().get_template("_desk_results.html").render(r=result, fields=FIELDS)
    return HTMLResponse(html)


class ReportBody(BaseModel):
    """An error in the office directory: what is wrong, what is right, a source."""

    model_config = ConfigDict(extra="forbid")
    office_id: str = Field(max_length=160)
    field: str = Field(max_length=32)
    wrong: str = Field(default="", max_length=MAX_TEXT)
    right: str = Field(default="", max_length=MAX_TEXT)
    source: str = Field(default="", max_length=MAX_TEXT)


@router.post("/signalements")
def report_error(request: Request, body: ReportBody, session: DB) -> Response:
    """Stored for the Département without personal data (no situation, sheet or agent)."""
    _, refused = _json_guard(request, session)
    if refused:
        return refused
    try:
        report = create_report(session, ReportInput(**body.model_dump()))
    except ReportError as exc:
        return JSONResponse(error_body(422, str(exc)), status_code=422)
    return JSONResponse({"id": report.id, "message": "Merci : le signalement est transmis au "
                                                     "Département, qui vérifiera."},
                        status_code=201)


@router.post("/fiches")
def create_for_resident(request: Request, situation: SituationBody, session: DB) -> Response:
    agent, refused = _json_guard(request, session)
    if refused or agent is None:
        return refused or JSONResponse(error_body(401), status_code=401)
    sheet = create_sheet(session, situation, get_settings().sheet_retention_days,
                         channel="agent", agent_id=agent.id)
    audit(session, agent.id, "sheet_created", sheet.id)
    return JSONResponse({"id": sheet.id, "url": sheet_url(sheet.id)}, status_code=201)


@router.get("/reprise")
def resume(request: Request, code: str, session: DB) -> Response:
    agent = _agent(request, session)
    if agent is None:
        return JSONResponse(error_body(401), status_code=401)
    found = resolve_code(session, code)
    if found is None:
        return JSONResponse(error_body(404, "Code inconnu ou expiré."), status_code=404)
    audit(session, agent.id, "handover_resumed")
    return JSONResponse({"situation": found.situation})
