"""The window follows other people's changes (issue #23): another process imports into
the database the window shows, and the lists and tallies show it within 2 s
(desktop/shell/live.py over db/hq/changes.py). SQLite: ``PRAGMA data_version``;
PostgreSQL: LISTEN/NOTIFY, a notice sent only by a committed write."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
from sqlalchemy import Column, Integer, MetaData, Table, text

from db.hq import changes
from db.schema.fiscal import fy_period
from db.storage.database import open_database
from exports.xlsx.export import export_office
from tests.support.factories import case
from tests.support.pg import pg_url  # noqa: F401 - the fixture

if TYPE_CHECKING:
    from pytestqt.qtbot import QtBot

FY = fy_period(2023)
SETTLE_WAIT_MS = 600  # longer than desktop.shell.live.SETTLE_MS, with room


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
    db = open_database(pg_url)
    watcher = changes.watcher(db)
    assert isinstance(watcher, changes.Notices) and watcher.fileno() is not None
    assert not watcher.changed()
    with db.engine.connect() as conn:  # a write rolled back, then a read: nothing to hear
        conn.execute(text("INSERT INTO sync_log (at, direction, file_name, counts, result,"
                          " message) VALUES ('x', 'import', 'f', '{}', 'ok', '')"))  # fmt: skip
        conn.rollback()
        conn.execute(text("SELECT count(*) FROM support_case")).scalar()
        conn.commit()
    time.sleep(0.2)
    assert not watcher.changed()
    other = open_database(pg_url)  # another user's app
    with other.session() as s:  # its write: one notice for the transaction
        case(s)
        case(s, requester="大阪府")
    time.sleep(0.2)
    assert watcher.changed() and not watcher.changed()
    watcher.close()
    other.close()
    db.close()


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
    qtbot.waitUntil(lambda: window.cases.model.total == 3, timeout=2000)
    follower = window.live
    outbox = window.sync  # made now if not yet: it retries the outbox every minute
    assert outbox.timer.isActive()
    window.close()
    assert follower.watcher is None and not follower.poll.isActive()  # stopped with it
    assert not outbox.timer.isActive()  # a closed window retries the outbox no more
    qtbot.wait(200)  # what the window had started finishes while the database is open
    db.close()


@pytest.mark.gui
def test_the_window_on_postgresql_shows_another_users_import_within_two_seconds(
    qtbot: QtBot,
    tmp_path: Path,
    pg_url: str,  # noqa: F811
) -> None:
    from desktop.shell.window import MainWindow

    book = _book(tmp_path, 3)
    db = open_database(pg_url)
    window = MainWindow(db, "en")
    qtbot.addWidget(window)
    window.year.setValue(2023)
    window.show()
    qtbot.waitExposed(window)
    qtbot.waitUntil(lambda: window.cases.model.total == 0 and window._painted, timeout=5000)
    assert window.live is not None and window.live.notifier is not None
    _import_elsewhere(pg_url, book)
    started = time.monotonic()
    qtbot.waitUntil(lambda: window.cases.model.total == 3, timeout=2000)
    assert time.monotonic() - started < 2.0
    window.close()
    qtbot.wait(200)  # what the window had started finishes while the database is open
    db.close()


def test_postgresql_tells_our_own_writes_from_another_users(pg_url: str) -> None:  # noqa: F811
    """Own writes alone are not someone else's; another user's write that arrives with
    ours is."""
    db, other = open_database(pg_url), open_database(pg_url)
    watcher = changes.watcher(db)
    assert watcher is not None and not watcher.changed()
    with db.session() as s:
        case(s)
    time.sleep(0.2)
    assert not watcher.changed()  # ours: the window already reloaded what it wrote
    with db.session() as s:
        case(s)
    with other.session() as s:
        case(s, requester="大阪府")
    time.sleep(0.2)
    assert watcher.changed()
    watcher.close()
    other.close()
    db.close()


def _window_on(qtbot: QtBot, url: str) -> Any:
    from desktop.shell.window import MainWindow

    db = open_database(url)
    window = MainWindow(db, "en")
    qtbot.addWidget(window)
    window.year.setValue(2023)
    window.show()
    qtbot.waitExposed(window)
    qtbot.waitUntil(lambda: window.cases.model.total == 0 and window._painted, timeout=5000)
    assert window.live is not None and window.live.notifier is not None
    return window, db


@pytest.mark.gui
def test_another_users_notice_with_our_own_write_still_reloads(
    qtbot: QtBot,
    pg_url: str,  # noqa: F811
) -> None:
    """The window's own edit says so (``record_changed``) just as another person's
    notice is waiting: the other person's change still reloads the window (what only
    a reload for others refreshes — the conflicts, the board — would stay stale)."""
    from PySide6.QtCore import QObject, Signal
    from PySide6.QtWidgets import QMainWindow

    from desktop.shell.live import follow
    from tests.support.factories import event

    class Undo(QObject):
        record_changed = Signal(str)

    class Shell(QMainWindow):  # what follow() uses of the main window, no more
        def __init__(self) -> None:
            super().__init__()
            self.undo = Undo()
            self.reloads = 0

        def others_changed(self) -> None:
            self.reloads += 1

    db, other = open_database(pg_url), open_database(pg_url)
    shell = Shell()
    qtbot.addWidget(shell)
    live = follow(shell, db)  # type: ignore[arg-type]
    assert live is not None and live.notifier is not None
    with other.session() as s:  # another person's case ...
        case(s)
    with db.session() as s:  # ... and, at the same moment, the window's own edit
        event(s)
    time.sleep(0.3)  # both notices are at the listening socket (no event handled yet)
    shell.undo.record_changed.emit("event_booth")  # as the window's edit says
    qtbot.waitUntil(lambda: shell.reloads == 1, timeout=3000)
    qtbot.wait(SETTLE_WAIT_MS)
    assert shell.reloads == 1  # once: the window's own write is not reloaded again
    live.stop()
    other.close()
    db.close()


@pytest.mark.gui
def test_a_dropped_listening_connection_is_said_and_comes_back(
    qtbot: QtBot,
    pg_url: str,  # noqa: F811
) -> None:
    window, db = _window_on(qtbot, pg_url)
    live = window.live
    assert live is not None and live.watcher is not None
    pid = live.watcher.conn.info.backend_pid
    other = open_database(pg_url)
    with other.engine.connect() as conn:  # the server drops the window's listening line
        conn.execute(text("SELECT pg_terminate_backend(:p)"), {"p": pid})
    qtbot.waitUntil(lambda: "Lost touch" in window.statusBar().currentMessage(), timeout=3000)
    assert live.watcher is None
    qtbot.waitUntil(lambda: live.watcher is not None, timeout=5000)
    assert "Back in touch" in window.statusBar().currentMessage()
    with other.session() as s:  # heard again
        case(s)
    qtbot.waitUntil(lambda: window.cases.model.total == 1, timeout=3000)
    window.close()
    qtbot.wait(200)
    other.close()
    db.close()
