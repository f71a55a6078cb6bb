"""The write path: create, edit, delete (tombstone) and restore records, one at a time
or in bulk, each write stamped with a new version from :mod:`db.clock`.

Every change to a record goes through here so that the sync fields, the derived
``start_date`` of events and the validation rules are applied in one place.
"""

from __future__ import annotations

import os
import uuid as uuidlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from db import clock
from db.base import SyncFields, UTCDateTime, utc_now
from db.countries import validate as validate_country
from db.enums import CaseStatus, RequesterCategory, SupportType
from db.errors import ValidationError
from db.models import (
    EventBooth,
    JetaaEvent,
    NewsletterIssue,
    SupportCase,
)
from db.offices import office


def new_uuid() -> str:
    return str(uuidlib.uuid4())


def new_uuids(count: int) -> list[str]:
    """``count`` random (version 4) UUIDs as text, from one read of ``os.urandom``.

    The same values ``uuid.uuid4()`` makes, about six times faster for bulk inserts.
    """
    raw = bytearray(os.urandom(16 * count))
    raw[6::16] = bytes((b & 0x0F) | 0x40 for b in raw[6::16])  # version 4
    raw[8::16] = bytes((b & 0x3F) | 0x80 for b in raw[8::16])  # RFC 4122 variant
    text = raw.hex()
    out = []
    for i in range(0, 32 * count, 32):
        h = text[i : i + 32]
        out.append(f"{h[:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:]}")
    return out


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

    A new record gets its UUID here. An edit takes a newer version than any seen and
    adds it to the record's version vector.
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
        record.version = clock.tick(session, at_least=record.version or 0)
        record.device_id = clock.device_id(session)
        record.version_vector = {**(record.version_vector or {}), record.device_id: record.version}
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
class CaseValues:
    """What a support case holds, besides its sync fields: what a person edits in the
    form (:mod:`db.edit`), and what bulk inserts take (demo data, legacy imports)."""

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


_CASE_COLUMNS = (
    "id", "uuid", "version", "device_id", "version_vector", "updated_at", "deleted",
    "office_code", "requester", "requester_category", "start_date", "end_date", "summary",
    "staff", "status", "counted",
)  # fmt: skip
_INSERT_CASE = (
    f"INSERT INTO support_case ({', '.join(_CASE_COLUMNS)})"
    f" VALUES ({', '.join('?' * len(_CASE_COLUMNS))})"
)
_INSERT_TYPE = "INSERT INTO support_case_type (case_id, type_code) VALUES (?, ?)"
# StrEnum members equal their codes, so these sets accept a member or its code alike.
_CATEGORIES, _STATUSES, _TYPES = (
    frozenset(RequesterCategory),
    frozenset(CaseStatus),
    frozenset(SupportType),
)


def _check_codes(n: int, case: CaseValues) -> None:
    if case.end_date is not None and case.end_date < case.start_date:
        raise ValidationError(f"row {n}: the end date is before the start date", field="end_date")
    for value, allowed, name in (
        (case.requester_category, _CATEGORIES, "requester_category"),
        (case.status, _STATUSES, "status"),
        *((t, _TYPES, "types") for t in case.types),
    ):
        if value not in allowed:
            raise ValidationError(f"row {n}: {value!r} is not a valid {name}", field=name)


def bulk_insert_cases(session: Session, cases: Iterable[CaseValues]) -> int:
    """Insert many new support cases with two executemany statements; return the count.

    The rows are written in the same storage format SQLAlchemy uses for these columns
    (ISO dates, 0/1 booleans, enum codes, :class:`db.base.UTCDateTime` text), straight
    to the driver: SQLAlchemy's per-value processing would triple the time. Versions
    are reserved from the clock in one step; ids are assigned here (the transaction
    holds the write lock) so that the support types link without a round trip per row.

    Raises:
        ValidationError: a row breaks a rule; nothing of the batch is written.
    """
    batch = list(cases)
    if not batch:
        return 0
    for code in {c.office_code for c in batch}:
        try:
            office(code)
        except KeyError as exc:
            raise ValidationError(str(exc.args[0]), field="office_code") from None
    device = clock.device_id(session)
    first_version = clock.tick(session, len(batch))
    first_id = (session.execute(select(func.max(SupportCase.id))).scalar() or 0) + 1
    now = UTCDateTime().process_bind_param(utc_now(), session.bind.dialect)  # type: ignore[union-attr]
    uuids = new_uuids(len(batch))
    rows: list[tuple[Any, ...]] = []
    type_rows: list[tuple[int, str]] = []
    for n, case in enumerate(batch):
        _check_codes(n + 1, case)
        row_id = first_id + n
        rows.append(
            (
                row_id, uuids[n], first_version + n, device,
                f'{{"{device}": {first_version + n}}}', now, 0, case.office_code,
                case.requester, str(case.requester_category),
                case.start_date.isoformat(),
                case.end_date.isoformat() if case.end_date is not None else None,
                case.summary, case.staff, str(case.status), 1 if case.counted else 0,
            )
        )  # fmt: skip
        type_rows.extend((row_id, str(t)) for t in dict.fromkeys(case.types))
    conn = session.connection()
    conn.exec_driver_sql(_INSERT_CASE, rows)
    if type_rows:
        conn.exec_driver_sql(_INSERT_TYPE, type_rows)
    return len(rows)
