"""``backup``, ``backups``, ``restore``, ``check`` and ``upgrade``, and how command-line
writers open the database (waiting for another writer, then refusing in one line).

Backups go to the ``backup_folder`` setting (default: the data folder's ``backups``),
one subfolder per database — by its ledger id, never its name (issue #19). ``restore``
shows what the backup holds first and asks (or needs ``--yes``); it backs up what it
replaces, refuses a backup of another database (``--into PATH`` makes a new file of
it) or from a newer app, and upgrades an older one after restoring it. ``upgrade``
upgrades a database from an older app in place (a backup first); the read-only
commands never do.
"""

from __future__ import annotations

import argparse
import errno
import os
import sqlite3
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from db.schema.errors import LedgerError
from office_ledger.cli.args import path_arg

if TYPE_CHECKING:
    from db.storage.database import Database

WRITE_WAIT = 60.0  # seconds a command-line writer waits for another to finish


def add_parsers(commands: Any) -> None:
    backup = commands.add_parser("backup", help="back up the database now (checked, complete)")
    backup.add_argument(
        "-o", "--output", type=path_arg, help="the backup file (default: in the backup folder)"
    )
    commands.add_parser("backups", help="list the database's backups, newest first")
    restore = commands.add_parser(
        "restore", help="put a backup in the database's place (what it replaces is backed up)"
    )
    which = restore.add_mutually_exclusive_group(required=True)
    which.add_argument("file", type=path_arg, nargs="?", metavar="FILE", help="a backup file")
    which.add_argument("--latest", action="store_true", help="the newest backup that is sound")
    restore.add_argument("--yes", action="store_true", help="restore without asking")
    restore.add_argument(
        "--into", type=path_arg, metavar="PATH",
        help="restore FILE into a new database file PATH (a backup of another database)",
    )  # fmt: skip
    commands.add_parser(
        "check", help="check the database file and the ledger's rules; exit 1 if not sound"
    )
    commands.add_parser("upgrade", help="upgrade a database made by an older app (backed up first)")
    commands.add_parser("migrate", help="the same as upgrade (a PostgreSQL server's schema: in"
                        " one transaction)")  # fmt: skip
    for name in ("backup", "backups", "restore", "check", "upgrade", "migrate"):
        commands.choices[name].add_argument(
            "--lang", choices=("ja", "en"), help="words (default: the system's)"
        )
        commands.choices[name].set_defaults(handler=_handler(name))


def _lang(args: argparse.Namespace) -> str:
    if getattr(args, "lang", None):
        return str(args.lang)
    from office_ledger.cli.args import default_lang

    return default_lang()


def _w(key: str, args: argparse.Namespace, **values: Any) -> str:
    """The catalogue's ``backups.KEY`` in the language of ``--lang``."""
    from db.schema.words import word

    return word(f"backups.{key}", _lang(args), **values)


def _handler(command: str) -> Any:
    return lambda db_path, args: run(command, db_path, args)


def run(command: str, db_path: Path, args: argparse.Namespace) -> int:
    from office_ledger.cli.args import is_server

    if is_server(db_path):  # headquarters' PostgreSQL server (issue #23)
        from office_ledger.cli.server import run_on_server

        return run_on_server(command, db_path, args)
    run_it = {"backup": _backup, "backups": _backups, "restore": _restore, "check": _check,
              "upgrade": _upgrade, "migrate": _upgrade}[command]  # fmt: skip
    return run_it(db_path.expanduser().resolve(), args)


def _folder(db_path: Path) -> Path:
    from db.storage.backup import folder_for
    from office_ledger.settings import backup_folder

    return folder_for(backup_folder(), db_path)


def _must_exist(db_path: Path, args: argparse.Namespace) -> None:
    from db.schema.errors import DatabaseOpenError
    from db.storage.database import check_file

    if not check_file(db_path, must_exist=True):
        raise DatabaseOpenError(_w("empty", args, path=db_path))


