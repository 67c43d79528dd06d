"""The conversations kept by Rasa (its `events` table in the tracker store's database)."""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import Connection, create_engine, event, inspect, text

from api.db import checkpoint, normalize_url, private_sqlite_files
from api.settings import get_settings


def _sqlite_pragmas(dbapi_connection, _record) -> None:  # type: ignore[no-untyped-def]
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA busy_timeout=5000")
    cursor.execute("PRAGMA secure_delete=ON")  # deleted events overwritten with zeros
    cursor.close()
    private_sqlite_files(dbapi_connection)


@contextmanager
def _tracker_database() -> Iterator[Connection | None]:
    """The tracker store's database, in one transaction; SQLite's log emptied after it (Rasa's
    own connections write with secure_delete too, bot/tracker_store.py)."""
    engine = create_engine(normalize_url(get_settings().rasa_tracker_url))
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", _sqlite_pragmas)
    try:
        with engine.begin() as connection:
            yield connection if inspect(connection).has_table("events") else None
        checkpoint(engine)
    finally:
        engine.dispose()


def delete_conversation(owner: str) -> None:
    with _tracker_database() as events:
        if events is not None:
            events.execute(text("DELETE FROM events WHERE sender_id = :sender"),
                           {"sender": owner})


def purge_conversations(days: int) -> int:
    """Delete every conversation whose last message is older than `days`; how many."""
    cutoff = time.time() - days * 86400
    with _tracker_database() as events:
        if events is None:
            return 0
        old = [row[0] for row in events.execute(text(
            "SELECT sender_id FROM events GROUP BY sender_id HAVING MAX(timestamp) < :cutoff"),
            {"cutoff": cutoff})]
        for sender in old:
            events.execute(text("DELETE FROM events WHERE sender_id = :sender"),
                           {"sender": sender})
        return len(old)
