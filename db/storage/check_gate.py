"""When SQLite's check of a ledger runs, so that its cost never stands between a person
and the first figure, and a damaged file is still never written (issue #21).

- At every open, checks whose cost does not grow with the file (:func:`first_checks`):
  the header (SQLite's magic, a sane page size, a file as long as its header says),
  the schema (SQLite parses all of it), and the database's identity. The pages the
  first figures read are then checked by reading them: SQLite verifies every page it
  loads and reports a damaged one ("database disk image is malformed").
- A small file (up to :data:`SMALL`) is checked whole at once, as before: its full
  ``integrity_check`` costs less than a tenth of a second.
- A larger one is checked in full only before it is written: :class:`Gate` holds every
  write until SQLite's check (``integrity_check`` up to 16 MiB, ``quick_check`` above,
  :func:`db.storage.integrity.quick_check`) has passed — in the background after the window's
  first paint (the app), at open (command-line writers), or at the first write
  (read-only commands, which usually write nothing and so never wait).
- A clean check is remembered (:mod:`db.storage.check_memory`): an unchanged file is not
  checked again.
"""

from __future__ import annotations

import contextlib
import logging
import sqlite3
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

from db.schema.errors import LedgerError
from db.storage import check_memory
from db.storage.integrity import (
    FULL_CHECK_LIMIT,
    CheckResult,
    DatabaseDamaged,
    connect_ro,
    quick_check,
)

log = logging.getLogger("office_ledger.db")
SMALL = 4 * 1024 * 1024  # bytes: up to this, the full check runs before anything is read
READS = ("SELECT", "EXPLAIN", "SAVEPOINT", "RELEASE", "BEGIN", "COMMIT", "ROLLBACK")


def first_checks(path: Path, *, immutable: bool = False) -> str | None:
    """The checks that cost the same whatever the file's size: its header, its schema;
    the database's identity (None for a file with none yet).

    Raises:
        DatabaseDamaged: the header or the schema is damaged.
    """
    _header(path)
    try:
        conn = connect_ro(path, immutable=immutable)
    except sqlite3.Error as exc:
        raise DatabaseDamaged(path, [str(exc)]) from exc
    try:
        conn.execute("SELECT count(*), max(rootpage) FROM sqlite_master").fetchone()
        return check_memory.identity(conn)
    except sqlite3.DatabaseError as exc:
        if "locked" in str(exc) or "busy" in str(exc):
            return None  # another writer: not damage; the full check will say
        raise DatabaseDamaged(path, [str(exc)]) from exc
    finally:
        conn.close()


def _header(path: Path) -> None:
    try:
        with path.open("rb") as fh:
            head = fh.read(100)
        size = path.stat().st_size
    except OSError as exc:
        raise DatabaseDamaged(path, [f"cannot read the header: {exc.strerror or exc}"]) from exc
    if len(head) < 100:
        raise DatabaseDamaged(path, ["the file is shorter than SQLite's header"])
    page = int.from_bytes(head[16:18], "big")
    page = 65536 if page == 1 else page
    problems = []
    if page < 512 or page & (page - 1):
        problems.append(f"page size {page} in the header is not SQLite's")
    if head[21:24] != b"\x40\x20\x20":
        problems.append("the header's payload fractions are not SQLite's")
    if head[18] not in (1, 2) or head[19] not in (1, 2):
        problems.append("the header's file format is not SQLite's")
    pages = int.from_bytes(head[28:32], "big")
    valid = pages and head[24:28] == head[92:96]  # the page count is current
    wal = path.with_name(path.name + "-wal")
    if valid and not problems and size < pages * page and not _has_log(wal):
        problems.append(f"the file holds {size // page} of its {pages} pages (cut short)")
    if problems:
        raise DatabaseDamaged(path, problems)


def _has_log(wal: Path) -> bool:
    try:
        return wal.stat().st_size > 0
    except OSError:
        return False


def uses_wal(path: Path) -> bool:
    """Whether the file is in write-ahead-log mode already (opening it so writes nothing)."""
    try:
        with path.open("rb") as fh:
            head = fh.read(20)
    except OSError:
        return False
    return head[18:20] == b"\x02\x02"


