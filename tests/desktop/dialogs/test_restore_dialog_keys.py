"""The restore dialog as a person uses it (issue #25): Tab and Shift+Tab reach every
control and leave its table, times are 令和 dates in the Japanese window (ISO in
English), and why a backup was taken is said in the one catalogue's words."""

from __future__ import annotations

import re
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QPushButton, QWidget

from db.schema.words import WORDS, word
from db.storage.backup import folder_for, take
from office_ledger.settings import backup_folder

if TYPE_CHECKING:
    from pytestqt.qtbot import QtBot

    from desktop.dialogs.restore import RestoreDialog

pytestmark = pytest.mark.gui
ISO_TIME = re.compile(r"\d{4}-\d{2}-\d{2} \d{2}:\d{2}")


def _dialog(qtbot: QtBot, demo_path: Path, lang: str) -> RestoreDialog:
    from desktop.dialogs.restore import RestoreDialog

    folder = folder_for(backup_folder(), demo_path)  # where the app keeps its backups

    for day, reason in ((20, "daily"), (21, "before-import"), (22, "manual")):
        taken = datetime(2026, 11, day, 9, 30)
        made = take(demo_path, folder, reason, only_if_changed=False,
                    now=lambda taken=taken: taken)  # type: ignore[misc]  # fmt: skip
        assert made is not None
    dialog = RestoreDialog.of(demo_path, lang)  # the window's door
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.activateWindow()
    return dialog


def _walk(dialog: RestoreDialog, key: Qt.Key, presses: int) -> list[QWidget]:
    """The widgets focus lands on, one key press after another."""
    seen = []
    for _ in range(presses):
        here = dialog.focusWidget()
        assert here is not None
        QTest.keyClick(here, key)
        now = dialog.focusWidget()
        assert now is not None
        seen.append(now)
    return seen


@pytest.mark.parametrize("key", [Qt.Key.Key_Tab, Qt.Key.Key_Backtab])
def test_tab_and_shift_tab_reach_every_control_and_leave_the_table(
    qtbot: QtBot, demo_path: Path, tmp_path: Path, key: Qt.Key
) -> None:
    dialog = _dialog(qtbot, demo_path, "en")
    assert dialog.table.rowCount() > 1  # a preview with cells to be trapped in
    dialog.list.setFocus()
    seen = _walk(dialog, key, 12)
    buttons = dialog.findChildren(QPushButton)  # Other backup file…, Restore, Cancel
    controls = [dialog.list, dialog.table, *buttons]
    assert len(buttons) == 3 and dialog.restore_button.isEnabled()
    for control in controls:
        assert control in seen, control.objectName() or type(control).__name__
    # round the dialog and back, each control once a round: never cell to cell
    first_round = seen[: seen.index(dialog.list) + 1]
    assert len(first_round) == len(set(first_round)) <= len(controls) + 1
    dialog.table.setFocus()
    QTest.keyClick(dialog.table, key)
    assert dialog.focusWidget() is not dialog.table


def test_japanese_times_are_era_dates_and_reasons_the_catalogues_words(
    qtbot: QtBot, demo_path: Path, tmp_path: Path
) -> None:
    dialog = _dialog(qtbot, demo_path, "ja")
    rows = [dialog.list.item(r).text() for r in range(dialog.list.count())]
    assert rows[0].startswith("令和8年11月22日 09:30")  # the newest first
    for row, reason in zip(rows, ("manual", "before-import", "daily"), strict=True):
        assert not ISO_TIME.search(row), row
        assert f"({word(f'backup.reason.{reason}', 'ja')})" in row, row
    dialog.list.setCurrentRow(2)
    assert "令和8年11月20日 09:30" in dialog.summary.text()
    assert not ISO_TIME.search(dialog.summary.text())


def test_english_times_stay_iso_with_english_reasons(
    qtbot: QtBot, demo_path: Path, tmp_path: Path
) -> None:
    dialog = _dialog(qtbot, demo_path, "en")
    rows = [dialog.list.item(r).text() for r in range(dialog.list.count())]
    assert rows[1].startswith(f"2026-11-21 09:30  ({word('backup.reason.before-import', 'en')})")


def test_the_dialog_keeps_no_reasons_of_its_own() -> None:
    import desktop.dialogs.restore as module

    source = Path(module.__file__).read_text(encoding="utf-8")
    for key in [k for k in WORDS if k.startswith("backup.reason.")]:
        english = word(key, "en")
        assert f'"{english}"' not in source, english  # said once, in db/schema/words.py