def _backup(db_path: Path, args: argparse.Namespace) -> int:
    from db.storage.backup import BackupError, take
    from db.storage.integrity import check_file
    from db.storage.opening import read_only_media

    _must_exist(db_path, args)
    # A file on read-only media has no -wal/-shm beside it: open it immutable, as
    # ``check`` does, or SQLite cannot read it and a sound file looks damaged.
    immutable = bool(read_only_media(db_path))
    checked = check_file(db_path, immutable=immutable)
    if not checked.ok:
        raise BackupError(_w("damaged", args, path=db_path, problem=checked.lines()[0]))
    if args.output is None:
        made = take(db_path, _folder(db_path), "manual", only_if_changed=False, immutable=immutable)
        print(_w("backed_up", args, name=db_path.name, target=made))
        return 0
    from exports.atomic import replacing

    target: Path = args.output.expanduser().resolve()
    if target.is_dir():
        raise BackupError(_w("is_folder", args, path=target))
    from db.storage.backup import _copy
    from db.storage.integrity import connect_ro

    with replacing(target) as part:
        src = connect_ro(db_path, immutable=immutable)
        try:
            _copy(src, part, backup=True)  # names the app version (#19)
        except sqlite3.Error as exc:
            raise OSError(errno.EIO, str(exc)) from exc
        finally:
            src.close()
        if not check_file(part).ok:
            raise BackupError(_w("failed_check", args, path=target))
    print(_w("backed_up", args, name=db_path.name, target=target))
    return 0


def _backups(db_path: Path, args: argparse.Namespace) -> int:
    from db.storage.backup import backups_of
    from office_ledger.settings import backup_folder

    found = backups_of(backup_folder(), db_path)
    if not found:
        print(_w("none", args, name=db_path.name, folder=_folder(db_path)))
        return 0
    from db.schema.words import WORDS, word
    from office_ledger.cli.text_table import display_width

    lang = _lang(args)
    # why each was taken, in words (手動, before an import), not the file name's code
    said = [word(f"backup.reason.{b.reason}", lang) if f"backup.reason.{b.reason}" in WORDS
            else b.reason for b in found]  # fmt: skip
    wide = max(15, *(display_width(s) for s in said))
    for b, why in zip(found, said, strict=True):
        pad = " " * (wide - display_width(why))
        needs = f"  ({_w('needs', args, version=b.needs)})" if b.needs else ""
        made_by = (_w("written_by", args, version=b.app_version) if b.app_version
                   else _w("written_by_unknown", args))  # fmt: skip
        print(f"{b.taken:%Y-%m-%d %H:%M:%S}  {why}{pad} {b.size / 1024:>8,.0f} KB"
              f"  {b.path}  ({made_by}){needs}")  # fmt: skip
    return 0


def describe_preview(preview: Any, lang: str = "en") -> list[str]:
    """The preview of a backup as lines: date, counts per office and type (every record
    type of db/schema/kinds.py), newest change."""
    from db.schema.kinds import RecordKind
    from db.schema.offices import OFFICE_CODES
    from db.schema.words import word
    from db.storage.backup import local

    taken = preview.taken
    lines = [word("backups.preview_of", lang, name=preview.path.name)]
    lines += [word("backups.taken", lang, at=f"{taken:%Y-%m-%d %H:%M}")] if taken else []
    newest = preview.newest_change
    lines.append(word("backups.newest", lang, at=f"{local(newest):%Y-%m-%d %H:%M}")
                 if newest else word("backups.no_records", lang))  # fmt: skip
    order = {c: i for i, c in enumerate(OFFICE_CODES)}
    for office in sorted(preview.counts, key=lambda c: order.get(c, 99)):
        per = preview.counts[office]
        text = word("backups.sep", lang).join(
            _count(per[k.spec.table], k, lang) for k in RecordKind if per.get(k.spec.table)
        )
        lines.append(f"  {office:<15}{text}")
    return [line for line in lines if line]


def _count(n: int, kind: Any, lang: str) -> str:
    """``3 seminars`` / ``セミナー 3件``: a count of records of ``kind``."""
    from db.schema.plurals import noun, plural
    from db.schema.words import word

    if lang == "ja":
        return word("backups.count", lang, noun=word(kind.spec.noun, lang), n=n)
    return plural(n, noun(kind.spec.table))


