"""Keyboard and screen readers (issue #25, item 6): Escape on an edited form asks to
discard, Tab leaves tables, New (Ctrl+N) works on every page, and every input of the
window and of every form and dialog has an accessible name."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAccessible
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QDialog, QWidget

from db.schema.fiscal import fy_period

if TYPE_CHECKING:
    from pytestqt.qtbot import QtBot

    from db.storage.database import Database
    from desktop.shell.app import MainWindow

pytestmark = pytest.mark.gui
FY = fy_period(2023)


@pytest.fixture
def window(qtbot: QtBot, demo_db: Database) -> MainWindow:
    from desktop.shell.app import MainWindow

    w = MainWindow(demo_db, "en")
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    w.activateWindow()
    return w


def test_escape_on_an_edited_form_asks_before_discarding(qtbot: QtBot, demo_db: Database) -> None:
    from desktop.forms.declared import DeclaredForm

    form = DeclaredForm("event_booth", demo_db, FY, None, "en")
    qtbot.addWidget(form)
    asked: list[bool] = []
    answer = [False]

    def ask() -> bool:
        asked.append(True)
        return answer[0]

    form.ask_discard = ask  # type: ignore[method-assign]
    form.show()
    QTest.keyClicks(form.editor("name"), "Japan Expo")
    QTest.keyClick(form, Qt.Key.Key_Escape)
    assert asked == [True] and form.isVisible()  # "Keep editing": still open, text kept
    assert form.editor("name").text() == "Japan Expo"
    answer[0] = True
    QTest.keyClick(form, Qt.Key.Key_Escape)
    assert not form.isVisible() and form.result() == QDialog.DialogCode.Rejected


def test_escape_on_an_untouched_form_closes_without_asking(qtbot: QtBot, demo_db: Database) -> None:
    from desktop.forms.declared import DeclaredForm

    form = DeclaredForm("seminar", demo_db, FY, None, "ja")
    qtbot.addWidget(form)
    form.ask_discard = lambda: pytest.fail("asked about an untouched form")  # type: ignore[method-assign]
    form.show()
    QTest.keyClick(form, Qt.Key.Key_Escape)
    assert not form.isVisible()


def test_tab_leaves_the_tallies_table_and_a_list(qtbot: QtBot, window: MainWindow) -> None:
    window.table.setFocus()
    window.table.setCurrentCell(0, 0)
    QTest.keyClick(window.table, Qt.Key.Key_Tab)
    assert not window.table.hasFocus()  # not trapped moving cell to cell
    window.pages.setCurrentWidget(window.cases)
    window.cases.view.setFocus()
    QTest.keyClick(window.cases.view, Qt.Key.Key_Tab)
    assert not window.cases.view.hasFocus()


def test_ctrl_n_on_the_tallies_page_asks_which_kind_then_opens_its_form(
    qtbot: QtBot, window: MainWindow
) -> None:
    asked: list[bool] = []
    opened: list[QDialog] = []

    def choose() -> str:
        asked.append(True)
        return "seminar"

    window.choose_kind = choose  # type: ignore[method-assign]
    seminars = window.page_of("seminar")
    seminars.run_form = _noting(opened)
    window.pages.setCurrentIndex(0)  # the tallies
    window.table.setFocus()
    QTest.keyClick(window.table, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert asked == [True] and window.pages.currentWidget() is seminars
    assert len(opened) == 1 and getattr(opened[0], "kind", None) == "seminar"


def test_ctrl_n_on_a_list_makes_a_record_of_that_list(qtbot: QtBot, window: MainWindow) -> None:
    window.choose_kind = lambda: pytest.fail("asked on a list")  # type: ignore[method-assign]
    opened: list[QDialog] = []
    window.events.run_form = _noting(opened)
    window.pages.setCurrentWidget(window.events)
    window.events.view.setFocus()
    QTest.keyClick(window.events.view, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert len(opened) == 1 and getattr(opened[0], "kind", None) == window.events.kind


def _noting(opened: list[QDialog]) -> Callable[[QDialog], bool]:
    """A page's run_form that notes the form it was given and presses Cancel."""

    def run(form: QDialog) -> bool:
        opened.append(form)
        return False

    return run


def _names(root: object) -> list[str]:
    """Each input under ``root`` as a screen reader finds it: by its accessible name."""
    from desktop.kit.accessible import is_input

    missing = []
    for widget in root.findChildren(QWidget):  # type: ignore[attr-defined]
        if not is_input(widget):
            continue
        face = QAccessible.queryAccessibleInterface(widget)
        if face is None or not face.text(QAccessible.Text.Name) or not widget.accessibleName():
            missing.append(f"{type(widget).__name__} in {type(widget.parentWidget()).__name__}")
    return missing


def test_every_input_of_the_window_has_an_accessible_name(window: MainWindow) -> None:
    assert _names(window) == []


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_every_input_of_every_form_and_dialog_has_an_accessible_name(
    qtbot: QtBot, qapp: QApplication, demo_db: Database, tmp_path: Path, lang: str
) -> None:
    from desktop.kit import fit
    from tests.support.widgets import every_form as _forms

    fit.install(qapp)  # as the main window does: names are given as a dialog is shown
    missing = {}
    for name, make in _forms(demo_db, lang, tmp_path):
        dialog = make()
        qtbot.addWidget(dialog)
        dialog.show()
        qapp.processEvents()
        if _names(dialog):
            missing[name] = _names(dialog)
        dialog.close()
    assert not missing, sorted({m for v in missing.values() for m in v})
