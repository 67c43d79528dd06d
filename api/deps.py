"""Request-scoped helpers: a database session."""

from __future__ import annotations

from collections.abc import Iterator

from sqlalchemy.orm import Session

from api.db import session_scope
from api.settings import get_settings


def db_session() -> Iterator[Session]:
    with session_scope(get_settings().database_url) as session:
        yield session
