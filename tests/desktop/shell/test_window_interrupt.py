"""Ctrl-C in the terminal the window was started from (issue #19, desktop/shell/sigint.py):
a real SIGINT to the real ``office-ledger`` window closes it as Quit does, with one
line and status 130, no traceback, the database sound; an edited form asks first and,
kept, keeps the window open."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from PySide6.QtTest import QTest

from db.schema.fiscal import fy_period
from db.storage.integrity import check_file

if TYPE_CHECKING:
    from pytestqt.qtbot import QtBot

    from db.storage.database import Database

EXE = Path(sys.executable).parent / "office-ledger"
QT_NOISE = "This plugin does not support"  # the offscreen platform's own warnings


@pytest.mark.slow
@pytest.mark.skipif(sys.platform == "win32", reason="SIGINT to another process")
@pytest.mark.parametrize(("marker", "delay"), [("first-paint", 0.0), ("listed", 0.3)])
def test_ctrl_c_closes_the_real_window_as_quit_with_one_line(
    demo_path: Path, tmp_path: Path, marker: str, delay: float
) -> None:
    home = tmp_path / "home"
    home.mkdir(exist_ok=True)
    (home / "settings.json").write_text('{"office": "NYC", "language": "en"}', "utf-8")
    env = {**os.environ, "OFFICE_LEDGER_HOME": str(home), "QT_QPA_PLATFORM": "offscreen",
           "OFFICE_LEDGER_MARKERS": "1"}  # fmt: skip
    proc = subprocess.Popen([str(EXE), "--db", str(demo_path)], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, env=env)  # fmt: skip
    try:
        assert proc.stdout is not None
        for line in proc.stdout:  # the window's own markers: it is up, its loop running
            if line.startswith(marker):
                break
        time.sleep(delay)
        proc.send_signal(signal.SIGINT)
        _out, err = proc.communicate(timeout=60)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    said = [line for line in err.splitlines() if QT_NOISE not in line]
    assert "Traceback" not in err and proc.returncode == 130, (proc.returncode, err)
    assert len(said) == 1 and said[0].startswith("office-ledger: interrupted: "), err
    assert check_file(demo_path).ok
    with sqlite3.connect(demo_path) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)


@pytest.mark.gui
@pytest.mark.skipif(sys.platform == "win32", reason="os.kill(SIGINT) ends the process there")
def test_ctrl_c_with_an_edited_form_asks_and_keeping_it_keeps_the_window(
    qtbot: QtBot, demo_db: Database
) -> None:
    from PySide6.QtWidgets import QApplication

    from desktop.forms.declared import DeclaredForm
    from desktop.shell import sigint

    app = QApplication.instance()
    assert isinstance(app, QApplication)
    form = DeclaredForm("event_booth", demo_db, fy_period(2023), None, "en")
    qtbot.addWidget(form)
    asked: list[bool] = []
    answer = [False]

    def ask() -> bool:
        asked.append(True)
        return answer[0]

    form.ask_discard = ask  # type: ignore[method-assign]
    form.show()
    QTest.keyClicks(form.editor("name"), "Japan Expo")
    said: list[str] = []
    before = signal.getsignal(signal.SIGINT)
    ctrl_c = sigint.install(app, said.append)
    assert ctrl_c is not None
    try:
        os.kill(os.getpid(), signal.SIGINT)
        qtbot.waitUntil(lambda: len(said) == 1, timeout=5000)
        assert asked == [True] and form.isVisible() and form.editor("name").text() == "Japan Expo"
        assert "stays open" in said[0] and not ctrl_c.interrupted
        answer[0] = True  # the second Ctrl-C: the person discards
        os.kill(os.getpid(), signal.SIGINT)
        qtbot.waitUntil(lambda: len(said) == 2, timeout=5000)
        assert asked == [True, True] and not form.isVisible() and ctrl_c.interrupted
        assert said[1].startswith("office-ledger: interrupted: ")
    finally:
        ctrl_c.uninstall()
    assert signal.getsignal(signal.SIGINT) == before  # the handler it found is back
