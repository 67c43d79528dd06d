"""Request-scoped helpers: a database session committed before the response."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Annotated

from fastapi import Depends
from sqlalchemy.orm import Session

from api.db import session_scope
from api.settings import get_settings


def db_session() -> Iterator[Session]:
    with session_scope(get_settings().database_url) as session:
        yield session


# "function" scope: the session commits before the response is sent, so a sheet answered with
# 201 can be read at once by the next request.
DB = Annotated[Session, Depends(db_session, scope="function")]
