"""Records as plain, immutable values for reports, exports and the app's lists.

Nothing here hands out ORM objects bound to a session: each function runs a few Core
queries (one per table, children fetched in one query and grouped), reading the
columns the record kinds declare (:mod:`db.kinds`), and returns their frozen
dataclasses, ordered by date. The record types themselves are re-exported from
:mod:`db.kinds`, so that ``db.rows.CaseRow`` keeps working.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Callable
from dataclasses import make_dataclass
from datetime import date
from typing import Any

from sqlalchemy import Table, select
from sqlalchemy.orm import Session

from db.base import LIVE
from db.fields import FieldType
from db.fiscal import Period
from db.kinds import (
    SYNC_COLUMNS,
    CaseRow,
    EventRow,
    IssueRow,
    JetaaRow,
    KindSpec,
    LegRow,
    NewsletterRow,
    RecordKind,
    SessionRow,
    Sync,
)

__all__ = [
    "CaseRow",
    "EventRow",
    "IssueRow",
    "JetaaRow",
    "LegRow",
    "NewsletterRow",
    "SessionRow",
    "Sync",
    "CaseListRow",
]  # the record types, declared in db.kinds


def _table(name: str) -> Table:
    from db.base import Base

    return Base.metadata.tables[name]


def _filtered(stmt: Any, t: Table, spec: KindSpec, period: Period | None,
              office: str | None, deleted: bool) -> Any:  # fmt: skip
    if not deleted:
        stmt = stmt.where(t.c.deleted == LIVE)
    if period is not None:
        stmt = stmt.where(t.c[spec.date_field].between(period.start, period.end))
    if office is not None:
        stmt = stmt.where(t.c.office_code == office)
    return stmt


def _sync(row: Any) -> Sync:
    return Sync(row.uuid, row.version, row.device_id, row.version_vector or {},
                row.updated_at, bool(row.deleted))  # fmt: skip


def _read(session: Session, kind: RecordKind, period: Period | None, office: str | None,
          deleted: bool, only_deleted: bool = False) -> list[Any]:  # fmt: skip
    """Every record of a kind (not newsletter issues: see :func:`issues`), with its child
    rows and codes, as its declared dataclass: one query per table, read by the
    declaration's columns (:mod:`db.kinds`)."""
    spec = kind.spec
    t = _table(spec.table)
    own = spec.stored_fields
    stmt = select(t.c.id, *(t.c[c] for c in SYNC_COLUMNS), *(t.c[f.db_column] for f in own))
    stmt = _filtered(stmt, t, spec, period, office, deleted or only_deleted)
    if only_deleted:
        stmt = stmt.where(t.c.deleted != LIVE)
    rows = session.execute(stmt.order_by(t.c[spec.date_field], t.c.id)).all()
    extra: dict[str, dict[int, list[Any]]] = {}
    if rows:
        ids = _filtered(select(t.c.id), t, spec, period, office, deleted or only_deleted)
        if only_deleted:
            ids = ids.where(t.c.deleted != LIVE)
        for f in spec.code_lists:
            assert f.codes_in is not None
            c = _table(f.codes_in.table).c
            parent, code = c[f.codes_in.parent_column], c[f.codes_in.column]
            found = extra[f.name] = defaultdict(list)
            for pid, value in session.execute(select(parent, code).where(parent.in_(ids))
                                              .order_by(parent, code)):  # fmt: skip
                found[pid].append(value)
        for child in spec.children:
            c = _table(child.table).c
            parent = c[child.parent_column]
            names = [f.name for f in child.fields]
            found = extra[child.attr] = defaultdict(list)
            query = select(parent, *(c[f.db_column] for f in child.fields)).where(
                parent.in_(ids)).order_by(parent, c.position)  # fmt: skip
            make = child.row_type
            for pid, *values in session.execute(query):
                found[pid].append(values[0] if child.scalar
                                  else make(**dict(zip(names, values, strict=True))))  # fmt: skip
    names = [f.name for f in own]
    lists = [f.name for f in own if f.type is FieldType.TEXTS]  # JSON lists; records: tuples
    cls = spec.row_type
    out = []
    for r in rows:
        own_values = dict(zip(names, r[7:], strict=True))
        for name in lists:
            own_values[name] = tuple(own_values[name] or ())
        out.append(cls(id=r.id, sync=_sync(r), **own_values,
                       **{k: tuple(v.get(r.id, ())) for k, v in extra.items()}))  # fmt: skip
    return out


