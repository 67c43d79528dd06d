"""sheets.pdf: each sheet's PDF, rendered once

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-01 12:30:00
"""

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("sheets", schema=None) as batch_op:
        batch_op.add_column(sa.Column("pdf", sa.LargeBinary(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("sheets", schema=None) as batch_op:
        batch_op.drop_column("pdf")
