"""Open a ledger database: check the file, copy it, migrate it, hand out sessions.

``open_database(path)`` refuses a path that is not a SQLite file or was written by a
newer Office Ledger, copies the file before any migration (``*.before-<rev>.sqlite3``
beside it), upgrades it with the Alembic scripts in :mod:`db.migrations` on the app's
own connection, and makes sure this database has a device identity (a new one when
the file was copied or moved: see :mod:`db.clock`).

Safety (issue #11, see :mod:`db.opening`): a damaged file is refused untouched — the
checks whose cost does not grow with the file run first, SQLite's whole check before
the first write (``check=``, :mod:`db.check_gate`, issue #21); ``writer=`` takes the
one-writer lock (:mod:`db.lock`); a file on read-only media, or one another writer holds when
``read_only_if_busy``, opens read-only (``Database.read_only`` says why); a new
database is built under a hidden name and appears complete or not at all.
"""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import Engine, create_engine, event, text
from sqlalchemy.orm import Session, sessionmaker

from db.dbfile import SQLITE_MAGIC, check_file
from db.dbfile import current_revision as _current_revision
from db.errors import DatabaseOpenError
from db.migrations import HEAD

if TYPE_CHECKING:
    from db.check_gate import Gate
    from db.lock import WriterLock

log = logging.getLogger("office_ledger.db")
__all__ = ["SQLITE_MAGIC", "Database", "check_file", "open_database", "table_counts"]

MIGRATIONS_DIR = Path(__file__).with_name("migrations")


@dataclass
class Database:
    """An open ledger database: its file, engine and session factory."""

    path: Path
    engine: Engine
    sessions: sessionmaker[Session]
    backup: Path | None = None
    read_only: str = ""  # why this database cannot be written ("" when it can)
    lock: WriterLock | None = None  # the one-writer lock, when this process writes
    backups: Path | None = None  # the backup folder (automatic backups when set)
    gate: Gate | None = None  # every write waits until SQLite's check passed (#21)

    @contextmanager
    def session(self) -> Iterator[Session]:
        """A session in one transaction: committed on success, rolled back on error."""
        with self.sessions.begin() as session:
            yield session

    def close(self) -> None:
        self.engine.dispose()
        if self.lock is not None:
            self.lock.release()


def _on_connect(dbapi_conn: Any, _record: Any) -> None:
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA foreign_keys = ON")
    cur.execute("PRAGMA journal_mode = WAL")
    cur.execute("PRAGMA synchronous = NORMAL")
    cur.execute("PRAGMA busy_timeout = 5000")
    cur.close()


def _known_revisions() -> list[str]:
    return sorted(p.stem.split("_", 1)[0] for p in (MIGRATIONS_DIR / "versions").glob("[0-9]*.py"))


def _backup(path: Path, revision: str | None) -> Path:
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    target = path.with_name(f"{path.stem}.before-{revision or 'none'}-{stamp}{path.suffix}")
    with sqlite3.connect(path) as src, sqlite3.connect(target) as dst:
        src.backup(dst)
    log.info("copied %s to %s before migrating", path, target)
    return target


def _upgrade(engine: Engine) -> None:
    from alembic import command  # imported lazily: alembic is slow to import
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "head")


def _on_connect_read_only(dbapi_conn: Any, _record: Any) -> None:
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA query_only = ON")
    cur.execute("PRAGMA busy_timeout = 5000")
    cur.close()


