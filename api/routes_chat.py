"""The chat gateway: POST /api/v1/chat forwards to Rasa's REST channel (never exposed)."""

from __future__ import annotations

import asyncio
import hashlib
import hmac
import itertools
import logging
from dataclasses import dataclass
from typing import Annotated, Any

import aiohttp
from fastapi import APIRouter, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field
from sqlalchemy.exc import SQLAlchemyError

from api.conversations import delete_conversation
from api.db import scrub, session_scope
from api.handover import delete_codes_of
from api.rate_limits import hit, limit_client
from api.settings import get_settings
from api.sheets import delete_sheets_of

router = APIRouter(prefix="/api/v1", tags=["conversation"])
log = logging.getLogger("mesdroits.chat")
RETRY = ("Le service est momentanément indisponible. Réessayez dans un instant : vos réponses "
         "sont conservées.")
# aiohttp, not httpx: 0.1 ms of client per turn instead of 0.9 (benchmarks/bench_bot_layers.py)
_TIMEOUT = aiohttp.ClientTimeout(total=15.0, connect=2.0)
_session: tuple[asyncio.AbstractEventLoop, aiohttp.ClientSession] | None = None
_turns = itertools.count()


class ChatIn(BaseModel):
    sender: Annotated[str, Field(min_length=1, max_length=128,
                                 description="identifiant de la conversation côté client")]
    message: Annotated[str, Field(max_length=5000, description="le message de la personne")]


class Button(BaseModel):
    title: str
    payload: str


class ChatMessage(BaseModel):
    text: str
    buttons: list[Button] = []


class ChatOut(BaseModel):
    messages: list[ChatMessage]


def pseudonym(channel: str, sender: str) -> str:
    """Keyed hash of the sender: Rasa, the tracker store and the sheets never see the real id."""
    key = get_settings().secret_key.encode()
    return hmac.new(key, f"{channel}:{sender}".encode(), hashlib.sha256).hexdigest()[:40]


def _http() -> aiohttp.ClientSession:
    """The keep-alive connections to Rasa, one session per event loop (a session cannot change
    loops: uvicorn's worker has one, each test client its own)."""
    global _session
    loop = asyncio.get_running_loop()
    if _session is None or _session[0] is not loop or _session[1].closed:
        _session = (loop, aiohttp.ClientSession(timeout=_TIMEOUT))
    return _session[1]


async def close_http() -> None:
    """Close this event loop's connections to Rasa (the application's shutdown)."""
    if _session is not None and _session[0] is asyncio.get_running_loop():
        await _session[1].close()


def erase_conversation(owner: str) -> None:
    """« Effacer mes données »: the person's sheets, hand-over codes and conversation."""
    settings = get_settings()
    with session_scope(settings.database_url) as session:
        delete_sheets_of(session, owner)
        delete_codes_of(session, owner)
    scrub(settings.database_url)
    delete_conversation(owner)


async def _forward(owner: str, message: str) -> Any:
    """The message to one of the Rasa processes (in turn); the next one if it cannot be reached.
    Only a refused connection moves on: a message that may have been handled is not resent."""
    urls = get_settings().rasa_urls
    first = next(_turns) % len(urls)
    for i in range(len(urls)):
        url = f"{urls[(first + i) % len(urls)]}/webhooks/rest/webhook"
        try:
            async with _http().post(url, json={"sender": owner, "message": message}) as response:
                response.raise_for_status()
                return await response.json(content_type=None)
        except aiohttp.ClientConnectorError:
            if i == len(urls) - 1:
                raise
    return None


@dataclass
class Turn:
    status: int
    payload: dict[str, Any]  # {"messages": [...]}, as POST /api/v1/chat answers
    sheet: tuple[str, int] | None = None  # the final answer: (sheet id, its last n messages)


def _unavailable() -> Turn:
    return Turn(503, {"messages": [{"text": RETRY, "buttons": []}]})


def as_text(message: str) -> str:
    """A person's message is text: Rasa reads one that starts with « / » as an intent and its
    entities (and logs it whole). Our buttons' payloads never start with one."""
    return message.lstrip().lstrip("/").lstrip()


async def converse(owner: str, message: str) -> Turn:
    """One turn through Rasa."""
    try:
        sent = await _forward(owner, as_text(message))
    except (aiohttp.ClientError, TimeoutError, ValueError) as exc:
        log.warning("assistant unreachable: %s", type(exc).__name__)
        return _unavailable()
    messages, effects, sheet = [], set(), None
    for item in sent if isinstance(sent, list) else []:
        custom = item.get("custom")
        if isinstance(custom, dict):
            effects.add(custom.get("effet"))
            if custom.get("effet") == "fiche":
                sheet = (str(custom.get("fiche")), int(custom.get("messages") or 0))
        if item.get("text"):
            buttons = [{"title": b.get("title", ""), "payload": b.get("payload", "")}
                       for b in item.get("buttons") or []]
            messages.append({"text": item["text"], "buttons": buttons})
    if "effacer" in effects:
        try:
            await run_in_threadpool(erase_conversation, owner)
        except SQLAlchemyError:
            log.warning("erasure failed: database unavailable")
            return _unavailable()
    # Rasa says nothing when the action server failed; « reessayer »: its database is down.
    if not messages or "reessayer" in effects:
        return _unavailable()
    return Turn(200, {"messages": messages}, sheet)


def _count(request: Request, sender: str) -> None:
    """The rate limits of a chat message (RateLimited past them: a French 429)."""
    settings = get_settings()
    limit_client(request, "chat", settings.chat_per_client)
    hit("chat", settings.chat_per_sender, "sender", sender)


@router.post("/chat", response_model=ChatOut, summary="Un tour de conversation avec l'assistant",
             description="Transmet le message à l'assistant (Rasa) sous un pseudonyme et renvoie "
             "ses réponses ; les boutons sont des réponses rapides. Quand l'assistant a un "
             "résultat, un message contient l'adresse de la fiche /fiche/{id}.")
async def chat(body: ChatIn, request: Request) -> JSONResponse:
    await run_in_threadpool(_count, request, body.sender)
    turn = await converse(pseudonym("web", body.sender), body.message)
    return JSONResponse(turn.payload, status_code=turn.status)
