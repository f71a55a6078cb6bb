"""What the app shows first, read through sqlite3 alone: the newest fiscal year, its
tallies beside the year before's, and the first support cases of its list.

The app paints its window before SQLAlchemy loads (0.4 s and more); this runs on the
background worker meanwhile, so the figures and the list's first screen appear as soon
as the file is read, while the database is still being opened for work
(:mod:`desktop.shell.startup`). A ledger that needs migrating, or any trouble reading it,
gives None: the app then shows everything once :func:`db.storage.database.open_database` has
opened it, as before.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from db.read.case_list import case_list
from db.schema.errors import LedgerError
from db.schema.fiscal import fiscal_year, fy_period
from db.storage.dbfile import open_reader
from db.tally.tallies import Tally, tally


@dataclass(frozen=True)
class FirstLook:
    fy: int
    tallies: tuple[Tally, Tally]  # the year's, the year before's
    rows: list[Any]  # the first support cases of the year, in the list's order


def latest_fiscal_year(conn: sqlite3.Connection) -> int:
    """As :func:`db.read.queries.latest_fiscal_year`: the newest year with a live record."""
    newest = conn.execute(
        "SELECT max(d) FROM (SELECT max(start_date) AS d FROM support_case WHERE deleted = 0"
        " UNION ALL SELECT max(start_date) FROM event_booth WHERE deleted = 0"
        " UNION ALL SELECT max(start_date) FROM jetaa_event WHERE deleted = 0)"
    ).fetchone()[0]
    return fiscal_year(date.fromisoformat(newest) if newest else date.today())


def first_look(path: Path, rows: int) -> FirstLook | None:
    """The first screen's figures and ``rows`` list rows; None when the file must be
    opened (migrated) first or cannot be read this way."""
    from db.storage.pg.target import is_url

    if is_url(path):  # a server database: the window shows it once opened
        return None
    try:
        conn = open_reader(path)
        if conn is None:
            return None
        try:
            fy = latest_fiscal_year(conn)
            now, before = tally(conn, fy_period(fy)), tally(conn, fy_period(fy - 1))
            first = case_list(conn, fy_period(fy), None, limit=rows)
        finally:
            conn.close()
    except (sqlite3.Error, LedgerError, ValueError, AttributeError, TypeError):
        return None  # open_database will say what is wrong (or a figure family needs a
        # SQLAlchemy session: the figures then come once the database is open)
    return FirstLook(fy, (now, before), first)
