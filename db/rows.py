"""Records as plain, immutable values for reports, exports and the app's lists.

Nothing here hands out ORM objects bound to a session: each function runs a few Core
queries (one per table, children fetched in one query and grouped) and returns frozen
dataclasses, ordered by date.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime
from functools import cache
from operator import attrgetter
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from db.enums import (
    CaseStatus,
    JetaaKind,
    NewsletterFormat,
    RequesterCategory,
    SupportType,
    VenueMode,
)
from db.fiscal import Period
from db.models import (
    EventBooth,
    EventLeg,
    EventMunicipality,
    JetaaEvent,
    JetaaSession,
    Newsletter,
    NewsletterIssue,
    SupportCase,
    SupportCaseType,
)
from db.tallies import LIVE


@dataclass(frozen=True, slots=True)
class Sync:
    uuid: str
    version: int
    device_id: str
    version_vector: dict[str, int]
    updated_at: datetime
    deleted: bool


@dataclass(frozen=True, slots=True)
class CaseRow:
    id: int
    sync: Sync
    office_code: str
    requester: str
    requester_category: RequesterCategory
    start_date: date
    end_date: date | None
    summary: str
    staff: str
    status: CaseStatus
    counted: bool
    types: tuple[SupportType, ...]


@dataclass(frozen=True, slots=True)
class LegRow:
    start_date: date
    end_date: date
    city: str
    country: str
    venue: str


@dataclass(frozen=True, slots=True)
class EventRow:
    id: int
    sync: Sync
    office_code: str
    name: str
    name_en: str
    hosted: bool
    start_date: date
    exhibitors: int | None
    items_shown: int | None
    visitors: int | None
    notes: str
    legs: tuple[LegRow, ...]
    municipalities: tuple[str, ...]

    @property
    def end_date(self) -> date:
        return max(leg.end_date for leg in self.legs) if self.legs else self.start_date

    @property
    def countries(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(leg.country for leg in self.legs))


@dataclass(frozen=True, slots=True)
class NewsletterRow:
    id: int
    sync: Sync
    office_code: str
    title: str
    notes: str


@dataclass(frozen=True, slots=True)
class IssueRow:
    id: int
    sync: Sync
    newsletter_uuid: str
    office_code: str
    title: str
    number: str
    issue_date: date
    languages: tuple[str, ...]
    format: NewsletterFormat
    contents: str
    reach: int | None


@dataclass(frozen=True, slots=True)
class SessionRow:
    start_date: date
    end_date: date
    city: str
    country: str
    venue: str
    mode: VenueMode


@dataclass(frozen=True, slots=True)
class JetaaRow:
    id: int
    sync: Sync
    office_code: str
    name: str
    kind: JetaaKind
    start_date: date
    participants: int | None
    notes: str
    sessions: tuple[SessionRow, ...]

    @property
    def end_date(self) -> date:
        return max(s.end_date for s in self.sessions) if self.sessions else self.start_date

    @property
    def countries(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(s.country for s in self.sessions))


_SYNC = ("uuid", "version", "device_id", "version_vector", "updated_at", "deleted")


def _sync_columns(model: Any) -> list[Any]:
    return [getattr(model, name) for name in _SYNC]


def _sync(row: Any) -> Sync:
    return Sync(row.uuid, row.version, row.device_id, row.version_vector or {},
                row.updated_at, bool(row.deleted))  # fmt: skip


@cache
def _getter(cls: Any, extra: frozenset[str]) -> tuple[tuple[str, ...], Any]:
    names = tuple(f for f in cls.__dataclass_fields__ if f not in extra and f != "sync")
    return names, attrgetter(*names)


def _fields(row: Any, cls: Any, **extra: Any) -> Any:
    """Build ``cls`` from the row's columns of the same names, plus ``extra``."""
    names, get = _getter(cls, frozenset(extra))
    return cls(sync=_sync(row), **dict(zip(names, get(row), strict=True)), **extra)


def _filter(stmt: Any, model: Any, date_column: Any, period: Period | None,
            office_column: Any, office: str | None, deleted: bool) -> Any:  # fmt: skip
    if not deleted:
        stmt = stmt.where(model.deleted == LIVE)
    if period is not None:
        stmt = stmt.where(date_column.between(period.start, period.end))
    if office is not None:
        stmt = stmt.where(office_column == office)
    return stmt


