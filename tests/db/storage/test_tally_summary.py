"""The support cases' day summary (db.storage.tally_summary) always equals the plain count.

Hypothesis drives random sequences of writes through the real write paths (forms'
save, soft delete and restore, bulk inserts, merges of another laptop's rows, raw SQL
deletes) and, after every sequence, the tally read from the summary must equal the
tally counted from the cases, for the fiscal year, every quarter and arbitrary periods.
"""

from __future__ import annotations

import sqlite3
from datetime import date, timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from db.read import rows as R
from db.records import write as records
from db.schema.enums import RequesterCategory, SupportType
from db.schema.fiscal import Period, fy_period, quarter_period
from db.schema.kinds import CaseRow
from db.storage.database import Database, open_database
from db.storage.models import SupportCase
from db.sync import merge
from db.tally.tallies import _support, support_plain, tally_fy
from tests.support.factories import case

OFFICES = ("NYC", "PAR", "SEL")
FIRST = date(2023, 3, 25)  # a few days of FY2022, then FY2023


def _day(n: int) -> date:
    return FIRST + timedelta(days=n)


_case = st.tuples(st.sampled_from(OFFICES), st.sampled_from(list(RequesterCategory)),
                  st.booleans(), st.integers(0, 400))  # fmt: skip
_op = st.one_of(
    st.tuples(st.just("add"), _case),
    st.tuples(st.just("edit"), st.integers(0, 50), _case),
    st.tuples(st.just("delete"), st.integers(0, 50)),
    st.tuples(st.just("restore"), st.integers(0, 50)),
    st.tuples(st.just("bulk"), st.lists(_case, max_size=5)),
    st.tuples(st.just("purge"), st.integers(0, 50)),
)


def _periods() -> list[Period]:
    out = [fy_period(2022), fy_period(2023)]
    out += [quarter_period(2023, q) for q in range(1, 5)]
    out += [Period(_day(3), _day(3)), Period(_day(5), _day(90)), Period(_day(0), _day(400))]
    return out


def assert_summary_exact(db: Database) -> None:
    with db.session() as session:
        for period in _periods():
            for office in (None, "NYC"):
                assert _support(session, period, office) == support_plain(session, period, office)
        left = session.connection().exec_driver_sql(
            "SELECT count(*) FROM support_case_day WHERE cases <= 0").scalar_one()  # fmt: skip
        assert left == 0  # emptied cells go away


def _apply(db: Database, ops: list[tuple]) -> None:  # type: ignore[type-arg]
    with db.session() as s:
        for op in ops:
            ids = list(s.execute(SupportCase.__table__.select().with_only_columns(
                SupportCase.id).order_by(SupportCase.id)).scalars())  # fmt: skip
            pick = (lambda n, ids=ids: s.get_one(SupportCase, ids[n % len(ids)])) if ids else None
            if op[0] == "add":
                office, category, counted, day = op[1]
                case(s, office, _day(day), category, counted)
            elif op[0] == "edit" and pick:
                record = pick(op[1])
                record.office_code, record.requester_category, record.counted, day = op[2]
                record.start_date = _day(day)
                record.end_date = None
                records.save(s, record)
            elif op[0] == "delete" and pick:
                record = pick(op[1])
                if not record.deleted:
                    records.delete(s, record)
            elif op[0] == "restore" and pick:
                record = pick(op[1])
                if record.deleted:
                    records.restore(s, record)
            elif op[0] == "bulk":
                records.bulk_insert_cases(s, [_row(c) for c in op[1]])
            elif op[0] == "purge" and ids:  # a hard delete (raw SQL, as a repair script)
                s.flush()
                s.connection().exec_driver_sql(
                    "DELETE FROM support_case WHERE id = ?", (ids[op[1] % len(ids)],)
                )
                s.expire_all()


def _row(c: tuple) -> CaseRow:  # type: ignore[type-arg]
    office, category, counted, day = c
    return CaseRow(office_code=office, requester="横浜市", requester_category=category,
                   start_date=_day(day), end_date=None, summary="", staff="",
                   counted=counted, types=(SupportType.OTHER,))  # fmt: skip


@pytest.mark.slow
@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(ops=st.lists(_op, max_size=25))
def test_summary_equals_the_plain_count_after_any_writes(ledger_db: Database, ops: list) -> None:  # type: ignore[type-arg]
    """On SQLite's triggers and PostgreSQL's (one database per backend, emptied for each
    example: every case removed by raw SQL, which the triggers follow too)."""
    db = ledger_db
    with db.session() as s:
        for table in ("support_case_type", "support_case"):
            s.connection().exec_driver_sql(f"DELETE FROM {table}")
        assert not s.connection().exec_driver_sql("SELECT count(*) FROM support_case_day"
                                                  ).scalar_one()  # fmt: skip
    _apply(db, ops)
    assert_summary_exact(db)


def test_merges_keep_the_summary_exact(tmp_path: Path, ledger_db: Database) -> None:
    """Another laptop's new, edited and deleted cases merged in (the import's path), into
    a SQLite file or headquarters' PostgreSQL database."""
    a, b = open_database(tmp_path / "a.sqlite3"), ledger_db
    _apply(a, [("add", (o, c, k, d)) for o in OFFICES for c in RequesterCategory
               for k in (True, False) for d in (3, 10, 200)])  # fmt: skip
    with a.session() as s:
        rows = R.cases(s, deleted=True)
    with b.session() as s:
        merge.apply(s, merge.plan(s, {"support_case": rows}))
    assert_summary_exact(b)
    _apply(a, [("edit", n, ("PAR", RequesterCategory.OTHER, False, 300)) for n in range(0, 40, 3)]
           + [("delete", n) for n in range(1, 40, 4)])  # fmt: skip
    with a.session() as s:
        rows = R.cases(s, deleted=True)
    with b.session() as s:
        counts = merge.apply(s, merge.plan(s, {"support_case": rows}))["support_case"]
    assert counts["updated"] + counts["deleted"] > 0
    assert_summary_exact(b)
    with a.session() as sa_, b.session() as sb:
        assert tally_fy(sa_, 2023) == tally_fy(sb, 2023)
    a.close()


def test_an_older_database_is_summarised_when_migrated(tmp_path: Path) -> None:
    """Cases written before migration 0010 are in the summary once it has run."""
    from alembic import command
    from alembic.config import Config

    from db.storage.database import MIGRATIONS_DIR

    path = tmp_path / "old.sqlite3"
    db = open_database(path)
    _apply(db, [("add", (o, c, True, d)) for o in OFFICES for c in RequesterCategory
                for d in (10, 20)])  # fmt: skip
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    with db.engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.downgrade(cfg, _before_summary())
    db.close()
    with sqlite3.connect(path) as conn:
        found = conn.execute("SELECT name FROM sqlite_master WHERE name = 'support_case_day'")
        assert not found.fetchall()
    db = open_database(path)  # upgrades to HEAD, filling the summary
    with db.session() as s:
        assert _support(s, fy_period(2023), None)["NYC"].total == 6
    assert_summary_exact(db)
    db.close()


def _before_summary() -> str:
    """The revision before the tally summary's (0010), wherever merges chained it."""
    from alembic.script import ScriptDirectory

    from db.storage.database import MIGRATIONS_DIR

    before = ScriptDirectory(str(MIGRATIONS_DIR)).get_revision("0010").down_revision
    assert isinstance(before, str)
    return before
