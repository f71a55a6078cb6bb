"""Two laptops' databases with one support case edited on both before an exchange."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select

from db.records import write as records
from db.schema.fiscal import fy_period
from db.storage import clock
from db.storage.database import Database, open_database
from db.storage.models import SupportCase
from exports.xlsx.exchange import import_file
from exports.xlsx.export import export_office
from tests.support.factories import case

FY = fy_period(2023)


@dataclass
class Pair:
    a: Database
    b: Database
    folder: Path
    uuid: str
    files: int = 0

    def export(self, source: Database) -> Path:
        """The office's year exported from ``source``."""
        self.files += 1
        return export_office(source, self.folder / f"file{self.files}.xlsx", "NYC", FY).path

    def send(self, source: Database, target: Database) -> None:
        """Export the office's year from ``source`` and import it into ``target``."""
        import_file(target, self.export(source))

    def exchange(self) -> None:
        """Both laptops export, then each imports the other's file (so where two
        versions conflict, both laptops meet both)."""
        from_a, from_b = self.export(self.a), self.export(self.b)
        import_file(self.b, from_a)
        import_file(self.a, from_b)

    def summary(self, db: Database) -> str:
        with db.session() as s:
            return db_summary(s, self.uuid)

    def close(self) -> None:
        self.a.close()
        self.b.close()


def db_summary(session: object, uuid: str) -> str:
    found = session.execute(  # type: ignore[attr-defined]
        select(SupportCase.summary).where(SupportCase.uuid == uuid)
    ).scalar_one()
    return str(found)


def edit(db: Database, uuid: str, summary: str, staff: str | None = None) -> None:
    with db.session() as s:
        record = s.execute(select(SupportCase).where(SupportCase.uuid == uuid)).scalar_one()
        record.summary = summary
        if staff is not None:
            record.staff = staff
        records.save(s, record)


def conflicted(folder: Path, open_a: Callable[[str], Database] | None = None) -> Pair:
    """Laptop A makes a case, B imports it, both edit it, then they exchange files:
    each holds a waiting conflict (A's summary against B's). ``open_a`` opens A
    (headquarters' PostgreSQL database: tests/support/pg.py's ``ledgers``), else a file."""
    a = open_a("a") if open_a is not None else open_database(folder / "a.sqlite3")
    b = open_database(folder / "b.sqlite3")
    with a.session() as s:
        clock.set_device_name(s, "NYC laptop A")
        uuid = str(case(s).uuid)
    with b.session() as s:
        clock.set_device_name(s, "NYC laptop B")
    pair = Pair(a, b, folder, uuid)
    pair.send(a, b)
    edit(a, uuid, "A's summary", staff="Aoki")
    edit(b, uuid, "B's summary")
    pair.exchange()
    return pair
