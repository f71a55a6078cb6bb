"""The History panel of the record forms and the deleted-records dialog, in the real
window: an edit in the form, an accepted hand edit from a workbook and a restored
earlier version each appear in it; a restore and an undelete are undoable."""

from __future__ import annotations

import dataclasses
import shutil
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
from PySide6.QtWidgets import QDialog

from db.records import edit
from db.schema.fiscal import fy_period
from db.schema.kinds import RecordKind
from desktop.forms.declared import DeclaredForm
from desktop.forms.history_panel import DeletedDialog, HistoryPanel
from exports.xlsx.exchange import import_file
from exports.xlsx.export import export_office
from tests.support import xlsxedit
from tests.support.widgets import window_db

if TYPE_CHECKING:
    from pytestqt.qtbot import QtBot

    from db.storage.database import Database
    from desktop.shell.app import MainWindow

pytestmark = pytest.mark.gui


@pytest.fixture
def window(qtbot: QtBot, demo_db: Database) -> MainWindow:
    from desktop.shell.app import MainWindow

    w = MainWindow(demo_db, "en")
    qtbot.addWidget(w)
    w.show()
    w.load_lists()
    return w


def _select(page: Any, text: str) -> str:
    page.search.setText(text)
    page.apply_filter()
    page.view.selectRow(0)
    uuid = page.selected_uuid()
    assert uuid is not None
    return str(uuid)


def _panel_texts(panel: HistoryPanel) -> list[list[str]]:
    """Each version's columns, then its change lines, newest first."""
    out = []
    for n in range(panel.tree.topLevelItemCount()):
        item = panel.tree.topLevelItem(n)
        assert item is not None
        changes = [c.text(0) for c in (item.child(i) for i in range(item.childCount())) if c]
        out.append([item.text(c) for c in range(5)] + changes)
    return out


def test_form_edit_and_restore_appear_in_the_panel_and_restore_is_undoable(
    window: MainWindow,
) -> None:
    page = window.cases
    uuid = _select(page, "関西広域連合")
    db = window_db(window)
    old = edit.values_of(db, uuid)
    seen: list[list[list[str]]] = []

    def change_staff(form: QDialog) -> bool:
        assert isinstance(form, DeclaredForm) and isinstance(form.history, HistoryPanel)
        seen.append(_panel_texts(form.history))
        assert not form.history.restore.isEnabled()  # nothing chosen yet
        form.editor("staff").setText("本部 山田")
        form.accept()
        return form.result() == QDialog.DialogCode.Accepted

    page.run_form = change_staff
    page.edit_selected()
    assert edit.values_of(db, uuid).staff == "本部 山田"
    assert len(seen[0]) == 1 and seen[0][0][4] == "demo data"

    def bring_back_first(form: QDialog) -> bool:
        assert isinstance(form, DeclaredForm)
        panel = form.history
        seen.append(_panel_texts(panel))
        panel.tree.setCurrentItem(panel.tree.topLevelItem(0))
        assert not panel.restore.isEnabled()  # the current version: nothing to bring back
        panel.tree.setCurrentItem(panel.tree.topLevelItem(1))
        assert panel.restore.isEnabled()
        panel.restore.click()  # closes the form with that choice
        return form.result() == QDialog.DialogCode.Accepted

    page.run_form = bring_back_first
    _select(page, "関西広域連合")
    page.edit_selected()
    edited = seen[1][0]
    assert edited[4] == "edited in the form" and "(current)" in edited[0]
    assert f"Staff: {old.staff or '(blank)'} → 本部 山田" in edited[5:]
    assert edit.values_of(db, uuid) == old  # the first version is back
    assert "Earlier version" in page.status.text()

    def look(form: QDialog) -> bool:
        assert isinstance(form, DeclaredForm)
        seen.append(_panel_texts(form.history))
        return False

    page.run_form = look
    _select(page, "関西広域連合")
    page.edit_selected()
    restored = seen[2][0]
    assert restored[4].startswith("earlier version restored (from version")
    assert f"Staff: 本部 山田 → {old.staff or '(blank)'}" in restored[5:]
    window.undo.undo()  # the restore is undone as a further version
    assert edit.values_of(db, uuid).staff == "本部 山田"


