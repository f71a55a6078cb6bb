"""Open a ledger database: check the file, copy it, migrate it, hand out sessions.

``open_database(path)`` refuses a path that is not a SQLite file or was written by a
newer Office Ledger, backs the file up before any migration (into the backup folder
when one is given, else ``*.before-<rev>.sqlite3`` beside it), upgrades it with the
Alembic scripts in :mod:`db.storage.migrations`, and makes sure this database has a device
identity (a new one when the file was copied or moved: see :mod:`db.storage.clock`).

An upgrade is all or nothing (issue #19): every migration runs on a copy beside the
file, which is renamed into its place only when complete; a kill at any moment leaves
the old schema, intact, or the new one. ``reading=True`` (the read-only commands)
never writes the file: an up-to-date ledger is opened read-only, an older one is read
through an upgraded copy in a temporary folder.

Safety (issue #11, see :mod:`db.storage.opening`): a damaged file is refused untouched — the
checks whose cost does not grow with the file run first, SQLite's whole check before
the first write (``check=``, :mod:`db.storage.check_gate`, issue #21); ``writer=`` takes the
one-writer lock (:mod:`db.storage.lock`); a file on read-only media, or one another writer holds
when
``read_only_if_busy``, opens read-only (``Database.read_only`` says why); a new
database is built under a hidden name and appears complete or not at all.
"""

from __future__ import annotations

import logging
import os
import shutil
import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import Engine, create_engine, event, text
from sqlalchemy.orm import Session, sessionmaker

from db.schema.errors import DatabaseOpenError
from db.storage.dbfile import SQLITE_MAGIC, check_file
from db.storage.dbfile import current_revision as _current_revision
from db.storage.migrations import HEAD

if TYPE_CHECKING:
    from db.storage.check_gate import Gate
    from db.storage.lock import WriterLock

log = logging.getLogger("office_ledger.db")
__all__ = ["SQLITE_MAGIC", "Database", "check_file", "open_database", "table_counts"]

MIGRATIONS_DIR = Path(__file__).with_name("migrations")


@dataclass
class Database:
    """An open ledger database: its file (SQLite) or server URL, engine and sessions.

    ``path`` is the SQLite file (None on a PostgreSQL server); ``url`` what to show
    for it (a server's URL never carries its password); ``dialect`` "sqlite" or
    "postgresql". A database is known by its ledger id (``app_meta``), never by these.
    """

    path: Path | None
    engine: Engine
    sessions: sessionmaker[Session]
    backup: Path | None = None
    read_only: str = ""  # why this database cannot be written ("" when it can)
    lock: WriterLock | None = None  # the one-writer lock, when this process writes
    backups: Path | None = None  # the backup folder (automatic backups when set)
    source: Path | None = None  # read through an upgraded copy (reading=True): the file
    cleanup: Callable[[], None] | None = None  # removes that copy
    gate: Gate | None = None  # every write waits until SQLite's check passed (#21)
    url: str = ""  # shown for it: the file's path, or the server URL without password
    dialect: str = "sqlite"  # or "postgresql"

    def __post_init__(self) -> None:
        if not self.url and self.path is not None:
            self.url = str(self.path)

    @property
    def file(self) -> Path:
        """The SQLite file, for what works on a file only (its lock, copy, page check);
        on a server database such a step is refused in one line."""
        if self.path is None:
            from db.schema.words import Message

            raise DatabaseOpenError(Message("pg.file_only", {"where": self.url}))
        return self.path

    @contextmanager
    def session(self) -> Iterator[Session]:
        """A session in one transaction: committed on success, rolled back on error."""
        with self.sessions.begin() as session:
            yield session

    def close(self) -> None:
        self.engine.dispose()
        if self.lock is not None:
            self.lock.release()
        if self.cleanup is not None:
            self.cleanup()
            self.cleanup = None


