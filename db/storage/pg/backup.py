"""Backups of a ledger on a PostgreSQL server (issue #23 item 4): ``pg_dump -Fc`` and
``pg_restore``, PostgreSQL's own tools, when they are on PATH.

A backup goes into the backup folder's subfolder of the ledger's id (as a SQLite file's
backups do, :mod:`db.storage.backup`), named ``<stamp>-<reason>.dump``; ``restore`` puts
one back with ``pg_restore --clean --single-transaction`` — all of it or nothing — and
refuses a dump of another ledger (its ``app_meta`` read from the dump first). The role's
password reaches the tools through the environment (``PGPASSWORD``), never their
command line, a file or a log. Without the tools: one line saying how.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from db.schema.errors import LedgerError
from db.schema.words import Message

if TYPE_CHECKING:
    from db.storage.database import Database

DUMP = re.compile(r"^(?P<stamp>\d{8}-\d{6})-(?P<why>[a-z-]+)\.dump$")


class ServerBackupError(LedgerError):
    """pg_dump / pg_restore missing or failed; one line, in the catalogue's words."""


def tool(name: str) -> str:
    """The path of PostgreSQL's ``name`` (pg_dump, pg_restore) on PATH.

    Raises:
        ServerBackupError: it is not installed here (the line says how to get it).
    """
    found = shutil.which(name)
    if found is None:
        raise ServerBackupError(Message("pg.no_tool", {"tool": name}))
    return found


def _env(url: str) -> tuple[str, dict[str, str], Exception | None]:
    """The URL the tools connect to (no password), their environment (the password),
    and why the keyring could not give the password (None: it could, or none needed)."""
    from db.storage.pg.connect import KeyringUnreadable, _parsed, without_password

    env = dict(os.environ)
    password = _parsed(url).password
    unread: Exception | None = None
    if password is None:
        from db.storage.pg.connect import keyring_password

        try:
            password = keyring_password(url)
        except KeyringUnreadable as exc:  # a server that trusts this computer needs none
            unread = exc
    if password:
        env["PGPASSWORD"] = str(password)
    return without_password(url), env, unread


def _run(args: list[str], env: dict[str, str], what: str,
         unread: Exception | None = None) -> str:  # fmt: skip
    """Run a PostgreSQL tool; its failure in one line (a password it lacked because the
    keyring could not be read: the keyring's line, not "no password supplied")."""
    done = subprocess.run(args, env=env, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        if unread is not None and "password" in done.stderr.lower():
            raise unread
        lines = [ln for ln in done.stderr.splitlines() if ln.strip()] or [f"exit {done.returncode}"]
        raise ServerBackupError(Message("pg.tool_failed", {"tool": what, "detail": lines[-1]}))
    return done.stdout


def ledger_id(db: Database) -> str:
    from sqlalchemy import text

    with db.engine.connect() as conn:
        found = conn.execute(text("SELECT value FROM app_meta WHERE key = 'ledger_id'")).scalar()
    if not found:
        raise ServerBackupError(Message("pg.no_ledger_id", {"where": db.url}))
    return str(found)


def folder(base: Path, db: Database) -> Path:
    """The backups of ``db`` under the backup folder ``base``: its ledger id's subfolder."""
    return base / ledger_id(db)


def dump(db: Database, url: str, target: Path) -> Path:
    """``pg_dump -Fc`` of the ledger at ``url`` (``db`` open on it) into ``target``,
    written under a hidden name and renamed when complete."""
    pg_dump = tool("pg_dump")
    where, env, unread = _env(url)
    target.parent.mkdir(parents=True, exist_ok=True)
    part = target.with_name(f".{target.name}.part")
    try:
        _run([pg_dump, "-Fc", "--no-owner", "--no-privileges", "-f", str(part),
              "--dbname", where], env, "pg_dump", unread)  # fmt: skip
        os.replace(part, target)
    finally:
        part.unlink(missing_ok=True)
    return target


def take(db: Database, url: str, base: Path, reason: str = "manual") -> Path:
    """A new backup of the server's ledger in its ledger id's folder under ``base``."""
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    return dump(db, url, folder(base, db) / f"{stamp}-{reason}.dump")


def listed(base: Path, db: Database) -> list[Path]:
    """This ledger's dumps under ``base``, newest first."""
    here = folder(base, db)
    found = [p for p in here.glob("*.dump") if DUMP.match(p.name)] if here.is_dir() else []
    return sorted(found, key=lambda p: p.name, reverse=True)


def dump_ledger_id(path: Path) -> str | None:
    """The ledger id a dump holds (its ``app_meta`` rows, read by ``pg_restore``)."""
    pg_restore = tool("pg_restore")
    out = _run([pg_restore, "--data-only", "--table", "app_meta", "-f", "-", str(path)],
               dict(os.environ), "pg_restore")  # fmt: skip
    for line in out.splitlines():
        key, _, value = line.partition("\t")
        if key == "ledger_id":
            return value.strip()
    return None


def restore(db: Database, url: str, source: Path) -> None:
    """Put the dump ``source`` in the place of the server's ledger ``db``: the same
    ledger only (else refused), all of it or nothing (one transaction).

    Raises:
        ServerBackupError: another ledger's dump, the tools missing or failing.
    """
    pg_restore = tool("pg_restore")
    theirs, mine = dump_ledger_id(source), ledger_id(db)
    if theirs != mine:
        raise ServerBackupError(Message("pg.other_ledger", {"file": source.name,
                                                            "where": db.url}))  # fmt: skip
    where, env, unread = _env(url)
    db.engine.dispose()  # our own connections closed: the restore drops and makes tables
    _run([pg_restore, "--clean", "--if-exists", "--single-transaction", "--no-owner",
          "--no-privileges", "--dbname", where, str(source)], env, "pg_restore",
         unread)  # fmt: skip