def test_an_accepted_hand_edit_appears_in_the_panel(
    window: MainWindow, demo_db: Database, tmp_path: Path
) -> None:
    db = window_db(window)
    path = export_office(db, tmp_path / "NYC.xlsx", "NYC", fy_period(2023)).path
    edited = Path(shutil.copy(path, tmp_path / "NYC-edited.xlsx"))

    def change(book: Any) -> None:
        sheet = book["海外活動支援"]
        sheet.cell(2, xlsxedit.column(sheet, "概要")).value = "手で直した概要"

    xlsxedit.edit(edited, change)
    import_file(db, edited, accept_edited=True)
    page = window.cases
    page.load(2023, None)
    uuid = _select(page, "手で直した概要")
    shown: list[list[list[str]]] = []

    def look(form: QDialog) -> bool:
        assert isinstance(form, DeclaredForm)
        shown.append(_panel_texts(form.history))
        return False

    page.run_form = look
    page.edit_selected()
    newest = shown[0][0]
    assert newest[4] == "hand edit from a workbook accepted"
    assert newest[5].startswith("NYC-edited.xlsx (NYC, exported 20")  # the file, then changes
    assert any(line.endswith("→ 手で直した概要") for line in newest[5:])
    assert edit.values_of(db, uuid).summary == "手で直した概要"


def test_every_record_form_has_the_panel(window: MainWindow) -> None:
    checked = []
    for page in (window.events, window.issues, window.jetaa, *window.year_pages):
        if page.model.rowCount() == 0:  # a kind of the office's other work it has none of
            continue
        checked.append(page.kind)
        page.view.selectRow(0)
        found: list[Any] = []

        def look(form: QDialog, found: list[Any] = found) -> bool:
            found.append(getattr(form, "history", None))
            return False

        page.run_form = look
        page.edit_selected()
        assert isinstance(found[0], HistoryPanel) and found[0].kind == page.kind
        assert found[0].versions_shown() and "(current)" in found[0].versions_shown()[0]
    assert len(checked) == 3 + len(window.year_pages)  # the demo year has each kind


def test_deleted_records_are_listed_and_undeleted_in_the_app(window: MainWindow) -> None:
    page = window.events
    page.view.selectRow(0)
    uuid = page.selected_uuid()
    assert uuid is not None
    db = window_db(window)
    page.delete_selected()
    assert edit.is_deleted(db, uuid, RecordKind.EVENT_BOOTH)
    dialogs: list[DeletedDialog] = []

    def in_dialog(dialog: QDialog) -> bool:
        assert isinstance(dialog, DeletedDialog)
        dialogs.append(dialog)
        assert dialog.uuids == [uuid] and dialog.table.rowCount() == 1
        assert dialog.panel is not None and dialog.panel.uuid == uuid
        assert _panel_texts(dialog.panel)[0][4] == "deleted"
        dialog.undelete.click()
        assert dialog.uuids == [] and not dialog.empty.isHidden()
        return True

    page.run_form = in_dialog
    page.show_deleted()
    assert dialogs and not edit.is_deleted(db, uuid, RecordKind.EVENT_BOOTH)
    window.undo.undo()  # undelete is undoable
    assert edit.is_deleted(db, uuid, RecordKind.EVENT_BOOTH)
    window.undo.redo()
    assert not edit.is_deleted(db, uuid, RecordKind.EVENT_BOOTH)


def test_a_version_that_breaks_todays_rules_is_not_brought_back(window: MainWindow) -> None:
    import sqlite3

    page = window.cases
    uuid = _select(page, "関西広域連合")
    db = window_db(window)
    old = edit.values_of(db, uuid)
    edit.update(db, RecordKind.SUPPORT_CASE, uuid, dataclasses.replace(old, staff="本部"))
    with sqlite3.connect(db.file) as conn:  # an earlier version without a requester
        conn.execute("UPDATE record_history SET payload = json_set(payload, '$.requester', '')"
                     " WHERE record_uuid = ? AND payload IS NOT NULL", (uuid,))  # fmt: skip
    from db.read.lookups import record_history

    versions = record_history(db, uuid)
    steps = window.undo.count()
    page.restore_version(uuid, versions[0].version, versions[0].device_id)
    assert window.undo.count() == steps and edit.values_of(db, uuid).staff == "本部"
    assert page.status.text() == "Requester is required"
    assert len(record_history(db, uuid)) == len(versions)  # nothing written
