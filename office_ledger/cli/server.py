"""Commands for headquarters' PostgreSQL database (issue #23): ``copy`` moves a ledger
between databases (a SQLite file and a server, either way, or file to file), ``migrate``
upgrades a database's schema (a server's in one transaction; a file as ``upgrade``
does), ``server-password`` keeps a server role's password in the system keyring; and
``backup``, ``backups``, ``restore``, ``check`` and ``upgrade`` on a server
(:func:`run_on_server`: ``pg_dump -Fc`` / ``pg_restore``, :mod:`db.storage.pg.backup`).
"""

from __future__ import annotations

import argparse
import getpass
import sys
from pathlib import Path
from typing import Any

from db.schema.words import Message, word
from db.storage.pg.target import connect_text
from office_ledger.cli.args import db_arg, is_server


def add_parsers(commands: Any) -> None:
    copy = commands.add_parser(
        "copy", help="copy a whole ledger into an empty database (e.g. a SQLite file into "
        "headquarters' PostgreSQL server); the ledger id is kept")  # fmt: skip
    copy.add_argument(
        "--from",
        dest="source",
        type=db_arg,
        required=True,
        metavar="DB",
        help="the ledger to copy: a file, or postgresql://USER@HOST/DBNAME",
    )
    copy.add_argument(
        "--to",
        dest="target",
        type=db_arg,
        required=True,
        metavar="DB",
        help="an empty (or new) database: a file, or a PostgreSQL URL",
    )
    copy.set_defaults(handler=_copy)
    password = commands.add_parser(
        "server-password", help="keep the password of --db's PostgreSQL role in the system "
        "keyring (read from the terminal or standard input; never stored in a file)")  # fmt: skip
    password.set_defaults(handler=_password)


def _copy(_db_path: Path, args: argparse.Namespace) -> int:
    from db.schema.errors import LedgerError
    from db.storage.copying import copy_ledger
    from db.storage.database import open_database

    source, target = args.source, args.target
    if not is_server(source) and not source.expanduser().exists():
        raise LedgerError(Message("pg.no_source", {"where": str(source)}))
    if not is_server(target) and target.expanduser().exists():
        raise LedgerError(Message("pg.target_exists", {"where": str(target)}))
    src = open_database(source, must_exist=True, reading=True)
    try:
        dst = open_database(target)
        try:
            copied = copy_ledger(src, dst)
            if dst.path is not None:  # the file keeps the ledger and device ids where it lies
                _settle_place(dst)
        except BaseException:
            dst.close()
            if dst.path is not None and not is_server(target):
                for side in ("", "-wal", "-shm"):
                    Path(f"{dst.path}{side}").unlink(missing_ok=True)
            raise
        dst.close()
    finally:
        src.close()
    total = sum(copied.values())
    print(word("pg.copied", _lang(args), source=src.url, target=dst.url, rows=f"{total:,}",
               tables=len(copied)))  # fmt: skip
    return 0


def _lang(args: argparse.Namespace) -> str:
    from office_ledger.cli.args import default_lang

    return getattr(args, "lang", None) or default_lang()


def _settle_place(db: Any) -> None:
    """A copied file is opened where it lies as the same ledger: its place is this one."""
    from sqlalchemy import text

    from db.storage.clock import PLACE
    from db.storage.machine import identity

    with db.engine.begin() as conn:
        conn.execute(text("DELETE FROM app_meta WHERE key = :k"), {"k": PLACE})
        conn.execute(text("INSERT INTO app_meta (key, value) VALUES (:k, :v)"),
                     {"k": PLACE, "v": identity(db.path)})  # fmt: skip


def _migrate(db_path: Path, args: argparse.Namespace) -> int:
    """``migrate`` / ``upgrade`` of a server's ledger (a file's: office_ledger.cli.backup)."""
    from db.storage.database import open_database
    from db.storage.migrations import HEAD

    db = open_database(db_path)  # upgrades in one transaction, or refuses in one line
    print(word("pg.at_schema", _lang(args), where=db.url, schema=HEAD))
    db.close()
    return 0


