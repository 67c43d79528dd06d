"""Rasa's SQL tracker store, reading only what a turn needs. Loaded by Rasa (its own Python 3.10
environment, PYTHONPATH at the project root) from bot/endpoints*.yml.

Rasa rebuilds the tracker from every stored event at each turn, so each turn would cost more
than the one before. The `events` table here is Rasa's own and keeps the whole conversation; a
turn reads the latest rows only, back to the user message of the last turn in which the custom
action wrote its state (action_mes_droits writes its one slot, `etat`, at every turn). Replaying
from there gives the same slots, latest message and latest action as replaying everything.
A turn's new events are written in one INSERT, the rows Rasa's own `save` writes (it adds one
ORM object per event: 0.7 ms a turn, 0.3 ms here).

If the database cannot be reached, Rasa would fall back to an empty in-memory tracker and the
person would be greeted as a stranger. Instead the tracker carries the slot
`stockage_indisponible`, the action answers « réessayez », and nothing is written.
"""

from __future__ import annotations

import itertools
import json
import logging
import os
from collections.abc import Iterator
from typing import Any

import sqlalchemy as sa
from rasa.core.tracker_store import SQLTrackerStore, create_engine_kwargs
from rasa.shared.core.events import ActionExecuted, Event, SlotSet
from rasa.shared.core.trackers import DialogueStateTracker

from bot import action_response, log_privacy

log = logging.getLogger(__name__)
log_privacy.install()  # this module is loaded at Rasa's start-up: its log keeps no text
action_response.install()  # and Rasa checks each action-server answer at less cost

CUSTOM_ACTION = "action_mes_droits"
CHECKPOINT_SLOT = "etat"  # the dialogue state, written by every successful run of the action
UNAVAILABLE_SLOT = "stockage_indisponible"
# A turn reads the latest rows in pages, a longer page only when its window is not in the first
# (one turn is ~5 events, a final answer ~25): the first page is enough for any ordinary turn.
PAGES = (60, 400)
_STORED = "_mesdroits_stored_events"  # on a tracker: how many of its events are in the table
_UNAVAILABLE = "_mesdroits_unavailable"


def _last(events: list[dict[str, Any]], before: int, kind: str,
          name: str | None = None) -> int | None:
    for i in range(before, -1, -1):
        if events[i].get("event") == kind and (name is None or events[i].get("name") == name):
            return i
    return None


def window_start(events: list[dict[str, Any]]) -> int | None:
    """Index of the first event this turn needs, or None when the rows given are not enough."""
    if not events:
        return None
    slot = _last(events, len(events) - 1, "slot", CHECKPOINT_SLOT)
    action = _last(events, slot, "action", CUSTOM_ACTION) if slot is not None else None
    user = _last(events, action, "user") if action is not None else None
    if user is None:
        return None
    session = _last(events, len(events) - 1, "session_started")
    return max(user, session) if session is not None else user


def _row(sender_id: str, event: Event) -> dict[str, Any]:
    """An event as a row of Rasa's `events` table, the columns Rasa's own `save` writes."""
    data = event.as_dict()
    return {"sender_id": sender_id, "type_name": event.type_name,
            "timestamp": data.get("timestamp"),
            "intent_name": data.get("parse_data", {}).get("intent", {}).get("name"),
            "action_name": data.get("name"), "data": json.dumps(data)}


def _sqlite_pragmas(connection: Any, _record: Any) -> None:
    # Write-ahead log: readers (the API's erasure) never block Rasa, and a commit needs no
    # full fsync (still safe if a process crashes; the last turns could go on power loss).
    cursor = connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA busy_timeout=5000")
    # Freed space overwritten with zeros: an erased conversation (api/conversations.py) leaves
    # no copy of its text behind in the pages Rasa rearranged.
    cursor.execute("PRAGMA secure_delete=ON")
    # The conversations are nobody else's to read: the file 0600 (its -wal and -shm follow).
    for _, name, path in cursor.execute("PRAGMA database_list").fetchall():
        if name == "main" and path:
            for suffix in ("", "-wal", "-shm"):
                if os.path.exists(path + suffix):
                    os.chmod(path + suffix, 0o600)
    cursor.close()


