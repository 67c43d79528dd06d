"""SMS and WhatsApp through a Twilio-compatible webhook: POST /sms/twilio, answered in TwiML."""

from __future__ import annotations

import logging
import unicodedata
from typing import Any

from fastapi import APIRouter, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import JSONResponse, Response
from sqlalchemy.exc import SQLAlchemyError
from twilio.request_validator import RequestValidator
from twilio.twiml.messaging_response import MessagingResponse

from api.db import session_scope
from api.errors import error_body
from api.input_guard import clean_text
from api.render import sheet_sms_text
from api.routes_chat import RETRY, converse, erase_conversation, pseudonym
from api.routes_sheets import sheet_url
from api.settings import get_settings
from api.sheets import get_sheet
from api.sms_store import menu_of, record_message

router = APIRouter(tags=["SMS et WhatsApp"])
log = logging.getLogger("mesdroits.sms")
STOP_WORDS = {"stop", "arret", "arreter", "stopp", "unsubscribe", "desinscription"}
SEGMENTS = 3
GSM7_SEGMENT = 153  # characters per segment of a multi-part GSM-7 SMS
MIN_PART = 40  # an earlier message is never shortened below this
# GSM 03.38 basic alphabet (plus the extension table's € [ ] { } \\ ~ ^ |, which count double).
_GSM7 = set(
    "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZ"
    "ÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà"
)
_GSM7_EXTENSION = set("€[]{}\\~^|")
_SUBSTITUTES = {"’": "'", "‘": "'", "«": '"', "»": '"', "…": "...", "œ": "oe", "Œ": "OE",
                "–": "-", "—": "-", "✔": "-", "\u202f": " ", "\u00a0": " ", "·": "-"}


def gsm7(text: str) -> str:
    """The text in the GSM-7 alphabet (so an SMS holds 153 characters a segment, not 67)."""
    out = []
    for ch in text:
        ch = _SUBSTITUTES.get(ch, ch)
        if all(c in _GSM7 or c in _GSM7_EXTENSION for c in ch):
            out.append(ch)
            continue
        bare = unicodedata.normalize("NFKD", ch).encode("ascii", "ignore").decode()
        bare = "".join(c for c in bare if c in _GSM7 or c in _GSM7_EXTENSION)
        out.append(bare or "?")
    return "".join(out)


