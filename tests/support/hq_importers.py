"""Headquarters' clerks importing the offices' exports at once into one database (issue
#23): the exports, the concurrent import and the comparison with one person importing
the same files into a SQLite ledger. Used by tests/db/hq/test_hq_concurrent.py and
bench/hq_importers.py (20 runs, on SQLite or a PostgreSQL server)."""

from __future__ import annotations

import dataclasses
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from db.schema.fiscal import fy_period
from db.storage.database import Database, open_database, table_counts

FY = fy_period(2023)


def office_books(demo: Database, folder: Path) -> list[Path]:
    """The seven offices' year, exported from the demo year (one workbook an office)."""
    from db.schema.offices import OFFICES
    from exports.xlsx.export import export_office

    codes = [o.code for o in OFFICES if o.code != "HQ"]
    return [export_office(demo, folder / f"{c}.xlsx", c, FY, log=False).path for c in codes]


def snapshot(db: Database) -> dict[str, list[Any]]:
    """Every record (tombstones too) as plain values, without local ids."""
    from exports.xlsx.export import read_records

    found = read_records(db, None, None)
    return {k: sorted((dataclasses.replace(r, id=0) for r in v), key=lambda r: r.sync.uuid)
            for k, v in found.items()}  # fmt: skip


def state(db: Database) -> dict[str, Any]:
    """What two imports of the same files must agree on: rows per table, every record,
    one history row per imported version, one claim per export."""
    from sqlalchemy import text

    with db.session() as s:
        history = s.execute(text("SELECT count(*), count(DISTINCT record_uuid || ':' ||"
                                 " CAST(version AS TEXT)) FROM record_history"
                                 " WHERE how = 'import'")).one()  # fmt: skip
        claims = s.execute(text("SELECT count(*) FROM imported_export")).scalar_one()
    return {"counts": table_counts(db), "records": snapshot(db),
            "history": tuple(history), "claims": claims}  # fmt: skip


def one_person(target: Path, books: list[Path]) -> Database:
    """The reference: one person importing every file into a SQLite ledger."""
    from exports.xlsx.exchange import import_file

    db = open_database(target)
    for book in books:
        import_file(db, book)
    return db


@dataclass
class Outcome:
    applied: int  # imports that changed the database
    told: int  # imports told the export was already imported
    failures: list[BaseException]


def clerks_at_once(open_one: Callable[[], Database], books: list[Path],
                   clerks: int = 4) -> Outcome:  # fmt: skip
    """``clerks`` people, each in an app of their own (``open_one``), importing at the
    same moment: clerk i the offices i, i+clerks…, then the next clerk's first office
    too (the same export imported twice at once, as when two clerks both take it)."""
    from exports.xlsx.exchange import import_file

    apps = [open_one() for _ in range(clerks)]
    start = threading.Barrier(clerks)
    lock = threading.Lock()
    outcome = Outcome(0, 0, [])

    def clerk(i: int) -> None:
        mine = [*books[i::clerks], books[(i + 1) % clerks]]
        try:
            start.wait(60)
            for book in mine:
                report = import_file(apps[i], book)
                with lock:
                    outcome.applied += bool(report.applied)
                    outcome.told += report.already is not None
        except BaseException as exc:  # noqa: BLE001 - reported by the caller
            with lock:
                outcome.failures.append(exc)

    threads = [threading.Thread(target=clerk, args=(i,)) for i in range(clerks)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(600)
    for app in apps:
        app.close()
    return outcome


def differences(got: dict[str, Any], want: dict[str, Any]) -> list[str]:
    """What differs between two :func:`state` results, in words (empty: the same)."""
    out = []
    if got["counts"] != want["counts"]:
        out.append(f"rows per table {got['counts']} != {want['counts']}")
    for kind in sorted(set(got["records"]) | set(want["records"])):
        a, b = got["records"].get(kind, []), want["records"].get(kind, [])
        if a != b:
            out.append(f"{kind}: {len(a)} records differ from the reference's {len(b)}")
    for key in ("history", "claims"):
        if got[key] != want[key]:
            out.append(f"{key} {got[key]} != {want[key]}")
    return out


@contextmanager
def migrated_template() -> Iterator[str | None]:
    """A ledger database on the PostgreSQL test server to copy for each example (None
    without a server): creating one by its migrations takes seconds, a copy a moment."""
    import os

    from tests.support.pg import ENV, fresh_database

    if not os.environ.get(ENV):
        yield None
        return
    with fresh_database("tmpl") as url:
        open_database(url).close()
        yield url


@contextmanager
def copy_of(template: str) -> Iterator[str]:
    """A new database on the server made from ``template``; dropped afterwards."""
    import uuid

    import psycopg
    from sqlalchemy.engine import make_url

    base = make_url(template)
    admin = base.set(drivername="postgresql", database="postgres")
    admin_url = admin.render_as_string(hide_password=False)
    name = f"c_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(admin_url, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}" TEMPLATE "{base.database}"')
    try:
        yield base.set(database=name).render_as_string(hide_password=False)
    finally:
        with psycopg.connect(admin_url, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def users_at_once(target: str, orders: list[list[Path]]) -> list[BaseException]:
    """Each of ``len(orders)`` HQ users (an app each) imports its files in its order,
    all starting at the same moment; the failures (none expected)."""
    from exports.xlsx.exchange import import_file

    apps = [open_database(target) for _ in orders]
    start = threading.Barrier(len(orders))
    failures: list[BaseException] = []

    def user(i: int) -> None:
        try:
            start.wait(60)
            for book in orders[i]:
                import_file(apps[i], book)
        except BaseException as exc:  # noqa: BLE001 - returned
            failures.append(exc)

    threads = [threading.Thread(target=user, args=(i,)) for i in range(len(orders))]
    for t in threads:
        t.start()
    for t in threads:
        t.join(600)
    for app in apps:
        app.close()
    return failures
