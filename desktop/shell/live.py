"""The window follows other people's changes (issue #23): when another copy of the app
or a command-line import writes to the database, the lists, the tallies, the board of
who sent what and the conflicts reload within a second or two.

The watching itself is :mod:`db.hq.changes` (no Qt): on PostgreSQL the window waits on
the listening connection's socket with a ``QSocketNotifier``, on SQLite a ``QTimer``
polls ``PRAGMA data_version``. On PostgreSQL the window's own writes (an edit, its
undo, a settled conflict) are told from others' by the writing connection's server
process id, so they do not reload twice and never hide another person's notice that
came at the same moment; SQLite cannot tell, and reloads. When the server goes away
(a restart), the status bar says so in the window's language and the watching is set
up again after 1, 2, 4… up to 30 seconds; when it is back, the window reloads (what
was written meanwhile was not heard).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject, QSocketNotifier, QTimer, Signal

if TYPE_CHECKING:
    from db.hq.changes import Watcher
    from db.storage.database import Database
    from desktop.shell.window import MainWindow

log = logging.getLogger("office_ledger.app")

POLL_MS = 500  # SQLite: how often data_version is read (a microsecond's read)
SETTLE_MS = 250  # a burst of writes (an import's transactions) reloads once
RETRY_MS = (1000, 2000, 4000, 8000, 15000, 30000)  # the server gone: try again after


def tr(text: str) -> str:
    return QCoreApplication.translate("Live", text)


class Live(QObject):
    """Tells :attr:`changed` when someone else wrote to the database, and :attr:`said`
    what the status bar should show when following stops or starts again."""

    changed = Signal()
    said = Signal(str)

    def __init__(self, watcher: Watcher, parent: QObject | None = None,
                 again: Callable[[], Watcher | None] | None = None) -> None:  # fmt: skip
        super().__init__(parent)
        self.watcher: Watcher | None = None
        self.again = again  # makes a new watcher after the server went away
        self.failures = 0
        self.quiet = QTimer(self, singleShot=True, interval=SETTLE_MS)
        self.quiet.timeout.connect(self.changed)
        self.poll = QTimer(self, interval=POLL_MS)
        self.poll.timeout.connect(self.check)
        self.retry = QTimer(self, singleShot=True)
        self.retry.timeout.connect(self.reconnect)
        self.notifier: QSocketNotifier | None = None
        self._watch(watcher)

    def _watch(self, watcher: Watcher) -> None:
        self.watcher = watcher
        fileno = watcher.fileno()
        if fileno is not None:
            self.notifier = QSocketNotifier(fileno, QSocketNotifier.Type.Read, self)
            self.notifier.activated.connect(self.check)
        else:
            self.poll.start()

    def check(self) -> None:
        if self.watcher is None:
            return
        try:
            moved = self.watcher.changed()
        except Exception:  # noqa: BLE001 - the server went away: say so, try again later
            log.warning("stopped following other people's changes", exc_info=True)
            self._lost()
            return
        if moved:
            self.quiet.start()

    def _lost(self) -> None:
        self._unwatch()
        if self.again is None:
            return
        wait = RETRY_MS[min(self.failures, len(RETRY_MS) - 1)]
        self.failures += 1
        self.said.emit(
            tr(
                "Lost touch with the database server: other people's changes"
                " are not shown. Trying again in {n} s…"
            ).format(n=wait // 1000)
        )
        self.retry.start(wait)

    def reconnect(self) -> None:
        """Set the watching up again (after the server went away)."""
        if self.again is None or self.watcher is not None:
            return
        try:
            found = self.again()
        except Exception:  # noqa: BLE001 - still away: wait longer
            log.info("the database server is still away", exc_info=True)
            self._lost()
            return
        if found is None:
            return
        self.failures = 0
        self._watch(found)
        self.said.emit(tr("Back in touch with the database server: showing other"
                          " people's changes again."))  # fmt: skip
        self.quiet.start()  # what was written meanwhile was not heard

    def _unwatch(self) -> None:
        self.poll.stop()
        if self.notifier is not None:
            self.notifier.setEnabled(False)
            self.notifier.deleteLater()
            self.notifier = None
        if self.watcher is not None:
            try:
                self.watcher.close()
            except Exception:  # noqa: BLE001 - a connection already gone
                log.debug("closing a watcher", exc_info=True)
            self.watcher = None

    def stop(self) -> None:
        self.retry.stop()
        self.again = None
        self.quiet.stop()  # a reload waiting to start: the window is going
        self._unwatch()


def follow(window: MainWindow, db: Database) -> Live | None:
    """Make ``window`` reload what it shows when someone else writes to ``db``."""
    from db.hq.changes import watcher

    try:
        found = watcher(db)
    except Exception:  # noqa: BLE001 - nothing to follow with: the window works as before
        log.warning("cannot follow other people's changes", exc_info=True)
        return None
    if found is None:
        return None
    live = Live(found, window, again=lambda: watcher(db))
    live.changed.connect(window.others_changed)
    live.said.connect(window.statusBar().showMessage)
    return live
