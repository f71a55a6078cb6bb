"""The ledger file itself, without SQLAlchemy: is it a ledger, at which schema, and a
read-only sqlite3 connection for quick reads.

:mod:`db.storage.database` opens a ledger for work (it imports SQLAlchemy, and migrates); what
here can run before that — the app's check of ``--db`` before its window shows, and
``office-ledger tally``, which reads an up-to-date ledger through :func:`open_reader`
and never imports SQLAlchemy (0.3–0.4 s of a command that otherwise takes 0.1 s).
"""

from __future__ import annotations

import contextlib
import sqlite3
from pathlib import Path

from db.schema.errors import DatabaseOpenError

SQLITE_MAGIC = b"SQLite format 3\x00"


def check_file(path: Path, *, must_exist: bool = False) -> bool:
    """Refuse paths that cannot hold a ledger; return whether the file already exists.
    A PostgreSQL URL (issue #23) has no file to check: the server refuses at open."""
    from db.storage.pg.target import is_url

    if is_url(path):
        return True
    if path.is_dir():
        raise DatabaseOpenError(f"{path} is a folder, not a database file")
    if not path.exists():
        if must_exist:
            raise DatabaseOpenError(f"no database at {path}")
        if not path.parent.is_dir():
            raise DatabaseOpenError(f"cannot create {path}: folder {path.parent} does not exist")
        return False
    try:
        with path.open("rb") as fh:
            head = fh.read(len(SQLITE_MAGIC))
    except OSError as exc:
        raise DatabaseOpenError(f"cannot read {path}: {exc.strerror or exc}") from exc
    if head and head != SQLITE_MAGIC:
        raise DatabaseOpenError(f"{path} is not an Office Ledger database (not a SQLite file)")
    return bool(head)


def current_revision(path: Path, immutable: bool = False) -> str | None:
    """The schema revision; ``immutable`` for a file on read-only media (issue #11)."""
    uri = f"{path.as_uri()}?mode=ro" + ("&immutable=1" if immutable else "")
    with contextlib.closing(sqlite3.connect(uri, uri=True)) as conn:
        try:
            row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
        except sqlite3.DatabaseError as exc:
            if "no such table" in str(exc):
                tables = conn.execute(
                    "SELECT count(*) FROM sqlite_master WHERE type = 'table'"
                ).fetchone()[0]
                if tables:
                    raise DatabaseOpenError(
                        f"{path} is a SQLite file but not an Office Ledger database"
                    ) from exc
                return None
            raise DatabaseOpenError(f"{path} cannot be read: {exc}") from exc
    return row[0] if row else None


def open_reader(path: Path) -> sqlite3.Connection | None:
    """A read-only connection to the ledger at ``path`` when it is at this app's schema;
    None when it must go through :func:`db.storage.database.open_database` first (an older
    schema to migrate, or no device identity yet). Refuses what ``open_database``
    refuses (a folder, a missing file, another program's file) the same way; checks
    the file as a reader does (:func:`db.storage.check_gate.before_reading`: constant-cost
    checks, the whole check of a small file; damage met while reading a large one is
    reported then, issue #21)."""
    from db.storage.check_gate import before_reading
    from db.storage.migrations import HEAD
    from db.storage.opening import read_only_media

    path = path.expanduser().resolve()
    if not check_file(path, must_exist=True):
        return None  # an empty file: open_database makes it a ledger (or says why not)
    immutable = bool(read_only_media(path))  # read-only media: SQLite can make no -shm
    before_reading(path, immutable=immutable)  # a damaged file is refused, as at open (#11)
    if current_revision(path, immutable) != HEAD:
        return None
    try:
        query = "mode=ro&immutable=1" if immutable else "mode=ro"
        conn = sqlite3.connect(f"{path.as_uri()}?{query}", uri=True)
        conn.execute("PRAGMA busy_timeout = 5000")
        if conn.execute("SELECT count(*) FROM app_meta").fetchone()[0] == 0:
            conn.close()
            return None
    except sqlite3.Error:
        return None  # a locked or odd file: open_database says what is wrong
    return conn
