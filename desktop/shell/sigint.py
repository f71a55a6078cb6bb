"""Ctrl-C in the terminal the window was started from (issue #19): the window closes
as it does on Quit, one line says so, and the process ends with status 130.

While Qt's event loop runs, Python's own SIGINT handler only runs when some Python
code does, which may be never (an idle window) or inside any slot (a
``KeyboardInterrupt`` traceback, or the crash dialog). So the signal wakes the loop:
:func:`signal.set_wakeup_fd` writes a byte into a socket a :class:`QSocketNotifier`
watches, and the handler itself only notes the signal. The loop then asks every
window to close, as Quit does, the one in front first and the main window last: the
backup on close is taken, an edited form asks "Discard changes?" and, if the person keeps
editing, the window stays open and the line says why. Nothing is lost either way.
Signals that come while the windows are being closed are ignored.
"""

from __future__ import annotations

import contextlib
import signal
import socket
import sys
import threading
from collections.abc import Callable
from types import FrameType

from PySide6.QtCore import QObject, QSocketNotifier, QTimer
from PySide6.QtWidgets import QApplication, QMainWindow

EXIT_INTERRUPTED = 128 + 2  # what a shell reports for a process ended by SIGINT


class CtrlC(QObject):
    """Installed for the event loop's run (:func:`install`); ``interrupted`` once a
    Ctrl-C closed the windows."""

    def __init__(self, app: QApplication, say: Callable[[str], None]) -> None:
        super().__init__(app)
        self.app, self.say = app, say
        self.interrupted = False
        self._closing = False
        self._reader, self._writer = socket.socketpair()
        for end in (self._reader, self._writer):
            end.setblocking(False)
        self._notifier = QSocketNotifier(self._reader.fileno(), QSocketNotifier.Type.Read, self)
        self._notifier.activated.connect(self._woken)
        self._previous_fd = signal.set_wakeup_fd(self._writer.fileno(), warn_on_full_buffer=False)
        self._previous = signal.signal(signal.SIGINT, self._noted)

    def _noted(self, _signum: int, _frame: FrameType | None) -> None:
        """Python's handler: runs in the notifier's slot below; nothing to do there."""

    def _woken(self) -> None:
        with contextlib.suppress(OSError):
            while self._reader.recv(512):
                pass
        if not self._closing:
            QTimer.singleShot(0, self._close_all)  # outside the notifier's slot

    def _close_all(self) -> None:
        self._closing = True
        try:
            closed = self._close_windows()
        finally:
            self._closing = False
        if not closed:
            self.say("office-ledger: interrupt: a form has changes not saved, so the"
                     " window stays open; save or discard them, then quit (or Ctrl-C"
                     " again)")  # fmt: skip
            return
        self.interrupted = True
        self.say("office-ledger: interrupted: the window was closed as on Quit;"
                 " everything saved is kept")  # fmt: skip
        self.app.quit()  # a window hidden, not closed, would keep the loop running

    def _close_windows(self) -> bool:
        """Close every window as Quit would, the one in front first (a form, its
        question), the main window last; False as soon as one stays open."""
        while (front := self.app.activeModalWidget()) is not None:
            if not front.close():
                return False
        windows = [w for w in self.app.topLevelWidgets() if w.isVisible()]
        windows.sort(key=lambda w: isinstance(w, QMainWindow))  # dialogs and forms first
        return all(w.close() for w in windows)

    def uninstall(self) -> None:
        signal.signal(signal.SIGINT, self._previous)
        signal.set_wakeup_fd(self._previous_fd)
        self._notifier.setEnabled(False)
        self._reader.close()
        self._writer.close()


def install(app: QApplication, say: Callable[[str], None] | None = None) -> CtrlC | None:
    """Close the windows on Ctrl-C for as long as the loop runs (main thread only; None
    elsewhere). ``say``: where the line goes (standard error)."""
    if threading.current_thread() is not threading.main_thread():
        return None
    return CtrlC(app, say or (lambda line: print(line, file=sys.stderr, flush=True)))