def cases(
    session: Session, period: Period | None = None, office: str | None = None,
    *, deleted: bool = False, only_deleted: bool = False,
) -> list[CaseRow]:  # fmt: skip
    """Support cases in the period (by start date) of one or every office.

    ``deleted`` adds the tombstones to the live cases; ``only_deleted`` gives just them.
    """
    deleted = deleted or only_deleted
    sc = SupportCase
    stmt = select(
        sc.id, *_sync_columns(sc), sc.office_code, sc.requester, sc.requester_category,
        sc.start_date, sc.end_date, sc.summary, sc.staff, sc.status, sc.counted,
    ).order_by(sc.start_date, sc.id)  # fmt: skip
    stmt = _filter(stmt, sc, sc.start_date, period, sc.office_code, office, deleted)
    if only_deleted:
        stmt = stmt.where(sc.deleted != LIVE)
    rows = session.execute(stmt).all()
    types: dict[int, list[SupportType]] = defaultdict(list)
    if rows:
        ids = select(sc.id)
        ids = _filter(ids, sc, sc.start_date, period, sc.office_code, office, deleted)
        if only_deleted:
            ids = ids.where(sc.deleted != LIVE)
        for case_id, code in session.execute(
            select(SupportCaseType.case_id, SupportCaseType.type_code)
            .where(SupportCaseType.case_id.in_(ids))
            .order_by(SupportCaseType.case_id, SupportCaseType.type_code)
        ):
            types[case_id].append(code)
    return [_fields(r, CaseRow, types=tuple(types.get(r.id, ()))) for r in rows]


def events(
    session: Session, period: Period | None = None, office: str | None = None,
    *, deleted: bool = False,
) -> list[EventRow]:  # fmt: skip
    """Event booths whose first leg is in the period, with their legs and local governments."""
    e = EventBooth
    stmt = select(
        e.id, *_sync_columns(e), e.office_code, e.name, e.name_en, e.hosted, e.start_date,
        e.exhibitors, e.items_shown, e.visitors, e.notes,
    ).order_by(e.start_date, e.id)  # fmt: skip
    stmt = _filter(stmt, e, e.start_date, period, e.office_code, office, deleted)
    rows = session.execute(stmt).all()
    ids = _filter(select(e.id), e, e.start_date, period, e.office_code, office, deleted)
    legs: dict[int, list[LegRow]] = defaultdict(list)
    munis: dict[int, list[str]] = defaultdict(list)
    if rows:
        for leg in session.execute(
            select(EventLeg.event_id, EventLeg.start_date, EventLeg.end_date, EventLeg.city,
                   EventLeg.country, EventLeg.venue)
            .where(EventLeg.event_id.in_(ids)).order_by(EventLeg.event_id, EventLeg.position)
        ):  # fmt: skip
            legs[leg.event_id].append(
                LegRow(leg.start_date, leg.end_date, leg.city, leg.country, leg.venue)
            )
        for event_id, name in session.execute(
            select(EventMunicipality.event_id, EventMunicipality.name)
            .where(EventMunicipality.event_id.in_(ids))
            .order_by(EventMunicipality.event_id, EventMunicipality.position)
        ):
            munis[event_id].append(name)
    return [
        _fields(r, EventRow, legs=tuple(legs[r.id]), municipalities=tuple(munis[r.id]))
        for r in rows
    ]


def newsletters(
    session: Session, office: str | None = None, *, deleted: bool = False
) -> list[NewsletterRow]:
    n = Newsletter
    stmt = select(n.id, *_sync_columns(n), n.office_code, n.title, n.notes).order_by(n.id)
    stmt = _filter(stmt, n, None, None, n.office_code, office, deleted)
    return [_fields(r, NewsletterRow) for r in session.execute(stmt)]


def issues(
    session: Session, period: Period | None = None, office: str | None = None,
    *, deleted: bool = False,
) -> list[IssueRow]:  # fmt: skip
    """Newsletter issues dated in the period (of live newsletters unless ``deleted``)."""
    i, n = NewsletterIssue, Newsletter
    stmt = (
        select(i.id, *_sync_columns(i), n.uuid.label("newsletter_uuid"), n.office_code,
               n.title, i.number, i.issue_date, i.languages, i.format, i.contents, i.reach)
        .join(n, n.id == i.newsletter_id)
        .order_by(i.issue_date, i.id)
    )  # fmt: skip
    if not deleted:
        stmt = stmt.where(n.deleted == LIVE)
    stmt = _filter(stmt, i, i.issue_date, period, n.office_code, office, deleted)
    return [_fields(r, IssueRow, languages=tuple(r.languages or ())) for r in session.execute(stmt)]


