"""The safety steps of opening a database (issue #11), used by
:func:`db.storage.database.open_database`.

- read-only media are noticed before SQLite is asked to write (``read_only_media``);
- a new database is built whole under a hidden ``.part`` name and only then given
  its name (``create``), so a killed or failed creation leaves no half-made ledger;
  a file left by an older app's interrupted creation (tables, no records, no schema
  revision) is recognised (``unfinished``) and built again;
- the one-writer lock is taken, or the database opens read-only (``take_lock``).
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
from collections.abc import Callable
from pathlib import Path

from db.schema.errors import DatabaseOpenError
from db.schema.kinds import SPECS
from db.storage.lock import WriterBusy, WriterLock, acquire, describe

SYNCED = tuple(s.table for s in SPECS.values())  # every record table (db/schema/kinds.py)


def read_only_media(path: Path) -> str:
    """Why ``path`` cannot be written (read-only disk or file), or ""."""
    folder = path.parent
    try:
        if hasattr(os, "statvfs") and os.statvfs(folder).f_flag & getattr(os, "ST_RDONLY", 1):
            return "read-only disk"
    except OSError:
        pass
    if path.exists() and not os.access(path, os.W_OK):
        return "read-only file"
    if not os.access(folder, os.W_OK):
        return "read-only folder"
    return ""


def part_name(path: Path) -> Path:
    return path.with_name(f".{path.name}.creating.part")


def sweep(path: Path) -> None:
    """Remove what a killed creation left beside ``path`` (its hidden ``.part`` files)."""
    part = part_name(path)
    for leftover in (part, *(part.with_name(part.name + s) for s in ("-wal", "-shm", "-journal"))):
        with contextlib.suppress(OSError):
            leftover.unlink()


def unfinished(path: Path) -> bool:
    """Whether ``path`` is what an interrupted creation left: some of the ledger's tables,
    no schema revision, and no records in any of them."""
    try:
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    except sqlite3.Error:
        return False
    try:
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        if (
            "alembic_version" in tables
            and conn.execute("SELECT count(*) FROM alembic_version").fetchone()[0]
        ):
            return False
        if not tables & {"app_meta", "office", *SYNCED}:
            return False
        return not any(conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
                       for t in SYNCED if t in tables)  # fmt: skip
    except sqlite3.DatabaseError:
        return False
    finally:
        conn.close()


def create(path: Path, build: Callable[[Path], None], *, replace: bool) -> None:
    """Build a new database with ``build(part)`` under a hidden name, then name it
    ``path``: the ledger appears complete or not at all. ``replace`` lets it take the
    place of an unfinished file (whose WAL files go first, so they are never replayed
    onto the new one).

    Raises:
        DatabaseOpenError: the disk is full or read-only; nothing is left behind.
    """
    part = part_name(path)
    sweep(path)
    try:
        build(part)
        for side in ("-wal", "-shm"):  # closed cleanly they are gone; never carry them
            if part.with_name(part.name + side).exists():
                conn = sqlite3.connect(part)
                conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
                conn.close()
                break
        with open(part, "rb+") as fh:
            os.fsync(fh.fileno())
        if replace:
            for side in ("-wal", "-shm"):
                with contextlib.suppress(FileNotFoundError):
                    path.with_name(path.name + side).unlink()
            os.replace(part, path)
        else:
            try:
                os.link(part, path)  # fails if another process made it meanwhile
            except FileExistsError:
                pass  # theirs is as good as ours
            except OSError:  # no hard links here (FAT): replace, if still free
                if not path.exists():
                    os.replace(part, path)
    except (OSError, sqlite3.Error) as exc:
        sweep(path)
        text = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
        raise DatabaseOpenError(f"cannot create {path}: {text}; nothing was created") from exc
    except BaseException:
        sweep(path)
        raise
    sweep(path)


def take_lock(
    path: Path, writer: str, wait: float, read_only_if_busy: bool
) -> tuple[WriterLock | None, str]:
    """The writer lock, or (when another holds it and ``read_only_if_busy``) none and why
    the database opens read-only.

    Raises:
        WriterBusy: another process writes and ``read_only_if_busy`` is false.
    """
    try:
        lock = acquire(path, writer, wait=wait)
    except WriterBusy as exc:
        if not read_only_if_busy:
            raise
        return None, f"open for writing in {describe(exc.owner)}"
    except OSError as exc:  # no lock file can be made here: nobody else can write either
        return None, f"read-only folder ({exc.strerror})"
    for leftover in path.parent.glob(f".{path.name}.restore.part*"):  # a killed restore's
        with contextlib.suppress(OSError):
            leftover.unlink()
    return lock, ""
