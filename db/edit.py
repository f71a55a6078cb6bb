"""Edits the app makes to support cases, by UUID and plain values (no ORM objects out).

Each call is one transaction and one new version (see :mod:`db.records`); undoing an
edit is a further edit back to the old values, so undo travels to other laptops like
any change.
"""

from __future__ import annotations

from sqlalchemy import select

from db import records
from db.database import Database
from db.errors import ValidationError
from db.models import SupportCase, SupportCaseType
from db.records import CaseValues


def _apply(case: SupportCase, values: CaseValues) -> None:
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


def _get(session: object, uuid: str) -> SupportCase:
    found = session.execute(  # type: ignore[attr-defined]
        select(SupportCase).where(SupportCase.uuid == uuid)
    ).scalar_one_or_none()
    if found is None:
        raise ValidationError(f"no support case {uuid}", field="uuid")
    return found  # type: ignore[no-any-return]


def values_of(db: Database, uuid: str) -> CaseValues:
    with db.session() as s:
        c = _get(s, uuid)
        return CaseValues(c.office_code, c.requester, c.requester_category, c.start_date,
                          c.end_date, c.summary, c.staff, c.status, c.counted,
                          tuple(c.support_types))  # fmt: skip


def create_case(db: Database, values: CaseValues) -> str:
    """Store a new case; return its UUID. Raises ValidationError naming the field."""
    with db.session() as s:
        case = SupportCase()
        _apply(case, values)
        records.save(s, case)
        return case.uuid


def update_case(db: Database, uuid: str, values: CaseValues) -> None:
    with db.session() as s:
        case = _get(s, uuid)
        _apply(case, values)
        records.save(s, case)


def set_deleted(db: Database, uuid: str, deleted: bool) -> None:
    """Delete (tombstone) or bring back a case, as a new version."""
    with db.session() as s:
        case = _get(s, uuid)
        if case.deleted != deleted:
            (records.delete if deleted else records.restore)(s, case)


def check(values: CaseValues) -> None:
    """Raise the ValidationError a save would raise, without writing anything."""
    case = SupportCase()
    _apply(case, values)
    records.validate(case)
