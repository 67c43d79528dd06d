"""Migration 0005 on SQLite and on the real PostgreSQL: from a database at 0004 holding audit
entries with sheet ids and login attempts, to sessions and references, and back."""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import Iterator

import pytest
from alembic import command
from alembic.config import Config
from sqlalchemy import inspect, text
from storage_helpers import fresh_postgres_database

from api.db import MIGRATIONS, get_engine
from api.settings import get_settings

SHEET_ID = "Qz7rV3kP9sLm2XwT8bN4cJ6h"


def _alembic(url: str, action: str, revision: str) -> None:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    with get_engine(url).begin() as connection:
        config.attributes["connection"] = connection
        getattr(command, action)(config, revision)


@pytest.fixture(params=["sqlite", "postgresql"])
def empty_database(request, tmp_path) -> Iterator[str]:
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'migration.sqlite3'}"
        return
    with fresh_postgres_database() as url:
        yield url
        get_engine(url).dispose()


def columns(url: str, table: str) -> set[str]:
    return {c["name"] for c in inspect(get_engine(url)).get_columns(table)}


def test_0005_turns_sheet_ids_into_references_and_goes_back(empty_database):
    url = empty_database
    _alembic(url, "upgrade", "0004")
    with get_engine(url).begin() as db:
        db.execute(text("INSERT INTO agents (id, username, display_name, password_hash, active, "
                        "created_at) VALUES (1, 'alice', 'Alice', 'x', true, "
                        "CURRENT_TIMESTAMP)"))
        db.execute(text("INSERT INTO audit_log (at, agent_id, action, sheet_id) VALUES "
                        "(CURRENT_TIMESTAMP, 1, 'sheet_opened', :s), "
                        "(CURRENT_TIMESTAMP, 1, 'login', NULL)"), {"s": SHEET_ID})
        db.execute(text("INSERT INTO login_attempts (key, at) VALUES ('k', CURRENT_TIMESTAMP)"))
    _alembic(url, "upgrade", "head")
    tables = set(inspect(get_engine(url)).get_table_names())
    assert "agent_sessions" in tables and "login_attempts" not in tables
    assert "sheet_id" not in columns(url, "audit_log")
    with get_engine(url).connect() as db:
        rows = db.execute(text("SELECT action, ref FROM audit_log ORDER BY id")).all()
    key = get_settings().secret_key.encode()
    expected = hmac.new(key, f"audit|fiche|{SHEET_ID}".encode(), hashlib.sha256).hexdigest()[:32]
    assert [tuple(r) for r in rows] == [("sheet_opened", expected), ("login", None)]

    _alembic(url, "downgrade", "0004")
    tables = set(inspect(get_engine(url)).get_table_names())
    assert "agent_sessions" not in tables and "login_attempts" in tables
    assert {"sheet_id"} <= columns(url, "audit_log") and "ref" not in columns(url, "audit_log")
    _alembic(url, "upgrade", "head")
    assert {"username", "ref", "detail"} <= columns(url, "audit_log")
