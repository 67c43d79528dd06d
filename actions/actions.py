"""The Rasa custom action: every turn goes through `actions.dialogue.respond`.

Run with `.venv/bin/python -m rasa_sdk --actions actions.actions --port 5055` (the main Python
environment: rasa-sdk speaks the same webhook protocol as the Rasa 3.6 server).
"""

from __future__ import annotations

import copy
import datetime as dt
from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from starlette.concurrency import run_in_threadpool

from actions.dialogue import State, respond

SLOTS = ("situation", "fait_demande", "incompris", "annonces", "ignores", "sheet_id",
         "sheet_for")


def sheet_maker(owner: str):  # type: ignore[no-untyped-def]
    """Creates the rights sheet in the API's storage, owned by the (pseudonymised) sender."""

    def make(situation: dict[str, Any]) -> str:
        from api.db import ensure_migrated, session_scope
        from api.routes_sheets import sheet_url
        from api.settings import get_settings
        from api.sheets import create_sheet

        settings = get_settings()
        ensure_migrated(settings.database_url)
        with session_scope(settings.database_url) as session:
            sheet = create_sheet(session, situation, settings.sheet_retention_days,
                                 channel="chat", owner=owner)
            return sheet_url(sheet.id)

    return make


class ActionMesDroits(Action):
    def name(self) -> str:
        return "action_mes_droits"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: dict[str, Any]) -> list[EventType]:
        state = State.from_slots({name: tracker.get_slot(name) for name in SLOTS})
        state_before = copy.deepcopy(state.as_slots())  # respond() changes the state
        message = tracker.latest_message or {}
        intent = (message.get("intent") or {}).get("name") or "nlu_fallback"
        reply = await run_in_threadpool(respond, state, intent, message.get("text") or "",
                                        dt.date.today(), sheet_maker(tracker.sender_id))
        for sent in reply.messages:
            dispatcher.utter_message(text=sent["text"], buttons=sent.get("buttons", []))
        if reply.erase:
            dispatcher.utter_message(json_message={"effet": "effacer"})
        # Only the slots that changed: every event is replayed by Rasa at each turn.
        return [SlotSet(name, value) for name, value in reply.state.as_slots().items()
                if state_before.get(name) != value]
