"""Opening the database once the window has painted (the window is built from the
database's path first, so a person sees it at once and the figures a moment later).

The window calls :func:`open_after_first_paint`; :mod:`desktop.shell.startup` builds the
window. This module knows the window only by type, so neither imports the other in a
circle.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QTimer
from PySide6.QtWidgets import QMessageBox

if TYPE_CHECKING:  # SQLAlchemy loads after the window first paints
    from db.storage.database import Database
    from desktop.shell.window import MainWindow


def tr(text: str) -> str:
    return QCoreApplication.translate("MainWindow", text)  # the window's catalogue context


def open_after_first_paint(window: MainWindow) -> None:
    """Once the window has painted, on the background worker: the first figures and
    rows read through sqlite3 alone (:mod:`db.read.first_look`), then the database opened
    for work (SQLAlchemy, migrations); the GUI thread stays free to show the first as
    soon as they are read, and attaches the database when it is open."""
    window.first_painted.connect(lambda: QTimer.singleShot(0, lambda: _open(window)))


def _open(window: MainWindow) -> None:
    from desktop.kit.tasks import Task
    from desktop.pages.hooks import FIRST_ROWS  # the cases' page is made next, not before

    path, rows = window.db_path, FIRST_ROWS

    def look() -> object:
        from db.read.first_look import first_look

        return first_look(path, rows)

    def open_it() -> Database:
        from desktop.shell.safety import open_for_app  # the one writer, else read-only (#11)

        db = open_for_app(path, check="background")  # SQLite's check after the paint (#21)
        if db.gate is not None:
            db.gate.start()  # writes wait for it (desktop.shell.safety.watch, wait_for_check)
        return db

    Task(window, look).success(window.show_first_look).run()
    Task(window, open_it).success(lambda db: _attach(window, db)).failure(
        lambda exc: _refused(window, exc)).run()  # fmt: skip


def _attach(window: MainWindow, db: Database) -> None:
    window.dashboard.charts_wanted = True
    window.attach(db)  # the window has painted: this loads the lists and charts too


def _refused(window: MainWindow, exc: Exception) -> None:
    from db.storage.integrity import DatabaseDamaged

    if isinstance(exc, DatabaseDamaged):  # said in words, the newest good backup offered
        from desktop.shell import safety

        safety.damaged(window, exc)
        return
    from db.schema.errors import LedgerError

    said = exc.text(window.lang) if isinstance(exc, LedgerError) else str(exc)  # ja/en
    QMessageBox.critical(window, tr("Office Ledger"), said)
    window.close()
