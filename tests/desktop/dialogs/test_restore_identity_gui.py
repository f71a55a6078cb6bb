"""Issue #19 in the window: the restore dialog lists a newer app's backup with the
version it needs and never restores it; the damaged-file dialog offers the database's
own newest backup, never another same-named database's."""

from __future__ import annotations

import shutil
import sqlite3
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from PySide6.QtCore import QTimer

from db.storage.backup import backups_of, folder_for, take
from db.storage.database import open_database
from tests.support.safety_help import answer as _answer
from tests.support.safety_help import damage as _damage

if TYPE_CHECKING:
    from pytestqt.qtbot import QtBot

pytestmark = pytest.mark.gui


def _backups() -> Path:
    from office_ledger.settings import backup_folder

    return backup_folder()


def test_restore_dialog_lists_a_newer_backup_with_its_version_and_turns_restore_off(
    qtbot: QtBot, demo_path: Path
) -> None:
    from desktop.dialogs.restore import RestoreDialog

    base = _backups()
    old = take(demo_path, folder_for(base, demo_path), "daily", now=lambda: datetime(2026, 11, 20))
    newer = take(demo_path, folder_for(base, demo_path), "manual", only_if_changed=False,
                 now=lambda: datetime(2026, 11, 21))  # fmt: skip
    assert old is not None and newer is not None
    with sqlite3.connect(newer) as conn:
        conn.execute("UPDATE alembic_version SET version_num = '0099'")
    found = backups_of(base, demo_path)
    dialog = RestoreDialog(found, "en", db_path=demo_path)
    qtbot.addWidget(dialog)
    assert dialog.list.count() == 2
    dialog.list.setCurrentRow(0)  # the newer app's
    assert "needs Office Ledger ≥" in dialog.list.item(0).text()
    assert not dialog.restore_button.isEnabled() and dialog.chosen is None
    assert "newer Office Ledger" in dialog.summary.text()
    dialog.list.setCurrentRow(1)
    assert dialog.restore_button.isEnabled() and dialog.chosen is not None


def test_restore_dialog_explains_a_backup_of_another_database(
    qtbot: QtBot, demo_path: Path, tmp_path: Path
) -> None:
    from desktop.dialogs.restore import RestoreDialog

    other = tmp_path / "other" / demo_path.name  # the same name, another folder
    other.parent.mkdir()
    open_database(other).close()
    theirs = take(other, folder_for(_backups(), other), "manual")
    assert theirs is not None
    dialog = RestoreDialog(backups_of(_backups(), demo_path), "en", db_path=demo_path)
    qtbot.addWidget(dialog)
    assert dialog.list.count() == 0
    dialog.show_file(theirs)
    assert not dialog.restore_button.isEnabled()
    assert "another database" in dialog.summary.text() and "--into" in dialog.summary.text()


def test_the_damaged_file_dialog_never_offers_another_databases_backup(
    qtbot: QtBot, demo_path: Path, tmp_path: Path
) -> None:
    from desktop.shell.app import MainWindow
    from desktop.shell.late_open import _open

    other = tmp_path / "other" / demo_path.name
    other.parent.mkdir()
    shutil.copyfile(demo_path, other)
    open_database(other).close()  # a copy: another database, the same name
    assert take(other, folder_for(_backups(), other), "manual") is not None
    mine = take(demo_path, folder_for(_backups(), demo_path), "on-close",
                now=lambda: datetime(2026, 11, 27, 18, 5))  # fmt: skip
    assert mine is not None
    _damage(demo_path)
    window = MainWindow(demo_path, "en")
    qtbot.addWidget(window)
    seen: list[str] = []
    _answer(seen, "Close")
    _open(window)
    qtbot.waitUntil(lambda: bool(seen), timeout=10000)
    assert "2026-11-27 18:05" in seen[0]  # its own, not the other's (newer) backup
    mine.unlink()  # with no backup of its own, none is offered
    window2 = MainWindow(demo_path, "en")
    qtbot.addWidget(window2)
    seen2: list[str] = []
    _answer(seen2, "Close")
    _open(window2)
    qtbot.waitUntil(lambda: bool(seen2), timeout=10000)
    assert "There is no backup of it" in seen2[0]


