"""Start-up markers for benchmarks: wall-clock times the app prints when asked.

With ``OFFICE_LEDGER_MARKERS`` set, the real app (``office-ledger --db DB``) prints one
line per moment a person sees something new, ``<name> <time.time()>``: ``first-paint``
(the window), ``tallies`` (the tallies table painted with figures), ``rows`` (the first
rows of the support-case list in its model, ready to draw), ``charts`` (the charts
painted), ``listed`` (every case in the list). Set to ``quit``, the app then prints
``rss_kib`` (its own peak resident memory) and quits once all of them have been seen:
``bench/bench_startup.py`` times the real entry point from outside the process this way.
Unset (as for every user), nothing here does anything.
"""

from __future__ import annotations

import os
import sys
import time

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QWidget

ENV = "OFFICE_LEDGER_MARKERS"
ALL = ("first-paint", "tallies", "rows", "charts", "listed")
_seen: set[str] = set()


def enabled() -> bool:
    return bool(os.environ.get(ENV))


def mark(name: str) -> None:
    """Print ``name`` and the time once (only with :data:`ENV` set)."""
    if not enabled() or name in _seen:
        return
    _seen.add(name)
    print(f"{name} {time.time():.6f}", flush=True)
    if os.environ.get(ENV) == "quit" and _seen.issuperset(ALL):
        print(f"rss_kib {peak_kib()}", flush=True)
        app = QApplication.instance()
        if app is not None:
            QTimer.singleShot(0, app.quit)


def peak_kib() -> int:
    """This process's own peak resident memory (VmHWM; ``ru_maxrss`` on Linux would count
    the process it was forked from too)."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            return next(int(line.split()[1]) for line in status if line.startswith("VmHWM"))
    except (OSError, StopIteration):
        if sys.platform == "win32":  # no resource module there (mypy --platform win32)
            return 0
        import resource

        scale = 1 if sys.platform != "darwin" else 1024  # macOS gives bytes
        return int(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // scale)


class _NextPaint(QObject):
    def __init__(self, widget: QWidget, name: str) -> None:
        super().__init__(widget)
        self.name = name
        widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if event.type() == QEvent.Type.Paint:
            watched.removeEventFilter(self)
            QTimer.singleShot(0, lambda: mark(self.name))  # once the paint has finished
        return False


def mark_next_paint(widget: QWidget, name: str) -> None:
    """Mark ``name`` when ``widget`` next paints (what it shows is on screen then)."""
    if enabled() and name not in _seen:
        _NextPaint(widget, name)
        widget.update()
