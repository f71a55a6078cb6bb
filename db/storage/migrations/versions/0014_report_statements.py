"""the report's stated totals and table headings

Revision ID: 0014
Revises: 0013
Create Date: 2026-12-07

Issue #24: the annual report prints an excerpt of the research requests but states
the year's totals ("15 自治体等から依頼のあった 24 件"): ``year_requests_stated`` and
``year_bodies_stated`` keep them on a request. The offices' seminars are printed one
table an office under headings of their own (＜北京事務所主催ウェビナー概要＞):
``table_heading`` keeps a seminar's. Additive: nullable or defaulted columns, nothing
rewritten; a column another migration already added is left as it is.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0014"
down_revision = "0013"
branch_labels = None
depends_on = None


def _columns(table: str) -> set[str]:
    return {c["name"] for c in sa.inspect(op.get_bind()).get_columns(table)}


def upgrade() -> None:
    have = _columns("research_request")
    new = [c for c in ("year_requests_stated", "year_bodies_stated") if c not in have]
    if new:
        with op.batch_alter_table("research_request") as batch:
            for column in new:
                batch.add_column(sa.Column(column, sa.Integer(), nullable=True))
    if "table_heading" not in _columns("seminar"):
        with op.batch_alter_table("seminar") as batch:
            batch.add_column(
                sa.Column("table_heading", sa.String(200), nullable=False, server_default="")
            )


def _drop(table: str, column: str) -> None:
    """Drop a column in place (SQLite 3.35+). Not a batch copy: dropping the old table
    would delete, by ON DELETE CASCADE, its children. An older SQLite keeps the column
    (nullable or defaulted, harmless)."""
    import sqlite3

    if sqlite3.sqlite_version_info >= (3, 35):
        op.execute(f"ALTER TABLE {table} DROP COLUMN {column}")


def downgrade() -> None:
    if "table_heading" in _columns("seminar"):
        _drop("seminar", "table_heading")
    for column in ("year_requests_stated", "year_bodies_stated"):
        if column in _columns("research_request"):
            _drop("research_request", column)