def _on_connect(dbapi_conn: Any, _record: Any) -> None:
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA foreign_keys = ON")
    cur.execute("PRAGMA journal_mode = WAL")
    cur.execute("PRAGMA synchronous = NORMAL")
    cur.execute("PRAGMA busy_timeout = 5000")
    cur.close()


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
        if conn.dialect.name == "postgresql":  # two HQ desktops upgrading at once: one waits
            conn.execute(text("SELECT pg_advisory_xact_lock(7023)"))
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "head")


def _on_connect_read_only(dbapi_conn: Any, _record: Any) -> None:
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA query_only = ON")
    cur.execute("PRAGMA busy_timeout = 5000")
    cur.close()


def open_database(
    target: str | Path,
    *,
    must_exist: bool = False,
    writer: str | None = None,
    wait: float = 0.0,
    read_only_if_busy: bool = False,
    backups: Path | None = None,
    reading: bool = False,
    check: str = "now",
) -> Database:
    """Open (creating or upgrading if needed) the ledger database at ``target``: a
    SQLite file's path, or a PostgreSQL URL (``postgresql://user@host/db``, opened by
    :func:`open_server`: no lock, no file checks; the server does them).

    ``writer`` (what writes: "Office Ledger app", "import") takes the one-writer lock,
    waiting up to ``wait`` seconds; when another process holds it the open is refused
    (:class:`db.storage.lock.WriterBusy`), or with ``read_only_if_busy`` it opens read-only.
    ``backups`` is the backup folder: the database is backed up there before a
    migration (and :func:`db.storage.backup.before_change` uses it). ``reading``: a read-only
    command's open, which never writes the file (see the module's docstring).
    ``check`` is when SQLite's
    whole check runs (:func:`db.storage.check_gate.at_open`): "now", "background" (the caller
    starts ``db.gate``) or "write" (at the first write); writes wait for it.

    Raises:
        DatabaseOpenError: the path is unusable, the file is not a ledger, damaged
            (:class:`db.storage.integrity.DatabaseDamaged`), or was written by a newer Office
            Ledger. The file is left untouched.
    """
    from db.storage import opening
    from db.storage.check_gate import Gate, at_open
    from db.storage.pg.target import connect_text, is_url

    if is_url(target):
        return open_server(connect_text(target), must_exist=must_exist, reading=reading)
    path = Path(target).expanduser().resolve()
    if reading:
        return _open_reading(path, must_exist)
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
        _refuse_newer(path, revision)
        if read_only and (revision != HEAD or not has_data):
            raise DatabaseOpenError(
                f"cannot open {path}: it needs {'upgrading' if has_data else 'creating'},"
                f" but it is {read_only}"
            )
        if not has_data or unfinished:
            opening.create(path, _build, replace=path.exists())  # replaces an empty file
            revision = HEAD
            gate.sound("new")
        backup = None
        if revision != HEAD:
            gate.check_now()  # an upgrade writes: SQLite's whole check first (#21)
            if backups is not None:
                from db.storage.backup import folder_for, take

                backup = take(path, folder_for(backups, path), "before-upgrade",
                              only_if_changed=False)  # fmt: skip
            else:
                backup = _backup(path, revision)
            upgrade_file(path, backup)
        db = _engine_for(path, read_only, immutable, lock, backups)
        db.gate = gate
        if not read_only:
            event.listen(db.engine, "before_cursor_execute",
                         lambda _c, _cur, sql, *_: gate.before_write(sql))  # fmt: skip
    except BaseException:
        if lock is not None:
            lock.release()
        raise
    try:
        db.backup = backup
        if not read_only:
            from db.storage.clock import ensure_device
            from db.storage.machine import identity

            with db.session() as session:  # a file opened in a new place takes a new device id
                ensure_device(session, identity(path))
    except sqlite3.Error as exc:  # pragma: no cover - disk full, locked beyond timeout
        db.close()
        raise DatabaseOpenError(f"cannot open {path}: {exc}") from exc
    except BaseException:
        db.close()
        raise
    return db


