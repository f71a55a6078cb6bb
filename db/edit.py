"""Edits the app makes, by record type, UUID and plain values (no ORM objects out).

Each call is one transaction and one new version (see :mod:`db.records`); undoing an
edit is a further edit back to the old values, so undo travels to other laptops like
any change. ``kind`` is one of ``support_case``, ``event_booth``, ``jetaa_event`` and
``newsletter_issue``; the values are :class:`db.records.CaseValues` or those of
:mod:`db.values`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from db import records
from db.database import Database
from db.errors import ValidationError
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
from db.records import CaseValues
from db.rows import LegRow, SessionRow
from db.values import EventValues, IssueValues, JetaaValues


def _apply_case(_s: Session | None, case: SupportCase, values: CaseValues) -> None:
    case.office_code = values.office_code
    case.requester = values.requester.strip()
    case.requester_category = values.requester_category
    case.start_date = values.start_date
    case.end_date = values.end_date
    case.summary = values.summary
    case.staff = values.staff.strip()
    case.status = values.status
    case.counted = values.counted
    wanted = list(dict.fromkeys(values.types))  # keep rows that stay: same keys, no churn
    case.types = [t for t in case.types if t.type_code in wanted] + [
        SupportCaseType(type_code=t) for t in wanted if t not in case.support_types
    ]


def _case_values(c: SupportCase) -> CaseValues:
    return CaseValues(c.office_code, c.requester, c.requester_category, c.start_date,
                      c.end_date, c.summary, c.staff, c.status, c.counted,
                      tuple(c.support_types))  # fmt: skip


def _apply_event(_s: Session | None, event: EventBooth, v: EventValues) -> None:
    event.office_code = v.office_code
    event.name = v.name.strip()
    event.name_en = v.name_en.strip()
    event.hosted = v.hosted
    event.exhibitors, event.items_shown, event.visitors = v.exhibitors, v.items_shown, v.visitors
    event.notes = v.notes
    event.legs = [EventLeg(start_date=g.start_date, end_date=g.end_date, city=g.city.strip(),
                           country=g.country, venue=g.venue.strip()) for g in v.legs]  # fmt: skip
    names = [m.strip() for m in v.municipalities if m.strip()]
    event.municipalities = [EventMunicipality(name=m) for m in dict.fromkeys(names)]


def _event_values(e: EventBooth) -> EventValues:
    legs = tuple(LegRow(g.start_date, g.end_date, g.city, g.country, g.venue) for g in e.legs)
    return EventValues(e.office_code, e.name, legs, e.name_en, e.hosted, e.exhibitors,
                       e.items_shown, e.visitors, e.notes,
                       tuple(m.name for m in e.municipalities))  # fmt: skip


def _apply_jetaa(_s: Session | None, event: JetaaEvent, v: JetaaValues) -> None:
    event.office_code = v.office_code
    event.name = v.name.strip()
    event.kind = v.kind
    event.participants = v.participants
    event.notes = v.notes
    event.sessions = [
        JetaaSession(start_date=x.start_date, end_date=x.end_date, city=x.city.strip(),
                     country=x.country, venue=x.venue.strip(), mode=x.mode)
        for x in v.sessions
    ]  # fmt: skip


def _jetaa_values(e: JetaaEvent) -> JetaaValues:
    sessions = tuple(SessionRow(x.start_date, x.end_date, x.city, x.country, x.venue, x.mode)
                     for x in e.sessions)  # fmt: skip
    return JetaaValues(e.office_code, e.name, sessions, e.kind, e.participants, e.notes)


def newsletter_for(session: Session, office_code: str, title: str) -> Newsletter:
    """The office's live newsletter of this title, made (as a new record) if there is none."""
    title = title.strip()
    if not title:
        raise ValidationError("the newsletter's title is required", field="title")
    found = session.execute(
        select(Newsletter).where(Newsletter.office_code == office_code,
                                 Newsletter.title == title, Newsletter.deleted.is_(False))
    ).scalars().first()  # fmt: skip
    if found is None:
        found = Newsletter(office_code=office_code, title=title)
        records.save(session, found)
    return found


def _apply_issue(s: Session | None, issue: NewsletterIssue, v: IssueValues) -> None:
    if s is not None:
        issue.newsletter = newsletter_for(s, v.office_code, v.title)
    elif not v.title.strip():
        raise ValidationError("the newsletter's title is required", field="title")
    issue.number = v.number.strip()
    issue.issue_date = v.issue_date
    issue.languages = list(v.languages)
    issue.format = v.format
    issue.contents = v.contents
    issue.reach = v.reach


def _issue_values(i: NewsletterIssue) -> IssueValues:
    return IssueValues(i.newsletter.office_code, i.newsletter.title, i.issue_date, i.number,
                       tuple(i.languages or ()), i.format, i.contents, i.reach)  # fmt: skip


@dataclass(frozen=True)
class Kind:
    model: Any
    apply: Callable[[Session | None, Any, Any], None]
    values: Callable[[Any], Any]
    noun: str


KINDS = {
    "support_case": Kind(SupportCase, _apply_case, _case_values, "support case"),
    "event_booth": Kind(EventBooth, _apply_event, _event_values, "event"),
    "jetaa_event": Kind(JetaaEvent, _apply_jetaa, _jetaa_values, "JETAA event"),
    "newsletter_issue": Kind(NewsletterIssue, _apply_issue, _issue_values, "newsletter issue"),
}


def _get(session: Session, kind: str, uuid: str) -> Any:
    spec = KINDS[kind]
    found = session.execute(select(spec.model).where(spec.model.uuid == uuid)).scalar_one_or_none()
    if found is None:
        raise ValidationError(f"no {spec.noun} {uuid}", field="uuid")
    return found


def values_of(db: Database, uuid: str, kind: str = "support_case") -> Any:
    with db.session() as s:
        return KINDS[kind].values(_get(s, kind, uuid))


def create(db: Database, kind: str, values: Any) -> str:
    """Store a new record; return its UUID. Raises ValidationError naming the field."""
    with db.session() as s:
        record = KINDS[kind].model()
        KINDS[kind].apply(s, record, values)
        records.save(s, record)
        return str(record.uuid)


def update(db: Database, kind: str, uuid: str, values: Any) -> None:
    with db.session() as s:
        record = _get(s, kind, uuid)
        KINDS[kind].apply(s, record, values)
        records.save(s, record)


def set_deleted(db: Database, uuid: str, deleted: bool, kind: str = "support_case") -> None:
    """Delete (tombstone) or bring back a record, as a new version."""
    with db.session() as s:
        record = _get(s, kind, uuid)
        if record.deleted != deleted:
            (records.delete if deleted else records.restore)(s, record)


def check(values: Any, kind: str = "support_case") -> None:
    """Raise the ValidationError a save would raise, without writing anything."""
    record = KINDS[kind].model()
    KINDS[kind].apply(None, record, values)
    records.validate(record)


def create_case(db: Database, values: CaseValues) -> str:
    return create(db, "support_case", values)


def update_case(db: Database, uuid: str, values: CaseValues) -> None:
    update(db, "support_case", uuid, values)
