"""Hear when someone else wrote to the database, so the window shows it (issue #23).

On PostgreSQL every table people change has a statement trigger (migration 0015) that
sends ``NOTIFY office_ledger_changes`` inside the writing transaction: the server
delivers it only when that transaction commits, once a transaction, whoever wrote (the
app, a command, psql). :func:`watcher` gives the window something to wait on:

- on PostgreSQL, :class:`Notices`: a connection of its own that LISTENs; its socket
  (:meth:`Notices.fileno`) becomes readable when a notice arrives (the window waits
  on it with a ``QSocketNotifier``), and :meth:`Notices.changed` drains what came and
  says whether any came from someone else (not this app's own connections);
- on SQLite, :class:`DataVersion`: ``PRAGMA data_version`` read on a read-only
  connection of its own, which changes whenever another connection — another copy of
  the app, a command-line import — commits to the file (the window polls it with a
  timer: SQLite has no notices). It cannot tell whose commit it was: the window's own
  writes are heard too (one reload more, never one missed).

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
    """PostgreSQL: a listening connection of its own (autocommit).

    Each notice carries the server process id of the connection that wrote
    (``pg_backend_pid()``, migration 0015); ``own`` are the ids of this app's own
    connections (:func:`own_backends`): their writes already reloaded what they touch,
    so only a notice from anyone else counts — one of ours arriving at the same moment
    as another person's never hides theirs."""

    def __init__(self, url: str, own: set[int] | None = None) -> None:
        import psycopg

        self.conn = psycopg.connect(url, autocommit=True)
        self.own: set[int] = own if own is not None else set()
        self._heard: list[int | None] = []
        self._lock = threading.Lock()
        self.conn.add_notify_handler(self._hear)
        self.conn.execute(f"LISTEN {CHANNEL}")
        self.on_close: list[Any] = []

    def _hear(self, notice: Any) -> None:
        payload = str(getattr(notice, "payload", "") or "")
        self._heard.append(int(payload) if payload.isdigit() else None)  # None: whoever

    def fileno(self) -> int | None:
        return int(self.conn.fileno())

    def changed(self) -> bool:
        """Whether a notice from someone else came since the last call (reads what the
        socket holds)."""
        with self._lock:
            self.conn.execute("SELECT 1")  # a round trip hands the notices to _hear
            heard, self._heard = self._heard, []
        return any(pid is None or pid not in self.own for pid in heard)

    def close(self) -> None:
        for undo in self.on_close:
            undo()
        self.on_close.clear()
        self.conn.close()


def own_backends(engine: Any) -> tuple[set[int], Any]:
    """The server process ids of ``engine``'s connections, learnt as each is checked
    out (a pooled connection's id is read once, from the driver: no round trip), and
    what stops learning them."""
    from sqlalchemy import event

    pids: set[int] = set()

    def learn(dbapi_connection: Any, record: Any, _proxy: Any) -> None:
        pid = record.info.get("backend_pid")
        if pid is None:
            pid = record.info["backend_pid"] = int(dbapi_connection.info.backend_pid)
        pids.add(pid)

    event.listen(engine, "checkout", learn)
    return pids, lambda: event.remove(engine, "checkout", learn)


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
        own, stop = own_backends(db.engine)
        try:
            notices = Notices(url.render_as_string(hide_password=False), own)
        except Exception:
            stop()
            raise
        notices.on_close.append(stop)
        return notices
    path = getattr(db, "source", None) or getattr(db, "path", None)
    if path is None or getattr(db, "cleanup", None) is not None:
        return None  # a temporary upgraded copy: nobody else writes it
    return DataVersion(Path(path))
