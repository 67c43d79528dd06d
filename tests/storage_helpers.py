"""Fresh databases on the real PostgreSQL server, for the tests and the benchmarks."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager

import psycopg

PG_ADMIN = os.environ.get("TEST_PG_ADMIN_URL", "postgresql://postgres@127.0.0.1:5432/postgres")


@contextmanager
def fresh_postgres_database() -> Iterator[str]:
    """A new database on the real PostgreSQL server (its URL), dropped at the end."""
    name = f"mesdroits_test_{uuid.uuid4().hex[:10]}"
    try:
        admin = psycopg.connect(PG_ADMIN, autocommit=True, connect_timeout=5)
    except psycopg.OperationalError as exc:
        raise RuntimeError(f"PostgreSQL is needed at {PG_ADMIN}: {exc}") from exc
    admin.execute(f'CREATE DATABASE "{name}"')
    try:
        yield PG_ADMIN.rsplit("/", 1)[0] + f"/{name}"
    finally:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.close()


def require_redis() -> None:
    """The real Redis at 127.0.0.1:6379 answers PING; otherwise the test fails (never skips)."""
    import socket

    import pytest

    try:
        with socket.create_connection(("127.0.0.1", 6379), timeout=3) as redis:
            redis.sendall(b"PING\r\n")
            assert redis.recv(16).startswith(b"+PONG")
    except (OSError, AssertionError) as exc:
        pytest.fail(f"Redis is needed at 127.0.0.1:6379 for this test: {exc!r}")
