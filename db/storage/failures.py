"""One line for a database or disk that failed under a command or the app: a damaged
file, a full disk, read-only media, a database another program holds, a database
server that went away (PostgreSQL, issue #23). Said in the user's language through
the catalogue (:mod:`db.schema.words`, ``storage.*``).

Anything else is a bug and is left to the crash handler.
"""

from __future__ import annotations

import errno
import sqlite3
from pathlib import Path

from db.schema.words import word


def storage_failure(exc: BaseException, db_path: Path | str | None, lang: str = "en") -> str | None:
    """One line for a database or disk that failed under a command (damaged file, full
    disk, read-only media, a lost server), or None when ``exc`` is something else (a bug).
    ``db_path`` is what the database is shown as (its path, or a server's URL)."""
    from db.storage.integrity import DatabaseDamaged

    if isinstance(exc, DatabaseDamaged):  # a write held until the check, which failed (#21)
        return str(exc)
    where = str(db_path or "")
    cause: BaseException | None = exc
    if type(exc).__module__.startswith("sqlalchemy") and hasattr(exc, "orig"):
        cause = exc.orig
    if isinstance(cause, OSError) and cause.errno in (errno.ENOSPC, errno.EDQUOT):
        return word("storage.disk_full", lang, where=cause.filename or where)
    if isinstance(cause, OSError) and cause.errno == errno.EROFS:
        return word("storage.read_only_disk", lang, where=cause.filename or where)
    if cause is not None and type(cause).__module__.startswith("psycopg"):
        return _server_failure(cause, where, lang)
    if not isinstance(cause, sqlite3.Error):
        return None
    text = str(cause)
    if "full" in text:
        return word("storage.disk_full", lang, where=where)
    if "readonly" in text or "read-only" in text:
        return word("storage.read_only", lang, where=where)
    if "locked" in text or "busy" in text:
        return word("storage.busy", lang, where=where)
    if isinstance(cause, sqlite3.DatabaseError) and (
        "malformed" in text or "not a database" in text or "decode" in text.lower()
    ):
        return word("storage.damaged", lang, where=where, detail=text)
    return word("storage.failed", lang, where=where, detail=text)


def _server_failure(cause: BaseException, where: str, lang: str) -> str | None:
    """A PostgreSQL server's failure: the connection lost, the disk full, read-only,
    anything else the server or its driver refused (a right the role lacks)."""
    import psycopg

    text = str(cause).strip().splitlines()[0] if str(cause).strip() else type(cause).__name__
    if isinstance(cause, psycopg.errors.DiskFull):
        return word("storage.disk_full", lang, where=where)
    if isinstance(cause, psycopg.errors.ReadOnlySqlTransaction):
        return word("storage.read_only", lang, where=where)
    if isinstance(cause, psycopg.OperationalError):
        return word("storage.server_lost", lang, where=where, detail=text)
    if isinstance(cause, psycopg.Error):  # a value it cannot hold, a right the role lacks
        return word("storage.failed", lang, where=where, detail=text)
    return None
