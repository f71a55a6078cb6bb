"""The small reads the app's widgets need, each in its own session.

A widget (``desktop/``) never builds a query: it calls one of these, on the GUI
thread when the read is a single indexed lookup, otherwise through the app's
background helper (``desktop.kit.tasks.Task``). Each takes an open
:class:`db.storage.database.Database` and returns plain values, so a result can cross from a
worker thread to the GUI thread. Nothing here imports Qt.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from sqlalchemy import select

from db.schema.enums import RequesterCategory, SupportType
from db.schema.fiscal import Period, fy_period
from db.schema.kinds import EDITED, RecordKind
from db.storage.models import Newsletter

if TYPE_CHECKING:
    from db.storage.database import Database
    from db.tally.tallies import Tally

# The kinds a record page lists: every kind a person edits (db.schema.kinds.EDITED).
LIST_READERS: tuple[str, ...] = EDITED


def latest_fiscal_year(db: Database) -> int:
    """The newest fiscal year with a live record (this one in an empty database)."""
    from db.read.queries import latest_fiscal_year as latest

    with db.session() as session:
        return latest(session)


def year_tallies(db: Database, fy: int) -> tuple[Tally, Tally]:
    """Every office's tallies of fiscal year ``fy`` and of the year before."""
    from db.tally.tallies import tally_fy

    with db.session() as session:
        return tally_fy(session, fy), tally_fy(session, fy - 1)


@dataclass(frozen=True)
class ChartFigures:
    """What the dashboard's charts show for one year, office and figure family."""

    fy: int
    office: str | None
    family: str  # a field of db.tally.breakdowns.Monthly: support_cases, event_booths, ...
    months: tuple[int, ...]  # in fiscal order, April first
    months_before: tuple[int, ...]
    categories: tuple[int, ...]  # counted support cases, in RequesterCategory order
    categories_before: tuple[int, ...]
    kinds: tuple[int, ...]  # counted support cases, in SupportType order
    kinds_before: tuple[int, ...]


def chart_figures(db: Database, fy: int, office: str | None, family: str) -> ChartFigures:
    """The charts' figures for ``fy`` and the year before, read in one session (a few
    hundred milliseconds on 100,000 cases: call it off the GUI thread)."""
    from db.tally.breakdowns import monthly, support_types
    from db.tally.tallies import tally

    with db.session() as session:
        now, before = fy_period(fy), fy_period(fy - 1)
        months: tuple[int, ...] = getattr(monthly(session, now, office), family)
        months_before: tuple[int, ...] = getattr(monthly(session, before, office), family)
        cases = tally(session, now, office).total.support_cases
        cases_before = tally(session, before, office).total.support_cases
        kinds = support_types(session, now, office)
        kinds_before = support_types(session, before, office)
    return ChartFigures(
        fy, office, family, months, months_before,
        tuple(getattr(cases, c.value) for c in RequesterCategory),
        tuple(getattr(cases_before, c.value) for c in RequesterCategory),
        tuple(kinds[k] for k in SupportType), tuple(kinds_before[k] for k in SupportType),
    )  # fmt: skip


def list_rows(db: Database, kind: str, period: Period, office: str | None,
              limit: int | None = None) -> Sequence[Any]:  # fmt: skip
    """The list rows of ``kind`` (one of :data:`LIST_READERS`) in ``period`` for one
    office or all (``None``): what a record page shows. Slow on a big year: call it
    off the GUI thread. ``limit``: only the first rows by date (support cases only:
    what the list shows while the rest are read)."""
    from db.read import rows

    # support cases: the slim rows of db.read.rows.case_list (a year may hold 100,000)
    slim = kind == RecordKind.SUPPORT_CASE
    reader = rows.case_list if slim else rows.READERS[kind]
    with db.session() as session:
        if limit is not None:
            found: Sequence[Any] = reader(session, period, office, limit=limit)
        else:
            found = reader(session, period, office)
        return found


def case_uuid(db: Database, row_id: int) -> str:
    """The UUID of the support case with this row id (list rows carry the row id only)."""
    from db.read.rows import case_uuid as uuid_of

    with db.session() as session:
        return uuid_of(session, row_id)


def known_local_governments(db: Database) -> list[str]:
    """Names entered before, sorted: every field and list the registry declares as
    local governments' names (requesters, participating local governments...): what a
    local-government field completes from."""
    from db.schema.kinds import SPECS
    from db.storage.base import Base

    tables = Base.metadata.tables
    names: set[str] = set()
    with db.session() as session:
        for s in SPECS.values():  # fields and lists declared as local governments' names
            for f in s.fields:
                if f.local_government and f.stored:
                    names |= set(session.execute(
                        select(tables[s.table].c[f.db_column]).distinct()).scalars())  # fmt: skip
            for c in s.children:
                if c.scalar and c.fields[0].local_government:
                    column = tables[c.table].c[c.fields[0].db_column]
                    names |= set(session.execute(select(column).distinct()).scalars())
    return sorted(n for n in names if n)


def newsletter_titles(db: Database, office: str | None) -> list[str]:
    """The titles of the office's live newsletters, sorted (what an issue belongs to)."""
    with db.session() as session:
        titles = session.execute(
            select(Newsletter.title)
            .where(Newsletter.office_code == office, Newsletter.deleted.is_(False))
            .order_by(Newsletter.title)
        ).scalars()
        return list(titles)


def suggested_category(db: Database, requester: str) -> RequesterCategory:
    """The category to suggest for a requester: as last confirmed, else by the name's
    rules (:func:`db.read.requester.suggest_for`)."""
    from db.read.requester import suggest_for

    with db.session() as session:
        return suggest_for(session, requester)


def device_name(db: Database) -> str:
    """This laptop's name, as its records are marked."""
    from db.storage.clock import device_name as name

    with db.session() as session:
        return name(session)


def is_empty(db: Database) -> bool:
    """Whether the database holds no records at all (not even deleted ones)."""
    from db.storage.database import table_counts

    return sum(table_counts(db).values()) == 0


def record_history(db: Database, uuid: str) -> list[Any]:
    """A record's versions seen here, oldest first (:class:`db.records.history.Version`)."""
    from db.records import history

    with db.session() as session:
        return list(history.versions(session, uuid))


def deleted_records(db: Database, kind: str | None = None) -> list[Any]:
    """The deleted records (of one type), newest deletion first
    (:class:`db.records.history.Deleted`)."""
    from db.records import history

    with db.session() as session:
        return list(history.deleted_records(session, kind))
