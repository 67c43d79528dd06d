"""API fixtures: the same tests run on SQLite and on the real PostgreSQL server."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator

import psycopg
import pytest
from fastapi.testclient import TestClient

PG_ADMIN = os.environ.get("TEST_PG_ADMIN_URL", "postgresql://postgres@127.0.0.1:5432/postgres")


@pytest.fixture(scope="session")
def postgres_url() -> Iterator[str]:
    """A fresh database on the real PostgreSQL server, dropped at the end."""
    name = f"mesdroits_test_{uuid.uuid4().hex[:10]}"
    try:
        admin = psycopg.connect(PG_ADMIN, autocommit=True, connect_timeout=5)
    except psycopg.OperationalError as exc:
        pytest.fail(f"PostgreSQL is needed at {PG_ADMIN} for the storage tests: {exc}")
    admin.execute(f'CREATE DATABASE "{name}"')
    try:
        yield PG_ADMIN.rsplit("/", 1)[0] + f"/{name}"
    finally:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.close()


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(request, tmp_path) -> str:
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'test.sqlite3'}"
    return request.getfixturevalue("postgres_url")


def make_client(database_url: str, tmp_path, monkeypatch, **env: str) -> TestClient:
    from api import settings
    from api.main import create_app

    monkeypatch.setenv("DATABASE_URL", database_url)
    monkeypatch.setenv("MESDROITS_VAR_DIR", str(tmp_path / "var"))
    monkeypatch.setenv("PUBLIC_BASE_URL", "http://testserver")
    for key, value in env.items():
        monkeypatch.setenv(key, value)
    settings.get_settings.cache_clear()
    return TestClient(create_app())


def _empty_tables(database_url: str) -> None:
    from api.db import session_scope
    from api.models import Base

    with session_scope(database_url) as session:
        for table in reversed(Base.metadata.sorted_tables):
            session.execute(table.delete())


@pytest.fixture
def client(database_url, tmp_path, monkeypatch) -> Iterator[TestClient]:
    with make_client(database_url, tmp_path, monkeypatch) as test_client:
        _empty_tables(database_url)  # the PostgreSQL database is shared by the session
        yield test_client
    from api import settings

    settings.get_settings.cache_clear()


@pytest.fixture
def sqlite_client(tmp_path, monkeypatch) -> Iterator[TestClient]:
    url = f"sqlite:///{tmp_path / 'test.sqlite3'}"
    with make_client(url, tmp_path, monkeypatch) as test_client:
        yield test_client
    from api import settings

    settings.get_settings.cache_clear()


@pytest.fixture
def ines() -> dict:
    """Inès, 23, looking for work in Roubaix, not on RSA."""
    return {"age": 23, "activite": "sans_emploi", "commune": "Roubaix", "rsa": False,
            "date_evaluation": "2026-11-22"}
