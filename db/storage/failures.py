"""One line for a database or disk that failed under a command or the app: a damaged
file, a full disk, read-only media, a database another program holds.

Anything else is a bug and is left to the crash handler.
"""

from __future__ import annotations

import errno
import sqlite3
from pathlib import Path


def storage_failure(exc: BaseException, db_path: Path) -> str | None:
    """One line for a database or disk that failed under a command (damaged file, full
    disk, read-only media), or None when ``exc`` is something else (a bug)."""
    from db.storage.integrity import DatabaseDamaged

    if isinstance(exc, DatabaseDamaged):  # a write held until the check, which failed (#21)
        return str(exc)
    cause: BaseException | None = exc
    if type(exc).__module__.startswith("sqlalchemy") and hasattr(exc, "orig"):
        cause = exc.orig
    if isinstance(cause, OSError) and cause.errno in (errno.ENOSPC, errno.EDQUOT):
        return (
            f"the disk is full ({cause.filename or db_path}); nothing was changed — free some space"
        )
    if isinstance(cause, OSError) and cause.errno == errno.EROFS:
        return f"{cause.filename or db_path} is on a read-only disk; nothing was changed"
    if not isinstance(cause, sqlite3.Error):
        return None
    text = str(cause)
    if "full" in text:
        return f"cannot write {db_path}: the disk is full; nothing was changed — free some space"
    if "readonly" in text or "read-only" in text:
        return f"cannot write {db_path}: it is read-only; nothing was changed"
    if "locked" in text or "busy" in text:
        return f"{db_path} is busy (another program holds it); nothing was changed — try again"
    if isinstance(cause, sqlite3.DatabaseError) and (
        "malformed" in text or "not a database" in text or "decode" in text.lower()
    ):
        return (f"{db_path} is damaged ({text}); nothing was written to it — run"
                " office-ledger check, and restore the newest good backup"
                " (office-ledger restore --latest)")  # fmt: skip
    return f"the database {db_path} failed: {text}; nothing was changed"
