"""The window's pages are made when first wanted (#21): the first paint makes only the
tallies and the tab bar; choosing a tab, or anything that reaches a page, makes it; and
every tab is in sight on a 1366 px laptop, in Japanese and in English."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest
from PySide6.QtWidgets import QStyle, QWidget

from tests.support.widgets import remove_translators

if TYPE_CHECKING:
    from pathlib import Path

    from PySide6.QtWidgets import QApplication
    from pytestqt.qtbot import QtBot

    from db.storage.database import Database

pytestmark = pytest.mark.gui


def _pages(window: QWidget) -> list[str]:
    """The pages (lists, sync, conflicts) that exist in ``window``, by class name."""
    from desktop.pages.conflicts import ConflictsPage
    from desktop.pages.list_page import RecordPage
    from desktop.pages.sync import SyncPage

    found: list[QWidget] = [*window.findChildren(RecordPage), *window.findChildren(SyncPage),
                            *window.findChildren(ConflictsPage)]  # fmt: skip
    return sorted(type(p).__name__ for p in found)


def test_the_first_paint_makes_only_the_tallies_and_a_tab_makes_its_page(
    qtbot: QtBot, demo_db: Database
) -> None:
    from desktop.shell.app import MainWindow

    window = MainWindow(demo_db, "en")
    qtbot.addWidget(window)
    at_paint: list[list[str]] = []
    window.first_painted.connect(lambda: at_paint.append(_pages(window)))
    window.show()
    qtbot.waitUntil(lambda: bool(at_paint))
    assert at_paint == [[]]  # the tallies only: no list, sync nor conflicts page yet
    assert window.pages.currentWidget() is window.dashboard
    # Right after: the support cases (the first look fills them), with the year's rows
    qtbot.waitUntil(lambda: window.pages.made("support_case") is not None)
    qtbot.waitUntil(lambda: window.cases.model.total == 522)
    from desktop.pages.list_page import RecordPage

    assert window.findChildren(RecordPage) == [window.cases]  # no other list yet
    # Choosing the JETAA tab makes its page, in the tab's place, with the year's records
    at = window.pages.index_of("jetaa_event")
    title = window.pages.tabText(at)
    window.pages.tabBar().setCurrentIndex(at)
    jetaa = window.pages.made("jetaa_event")
    assert jetaa is not None and window.pages.currentWidget() is jetaa
    assert window.pages.indexOf(jetaa) == at and window.pages.tabText(at) == title
    assert window.pages.count() == len(window.pages.keys())
    qtbot.waitUntil(lambda: jetaa.model.rowCount() > 0)  # type: ignore[attr-defined]
    assert jetaa.fy == 2023  # type: ignore[attr-defined]
    # Reaching a page from elsewhere (Ctrl+N's kind, a drop, search) makes it too
    window.choose_kind = lambda: "seminar"  # type: ignore[method-assign]
    shown: list[str] = []
    seminars = window.page_of("seminar")
    seminars.new_record = lambda: shown.append("new")  # type: ignore[method-assign]
    window.pages.setCurrentIndex(0)
    window.new()
    assert shown == ["new"] and window.pages.currentWidget() is seminars
    # made after the figures once the database is attached (it retries the outbox)
    qtbot.waitUntil(lambda: window.pages.made("sync") is not None)
    # A click on a tab (as a person chooses it) makes its page and shows it
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest

    at = window.pages.index_of("publication")
    bar = window.pages.tabBar()
    assert window.pages.made("publication") is None  # never chosen, never made
    QTest.mouseClick(bar, Qt.MouseButton.LeftButton, pos=bar.tabRect(at).center())
    publications = window.pages.made("publication")
    assert publications is not None and window.pages.currentWidget() is publications
    assert bar.currentIndex() == at


def test_a_conflict_count_reaches_the_tab_without_making_the_conflicts_page(
    qtbot: QtBot, demo_db: Database
) -> None:
    from desktop.shell.app import MainWindow

    window = MainWindow(demo_db, "en")
    qtbot.addWidget(window)
    window._conflicts_counted(3)
    assert window.pages.made("conflicts") is None
    assert window.pages.tabText(window.pages.index_of("conflicts")) == "Conflicts (3)"
    window.open_conflicts()
    assert window.pages.currentWidget() is window.pages.made("conflicts") is not None


@pytest.mark.parametrize("lang", ["ja", "en"])
@pytest.mark.parametrize("width", [1280, 1366])
def test_every_tab_is_in_sight_on_a_laptop_screen(
    qapp: QApplication, qtbot: QtBot, demo_db: Database, tmp_path: Path, lang: str, width: int
) -> None:
    """On a 1366×768 screen (the window opens 1280 px wide there, or is maximised),
    no tab hides behind scroll arrows and no title is cut short, with conflicts waiting."""
    from desktop.kit import i18n
    from desktop.shell.app import MainWindow

    translators = i18n.install(qapp, lang, tmp_path) if lang == "ja" else []
    try:
        window = MainWindow(demo_db, lang)
        qtbot.addWidget(window)
        window._conflicts_counted(12)
        window.resize(width, 740)
        window.show()
        qtbot.waitExposed(window)
        bar = window.pages.tabBar()
        assert bar.count() == 13
        for at in range(bar.count()):
            place = bar.tabRect(at)
            assert bar.rect().contains(place), f"{bar.tabText(at)!r} is out of sight"
            whole = bar.fontMetrics().horizontalAdvance(bar.tabText(at))
            padding = bar.style().pixelMetric(QStyle.PixelMetric.PM_TabBarTabHSpace, None, bar)
            assert place.width() - padding >= whole, f"{bar.tabText(at)!r} is cut short"
    finally:
        remove_translators(qapp, translators)


def test_a_page_whose_making_failed_is_made_when_asked_again(qtbot: QtBot) -> None:
    """A page's maker that fails (the server gone while the conflicts load) left its tab
    a blank stand-in for good, and the next ask raised KeyError (the crash handler):
    the maker stays until it has made the page."""
    from desktop.shell.tabs import LazyTabs

    tabs = LazyTabs()
    qtbot.addWidget(tabs)
    tabs.add_page("first", QWidget(), "First")
    tries: list[int] = []

    def make() -> QWidget:
        tries.append(1)
        if len(tries) == 1:
            raise ConnectionError("server gone")
        return QWidget()

    tabs.add_later("second", "Second", make)
    with pytest.raises(ConnectionError):
        tabs.page("second")
    assert tabs.made("second") is None
    page = tabs.page("second")  # the server is back
    assert tabs.made("second") is page and tabs.widget(1) is page and len(tries) == 2
