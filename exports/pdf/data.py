"""What a PDF summary shows, read from the database in one transaction.

Apart from the layout (:mod:`exports.pdf.report`, :mod:`exports.pdf.lists`), so both
can name :class:`ReportData` without importing each other; no reportlab here.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from db import rows as R
from db.breakdowns import Monthly, monthly, support_types
from db.database import Database
from db.enums import SupportType
from db.fiscal import Period
from db.kinds import YEAR_KINDS
from db.tallies import Tally, tally


@dataclass(frozen=True)
class ReportData:
    """Everything one summary shows, read in one transaction."""

    period: Period
    office: str | None
    tally: Tally
    monthly: Monthly
    types: dict[SupportType, int]
    cases: list[R.CaseRow]
    events: list[R.EventRow]
    issues: list[R.IssueRow]
    jetaa: list[R.JetaaRow]
    made_at: datetime
    # the office's other work (seminars, publications...: db.kinds.YEAR_KINDS), by kind
    year: dict[str, list[Any]] = field(default_factory=dict)


def gather(db: Database, period: Period, office_code: str | None) -> ReportData:
    with db.session() as s:
        return ReportData(
            period, office_code, tally(s, period, office_code), monthly(s, period, office_code),
            support_types(s, period, office_code), R.cases(s, period, office_code),
            R.events(s, period, office_code), R.issues(s, period, office_code),
            R.jetaa_events(s, period, office_code), datetime.now().astimezone(),
            {k: R.READERS[k](s, period, office_code) for k in YEAR_KINDS},
        )  # fmt: skip
