"""The pages and forms of the office's other work (seminars, publications, media work,
cooking events, research requests, seconded staff) through the real window."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

import pytest
from PySide6.QtCore import QDate
from PySide6.QtWidgets import QDialog

from db.read import rows as R
from db.schema.enums import OfficeCode, SeminarKind, SessionMode
from db.schema.fiscal import fy_period
from db.schema.kinds import YEAR_KINDS, RecordKind
from db.tally.tallies import OfficeTally, tally_fy
from desktop.forms.declared import ChildRows, CodeChecks, DeclaredForm, OptionalDate
from tests.support.widgets import window_db

if TYPE_CHECKING:
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


def _page(window: MainWindow, kind: str) -> RecordPage:
    return window.page_of(kind)


def _tally(window: MainWindow, office: str) -> OfficeTally:
    with window_db(window).session() as s:
        return tally_fy(s, 2023).offices[office]


def _cell(rows: ChildRows, row: int, name: str) -> Any:
    column = [f.name for f in rows.fields].index(name)
    return rows.table.cellWidget(row, column)


# A word some of the demo year's records have in their searched text, and others not.
SOME = {"seminar": "氏", "publication": "フランス", "media_work": "神戸市",
        "cooking_event": "上海", "research_request": "海外", "seconded_staff": "市"}  # fmt: skip


@pytest.mark.slow
@pytest.mark.parametrize("kind", [str(k) for k in YEAR_KINDS])
def test_models_pass_qtmodeltester_before_and_after_filtering(
    qtmodeltester: ModelTester, window: MainWindow, kind: str
) -> None:
    page = _page(window, kind)
    assert page.model.total > 5
    qtmodeltester.check(page.model)
    page.search.setText(SOME[kind])
    page.apply_filter()
    assert 0 < page.model.matching < page.model.total
    qtmodeltester.check(page.model)
    page.search.setText("")
    page.month.setCurrentIndex(page.month.findData(3))
    march = date(2024, 3, 1), date(2024, 3, 31)  # the demo year's March
    if kind == RecordKind.SECONDED_STAFF:  # a roster: everyone there in March
        assert all(r.from_date <= march[1] and (r.to_date is None or r.to_date >= march[0])
                   for r in page.model.visible_rows())  # fmt: skip
        assert page.model.matching == page.model.total  # all on the roster from April
    else:
        assert all(page.day_of(r).month == 3 for r in page.model.visible_rows())
    qtmodeltester.check(page.model)


def test_the_seminar_kind_filter_keeps_that_kind(window: MainWindow) -> None:
    page = _page(window, RecordKind.SEMINAR)
    box = page.filters["kind"]
    box.setCurrentIndex(box.findData(SeminarKind.EXECUTIVE_EXCHANGE.value))
    shown = page.model.visible_rows()
    assert len(shown) == 7 and {r.kind for r in shown} == {SeminarKind.EXECUTIVE_EXCHANGE}


def test_a_new_seminar_with_two_sessions_counts_once_then_edit_delete_undo(
    window: MainWindow,
) -> None:
    page = _page(window, RecordKind.SEMINAR)
    before = _tally(window, "SYD").year.seminars
    errors: list[str] = []

    def fill(form: QDialog) -> bool:
        assert isinstance(form, DeclaredForm)
        form.office.setCurrentIndex(form.office.findData("SYD"))
        form.accept()  # no title: refused beside the field
        errors.append(form.errors["title"].text())
        title = form.editors["title"][1]
        title.setText("Japan Policy Forum")  # type: ignore[attr-defined]
        kind = form.editors["kind"][1]
        kind.setCurrentIndex(kind.findData(SeminarKind.POLICY_PR_ABROAD.value))  # type: ignore[attr-defined]
        sessions = form.rows["sessions"]
        _cell(sessions, 0, "start_date").setDate(QDate(2023, 9, 5))
        _cell(sessions, 0, "end_date").setDate(QDate(2023, 9, 4))  # ends before it starts
        form.accept()
        errors.append(form.errors["sessions"].text())
        _cell(sessions, 0, "end_date").setDate(QDate(2023, 9, 5))
        _cell(sessions, 0, "participants").setValue(40)
        _cell(sessions, 0, "country").setCurrentIndex(_cell(sessions, 0, "country").findData("AU"))
        row = sessions.add()
        assert _cell(sessions, row, "start_date").date() == QDate(2023, 9, 5)  # after the last
        _cell(sessions, row, "participants").setValue(25)
        mode = _cell(sessions, row, "mode")
        mode.setCurrentIndex(mode.findData(SessionMode.ONLINE.value))
        form.lists["hosts"].entry.setText("佐賀県")
        form.lists["hosts"].add_typed()
        form.accept()
        return form.result() == QDialog.DialogCode.Accepted

    page.run_form = fill
    page.new_record()
    assert errors == ["Title is required",
                      "Sessions, row 1: the end date is before the start date"]  # fmt: skip
    after = _tally(window, "SYD").year.seminars
    assert after.events == before.events + 1 and after.sessions == before.sessions + 2
    assert after.participants == before.participants + 65
    policy = after.of(SeminarKind.POLICY_PR_ABROAD)
    assert policy.events == before.of(SeminarKind.POLICY_PR_ABROAD).events + 1
    with window_db(window).session() as s:
        seminars = R.READERS[RecordKind.SEMINAR](s, FY, "SYD")
        made = next(x for x in seminars if x.title == "Japan Policy Forum")
    assert [(x.country, x.mode, x.participants) for x in made.sessions] == [
        ("AU", SessionMode.IN_PERSON, 40), (None, SessionMode.ONLINE, 25)]  # fmt: skip
    assert made.hosts == ("佐賀県",) and made.participants == 65

    page.search.setText("Japan Policy Forum")
    page.apply_filter()
    page.view.selectRow(0)

    def rename(form: QDialog) -> bool:
        assert isinstance(form, DeclaredForm)
        assert form.rows["sessions"].table.rowCount() == 2
        form.editors["title"][1].setText("Japan Policy Forum 2023")  # type: ignore[attr-defined]
        form.accept()
        return True

    page.run_form = rename
    page.edit_selected()
    page.search.setText("Japan Policy Forum 2023")
    page.apply_filter()
    assert page.model.matching == 1
    page.view.selectRow(0)
    page.delete_selected()
    assert _tally(window, "SYD").year.seminars.events == before.events
    window.undo.undo()  # the delete
    assert _tally(window, "SYD").year.seminars.events == before.events + 1
    window.undo.undo()  # the rename
    window.undo.undo()  # the creation
    assert _tally(window, "SYD").year.seminars == before


def test_a_research_request_names_the_offices_that_answered(window: MainWindow) -> None:
    page = _page(window, RecordKind.RESEARCH_REQUEST)
    before = {c: len(_tally(window, c).year.research_requests) for c in ("HQ", "LON")}

    def fill(form: QDialog) -> bool:
        assert isinstance(form, DeclaredForm)
        form.office.setCurrentIndex(form.office.findData("HQ"))
        form.editors["subject"][1].setText("諸外国の空き家対策")  # type: ignore[attr-defined]
        form.editors["requester"][1].setText("長野県")  # type: ignore[attr-defined]
        offices = form.editors["answering"][1]
        assert isinstance(offices, CodeChecks)
        offices.boxes[OfficeCode.LON].setChecked(True)
        offices.boxes[OfficeCode.SEL].setChecked(True)
        form.editors["asked_on"][1].setDate(QDate(2023, 6, 1))  # type: ignore[attr-defined]
        answered = form.editors["answered_on"][1]
        assert isinstance(answered, OptionalDate) and answered.value() is None
        answered.has.setChecked(True)
        answered.day.setDate(QDate(2023, 5, 1))  # before it was asked
        form.accept()
        assert form.errors["answered_on"].text() == "the end date is before the start date"
        answered.day.setDate(QDate(2023, 7, 15))
        form.accept()
        return form.result() == QDialog.DialogCode.Accepted

    page.run_form = fill
    page.new_record()
    with window_db(window).session() as s:
        requests = R.READERS[RecordKind.RESEARCH_REQUEST](s, FY)
        made = next(r for r in requests if r.requester == "長野県")
    assert made.answering == (OfficeCode.LON, OfficeCode.SEL)
    assert made.answered_on == date(2023, 7, 15)
    after = {c: len(_tally(window, c).year.research_requests) for c in ("HQ", "LON")}
    assert after == {"HQ": before["HQ"] + 1, "LON": before["LON"]}  # counted where kept


def test_a_seconded_member_of_staff_who_left_is_off_the_roster(window: MainWindow) -> None:
    page = _page(window, RecordKind.SECONDED_STAFF)
    before = _tally(window, "BEJ").year

    def fill(form: QDialog) -> bool:
        assert isinstance(form, DeclaredForm)
        form.office.setCurrentIndex(form.office.findData("BEJ"))
        form.editors["home"][1].setText("北海道ニセコ町")  # type: ignore[attr-defined]
        form.editors["from_date"][1].setDate(QDate(2022, 4, 1))  # type: ignore[attr-defined]
        left = form.editors["to_date"][1]
        assert isinstance(left, OptionalDate)
        left.has.setChecked(True)
        left.day.setDate(QDate(2023, 9, 30))  # left during the year
        form.accept()
        return form.result() == QDialog.DialogCode.Accepted

    page.run_form = fill
    page.new_record()
    after = _tally(window, "BEJ").year
    assert after.seconded_people == before.seconded_people  # not there on 2024-03-31
    # but on the year's list: there for half of it
    assert [r.home for r in page.model.visible_rows()].count("北海道ニセコ町") == 1
    # and in the months it was there, though it came a year earlier
    for month, there in ((4, 1), (9, 1), (10, 0), (3, 0)):
        page.month.setCurrentIndex(page.month.findData(month))
        page.apply_filter()
        assert [r.home for r in page.model.visible_rows()].count("北海道ニセコ町") == there


def test_double_clicking_a_figure_of_the_other_work_opens_its_list(window: MainWindow) -> None:
    from desktop.pages.tallies import YEAR_COLUMNS

    table = window.dashboard.year_table
    seoul = window.dashboard.offices.index("SEL")
    column = YEAR_COLUMNS.index("tally.media_local_governments")
    assert table.item(seoul, column).text() == "32"  # type: ignore[union-attr]
    table.cellDoubleClicked.emit(seoul, column)
    page = _page(window, RecordKind.MEDIA_WORK)
    assert window.pages.currentWidget() is page
    assert page.model.total == 3 and {r.office_code for r in page.model.visible_rows()} == {"SEL"}


def test_a_database_with_only_seminars_opens_at_their_year(tmp_path: Any) -> None:
    from db.read.lookups import latest_fiscal_year
    from db.records.edit import create
    from db.schema.kinds import SeminarRow, SeminarSessionRow
    from db.storage.database import open_database

    db = open_database(tmp_path / "only.sqlite3")
    day = date(2021, 11, 2)
    create(db, RecordKind.SEMINAR, SeminarRow(office_code="SIN", title="Webinar", sessions=(
        SeminarSessionRow(start_date=day, end_date=day),)))  # fmt: skip
    assert latest_fiscal_year(db) == 2021
    db.close()


def test_a_cooking_event_without_its_country_is_refused_in_words(window: MainWindow) -> None:
    page = _page(window, RecordKind.COOKING_EVENT)
    said: list[str] = []

    def fill(form: QDialog) -> bool:
        assert isinstance(form, DeclaredForm)
        form.accept()
        said.append(form.errors["country"].text())
        country = form.editors["country"][1]
        country.setEditText("Atlantis")  # type: ignore[attr-defined]
        form.accept()
        said.append(form.errors["country"].text())
        return False

    page.run_form = fill
    page.new_record()
    assert said == ["Country is required", "'Atlantis' is not an ISO country code"]
