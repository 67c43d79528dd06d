"""Erasure and purge leave nothing in SQLite's files: neither in the database nor in its
write-ahead log (secure_delete, then a TRUNCATE checkpoint)."""

import json
import sqlite3
import time
from pathlib import Path

from api.cli import main as mesdroits
from api.conversations import delete_conversation
from api.settings import get_settings


def bytes_of(database: Path) -> bytes:
    """The database and its -wal / -shm files, as they are on disk."""
    return b"".join(path.read_bytes() for path in database.parent.glob(database.name + "*"))


def rasa_like_tracker(path: Path, rows: list[tuple[str, str, float]]) -> sqlite3.Connection:
    """An `events` table written as Rasa writes it: write-ahead log, and the connection kept
    open as Rasa keeps its pool (the last connection to close would empty the log itself)."""
    connection = sqlite3.connect(path)
    connection.execute("PRAGMA journal_mode=WAL")
    connection.execute("CREATE TABLE IF NOT EXISTS events (id INTEGER PRIMARY KEY, "
                       "sender_id VARCHAR(255), type_name VARCHAR(255), timestamp FLOAT, "
                       "intent_name VARCHAR(255), action_name VARCHAR(255), data TEXT)")
    with connection:
        for sender, said, stamp in rows:
            connection.execute("INSERT INTO events (sender_id, type_name, timestamp, data) "
                               "VALUES (?, 'user', ?, ?)",
                               (sender, stamp, json.dumps({"text": said})))
    return connection


def test_a_deleted_sheet_leaves_no_byte_behind(sqlite_client, tmp_path):
    created = sqlite_client.post("/api/v1/sheets", json={"age": 40, "commune": "Zuydcoote"})
    assert created.status_code == 201
    database = tmp_path / "test.sqlite3"
    assert b"Zuydcoote" in bytes_of(database)  # the marker is there to be found
    assert sqlite_client.delete(f"/api/v1/sheets/{created.json()['id']}").status_code == 204
    assert b"Zuydcoote" not in bytes_of(database)


def test_an_erased_conversation_leaves_no_byte_behind(sqlite_client, tmp_path, monkeypatch):
    tracker = tmp_path / "tracker.sqlite3"
    monkeypatch.setenv("RASA_TRACKER_URL", f"sqlite:///{tracker}")
    get_settings.cache_clear()
    now = time.time()
    rasa = rasa_like_tracker(tracker, [("effacee", f"mon chat Quetzalcoatlus numero {i}", now + i)
                                for i in range(200)] + [("autre", "j'habite a Lille", now)])
    assert b"Quetzalcoatlus" in bytes_of(tracker)
    delete_conversation("effacee")
    assert b"Quetzalcoatlus" not in bytes_of(tracker)
    assert b"Lille" in bytes_of(tracker)  # someone else's conversation is kept
    rasa.close()


def test_a_purged_conversation_leaves_no_byte_behind(sqlite_client, tmp_path, monkeypatch,
                                                     capsys):
    tracker = tmp_path / "tracker.sqlite3"
    monkeypatch.setenv("RASA_TRACKER_URL", f"sqlite:///{tracker}")
    get_settings.cache_clear()
    old = time.time() - 60 * 86400
    rasa = rasa_like_tracker(tracker, [("ancienne", f"je vis a Ouagadougou {i}", old + i)
                                for i in range(50)])
    assert b"Ouagadougou" in bytes_of(tracker)
    assert mesdroits(["purge"]) == 0
    assert "1 conversation(s)" in capsys.readouterr().out
    assert b"Ouagadougou" not in bytes_of(tracker)
    rasa.close()