def jetaa_events(
    session: Session, period: Period | None = None, office: str | None = None,
    *, deleted: bool = False,
) -> list[JetaaRow]:  # fmt: skip
    """JETAA events whose first session is in the period, with their sessions."""
    j = JetaaEvent
    stmt = select(
        j.id, *_sync_columns(j), j.office_code, j.name, j.kind, j.start_date, j.participants,
        j.notes,
    ).order_by(j.start_date, j.id)  # fmt: skip
    stmt = _filter(stmt, j, j.start_date, period, j.office_code, office, deleted)
    rows = session.execute(stmt).all()
    ids = _filter(select(j.id), j, j.start_date, period, j.office_code, office, deleted)
    sessions: dict[int, list[SessionRow]] = defaultdict(list)
    if rows:
        s = JetaaSession
        for x in session.execute(
            select(s.event_id, s.start_date, s.end_date, s.city, s.country, s.venue, s.mode)
            .where(s.event_id.in_(ids))
            .order_by(s.event_id, s.position)
        ):
            sessions[x.event_id].append(
                SessionRow(x.start_date, x.end_date, x.city, x.country, x.venue, x.mode)
            )
    return [_fields(r, JetaaRow, sessions=tuple(sessions[r.id])) for r in rows]


@dataclass(slots=True, eq=False)
class CaseListRow:
    """A support case as the app's list shows it: what a :class:`CaseRow` has for a
    person, without the sync fields (about a third of the memory; see case_list).
    ``id`` is this database's row id (:func:`case_uuid` gives the UUID when needed)."""

    id: int
    office_code: str
    requester: str
    requester_category: RequesterCategory
    start_date: date
    end_date: date | None
    summary: str
    staff: str
    status: CaseStatus
    counted: bool
    types: tuple[SupportType, ...]


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


def case_list(session: Session, period: Period | None = None,
              office: str | None = None) -> list[CaseListRow]:  # fmt: skip
    """Live support cases for the app's list, streamed from the cursor in batches.

    An office's years can hold 100,000 cases: repeated values (offices, dates, enum
    members, combinations of support types) are shared, and no full result set of
    driver rows is ever held, so the list costs about 600 bytes a case.
    """
    where, params = live_cases_where(period, office, "sc.")
    conn = session.connection()
    category = {m.value: m for m in RequesterCategory}
    status = {m.value: m for m in CaseStatus}
    kind = {m.value: m for m in SupportType}
    texts: dict[str, str] = {}  # one object per distinct office, requester, staff
    days: dict[str, date] = {}
    type_sets: dict[tuple[str, ...], tuple[SupportType, ...]] = {}

    def day(text: str) -> date:
        found = days.get(text)
        if found is None:
            found = days[text] = date.fromisoformat(text)
        return found

    def kinds(codes: list[str] | None) -> tuple[SupportType, ...]:
        if not codes:
            return ()
        key = tuple(codes)
        found = type_sets.get(key)
        if found is None:
            found = type_sets[key] = tuple(kind[c] for c in codes)
        return found

    share = texts.setdefault
    result = conn.exec_driver_sql(  # a case with several types spans consecutive rows
        "SELECT sc.id, office_code, requester, requester_category, start_date, end_date,"
        " summary, staff, status, counted, t.type_code FROM support_case AS sc"
        " LEFT JOIN support_case_type AS t ON t.case_id = sc.id"
        f" WHERE {where} ORDER BY start_date, sc.id, t.type_code",
        tuple(params),
    )
    out: list[CaseListRow] = []
    last_id: int | None = None
    codes: list[str] = []
    fields: tuple[Any, ...] = ()

    def flush() -> None:
        (row_id, office_code, requester, cat, start, end, summary, staff, st, counted) = fields
        out.append(CaseListRow(
            row_id, share(office_code, office_code), share(requester, requester),
            category[cat], day(start), None if end is None else day(end), summary or "",
            share(staff or "", staff or ""), status[st], bool(counted), kinds(codes),
        ))  # fmt: skip

    while batch := result.fetchmany(5000):
        for row in batch:
            if row[0] != last_id:
                if last_id is not None:
                    flush()
                last_id, fields, codes = row[0], tuple(row[:10]), []
            if row[10] is not None:
                codes.append(row[10])
    if last_id is not None:
        flush()
    return out


def case_uuid(session: Session, row_id: int) -> str:
    """The UUID of the support case with this row id."""
    found = (
        session.connection()
        .exec_driver_sql("SELECT uuid FROM support_case WHERE id = ?", (row_id,))
        .scalar_one()
    )
    return str(found)
