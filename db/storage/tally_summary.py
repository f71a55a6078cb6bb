"""The support cases' tally summary: live cases counted per day, office, category and
counted flag, kept exact by SQLite triggers (migration 0010).

A fiscal year of a million cases tallies from at most ~26,000 summary rows (offices ×
days × categories × counted) instead of a million index entries: under 10 ms instead of
~300 ms (bench/bench_tally.py). Triggers, not Python, keep it: every write path (forms,
bulk inserts, workbook imports and merges, demo loads, undo, raw SQL) changes
``support_case`` through SQLite, so the summary cannot drift from the cases. A day is the
finest grain any period needs, so every period's tally (fiscal year, quarter, month, or
any range of days) sums whole rows and stays exact. ``tests/db/storage/test_tally_summary.py``
proves it equal to the plain count over the cases (Hypothesis).

A later migration that rebuilds ``support_case`` (Alembic's batch mode copies the table,
and SQLite drops a table's triggers with it) must run :data:`TRIGGERS` and
:data:`REBUILD` again.
"""

from __future__ import annotations

from sqlalchemy import Column, Integer, String, Table

from db.storage.base import Base

TABLE = "support_case_day"

support_case_day = Table(
    TABLE,
    Base.metadata,
    Column("day", String, primary_key=True),  # ISO date, as support_case.start_date
    Column("office_code", String, primary_key=True),
    Column("requester_category", String, primary_key=True),
    Column("counted", Integer, primary_key=True),  # 1: counted case, 0: enquiry
    Column("cases", Integer, nullable=False),
    sqlite_with_rowid=False,
)

_KEY = "day, office_code, requester_category, counted"
_ADD = (
    f"INSERT INTO {TABLE} ({_KEY}, cases) VALUES"
    " (NEW.start_date, NEW.office_code, NEW.requester_category, NEW.counted, 1)"
    f" ON CONFLICT ({_KEY}) DO UPDATE SET cases = cases + 1;"
)
_SAME = (
    "day = OLD.start_date AND office_code = OLD.office_code"
    " AND requester_category = OLD.requester_category AND counted = OLD.counted"
)
_REMOVE = (
    f"UPDATE {TABLE} SET cases = cases - 1 WHERE {_SAME};"
    f" DELETE FROM {TABLE} WHERE {_SAME} AND cases <= 0;"
)
_TALLIED = "deleted, start_date, office_code, requester_category, counted"

# (name, SQL): a case counts while it is live (deleted = 0).
TRIGGERS: tuple[tuple[str, str], ...] = (
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

REBUILD = (
    f"DELETE FROM {TABLE}",
    f"INSERT INTO {TABLE} ({_KEY}, cases)"
    " SELECT start_date, office_code, requester_category, counted, count(*)"
    " FROM support_case WHERE deleted = 0 GROUP BY start_date, office_code,"
    " requester_category, counted",
)