def open_database(
    path: str | Path,
    *,
    must_exist: bool = False,
    writer: str | None = None,
    wait: float = 0.0,
    read_only_if_busy: bool = False,
    backups: Path | None = None,
    check: str = "now",
) -> Database:
    """Open (creating or upgrading if needed) the ledger database at ``path``.

    ``writer`` (what writes: "Office Ledger app", "import") takes the one-writer lock,
    waiting up to ``wait`` seconds; when another process holds it the open is refused
    (:class:`db.lock.WriterBusy`), or with ``read_only_if_busy`` it opens read-only.
    ``backups`` is the backup folder: the database is backed up there before a
    migration (and :func:`db.backup.before_change` uses it). ``check`` is when SQLite's
    whole check runs (:func:`db.check_gate.at_open`): "now", "background" (the caller
    starts ``db.gate``) or "write" (at the first write); writes wait for it.

    Raises:
        DatabaseOpenError: the path is unusable, the file is not a ledger, damaged
            (:class:`db.integrity.DatabaseDamaged`), or was written by a newer Office
            Ledger. The file is left untouched.
    """
    from db import opening
    from db.check_gate import Gate, at_open

    path = Path(path).expanduser().resolve()
    check_file(path, must_exist=must_exist)
    read_only = opening.read_only_media(path) if path.exists() else ""
    immutable = bool(read_only)
    lock = None
    if writer and not read_only:
        lock, read_only = opening.take_lock(path, writer, wait, read_only_if_busy)
    try:
        has_data = check_file(path, must_exist=must_exist)  # again: it may be made meanwhile
        gate = Gate(path, immutable=immutable)
        if has_data:
            gate = at_open(path, immutable=immutable, when=check)
        unfinished = has_data and not read_only and opening.unfinished(path)
        revision = _current_revision(path, immutable) if has_data and not unfinished else None
        if revision is not None and revision != HEAD and revision not in _known_revisions():
            raise DatabaseOpenError(
                f"{path} was written by a newer Office Ledger (schema {revision}); update the app"
            )
        if read_only and (revision != HEAD or not has_data):
            raise DatabaseOpenError(
                f"cannot open {path}: it needs {'upgrading' if has_data else 'creating'},"
                f" but it is {read_only}"
            )
        if not has_data or unfinished:
            opening.create(path, _build, replace=path.exists())  # replaces an empty file
            revision = HEAD
            gate.sound("new")
        db = _engine_for(path, read_only, immutable, lock, backups)
        db.gate = gate
        if not read_only:
            event.listen(db.engine, "before_cursor_execute",
                         lambda _c, _cur, sql, *_: gate.before_write(sql))  # fmt: skip
    except BaseException:
        if lock is not None:
            lock.release()
        raise
    backup = None
    try:
        if revision != HEAD:
            if backups is not None:
                from db.backup import folder_for, take

                backup = take(path, folder_for(backups, path), "before-upgrade",
                              only_if_changed=False)  # fmt: skip
            else:
                backup = _backup(path, revision)
            _upgrade(db.engine)
        db.backup = backup
        if not read_only:
            from db.clock import ensure_device
            from db.machine import identity

            with db.session() as session:  # a file opened in a new place takes a new device id
                ensure_device(session, identity(path))
    except sqlite3.Error as exc:  # pragma: no cover - disk full, locked beyond timeout
        db.close()
        raise DatabaseOpenError(f"cannot open {path}: {exc}") from exc
    except BaseException:
        db.close()
        raise
    return db


def _build(part: Path) -> None:
    """A complete new ledger in the file ``part``: schema and device identity."""
    engine = create_engine(f"sqlite:///{part}")
    event.listen(engine, "connect", _on_connect)
    try:
        _upgrade(engine)
        from db.clock import ensure_device

        with sessionmaker(engine).begin() as session:  # its place is kept at the first open
            ensure_device(session)
    finally:
        engine.dispose()


def _engine_for(
    path: Path, read_only: str, immutable: bool, lock: WriterLock | None, backups: Path | None
) -> Database:
    if read_only:
        query = "mode=ro&immutable=1" if immutable else "mode=ro"
        engine = create_engine(f"sqlite:///{path.as_uri()}?{query}&uri=true")
        event.listen(engine, "connect", _on_connect_read_only)
    else:
        engine = create_engine(f"sqlite:///{path}")
        event.listen(engine, "connect", _on_connect)
    return Database(path, engine, sessionmaker(engine, expire_on_commit=False), None,
                    read_only, lock, backups)  # fmt: skip


def table_counts(db: Database) -> dict[str, int]:
    """Rows (tombstones included) per synced table; used to refuse mixing in demo data."""
    from db.models import SYNCED_MODELS

    with db.engine.connect() as conn:
        return {
            m.__tablename__: conn.execute(  # type: ignore[attr-defined]
                text(f"SELECT count(*) FROM {m.__tablename__}")  # type: ignore[attr-defined]
            ).scalar_one()
            for m in SYNCED_MODELS
        }
