"""A test client on a fresh SQLite database with extra settings (the environment's names)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from fastapi.testclient import TestClient


@contextmanager
def client_with(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                peer: tuple[str, int] = ("testclient", 50000), **env: str
                ) -> Iterator[TestClient]:
    """`peer`: the address the connection comes from (a proxy's, say)."""
    from api import settings
    from api.main import create_app

    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'test.sqlite3'}")
    monkeypatch.setenv("MESDROITS_VAR_DIR", str(tmp_path / "var"))
    monkeypatch.setenv("PUBLIC_BASE_URL", "http://testserver")
    for key, value in env.items():
        monkeypatch.setenv(key, value)
    settings.get_settings.cache_clear()
    try:
        with TestClient(create_app(), client=peer) as client:
            yield client
    finally:
        settings.get_settings.cache_clear()
