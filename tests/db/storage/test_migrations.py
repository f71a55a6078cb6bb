"""Schema migrations: a fresh database, an upgrade with data, refusals."""

from __future__ import annotations

import hashlib
import sqlite3
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from db.schema.errors import DatabaseOpenError
from db.storage.database import MIGRATIONS_DIR, open_database
from db.storage.migrations import HEAD

if TYPE_CHECKING:
    from alembic.config import Config
    from sqlalchemy.engine import Connection

    from db.storage.database import Database


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _alembic_config(conn: Connection) -> Config:
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    cfg.attributes["connection"] = conn
    return cfg


def test_head_constant_matches_the_scripts() -> None:
    from alembic.script import ScriptDirectory

    assert ScriptDirectory(str(MIGRATIONS_DIR)).get_current_head() == HEAD


def test_fresh_database_is_at_head_with_offices_and_no_backup(db: Database) -> None:
    assert db.backup is None
    with sqlite3.connect(db.file) as conn:
        assert conn.execute("SELECT version_num FROM alembic_version").fetchone() == (HEAD,)
        codes = [r[0] for r in conn.execute("SELECT code FROM office ORDER BY sort_order")]
    assert codes == ["NYC", "LON", "PAR", "SIN", "SEL", "SYD", "BEJ", "HQ"]


def test_models_and_migrations_agree(db: Database) -> None:
    from alembic.autogenerate import compare_metadata
    from alembic.runtime.migration import MigrationContext

    from db.storage.base import Base

    with db.engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), Base.metadata)
    assert diff == []


def test_upgrade_keeps_data_and_copies_the_file_first(tmp_path: Path) -> None:
    from alembic import command
    from sqlalchemy import create_engine

    path = tmp_path / "old.sqlite3"
    engine = create_engine(f"sqlite:///{path}")
    with engine.begin() as conn:
        command.upgrade(_alembic_config(conn), "0001")
        conn.exec_driver_sql(
            "INSERT INTO support_case (uuid, version, device_id, version_vector, updated_at,"
            " deleted, office_code, requester, requester_category, start_date, summary, staff,"
            " status, counted) VALUES ('u-1', 7, 'dev', '{\"dev\": 7}',"
            " '2024-01-01T00:00:00.000000Z', 0, 'SEL', '東京都',"
            " 'prefecture_or_designated_city', '2023-06-01', '', '', 'done', 1)"
        )
    engine.dispose()

    db = open_database(path)
    try:
        assert db.backup is not None
        with sqlite3.connect(db.backup) as conn:  # the copy is the database as it was
            assert conn.execute("SELECT version_num FROM alembic_version").fetchone() == ("0001",)
            assert conn.execute("SELECT uuid FROM support_case").fetchall() == [("u-1",)]
        with sqlite3.connect(db.file) as conn:
            assert conn.execute("SELECT version_num FROM alembic_version").fetchone() == (HEAD,)
            assert conn.execute("SELECT requester, version FROM support_case").fetchall() == [
                ("東京都", 7)
            ]
            assert conn.execute("SELECT count(*) FROM sync_log").fetchone() == (0,)
    finally:
        db.close()


def test_database_from_a_newer_app_is_refused_untouched(tmp_path: Path) -> None:
    path = tmp_path / "new.sqlite3"
    open_database(path).close()
    with sqlite3.connect(path) as conn:
        conn.execute("UPDATE alembic_version SET version_num = '9999'")
    before = _sha(path)
    with pytest.raises(DatabaseOpenError, match="newer Office Ledger"):
        open_database(path)
    assert _sha(path) == before


@pytest.mark.parametrize(
    ("content", "message"),
    [(b"hello, not a database\n" * 10, "not a SQLite file"), (b"PK\x03\x04zipzip", "not a SQLite")],
)
def test_a_file_that_is_not_a_ledger_is_refused_untouched(
    tmp_path: Path, content: bytes, message: str
) -> None:
    path = tmp_path / "notes.sqlite3"
    path.write_bytes(content)
    with pytest.raises(DatabaseOpenError, match=message):
        open_database(path)
    assert path.read_bytes() == content
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notes.sqlite3"]


def test_another_programs_sqlite_file_is_refused_untouched(tmp_path: Path) -> None:
    path = tmp_path / "other.sqlite3"
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE contacts (name TEXT)")
    before = _sha(path)
    with pytest.raises(DatabaseOpenError, match="not an Office Ledger database"):
        open_database(path)
    assert _sha(path) == before


def test_missing_folder_is_refused_and_not_created(tmp_path: Path) -> None:
    with pytest.raises(DatabaseOpenError, match="does not exist"):
        open_database(tmp_path / "no" / "such" / "ledger.sqlite3")
    assert not (tmp_path / "no").exists()


def test_must_exist_refuses_to_create(tmp_path: Path) -> None:
    with pytest.raises(DatabaseOpenError, match="no database"):
        open_database(tmp_path / "absent.sqlite3", must_exist=True)
    assert not (tmp_path / "absent.sqlite3").exists()
