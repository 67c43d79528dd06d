"""Alembic environment: migrations run on the connection handed over by api.db.migrate."""

from alembic import context
from sqlalchemy import create_engine

from api.models import Base

config = context.config
target_metadata = Base.metadata

connection = config.attributes.get("connection")
if connection is None:  # `alembic` command line: DATABASE_URL from alembic.ini or -x url=…
    from api.db import normalize_url
    from api.settings import get_settings

    url = context.get_x_argument(as_dictionary=True).get("url") or get_settings().database_url
    with create_engine(normalize_url(url)).connect() as conn:
        context.configure(connection=conn, target_metadata=target_metadata,
                          render_as_batch=True)
        with context.begin_transaction():
            context.run_migrations()
        conn.commit()
else:
    context.configure(connection=connection, target_metadata=target_metadata,
                      render_as_batch=True)
    with context.begin_transaction():
        context.run_migrations()
