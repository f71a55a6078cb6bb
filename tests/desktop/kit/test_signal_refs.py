"""PySide6 6.12's ``emit()`` gave back ``True`` without a reference of its own: each
emit from Python took one of ``True``'s references away until Python freed it and
aborted (exit code 134 after ``scripts/screenshots.py``). desktop.kit.signal_refs mends it."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

from PySide6.QtCore import QObject, Signal

import desktop  # noqa: F401 - importing the package mends emit()

ROOT = Path(__file__).resolve().parents[3]


class _Sender(QObject):
    nothing = Signal()
    flag = Signal(bool)
    thing = Signal(object)


def test_emitting_keeps_the_references_of_true_and_false() -> None:
    sender = _Sender()
    got: list[object] = []
    sender.flag.connect(got.append)
    sender.thing.connect(got.append)
    true, false = sys.getrefcount(True), sys.getrefcount(False)
    for _ in range(500):
        sender.nothing.emit()
        sender.flag.emit(True)
        sender.thing.emit(False)
    got.clear()
    assert (sys.getrefcount(True), sys.getrefcount(False)) == (true, false)


def test_a_process_that_emits_many_signals_ends_without_aborting() -> None:
    """More emits than ``True`` has references, then a normal exit (134 before)."""
    script = textwrap.dedent(
        """
        import sys
        import desktop
        from PySide6.QtCore import QObject, Signal

        class Sender(QObject):
            nothing = Signal()

        sender = Sender()
        for _ in range(sys.getrefcount(True) + 20000):
            sender.nothing.emit()
        print("done")
        """
    )
    run = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True,
                         text=True, timeout=120)  # fmt: skip
    assert run.returncode == 0, run.stderr[-2000:]
    assert run.stdout.strip() == "done"
