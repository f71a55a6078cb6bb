"""sync log period

Revision ID: 0009
Revises: 0005
Create Date: 2026-11-28

Each export or import in the sync history keeps the period its workbook covers (the
manifest's ``period_start`` / ``period_end``), so headquarters' board of who has
sent what can show it (issue #12). Older entries have none (NULL).
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("sync_log", schema=None) as batch_op:
        batch_op.add_column(sa.Column("period_start", sa.Date(), nullable=True))
        batch_op.add_column(sa.Column("period_end", sa.Date(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("sync_log", schema=None) as batch_op:
        batch_op.drop_column("period_end")
        batch_op.drop_column("period_start")