class Gate:
    """Whether a ledger may be written yet: SQLite's check must have found it sound.

    ``state``: "unchecked" (the check runs at the first write, in the writer's thread),
    "checking" (running in the background), "sound", or "damaged" (``damage`` says how;
    every write is refused with it). :meth:`wait` is what a write calls first.
    """

    def __init__(self, path: Path, *, immutable: bool = False, key: str | None = None) -> None:
        self.path, self.immutable, self.key = path, immutable, key
        self.state = "unchecked"
        self.damage: DatabaseDamaged | None = None
        self.kind = ""  # what found it sound: "full" or "quick" (or "remembered ...")
        self._lock = threading.Lock()
        self._done = threading.Event()
        self._thread: threading.Thread | None = None
        self.full_at = check_memory.last_full(key)  # the last full check's time, if known
        self.opened_at = check_memory.now()
        self.daily_running = False

    @property
    def pending(self) -> bool:
        return self.state in ("unchecked", "checking")

    def sound(self, kind: str) -> None:
        """Mark the file sound without checking (a check already found it so)."""
        self.state, self.kind = "sound", kind
        self._done.set()

    def check_now(self) -> None:
        """Run the check in this thread (if nobody runs it); raise if damaged."""
        with self._lock:
            run = self.state == "unchecked"
            if run:
                self.state = "checking"
        if run:
            self._run()
        self.wait()

    def start(self, on_done: Callable[[Gate], None] | None = None) -> None:
        """Run the check on a background thread; ``on_done(gate)`` is called there."""
        with self._lock:
            if self.state != "unchecked":
                return
            self.state = "checking"

        def work() -> None:
            self._run()
            if on_done is not None:
                on_done(self)

        self._thread = threading.Thread(target=work, name="ledger-check", daemon=True)
        self._thread.start()

    def start_full(self) -> None:
        """The daily full check, on a background thread (writes are not held: the file
        was found sound already); damage found makes the gate refuse every write."""

        def work() -> None:
            began = check_memory.now()
            try:
                result = full_check(self.path, immutable=self.immutable)
                if result.sqlite:
                    self.damage = DatabaseDamaged(self.path, result.sqlite)
                    self.state = "damaged"
            except Exception:  # noqa: BLE001 - sqlite3 cannot read it now (busy, gone)
                log.warning("the daily check could not read %s", self.path, exc_info=True)
            finally:
                self.full_at, self.daily_running = began, False

        self.daily_running = True
        threading.Thread(target=work, name="ledger-daily-check", daemon=True).start()

    def _run(self) -> None:
        try:
            began = check_memory.now()
            self.kind = check(self.path, immutable=self.immutable, key=self.key)
            if self.kind == "full":
                self.full_at = began
            self.state = "sound"
        except DatabaseDamaged as exc:
            self.damage, self.state = exc, "damaged"
        except Exception as exc:  # noqa: BLE001 - unreadable now (busy, gone): not sound yet
            self.damage = DatabaseDamaged(self.path, [f"cannot be checked: {exc}"])
            self.state = "damaged"
        finally:
            self._done.set()

    def wait(self, timeout: float | None = None) -> bool:
        """Wait for the check (running it here if nobody does); whether it has ended.

        Raises:
            DatabaseDamaged: the check found the file damaged: nothing may be written.
        """
        if self.state == "unchecked":
            self.check_now()
        done = self._done.wait(timeout)
        if self.state == "damaged" and self.damage is not None:
            raise self.damage
        return done

    def before_write(self, statement: str) -> None:
        """Hold a write statement until the file is known sound (reads pass at once)."""
        if self.state == "sound":
            return
        word = statement.lstrip().split(None, 1)[0].upper() if statement.strip() else ""
        if word in READS or (word == "PRAGMA" and "=" not in statement):
            return
        self.wait()


def check(path: Path, *, immutable: bool = False, key: str | None = None) -> str:
    """SQLite's check of the whole file (:func:`db.storage.integrity.quick_check`: full up to 16
    MiB), remembered when clean; which it was ("full" or "quick").

    Raises:
        DatabaseDamaged: SQLite found damage.
    """
    before, began = check_memory.signature(path), check_memory.now()
    quick_check(path, immutable=immutable)
    kind = "full" if before is not None and before["size"] <= FULL_CHECK_LIMIT else "quick"
    check_memory.remember(key, before, kind, began)
    return kind


def at_open(path: Path, *, immutable: bool = False, when: str = "now") -> Gate:
    """The gate of a ledger being opened: the constant-cost checks now, then SQLite's
    whole check ``when`` — "now" (before returning), "background" (the caller starts
    it), "write" (at the first write). A small file, or one in an older journal mode
    (opening it in WAL mode writes its header), is checked now whatever ``when`` says;
    a file unchanged since its last clean check is not checked again.

    Raises:
        DatabaseDamaged: damage found by the checks that ran.
    """
    key = first_checks(path, immutable=immutable)
    gate = Gate(path, immutable=immutable, key=key)
    remembered = check_memory.recall(key, path)
    if remembered is not None:
        gate.sound(f"remembered {remembered}")
        return gate
    small = path.stat().st_size <= SMALL
    if when == "now" or small or not (immutable or uses_wal(path)):
        gate.check_now()
    return gate


def before_reading(path: Path, *, immutable: bool = False) -> Gate:
    """For a read-only command: the constant-cost checks, the whole check of a small
    file; a large one is read without it (damage met while reading is reported)."""
    return at_open(path, immutable=immutable, when="write")


class DamageSeen(LedgerError):
    """SQLite reported damage in what was being read (nothing was written)."""


def damage_in(exc: BaseException) -> bool:
    """Whether ``exc`` (sqlite3's, or SQLAlchemy's around it) is SQLite reporting a
    damaged file while reading it."""
    cause: Any = getattr(exc, "orig", None) if hasattr(exc, "orig") else exc
    if not isinstance(cause, sqlite3.DatabaseError):
        return False
    code = getattr(cause, "sqlite_errorcode", None)
    if code in (sqlite3.SQLITE_CORRUPT, sqlite3.SQLITE_NOTADB):
        return True
    text = str(cause)
    return "malformed" in text or "not a database" in text


def full_check(path: Path, *, immutable: bool = False) -> CheckResult:
    """SQLite's full ``integrity_check`` and the ledger's rules
    (:func:`db.storage.integrity.check_file`, as ``check`` and the daily check run it),
    remembered when clean."""
    from db.storage.integrity import check_file

    before, began = check_memory.signature(path), check_memory.now()
    result = check_file(path, immutable=immutable)
    if result.ok:
        try:
            with contextlib.closing(connect_ro(path, immutable=immutable)) as conn:
                key = check_memory.identity(conn)
        except sqlite3.Error:
            key = None
        check_memory.remember(key, before, "full", began)
    return result