def open_server(url: str, *, must_exist: bool = False, reading: bool = False) -> Database:
    """Open (creating or upgrading if needed) the ledger in the PostgreSQL database ``url``.

    Raises:
        ServerRefused: the server cannot be reached, refuses the login, has no such
            database or is too old; the database holds something else.
        DatabaseOpenError: the schema is a newer Office Ledger's.
    """
    from db.schema.words import Message
    from db.storage.pg.connect import (
        ServerRefused,
        connect_check,
        display,
        failed,
        make_engine,
    )

    engine = make_engine(url)
    try:
        revision = connect_check(engine, url)
        if revision is None and must_exist:
            raise ServerRefused(Message("pg.empty", {"where": display(url)}))
        _refuse_newer(display(url), revision)
        if revision != HEAD:
            if reading and revision is not None:
                raise DatabaseOpenError(Message("pg.needs_upgrade", {"where": display(url)}))
            log.info("migrating %s from %s to %s", display(url), revision, HEAD)
            _upgrade(engine)
        db = Database(None, engine, sessionmaker(engine, expire_on_commit=False),
                      url=display(url), dialect="postgresql")  # fmt: skip
        if not reading:
            from db.storage.clock import ensure_device

            with db.session() as session:
                ensure_device(session)  # no place: a server database is not a file
    except Exception as exc:  # any error of the server's: one line, never a traceback
        engine.dispose()
        said = failed(exc, url)
        if said is None:
            raise
        raise said from None
    except BaseException:
        engine.dispose()
        raise
    return db


def _refuse_newer(path: Path | str, revision: str | None) -> None:
    from db.storage.schema_apps import is_newer, needed_app

    if is_newer(revision):
        raise DatabaseOpenError(
            f"{path} was written by a newer Office Ledger (schema {revision}; it needs"
            f" Office Ledger ≥ {needed_app(revision)}); update the app"
        )


def upgrade_part(path: Path) -> Path:
    """The hidden file an upgrade of ``path`` is made in (a killed upgrade's is swept)."""
    return path.with_name(f".{path.name}.upgrading.part")


def upgrade_file(path: Path, backup: Path | None = None) -> None:
    """Every migration ``path`` needs, all or nothing: run on a copy beside it, which
    is renamed into its place only when complete. The caller holds the writer lock.

    Raises:
        DatabaseOpenError: the upgrade failed (or another program still reads the
            file); the file is as it was, and ``backup`` names the copy from before.
    """
    from db.storage.backup import _fsync_dir
    from db.storage.machine import identity

    part = upgrade_part(path)
    sides = [part.with_name(part.name + s) for s in ("", "-wal", "-shm", "-journal")]
    for leftover in sides:
        leftover.unlink(missing_ok=True)
    try:
        conn = sqlite3.connect(path)  # fold the WAL in: nothing of it may outlive the file
        try:
            conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        finally:
            conn.close()
        wal = path.with_name(path.name + "-wal")
        if wal.exists() and wal.stat().st_size:
            raise DatabaseOpenError(
                f"cannot upgrade {path} while another program reads it; close it and try again"
            )
        engine = _upgraded_copy(path, part)
        try:
            with engine.begin() as conn2:  # the renamed file is the same file, not a copy
                number = os.stat(part).st_ino
                conn2.execute(
                    text("UPDATE app_meta SET value = :new WHERE key = 'opened_at_place'"
                         " AND value = :old"),
                    {"new": identity(path, number), "old": identity(path)},
                )  # fmt: skip
        finally:
            engine.dispose()  # the last connection: the copy's WAL is folded in
        with open(part, "rb+") as fh:
            os.fsync(fh.fileno())
        for side in ("-wal", "-shm"):
            path.with_name(path.name + side).unlink(missing_ok=True)
        os.replace(part, path)
        _fsync_dir(path.parent)
    except DatabaseOpenError:
        raise
    except Exception as exc:
        kept = f"; the copy from before the upgrade is {backup}" if backup else ""
        raise DatabaseOpenError(
            f"the upgrade of {path} failed ({exc}); nothing was changed{kept}"
        ) from exc
    finally:
        for leftover in sides:
            leftover.unlink(missing_ok=True)


