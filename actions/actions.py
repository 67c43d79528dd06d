"""The Rasa custom action: every turn goes through `actions.dialogue.respond`.

Served by `actions.server` (`.venv/bin/python -m actions.server [--port 5055]`: the main Python
environment, the loopback only, the dialogue warmed up first); rasa-sdk 3.21 speaks the same
webhook protocol as the Rasa 3.6 server.
"""

from __future__ import annotations

import asyncio
import datetime as dt
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.dialogue import State, respond

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from api.settings import Settings



@contextmanager
def _api_storage() -> Iterator[tuple[Session, Settings]]:
    """A session on the API's database (the same one the web application uses)."""
    from api.db import ensure_migrated, session_scope
    from api.settings import get_settings

    settings = get_settings()
    ensure_migrated(settings.database_url)
    with session_scope(settings.database_url) as session:
        yield session, settings


def sheet_maker(owner: str) -> Callable[[dict[str, Any]], str]:
    """Creates the rights sheet in the API's storage, owned by the (pseudonymised) sender."""

    def make(situation: dict[str, Any]) -> str:
        from api.routes_sheets import sheet_url
        from api.sheets import create_sheet

        with _api_storage() as (session, settings):
            sheet = create_sheet(session, situation, settings.sheet_retention_days,
                                 channel="chat", owner=owner)
            return sheet_url(sheet.id)

    return make


def code_maker(owner: str) -> Callable[[dict[str, Any]], tuple[str, int]]:
    """Creates a hand-over code so that a France Services agent can resume this conversation."""

    def make(situation: dict[str, Any]) -> tuple[str, int]:
        from api.handover import create_code

        with _api_storage() as (session, settings):
            code = create_code(session, owner, situation, settings.handover_minutes)
        return code, settings.handover_minutes

    return make


class ActionMesDroits(Action):
    def name(self) -> str:
        return "action_mes_droits"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: dict[str, Any]) -> list[EventType]:
        if tracker.get_slot("stockage_indisponible"):  # see bot/tracker_store.py
            dispatcher.utter_message(json_message={"effet": "reessayer"})
            return []
        state = State.from_dict(tracker.get_slot("etat") or {})
        message = tracker.latest_message or {}
        intent = (message.get("intent") or {}).get("name") or "nlu_fallback"
        reply = await asyncio.to_thread(respond, state, intent, message.get("text") or "",
                                        dt.date.today(), sheet_maker(tracker.sender_id),
                                        code_maker(tracker.sender_id))
        for sent in reply.messages:
            dispatcher.utter_message(text=sent["text"], buttons=sent.get("buttons", []))
        if reply.erase:
            dispatcher.utter_message(json_message={"effet": "effacer"})
        if reply.final and reply.state.sheet_url:  # the SMS gateway sends the sheet's summary
            from api.routes_sheets import sheet_id_of

            dispatcher.utter_message(json_message={
                "effet": "fiche", "fiche": sheet_id_of(reply.state.sheet_url),
                "messages": reply.final})
        # The whole state, every turn: the tracker store reads back only to the latest write.
        return [SlotSet("etat", reply.state.as_dict())]
