"""place reports

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-01 12:00:00
"""

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "place_reports",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("office_id", sa.String(length=160), nullable=False),
        sa.Column("office_name", sa.String(length=300), nullable=False),
        sa.Column("field", sa.String(length=32), nullable=False),
        sa.Column("wrong", sa.String(length=500), nullable=False),
        sa.Column("right", sa.String(length=500), nullable=False),
        sa.Column("source", sa.String(length=500), nullable=False),
        sa.Column("handled_at", sa.DateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("place_reports", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_place_reports_created_at"), ["created_at"],
                              unique=False)


def downgrade() -> None:
    with op.batch_alter_table("place_reports", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_place_reports_created_at"))
    op.drop_table("place_reports")
