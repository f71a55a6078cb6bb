"""Typed helpers for the GUI tests: Qt's optional results, narrowed with a clear failure."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from PySide6.QtCore import QCoreApplication
    from PySide6.QtWidgets import QTableWidget

    from db.database import Database
    from desktop.app import MainWindow


def cell_text(table: QTableWidget, row: int, column: int) -> str:
    item = table.item(row, column)
    assert item is not None, f"no cell at row {row}, column {column}"
    return item.text()


def window_db(window: MainWindow) -> Database:
    """The database of a window made on an open database (only a window started from a
    path has none, until it opens)."""
    assert window.db is not None
    return window.db


def remove_translators(app: QCoreApplication, translators: list[object]) -> None:
    from PySide6.QtCore import QTranslator

    for t in translators:
        assert isinstance(t, QTranslator)
        app.removeTranslator(t)
