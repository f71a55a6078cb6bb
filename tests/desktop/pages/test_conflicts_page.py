"""The Conflicts view: a conflict made on two databases, settled by a person in the
window, and gone from both after the next exchange (and the models pass qtmodeltester)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from PySide6.QtCore import Qt

from tests.support.conflict_setup import conflicted

if TYPE_CHECKING:
    from pytestqt.modeltest import ModelTester
    from pytestqt.qtbot import QtBot

    from desktop.pages.conflicts import ConflictsPage

pytestmark = pytest.mark.gui


def _page(qtbot: QtBot, db: object, lang: str = "en") -> ConflictsPage:
    from desktop.pages.conflicts import ConflictsPage

    page = ConflictsPage(db, lang)  # type: ignore[arg-type]
    qtbot.addWidget(page)
    page.resize(1000, 600)
    page.show()
    return page


def _texts(page: ConflictsPage) -> list[list[str]]:
    m = page.sides
    return [[str(m.index(r, c).data()) for c in range(m.columnCount())]
            for r in range(m.rowCount())]  # fmt: skip


def test_keeping_theirs_in_the_view_settles_the_conflict_on_both_databases(
    qtbot: QtBot, qtmodeltester: ModelTester, tmp_path: Path
) -> None:
    pair = conflicted(tmp_path)
    page = _page(qtbot, pair.a)
    qtmodeltester.check(page.conflicts)
    qtmodeltester.check(page.sides)
    assert page.conflicts.rowCount() == 1 and page.stack.currentIndex() == 1
    row = [page.conflicts.index(0, c).data() for c in range(page.conflicts.columnCount())]
    assert row[1:4] == ["support case", "東京都 (2023-06-01)", "Summary, Staff"]
    assert row[4].startswith("NYC laptop A (this laptop), ")
    assert row[5].startswith("NYC laptop B (New York), ")
    assert _texts(page)[0] == ["Made on", "NYC laptop A (this laptop)", "NYC laptop B (New York)"]
    assert _texts(page)[2:] == [["Summary", "A's summary", "B's summary"], ["Staff", "Aoki", ""]]
    counted: list[int] = []
    page.counted.connect(counted.append)
    with qtbot.waitSignal(page.settled):
        page.keep_theirs.click()
    assert counted[-1] == 0 and page.stack.currentIndex() == 0  # the empty state says why
    assert "No conflicts wait" in page.empty.text()
    assert pair.summary(pair.a) == "B's summary"
    other = _page(qtbot, pair.b)
    assert other.conflicts.rowCount() == 1  # B has not imported the settled version yet
    pair.exchange()
    other.load()
    assert other.conflicts.rowCount() == 0 and pair.summary(pair.b) == "B's summary"
    for db in (pair.a, pair.b):
        with db.session() as s:
            from sqlalchemy import select

            from db.storage.models import Conflict

            assert [c.resolved for c in s.execute(select(Conflict)).scalars()] == [True]
    pair.close()


def test_ticking_fields_keeps_a_merged_version(
    qtbot: QtBot, qtmodeltester: ModelTester, tmp_path: Path
) -> None:
    pair = conflicted(tmp_path)
    page = _page(qtbot, pair.b, "ja")
    summary = page.sides.index(2, 2)  # B's page: mine is B's; take A's summary, keep B's staff
    page.table.clicked.emit(summary)
    assert summary.data(Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Checked
    assert page.sides.index(2, 1).data(Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Unchecked
    qtmodeltester.check(page.sides)
    with qtbot.waitSignal(page.settled):
        page.keep_merged.click()
    pair.exchange()
    for db in (pair.a, pair.b):
        with db.session() as s:
            from sqlalchemy import select

            from db.storage.models import SupportCase

            found = s.execute(select(SupportCase).where(SupportCase.uuid == pair.uuid)).scalar_one()
            assert (found.summary, found.staff) == ("A's summary", "")
    pair.close()


def test_the_window_says_how_many_conflicts_wait_and_opens_them(
    qtbot: QtBot, tmp_path: Path
) -> None:
    from desktop.shell.app import MainWindow

    pair = conflicted(tmp_path)
    window = MainWindow(pair.a, "en")
    qtbot.addWidget(window)
    window.show()
    at = window.pages.indexOf(window.conflicts)
    assert window.pages.tabText(at) == "Conflicts (1)"
    for banner in (window.dashboard.conflicts, window.sync.conflicts):
        assert not banner.isHidden()
        assert "Conflicts waiting for your decision: 1." in banner.text()
    window.dashboard.conflicts.button.click()
    assert window.pages.currentWidget() is window.conflicts
    with qtbot.waitSignal(window.conflicts.settled):
        window.conflicts.resolve("mine")
    assert window.pages.tabText(at) == "Conflicts"
    assert window.dashboard.conflicts.isHidden() and window.sync.conflicts.isHidden()
    pair.close()
