"""Unexpected errors: one handler logs them and shows a crash dialog.

Known failures (:class:`db.schema.errors.LedgerError`) are shown where they happen, as a
message saying what to do. Anything else is a bug: ``install()`` routes it, from any
thread, to this handler, which writes the traceback to the rotating log in the data
folder and tells the user where it is. ``install(dialogs=False)`` (tests) only logs.
"""

from __future__ import annotations

import logging
import sys
import threading
import traceback
from logging.handlers import RotatingFileHandler
from pathlib import Path
from types import TracebackType

from PySide6.QtCore import QCoreApplication, QObject, Signal
from PySide6.QtWidgets import QApplication, QMessageBox

log = logging.getLogger("office_ledger.crash")


def tr(text: str) -> str:
    return QCoreApplication.translate("CrashHandler", text)


def setup_logging(folder: Path) -> Path:
    """A rotating log file (1 MiB × 5) in ``folder``; returns its path."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "office-ledger.log"
    handler = RotatingFileHandler(path, maxBytes=2**20, backupCount=5, encoding="utf-8")
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger("office_ledger")
    root.setLevel(logging.INFO)
    if not any(isinstance(h, RotatingFileHandler) for h in root.handlers):
        root.addHandler(handler)
    return path


class _Relay(QObject):
    crashed = Signal(str)


class CrashHandler:
    def __init__(self, log_path: Path, dialogs: bool = True) -> None:
        self.log_path = log_path
        self.dialogs = dialogs
        self.relay = _Relay()
        self.relay.crashed.connect(self._show)
        self.seen: list[str] = []

    def handle(self, kind: type[BaseException], value: BaseException,
               tb: TracebackType | None) -> None:  # fmt: skip
        text = "".join(traceback.format_exception(kind, value, tb))
        log.error("unexpected error\n%s", text)
        self.seen.append(text)
        self.relay.crashed.emit(f"{kind.__name__}: {value}")

    def _show(self, summary: str) -> None:
        if not self.dialogs or QApplication.instance() is None:
            return
        QMessageBox.critical(
            None, tr("Office Ledger: unexpected error"),
            tr("Something went wrong that Office Ledger did not expect:\n\n{summary}\n\n"
               "Your records are safe. The details are in {log}; please send that file to "
               "whoever looks after Office Ledger.").format(summary=summary, log=self.log_path),
        )  # fmt: skip


def install(log_path: Path, dialogs: bool = True) -> CrashHandler:
    """Route uncaught exceptions (main thread, other threads, Qt slots) to one handler."""
    handler = CrashHandler(log_path, dialogs)
    sys.excepthook = handler.handle
    threading.excepthook = lambda args: handler.handle(
        args.exc_type, args.exc_value or args.exc_type(), args.exc_traceback)  # fmt: skip
    return handler
