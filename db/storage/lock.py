"""One writer per database: a lock file beside it, held with an operating-system lock.

``<database>.lock`` holds who writes (process id, laptop user, computer, what, since)
as JSON, and the writing process holds an exclusive OS lock on it (``fcntl.flock`` on
macOS and Linux, ``msvcrt.locking`` on Windows) for as long as it writes. The OS
drops the lock when the process ends, however it ends, so a lock file left by a
crashed or killed process is noticed (its lock is free) and taken over. Readers
(tally, report, export) never take it.

On Windows the locked byte lies past the JSON (a locked range cannot be read by
another process), so a refused writer can still read who holds it. Only the POSIX
branch has been run (on Linux); the Windows branch follows the msvcrt documentation.
"""

from __future__ import annotations

import getpass
import json
import os
import platform
import sys
import time
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import IO, Any

from db.schema.errors import LedgerError

LOCK_OFFSET = 4096  # Windows: the byte locked, past the owner's JSON
APP = "Office Ledger app"  # the desktop app holds the lock while it is open


class WriterBusy(LedgerError):
    """Another process writes this database; ``owner`` says which (may be empty)."""

    def __init__(self, path: Path, owner: dict[str, Any]) -> None:
        self.path = path
        self.owner = owner
        super().__init__(f"{path.name} is being written by {describe(owner)}; try again when it"
                         " has finished (or close it there)")  # fmt: skip


def describe(owner: dict[str, Any]) -> str:
    """'Office Ledger app (process 123, user tanaka on LAPTOP-1, since 09:12)'."""
    if not owner:
        return "another Office Ledger"
    since = str(owner.get("since", ""))[11:16]
    what = owner.get("what") or "Office Ledger"
    return (f"{what} (process {owner.get('pid', '?')}, user {owner.get('user', '?')} on"
            f" {owner.get('host', '?')}{', since ' + since if since else ''})")  # fmt: skip


def lock_path(db_path: Path) -> Path:
    return db_path.with_name(db_path.name + ".lock")


def _try_lock(fh: IO[bytes]) -> bool:
    if sys.platform == "win32":  # pragma: no cover - Windows (mypy --platform win32)
        import msvcrt

        fh.seek(LOCK_OFFSET)
        try:
            msvcrt.locking(fh.fileno(), msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True
    import fcntl

    try:
        fcntl.flock(fh.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        return False
    return True


def _unlock(fh: IO[bytes]) -> None:
    if sys.platform == "win32":  # pragma: no cover - Windows (mypy --platform win32)
        import msvcrt

        fh.seek(LOCK_OFFSET)
        msvcrt.locking(fh.fileno(), msvcrt.LK_UNLCK, 1)
        return
    import fcntl

    fcntl.flock(fh.fileno(), fcntl.LOCK_UN)


def read_owner(db_path: Path) -> dict[str, Any]:
    """Who the lock file names (empty when there is none or it cannot be read)."""
    try:
        raw = lock_path(db_path).read_bytes()[:LOCK_OFFSET].rstrip(b"\0 \n")
        owner = json.loads(raw.decode("utf-8")) if raw else {}
    except (OSError, ValueError):
        return {}
    return owner if isinstance(owner, dict) else {}


@dataclass
class WriterLock:
    """A held writer lock; :meth:`release` (or the process ending) lets it go."""

    path: Path
    handle: IO[bytes] | None
    stale: dict[str, Any]  # the owner named by a lock left by a crashed process

    def release(self) -> None:
        fh, self.handle = self.handle, None
        if fh is None:
            return
        try:
            fh.seek(0)
            fh.truncate()  # an empty file: nobody writes (a crash leaves the owner's name)
            fh.flush()
            _unlock(fh)
        except OSError:
            pass
        finally:
            fh.close()

    @property
    def held(self) -> bool:
        return self.handle is not None


def acquire(db_path: Path, what: str, *, wait: float = 0.0) -> WriterLock:
    """Take the writer lock of ``db_path`` for ``what`` ("Office Ledger app", "import").

    Waits up to ``wait`` seconds for another writer to finish; not for the app, which
    holds the lock until a person closes it.

    Raises:
        WriterBusy: another live process holds it.
        OSError: the lock file cannot be made (a read-only folder); callers open the
            database read-only then.
    """
    path = lock_path(db_path)
    fh = open(path, "a+b")  # noqa: SIM115 - kept open while the lock is held
    deadline = time.monotonic() + wait
    while not _try_lock(fh):
        if time.monotonic() >= deadline or read_owner(db_path).get("what") == APP:
            fh.close()
            raise WriterBusy(db_path, read_owner(db_path))
        time.sleep(0.05)
    stale = read_owner(db_path)  # the lock was free: anything named here has died
    owner = {
        "pid": os.getpid(),
        "user": _user(),
        "host": platform.node() or "?",
        "what": what,
        "since": datetime.now().isoformat(timespec="seconds"),
    }
    try:
        fh.seek(0)
        fh.truncate()
        fh.write(json.dumps(owner, ensure_ascii=False).encode("utf-8"))
        fh.flush()
    except OSError:  # a full disk: the OS lock still holds, only the name is missing
        pass
    return WriterLock(path, fh, stale)


def _user() -> str:
    try:
        return getpass.getuser()
    except Exception:  # noqa: BLE001 - no user name in the environment (a service)
        return "?"
