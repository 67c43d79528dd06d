"""API fixtures: the same tests run on SQLite and on the real PostgreSQL server."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient


@pytest.fixture(scope="session", autouse=True)
def var_dir(tmp_path_factory) -> Iterator[Path]:
    """The API's files (secret key, SQLite) go to a temporary folder, never to the checkout's
    var/: set before the first test reads the settings."""
    from api import settings

    path = tmp_path_factory.mktemp("var")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("MESDROITS_VAR_DIR", str(path))
        patch.delenv("SECRET_KEY", raising=False)
        settings.get_settings.cache_clear()
        yield path
    settings.get_settings.cache_clear()


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
