"""support case day summary

Revision ID: 0010
Revises: 0009
Create Date: 2026-11-28

Live support cases counted per day, office, requester category and counted flag, kept
by triggers on ``support_case`` (see :mod:`db.storage.tally_summary`): a fiscal year of a
million cases tallies from the summary in a few milliseconds instead of reading a
million index entries (~300 ms). Filled from the cases already there.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None

# Frozen here as this revision made them (db.storage.tally_summary has the same text).
_KEY = "day, office_code, requester_category, counted"
_ADD = (
    f"INSERT INTO support_case_day ({_KEY}, cases) VALUES"
    " (NEW.start_date, NEW.office_code, NEW.requester_category, NEW.counted, 1)"
    f" ON CONFLICT ({_KEY}) DO UPDATE SET cases = cases + 1;"
)
_SAME = (
    "day = OLD.start_date AND office_code = OLD.office_code"
    " AND requester_category = OLD.requester_category AND counted = OLD.counted"
)
_REMOVE = (
    f"UPDATE support_case_day SET cases = cases - 1 WHERE {_SAME};"
    f" DELETE FROM support_case_day WHERE {_SAME} AND cases <= 0;"
)
_TALLIED = "deleted, start_date, office_code, requester_category, counted"
TRIGGERS = (
    ("support_case_day_insert",
     "CREATE TRIGGER support_case_day_insert AFTER INSERT ON support_case"
     f" WHEN NEW.deleted = 0 BEGIN {_ADD} END"),
    ("support_case_day_delete",
     "CREATE TRIGGER support_case_day_delete AFTER DELETE ON support_case"
     f" WHEN OLD.deleted = 0 BEGIN {_REMOVE} END"),
    ("support_case_day_update_old",
     f"CREATE TRIGGER support_case_day_update_old AFTER UPDATE OF {_TALLIED} ON support_case"
     f" WHEN OLD.deleted = 0 BEGIN {_REMOVE} END"),
    ("support_case_day_update_new",
     f"CREATE TRIGGER support_case_day_update_new AFTER UPDATE OF {_TALLIED} ON support_case"
     f" WHEN NEW.deleted = 0 BEGIN {_ADD} END"),
)  # fmt: skip


def upgrade() -> None:
    op.create_table(
        "support_case_day",
        sa.Column("day", sa.String(), nullable=False),
        sa.Column("office_code", sa.String(), nullable=False),
        sa.Column("requester_category", sa.String(), nullable=False),
        sa.Column("counted", sa.Integer(), nullable=False),
        sa.Column("cases", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint(
            "day", "office_code", "requester_category", "counted", name=op.f("pk_support_case_day")
        ),
        sqlite_with_rowid=False,
    )
    from db.storage.pg import dialect as pg_dialect

    if pg_dialect.is_postgresql(op.get_bind()):  # the same summary, kept by PL/pgSQL
        for sql in (*pg_dialect.SUMMARY_TRIGGERS, *pg_dialect.SUMMARY_REBUILD):
            op.execute(sql)
        return
    for _name, sql in TRIGGERS:
        op.execute(sql)
    op.execute(
        f"INSERT INTO support_case_day ({_KEY}, cases)"
        " SELECT start_date, office_code, requester_category, counted, count(*)"
        " FROM support_case WHERE deleted = 0"
        " GROUP BY start_date, office_code, requester_category, counted"
    )


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP TRIGGER IF EXISTS support_case_day_change ON support_case")
        op.execute("DROP FUNCTION IF EXISTS support_case_day_change()")
    else:
        for name, _sql in reversed(TRIGGERS):
            op.execute(f"DROP TRIGGER IF EXISTS {name}")
    op.drop_table("support_case_day")