def cases(
    session: Session, period: Period | None = None, office: str | None = None,
    *, deleted: bool = False, only_deleted: bool = False,
) -> list[CaseRow]:  # fmt: skip
    """Support cases in the period (by start date) of one or every office.

    ``deleted`` adds the tombstones to the live cases; ``only_deleted`` gives just them.
    """
    return _read(session, RecordKind.SUPPORT_CASE, period, office, deleted, only_deleted)


def events(
    session: Session, period: Period | None = None, office: str | None = None,
    *, deleted: bool = False,
) -> list[EventRow]:  # fmt: skip
    """Event booths whose first leg is in the period, with their legs and local governments."""
    return _read(session, RecordKind.EVENT_BOOTH, period, office, deleted)


def newsletters(
    session: Session, office: str | None = None, *, deleted: bool = False
) -> list[NewsletterRow]:
    t = _table("newsletter")
    spec = RecordKind.NEWSLETTER.spec
    stmt = select(t.c.id, *(t.c[c] for c in SYNC_COLUMNS), *(t.c[c] for c in spec.stored_columns))
    stmt = _filtered(stmt, t, spec, None, office, deleted).order_by(t.c.id)
    names = spec.stored_columns
    return [NewsletterRow(id=r.id, sync=_sync(r), **dict(zip(names, r[7:], strict=True)))
            for r in session.execute(stmt)]  # fmt: skip


def issues(
    session: Session, period: Period | None = None, office: str | None = None,
    *, deleted: bool = False,
) -> list[IssueRow]:  # fmt: skip
    """Newsletter issues dated in the period (of live newsletters unless ``deleted``);
    each names its newsletter's UUID, office and title."""
    i, n = _table("newsletter_issue"), _table("newsletter")
    spec = RecordKind.NEWSLETTER_ISSUE.spec
    own = [f for f in spec.stored_fields if f.type is not FieldType.REF]
    stmt = (
        select(i.c.id, *(i.c[c] for c in SYNC_COLUMNS), n.c.uuid.label("newsletter_uuid"),
               n.c.office_code, n.c.title, *(i.c[f.db_column] for f in own))
        .join(n, n.c.id == i.c.newsletter_id)
        .order_by(i.c.issue_date, i.c.id)
    )  # fmt: skip
    if not deleted:
        stmt = stmt.where(n.c.deleted == LIVE, i.c.deleted == LIVE)
    if period is not None:
        stmt = stmt.where(i.c.issue_date.between(period.start, period.end))
    if office is not None:
        stmt = stmt.where(n.c.office_code == office)
    names = ["newsletter_uuid", "office_code", "title", *(f.name for f in own)]
    out = []
    for r in session.execute(stmt):
        values = dict(zip(names, r[7:], strict=True))
        for f in own:
            if f.type is FieldType.TEXTS:
                values[f.name] = tuple(values[f.name] or ())
        out.append(IssueRow(id=r.id, sync=_sync(r), **values))
    return out


def jetaa_events(
    session: Session, period: Period | None = None, office: str | None = None,
    *, deleted: bool = False,
) -> list[JetaaRow]:  # fmt: skip
    """JETAA events whose first session is in the period, with their sessions."""
    return _read(session, RecordKind.JETAA_EVENT, period, office, deleted)


READERS: dict[str, Any] = {  # by RecordKind (equal to its text)
    RecordKind.SUPPORT_CASE: cases,
    RecordKind.EVENT_BOOTH: events,
    RecordKind.NEWSLETTER_ISSUE: issues,
    RecordKind.JETAA_EVENT: jetaa_events,
}


def _list_row_type() -> Any:
    """A support case as the app's list shows it: what a :class:`CaseRow` has for a
    person, without the sync fields (about a third of the memory; see case_list), its
    fields those the declaration gives. ``id`` is this database's row id
    (:func:`case_uuid` gives the UUID when needed)."""
    spec = RecordKind.SUPPORT_CASE.spec
    names = ["id", *(f.name for f in spec.stored_fields), *(f.name for f in spec.code_lists)]
    made = make_dataclass("CaseListRow", names, slots=True, eq=False)
    made.__module__ = __name__
    return made


CaseListRow = _list_row_type()


