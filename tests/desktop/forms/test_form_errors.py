"""Forms keep what was typed or say why not (issue #19), through the real forms and
real key presses: an impossible date is an error on its field, not another day; each
error stands under its own field and clears when the field is fixed; every text says
its declared length limit and refuses more; a support case needs a kind of support;
a record saved outside the year shown says where it went and offers that year."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QDialog, QLabel, QLineEdit, QPlainTextEdit, QWidget

from db.schema.enums import SupportType
from db.schema.fiscal import fy_period
from db.schema.kinds import RecordKind
from tests.support.typing_keys import shown_errors as _shown
from tests.support.typing_keys import type_into as _type

if TYPE_CHECKING:
    from pytestqt.qtbot import QtBot

    from db.storage.database import Database
    from desktop.forms.base import RecordForm
    from desktop.forms.declared import DeclaredForm

pytestmark = pytest.mark.gui
FY = fy_period(2023)


@pytest.fixture(autouse=True)
def _closing_discards(monkeypatch: pytest.MonkeyPatch) -> None:
    """These tests leave forms edited; closing them at teardown must not wait on the
    "Discard changes?" question (tests/desktop/forms/test_keyboard.py tests that question)."""
    from desktop.forms.base import DeclaredRows

    monkeypatch.setattr(DeclaredRows, "ask_discard", lambda _self: True)


def _case_form(qtbot: QtBot, db: Database, lang: str = "en") -> DeclaredForm:
    from desktop.forms.declared import DeclaredForm

    form = DeclaredForm(RecordKind.SUPPORT_CASE, db, FY, lang=lang)
    qtbot.addWidget(form)
    form.show()
    return form


def _valid_case(form: DeclaredForm) -> None:
    form.editor("requester").setText("石川県金沢市")
    form.editor("types").boxes[SupportType.ATTEND].setChecked(True)


def test_an_impossible_date_is_an_error_on_its_field_not_another_day(
    qtbot: QtBot, demo_db: Database
) -> None:
    form = _case_form(qtbot, demo_db)
    _valid_case(form)
    start = form.editor("start_date")
    _type(start, "2023-02-30")
    assert start.text() == "2023-02-30"  # kept as typed
    form.accept()
    assert form.result() != QDialog.DialogCode.Accepted
    shown = _shown(form)
    assert list(shown) == ["start_date"]  # the start's own line
    assert "2023-02-30" in next(iter(shown.values())) and "28" in next(iter(shown.values()))
    _type(start, "2023-02-28")
    assert _shown(form) == {}  # fixed: the error goes at once
    assert form.values().start_date.isoformat() == "2023-02-28"
    form.accept()
    assert form.result() == QDialog.DialogCode.Accepted


def test_an_impossible_date_in_a_declared_form_and_in_an_events_legs(
    qtbot: QtBot, demo_db: Database
) -> None:
    from desktop.forms.declared import DeclaredForm

    seminar = DeclaredForm(RecordKind.SEMINAR, demo_db, FY, lang="ja")
    qtbot.addWidget(seminar)
    seminar.show()
    (rows,) = seminar.rows.values()
    first = rows.table.cellWidget(0, 0)
    _type(first, "2023-13-01")
    seminar.accept()
    assert seminar.result() != QDialog.DialogCode.Accepted
    shown = _shown(seminar)
    assert list(shown) == [rows.child.attr] and "13" in shown[rows.child.attr]
    event = DeclaredForm(RecordKind.EVENT_BOOTH, demo_db, FY, lang="en")
    qtbot.addWidget(event)
    event.show()
    _type(event.editor("legs").widget(0, 1), "2023-11-31")
    event.accept()
    assert event.result() != QDialog.DialogCode.Accepted
    assert "2023-11-31" in _shown(event)["legs"]


# Typing a requester pops up its completion (the names entered before), which the
# offscreen platform cannot raise nor give the keyboard to.
@pytest.mark.qt_log_ignore("This plugin does not support (raise|grabbing the keyboard)")
def test_each_error_under_its_own_field_and_gone_once_fixed(
    qtbot: QtBot, demo_db: Database
) -> None:
    form = _case_form(qtbot, demo_db, "ja")
    types = form.editor("types").boxes
    types[SupportType.ATTEND].setChecked(True)
    form.accept()  # no requester
    assert _shown(form) == {"requester": "依頼団体を入力してください"}
    _type(form.editor("requester"), "石川県")
    assert _shown(form) == {}  # the stale "依頼団体を入力してください" is gone
    form.editor("staff").setText("担" * 10_000)  # too long: said under 担当, while it is typed
    assert list(_shown(form)) == ["staff"] and "100" in _shown(form)["staff"]
    form.accept()
    assert form.result() != QDialog.DialogCode.Accepted
    assert list(_shown(form)) == ["staff"]  # not under 依頼団体
    form.editor("staff").setText("山田")
    assert _shown(form) == {}
    form.editor("summary").setPlainText("概" * 10_000)
    form.accept()
    assert list(_shown(form)) == ["summary"] and "2000" in _shown(form)["summary"]
    form.editor("summary").setPlainText("説明")
    types[SupportType.ATTEND].setChecked(False)
    form.accept()  # no kind of support
    assert list(_shown(form)) == ["types"] and "支援内容" in _shown(form)["types"]
    types[SupportType.INTERPRETER].setChecked(True)
    assert _shown(form) == {}
    form.accept()
    assert form.result() == QDialog.DialogCode.Accepted


def _text_widgets(form: RecordForm) -> dict[str, QLineEdit | QPlainTextEdit]:
    """Each field's text editor, found under its error line."""
    out: dict[str, QLineEdit | QPlainTextEdit] = {}
    for name, label in form.errors.items():
        holder = label.parentWidget()
        assert holder is not None
        texts = [w for w in holder.findChildren(QWidget)
                 if isinstance(w, QLineEdit | QPlainTextEdit)]  # fmt: skip
        if len(texts) == 1:
            out[name] = texts[0]
    return out


