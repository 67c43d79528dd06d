"""Database engine, sessions and migrations (SQLite by default, PostgreSQL via DATABASE_URL)."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache
from pathlib import Path

from alembic import command
from alembic.config import Config
from sqlalchemy import Engine, create_engine, event
from sqlalchemy.orm import Session, sessionmaker

from api.settings import private_file

MIGRATIONS = Path(__file__).resolve().parent / "migrations"


def normalize_url(url: str) -> str:
    """postgresql:// → the psycopg 3 driver; make the SQLite file's folder."""
    if url.startswith(("postgres://", "postgresql://")):
        url = "postgresql+psycopg://" + url.split("://", 1)[1]
    if url.startswith("sqlite:///") and not url.startswith("sqlite:///:memory:"):
        folder = Path(url.removeprefix("sqlite:///")).parent
        if not folder.exists():
            folder.mkdir(mode=0o700, parents=True)
    return url


def private_sqlite_files(dbapi_connection) -> None:  # type: ignore[no-untyped-def]
    """The database file and its -wal / -shm, 0600 (SQLite makes the last two with the
    database file's mode)."""
    for _, name, path in dbapi_connection.execute("PRAGMA database_list").fetchall():
        if name == "main" and path:
            for suffix in ("", "-wal", "-shm"):
                private_file(Path(path + suffix))


def _sqlite_pragmas(dbapi_connection, _record) -> None:  # type: ignore[no-untyped-def]
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA busy_timeout=5000")
    # What is deleted is overwritten with zeros, not left in free space (see `scrub`).
    cursor.execute("PRAGMA secure_delete=ON")
    cursor.close()
    private_sqlite_files(dbapi_connection)


def checkpoint(engine: Engine) -> bool:
    """Copy SQLite's write-ahead log into the database and empty it (TRUNCATE): the pages as
    they were before a deletion are then nowhere in the files. Nothing to do on PostgreSQL
    (README, « Privacy »). False if readers kept the log busy."""
    if engine.dialect.name != "sqlite":
        return True
    connection = engine.raw_connection()
    try:
        busy = connection.cursor().execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
        return not (busy and busy[0])
    finally:
        connection.close()


def scrub(url: str) -> bool:
    """After an erasure or a purge, once it is committed: see `checkpoint`."""
    return checkpoint(get_engine(url))


@cache
def get_engine(url: str) -> Engine:
    url = normalize_url(url)
    if url.startswith("sqlite"):
        engine = create_engine(url, connect_args={"check_same_thread": False})
        event.listen(engine, "connect", _sqlite_pragmas)
        return engine
    return create_engine(url, pool_pre_ping=True, pool_size=10, max_overflow=10)


def migrate(url: str) -> None:
    """Bring the database schema to the latest Alembic revision."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    with get_engine(url).begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "head")


_migrated: set[str] = set()
_migration_lock = threading.Lock()


def ensure_migrated(url: str) -> None:
    """Migrate once per process (for processes other than the API: the action server, whose
    threads may all ask at once; Alembic itself is not thread-safe)."""
    with _migration_lock:
        if url not in _migrated:
            migrate(url)
            _migrated.add(url)


@cache
def _factory(url: str) -> sessionmaker[Session]:
    return sessionmaker(get_engine(url), expire_on_commit=False)


@contextmanager
def session_scope(url: str) -> Iterator[Session]:
    session = _factory(url)()
    try:
        yield session
        session.commit()
    except BaseException:
        session.rollback()
        raise
    finally:
        session.close()
