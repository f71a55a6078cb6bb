"""Filters you can see (issue #25, items 3 and 5): a figure opened from the Tallies page
shows its filters as chips above the list, the report's scope follows it, and a filter
with no match says so with a button to clear it."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from db.schema.offices import OFFICES

if TYPE_CHECKING:
    from pytestqt.qtbot import QtBot

    from db.storage.database import Database
    from desktop.shell.app import MainWindow

pytestmark = pytest.mark.gui


@pytest.fixture
def window(qtbot: QtBot, demo_db: Database) -> MainWindow:
    from desktop.shell.app import MainWindow

    w = MainWindow(demo_db, "ja")
    qtbot.addWidget(w)
    w.show()
    w.year.setValue(2023)
    w.load_lists()
    return w


def _row_of(window: MainWindow, code: str) -> int:
    return window.dashboard.offices.index(code)


def test_double_clicking_paris_shows_the_office_as_a_chip_and_the_scope_follows(
    window: MainWindow,
) -> None:
    window.dashboard.open_cell(_row_of(window, "PAR"), 0)  # Paris's counted cases
    page = window.cases
    assert window.pages.currentWidget() is page
    assert page.chips.isVisible() and "事務所: パリ" in page.chips.texts()
    assert window.office_box.currentData() == "PAR"  # 報告の対象 says パリ, not 全事務所
    shown = page.model.matching
    assert 0 < shown < page.model.total or page.office == "PAR"
    chip = next(c for c in page.chips.chips if "パリ" in c.text())
    chip.click()  # ✕: every office again
    assert page.office is None and "事務所: パリ" not in page.chips.texts()
    assert page.model.total > shown


def test_a_category_opened_from_a_figure_is_a_chip_too(window: MainWindow) -> None:
    window.dashboard.open_cell(_row_of(window, "SEL"), 2)  # Seoul's municipalities
    texts = window.cases.chips.texts()
    assert "市町村" in texts and any("ソウル" in t for t in texts)


def test_a_filter_with_no_match_says_so_and_clears(window: MainWindow) -> None:
    page = window.cases
    window.pages.setCurrentWidget(page)
    page.search.setText("存在しない依頼団体xyz")
    page.apply_filter()
    assert page.model.matching == 0
    assert page.body.currentIndex() == 1 and page.clear_button.isVisible()
    assert "No records match" in page.empty.text() or "一致" in page.empty.text()
    page.clear_button.click()
    assert page.search.text() == "" and page.body.currentIndex() == 0
    assert page.model.matching == page.model.total > 0


def test_an_empty_year_says_what_to_do(window: MainWindow) -> None:
    window.year.setValue(2031)  # nothing recorded yet
    page = window.cases
    window.pages.setCurrentWidget(page)
    assert page.model.total == 0 and page.body.currentIndex() == 1
    assert "Ctrl+N" in page.empty.text() and not page.clear_button.isVisible()


def test_every_office_is_named_in_the_chip(window: MainWindow) -> None:
    for o in OFFICES[:2]:
        window.dashboard.open_cell(_row_of(window, o.code), 5)  # events
        assert f"事務所: {o.name('ja')}" in window.events.chips.texts()


def test_an_empty_year_says_so_in_sentence_case_in_english(qtbot: QtBot, demo_db: Database) -> None:
    """Issue #25 asks for sentence case: the English read "No Support cases in FY2031
    yet" (the kind's title word, capitalised, mid-sentence); an acronym stays."""
    from desktop.shell.app import MainWindow

    window = MainWindow(demo_db, "en")
    qtbot.addWidget(window)
    window.year.setValue(2031)  # nothing recorded yet
    said: dict[str, str] = {}
    for kind in ("support_case", "jetaa_event"):
        page = window.page_of(kind)
        window.pages.setCurrentWidget(page)
        page.load(2031, None)
        said[kind] = page.empty.text()
    assert said["support_case"].startswith("No support cases in FY2031 yet")
    assert said["jetaa_event"].startswith("No JETAA events in FY2031 yet")