def _upgraded_copy(path: Path, dest: Path, *, immutable: bool = False) -> Engine:
    """``path`` copied into ``dest`` (SQLite's backup API, read-only) and migrated there:
    the one way both the all-or-nothing upgrade and a read-only command's copy are made.
    The caller disposes of the engine it returns."""
    from db.storage.backup import _copy
    from db.storage.integrity import connect_ro

    src = connect_ro(path, immutable=immutable)
    try:
        _copy(src, dest)
    finally:
        src.close()
    engine = create_engine(f"sqlite:///{dest}")
    event.listen(engine, "connect", _on_connect)
    try:
        _upgrade(engine)
    except BaseException:
        engine.dispose()
        raise
    return engine


def needs_upgrade(path: Path) -> bool:
    """Whether the ledger at ``path`` is at an older schema than this app's."""
    from db.storage.schema_apps import is_older

    path = Path(path).expanduser().resolve()
    if not check_file(path):
        return False
    from db.storage.opening import read_only_media

    return is_older(_current_revision(path, bool(read_only_media(path))))


def _open_reading(path: Path, must_exist: bool) -> Database:
    """A read-only command's database: this file read-only when it is up to date, else
    an upgraded copy of it in a temporary folder (the file itself is never written)."""
    import tempfile

    from db.storage import opening
    from db.storage.check_gate import before_reading

    has_data = check_file(path, must_exist=must_exist)
    immutable = bool(opening.read_only_media(path)) if path.exists() else False
    revision = None
    if has_data:
        before_reading(path, immutable=immutable)  # the whole pass only on a small file (#21)
        revision = _current_revision(path, immutable)
        _refuse_newer(path, revision)
        if revision == HEAD and _has_device(path, immutable):
            return _engine_for(path, "reading", immutable, None, None)
    folder = Path(tempfile.mkdtemp(prefix="office-ledger-read-"))
    try:
        copy = folder / path.name
        if revision is None:
            _build(copy)
        else:
            engine = _upgraded_copy(path, copy, immutable=immutable)
            try:
                from db.storage.clock import ensure_device

                with sessionmaker(engine).begin() as session:
                    ensure_device(session)  # no place: the copy is not a laptop
            finally:
                engine.dispose()
        db = _engine_for(copy, "reading", False, None, None)
    except BaseException:
        shutil.rmtree(folder, ignore_errors=True)
        raise
    db.source = path
    db.cleanup = lambda: shutil.rmtree(folder, ignore_errors=True)
    return db


def _has_device(path: Path, immutable: bool) -> bool:
    from db.storage.integrity import connect_ro

    try:
        conn = connect_ro(path, immutable=immutable)
    except sqlite3.Error:
        return False
    try:
        row = conn.execute("SELECT count(*) FROM app_meta WHERE key = 'device_id'").fetchone()
        return bool(row[0])
    except sqlite3.Error:
        return False
    finally:
        conn.close()


def _build(part: Path) -> None:
    """A complete new ledger in the file ``part``: schema and device identity."""
    engine = create_engine(f"sqlite:///{part}")
    event.listen(engine, "connect", _on_connect)
    try:
        _upgrade(engine)
        from db.storage.clock import ensure_device

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
    from db.storage.models import SYNCED_MODELS

    with db.engine.connect() as conn:
        return {
            m.__tablename__: conn.execute(  # type: ignore[attr-defined]
                text(f"SELECT count(*) FROM {m.__tablename__}")  # type: ignore[attr-defined]
            ).scalar_one()
            for m in SYNCED_MODELS
        }
