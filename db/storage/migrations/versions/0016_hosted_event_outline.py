"""a hosted event's paragraph and each leg's 実施内容

Revision ID: 0016
Revises: 0015
Create Date: 2026-12-07

Issue #24: the annual report prints, for each event CLAIR hosted, a paragraph under
its name (パリ事務所では、…本展を開催した。) and, for Paris's exhibition, what was done
at each leg under 実施内容 (ディジョン国際美食ワイン館において、…). ``event_booth.outline``
keeps the paragraph, ``event_leg.activity`` a leg's 実施内容. Additive: defaulted
columns, nothing rewritten; a column another migration already added is left as it
is. Plain ``add_column`` in batch mode: the same on SQLite and PostgreSQL.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0016"
down_revision = "0015"
branch_labels = None
depends_on = None

NEW = (("event_booth", "outline"), ("event_leg", "activity"))


def _columns(table: str) -> set[str]:
    return {c["name"] for c in sa.inspect(op.get_bind()).get_columns(table)}


def upgrade() -> None:
    for table, column in NEW:
        if column not in _columns(table):
            with op.batch_alter_table(table) as batch:
                batch.add_column(sa.Column(column, sa.Text(), nullable=False, server_default=""))


def downgrade() -> None:
    """Drop the columns in place, not by a batch copy: dropping the old event_booth
    table would delete, by ON DELETE CASCADE, its legs and local governments. An SQLite
    older than 3.35 (no DROP COLUMN) keeps them (defaulted, harmless)."""
    bind = op.get_bind()
    if bind.dialect.name == "sqlite":
        import sqlite3

        if sqlite3.sqlite_version_info < (3, 35):
            return
    for table, column in NEW:
        if column in _columns(table):
            op.drop_column(table, column)
