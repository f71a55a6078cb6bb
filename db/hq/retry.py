"""A unit of work in one transaction, run again when another person's transaction got
in the way: the storage door for work several people do at once (imports, merges,
settling conflicts).

On PostgreSQL a unit either runs SERIALIZABLE (``isolation="serializable"``) or in
READ COMMITTED after taking a transaction-scoped advisory lock named by ``lock`` (the
writers of one kind of work then follow one another, and each reads what the one
before committed: no lost update, no stale snapshot). A serialization failure or a
deadlock (SQLSTATE 40001, 40P01) rolls the unit back and runs it again, a few times,
with a growing random pause; then :class:`Busy` says so in one line. On SQLite one
writer holds the file at a time: a ``database is locked`` (the busy timeout ran out,
or a reader's snapshot went stale before it could write) is retried the same way.

The unit (a function of a session) must be safe to run again: everything it does in
the database is rolled back between tries, nothing it does outside is.
"""

from __future__ import annotations

import logging
import random
import time
import zlib
from collections.abc import Callable
from typing import TYPE_CHECKING, TypeVar

from sqlalchemy import text
from sqlalchemy.exc import DBAPIError

from db.schema.errors import LedgerError

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from db.storage.database import Database

log = logging.getLogger("office_ledger.db")
T = TypeVar("T")

RETRIED_STATES = frozenset({"40001", "40P01"})  # serialization failure, deadlock
ATTEMPTS = 8


class Busy(LedgerError):
    """Other people's work kept getting in the way of this one: nothing was changed."""


def retryable(exc: BaseException) -> bool:
    """Whether ``exc`` is another transaction getting in the way (worth another try)."""
    orig = getattr(exc, "orig", exc)
    state = getattr(orig, "sqlstate", None) or getattr(orig, "pgcode", None)
    if state in RETRIED_STATES:
        return True
    message = str(orig).lower()
    return type(orig).__name__ == "OperationalError" and (
        "database is locked" in message or "database is busy" in message
    )


def dialect(db: Database) -> str:
    """``sqlite`` or ``postgresql``: the database's own word when it has one."""
    return str(getattr(db, "dialect", None) or db.engine.dialect.name)


def lock_key(name: str) -> int:
    """The advisory lock's number for a name (the same in every process)."""
    return zlib.crc32(f"office-ledger:{name}".encode()) & 0x7FFFFFFF


def begin(session: Session, *, isolation: str = "", lock: str = "") -> None:
    """The first steps of a unit: its isolation level, then its lock (PostgreSQL)."""
    if session.get_bind().dialect.name != "postgresql":
        return
    if isolation:
        session.connection(execution_options={"isolation_level": isolation.upper()})
    if lock:
        session.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": lock_key(lock)})


def run(
    db: Database,
    work: Callable[[Session], T],
    *,
    what: str = "hq.import",
    isolation: str = "",
    lock: str = "",
    attempts: int = ATTEMPTS,
) -> T:
    """Run ``work(session)`` in one transaction (committed when it returns), again when
    another transaction got in the way. ``what`` is the catalogue's word for the work
    (``hq.import``, ``hq.settle``), for the message.

    Raises:
        Busy: it got in the way ``attempts`` times (nothing was changed).
    """
    pause = 0.02
    for attempt in range(1, attempts + 1):
        try:
            with db.sessions.begin() as session:
                begin(session, isolation=isolation, lock=lock)
                return work(session)
        except DBAPIError as exc:
            if not retryable(exc):
                raise
            log.info("%s: try %d of %d met another transaction (%s)", what, attempt,
                     attempts, getattr(exc, "orig", exc))  # fmt: skip
            if attempt == attempts:
                from db.schema.words import Message, Term

                raise Busy(Message("hq.busy", {"what": Term(what), "n": attempts})) from exc
            time.sleep(pause * (0.5 + random.random()))  # noqa: S311 - a pause, not a secret
            pause = min(pause * 2, 1.0)
    raise AssertionError("unreachable")  # pragma: no cover
