"""The foundation's main window shows the tallies of the newest fiscal year."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.gui


def test_main_window_shows_the_demo_years_tallies(qtbot, demo_db) -> None:  # type: ignore[no-untyped-def]
    from desktop.app import MainWindow

    window = MainWindow(demo_db)
    qtbot.addWidget(window)
    window.show()
    assert window.year.value() == 2023
    assert window.year_label.text() == "令和5年度"
    last = window.table.rowCount() - 1
    assert window.table.item(last, 0).text() == "435"
    assert window.table.item(0, 0).text() == "52"  # New York
    assert window.table.item(last, 7).text() == "21"  # event countries
    assert "435" in window.statusBar().currentMessage()


def test_changing_the_year_refreshes_the_table(qtbot, demo_db) -> None:  # type: ignore[no-untyped-def]
    from desktop.app import MainWindow

    window = MainWindow(demo_db)
    qtbot.addWidget(window)
    window.year.setValue(2024)
    assert window.year_label.text() == "令和6年度"
    last = window.table.rowCount() - 1
    assert window.table.item(last, 0).text() == "0"
