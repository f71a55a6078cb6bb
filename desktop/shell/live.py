"""The window follows other people's changes (issue #23): when another copy of the app
or a command-line import writes to the database, the lists, the tallies, the board of
who sent what and the conflicts reload within a second or two.

The watching itself is :mod:`db.hq.changes` (no Qt): on PostgreSQL the window waits on
the listening connection's socket with a ``QSocketNotifier``, on SQLite a ``QTimer``
polls ``PRAGMA data_version``. The window's own writes (an edit, its undo, a settled
conflict) already reload what they touch, so they are swallowed, not reloaded twice.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QSocketNotifier, QTimer, Signal

if TYPE_CHECKING:
    from db.hq.changes import Watcher
    from db.storage.database import Database
    from desktop.shell.window import MainWindow

log = logging.getLogger("office_ledger.app")

POLL_MS = 500  # SQLite: how often data_version is read (a microsecond's read)
SETTLE_MS = 250  # a burst of writes (an import's transactions) reloads once


class Live(QObject):
    """Tells :attr:`changed` when someone else wrote to the database."""

    changed = Signal()

    def __init__(self, watcher: Watcher, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.watcher: Watcher | None = watcher
        self.quiet = QTimer(self, singleShot=True, interval=SETTLE_MS)
        self.quiet.timeout.connect(self.changed)
        self.poll = QTimer(self, interval=POLL_MS)
        self.poll.timeout.connect(self.check)
        self.notifier: QSocketNotifier | None = None
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
        except Exception:  # noqa: BLE001 - the server went away: stop following, say so in the log
            log.warning("stopped following other people's changes", exc_info=True)
            self.stop()
            return
        if moved:
            self.quiet.start()

    def mine(self, *_args: object) -> None:
        """The window wrote: what the watcher heard so far is its own."""
        if self.watcher is not None:
            try:
                self.watcher.changed()
            except Exception:  # noqa: BLE001 - as in check()
                self.stop()

    def stop(self) -> None:
        self.poll.stop()
        self.quiet.stop()  # a reload waiting to start: the window is going
        if self.notifier is not None:
            self.notifier.setEnabled(False)
        if self.watcher is not None:
            self.watcher.close()
            self.watcher = None


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
    live = Live(found, window)
    window.undo.record_changed.connect(live.mine)  # the window's own edits and undos
    live.changed.connect(window.others_changed)
    return live