def live_cases_where(period: Period | None, office: str | None,
                     prefix: str = "") -> tuple[str, list[Any]]:  # fmt: skip
    """SQL ``WHERE`` text and parameters for live support cases of a period and office."""
    where, params = f"{prefix}deleted = 0", []
    if period is not None:
        where += f" AND {prefix}start_date BETWEEN ? AND ?"
        params += [period.start.isoformat(), period.end.isoformat()]
    if office is not None:
        where += f" AND {prefix}office_code = ?"
        params.append(office)
    return where, params


def case_list(session: Session, period: Period | None = None, office: str | None = None,
              limit: int | None = None) -> list[Any]:  # fmt: skip
    """Live support cases for the app's list, streamed from the cursor in batches.

    An office's years can hold 100,000 cases: repeated values (offices, dates, enum
    members, combinations of support types) are shared, and no full result set of
    driver rows is ever held, so the list costs about 600 bytes a case. ``limit``:
    only the first cases by date (what the list shows while it reads the rest).
    """
    where, params = live_cases_where(period, office, "sc.")
    if limit is not None:
        inner, inner_params = live_cases_where(period, office)
        where += (f" AND sc.id IN (SELECT id FROM support_case WHERE {inner}"
                  " ORDER BY start_date, id LIMIT ?)")  # fmt: skip
        params += [*inner_params, limit]
    spec = RecordKind.SUPPORT_CASE.spec
    own = spec.stored_fields
    (codes_field,) = spec.code_lists
    assert codes_field.codes_in is not None
    table = codes_field.codes_in
    readers = [_sharing_reader(f) for f in own]
    code_of = _members(codes_field)
    type_sets: dict[tuple[str, ...], tuple[Any, ...]] = {}

    def kinds(codes: list[str]) -> tuple[Any, ...]:
        if not codes:
            return ()
        key = tuple(codes)
        found = type_sets.get(key)
        if found is None:
            found = type_sets[key] = tuple(code_of[c] for c in codes)
        return found

    columns = ", ".join(f"sc.{f.db_column}" for f in own)
    result = session.connection().exec_driver_sql(  # several codes: consecutive rows
        f"SELECT sc.id, {columns}, t.{table.column} FROM support_case AS sc"
        f" LEFT JOIN {table.table} AS t ON t.{table.parent_column} = sc.id"
        f" WHERE {where} ORDER BY sc.start_date, sc.id, t.{table.column}",
        tuple(params),
    )
    width = len(own) + 1
    make = CaseListRow
    out: list[Any] = []
    last_id: int | None = None
    codes: list[str] = []
    values: tuple[Any, ...] = ()

    def flush() -> None:
        read = [r(v) for r, v in zip(readers, values[1:], strict=True)]
        out.append(make(values[0], *read, kinds(codes)))  # the fields' order: see above

    while batch := result.fetchmany(5000):
        for row in batch:
            if row[0] != last_id:
                if last_id is not None:
                    flush()
                last_id, values, codes = row[0], tuple(row[:width]), []
            if row[width] is not None:
                codes.append(row[width])
    if last_id is not None:
        flush()
    return out


def _members(f: Any) -> dict[str, Any]:
    return {m.value: m for m in f.enum}


def shared_days() -> Callable[[str | None], date | None]:
    """ISO text to dates, one object per distinct day (100,000 records share ~365)."""
    days: dict[str, date] = {}

    def day(text: str | None) -> date | None:
        if not text:
            return None
        found = days.get(text)
        if found is None:
            found = days[text] = date.fromisoformat(text)
        return found

    return day


def _sharing_reader(f: Any) -> Any:
    """Stored text to the field's value, one shared object per distinct value: offices,
    requesters, staff and dates repeat across 100,000 cases."""
    kind = f.type
    if kind is FieldType.CODE:
        return _members(f).__getitem__
    if kind is FieldType.BOOL:
        return bool
    if kind is FieldType.NOTE:
        return lambda v: v or ""
    if kind is FieldType.DATE:
        return shared_days()
    if kind in (FieldType.TEXT, FieldType.OFFICE, FieldType.COUNTRY):
        share = dict[str, str]().setdefault
        return lambda v: share(v or "", v or "")
    if kind is FieldType.TEXTS:
        return lambda v: tuple(json.loads(v)) if v else ()
    return lambda v: v  # counts and anything else: as stored


def case_uuid(session: Session, row_id: int) -> str:
    """The UUID of the support case with this row id."""
    found = (
        session.connection()
        .exec_driver_sql("SELECT uuid FROM support_case WHERE id = ?", (row_id,))
        .scalar_one()
    )
    return str(found)
