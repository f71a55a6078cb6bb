"""The window follows other people's changes (issue #23): another process imports into
the database the window shows, and the lists and tallies show it within 2 s
(desktop/shell/live.py over db/hq/changes.py). SQLite: ``PRAGMA data_version``;
PostgreSQL: LISTEN/NOTIFY, a notice sent only by a committed write."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from sqlalchemy import Column, Integer, MetaData, Table, create_engine

from db.hq import changes
from db.schema.fiscal import fy_period
from db.storage.database import open_database
from exports.xlsx.export import export_office
from tests.support.factories import case
from tests.support.pg import pg_url  # noqa: F401 - the fixture

if TYPE_CHECKING:
    from pytestqt.qtbot import QtBot

FY = fy_period(2023)


def _book(folder: Path, n: int) -> Path:
    laptop = open_database(folder / "nyc.sqlite3")
    with laptop.session() as s:
        for i in range(n):
            case(s, office="NYC", requester=f"依頼者{i}")
    path = export_office(laptop, folder / "NYC.xlsx", "NYC", FY).path
    laptop.close()
    return path


def _import_elsewhere(db: str, book: Path) -> None:
    """Another person's import: a separate process, the real command line."""
    done = subprocess.run(
        [sys.executable, "-m", "office_ledger.cli.commands", "--db", db, "import", str(book)],
        capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr


def test_sqlite_data_version_changes_only_when_another_connection_commits(
    tmp_path: Path,
) -> None:
    db = open_database(tmp_path / "hq.sqlite3")
    watcher = changes.watcher(db)
    assert isinstance(watcher, changes.DataVersion) and not watcher.changed()
    with db.session() as s:
        case(s)
    assert watcher.changed() and not watcher.changed()  # heard once
    with db.session() as s:  # a read changes nothing
        s.execute(Table("support_case", MetaData(), Column("id", Integer)).select())
    assert not watcher.changed()
    watcher.close()
    db.close()


def test_postgresql_notices_come_only_from_committed_writes(pg_url: str) -> None:  # noqa: F811
    engine = create_engine(pg_url.replace("postgresql://", "postgresql+psycopg://", 1))
    changes.announce(engine)
    changes.announce(engine)  # twice: still one notice a commit
    table = Table("t", MetaData(), Column("id", Integer, primary_key=True))
    table.metadata.create_all(engine)
    watcher = changes.Notices(pg_url)
    watcher.changed()  # the table's creation
    with engine.connect() as conn:
        conn.execute(table.insert().values(id=1))
        conn.rollback()
        conn.execute(table.select()).all()
        conn.commit()
    assert not watcher.changed()  # a rolled-back write and a read say nothing
    with engine.begin() as conn:
        conn.execute(table.insert().values(id=2))
    time.sleep(0.1)
    assert watcher.changed() and not watcher.changed()
    assert watcher.fileno() is not None
    watcher.close()
    engine.dispose()


@pytest.mark.gui
def test_the_window_shows_another_processes_import_within_two_seconds(
    qtbot: QtBot, tmp_path: Path
) -> None:
    from desktop.shell.window import MainWindow

    book = _book(tmp_path, 3)
    path = tmp_path / "hq.sqlite3"
    db = open_database(path)
    window = MainWindow(db, "en")
    qtbot.addWidget(window)
    window.year.setValue(2023)
    window.show()
    qtbot.waitExposed(window)
    qtbot.waitUntil(lambda: window.cases.model.total == 0 and window._painted, timeout=5000)
    assert window.live is not None
    _import_elsewhere(str(path), book)
    started = time.monotonic()
    qtbot.waitUntil(lambda: window.cases.model.total == 3, timeout=2000)
    assert time.monotonic() - started < 2.0
    window.close()
    assert window.live is None or window.live.watcher is None  # stopped with the window
    db.close()