def _restore(db_path: Path, args: argparse.Namespace) -> int:
    from db.storage.backup import BackupError, backups_of, preview, restore
    from db.storage.lock import acquire
    from office_ledger.settings import backup_folder

    base = backup_folder()
    if args.into is not None and args.file is None:
        raise BackupError(_w("into_needs_file", args))
    if args.latest:
        chosen = None
        for b in backups_of(base, db_path):
            if b.needs:  # from a newer app: this one cannot open it
                continue
            shown = preview(b.path)
            if shown.ok:
                chosen = shown
                break
        if chosen is None:
            raise BackupError(_w("no_sound", args, name=db_path.name, folder=_folder(db_path)))
    else:
        source = args.file.expanduser().resolve()
        if not source.is_file():
            raise BackupError(_w("no_file", args, path=source))
        chosen = preview(source)
        if not chosen.ok:
            raise BackupError(
                _w("damaged_choose", args, name=source.name, problem=chosen.problems[0])
            )
        _restorable(source, None if args.into is not None else db_path, args)
    if args.into is not None:
        return _restore_into(chosen.path, args.into.expanduser().resolve(), args)
    for line in describe_preview(chosen, _lang(args)):
        print(line)
    if not args.yes:
        if not sys.stdin.isatty():
            raise BackupError(_w("add_yes", args))
        answer = input(_w("ask", args, path=db_path)).strip().lower()
        if answer not in ("y", "yes", "はい"):
            print(_w("not_restored", args))
            return 0
    from office_ledger.cli.interrupt import deferred, did

    lock = acquire(db_path, "restore")
    try:
        with deferred():  # a restore is done whole: Ctrl-C waits for it (seconds)
            saved = restore(db_path, chosen.path, base)
            did(f"restored {chosen.path.name} into {db_path}")
    finally:
        lock.release()
    if saved is not None:
        print(_w("kept_in", args, path=saved))
    print(_w("restored", args, name=chosen.path.name, path=db_path))
    _upgrade_after(db_path, args)
    return 0


def _restorable(source: Path, db_path: Path | None, args: argparse.Namespace) -> None:
    """Refuse (in the words of ``--lang``) a backup from a newer app, or, restoring into
    ``db_path``, a backup of another database: the window's refusal
    (:func:`db.storage.backup.refusal`)."""
    from db.storage.backup import BackupError, refusal
    from office_ledger.settings import backup_folder

    said = refusal(source, db_path, backup_folder())
    if said is not None:
        raise BackupError(said.text(_lang(args)))


def _restore_into(source: Path, target: Path, args: argparse.Namespace) -> int:
    """A backup (of any database) made a new database file: a copy, with its own ids."""
    from db.storage.backup import restore_into

    restore_into(source, target)
    open_writer(target, "restore").close()  # its own ledger and device ids; upgraded
    print(_w("restored_into", args, name=source.name, path=target))
    return 0


def _upgrade_after(db_path: Path, args: argparse.Namespace) -> None:
    """A restored backup from an older app is upgraded at once (backed up first)."""
    from db.storage.database import needs_upgrade

    if needs_upgrade(db_path):
        _upgrade(db_path, args)


def _upgrade(db_path: Path, args: argparse.Namespace) -> int:
    from db.storage.database import needs_upgrade
    from db.storage.migrations import HEAD

    _must_exist(db_path, args)
    if not needs_upgrade(db_path):
        db = open_writer(db_path, "upgrade")  # a newer one is refused, in one line
        db.close()
        print(_w("up_to_date", args, path=db_path, revision=HEAD))
        return 0
    db = open_writer(db_path, "upgrade")
    db.close()
    print(_w("upgraded", args, path=db_path, revision=HEAD, backup=db.backup))
    return 0


def _check(db_path: Path, args: argparse.Namespace) -> int:
    from db.storage.check_gate import full_check
    from db.storage.opening import read_only_media

    _must_exist(db_path, args)
    result = full_check(db_path, immutable=bool(read_only_media(db_path)))
    if result.ok:
        print(_w("sound", args, path=db_path))
        return 0
    from db.schema.plurals import plural

    n = len(result.lines())
    problems = _w("problems", args, n=n) if _lang(args) == "ja" else plural(n, "problem")
    print(_w("not_sound", args, path=db_path, problems=problems), file=sys.stderr)
    for line in result.lines():
        print(f"  {line}", file=sys.stderr)
    if result.sqlite:
        print(_w("restore_hint", args), file=sys.stderr)
    return 1


def open_writer(db_path: Path, what: str) -> Database:
    """The database opened by a command-line writer: it waits up to a minute for another
    writer (the app, another import), then refuses in one line."""
    from db.storage.database import open_database
    from office_ledger.settings import backup_folder

    wait = float(os.environ.get("OFFICE_LEDGER_WRITE_WAIT", WRITE_WAIT))
    return open_database(db_path, writer=what, wait=wait, backups=backup_folder())


def log_refused(db_path: Path, files: list[Path], message: str) -> None:
    """Put each refused file in the sync history (a log line needs no writer lock: it
    changes no record); quietly nothing when even that cannot be written."""
    from db.storage.database import open_database
    from exports.sync_log import log
    from office_ledger.settings import backup_folder

    try:  # an upgrade's backup goes to the backup folder, listed (#19)
        db = open_database(db_path, must_exist=True, backups=backup_folder())
    except LedgerError:
        return
    try:
        for path in files:
            log(db, "import", path, None, None, {}, "refused", message)
    except Exception:  # noqa: BLE001 - the disk that refused the import refuses this too
        pass
    finally:
        db.close()
