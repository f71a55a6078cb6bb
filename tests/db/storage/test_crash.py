"""Unexpected errors reach one handler and the rotating log; known ones do not."""

from __future__ import annotations

import logging
import sys
import threading
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from pathlib import Path

    from PySide6.QtWidgets import QApplication

pytestmark = pytest.mark.gui


def test_uncaught_errors_are_logged_with_their_traceback(
    qapp: QApplication, tmp_path: Path
) -> None:
    from desktop.kit.crash import install, setup_logging

    log_path = setup_logging(tmp_path / "logs")
    previous = sys.excepthook, threading.excepthook
    handler = install(log_path, dialogs=False)
    try:
        try:
            raise RuntimeError("boom in the main thread")
        except RuntimeError:
            sys.excepthook(*sys.exc_info())  # what Python does with an uncaught error

        def worker() -> None:
            raise ValueError("boom in a worker")

        thread = threading.Thread(target=worker)
        thread.start()
        thread.join()
    finally:
        sys.excepthook, threading.excepthook = previous
        root = logging.getLogger("office_ledger")
        for h in list(root.handlers):
            h.flush()
            h.close()
            root.removeHandler(h)
    text = log_path.read_text(encoding="utf-8")
    assert "RuntimeError: boom in the main thread" in text and "Traceback" in text
    assert "ValueError: boom in a worker" in text
    assert len(handler.seen) == 2
