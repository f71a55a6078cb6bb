"""The background helper on a real worker thread: results, failures, progress, cancel."""

from __future__ import annotations

import threading
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from db.schema.errors import LedgerError
from desktop.kit.tasks import Task

if TYPE_CHECKING:
    from collections.abc import Iterator

    from pytestqt.qtbot import QtBot

    from db.storage.database import Database

pytestmark = pytest.mark.gui


@pytest.fixture
def threaded() -> Iterator[None]:
    before = Task.synchronous
    Task.synchronous = False  # gui tests run tasks in place; these need the thread
    yield
    Task.synchronous = before


def test_work_runs_off_the_gui_thread_and_reports_back(qtbot: QtBot, threaded: None) -> None:
    seen: list[object] = []
    Task(None, lambda: threading.current_thread().name).success(seen.append).run()
    qtbot.waitUntil(lambda: bool(seen))
    assert seen[0] != threading.current_thread().name


def test_known_failures_go_to_the_failure_callback(qtbot: QtBot, threaded: None) -> None:
    failed: list[LedgerError] = []

    def work() -> None:
        raise LedgerError("the file is locked")

    Task(None, work).success(lambda _r: pytest.fail("no result")).failure(failed.append).run()
    qtbot.waitUntil(lambda: bool(failed))
    assert str(failed[0]) == "the file is locked"


def test_cancel_drops_the_result_and_discards_what_it_made(
    qtbot: QtBot, threaded: None, tmp_path: Path
) -> None:
    from PySide6.QtWidgets import QWidget

    window = QWidget()
    qtbot.addWidget(window)
    window.show()
    release = threading.Event()
    made = tmp_path / "made.pdf"

    def work() -> Path:
        release.wait(5)
        made.write_text("pdf")
        return made

    got: list[Path] = []
    cancelled: list[bool] = []
    discarded: list[Path] = []

    def discard(path: Path) -> None:
        discarded.append(path)
        path.unlink()

    task = Task(window, work).busy("Making…", cancel=lambda: cancelled.append(True))
    task.discard(discard)
    task.success(got.append).run()
    qtbot.waitUntil(lambda: task.dialog is not None and task.dialog.isVisible(), timeout=3000)
    from PySide6.QtWidgets import QPushButton

    button = task.dialog.findChild(QPushButton)
    assert button.text() == "Cancel"
    button.click()
    assert cancelled == [True] and task.dialog is None
    release.set()
    qtbot.waitUntil(lambda: bool(discarded))
    assert got == [] and not made.exists()


@pytest.mark.slow
def test_a_cancelled_summary_leaves_no_file(
    qtbot: QtBot, demo_db: Database, threaded: None, tmp_path: Path
) -> None:
    from desktop.shell.app import MainWindow

    window = MainWindow(demo_db)
    qtbot.addWidget(window)
    shown: list[Path] = []
    target = tmp_path / "summary.pdf"
    task = window.files.make_summary(target, shown.append)
    task.cancel()
    qtbot.wait(50)
    Task.pool().waitForDone(30_000)
    qtbot.wait(50)
    assert shown == [] and not target.exists()
    done = window.files.make_summary(target, shown.append)
    Task.pool().waitForDone(30_000)
    qtbot.waitUntil(lambda: shown == [target])
    assert target.read_bytes().startswith(b"%PDF") and done.dialog is None
