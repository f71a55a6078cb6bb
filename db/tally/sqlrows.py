"""One helper: the rows of a SQL text on a SQLAlchemy session or a bare sqlite3
connection, so a query module (the tallies) serves both the app and the quick
``office-ledger tally``, which never imports SQLAlchemy."""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from sqlalchemy.orm import Session


def rows(source: Session | sqlite3.Connection, sql: str, params: Sequence[Any]) -> list[Any]:
    """The rows of ``sql`` (``?`` placeholders) on a session or a sqlite3 connection."""
    if isinstance(source, sqlite3.Connection):
        return source.execute(sql, tuple(params)).fetchall()
    return list(source.connection().exec_driver_sql(sql, tuple(params)))
