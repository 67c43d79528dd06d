"""The France Services agent desk: login, one-page form, live results, sheet in one click."""

from __future__ import annotations

import secrets
from typing import Annotated, Any

from fastapi import APIRouter, Form, Request, Response
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse
from pydantic import BaseModel, ConfigDict, Field
from sqlalchemy.orm import Session

from api.agent_sessions import (
    close,
    current,
    login_csrf,
    login_csrf_ok,
    open_session,
    set_login_cookie,
)
from api.agents import TooManyAttempts, audit, authenticate
from api.deps import DB
from api.errors import error_body
from api.handover import CodesLocked, take_code
from api.login_guard import DEVICE_COOKIE, DEVICE_DAYS, Attempt, known_device, remember_device
from api.models import Agent
from api.place_reports import FIELDS, MAX_TEXT, ReportError, ReportInput, create_report
from api.rate_limits import Bucket, RateLimited, client_address, wait_text
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


def _page(name: str, csrf: str, status: int = 200, **context: Any) -> HTMLResponse:
    html = environment().get_template(name).render(csrf=csrf, **context)
    return HTMLResponse(html, status_code=status, headers={"Cache-Control": "no-store"})


def _login_page(request: Request, status: int = 200, **context: Any) -> HTMLResponse:
    csrf, fresh = login_csrf(request)
    page = _page("agent_login.html", csrf, status, **context)
    if fresh:
        set_login_cookie(page, fresh)
    return page


@router.get("/connexion")
def login_form(request: Request) -> HTMLResponse:
    return _login_page(request)


def _login_refused(request: Request, username: str, refused: TooManyAttempts) -> Response:
    error = ("Trop de tentatives de connexion : réessayez dans "
             f"{wait_text(refused.retry_after)}.")
    if refused.limit in ("adresse", "compte"):  # not where the agent logged in before
        error += " Sur un poste où vous vous êtes déjà connecté(e), la connexion reste possible."
    page = _login_page(request, 429, username=username, error=error)
    page.headers["Retry-After"] = str(refused.retry_after)
    return page


@router.post("/connexion")
def login(
    request: Request, session: DB,
    username: Annotated[str, Form(max_length=80)] = "",
    password: Annotated[str, Form(max_length=200)] = "",
    csrf: Annotated[str, Form(max_length=100)] = "",
) -> Response:
    if not login_csrf_ok(request, csrf):
        return _login_page(request, 400, error="La page a expiré : rechargez-la et recommencez.")
    devices = request.cookies.get(DEVICE_COOKIE)
    attempt = Attempt(username, client_address(request), known_device(devices, username))
    try:
        agent = authenticate(session, username, password, attempt)
    except TooManyAttempts as refused:
        return _login_refused(request, username, refused)
    if agent is None:
        return _login_page(request, 401, error="Identifiant ou mot de passe incorrect.",
                           username=username)
    response = RedirectResponse("/agent", status_code=303)
    close(request, session, response)  # a session this browser had before ends here
    open_session(session, agent, response)
    response.set_cookie(DEVICE_COOKIE, remember_device(devices, agent.username),
                        max_age=DEVICE_DAYS * 86400, path="/agent/connexion", httponly=True,
                        samesite="strict", secure=get_settings().secure_cookies)
    return response


@router.post("/deconnexion")
def logout(request: Request, session: DB,
           csrf: Annotated[str, Form(max_length=100)] = "") -> Response:
    """The session ends on the server: a copy of its cookie opens nothing any more."""
    response = RedirectResponse("/agent/connexion", status_code=303)
    desk_session = current(request, session)
    if desk_session and secrets.compare_digest(desk_session.csrf, csrf):
        close(request, session, response)
        audit(session, desk_session.agent.id, "logout")
    return response


def _form_facts() -> list[dict[str, Any]]:
    fields = []
    for name in QUESTION_ORDER:
        fact = FACTS[name]
        fields.append({"name": name, "kind": fact.kind, "label": fact.label,
                       "question": question_text(name),
                       "choices": fact.choices, "min": fact.minimum, "max": fact.maximum,
                       "pour_montant": fact.pour_montant})
    return fields


@router.get("")
def desk(request: Request, session: DB) -> Response:
    desk_session = current(request, session)
    if desk_session is None:
        return RedirectResponse("/agent/connexion", status_code=303)
    return _page("agent_desk.html", desk_session.csrf, agent=desk_session.agent,
                 fields=_form_facts())


def _json_guard(request: Request, session: Session) -> tuple[Agent | None, Response | None]:
    desk_session = current(request, session)
    if desk_session is None:
        message = "Votre session a pris fin : reconnectez-vous."
        return None, JSONResponse(error_body(401, message), status_code=401)
    submitted = request.headers.get("x-csrf-token") or ""
    if not secrets.compare_digest(desk_session.csrf, submitted):
        message = "Jeton de sécurité invalide : rechargez la page."
        return None, JSONResponse(error_body(403, message), status_code=403)
    return desk_session.agent, None


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


class ResumeBody(BaseModel):
    model_config = ConfigDict(extra="forbid")
    code: str = Field(max_length=40)


@router.post("/reprise")
def resume(request: Request, body: ResumeBody, session: DB) -> Response:
    """A resident's hand-over code: used once, and an agent tries only so many (a session that
    guesses is stopped: HANDOVER_PER_AGENT, then locked after HANDOVER_WRONG_PER_AGENT)."""
    agent, refused = _json_guard(request, session)
    if refused or agent is None:
        return refused or JSONResponse(error_body(401), status_code=401)
    try:
        found = take_code(session, agent.id, body.code)
    except CodesLocked as locked:
        return _too_many(session, agent.id, "verrou", locked.retry_after,
                         "La reprise par code est bloquée pour votre compte après trop de codes "
                         f"erronés : réessayez dans {wait_text(locked.retry_after)}.")
    except RateLimited as limited:
        return _too_many(session, agent.id, "essais", limited.retry_after,
                         "Trop de codes essayés en peu de temps : réessayez dans "
                         f"{wait_text(limited.retry_after)}.")
    if found is None:
        audit(session, agent.id, "handover_failed")  # the wrong code itself is not kept
        message = "Code inconnu, expiré ou déjà utilisé."
        return JSONResponse(error_body(404, message), status_code=404)
    audit(session, agent.id, "handover_resumed", code=found.code)
    return JSONResponse({"situation": found.situation})


def _too_many(session: Session, agent_id: int, limit: str, retry_after: int,
              message: str) -> JSONResponse:
    if Bucket("handover_blocked", "1/minute", limit, str(agent_id)).first():  # a row a minute
        audit(session, agent_id, "handover_blocked", detail=limit)
    return JSONResponse(error_body(429, message), status_code=429,
                        headers={"Retry-After": str(retry_after)})