class WindowedSQLTrackerStore(SQLTrackerStore):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Rasa's engine keeps dead connections after a database restart; check them first.
        url = self.engine.url
        self.engine.dispose()
        options = create_engine_kwargs(url)
        if url.get_backend_name() == "sqlite":  # SQLAlchemy 1.4 would reconnect at each query
            options.update(poolclass=sa.pool.QueuePool,
                           connect_args={"check_same_thread": False})
        self.engine = sa.create_engine(url, pool_pre_ping=True, **options)
        if self.engine.dialect.name == "sqlite":
            sa.event.listen(self.engine, "connect", _sqlite_pragmas)
        self.sessionmaker = sa.orm.session.sessionmaker(bind=self.engine)

    async def _retrieve(self, sender_id: str, fetch_events_from_all_sessions: bool
                        ) -> DialogueStateTracker | None:
        if fetch_events_from_all_sessions:
            return await super()._retrieve(sender_id, fetch_events_from_all_sessions)
        try:
            with self.session_scope() as session:
                events, start = self._window(session, sender_id)
        except sa.exc.SQLAlchemyError as error:
            log.error("tracker store unreachable: %s", type(error).__name__)
            return self._unavailable(sender_id)
        if not events or self.domain is None:
            return None
        tracker = DialogueStateTracker.from_dict(sender_id, events[start:],
                                                 self.domain.slots)
        setattr(tracker, _STORED, len(tracker.events))
        return tracker

    def _window(self, session: Any, sender_id: str) -> tuple[list[dict[str, Any]], int]:
        """The latest events and the index of the first one this turn needs."""
        for limit in PAGES:
            rows = (session.query(self.SQLEvent.data)
                    .filter(self.SQLEvent.sender_id == sender_id)
                    .order_by(self.SQLEvent.id.desc()).limit(limit).all())
            events = [json.loads(data) for (data,) in reversed(rows)]
            start = window_start(events)
            if start is not None or len(rows) < limit:  # found, or every row read
                return events, start or 0
        return [json.loads(event.data) for event in self._event_query(
            session, sender_id, fetch_events_from_all_sessions=False)], 0

    def _unavailable(self, sender_id: str) -> DialogueStateTracker:
        events = [ActionExecuted("action_listen").as_dict(),
                  SlotSet(UNAVAILABLE_SLOT, True).as_dict()]
        tracker = DialogueStateTracker.from_dict(sender_id, events, self.domain.slots)
        setattr(tracker, _UNAVAILABLE, True)
        return tracker

    async def save(self, tracker: DialogueStateTracker) -> None:
        if getattr(tracker, _UNAVAILABLE, False):
            return  # this turn only said « réessayez »: keep no trace of it
        try:
            await self.stream_events(tracker)
            with self.session_scope() as session:
                rows = [_row(tracker.sender_id, event)
                        for event in self._additional_events(session, tracker)]
                if rows:  # one INSERT for the turn's events, not one ORM object each
                    session.execute(self.SQLEvent.__table__.insert(), rows)
                session.commit()
        except sa.exc.SQLAlchemyError as error:
            # Rasa logs this error's text, which would quote the SQL parameters (what the person
            # wrote): keep only its kind.
            raise RuntimeError(f"tracker store unreachable: {type(error).__name__}") from None
        setattr(tracker, _STORED, len(tracker.events))

    def _additional_events(self, session: Any, tracker: DialogueStateTracker) -> Iterator:
        stored = getattr(tracker, _STORED, None)
        if stored is None:  # a tracker this store did not read: count as Rasa does
            return super()._additional_events(session, tracker)
        return itertools.islice(tracker.events, stored, len(tracker.events))
