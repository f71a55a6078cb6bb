"""The support-case table model: Qt's model rules, sorting by real values, filtering."""

from __future__ import annotations

from datetime import date
from operator import attrgetter
from typing import TYPE_CHECKING

import pytest
from PySide6.QtCore import Qt

from db.read import rows as R
from db.schema.enums import RequesterCategory
from db.schema.kinds import RecordKind
from desktop.models.lists import KindTableModel
from desktop.models.records import CHUNK, Equals, RecordRole, SortRole

if TYPE_CHECKING:
    from pytestqt.modeltest import ModelTester
    from pytestqt.qtbot import QtBot

    from db.storage.database import Database

pytestmark = pytest.mark.gui
COL_START, COL_REQUESTER, COL_COUNTED = (
    next(i for i, c in enumerate(KindTableModel(RecordKind.SUPPORT_CASE).columns) if c.key == key)
    for key in ("dates", "requester", "counted")
)


def CaseTableModel(lang: str) -> KindTableModel:  # noqa: N802 - reads as the class it makes
    return KindTableModel(RecordKind.SUPPORT_CASE, lang)


def _set_filter(model: KindTableModel, text: str, counted: bool | None = None,
                category: str | None = None) -> None:  # fmt: skip
    """The filter box's text and the counted and category drop-downs, as the page sets them."""
    pairs = (("counted", counted), ("requester_category", category))
    keeps = [Equals(attrgetter(name), value) for name, value in pairs if value is not None]
    model.set_filters(text, keeps)


@pytest.fixture
def demo_rows(demo_db: Database) -> list[R.CaseRow]:
    with demo_db.session() as s:
        return R.cases(s)


def test_model_passes_qtmodeltester(qtmodeltester: ModelTester, demo_rows: list[R.CaseRow]) -> None:
    model = CaseTableModel("ja")
    model.set_rows(demo_rows)
    qtmodeltester.check(model)
    _set_filter(model, "金沢")
    qtmodeltester.check(model)


def test_filter_is_case_and_width_blind_and_combines_with_the_other_filters(
    demo_rows: list[R.CaseRow],
) -> None:
    model = CaseTableModel("ja")
    model.set_rows(demo_rows)
    _set_filter(model, "金沢")
    found = [model.index(r, 0).data(RecordRole) for r in range(model.rowCount())]
    assert found and all("金沢" in (c.requester + c.summary) for c in found)
    assert model.matching == sum(1 for c in demo_rows if "金沢" in c.requester + c.summary)
    _set_filter(model, "ＪＥＴＲＯ")  # full-width query, half-width data
    assert model.matching == sum(1 for c in demo_rows if "JETRO" in c.requester)
    _set_filter(model, "", counted=False)
    assert model.matching == 87  # the demo year's enquiries
    _set_filter(model, "", counted=True, category=RequesterCategory.MUNICIPALITY.value)
    assert model.matching == 68


def test_sort_by_real_dates_not_display_text(demo_rows: list[R.CaseRow]) -> None:
    model = CaseTableModel("ja")
    model.set_rows(demo_rows)
    model.sort(COL_START, Qt.SortOrder.DescendingOrder)
    model.fetch_all()
    days = [model.index(r, COL_START).data(SortRole) for r in range(model.rowCount())]
    assert days == sorted(days, reverse=True)
    assert model.index(0, COL_START).data(RecordRole).start_date <= date(2024, 3, 31)
    model.sort(COL_REQUESTER)
    names = [model.index(r, COL_REQUESTER).data() for r in range(model.rowCount())]
    assert names == sorted(names)
    ticks = {model.index(r, COL_COUNTED).data(): model.index(r, 0).data(RecordRole).counted
             for r in range(model.rowCount())}  # fmt: skip
    assert ticks == {"✓": True, "": False}


def test_rows_arrive_in_chunks(demo_rows: list[R.CaseRow]) -> None:
    many = (demo_rows * (CHUNK // len(demo_rows) + 2))[: CHUNK + 10]
    model = CaseTableModel("en")
    model.set_rows(many)
    assert model.rowCount() == CHUNK and model.canFetchMore()
    model.fetchMore()
    assert model.rowCount() == CHUNK + 10 and not model.canFetchMore()


def test_cases_page_filters_as_you_type(qtbot: QtBot, demo_db: Database) -> None:
    from desktop.pages.list_page import RecordPage

    page = RecordPage(RecordKind.SUPPORT_CASE, demo_db, "ja")
    qtbot.addWidget(page)
    page.load(2023, "NYC")
    assert page.model.total == 62 and "62 of 62" in page.status.text()
    page.search.setText("東京都")  # QtTest cannot type non-ASCII keys; textChanged is the same
    qtbot.waitUntil(lambda: page.model.matching < 62)
    shown = [page.model.index(r, 0).data(RecordRole) for r in range(page.model.rowCount())]
    assert shown and all("東京都" in f"{c.requester}{c.summary}{c.staff}" for c in shown)
    page.filters["counted"].setCurrentIndex(page.filters["counted"].findData(False))
    assert "of 62" in page.status.text()


def test_list_rows_hold_what_the_full_rows_hold(demo_db: Database) -> None:
    from dataclasses import fields

    from db.schema.fiscal import fy_period

    with demo_db.session() as s:
        full = R.cases(s, fy_period(2023), "SIN")
        slim = R.case_list(s, fy_period(2023), "SIN")
    assert len(slim) == len(full) == 161  # 134 counted cases and 27 enquiries
    names = [f.name for f in fields(R.CaseListRow)]
    for a, b in zip(full, slim, strict=True):
        assert [getattr(a, n) for n in names] == [getattr(b, n) for n in names]
    assert any(len(r.types) > 1 for r in slim) and any(r.end_date for r in slim)
    same_day = [r for r in slim if r.start_date == slim[0].start_date]
    assert all(r.start_date is slim[0].start_date for r in same_day)  # shared, not copied
    with demo_db.session() as s:
        assert R.case_uuid(s, slim[5].id) == full[5].sync.uuid
