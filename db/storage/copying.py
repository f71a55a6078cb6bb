"""Move a ledger from one database into another (issue #23 item 3): headquarters'
SQLite file into its PostgreSQL server, or back, or a file into a new file.

Every table is copied row for row — records, their versions and tombstones, the
history, the conflicts, the sync log, ``app_meta`` (the ledger id is kept: it is the
same ledger, moved) — in one transaction on the target, through SQLAlchemy's types
(a date is a date on both sides, JSON is JSON). The per-day summary is not copied: the
target's triggers rebuild it from the cases as they arrive. A target that already
holds records is refused; on PostgreSQL the id sequences are moved past the copied ids.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from sqlalchemy import Table, delete, func, insert, select, text

from db.schema.errors import LedgerError
from db.storage.base import Base

if TYPE_CHECKING:
    from db.storage.database import Database

CHUNK = 2000
DERIVED = ("support_case_day",)  # kept by the target's own triggers
SEEDED = ("app_meta", "office")  # made by the target's creation: replaced by the source's


class TargetNotEmpty(LedgerError):
    """The target database already holds records; nothing was copied."""


def tables() -> list[Table]:
    """The ledger's tables in foreign-key order (parents first), the derived ones left out."""
    from db.storage import models  # noqa: F401  (every table on Base.metadata)

    return [t for t in Base.metadata.sorted_tables if t.name not in DERIVED]


def counts(db: Database) -> dict[str, int]:
    """Rows per table (the derived summary included), to compare a copy with its source."""
    from db.storage import models  # noqa: F401

    with db.engine.connect() as conn:
        return {t.name: conn.execute(select(func.count()).select_from(t)).scalar_one()
                for t in Base.metadata.sorted_tables}  # fmt: skip


def copy_ledger(source: Database, target: Database) -> dict[str, int]:
    """Copy every row of ``source`` into the empty ledger ``target``; the rows per table.

    Raises:
        TargetNotEmpty: ``target`` holds rows beyond what its creation made.
    """
    busy = {n: c for n, c in counts(target).items() if c and n not in SEEDED}
    if busy:
        from db.schema.words import Message

        said = {"where": target.url, "tables": ", ".join(sorted(busy))}
        raise TargetNotEmpty(Message("pg.target_busy", said))
    copied: dict[str, int] = {}
    with source.engine.connect() as src, target.engine.begin() as dst:
        for table in reversed(tables()):  # children first: nothing refers to a removed row
            if table.name in SEEDED:
                dst.execute(delete(table))
        for table in tables():
            n = 0
            result = src.execution_options(yield_per=CHUNK).execute(
                select(table).order_by(*table.primary_key.columns)
            )
            for part in result.mappings().partitions(CHUNK):
                dst.execute(insert(table), [dict(r) for r in part])
                n += len(part)
            copied[table.name] = n
        if dst.dialect.name == "postgresql":  # the next id after the copied ones
            for table in tables():
                if "id" in table.c and table.c.id.primary_key:
                    dst.execute(text(
                        f"SELECT setval(pg_get_serial_sequence('{table.name}', 'id'),"
                        f" greatest((SELECT max(id) FROM {table.name}), 1))"))  # fmt: skip
    return copied
