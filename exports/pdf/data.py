"""What a PDF summary shows, read from the database in one transaction.

Apart from the layout (:mod:`exports.pdf.report`, :mod:`exports.pdf.lists`), so both
can name :class:`ReportData` without importing each other; no reportlab here.

The figures are read at once; the records are read office by office while the
record tables are laid out (:meth:`ReportData.records`), in the same read
transaction, so the headquarters report of 100,000 cases never holds them all.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy.orm import Session

from db.read import rows as R
from db.schema.enums import SupportType
from db.schema.fiscal import Period
from db.schema.kinds import RecordKind
from db.storage.database import Database
from db.tally.breakdowns import Monthly, monthly, support_types
from db.tally.tallies import Tally, tally


@dataclass(frozen=True)
class ReportData:
    """Everything one summary shows, read in one transaction (``session``, still open)."""

    period: Period
    office: str | None
    tally: Tally
    monthly: Monthly
    types: dict[SupportType, int]
    issues: list[R.IssueRow]
    made_at: datetime
    session: Session

    def records(self, kind: RecordKind, office_code: str) -> list[Any]:
        """One office's records of a kind in the period, ordered by date."""
        if kind is RecordKind.NEWSLETTER_ISSUE:
            return [i for i in self.issues if i.office_code == office_code]
        read: Any = R.READERS[kind]
        return list(read(self.session, self.period, office_code))


@contextmanager
def gather(db: Database, period: Period, office_code: str | None) -> Iterator[ReportData]:
    """The summary's figures, with the read transaction open for its records."""
    with db.session() as s:
        yield ReportData(
            period, office_code, tally(s, period, office_code), monthly(s, period, office_code),
            support_types(s, period, office_code), R.issues(s, period, office_code),
            datetime.now().astimezone(), s,
        )  # fmt: skip
