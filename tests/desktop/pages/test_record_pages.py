"""Event booths, newsletter issues and JETAA events through the real window and forms."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QDialog
from sqlalchemy import select

from db.read import rows as R
from db.schema.enums import JetaaKind, VenueMode
from db.schema.fiscal import fy_period
from db.schema.kinds import RecordKind
from db.schema.offices import OFFICES
from db.storage.models import EventBooth
from db.tally.tallies import OfficeTally, tally_fy
from desktop.forms.base import RecordForm
from desktop.forms.declared import DeclaredForm
from tests.support.widgets import cell_text, window_db

if TYPE_CHECKING:
    from PySide6.QtWidgets import QApplication
    from pytestqt.modeltest import ModelTester
    from pytestqt.qtbot import QtBot

    from db.storage.database import Database
    from desktop.pages.list_page import RecordPage
    from desktop.shell.app import MainWindow

pytestmark = pytest.mark.gui
FY = fy_period(2023)


@pytest.fixture
def window(qtbot: QtBot, demo_db: Database) -> MainWindow:
    from desktop.shell.app import MainWindow

    w = MainWindow(demo_db, "en")
    qtbot.addWidget(w)
    w.show()
    w.load_lists()
    return w


def _tally(window: MainWindow, office: str = "PAR") -> OfficeTally:
    with window_db(window).session() as s:
        return tally_fy(s, 2023).offices[office]


def _rows(page: RecordPage) -> list[Any]:
    return page.model.visible_rows()


@pytest.mark.parametrize("kind", ["events", "issues", "jetaa"])
def test_models_pass_qtmodeltester_before_and_after_filtering(
    qtmodeltester: ModelTester, window: MainWindow, kind: str
) -> None:
    page = getattr(window, kind)
    assert page.model.total > 5
    qtmodeltester.check(page.model)
    page.month.setCurrentIndex(page.month.findData(10))
    assert 0 < page.model.matching < page.model.total
    assert all(page.day_of(r).month == 10 for r in _rows(page))
    qtmodeltester.check(page.model)


def test_new_event_with_legs_and_local_governments_then_edit_delete_undo(
    window: MainWindow,
) -> None:
    page = window.events
    before = _tally(window)
    errors = []

    def fill(form: QDialog) -> bool:
        assert isinstance(form, DeclaredForm) and form.kind == page.kind
        form.office.setCurrentIndex(form.office.findData("PAR"))
        form.accept()  # no name yet: refused, said beside the field
        errors.append(form.errors["name"].text())
        form.editor("name").setText("サロン・デ・ヴァン 2023")
        legs = form.editor("legs")
        legs.widget(0, 0).setDate(QDate(2023, 11, 3))
        legs.widget(0, 1).setDate(QDate(2023, 11, 1))  # ends before it starts
        legs.widget(0, 2).setText("Lyon")
        country = legs.widget(0, 3)
        country.setCurrentIndex(country.findData("FR"))
        form.accept()
        errors.append(form.errors["legs"].text())
        legs.widget(0, 1).setDate(QDate(2023, 11, 5))
        row = legs.add()
        legs.widget(row, 2).setText("Bruxelles")
        legs.widget(row, 3).setEditText("Belgique du Nord")
        form.accept()
        errors.append(form.errors["legs"].text())
        legs.widget(row, 3).setEditText("Belgium")  # typed, not picked: matched by name
        form.editor("hosted").setChecked(True)
        towns = form.editor("municipalities")
        for name in ("富山県", "金沢市", "富山県"):  # the repeat is dropped
            towns.entry.setText(name)
            towns.add_typed()
        form.editor("visitors").setValue(1200)
        form.accept()
        return form.result() == QDialog.DialogCode.Accepted

    page.run_form = fill
    page.new_record()
    assert errors == [
        "Event is required",
        "Dates and places, row 1: the end date is before the start date",
        "No country is called “Belgique du Nord”: pick one from the list.",
    ]
    after = _tally(window)
    assert after.event_booths.events == before.event_booths.events + 1
    assert after.event_booths.hosted == before.event_booths.hosted + 1
    assert {"FR", "BE"} <= set(after.event_booths.countries)
    with window_db(window).session() as s:
        event = next(e for e in R.events(s, FY, "PAR") if e.name == "サロン・デ・ヴァン 2023")
    assert [(g.city, g.country) for g in event.legs] == [("Lyon", "FR"), ("Bruxelles", "BE")]
    assert event.legs[1].start_date == date(2023, 11, 5)  # a new leg starts where the last ended
    assert event.municipalities == ("富山県", "金沢市") and event.visitors == 1200
    # The dashboard's event figure for Paris changed with it.
    paris = [o.code for o in OFFICES].index("PAR")
    assert cell_text(window.table, paris, 5) == str(after.event_booths.events)

    page.search.setText("サロン")
    page.apply_filter()
    page.view.selectRow(0)
    assert page.selected_uuid() == event.sync.uuid

    def rename(form: QDialog) -> bool:
        assert isinstance(form, DeclaredForm) and form.kind == page.kind
        assert form.editor("municipalities").names() == ("富山県", "金沢市")
        form.editor("name").setText("Salon des Vins 2023")
        form.accept()
        return True

    page.run_form = rename
    page.edit_selected()
    with window_db(window).session() as s:
        names = {e.name for e in R.events(s, FY, "PAR")}
    assert "Salon des Vins 2023" in names and "サロン・デ・ヴァン 2023" not in names
    page.search.setText("Salon des Vins")
    page.apply_filter()
    page.view.selectRow(0)
    page.delete_selected()
    with window_db(window).session() as s:
        stored = s.execute(
            select(EventBooth).where(EventBooth.uuid == event.sync.uuid)
        ).scalar_one()
        assert stored.deleted is True
    assert _tally(window).event_booths.events == before.event_booths.events
    window.undo.undo()  # the delete
    assert _tally(window).event_booths.events == before.event_booths.events + 1
    window.undo.undo()  # the rename
    window.undo.undo()  # the creation
    assert _tally(window).event_booths.events == before.event_booths.events
    window.undo.redo()
    assert _tally(window).event_booths.events == before.event_booths.events + 1


def test_new_jetaa_event_with_sessions_and_a_refused_negative_count(window: MainWindow) -> None:
    page = window.jetaa
    before = _tally(window, "LON").jetaa_events

    def fill(form: QDialog) -> bool:
        assert isinstance(form, DeclaredForm) and form.kind == page.kind
        form.office.setCurrentIndex(form.office.findData("LON"))
        form.editor("name").setText("JETAA UK 交流会")
        kind = form.editor("kind")
        kind.setCurrentIndex(kind.findData(JetaaKind.RECEPTION.value))
        s = form.editor("sessions")
        s.widget(0, 0).setDate(QDate(2024, 2, 10))
        s.widget(0, 1).setDate(QDate(2024, 2, 10))
        s.widget(0, 3).setCurrentIndex(s.widget(0, 3).findData("GB"))
        row = s.add()
        s.widget(row, 3).setCurrentIndex(s.widget(row, 3).findData("IE"))
        s.widget(row, 5).setCurrentIndex(s.widget(row, 5).findData(VenueMode.ONLINE.value))
        form.editor("participants").setValue(35)
        form.accept()
        return form.result() == QDialog.DialogCode.Accepted

    page.run_form = fill
    page.new_record()
    after = _tally(window, "LON").jetaa_events
    assert after.events == before.events + 1
    assert {"GB", "IE"} <= set(after.countries)
    with window_db(window).session() as s:
        made = next(e for e in R.jetaa_events(s, FY, "LON") if e.name == "JETAA UK 交流会")
    assert [x.mode for x in made.sessions] == [VenueMode.IN_PERSON, VenueMode.ONLINE]
    assert made.participants == 35 and made.kind is JetaaKind.RECEPTION
    window.undo.undo()
    assert _tally(window, "LON").jetaa_events.events == before.events


def test_new_issue_of_a_new_newsletter_counts_and_undoes(window: MainWindow) -> None:
    page = window.issues
    before = _tally(window, "SYD").newsletter_issues

    def fill(form: QDialog) -> bool:
        assert isinstance(form, DeclaredForm) and form.kind == page.kind
        form.office.setCurrentIndex(form.office.findData("SYD"))
        form.editor("title").setCurrentText("")
        form.accept()
        assert form.errors["title"].text() == "Title is required"
        form.editor("title").setCurrentText("Sydney News 特別号")
        form.editor("number").setText("No. 12")
        form.editor("issue_date").setDate(QDate(2024, 3, 1))
        form.editor("languages").setText("en、ja")
        form.editor("reach").setValue(800)
        form.accept()
        return form.result() == QDialog.DialogCode.Accepted

    page.run_form = fill
    page.new_record()
    assert _tally(window, "SYD").newsletter_issues == before + 1
    found = [r for r in _rows(page) if r.title == "Sydney News 特別号"]
    assert len(found) == 1 and found[0].languages == ("en", "ja") and found[0].reach == 800
    window.undo.undo()
    assert _tally(window, "SYD").newsletter_issues == before


def test_figures_open_their_lists_filtered(qtbot: QtBot, window: MainWindow) -> None:
    paris = [o.code for o in OFFICES].index("PAR")
    with qtbot.waitSignal(window.dashboard.figure_opened):
        window.table.cellDoubleClicked.emit(paris, 6)  # Paris's hosted events
    assert window.pages.currentWidget() is window.events
    rows = _rows(window.events)
    assert rows and all(r.hosted and r.office_code == "PAR" for r in rows)
    assert len(rows) == _tally(window).event_booths.hosted
    with qtbot.waitSignal(window.dashboard.figure_opened):
        window.table.cellDoubleClicked.emit(paris, 9)
    assert window.pages.currentWidget() is window.jetaa
    assert len(_rows(window.jetaa)) == _tally(window).jetaa_events.events


def test_hidden_columns_are_remembered_for_the_next_window(
    qtbot: QtBot, window: MainWindow, demo_db: Database
) -> None:
    from desktop.pages.list_page import RecordPage

    window.events.show_column(3, False)
    menu = window.events.column_menu()
    assert [a.isChecked() for a in menu.actions()][3] is False
    again = RecordPage(RecordKind.EVENT_BOOTH, demo_db, "en")
    qtbot.addWidget(again)
    assert again.view.horizontalHeader().isSectionHidden(3)
    assert not again.view.horizontalHeader().isSectionHidden(2)
    again.show_column(3, True)


def test_country_filter_lists_the_countries_of_the_year(window: MainWindow) -> None:
    box = window.events.countries.box
    codes = [box.itemData(i) for i in range(1, box.count())]
    assert codes and len(codes) == len(set(codes))
    box.setCurrentIndex(box.findData(codes[0]))
    rows = _rows(window.events)
    assert rows and all(codes[0] in r.countries for r in rows)
    assert window.events.model.index(0, 0).data(Qt.ItemDataRole.DisplayRole)


def test_error_text_stays_readable_on_a_dark_theme(qapp: QApplication, demo_db: Database) -> None:
    from PySide6.QtGui import QColor, QPalette

    light = DeclaredForm("event_booth", demo_db, FY, None, "en")
    before = qapp.palette()
    dark = QPalette(before)
    dark.setColor(QPalette.ColorRole.Window, QColor("#202020"))
    dark.setColor(QPalette.ColorRole.WindowText, QColor("#eeeeee"))
    qapp.setPalette(dark)
    try:
        form = DeclaredForm("event_booth", demo_db, FY, None, "en")
    finally:
        qapp.setPalette(before)
    assert "#b3261e" in light.errors["name"].styleSheet()
    assert "#ff8a80" in form.errors["name"].styleSheet()  # a light red on a dark window


@pytest.mark.parametrize(("kind", "field", "widget"), [
    ("jetaa", "notes", "notes"), ("issues", "contents", "contents"),
])  # fmt: skip
def test_edit_and_delete_then_undo_both(
    window: MainWindow, kind: str, field: str, widget: str
) -> None:
    from db.records.edit import values_of

    page = getattr(window, kind)
    page.view.selectRow(0)
    uuid = page.selected_uuid()
    before, total = values_of(window_db(window), uuid, page.kind), page.model.total

    def change(form: QDialog) -> bool:
        assert isinstance(form, RecordForm)
        assert isinstance(form, DeclaredForm)
        form.editor(widget).setPlainText("書き換えた内容 / rewritten")
        form.accept()
        return form.result() == QDialog.DialogCode.Accepted

    page.run_form = change
    page.edit_selected()
    assert (
        getattr(values_of(window_db(window), uuid, page.kind), field)
        == "書き換えた内容 / rewritten"
    )
    page.search.setText("rewritten")
    page.apply_filter()
    page.view.selectRow(0)
    assert page.selected_uuid() == uuid
    page.delete_selected()
    assert page.model.total == total - 1
    window.undo.undo()
    window.undo.undo()
    assert page.model.total == total and values_of(window_db(window), uuid, page.kind) == before


def test_japanese_forms_show_the_era_of_the_dates(qtbot: QtBot, demo_db: Database) -> None:
    form = DeclaredForm("event_booth", demo_db, FY, None, "ja")
    legs = form.editor("legs")
    with qtbot.waitSignal(legs.changed):  # the form follows the legs' dates
        legs.widget(0, 0).setDate(QDate(2023, 11, 3))
    legs.widget(0, 1).setDate(QDate(2023, 11, 3))
    assert form.era_span.text() == "Dates: 令和5年11月3日"  # labelled (no translator here)
    row = legs.add()  # a second leg, the day after the first one ends
    legs.widget(row, 1).setDate(QDate(2024, 1, 8))
    assert form.era_span.text() == "Dates: 令和5年11月3日 〜 令和6年1月8日"
    assert form.warning.text() == ""
    legs.widget(0, 0).setDate(QDate(2022, 11, 3))
    assert form.warning.text() != ""  # before the fiscal year on screen: a warning
    english = DeclaredForm("event_booth", demo_db, FY, None, "en")
    assert english.era_span.isHidden()
