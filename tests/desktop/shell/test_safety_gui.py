"""The window's part in issue #11: a read-only database is marked and cannot be
edited; a damaged one is explained and its newest good backup offered; the restore
dialog shows what a backup holds before restoring; a refused save is one message."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QLabel, QMessageBox

from db.storage.backup import folder_for, list_backups, take
from db.storage.database import Database
from db.storage.lock import acquire
from tests.support.safety_help import answer, damage, dump, ledger, without_identity
from tests.support.widgets import cell_text

if TYPE_CHECKING:
    from pytestqt.qtbot import QtBot

    from desktop.shell.window import MainWindow

pytestmark = pytest.mark.gui


@pytest.fixture
def backups(tmp_path: Path) -> Path:
    """The backup folder the app uses in these tests (its default, in the data folder)."""
    from office_ledger.settings import backup_folder

    assert backup_folder() == tmp_path / "home" / "backups"
    return backup_folder()


@pytest.fixture
def app_db(demo_path: Path, backups: Path) -> Iterator[Database]:
    from desktop.shell.safety import open_for_app

    db = open_for_app(demo_path)
    yield db
    db.close()


def _window(qtbot: QtBot, db: Database, lang: str = "en") -> MainWindow:
    from desktop.shell.app import MainWindow

    window = MainWindow(db, lang)
    qtbot.addWidget(window)
    window.show()
    return window


def _new_action(window: MainWindow) -> QAction:
    new = QKeySequence(QKeySequence.StandardKey.New).toString()
    return next(a for a in window.findChildren(QAction) if a.shortcut().toString() == new)


def test_a_database_another_app_writes_opens_read_only_and_says_so(
    qtbot: QtBot, demo_path: Path, backups: Path
) -> None:
    from desktop.shell.safety import open_for_app

    other = acquire(demo_path.resolve(), "Office Ledger app")  # the first window's lock
    try:
        db = open_for_app(demo_path)
        try:
            window = _window(qtbot, db)
            banner = window.findChild(QLabel, "read-only-banner")
            assert banner is not None and banner.isVisible()
            assert "Read-only" in banner.text() and "another Office Ledger window" in banner.text()
            assert "(read-only)" in window.windowTitle()
            assert not _new_action(window).isEnabled()
            assert window.table.rowCount() > 0  # the tallies are there
        finally:
            db.close()
    finally:
        other.release()


def test_a_writable_database_has_no_banner_and_edits(qtbot: QtBot, app_db: Database) -> None:
    window = _window(qtbot, app_db)
    banner = window.findChild(QLabel, "read-only-banner")
    assert banner is None or not banner.isVisible()
    assert _new_action(window).isEnabled() and "(read-only)" not in window.windowTitle()


def test_a_save_the_database_refuses_is_one_message_and_nothing_changes(
    qtbot: QtBot, demo_path: Path, backups: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from db.records import edit
    from desktop.pages.commands import DeleteRecord
    from desktop.shell.safety import open_for_app

    other = acquire(demo_path.resolve(), "import")
    db = open_for_app(demo_path)
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text: shown.append(text))
    try:
        window = _window(qtbot, db)
        before = dump(demo_path)["support_case"]
        uuid = _first_case(db)
        window.undo.push(DeleteRecord(db, "support_case", uuid, window.undo))
        assert shown == ["This database is open read-only; nothing was saved."]
        assert window.undo.count() == 0  # nothing to undo: nothing was done
        assert dump(demo_path)["support_case"] == before
        assert edit.values_of(db, uuid, "support_case") is not None
    finally:
        db.close()
        other.release()


def test_a_damaged_database_is_explained_and_the_newest_good_backup_restored(
    qtbot: QtBot, demo_path: Path, backups: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Issue #11: the window said "Could not decode to UTF-8" and "Your records are
    safe"; now it says the file is damaged, untouched, and restores the backup."""
    from desktop.shell import safety
    from desktop.shell.app import MainWindow
    from desktop.shell.late_open import _open

    made = take(demo_path.resolve(), folder_for(backups, demo_path.resolve()), "on-close",
                now=lambda: datetime(2026, 11, 27, 18, 5))  # fmt: skip
    assert made is not None
    good = dump(demo_path)
    damage(demo_path)
    window = MainWindow(demo_path, "en")
    qtbot.addWidget(window)
    seen: list[str] = []
    answer(seen, "Restore the backup…")
    restored: list[bool] = []

    def restore_with_dialog(win: MainWindow, note: str = "") -> bool:
        newest = list_backups(folder_for(backups, demo_path.resolve()))[0]
        restored.append(safety.restore(win, newest.path))  # what the dialog's OK does
        return restored[-1]

    monkeypatch.setattr(safety, "restore_with_dialog", restore_with_dialog)
    _open(window)
    assert "is damaged" in seen[0] and "Nothing was written to it" in seen[0]
    assert "2026-11-27 18:05" in seen[0]  # the newest good backup, by its date
    assert restored == [True]
    assert window.db is not None and not window.db.read_only
    assert ledger(demo_path) == without_identity(good)
    aside = [p.name for p in demo_path.parent.iterdir() if ".damaged-" in p.name]
    assert aside  # what the damaged file held is kept aside
    window.db.close()


def test_restore_dialog_previews_the_backup_before_restoring(
    qtbot: QtBot, demo_path: Path, tmp_path: Path
) -> None:
    from desktop.dialogs.restore import RestoreDialog

    folder = tmp_path / "b"
    made = take(demo_path, folder, "daily", now=lambda: datetime(2026, 11, 20, 9, 30))
    assert made is not None
    broken = folder / "demo-20261121-093000-manual.sqlite3"
    broken.write_bytes(made.read_bytes()[: 4096 * 3])
    dialog = RestoreDialog(list_backups(folder), "en")
    qtbot.addWidget(dialog)
    assert dialog.list.count() == 2
    dialog.list.setCurrentRow(1)  # the sound one (the newest is cut short)
    assert "2026-11-20 09:30" in dialog.summary.text() and "support cases" in dialog.summary.text()
    assert dialog.restore_button.isEnabled() and dialog.chosen is not None
    offices = [cell_text(dialog.table, r, 0) for r in range(dialog.table.rowCount())]
    assert "New York" in offices
    nyc = offices.index("New York")
    assert int(cell_text(dialog.table, nyc, 1)) == dialog.chosen.counts["NYC"]["support_case"]
    dialog.list.setCurrentRow(0)
    assert not dialog.restore_button.isEnabled() and "damaged" in dialog.summary.text()


def test_back_up_now_and_restore_from_the_window(
    qtbot: QtBot, app_db: Database, backups: Path
) -> None:
    from desktop.shell import safety

    window = _window(qtbot, app_db)
    made = safety.back_up_now(window)
    assert made is not None and made.parent == folder_for(backups, app_db.file)
    assert safety.daily(window) is None  # the newest is not a day old
    assert safety.daily(window, now=datetime(2099, 1, 1)) is None  # and nothing changed
    before = dump(app_db.file)
    from db.records import edit

    uuid = edit.create(app_db, "support_case", edit.values_of(
        app_db, _first_case(app_db), "support_case"))  # fmt: skip
    assert uuid
    assert safety.restore(window, made)
    assert window.db is not None and window.db.lock is not None
    assert ledger(window.db.file) == without_identity(before)
    window.db.close()


def _first_case(db: Database) -> str:
    from sqlalchemy import select

    from db.storage.models import SupportCase

    with db.session() as s:
        return str(s.execute(select(SupportCase.uuid).limit(1)).scalar_one())
