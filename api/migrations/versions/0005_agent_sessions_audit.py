"""desk hardening: server-side agent sessions; the audit log keeps the username tried, a
detail and keyed references instead of sheet ids (those already stored are converted);
login_attempts dropped (failed logins are counted with `limits`)

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-02 09:00:00
"""

import hashlib
import hmac

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def _reference(key: bytes, sheet_id: str) -> str:
    """api.references.reference("fiche", …) as it was written for this revision."""
    return hmac.new(key, f"audit|fiche|{sheet_id}".encode(), hashlib.sha256).hexdigest()[:32]


def _audit_references() -> None:
    from api.settings import get_settings  # the key the application uses

    key = get_settings().secret_key.encode()
    audit_log = sa.table("audit_log", sa.column("id", sa.Integer),
                         sa.column("sheet_id", sa.String), sa.column("ref", sa.String))
    connection = op.get_bind()
    rows = connection.execute(sa.select(audit_log.c.id, audit_log.c.sheet_id)
                              .where(audit_log.c.sheet_id.is_not(None))).all()
    for row_id, sheet_id in rows:  # the id emptied too: PostgreSQL's DROP COLUMN keeps values
        connection.execute(audit_log.update().where(audit_log.c.id == row_id)
                           .values(ref=_reference(key, sheet_id), sheet_id=None))


def upgrade() -> None:
    with op.batch_alter_table("audit_log", schema=None) as batch_op:
        batch_op.add_column(sa.Column("username", sa.String(length=80), nullable=True))
        batch_op.add_column(sa.Column("ref", sa.String(length=64), nullable=True))
        batch_op.add_column(sa.Column("detail", sa.String(length=16), nullable=True))
        batch_op.create_index(batch_op.f("ix_audit_log_ref"), ["ref"], unique=False)
    _audit_references()
    with op.batch_alter_table("audit_log", schema=None) as batch_op:
        batch_op.drop_column("sheet_id")
    op.create_table(
        "agent_sessions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("token_hash", sa.String(length=64), nullable=False),
        sa.Column("agent_id", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("last_seen_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["agent_id"], ["agents.id"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("token_hash"),
    )
    with op.batch_alter_table("agent_sessions", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_agent_sessions_agent_id"), ["agent_id"],
                              unique=False)
        batch_op.create_index(batch_op.f("ix_agent_sessions_last_seen_at"), ["last_seen_at"],
                              unique=False)
        batch_op.create_index(batch_op.f("ix_agent_sessions_expires_at"), ["expires_at"],
                              unique=False)
    with op.batch_alter_table("login_attempts", schema=None) as batch_op:
        batch_op.drop_index("ix_login_attempts_key_at")
    op.drop_table("login_attempts")


def downgrade() -> None:
    op.create_table(
        "login_attempts",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(length=64), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("login_attempts", schema=None) as batch_op:
        batch_op.create_index("ix_login_attempts_key_at", ["key", "at"], unique=False)
    with op.batch_alter_table("agent_sessions", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_agent_sessions_expires_at"))
        batch_op.drop_index(batch_op.f("ix_agent_sessions_last_seen_at"))
        batch_op.drop_index(batch_op.f("ix_agent_sessions_agent_id"))
    op.drop_table("agent_sessions")
    with op.batch_alter_table("audit_log", schema=None) as batch_op:  # the ids are not recoverable
        batch_op.add_column(sa.Column("sheet_id", sa.String(length=64), nullable=True))
        batch_op.drop_index(batch_op.f("ix_audit_log_ref"))
        batch_op.drop_column("detail")
        batch_op.drop_column("ref")
        batch_op.drop_column("username")
