"""Migration 0016 (a hosted event's paragraph, a leg's 実施内容) on both databases the
app stores in: a real SQLite file and PostgreSQL (issue #23's server; skipped with a
message saying how to run it when there is none).

The tables are made as 0014 leaves them (the columns the migration touches, a leg
under its event with ON DELETE CASCADE); the script's own ``upgrade`` and ``downgrade``
run on them through Alembic. Rows already there keep everything and read "" in the new
columns; the downgrade drops the columns without deleting a leg.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import ModuleType

import pytest
import sqlalchemy as sa

from tests.support.pg import pg_url  # noqa: F401 - the fixture

SCRIPT = (Path(__file__).resolve().parents[3] / "db" / "storage" / "migrations" / "versions"
          / "0016_hosted_event_outline.py")  # fmt: skip


def _script() -> ModuleType:
    spec = importlib.util.spec_from_file_location("m0016", SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _run(engine: sa.Engine, step: str) -> None:
    from alembic.operations import Operations
    from alembic.runtime.migration import MigrationContext

    with engine.begin() as conn:
        with Operations.context(MigrationContext.configure(conn)):
            getattr(_script(), step)()


def _columns(engine: sa.Engine, table: str) -> set[str]:
    return {c["name"] for c in sa.inspect(engine).get_columns(table)}


def _trial(url: str) -> None:
    engine = sa.create_engine(url)
    meta = sa.MetaData()
    sa.Table("event_booth", meta, sa.Column("id", sa.Integer, primary_key=True),
             sa.Column("name", sa.String(300), nullable=False))  # fmt: skip
    sa.Table("event_leg", meta, sa.Column("id", sa.Integer, primary_key=True),
             sa.Column("event_id", sa.ForeignKey("event_booth.id", ondelete="CASCADE")),
             sa.Column("venue", sa.String(300), nullable=False))  # fmt: skip
    meta.create_all(engine)
    with engine.begin() as conn:
        conn.execute(sa.text("INSERT INTO event_booth (id, name) VALUES (1, '第 11回展')"))
        conn.execute(sa.text("INSERT INTO event_leg (id, event_id, venue) "
                             "VALUES (1, 1, 'パリ日本文化会館')"))  # fmt: skip
    try:
        _run(engine, "upgrade")
        _run(engine, "upgrade")  # a column already there is left as it is
        with engine.begin() as conn:
            booth = conn.execute(sa.text("SELECT name, outline FROM event_booth")).one()
            leg = conn.execute(sa.text("SELECT venue, activity FROM event_leg")).one()
            assert tuple(booth) == ("第 11回展", "") and tuple(leg) == ("パリ日本文化会館", "")
            conn.execute(sa.text("UPDATE event_leg SET activity = '展示・販売'"))
        _run(engine, "downgrade")
        if engine.dialect.name == "sqlite":
            import sqlite3

            if sqlite3.sqlite_version_info < (3, 35):
                pytest.skip("SQLite before 3.35 keeps the columns (no DROP COLUMN)")
        assert "outline" not in _columns(engine, "event_booth")
        assert "activity" not in _columns(engine, "event_leg")
        with engine.begin() as conn:  # the leg is still there
            assert conn.execute(sa.text("SELECT venue FROM event_leg")).scalar_one() == (
                "パリ日本文化会館")  # fmt: skip
    finally:
        engine.dispose()


def test_0016_on_sqlite(tmp_path: Path) -> None:
    _trial(f"sqlite:///{tmp_path / 'ledger.sqlite3'}")


def test_0016_on_postgresql(pg_url: str) -> None:  # noqa: F811 - the fixture
    _trial(pg_url)
