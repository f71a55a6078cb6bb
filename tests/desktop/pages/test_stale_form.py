"""A record form saved after someone else changed the record (issue #23): the save is
refused, the form stays open with what was typed and says who changed it and when in
one line, and offers to save over their version or take it; undo keeps working."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from PySide6.QtWidgets import QDialog

from db.records import edit
from db.storage.database import open_database
from desktop.forms.declared import DeclaredForm
from tests.support.widgets import window_db

if TYPE_CHECKING:
    from pytestqt.qtbot import QtBot

    from db.storage.database import Database
    from desktop.shell.app import MainWindow

pytestmark = pytest.mark.gui
KIND = "support_case"
ACCEPTED = QDialog.DialogCode.Accepted


@pytest.fixture
def window(qtbot: QtBot, ledger_demo: Database) -> MainWindow:
    """The window on the demo year: a SQLite file, or HQ's PostgreSQL database."""
    from desktop.shell.app import MainWindow

    w = MainWindow(ledger_demo)
    qtbot.addWidget(w)
    w.show()
    w.cases.load(2023, None)
    return w


@pytest.fixture
def other(ledger_demo: Database) -> Iterator[Database]:
    """Another person's connection to the same database (another copy of the app)."""
    db = open_database(ledger_demo.url)
    yield db
    db.close()


def _selected(window: MainWindow) -> str:
    page = window.cases
    page.search.setText("関西広域連合")
    page.apply_filter()
    page.view.selectRow(0)
    uuid = page.selected_uuid()
    assert uuid is not None
    return uuid


def test_a_stale_save_is_refused_in_one_line_and_keep_mine_saves_over_it(
    window: MainWindow, other: Database
) -> None:
    uuid = _selected(window)
    db = window_db(window)
    shown: list[str] = []

    def fill(form: QDialog) -> bool:
        assert isinstance(form, DeclaredForm)
        form.editor("staff").setText("本部 山田")
        theirs = edit.values_of(other, uuid, KIND)  # meanwhile, another person saves
        edit.update(other, KIND, uuid, dataclasses.replace(theirs, staff="本部 佐藤"))
        form.accept()
        assert form.result() != ACCEPTED and not form.stale.isHidden()  # the form stays
        shown.append(form.stale.message.text())
        beside = form.stale.take.toolTip()  # their value beside mine, field by field
        assert "本部 佐藤" in beside and "本部 山田" in beside
        assert form.editor("staff").text() == "本部 山田"  # what I typed is all there
        assert edit.values_of(db, uuid, KIND).staff == "本部 佐藤"  # theirs is untouched
        form.stale.keep.click()  # keep mine and save over it
        return form.result() == ACCEPTED

    window.cases.run_form = fill
    window.cases.edit_selected()
    (said,) = shown
    assert "\n" not in said and "保存していません" in said  # the window's language
    last = edit.values_of(other, uuid, KIND)
    assert last.staff == "本部 山田"
    with db.session() as s:  # the line names who made their version
        from db.records.history import versions

        their_version = versions(s, uuid)[-2]
    assert their_version.author and their_version.author in said
    window.undo.undo()  # undo my save: back to their version, not to the one I opened
    assert edit.values_of(db, uuid, KIND).staff == "本部 佐藤"
    window.undo.redo()
    assert edit.values_of(db, uuid, KIND).staff == "本部 山田"


def test_take_theirs_shows_their_values_and_writes_nothing(
    window: MainWindow, other: Database
) -> None:
    uuid = _selected(window)
    db = window_db(window)

    def fill(form: QDialog) -> bool:
        assert isinstance(form, DeclaredForm)
        form.editor("staff").setText("本部 山田")
        theirs = edit.values_of(other, uuid, KIND)
        edit.update(other, KIND, uuid, dataclasses.replace(theirs, staff="本部 佐藤"))
        form.accept()
        assert not form.stale.isHidden()
        form.stale.take.click()
        assert form.editor("staff").text() == "本部 佐藤"
        assert not form.edited()  # nothing of mine left to ask about
        form.accept()
        return form.result() == ACCEPTED

    before = edit.version_of(db, uuid, KIND)
    window.cases.run_form = fill
    window.cases.edit_selected()
    assert edit.values_of(db, uuid, KIND).staff == "本部 佐藤"
    assert edit.version_of(db, uuid, KIND) > before  # their save only
    assert edit.version_of(other, uuid, KIND) == edit.version_of(db, uuid, KIND)