def segments(text: str) -> int:
    units = _units(text)
    if all(ch in _GSM7 or ch in _GSM7_EXTENSION for ch in text):
        return 1 if units <= 160 else -(-units // GSM7_SEGMENT)
    return 1 if len(text) <= 70 else -(-len(text) // 67)


def _units(text: str) -> int:
    return sum(2 if ch in _GSM7_EXTENSION else 1 for ch in text)


def _shorten(part: str, length: int) -> str:
    cut = part[:length]
    if " " in cut[length // 2:]:
        cut = cut.rsplit(" ", 1)[0]
    return cut.rstrip(" ,;:.-") + "..."


def sms_text(messages: list[dict[str, Any]]) -> tuple[str, list[dict[str, str]]]:
    """The assistant's messages as one SMS: buttons as a numbered list, three segments at most
    where possible. The last message (the question or the sheet link) and the numbered choices
    are kept whole; earlier messages are shortened, longest first, down to MIN_PART characters."""
    buttons = next((m["buttons"] for m in reversed(messages) if m.get("buttons")), [])
    parts = [gsm7(m["text"]) for m in messages if m.get("text")]
    kept = 1 if parts else 0
    if buttons:
        numbered = " ; ".join(f"{i}. {gsm7(b['title'])}" for i, b in enumerate(buttons, 1))
        parts.append(f"Repondez {numbered}")
        kept += 1
    budget = SEGMENTS * GSM7_SEGMENT
    while (excess := _units("\n".join(parts)) - budget) > 0:
        shortenable = [i for i in range(len(parts) - kept) if len(parts[i]) > MIN_PART + 3]
        if not shortenable:
            break
        longest = max(shortenable, key=lambda i: len(parts[i]))
        target = max(MIN_PART, len(parts[longest]) - excess - 3)
        parts[longest] = _shorten(parts[longest], target)
    return "\n".join(parts), buttons


def _summed_up(messages: list[dict[str, Any]], sheet_id: str, final: int
               ) -> list[dict[str, Any]]:
    """The final answer (one message a scheme, then the link) replaced by the sheet's own SMS
    summary, sized to what the earlier messages leave of the three segments."""
    before = messages[:-final] if 0 < final <= len(messages) else messages
    room = max(160, SEGMENTS * GSM7_SEGMENT - sum(min(len(gsm7(m["text"])), MIN_PART + 3) + 1
                                                  for m in before))
    with session_scope(get_settings().database_url) as session:
        sheet = get_sheet(session, sheet_id)
        if sheet is None:
            return messages
        limit = room
        summary = sheet_sms_text(sheet.result, sheet_url(sheet.id), limit)
        while (excess := _units(gsm7(summary)) - room) > 0 and limit > 160:
            limit -= excess  # « … » and « € » take more room in GSM-7
            summary = sheet_sms_text(sheet.result, sheet_url(sheet.id), limit)
    return [*before, {"text": summary}]


def _twiml(text: str, status: int = 200) -> Response:
    reply = MessagingResponse()
    reply.message(text)
    return Response(str(reply), media_type="application/xml", status_code=status)


@router.post("/sms/twilio", summary="Webhook SMS / WhatsApp compatible Twilio (réponse TwiML)")
async def twilio_webhook(request: Request) -> Response:
    settings = get_settings()
    if not settings.twilio_auth_token:
        return JSONResponse(error_body(503, "Le canal SMS n'est pas configuré."), 503)
    form = {k: str(v) for k, v in (await request.form()).items()}
    signature = request.headers.get("x-twilio-signature", "")
    url = f"{settings.public_base_url}/sms/twilio"
    if not RequestValidator(settings.twilio_auth_token).validate(url, form, signature):
        return JSONResponse(error_body(403, "Signature invalide."), 403)
    sender, sid = form.get("From", ""), form.get("MessageSid") or form.get("SmsSid", "")
    if not sender or not sid:
        return JSONResponse(error_body(400, "Expéditeur ou identifiant de message manquant."),
                            400)
    # The same person by SMS or WhatsApp is one conversation; never stored in clear.
    owner = pseudonym("sms", sender.removeprefix("whatsapp:"))
    try:
        # the signature covers the text as sent; what goes on is text only
        return await _answer(owner, sid, clean_text(form.get("Body", "")))
    except SQLAlchemyError:
        log.warning("SMS not handled: database unavailable")
        return _twiml(gsm7(RETRY))


async def _answer(owner: str, sid: str, body: str) -> Response:
    refusal = await run_in_threadpool(record_message, owner, sid)
    if refusal == "replay":
        return JSONResponse(error_body(409, "Ce message a déjà été reçu."), 409)
    if refusal == "rate":
        return _twiml("Trop de messages en peu de temps : attendez une minute, puis reessayez.")
    body = body.strip()[:2000]
    if gsm7(body).lower().strip(" .!") in STOP_WORDS:
        await run_in_threadpool(erase_conversation, owner)
        await run_in_threadpool(menu_of, owner, [])
        return _twiml("C'est note : vos donnees sont effacees et vous ne recevrez plus de "
                      "messages. Ecrivez BONJOUR pour recommencer.")
    if body.isdigit():
        menu = await run_in_threadpool(menu_of, owner)
        if 1 <= int(body) <= len(menu):
            body = menu[int(body) - 1]["payload"]
    turn = await converse(owner, body)  # unavailable: a French « réessayez » message
    messages = turn.payload["messages"]
    if turn.sheet:
        messages = await run_in_threadpool(_summed_up, messages, *turn.sheet)
    text, buttons = sms_text(messages)
    await run_in_threadpool(menu_of, owner, buttons)
    return _twiml(text)
