"""Backups of a ledger database: taken with SQLite's online backup API, checked, thinned.

A backup is a complete database file, ``<folder>/<ledger id>/<stem>-YYYYMMDD-HHMMSS-<why>.sqlite3``,
written under a hidden ``.part`` name, checked with ``integrity_check`` and only then
given its final name (so a half-written backup never looks like one). It is taken only
when something changed since the newest backup (:func:`fingerprint`). Old backups are
thinned (:func:`keep`): the newest 10, the newest of each day for 2 weeks, of each week
for 3 months and of each month for 2 years, within a size bound.

:func:`restore` puts a backup in a database's place after backing up what it replaces.
The live database is never copied as a file: a WAL database's file alone may lack its
newest commits.

Identity, not names (issue #19): a database's backups are those of its ledger id
(:mod:`db.storage.clock`), in the folder named by it, each checked by the id it holds; two
databases of one name never see each other's backups, and a backup of another database
is refused (:func:`restore_into` makes a new file of it). A backup from before ledger
ids (in the old ``<folder>/<stem>`` folder) is this database's when its device id is
one of this database's own. A backup written by a newer app is listed with the
version it needs and never restored. A damaged database whose ids cannot be read is
known by the ledger id last seen at its path (``ledgers.json`` in the backup folder).

Every backup names the app version that wrote it (``backup_app_version`` in its own
``app_meta``, :data:`WRITTEN_BY`); ``backups`` and the restore dialog show it. A file
restored from a backup is no longer a backup and loses the key.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import sqlite3
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from db.schema.errors import LedgerError
from db.schema.words import Message
from db.storage.integrity import check_file, connect_ro

if TYPE_CHECKING:
    from db.storage.database import Database

KEEP_LAST = 10
KEEP_DAYS = 14
KEEP_WEEKS = 13  # three months
KEEP_MONTHS = 24
MAX_TOTAL = 2 * 1024**3  # bytes: the oldest go first beyond this (the newest 3 stay)
NAME = re.compile(
    r"^(?P<stem>.+)-(?P<stamp>\d{8}-\d{6})(?:-(?P<n>\d+))?-(?P<why>[a-z-]+)\.sqlite3$"
)
Clock = Callable[[], datetime]
WRITTEN_BY = "backup_app_version"  # app_meta key of a backup: the app version that wrote it


class BackupError(LedgerError):
    """A backup could not be written or read (full disk, damaged file); one line.

    Raised with a :class:`db.schema.words.Message` where a person reads it in the window (a
    refused restore, issue #19): :meth:`text` renders it in any language, ``str()`` in
    English for the command line."""

    def __init__(self, message: str | Message) -> None:
        super().__init__(str(message))
        self.message = message

    def text(self, lang: str = "en") -> str:
        return self.message if isinstance(self.message, str) else self.message.text(lang)


@dataclass(frozen=True)
class BackupInfo:
    path: Path
    taken: datetime
    reason: str
    size: int
    needs: str = ""  # "0.5.0": written by a newer app, which it needs ("" restorable)
    app_version: str = ""  # the app version that wrote the backup ("": not recorded)


@dataclass(frozen=True)
class FileIds:
    """Who a database file is, as it says itself (read without writing)."""

    ledger: str  # its ledger id (its device id when it predates ledger ids)
    device: str
    device_name: str
    revision: str | None
    clock: int
    own: frozenset[str]  # device ids its versions carry (now and before a move)
    has_ledger: bool  # the ledger id is its own (not the device id of an older app)
    app_version: str = ""  # a backup's: the app version that wrote it ("" not recorded)


def identify(path: Path, *, immutable: bool = False) -> FileIds | None:
    """The ids ``path`` holds; None when it cannot be read (damaged, not a ledger)."""
    try:
        conn = connect_ro(path, immutable=immutable)
    except sqlite3.Error:
        return None
    try:
        meta = dict(conn.execute("SELECT key, value FROM app_meta"))
        try:
            row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
        except sqlite3.DatabaseError:
            row = None
    except sqlite3.DatabaseError:
        return None
    finally:
        conn.close()
    device = str(meta.get("device_id", ""))
    if not device:
        return None
    try:
        former = json.loads(meta.get("former_device_ids", "[]"))
    except ValueError:
        former = []
    ids = {device}
    for x in former if isinstance(former, list) else []:
        ids.add(str(x.get("id", "")) if isinstance(x, dict) else str(x))
    try:
        clock = int(meta.get("lamport_clock", 0))
    except ValueError:
        clock = 0
    ledger = str(meta.get("ledger_id", "")) or device
    return FileIds(ledger, device, str(meta.get("device_name", "")), row[0] if row else None,
                   clock, frozenset(ids - {""}), bool(meta.get("ledger_id")),
                   str(meta.get(WRITTEN_BY, "")))  # fmt: skip


def same_ledger(db: FileIds, backup: FileIds) -> bool:
    """Whether ``backup`` is a backup of the database ``db``: the same ledger id; for a
    backup from before ledger ids, a device id that is one of the database's own."""
    if backup.has_ledger:
        return backup.ledger == db.ledger
    return backup.device in db.own or backup.device == db.ledger


INDEX = "ledgers.json"  # in the backup folder: path -> ledger id last seen there


def ledger_of(base: Path, db_path: Path) -> FileIds | None:
    """The ids of the database at ``db_path``; for one that cannot be read (damaged),
    the ids last seen at its path (None when never seen)."""
    found = identify(db_path)
    index = base / INDEX
    try:
        known = json.loads(index.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        known = {}
    known = known if isinstance(known, dict) else {}
    key = str(db_path)
    if found is None:
        seen = known.get(key)
        if not isinstance(seen, dict) or not seen.get("ledger"):
            return None
        return FileIds(str(seen["ledger"]), "", "", None, 0,
                       frozenset(str(x) for x in seen.get("own", [])), True)  # fmt: skip
    entry = {"ledger": found.ledger, "own": sorted(found.own)}
    if known.get(key) != entry:
        known[key] = entry
        with contextlib.suppress(OSError):
            base.mkdir(parents=True, exist_ok=True)
            part = index.with_name(f".{INDEX}.part")
            part.write_text(json.dumps(known, ensure_ascii=False, indent=1), encoding="utf-8")
            os.replace(part, index)
    return found


@dataclass
class Preview:
    """What a backup holds: when, records per office and type, the newest change."""

    path: Path
    taken: datetime | None
    counts: dict[str, dict[str, int]] = field(default_factory=dict)  # office -> table -> n
    newest_change: datetime | None = None
    problems: list[str] = field(default_factory=list)
    app_version: str = ""  # the app version that wrote the backup ("": not recorded)

    @property
    def ok(self) -> bool:
        return not self.problems

    def totals(self) -> dict[str, int]:
        out: dict[str, int] = {}
        for per_table in self.counts.values():
            for table, n in per_table.items():
                out[table] = out.get(table, 0) + n
        return out


def folder_for(base: Path, db_path: Path) -> Path:
    """Where the backups of the database at ``db_path`` go under the backup folder
    ``base``: the folder of its ledger id (of its name only when it has no ids yet)."""
    found = ledger_of(base, db_path)
    return base / (found.ledger if found is not None else f"unnamed-{db_path.stem}")


def backups_of(base: Path, db_path: Path) -> list[BackupInfo]:
    """The backups of the database at ``db_path``, newest first: those in its ledger's
    folder and, from before ledger ids, in the folder of its name, each checked by the
    ids it holds. Backups from a newer app say the version they need (``needs``)."""
    from db.storage.schema_apps import is_newer, needed_app

    found = ledger_of(base, db_path)
    if found is None:
        return []
    out = []
    seen: set[Path] = set()
    for folder in (base / found.ledger, base / db_path.stem):
        for b in list_backups(folder):
            ids = identify(b.path)
            if b.path in seen or ids is None or not same_ledger(found, ids):
                continue  # another database's (or unreadable: it cannot be named)
            seen.add(b.path)
            needs = needed_app(ids.revision) if is_newer(ids.revision) else ""
            out.append(BackupInfo(b.path, b.taken, b.reason, b.size, needs, ids.app_version))
    out.sort(key=lambda b: (b.taken, b.path.name), reverse=True)
    return out


def _tables() -> tuple[str, ...]:
    """Every record type's table, from the declarations (db/schema/kinds.py)."""
    from db.schema.kinds import RecordKind

    return tuple(kind.spec.table for kind in RecordKind)


def _count_queries() -> list[tuple[str, str]]:
    """Per record table: office, count and newest change of its live records. A kind
    without an office of its own (a newsletter issue) takes its parent record's."""
    from db.schema.fields import FieldType
    from db.schema.kinds import RecordKind

    out = []
    for kind in RecordKind:
        spec = kind.spec
        if spec.has_office:
            out.append(
                (
                    spec.table,
                    f"SELECT office_code, count(*), max(updated_at)"
                    f" FROM {spec.table} WHERE NOT deleted GROUP BY office_code",
                )
            )
            continue
        ref = next(f for f in spec.stored_fields if f.type is FieldType.REF)
        parent = ref.db_column.removesuffix("_id")
        out.append(
            (
                spec.table,
                f"SELECT p.office_code, count(*), max(t.updated_at)"
                f" FROM {spec.table} t JOIN {parent} p ON p.id = t.{ref.db_column}"
                " WHERE NOT t.deleted GROUP BY p.office_code",
            )
        )
    return out


def fingerprint(conn: sqlite3.Connection) -> str:
    """Changes whenever a record, the sync history or the clock changes."""
    parts = []
    try:
        for table in _tables():
            parts.append(conn.execute(
                f"SELECT count(*), coalesce(max(version), 0), coalesce(sum(version), 0)"
                f" FROM {table}").fetchone())  # fmt: skip
        parts.append(conn.execute("SELECT count(*), max(id) FROM sync_log").fetchone())
        parts.append(conn.execute("SELECT value FROM app_meta WHERE key='lamport_clock'"
                                  ).fetchone())  # fmt: skip
    except sqlite3.DatabaseError:
        return ""  # not a ledger yet (an empty file)
    return repr(parts)


def list_backups(folder: Path) -> list[BackupInfo]:
    """The backups in ``folder``, newest first (hidden ``.part`` files are not)."""
    found = []
    try:
        entries = list(folder.iterdir())
    except OSError:
        return []
    for path in entries:
        match = NAME.match(path.name)
        if not match:
            continue
        try:
            taken = datetime.strptime(match["stamp"], "%Y%m%d-%H%M%S")
            taken += timedelta(microseconds=int(match["n"] or 1) - 1)  # two in one second
            size = path.stat().st_size
        except (ValueError, OSError):
            continue
        found.append(BackupInfo(path, taken, match["why"], size))
    found.sort(key=lambda b: (b.taken, b.path.name), reverse=True)
    return found


def _sweep_parts(folder: Path) -> None:
    """Remove ``.part`` files a killed backup left (only this folder's own kind)."""
    for path in folder.glob(".*.sqlite3.part"):
        with contextlib.suppress(OSError):
            path.unlink()


def take(
    db_path: Path,
    folder: Path,
    reason: str,
    *,
    now: Clock = datetime.now,
    only_if_changed: bool = True,
    max_total: int = MAX_TOTAL,
    thinning: bool = True,
    immutable: bool = False,
) -> Path | None:
    """Back up ``db_path`` into ``folder``; the new backup, or None when nothing changed.

    ``immutable``: ``db_path`` is on read-only media (read it without -wal/-shm).

    Raises:
        BackupError: the backup could not be written or did not pass integrity_check;
            the database and the earlier backups are as they were.
    """
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise BackupError(
            Message("backups.cannot_make_folder", {"folder": folder, "reason": exc.strerror})
        ) from exc
    _sweep_parts(folder)
    try:
        src = connect_ro(db_path, immutable=immutable)
    except sqlite3.Error as exc:
        raise BackupError(f"cannot read {db_path} to back it up: {exc}") from exc
    try:
        if only_if_changed:
            newest = list_backups(folder)
            if newest and _same(src, newest[0].path):
                return None
        when = now()
        stem = f"{db_path.stem}-{when:%Y%m%d-%H%M%S}"
        target = folder / f"{stem}-{reason}.sqlite3"
        n = 1
        while target.exists():
            n += 1
            target = folder / f"{stem}-{n}-{reason}.sqlite3"
        part = folder / f".{target.name}.part"
        try:
            _copy(src, part, backup=True)
            result = check_file(part)
            if not result.ok:
                raise BackupError(
                    f"the backup of {db_path.name} failed its check ({result.lines()[0]});"
                    " the database may be damaged: run office-ledger check"
                )
            os.replace(part, target)
            _fsync_dir(folder)
        except (OSError, sqlite3.Error) as exc:
            part.unlink(missing_ok=True)
            raise BackupError(
                Message("backups.cannot_write", {"folder": folder, "reason": _reason(exc)})
            ) from exc
        except BaseException:
            part.unlink(missing_ok=True)
            raise
    finally:
        src.close()
    if thinning:
        thin(folder, now(), max_total=max_total)
    return target


def _reason(exc: BaseException) -> str | Message:
    text = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
    if "full" in text or "No space" in text:
        return Message("backups.disk_full", {"reason": text})
    return text


def _same(src: sqlite3.Connection, backup: Path) -> bool:
    try:
        other = connect_ro(backup)
    except sqlite3.Error:
        return False
    try:
        return fingerprint(src) == fingerprint(other) != ""
    finally:
        other.close()


def _copy(src: sqlite3.Connection, target: Path, *, backup: bool = False) -> None:
    """SQLite's online backup of ``src`` into a new file (rollback journal, synced).
    ``backup``: the file is a backup, and names the app version writing it; otherwise
    (a restore) it is a database again, and names none."""
    from db.schema.appinfo import __version__

    target.unlink(missing_ok=True)
    dst = sqlite3.connect(target)
    try:
        src.backup(dst)
        with contextlib.suppress(sqlite3.OperationalError):  # no app_meta: not a ledger yet
            if backup:
                dst.execute("INSERT OR REPLACE INTO app_meta (key, value) VALUES (?, ?)",
                            (WRITTEN_BY, __version__))  # fmt: skip
            else:
                dst.execute("DELETE FROM app_meta WHERE key = ?", (WRITTEN_BY,))
            dst.commit()
        dst.execute("PRAGMA journal_mode = DELETE")  # one self-contained file
        dst.commit()
    finally:
        dst.close()
    with open(target, "rb+") as fh:
        os.fsync(fh.fileno())


def _fsync_dir(folder: Path) -> None:
    if os.name != "posix":
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def keep(taken: Iterable[datetime], today: date) -> set[datetime]:
    """The backup times thinning keeps: the newest 10, and the newest of each day in the
    last 14 days, of each (Monday-started) week in the last 13 weeks and of each month in
    the last 24 months, counted from ``today``."""
    times = sorted(set(taken), reverse=True)
    kept = set(times[:KEEP_LAST])
    newest: dict[tuple[str, object], datetime] = {}
    for t in times:  # newest first: the first seen in a bucket is its newest
        d = t.date()
        week = d - timedelta(days=d.weekday())
        month = (d.year, d.month)
        if (today - d).days < KEEP_DAYS:
            newest.setdefault(("day", d), t)
        if (today - week).days < KEEP_WEEKS * 7:
            newest.setdefault(("week", week), t)
        if (today.year * 12 + today.month) - (d.year * 12 + d.month) < KEEP_MONTHS:
            newest.setdefault(("month", month), t)
    return kept | set(newest.values())


def thin(folder: Path, now: datetime, *, max_total: int = MAX_TOTAL) -> list[Path]:
    """Delete the backups :func:`keep` does not keep, then the oldest beyond
    ``max_total`` bytes (never the newest 3); the files deleted."""
    backups = list_backups(folder)
    wanted = keep((b.taken for b in backups), now.date())
    gone = [b for b in backups if b.taken not in wanted]
    left = [b for b in backups if b not in gone]
    total = sum(b.size for b in left)
    for b in reversed(left[3:]):  # oldest first
        if total <= max_total:
            break
        gone.append(b)
        total -= b.size
    for b in gone:
        with contextlib.suppress(OSError):
            b.path.unlink()
    return [b.path for b in gone]


def preview(path: Path) -> Preview:
    """What ``path`` holds, after the full check (``problems`` says what failed)."""
    match = NAME.match(path.name)
    taken = datetime.strptime(match["stamp"], "%Y%m%d-%H%M%S") if match else None
    if taken is None:
        with contextlib.suppress(OSError):
            taken = datetime.fromtimestamp(path.stat().st_mtime)
    result = Preview(path, taken)
    checked = check_file(path)
    if not checked.ok:
        result.problems = checked.lines()
        return result
    conn = connect_ro(path)
    try:
        newest = None
        for table, query in _count_queries():
            for office, n, last in conn.execute(query):
                result.counts.setdefault(office, {})[table] = n
                newest = max(newest or last, last)
        if newest:
            result.newest_change = datetime.fromisoformat(str(newest)[:19])
        row = conn.execute("SELECT value FROM app_meta WHERE key = ?", (WRITTEN_BY,)).fetchone()
        result.app_version = str(row[0]) if row else ""
    except sqlite3.DatabaseError as exc:
        result.problems = [str(exc)]
    finally:
        conn.close()
    return result


def restore(db_path: Path, backup: Path, base: Path, *, now: Clock = datetime.now) -> Path | None:
    """Put ``backup`` in ``db_path``'s place; the backup of what it replaced (None when
    there was nothing to keep), in the backup folder ``base``. The caller holds the
    writer lock.

    Raises:
        BackupError: the backup fails its check, is of another database or from a newer
            app, or what it replaces cannot be backed up first; the database is as it was.
    """
    checked = check_file(backup)
    if not checked.ok:
        raise BackupError(
            Message("backups.damaged_choose", {"name": backup.name, "problem": checked.lines()[0]})
        )
    ids = refuse_unrestorable(backup)
    mine = ledger_of(base, db_path)
    if mine is not None and not same_ledger(mine, ids):
        raise BackupError(another_database(backup, ids))
    ledger = mine.ledger if mine is not None else ids.ledger
    saved: Path | None = None
    sound = False
    if db_path.exists():
        sound = check_file(db_path).ok
        if sound:
            saved = take(
                db_path,
                folder_for(base, db_path),
                "before-restore",
                now=now,
                only_if_changed=False,
                thinning=False,
            )  # never thin away the backup being restored
        else:  # a damaged file cannot be read by the backup API: keep its bytes aside
            saved = _set_aside(db_path, now())
    # staged beside the database with its new device id, so the restore is one step
    part = db_path.with_name(f".{db_path.name}.restore.part")
    try:
        src = connect_ro(backup)
        try:
            _copy(src, part)
        finally:
            src.close()
        _new_identity(part, ledger, db_path)
        if sound:
            staged = connect_ro(part)
            dst = sqlite3.connect(db_path)
            try:
                staged.backup(dst)  # one transaction on the live file: all or nothing
            finally:
                dst.close()
                staged.close()
            part.unlink()
        else:
            con = sqlite3.connect(part)
            con.execute("PRAGMA journal_mode = WAL")
            con.close()
            os.replace(part, db_path)
    except (OSError, sqlite3.Error) as exc:
        raise BackupError(
            Message("backups.cannot_restore", {"path": db_path, "reason": _reason(exc)})
        ) from exc
    finally:
        part.unlink(missing_ok=True)
    return saved


def _new_identity(part: Path, ledger: str, db_path: Path) -> None:
    """A restored database makes its next versions under a new device id: the versions
    it made after the backup (now gone) may have travelled already, and its clock is
    back where the backup left it, so the same (version, device) pairs would come
    again with other values (see :mod:`db.storage.machine`). It stays the same ledger
    (``ledger``), and knows the place it is restored to as its own (not a copy)."""
    import os

    from sqlalchemy import create_engine
    from sqlalchemy.orm import Session

    from db.storage.clock import LEDGER, PLACE, new_identity
    from db.storage.machine import identity
    from db.storage.models import AppMeta

    number = os.stat(db_path).st_ino if db_path.exists() else os.stat(part).st_ino
    engine = create_engine(f"sqlite:///{part}")
    try:
        with Session(engine) as session, session.begin():
            new_identity(session)
            for key, value in ((LEDGER, ledger), (PLACE, identity(db_path, number))):
                found = session.get(AppMeta, key)
                if found is None:
                    session.add(AppMeta(key=key, value=value))
                else:
                    found.value = value
    finally:
        engine.dispose()


def refuse_unrestorable(backup: Path) -> FileIds:
    """The ids of ``backup``, if this app can restore it.

    Raises:
        BackupError: it is not a ledger, or a newer app wrote it (the version it needs).
    """
    from db.storage.schema_apps import is_newer

    ids = identify(backup)
    if ids is None:
        raise BackupError(Message("backups.not_ledger", {"name": backup.name}))
    if is_newer(ids.revision):
        raise BackupError(_newer(backup, ids))
    return ids


def _newer(backup: Path, ids: FileIds) -> Message:
    """The refusal of a backup a newer app wrote, saying the version it needs."""
    from db.storage.schema_apps import needed_app

    return Message("backups.newer", {"name": backup.name, "revision": ids.revision,
                                     "version": needed_app(ids.revision)})  # fmt: skip


def refusal(backup: Path, db_path: Path | None, base: Path) -> Message | None:
    """Why ``backup`` cannot be restored (into the database at ``db_path``, whose
    backups are under ``base``; None: into a new file): written by a newer app, or a
    backup of another database. None when its ids allow it, or when it cannot be read
    (its check says what is wrong). The one refusal the window and the command line
    say (issue #19)."""
    from db.storage.schema_apps import is_newer

    ids = identify(backup)
    if ids is None:
        return None
    if is_newer(ids.revision):
        return _newer(backup, ids)
    if db_path is None:
        return None
    mine = ledger_of(base, db_path)
    if mine is None or same_ledger(mine, ids):
        return None
    return another_database(backup, ids)


def another_database(backup: Path, ids: FileIds) -> Message:
    """The refusal of a backup of another database, saying whose it is and what to do."""
    match = NAME.match(backup.name)
    when = (datetime.strptime(match["stamp"], "%Y%m%d-%H%M%S") if match
            else datetime.fromtimestamp(backup.stat().st_mtime))  # fmt: skip
    laptop = ids.device_name or Message("backups.another_laptop")
    return Message("backups.another", {"laptop": laptop, "at": f"{when:%Y-%m-%d %H:%M}",
                                       "path": backup})  # fmt: skip


def restore_into(backup: Path, target: Path) -> None:
    """Make a new database file ``target`` from ``backup`` (of any database): a copy,
    which takes its own ledger and device ids when first opened.

    Raises:
        BackupError: ``target`` already holds something, the backup is damaged or from a
            newer app, or the copy cannot be written; nothing is left at ``target``.
    """
    checked = check_file(backup)
    if not checked.ok:
        raise BackupError(
            Message("backups.damaged_choose", {"name": backup.name, "problem": checked.lines()[0]})
        )
    refuse_unrestorable(backup)
    if target.exists():
        raise BackupError(f"{target} already exists; give a new file's name")
    if not target.parent.is_dir():
        raise BackupError(f"cannot write {target}: folder {target.parent} does not exist")
    part = target.with_name(f".{target.name}.restore.part")
    try:
        src = connect_ro(backup)
        try:
            _copy(src, part)
        finally:
            src.close()
        os.link(part, target)  # never over a file made meanwhile
    except FileExistsError as exc:
        raise BackupError(f"{target} already exists; give a new file's name") from exc
    except (OSError, sqlite3.Error) as exc:
        raise BackupError(
            Message("backups.cannot_restore", {"path": target, "reason": _reason(exc)})
        ) from exc
    finally:
        part.unlink(missing_ok=True)


def _set_aside(db_path: Path, when: datetime) -> Path:
    """Move a damaged database (and its WAL files) aside under a dated name."""
    target = db_path.with_name(f"{db_path.stem}.damaged-{when:%Y%m%d-%H%M%S}{db_path.suffix}")
    try:
        os.replace(db_path, target)
        for extra in ("-wal", "-shm"):
            side = db_path.with_name(db_path.name + extra)
            if side.exists():
                os.replace(side, target.with_name(target.name + extra))
    except OSError as exc:
        raise BackupError(
            Message("backups.cannot_set_aside", {"name": db_path.name, "reason": exc.strerror})
        ) from exc
    return target


def before_change(db: Database, reason: str) -> Path | None:
    """Back up ``db`` into its backup folder before an import, merge, restore or demo
    load, if it changed since the newest backup (nothing when no folder is set).

    Raises:
        BackupError: the backup could not be written; the caller changes nothing.
    """
    if db.backups is None or db.read_only or db.path is None:  # a server: pg_dump (docs)
        return None
    if not _has_records(db):
        return None  # no records yet: nothing a backup could save
    return take(db.path, folder_for(db.backups, db.path), reason)


def _has_records(db: Database) -> bool:
    """Whether any record table (db/schema/kinds.py) holds a row, tombstones included (read
    here, not through db.storage.database, which imports this module: no cycle)."""
    from db.schema.kinds import SPECS

    with db.engine.connect() as conn:
        return any(conn.exec_driver_sql(f"SELECT 1 FROM {s.table} LIMIT 1").first() is not None
                   for s in SPECS.values())  # fmt: skip


def newest_backup(db: Database) -> Path | None:
    """The newest backup of ``db`` (by its ledger id) in its backup folder, if it holds
    what ``db`` holds now (None otherwise: no backup can be named for its records)."""
    if db.backups is None or db.path is None:
        return None
    found = backups_of(db.backups, db.path)
    if not found:
        return None
    try:
        src = connect_ro(db.path)
    except sqlite3.Error:
        return None
    try:
        return found[0].path if _same(src, found[0].path) else None
    finally:
        src.close()


def local(utc: datetime) -> datetime:
    """A stored (naive UTC) time in this computer's time zone, for people to read."""
    from datetime import UTC

    return utc.replace(tzinfo=UTC).astimezone().replace(tzinfo=None)
