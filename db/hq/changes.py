"""Hear when someone else wrote to the database, so the window shows it (issue #23).

On PostgreSQL every table people change has a statement trigger (migration 0015) that
sends ``NOTIFY office_ledger_changes`` inside the writing transaction: the server
delivers it only when that transaction commits, once a transaction, whoever wrote (the
app, a command, psql). :func:`watcher` gives the window something to wait on:

- on PostgreSQL, :class:`Notices`: a connection of its own that LISTENs; its socket
  (:meth:`Notices.fileno`) becomes readable when a notice arrives (the window waits
  on it with a ``QSocketNotifier``), and :meth:`Notices.changed` drains what came;
- on SQLite, :class:`DataVersion`: ``PRAGMA data_version`` read on a read-only
  connection of its own, which changes whenever another connection — another copy of
  the app, a command-line import — commits to the file (the window polls it with a
  timer: SQLite has no notices).

No Qt here: the window's adapter is ``desktop.shell.live``.
"""

from __future__ import annotations

import sqlite3
import threading
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

if TYPE_CHECKING:
    from db.storage.database import Database

CHANNEL = "office_ledger_changes"


class Watcher(Protocol):
    """Something that knows whether someone wrote since it was last asked."""

    def fileno(self) -> int | None: ...  # a socket to wait on, or None: poll

    def changed(self) -> bool: ...

    def close(self) -> None: ...


class Notices:
    """PostgreSQL: a listening connection of its own (autocommit)."""

    def __init__(self, url: str) -> None:
        import psycopg

        self.conn = psycopg.connect(url, autocommit=True)
        self._heard = 0
        self._lock = threading.Lock()
        self.conn.add_notify_handler(self._hear)
        self.conn.execute(f"LISTEN {CHANNEL}")

    def _hear(self, _notice: Any) -> None:
        self._heard += 1

    def fileno(self) -> int | None:
        return int(self.conn.fileno())

    def changed(self) -> bool:
        """Whether a notice came since the last call (reads what the socket holds)."""
        with self._lock:
            self.conn.execute("SELECT 1")  # a round trip hands the notices to _hear
            heard, self._heard = self._heard, 0
        return heard > 0

    def close(self) -> None:
        self.conn.close()


class DataVersion:
    """SQLite: ``PRAGMA data_version`` on a read-only connection of its own."""

    def __init__(self, path: Path) -> None:
        self.conn = sqlite3.connect(f"{Path(path).as_uri()}?mode=ro", uri=True,
                                    check_same_thread=False)  # fmt: skip
        self.last = self._read()

    def _read(self) -> int:
        return int(self.conn.execute("PRAGMA data_version").fetchone()[0])

    def fileno(self) -> int | None:
        return None

    def changed(self) -> bool:
        """Whether another connection committed since the last call."""
        now = self._read()
        moved, self.last = now != self.last, now
        return moved

    def close(self) -> None:
        self.conn.close()


def watcher(db: Database) -> Watcher | None:
    """What tells when someone else wrote to ``db`` (None: nothing can, e.g. a
    read-only command's temporary copy)."""
    if db.engine.dialect.name == "postgresql":
        url = db.engine.url.set(drivername="postgresql")
        return Notices(url.render_as_string(hide_password=False))
    path = getattr(db, "source", None) or getattr(db, "path", None)
    if path is None or getattr(db, "cleanup", None) is not None:
        return None  # a temporary upgraded copy: nobody else writes it
    return DataVersion(Path(path))
