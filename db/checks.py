"""The rules a record given as plain values must keep before it is merged in.

:mod:`db.records` checks ORM objects the app edits; this checks records that arrive
from files, with the same rules, and says in words what is wrong.
"""

from __future__ import annotations

from typing import Any

from db import rows as R
from db.countries import codes
from db.offices import OFFICE_CODES


def check_row(kind: str, row: Any) -> str | None:
    """``None`` if the record is acceptable, else what is wrong with it."""
    if getattr(row, "office_code", "HQ") not in OFFICE_CODES and kind != "newsletter_issue":
        return f"unknown office {row.office_code!r}"
    if row.sync.version < 1 or not row.sync.device_id:
        return "missing version or device"
    if isinstance(row, R.CaseRow):  # also checked column-wise: exports.xlsx_read._case_batch
        if not (row.requester or "").strip():
            return "the requester is empty"
        if row.start_date is None:
            return "the start date is empty"
        if row.end_date is not None and row.end_date < row.start_date:
            return "the end date is before the start date"
    elif isinstance(row, R.EventRow | R.JetaaRow):
        parts = row.legs if isinstance(row, R.EventRow) else row.sessions
        if not (row.name or "").strip():
            return "the name is empty"
        if not parts:
            return "it has no dates (no legs or sessions)"
        for part in parts:
            if part.start_date is None or part.end_date is None:
                return "a leg or session has no date"
            if part.end_date < part.start_date:
                return "a leg or session ends before it starts"
            if part.country not in codes():
                return f"{part.country!r} is not an ISO country code"
    elif isinstance(row, R.IssueRow) and row.issue_date is None:
        return "the issue date is empty"
    return None
