"""The window while SQLite's check runs in the background (issue #21): a save tried
sooner waits under "Checking the database…" and then is written; when the check finds
damage, nothing is written, the save is refused in words and the damage explained."""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox, QProgressDialog

from db.storage import check_gate, integrity
from db.storage.database import Database, open_database
from db.storage.integrity import DatabaseDamaged
from tests.support.factories import a_case
from tests.support.safety_help import damaged_copies, dump

if TYPE_CHECKING:
    from pytestqt.qtbot import QtBot

pytestmark = pytest.mark.gui


@pytest.fixture
def held(demo_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[threading.Event]:
    """The demo copy counts as large, and its background check waits for the event."""
    open_database(demo_path).close()  # settled where it lies (no device-id write at open)
    monkeypatch.setattr(check_gate, "SMALL", 0)
    go = threading.Event()

    def slow_check(path: Path, *, immutable: bool = False) -> None:
        go.wait(30)
        integrity.quick_check(path, immutable=immutable)

    monkeypatch.setattr(check_gate, "quick_check", slow_check)
    yield go
    go.set()


def _open(path: Path) -> Database:
    from desktop.shell.safety import open_for_app

    db = open_for_app(path, check="background")
    assert db.gate is not None and db.gate.state == "unchecked"
    db.gate.start()
    return db


def _window(qtbot: QtBot, db: Database):  # type: ignore[no-untyped-def]
    from desktop.shell.app import MainWindow

    window = MainWindow(db, "en")
    qtbot.addWidget(window)
    window.show()
    return window


def _when_checking(seen: list[str], then: threading.Event) -> None:
    """When "Checking the database…" shows: note its words, let the check go on."""

    def look() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, QProgressDialog):
            QTimer.singleShot(20, look)
            return
        seen.append(dialog.labelText())
        then.set()

    QTimer.singleShot(0, look)


def test_a_save_before_the_check_ends_waits_under_checking_and_is_written(
    qtbot: QtBot, demo_path: Path, held: threading.Event
) -> None:
    from desktop.pages.commands import CreateRecord

    db = _open(demo_path)
    try:
        window = _window(qtbot, db)
        cases = len(dump(demo_path)["support_case"])
        seen: list[str] = []
        _when_checking(seen, held)
        window.undo.push(CreateRecord(db, "support_case", a_case(), window.undo))
        assert seen == ["Checking the database…"]
        assert db.gate is not None and db.gate.state == "sound"
        assert window.undo.count() == 1
        assert len(dump(demo_path)["support_case"]) == cases + 1
    finally:
        db.close()


def test_a_save_waits_for_a_check_that_finds_damage_and_nothing_is_written(
    qtbot: QtBot, demo_path: Path, tmp_path: Path, held: threading.Event,
    monkeypatch: pytest.MonkeyPatch,
) -> None:  # fmt: skip
    from desktop.pages.commands import CreateRecord
    from desktop.shell import safety

    (copy,) = damaged_copies(demo_path, tmp_path, 1)
    with open(demo_path, "r+b") as fh:  # in place: the database keeps its place
        fh.write(copy.read_bytes())
    before = demo_path.read_bytes()
    explained: list[str] = []
    monkeypatch.setattr(safety, "damaged", lambda _w, exc: explained.append(str(exc)))
    refused: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text: refused.append(text))
    db = _open(demo_path)
    try:
        window = _window(qtbot, db)
        seen: list[str] = []
        _when_checking(seen, held)
        window.undo.push(CreateRecord(db, "support_case", a_case(), window.undo))
        assert seen == ["Checking the database…"]
        assert refused == ["The database is damaged; nothing was saved."]
        assert window.undo.count() == 0
        qtbot.waitUntil(lambda: bool(explained), timeout=5000)  # the window's watch
        assert "damaged" in explained[0]
    finally:
        db.close()
    conn = sqlite3.connect(f"{demo_path.as_uri()}?mode=ro", uri=True)
    conn.close()
    assert demo_path.read_bytes() == before


def test_the_daily_full_check_finds_damage_while_the_app_is_open(
    qtbot: QtBot, demo_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Sound at open; a day later the full integrity_check runs in the background, finds
    what happened to the file since, refuses every write and explains it."""
    from desktop.shell import safety
    from desktop.shell.safety import DAY, daily_check

    db = open_database(demo_path, writer="Office Ledger app")
    explained: list[str] = []
    monkeypatch.setattr(safety, "damaged", lambda _w, exc: explained.append(str(exc)))
    try:
        window = _window(qtbot, db)
        gate = db.gate
        assert gate is not None and gate.state == "sound"
        now = gate.opened_at + 60
        assert not daily_check(window, now)  # checked at open: not again the same day
        (copy,) = damaged_copies(demo_path, tmp_path, 1)
        with open(demo_path, "r+b") as fh:
            fh.write(copy.read_bytes())
        assert daily_check(window, gate.opened_at + DAY + 1)
        qtbot.waitUntil(lambda: bool(explained), timeout=20000)
        assert gate.state == "damaged" and "damaged" in explained[0]
        with pytest.raises(DatabaseDamaged):
            gate.before_write("UPDATE app_meta SET value = value")
    finally:
        db.close()