def test_restore_dialog_shows_the_app_version_of_each_backup(qtbot: QtBot, demo_path: Path) -> None:
    from db.schema.appinfo import __version__
    from db.storage.backup import WRITTEN_BY
    from desktop.dialogs.restore import RestoreDialog

    base = _backups()
    old = take(demo_path, folder_for(base, demo_path), "daily", now=lambda: datetime(2026, 11, 20))
    new = take(demo_path, folder_for(base, demo_path), "manual", only_if_changed=False,
               now=lambda: datetime(2026, 11, 21))  # fmt: skip
    assert old is not None and new is not None
    with sqlite3.connect(old) as conn:  # written by an app before versions were kept
        conn.execute("DELETE FROM app_meta WHERE key = ?", (WRITTEN_BY,))
    dialog = RestoreDialog(backups_of(base, demo_path), "ja", db_path=demo_path)
    qtbot.addWidget(dialog)
    assert f"Office Ledger {__version__} で作成" in dialog.list.item(0).text()
    assert "作成した版の記録なし" in dialog.list.item(1).text()
    dialog.list.setCurrentRow(0)
    assert f"Office Ledger {__version__}" in dialog.summary.text()


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_a_refused_restore_is_said_in_the_windows_language(
    qtbot: QtBot, demo_path: Path, tmp_path: Path, lang: str
) -> None:
    """The refusals come from db/storage/backup.py as catalogue messages (db/schema/words.py): a
    backup of another database, one from a newer app; the database stays as it was."""
    from PySide6.QtWidgets import QApplication, QMessageBox

    from desktop.shell import safety
    from desktop.shell.app import MainWindow
    from tests.support.safety_help import ledger

    other = tmp_path / "other" / demo_path.name
    other.parent.mkdir()
    shutil.copyfile(demo_path, other)
    open_database(other).close()  # a copy: another database
    theirs = take(other, folder_for(_backups(), other), "manual")
    newer = take(demo_path, folder_for(_backups(), demo_path), "manual")
    assert theirs is not None and newer is not None
    with sqlite3.connect(newer) as conn:
        conn.execute("UPDATE alembic_version SET version_num = '0099'")
    db = safety.open_for_app(demo_path)
    window = MainWindow(db, lang)
    qtbot.addWidget(window)
    before = ledger(demo_path)
    said: list[str] = []

    def press() -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            QTimer.singleShot(20, press)
            return
        said.append(box.text())
        box.done(0)

    try:
        for backup in (theirs, newer):
            QTimer.singleShot(0, press)
            assert not safety.restore(window, backup)
    finally:
        if window.db is not None:
            window.db.close()
    another, newer_app = {"ja": ("別のデータベース", "新しい Office Ledger"),
                          "en": ("another database", "newer Office Ledger")}[lang]  # fmt: skip
    assert another in said[0] and "--into PATH" in said[0]
    assert newer_app in said[1] and newer.name in said[1]
    assert ledger(demo_path) == before


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_the_window_and_the_command_line_refuse_in_one_sentence(
    qtbot: QtBot, demo_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str],
    lang: str,
) -> None:  # fmt: skip
    """The restore dialog and ``office-ledger restore`` each built their own refusal of a
    newer app's backup and of another database's (the dialog's said "made on" without
    the time, the command line's with it): one sentence, from the catalogue."""
    from desktop.dialogs.restore import RestoreDialog
    from office_ledger.cli.commands import main

    other = tmp_path / "other" / demo_path.name
    other.parent.mkdir()
    open_database(other).close()
    theirs = take(other, folder_for(_backups(), other), "manual")
    newer = take(demo_path, folder_for(_backups(), demo_path), "manual")
    assert theirs is not None and newer is not None
    with sqlite3.connect(newer) as conn:
        conn.execute("UPDATE alembic_version SET version_num = '0099'")
    dialog = RestoreDialog.of(demo_path, lang)
    qtbot.addWidget(dialog)
    for backup in (theirs, newer):
        dialog.show_file(backup)
        capsys.readouterr()
        assert main(["--db", str(demo_path), "restore", str(backup), "--yes", "--lang", lang]) == 1
        said = capsys.readouterr().err.strip().removeprefix("office-ledger: ")
        assert said and dialog.summary.text() == said
