"""Create, edit, delete and undo support cases through the real form and window."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest
from PySide6.QtCore import QDate
from PySide6.QtWidgets import QDialog

from db.schema.enums import RequesterCategory, SupportType
from db.tally.tallies import tally_fy
from desktop.forms.declared import DeclaredForm
from tests.support.widgets import cell_text, window_db

if TYPE_CHECKING:
    from pytestqt.qtbot import QtBot

    from db.storage.database import Database
    from desktop.shell.app import MainWindow

pytestmark = pytest.mark.gui


@pytest.fixture
def window(qtbot: QtBot, demo_db: Database) -> MainWindow:
    from desktop.shell.app import MainWindow

    w = MainWindow(demo_db)
    qtbot.addWidget(w)
    w.show()
    w.cases.load(2023, None)
    return w


def _total(window: MainWindow, office: str = "NYC") -> int:
    with window_db(window).session() as s:
        return tally_fy(s, 2023).offices[office].support_cases.total


def _select(window: MainWindow, requester: str) -> None:
    page = window.cases
    page.search.setText(requester)
    page.apply_filter()
    page.view.selectRow(0)


def test_new_case_with_a_validation_error_shown_then_fixed_and_undone(window: MainWindow) -> None:
    before = _total(window)
    shown_errors = []

    def fill(form: QDialog) -> bool:
        assert isinstance(form, DeclaredForm) and form.kind == window.cases.kind
        form.office.setCurrentIndex(form.office.findData("NYC"))
        form.editor("start_date").setDate(QDate(2023, 9, 1))
        end = form.editor("end_date")  # an optional date: ticked, then a day
        end.has.setChecked(True)
        end.day.setDate(QDate(2023, 8, 1))  # before the start: refused, field named
        form.accept()
        shown_errors.append(form.errors["requester"].text() or form.errors["end_date"].text())
        requester = form.editor("requester")
        requester.setText("石川県金沢市")
        requester.textEdited.emit("石川県金沢市")  # what typing does
        category = form.editor("requester_category")
        assert category.currentData() == RequesterCategory.MUNICIPALITY.value
        form.accept()
        shown_errors.append(form.errors["end_date"].text())
        assert not form.errors["end_date"].isHidden()
        end.day.setDate(QDate(2023, 9, 2))
        form.editor("types").boxes[SupportType.ATTEND].setChecked(True)
        form.accept()
        return form.result() == QDialog.DialogCode.Accepted

    window.cases.run_form = fill
    window.cases.new_record()
    assert shown_errors[0] == "依頼団体を入力してください"  # in the window's language
    assert shown_errors[1] == "終了日が開始日より前です"
    assert _total(window) == before + 1
    last = window.table.rowCount() - 3  # the total; then the year before and the change
    assert cell_text(window.table, last, 0) == "436"  # the tallies page updated
    window.undo.undo()
    assert _total(window) == before
    window.undo.redo()
    assert _total(window) == before + 1


def test_edit_then_undo_restores_the_old_values(window: MainWindow) -> None:
    from db.records.edit import values_of

    _select(window, "関西広域連合")
    uuid = window.cases.selected_uuid()
    assert uuid is not None
    old = values_of(window_db(window), uuid)

    def fill(form: QDialog) -> bool:
        assert isinstance(form, DeclaredForm) and form.kind == window.cases.kind
        form.editor("staff").setText("本部 山田")
        form.editor("counted").setChecked(not old.counted)
        form.accept()
        return True

    window.cases.run_form = fill
    window.cases.edit_selected()
    assert values_of(window_db(window), uuid).staff == "本部 山田"
    window.undo.undo()
    assert values_of(window_db(window), uuid) == old


def test_delete_is_a_tombstone_and_undo_brings_it_back(qtbot: QtBot, window: MainWindow) -> None:
    from sqlalchemy import select

    from db.storage.models import SupportCase

    _select(window, "東京都")
    uuid = window.cases.selected_uuid()
    before = window.cases.model.total
    window.cases.delete_selected()
    assert window.cases.model.total == before - 1
    with window_db(window).session() as s:
        row = s.execute(select(SupportCase).where(SupportCase.uuid == uuid)).scalar_one()
        assert row.deleted is True  # kept as a tombstone, not removed
    assert "Undo" in window.cases.status.text()
    with qtbot.waitSignal(window.undo.record_changed) as changed:  # the list reloads on it
        window.undo.undo()
    assert changed.args == ["support_case"]
    assert window.cases.model.total == before
