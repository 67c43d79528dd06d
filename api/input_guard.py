"""Text cleaned or refused at the door: every JSON body is read here before any route.

Refused with a French 422 (never FastAPI's English « There was an error parsing the body »):
a body that is not UTF-8 or not JSON, nested deeper than MAX_DEPTH, a number longer than
MAX_NUMBER_CHARACTERS or not finite (NaN, Infinity, 1e999), and any string — key or value —
holding a lone surrogate (it could be stored but never encoded again) or a control character
other than tab and line breaks (NUL cannot be stored in PostgreSQL; the others are no text).
A body that passes is given to the application unchanged.
"""

from __future__ import annotations

import json
import re
from typing import Any

from fastapi.responses import JSONResponse
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from api.errors import error_body

MAX_DEPTH = 32
MAX_NUMBER_CHARACTERS = 40
_FORBIDDEN = re.compile(r"[\ud800-\udfff\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_BODY_METHODS = {"POST", "PUT", "PATCH", "DELETE"}

NOT_JSON = "Le corps de la requête n'est pas du JSON valide."
NOT_UTF8 = "Le corps de la requête n'est pas du texte UTF-8 valide."
TOO_DEEP = "Le JSON est imbriqué trop profondément."
BAD_TEXT = "Ce texte contient des caractères non valides."
BAD_NUMBER = "Ce nombre est trop long ou hors limites."


class Refused(ValueError):
    def __init__(self, message: str, field: str = "requête") -> None:
        super().__init__(message)
        self.message, self.field = message, field


def has_forbidden_characters(text: str) -> bool:
    return _FORBIDDEN.search(text) is not None


def clean_text(text: str) -> str:
    """For texts that do not come as JSON (an SMS's form): the same characters removed."""
    return _FORBIDDEN.sub("", text)


def _number(text: str) -> int | float:
    if len(text) > MAX_NUMBER_CHARACTERS:
        raise Refused(BAD_NUMBER)
    value = float(text) if any(c in text for c in ".eE") else int(text)
    if isinstance(value, float) and value in (float("inf"), float("-inf")):
        raise Refused(BAD_NUMBER)
    return value


def _constant(_: str) -> Any:
    raise Refused(BAD_NUMBER)


def _field(path: tuple[str | int, ...]) -> str:
    return ".".join(str(p) for p in path) or "requête"


def check(value: Any) -> None:
    """Raise Refused for the first string or nesting the door does not let in."""
    pending: list[tuple[Any, tuple[str | int, ...]]] = [(value, ())]
    while pending:
        item, path = pending.pop()
        if len(path) > MAX_DEPTH:
            raise Refused(TOO_DEEP)
        if isinstance(item, str):
            if has_forbidden_characters(item):
                raise Refused(BAD_TEXT, _field(path))
        elif isinstance(item, dict):
            for key, inner in item.items():
                if has_forbidden_characters(key):
                    raise Refused(BAD_TEXT, _field(path))
                pending.append((inner, (*path, key)))
        elif isinstance(item, list):
            pending.extend((inner, (*path, i)) for i, inner in enumerate(item))


def parse(body: bytes) -> Any:
    """The body as JSON, or Refused with a French message."""
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError:
        raise Refused(NOT_UTF8) from None
    try:
        value = json.loads(text, parse_int=_number, parse_float=_number,
                           parse_constant=_constant)
    except RecursionError:
        raise Refused(TOO_DEEP) from None
    except ValueError as error:
        if isinstance(error, Refused):
            raise
        raise Refused(NOT_JSON) from None
    check(value)
    return value


def _is_json(scope: Scope) -> bool:
    if scope.get("method") not in _BODY_METHODS:
        return False
    kind = dict(scope.get("headers") or []).get(b"content-type")
    if kind is None:
        return True  # FastAPI reads a body without a type as JSON
    media = kind.split(b";", 1)[0].strip().lower()
    return media == b"application/json" or media.endswith(b"+json")


class JsonGuard:
    """Pure ASGI middleware: reads a JSON body whole (BodySizeLimit, outside, bounds it),
    refuses it or replays it to the application."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or not _is_json(scope):
            await self.app(scope, receive, send)
            return
        chunks, more = [], True
        while more:
            message = await receive()
            if message["type"] != "http.request":
                await self.app(scope, receive, send)  # the client left: nothing to check
                return
            chunks.append(message.get("body", b""))
            more = message.get("more_body", False)
        body = b"".join(chunks)
        if body.strip():
            try:
                parse(body)
            except Refused as refused:
                details = [{"champ": refused.field, "message": refused.message}]
                response = JSONResponse(error_body(422, "Données invalides.", details), 422)
                await response(scope, receive, send)
                return
        replayed = False

        async def replay() -> Message:
            nonlocal replayed
            if not replayed:
                replayed = True
                return {"type": "http.request", "body": body, "more_body": False}
            return await receive()

        await self.app(scope, replay, send)
