"""Records as plain, immutable values for reports, exports and the app's lists.

Nothing here hands out ORM objects bound to a session: each function runs a few Core
queries (one per table, children fetched in one query and grouped), reading the
columns the record kinds declare (:mod:`db.schema.kinds`), and returns their frozen
dataclasses, ordered by date. The record types themselves are re-exported from
:mod:`db.schema.kinds`, so that ``db.read.rows.CaseRow`` keeps working.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Callable, Sequence
from typing import Any

from sqlalchemy import Table, select
from sqlalchemy.orm import Session

from db.read.case_list import (  # noqa: F401 - the app's slim list rows, readable without SQLAlchemy
    CaseListRow,
    _members,
    _sharing_reader,
    case_list,
    live_cases_where,
    shared_days,
)
from db.schema.fields import FieldType
from db.schema.fiscal import Period
from db.schema.kinds import (
    EDITED,
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
from db.storage.base import LIVE

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
    "case_list",
    "live_cases_where",
    "shared_days",
]  # the record types, declared in db.schema.kinds


def _table(name: str) -> Table:
    from db.storage.base import Base

    return Base.metadata.tables[name]


def _filtered(stmt: Any, t: Table, spec: KindSpec, period: Period | None,
              office: str | None, deleted: bool) -> Any:  # fmt: skip
    if not deleted:
        stmt = stmt.where(t.c.deleted == LIVE)
    if period is not None and spec.until is not None:  # a roster: who was there then
        until = t.c[spec.until]
        stmt = stmt.where(t.c[spec.date_field] <= period.end,
                          until.is_(None) | (until >= period.start))  # fmt: skip
    elif period is not None:
        stmt = stmt.where(t.c[spec.date_field].between(period.start, period.end))
    if office is not None:
        stmt = stmt.where(t.c.office_code == office)
    return stmt


def _sync(row: Any) -> Sync:
    return Sync(row.uuid, row.version, row.device_id, row.version_vector or {},
                row.updated_at, bool(row.deleted))  # fmt: skip


def among(uuids: Sequence[str]) -> Any:
    """The rows' UUIDs among these (one bound JSON list, however many)."""
    from sqlalchemy import column, func

    return select(column("value")).select_from(func.json_each(json.dumps(list(uuids))))


def _read(session: Session, kind: RecordKind, period: Period | None, office: str | None,
          deleted: bool, only_deleted: bool = False,
          uuids: Sequence[str] | None = None) -> list[Any]:  # fmt: skip
    """Every record of a kind (not newsletter issues: see :func:`issues`), with its child
    rows and codes, as its declared dataclass: one query per table, read by the
    declaration's columns (:mod:`db.schema.kinds`). ``uuids``: only these records."""
    spec = kind.spec
    t = _table(spec.table)
    own = spec.stored_fields
    stmt = select(t.c.id, *(t.c[c] for c in SYNC_COLUMNS), *(t.c[f.db_column] for f in own))
    stmt = _filtered(stmt, t, spec, period, office, deleted or only_deleted)
    if only_deleted:
        stmt = stmt.where(t.c.deleted != LIVE)
    if uuids is not None:
        stmt = stmt.where(t.c.uuid.in_(among(uuids)))
    rows = session.execute(stmt.order_by(t.c[spec.date_field], t.c.id)).all()
    extra: dict[str, dict[int, list[Any]]] = {}
    if rows:
        ids = _filtered(select(t.c.id), t, spec, period, office, deleted or only_deleted)
        if only_deleted:
            ids = ids.where(t.c.deleted != LIVE)
        if uuids is not None:
            ids = ids.where(t.c.uuid.in_(among(uuids)))
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
    session: Session, office: str | None = None, *, deleted: bool = False,
    uuids: Sequence[str] | None = None,
) -> list[NewsletterRow]:  # fmt: skip
    spec = RecordKind.NEWSLETTER.spec
    t = _table(spec.table)
    stmt = select(t.c.id, *(t.c[c] for c in SYNC_COLUMNS), *(t.c[c] for c in spec.stored_columns))
    stmt = _filtered(stmt, t, spec, None, office, deleted).order_by(t.c.id)
    if uuids is not None:
        stmt = stmt.where(t.c.uuid.in_(among(uuids)))
    names = spec.stored_columns
    return [NewsletterRow(id=r.id, sync=_sync(r), **dict(zip(names, r[7:], strict=True)))
            for r in session.execute(stmt)]  # fmt: skip


def issues(
    session: Session, period: Period | None = None, office: str | None = None,
    *, deleted: bool = False, uuids: Sequence[str] | None = None,
) -> list[IssueRow]:  # fmt: skip
    """Newsletter issues dated in the period (of live newsletters unless ``deleted``);
    each names its newsletter's UUID, office and title. ``uuids``: only these issues."""
    spec = RecordKind.NEWSLETTER_ISSUE.spec
    i, n = _table(spec.table), _table(RecordKind.NEWSLETTER.spec.table)
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
    if uuids is not None:
        stmt = stmt.where(i.c.uuid.in_(among(uuids)))
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


def records_of(kind: RecordKind) -> Callable[..., list[Any]]:
    """The reader of a kind read the generic way (seminars, publications...): records
    in the period (by their date, or a roster's span) of one or every office."""

    def read(session: Session, period: Period | None = None, office: str | None = None,
             *, deleted: bool = False) -> list[Any]:  # fmt: skip
        return _read(session, kind, period, office, deleted)

    read.__name__ = read.__qualname__ = str(kind)
    return read


# The reader of every kind a person edits, by RecordKind (equal to its text): the
# generic one, except an issue's (its office and title are its newsletter's).
READERS: dict[str, Any] = {
    kind: issues if kind is RecordKind.NEWSLETTER_ISSUE else records_of(kind) for kind in EDITED
}


def by_uuid(session: Session, kind: str, uuids: Sequence[str]) -> list[Any]:
    """The records of any kind with these UUIDs, tombstones too, children included:
    only the rows asked for, however large the table."""
    k = RecordKind(kind)
    if k is RecordKind.NEWSLETTER:
        return newsletters(session, deleted=True, uuids=uuids)
    if k is RecordKind.NEWSLETTER_ISSUE:
        return issues(session, deleted=True, uuids=uuids)
    return _read(session, k, None, None, True, uuids=uuids)


def case_uuid(session: Session, row_id: int) -> str:
    """The UUID of the support case with this row id."""
    found = (
        session.connection()
        .exec_driver_sql("SELECT uuid FROM support_case WHERE id = ?", (row_id,))
        .scalar_one()
    )
    return str(found)
