"""record extras

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-28

Each synced record keeps the values of exchange-workbook columns that a newer Office
Ledger wrote and this version does not know (JSON, NULL when there are none), so an
office on an older version passes them on unharmed (issue #10).
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

TABLES = ("event_booth", "jetaa_event", "newsletter", "newsletter_issue", "support_case")


def upgrade() -> None:
    for table in TABLES:
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.add_column(sa.Column("extras", sa.JSON(), nullable=True))


def downgrade() -> None:
    for table in TABLES:
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.drop_column("extras")