def test_an_edit_of_a_record_deleted_meanwhile_can_bring_it_back(
    window: MainWindow, other: Database
) -> None:
    uuid = _selected(window)
    db = window_db(window)
    shown: list[str] = []

    def fill(form: QDialog) -> bool:
        assert isinstance(form, DeclaredForm)
        form.editor("staff").setText("本部 山田")
        edit.set_deleted(other, uuid, True, KIND)
        form.accept()
        shown.append(form.stale.message.text())
        assert edit.is_deleted(db, uuid, KIND)
        form.stale.keep.click()  # keep mine and bring it back
        return form.result() == ACCEPTED

    window.cases.run_form = fill
    window.cases.edit_selected()
    assert "削除" in shown[0]
    assert not edit.is_deleted(db, uuid, KIND)
    assert edit.values_of(db, uuid, KIND).staff == "本部 山田"
    window.undo.undo()
    assert edit.is_deleted(db, uuid, KIND)


def test_a_save_the_database_refuses_keeps_the_form_open_with_what_was_typed(
    qtbot: QtBot, demo_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A save refused by the database (here: opened read-only, another writer holds
    it) is said once by the window, and the form stays with the typed values: before,
    the form closed first and what was typed was gone."""
    from PySide6.QtWidgets import QMessageBox

    from db.storage.lock import acquire
    from desktop.shell.app import MainWindow
    from desktop.shell.safety import open_for_app

    other = acquire(demo_path.resolve(), "import")
    db = open_for_app(demo_path)
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text: shown.append(text))
    try:
        window = MainWindow(db, "en")
        qtbot.addWidget(window)
        window.show()
        window.cases.load(2023, None)
        uuid = _selected(window)
        before = edit.values_of(db, uuid, KIND)
        kept: list[str] = []
        stayed: list[bool] = []

        def fill(form: QDialog) -> bool:
            assert isinstance(form, DeclaredForm)
            form.editor("staff").setText("本部 山田")
            form.accept()
            stayed.append(form.result() != ACCEPTED)  # the form is still open
            kept.append(form.editor("staff").text())
            form._opened_with = None  # nothing to ask about at teardown
            return not stayed[-1]

        window.cases.run_form = fill
        window.cases.edit_selected()
        assert shown == ["This database is open read-only; nothing was saved."]
        assert stayed == [True] and kept == ["本部 山田"]
        assert edit.values_of(db, uuid, KIND) == before
        assert window.undo.count() == 0
    finally:
        db.close()
        other.release()


def test_bringing_back_a_version_over_someone_elses_change_is_refused(
    qtbot: QtBot, window: MainWindow, other: Database
) -> None:
    """The History panel's "bring back" from a form that opened before someone else's
    save: said in the list's status line in one line, nothing restored."""
    uuid = _selected(window)
    db = window_db(window)
    first = edit.values_of(db, uuid, KIND)
    edit.update(other, KIND, uuid, dataclasses.replace(first, staff="本部 佐藤"))
    qtbot.wait(1500)  # the window hears that write and reloads its list (live refresh)
    assert _selected(window) == uuid

    def bring_back(form: QDialog) -> bool:
        assert isinstance(form, DeclaredForm)
        now = edit.values_of(other, uuid, KIND)  # meanwhile, another save
        edit.update(other, KIND, uuid, dataclasses.replace(now, staff="本部 田中"))
        panel = form.history
        panel.tree.setCurrentItem(panel.tree.topLevelItem(1))  # an earlier version
        assert panel.restore.isEnabled()
        panel.restore.click()
        opened.append(True)
        return form.result() == ACCEPTED

    opened: list[bool] = []
    window.cases.run_form = bring_back
    window.cases.edit_selected()
    assert opened == [True]
    assert edit.values_of(db, uuid, KIND).staff == "本部 田中"  # theirs stays
    said = window.cases.status.text()
    assert "保存していません" in said and "\n" not in said
