"""the report's order and printed dates

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-06

Issue #24: the annual report's tables list seminars, media work and research requests
in an order of their own (not the dates', not the offices'), and a media row may print
two date ranges (Paris: ＜地方展（ディジョン）＞ and ＜パリ展＞). ``report_no`` keeps
where the report prints a record, ``dates_as_printed`` the report's own words for the
dates. Additive: nullable or defaulted columns, nothing rewritten.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0013"
down_revision = "0012"
branch_labels = None
depends_on = None


def _columns(table: str) -> set[str]:
    return {c["name"] for c in sa.inspect(op.get_bind()).get_columns(table)}


def upgrade() -> None:
    for table in ("seminar", "media_work", "research_request"):
        if "report_no" not in _columns(table):
            with op.batch_alter_table(table) as batch:
                batch.add_column(sa.Column("report_no", sa.Integer(), nullable=True))
    if "dates_as_printed" not in _columns("media_work"):
        with op.batch_alter_table("media_work") as batch:
            batch.add_column(
                sa.Column("dates_as_printed", sa.Text(), nullable=False, server_default="")
            )


def _drop(table: str, column: str) -> None:
    """Drop a column in place (SQLite 3.35+). Not a batch copy: dropping the old table
    would delete, by ON DELETE CASCADE, its sessions, local governments and answering
    offices. An older SQLite keeps the column (nullable or defaulted, harmless)."""
    import sqlite3

    if sqlite3.sqlite_version_info >= (3, 35):
        op.execute(f"ALTER TABLE {table} DROP COLUMN {column}")


def downgrade() -> None:
    if "dates_as_printed" in _columns("media_work"):
        _drop("media_work", "dates_as_printed")
    for table in ("seminar", "media_work", "research_request"):
        if "report_no" in _columns(table):
            _drop(table, "report_no")
