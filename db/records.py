"""The write path: create, edit, delete (tombstone) and restore records, one at a time
or in bulk, each write stamped with a new version from :mod:`db.clock`.

Every change to a record goes through here so that the sync fields, the derived
``start_date`` of events and the validation rules are applied in one place.
"""

from __future__ import annotations

import uuid as uuidlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sqlalchemy import func, insert, select
from sqlalchemy.orm import Session

from db import clock
from db.base import SyncFields, utc_now
from db.countries import validate as validate_country
from db.enums import CaseStatus, RequesterCategory, SupportType
from db.errors import ValidationError
from db.models import (
    EventBooth,
    JetaaEvent,
    NewsletterIssue,
    SupportCase,
    SupportCaseType,
)
from db.offices import office


def new_uuid() -> str:
    return str(uuidlib.uuid4())


def _require(condition: bool, message: str, field_name: str) -> None:
    if not condition:
        raise ValidationError(message, field=field_name)


def _not_negative(record: Any, *names: str) -> None:
    for name in names:
        value = getattr(record, name)
        _require(value is None or value >= 0, f"{name} cannot be negative", name)


def validate(record: SyncFields) -> None:
    """Check the rules a record must keep before it is stored.

    Raises:
        ValidationError: with ``field`` set to the first offending field.
    """
    code = getattr(record, "office_code", "HQ")
    try:
        office(code or "")
    except KeyError as exc:
        raise ValidationError(str(exc.args[0]), field="office_code") from None
    if isinstance(record, SupportCase):
        _require(bool((record.requester or "").strip()), "the requester is required", "requester")
        _require(record.start_date is not None, "the start date is required", "start_date")
        _require(
            record.end_date is None or record.end_date >= record.start_date,
            "the end date is before the start date",
            "end_date",
        )
    elif isinstance(record, EventBooth):
        _require(bool((record.name or "").strip()), "the event name is required", "name")
        _require(bool(record.legs), "an event needs at least one leg (dates and place)", "legs")
        for leg in record.legs:
            _require(leg.end_date >= leg.start_date, "a leg ends before it starts", "legs")
            leg.country = validate_country(leg.country)
        _not_negative(record, "exhibitors", "items_shown", "visitors")
    elif isinstance(record, JetaaEvent):
        _require(bool((record.name or "").strip()), "the event name is required", "name")
        _require(bool(record.sessions), "an event needs at least one session", "sessions")
        for session in record.sessions:
            _require(
                session.end_date >= session.start_date,
                "a session ends before it starts",
                "sessions",
            )
            session.country = validate_country(session.country)
        _not_negative(record, "participants")
    elif isinstance(record, NewsletterIssue):
        _require(record.issue_date is not None, "the issue date is required", "issue_date")
        _not_negative(record, "reach")


def _derive(record: SyncFields) -> None:
    if isinstance(record, EventBooth):
        for position, leg in enumerate(record.legs, 1):
            leg.position = position
        for position, muni in enumerate(record.municipalities, 1):
            muni.position = position
        record.start_date = min(leg.start_date for leg in record.legs)
    elif isinstance(record, JetaaEvent):
        for position, session in enumerate(record.sessions, 1):
            session.position = position
        record.start_date = min(s.start_date for s in record.sessions)


def save(session: Session, record: SyncFields) -> SyncFields:
    """Store a new record or a new version of an edited one; return it.

    A new record gets its UUID here. An edit keeps the version it was made on in
    ``base_version``/``base_device`` and takes a newer version than any seen.
    """
    if record.uuid is None:
        record.uuid = new_uuid()
        record.deleted = False
    validate(record)
    _derive(record)
    _stamp(session, record)
    session.add(record)
    session.flush()
    return record


def _stamp(session: Session, record: SyncFields) -> None:
    with session.no_autoflush:  # the record is not ready to be written before its version
        if record.version is not None:
            record.base_version, record.base_device = record.version, record.device_id
        record.version = clock.tick(session, at_least=record.version or 0)
        record.device_id = clock.device_id(session)
        record.updated_at = utc_now()


def delete(session: Session, record: SyncFields) -> None:
    """Mark the record deleted (a tombstone that travels like any other version)."""
    record.deleted = True
    _stamp(session, record)
    session.flush()


def restore(session: Session, record: SyncFields) -> None:
    """Bring a deleted record back as a new version (undo of a delete)."""
    record.deleted = False
    _stamp(session, record)
    session.flush()


@dataclass(slots=True)
class NewCase:
    """A support case to insert in bulk (demo data, benchmarks, legacy imports)."""

    office_code: str
    requester: str
    requester_category: RequesterCategory
    start_date: date
    end_date: date | None = None
    summary: str = ""
    staff: str = ""
    status: CaseStatus = CaseStatus.DONE
    counted: bool = True
    types: Sequence[SupportType] = field(default_factory=tuple)


def bulk_insert_cases(session: Session, cases: Iterable[NewCase]) -> int:
    """Insert many new support cases with two executemany statements; return the count.

    Versions are reserved from the clock in one step; ids are assigned here (the
    caller's transaction holds the write lock) so the support types can be linked
    without a round trip per row.
    """
    batch = list(cases)
    if not batch:
        return 0
    codes = {c.office_code for c in batch}
    for code in codes:
        office(code)
    device = clock.device_id(session)
    first_version = clock.tick(session, len(batch))
    first_id = (session.execute(select(func.max(SupportCase.id))).scalar() or 0) + 1
    now = utc_now()
    rows: list[dict[str, Any]] = []
    type_rows: list[dict[str, Any]] = []
    for n, case in enumerate(batch):
        if case.end_date is not None and case.end_date < case.start_date:
            raise ValidationError(
                f"row {n + 1}: the end date is before the start date", field="end_date"
            )
        row_id = first_id + n
        rows.append(
            {
                "id": row_id,
                "uuid": new_uuid(),
                "version": first_version + n,
                "device_id": device,
                "updated_at": now,
                "deleted": False,
                "office_code": case.office_code,
                "requester": case.requester,
                "requester_category": case.requester_category,
                "start_date": case.start_date,
                "end_date": case.end_date,
                "summary": case.summary,
                "staff": case.staff,
                "status": case.status,
                "counted": case.counted,
            }
        )
        type_rows.extend({"case_id": row_id, "type_code": t} for t in dict.fromkeys(case.types))
    conn = session.connection()
    conn.execute(insert(SupportCase), rows)
    if type_rows:
        conn.execute(insert(SupportCaseType), type_rows)
    return len(rows)
