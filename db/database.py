"""Open a ledger database: check the file, copy it, migrate it, hand out sessions.

``open_database(path)`` refuses a path that is not a SQLite file or was written by a
newer Office Ledger, copies the file before any migration (``*.before-<rev>.sqlite3``
beside it), upgrades it with the Alembic scripts in :mod:`db.migrations` on the app's
own connection, and makes sure this database has a device identity (a new one when
the file was copied or moved: see :mod:`db.clock`).
"""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event, text
from sqlalchemy.orm import Session, sessionmaker

from db.dbfile import SQLITE_MAGIC, check_file
from db.dbfile import current_revision as _current_revision
from db.errors import DatabaseOpenError
from db.migrations import HEAD

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

    @contextmanager
    def session(self) -> Iterator[Session]:
        """A session in one transaction: committed on success, rolled back on error."""
        with self.sessions.begin() as session:
            yield session

    def close(self) -> None:
        self.engine.dispose()


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


def open_database(path: str | Path, *, must_exist: bool = False) -> Database:
    """Open (creating or upgrading if needed) the ledger database at ``path``.

    Raises:
        DatabaseOpenError: the path is unusable, the file is not a ledger, or it was
            written by a newer Office Ledger. The file is left untouched.
    """
    path = Path(path).expanduser().resolve()
    has_data = check_file(path, must_exist=must_exist)
    revision = _current_revision(path) if has_data else None
    if revision is not None and revision != HEAD and revision not in _known_revisions():
        raise DatabaseOpenError(
            f"{path} was written by a newer Office Ledger (schema {revision}); update the app"
        )
    engine = create_engine(f"sqlite:///{path}")
    event.listen(engine, "connect", _on_connect)
    backup = None
    try:
        if revision != HEAD:
            if has_data:
                backup = _backup(path, revision)
            _upgrade(engine)
        db = Database(path, engine, sessionmaker(engine, expire_on_commit=False), backup)
        from db.clock import ensure_device
        from db.machine import identity

        with db.session() as session:  # a file opened in a new place takes a new device id
            ensure_device(session, identity(path))
    except sqlite3.Error as exc:  # pragma: no cover - disk full, locked beyond timeout
        engine.dispose()
        raise DatabaseOpenError(f"cannot open {path}: {exc}") from exc
    return db


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
