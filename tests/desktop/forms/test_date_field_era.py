"""Issue #25: in a Japanese window a form's date reads and shows 令和 dates
(``R5.4.1``, ``令和5年4月1日``) as well as ``2023/4/1`` and ISO; an English window shows
ISO. What is kept is the date itself; a day that does not exist is an error on its
field in every form of writing, through the real forms and real key presses."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

import pytest
from PySide6.QtCore import QDate
from PySide6.QtWidgets import QDialog

from db.schema.fiscal import fy_period
from db.schema.kinds import RecordKind
from tests.support.typing_keys import shown_errors, type_into

if TYPE_CHECKING:
    from pytestqt.qtbot import QtBot

    from db.storage.database import Database

pytestmark = pytest.mark.gui
FY = fy_period(2023)
WRITTEN = ("R5.4.1", "r5.4.1", "令和5年4月1日", "令和５年４月１日", "2023/4/1", "2023-04-01")
SHOWN = {"ja": "令和5年4月1日", "en": "2023-04-01"}


@pytest.fixture(autouse=True)
def _closing_discards(monkeypatch: pytest.MonkeyPatch) -> None:
    """These tests leave forms edited: closing them at teardown must not ask."""
    from desktop.forms.base import DeclaredRows

    monkeypatch.setattr(DeclaredRows, "ask_discard", lambda _self: True)


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_every_form_of_a_date_is_read_in_either_language(lang: str) -> None:
    from desktop.forms.date_field import parse

    for text in WRITTEN:
        assert parse(text, lang) == date(2023, 4, 1), text
    assert parse("令和元年5月1日", lang) == date(2019, 5, 1)
    assert parse("H31.4.30", lang) == date(2019, 4, 30)
    for text in ("R5.2.30", "令和5年2月30日", "2023-02-30", "R5.13.1", "R1.4.30", "R5.4", ""):
        assert isinstance(parse(text, lang), str), text


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_the_field_shows_the_windows_form_of_what_was_typed(qtbot: QtBot, lang: str) -> None:
    from desktop.forms.date_field import DateField

    field = DateField(date(2023, 4, 1), lang=lang)
    qtbot.addWidget(field)
    field.show()
    assert field.text() == SHOWN[lang]
    field.setDate(QDate(2023, 12, 31))
    for text in WRITTEN:
        type_into(field, text)
        assert field.date() == QDate(2023, 4, 1) and field.problem() is None, text
        field.editingFinished.emit()  # the field is left: tidied to the window's form
        assert field.text() == SHOWN[lang], text
        field.setDate(QDate(2023, 12, 31))


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_an_impossible_era_date_is_an_error_on_its_field_and_a_real_one_is_kept(
    qtbot: QtBot, demo_db: Database, lang: str
) -> None:
    from desktop.forms.declared import DeclaredForm

    form = DeclaredForm(RecordKind.SUPPORT_CASE, demo_db, FY, lang=lang)
    qtbot.addWidget(form)
    form.show()
    start = form.editor("start_date")
    assert start.text() == SHOWN[lang]  # the year's first day, as the window writes it
    type_into(start, "R5.2.30")
    assert start.text() == "R5.2.30"  # kept as typed
    form.accept()
    assert form.result() != QDialog.DialogCode.Accepted
    errors = shown_errors(form)
    assert list(errors) == ["start_date"] and "R5.2.30" in errors["start_date"]
    assert "28" in errors["start_date"]
    for text in WRITTEN:
        type_into(start, "令和5年6月8日")
        assert shown_errors(form) == {}
        assert form.values().start_date == date(2023, 6, 8)  # the date itself, not the text
        assert form.era_span.isHidden()  # the fields show the era: no line repeats them
        type_into(start, text)
        assert form.values().start_date == date(2023, 4, 1), text


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_a_seminars_sessions_read_era_dates_and_refuse_a_day_that_is_not(
    qtbot: QtBot, demo_db: Database, lang: str
) -> None:
    from desktop.forms.date_field import DateField
    from desktop.forms.declared import DeclaredForm

    seminar = DeclaredForm(RecordKind.SEMINAR, demo_db, FY, lang=lang)
    qtbot.addWidget(seminar)
    seminar.show()
    (rows,) = seminar.rows.values()
    first = rows.table.cellWidget(0, 0)
    assert isinstance(first, DateField)
    type_into(first, "R5.13.1")
    seminar.accept()
    assert seminar.result() != QDialog.DialogCode.Accepted
    assert "13" in shown_errors(seminar)[rows.child.attr]
    type_into(first, "R5.11.18")
    assert first.date() == QDate(2023, 11, 18) and first.problem() is None
    assert rows.rows()[0].start_date == date(2023, 11, 18)


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_an_events_legs_show_each_date_whole_beside_its_calendar_button(
    qtbot: QtBot, demo_db: Database, lang: str
) -> None:
    """The legs' date columns were 128 px: 令和6年3月23日 ran under the calendar button."""
    from desktop.forms.declared import DeclaredForm

    event = DeclaredForm(RecordKind.EVENT_BOOTH, demo_db, FY, lang=lang)
    qtbot.addWidget(event)
    event.show()
    legs = event.editor("legs")
    for column in (0, 1):
        field = legs.widget(0, column)
        field.setDate(QDate(2023, 12, 31))
        text = field.fontMetrics().horizontalAdvance(field.text())
        assert field.minimumWidth() >= text + 40  # the text, the button, the margins
        assert legs.table.columnWidth(column) >= field.minimumWidth()


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_a_seminars_session_headings_are_whole(qtbot: QtBot, demo_db: Database, lang: str) -> None:
    """The sessions' "Approx" column was 44 px: its heading read "pprox"."""
    from desktop.forms.declared import DeclaredForm

    seminar = DeclaredForm(RecordKind.SEMINAR, demo_db, FY, lang=lang)
    qtbot.addWidget(seminar)
    seminar.show()
    (rows,) = seminar.rows.values()
    header = rows.table.horizontalHeader()
    for column in range(header.count()):
        assert header.sectionSize(column) >= header.sectionSizeFromContents(column).width()
