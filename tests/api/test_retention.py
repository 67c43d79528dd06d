"""Bounded retention: `mesdroits purge` deletes old conversations and SMS traces, keeps the rest."""

import datetime as dt
import json
import time

from sqlalchemy import create_engine, text

from api.cli import main as mesdroits
from api.db import normalize_url, session_scope
from api.models import SmsMenu, SmsMessage, utcnow
from api.settings import get_settings


def add_events(url, sender, days_ago, count=3):
    engine = create_engine(normalize_url(url))
    with engine.begin() as connection:
        connection.execute(text(
            "CREATE TABLE IF NOT EXISTS events (id INTEGER PRIMARY KEY, sender_id VARCHAR(255), "
            "type_name VARCHAR(255), timestamp FLOAT, intent_name VARCHAR(255), "
            "action_name VARCHAR(255), data TEXT)"))
        for i in range(count):
            stamp = time.time() - days_ago * 86400 + i
            connection.execute(text(
                "INSERT INTO events (sender_id, type_name, timestamp, data) "
                "VALUES (:s, 'user', :t, :d)"),
                {"s": sender, "t": stamp, "d": json.dumps({"text": "j'ai 23 ans"})})
    engine.dispose()


def senders(url):
    engine = create_engine(normalize_url(url))
    with engine.connect() as connection:
        found = {r[0] for r in connection.execute(text("SELECT sender_id FROM events"))}
    engine.dispose()
    return found


def test_purge_deletes_old_conversations_and_sms_traces(sqlite_client, tmp_path, monkeypatch,
                                                        capsys):
    tracker = f"sqlite:///{tmp_path / 'tracker.sqlite3'}"
    monkeypatch.setenv("RASA_TRACKER_URL", tracker)
    get_settings.cache_clear()
    add_events(tracker, "ancienne", days_ago=45)
    add_events(tracker, "recente", days_ago=2)
    # a conversation that started long ago but is still going on is kept whole
    add_events(tracker, "suivie", days_ago=60)
    add_events(tracker, "suivie", days_ago=0, count=1)
    database = get_settings().database_url
    with session_scope(database) as session:
        session.add(SmsMessage(sid="SMold", owner="x", at=utcnow() - dt.timedelta(days=3)))
        session.add(SmsMessage(sid="SMnew", owner="x"))
        session.add(SmsMenu(owner="old", buttons={"items": []},
                            at=utcnow() - dt.timedelta(days=40)))
    assert mesdroits(["purge"]) == 0
    assert "1 conversation(s)" in capsys.readouterr().out
    assert senders(tracker) == {"recente", "suivie"}
    with session_scope(database) as session:
        assert [m.sid for m in session.query(SmsMessage)] == ["SMnew"]
        assert session.query(SmsMenu).count() == 0


def test_purge_without_any_conversation_yet(sqlite_client, tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("RASA_TRACKER_URL", f"sqlite:///{tmp_path / 'none.sqlite3'}")
    get_settings.cache_clear()
    assert mesdroits(["purge"]) == 0
    assert "0 conversation(s)" in capsys.readouterr().out