def _password(db_path: Path, args: argparse.Namespace) -> int:
    from db.schema.errors import LedgerError
    from db.storage.pg.connect import keep_password

    if not is_server(db_path):
        raise LedgerError(Message("pg.needs_server"))
    if sys.stdin.isatty():
        secret = getpass.getpass(word("pg.password_prompt", _lang(args), where=db_path))
    else:
        secret = sys.stdin.readline().rstrip("\n")
    if not secret:
        raise LedgerError(Message("pg.no_password"))
    keep_password(connect_text(db_path), secret)
    print(word("pg.kept", _lang(args), where=db_path))
    return 0


def run_on_server(command: str, db_path: Path, args: argparse.Namespace) -> int:
    """``backup``, ``backups``, ``restore``, ``check`` or ``upgrade`` of a server's ledger."""
    from db.schema.words import word
    from db.storage.database import open_database
    from db.storage.pg import backup as pg_backup
    from office_ledger.cli.args import default_lang
    from office_ledger.settings import backup_folder

    lang = getattr(args, "lang", None) or default_lang()
    url = connect_text(db_path)
    if command in ("upgrade", "migrate"):
        return _migrate(db_path, args)
    db = open_database(url, must_exist=True)
    try:
        base = backup_folder()
        if command == "backup":
            if getattr(args, "output", None) is not None:
                made = pg_backup.dump(db, url, args.output.expanduser().resolve())
            else:
                made = pg_backup.take(db, url, base)
            print(word("pg.backed_up", lang, where=db.url, target=made))
            return 0
        if command == "backups":
            found = pg_backup.listed(base, db)
            if not found:
                print(word("pg.none", lang, where=db.url, folder=pg_backup.folder(base, db)))
            for path in found:
                print(f"{path.stat().st_size / 1024:>10,.0f} KB  {path}")
            return 0
        if command == "restore":
            return _restore_on_server(db, url, args, lang)
        return _check_on_server(db, lang)
    finally:
        db.close()


def _restore_on_server(db: Any, url: str, args: argparse.Namespace, lang: str) -> int:
    from db.schema.errors import LedgerError
    from db.schema.words import word
    from db.storage.pg import backup as pg_backup
    from office_ledger.settings import backup_folder

    if getattr(args, "into", None) is not None:
        raise LedgerError("--into makes a new SQLite file; restore a server's dump into a new"
                          " server database with pg_restore (docs: PostgreSQL at"
                          " headquarters)")  # fmt: skip
    if args.latest:
        found = pg_backup.listed(backup_folder(), db)
        if not found:
            raise LedgerError(word("pg.none", lang, where=db.url,
                                   folder=pg_backup.folder(backup_folder(), db)))  # fmt: skip
        source = found[0]
    else:
        source = args.file.expanduser().resolve()
        if not source.is_file():
            raise LedgerError(f"no file {source}; nothing was restored")
    if not args.yes:
        if not sys.stdin.isatty():
            raise LedgerError(word("backups.add_yes", lang))
        answer = input(word("backups.ask", lang, path=db.url)).strip().lower()
        if answer not in ("y", "yes", "はい"):
            print(word("backups.not_restored", lang))
            return 0
    pg_backup.restore(db, url, source)
    print(word("pg.restored", lang, file=source.name, where=db.url))
    return 0


def _check_on_server(db: Any, lang: str) -> int:
    """The ledger's own rules (SQLite's page check does not apply on a server)."""
    from db.schema.words import word
    from db.storage.integrity import ledger_problems
    from db.storage.pg.dialect import RawCursor

    with db.engine.connect() as conn:
        cursor = RawCursor(conn.connection.driver_connection.cursor())
        problems = ledger_problems(cursor, postgresql=True)
    if not problems:
        print(word("pg.check", lang, where=db.url))
        return 0
    print(word("pg.problems", lang, where=db.url, count=len(problems)), file=sys.stderr)
    for line in problems:
        print(f"  {line}", file=sys.stderr)
    return 1