def _forms(db: Database) -> list[RecordForm]:
    """Every kind's form (each kind a person edits, from the registry)."""
    from db.schema.kinds import EDITED
    from desktop.forms.declared import DeclaredForm

    return [DeclaredForm(kind, db, FY, lang="en") for kind in EDITED]


def test_every_text_field_of_every_form_says_and_keeps_its_declared_limit(
    qtbot: QtBot, demo_db: Database
) -> None:
    for form in _forms(demo_db):
        qtbot.addWidget(form)
        form.show()
        spec = RecordKind(form.kind).spec
        texts = [f for f in spec.fields if f.type.value in ("text", "note")
                 and f.in_form and not f.derived and f.name != "title"]  # fmt: skip
        editors = _text_widgets(form)
        for f in texts:
            assert f.max_length is not None, (form.kind, f.name)
            assert f.name in editors, (form.kind, f.name, "has no error line of its own")
            editor = editors[f.name]
            assert f"{f.max_length:,}" in editor.placeholderText() + editor.toolTip()
            for text in ("x" * (f.max_length + 1), "x" * f.max_length):  # too long, fixed
                if isinstance(editor, QLineEdit):
                    editor.setText(text)
                elif isinstance(editor, QPlainTextEdit):
                    editor.setPlainText(text)
                shown = _shown(form)
                if len(text) > f.max_length:
                    assert f"{f.max_length}" in shown.get(f.name, ""), (form.kind, f.name)
                else:
                    assert f.name not in shown, (form.kind, f.name, shown)


def test_a_record_saved_outside_the_year_shown_says_where_it_went(
    qtbot: QtBot, demo_db: Database
) -> None:
    from desktop.forms.declared import DeclaredForm
    from desktop.shell.app import MainWindow

    window = MainWindow(demo_db, lang="en")
    qtbot.addWidget(window)
    window.show()
    window.year.setValue(2023)
    page = window.cases
    window.pages.setCurrentWidget(page)
    page.load(2023, None)

    def fill(form: QDialog) -> bool:
        assert isinstance(form, DeclaredForm) and form.kind == page.kind
        _valid_case(form)
        _type(form.editor("start_date"), "2024-05-10")
        form.accept()
        return form.result() == QDialog.DialogCode.Accepted

    page.run_form = fill
    page.new_record()
    said = page.went.text()
    assert page.went.isVisible() and "FY2024" in said and "2024-05-10" in said
    assert page.show_year.isVisible() and "FY2024" in page.show_year.text()
    QTest.mouseClick(page.show_year, Qt.MouseButton.LeftButton)
    assert window.year.value() == 2024
    assert not page.went.isVisible()
    page.load(window.year.value(), None)  # the list of the year shown now has it
    qtbot.waitUntil(lambda: any(r.requester == "石川県金沢市" for r in page.model.visible_rows()))


def test_the_date_field_parses_what_people_type() -> None:
    from datetime import date

    from desktop.forms.date_field import parse

    assert parse("2023-04-01") == date(2023, 4, 1)
    assert parse("２０２３/4/1") == date(2023, 4, 1)
    assert parse(" 2024-02-29 ") == date(2024, 2, 29)
    for text in ("2023-02-29", "2023-02-30", "2023-00-10", "2023-13-01", "2023-04-31", "", "x"):
        assert isinstance(parse(text), str), text
    assert QDate(2023, 2, 28).isValid() and isinstance(QLabel(), QWidget)
