"""Every error as a JSON body with French messages; never a traceback to a user."""

from __future__ import annotations

import logging

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, RedirectResponse, Response
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.routing import Match
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from api.log_privacy import exception_summary, mask_ids
from api.rate_limits import RateLimited, retry_message
from rules.engine.situation import SituationError

log = logging.getLogger("mesdroits.api")
_LOGGED = "mesdroits.error_logged"  # in the request's scope: `unexpected` logged it

STATUS_MESSAGES = {
    400: "Requête incorrecte.",
    401: "Vous devez vous connecter.",
    403: "Accès refusé.",
    404: "Cette page n'existe pas, ou la fiche a expiré ou été supprimée.",
    405: "Méthode non autorisée pour cette adresse.",
    413: "La requête est trop volumineuse.",
    415: "Format non pris en charge : envoyez du JSON.",
    422: "Données invalides.",
    429: "Trop de tentatives : réessayez dans quelques minutes.",
    500: "Une erreur interne est survenue. Réessayez dans un instant.",
    503: "Le service est momentanément indisponible. Réessayez dans un instant.",
}


class PublicError(StarletteHTTPException):
    """An HTTP error whose detail is a French message written for the person."""


def error_body(status: int, message: str | None = None, details: list | None = None) -> dict:
    body: dict = {"erreur": message or STATUS_MESSAGES.get(status, "Erreur.")}
    if details:
        body["details"] = details
    return body


def _field_name(loc: tuple) -> str:
    parts = [str(p) for p in loc if p not in ("body", "query", "path")]
    return ".".join(parts) or "requête"


_PYDANTIC_FRENCH = {
    "json_invalid": "Le corps de la requête n'est pas du JSON valide.",
    "missing": "Ce champ est obligatoire.",
    "dict_type": "Un objet JSON est attendu.",
    "model_attributes_type": "Un objet JSON est attendu.",
    "string_type": "Une chaîne de caractères est attendue.",
    "string_too_long": "Ce texte est trop long.",
    "string_too_short": "Ce texte est trop court.",
    "int_parsing": "Un nombre entier est attendu.",
    "extra_forbidden": "Ce champ n'existe pas.",
}


def install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(SituationError)
    async def situation_error(_: Request, exc: SituationError) -> JSONResponse:
        return JSONResponse(exc.as_dict(), status_code=422)

    @app.exception_handler(RequestValidationError)
    async def validation_error(_: Request, exc: RequestValidationError) -> JSONResponse:
        details = [
            {"champ": _field_name(tuple(e.get("loc", ()))),
             "message": _PYDANTIC_FRENCH.get(e.get("type", ""), "Valeur invalide.")}
            for e in exc.errors()
        ]
        return JSONResponse(error_body(422, "Données invalides.", details), status_code=422)

    @app.exception_handler(RateLimited)
    async def rate_limited(_: Request, exc: RateLimited) -> JSONResponse:
        return JSONResponse(error_body(429, retry_message(exc.retry_after)), status_code=429,
                            headers={"Retry-After": str(exc.retry_after)})

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        if exc.status_code == 404 and (target := _without_trailing_slash(request)):
            return RedirectResponse(target, status_code=307)
        # Only our own messages are French: the framework's (« There was an error parsing the
        # body », « Not Found »…) give way to the status's French message.
        message = exc.detail if isinstance(exc, PublicError) else None
        return JSONResponse(error_body(exc.status_code, message), status_code=exc.status_code,
                            headers=getattr(exc, "headers", None))

    @app.exception_handler(Exception)
    async def unexpected(request: Request, exc: Exception) -> JSONResponse:
        # The path with its sheet id masked, the exception's type and frames: never its message
        # nor the request's content.
        log.error("unexpected error on %s %s: %s", request.method, mask_ids(request.url.path),
                  exception_summary(exc))
        request.scope[_LOGGED] = True
        return JSONResponse(error_body(500), status_code=500)


def _without_trailing_slash(request: Request) -> str | None:
    """« /agent/ » → « /agent » when that is a page: a relative address, never one built from
    the Host header (Starlette's own redirect is turned off, api/main.py)."""
    path = request.url.path
    if len(path) < 2 or not path.endswith("/") or path.startswith("//"):
        return None
    scope = {**request.scope, "path": path.rstrip("/") or "/"}
    if all(route.matches(scope)[0] == Match.NONE for route in request.app.router.routes):
        return None
    query = request.url.query
    return scope["path"] + (f"?{query}" if query else "")


class ContainErrors:
    """Outermost layer: an exception that reached Starlette's error middleware has been
    answered (French 500) and logged by `unexpected`; it is not passed on to the server, which
    would log it again with its message. One raised after the response started is logged here,
    the same way."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        try:
            await self.app(scope, receive, send)
        except Exception as exc:
            if scope.get(_LOGGED):
                return
            log.error("error while answering %s %s: %s", scope.get("method"),
                      mask_ids(str(scope.get("path", ""))), exception_summary(exc))


class BodySizeLimit:
    """Refuse bodies above `limit` bytes with 413, counting what is really read."""

    def __init__(self, app: ASGIApp, limit: int) -> None:
        self.app, self.limit = app, limit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = dict(scope.get("headers") or []).get(b"content-length")
        if declared is not None and (not declared.isdigit() or int(declared) > self.limit):
            await self._refuse(send)
            return
        received = 0

        async def limited_receive() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.limit:
                    raise _TooLarge
            return message

        try:
            await self.app(scope, limited_receive, send)
        except _TooLarge:
            await self._refuse(send)

    async def _refuse(self, send: Send) -> None:
        response = JSONResponse(error_body(413), status_code=413)
        await send({"type": "http.response.start", "status": 413,
                    "headers": response.raw_headers})
        await send({"type": "http.response.body", "body": response.body})


class _TooLarge(Exception):
    pass
