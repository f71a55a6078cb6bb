"""Figures broken down for charts and summaries: by month, by support type.

Like :mod:`db.tally.tallies`, one grouped SQL query per figure family; months are fiscal
(April first), and records are placed by the same date the tallies use.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import Integer, cast, func, select
from sqlalchemy.orm import Session

from db.schema.enums import SupportType
from db.schema.fiscal import FISCAL_MONTHS, Period
from db.storage.base import LIVE
from db.storage.models import (
    EventBooth,
    JetaaEvent,
    Newsletter,
    NewsletterIssue,
    SupportCase,
    SupportCaseType,
)

__all__ = ["FISCAL_MONTHS", "Monthly", "monthly", "support_types"]


@dataclass(frozen=True, slots=True)
class Monthly:
    """Twelve counts per family, April first."""

    support_cases: tuple[int, ...]
    event_booths: tuple[int, ...]
    newsletter_issues: tuple[int, ...]
    jetaa_events: tuple[int, ...]


def _by_month(session: Session, stmt: Any) -> tuple[int, ...]:
    counts = {int(month): int(n) for month, n in session.execute(stmt)}
    return tuple(counts.get(m, 0) for m in FISCAL_MONTHS)


def _grouped(model: Any, date_column: Any, period: Period, *where: Any) -> Any:
    month = cast(func.strftime("%m", date_column), Integer)
    return (
        select(month, func.count())
        .where(model.deleted == LIVE, date_column.between(period.start, period.end), *where)
        .group_by(month)
    )


def monthly(session: Session, period: Period, office: str | None = None) -> Monthly:
    """Counted support cases, events, newsletter issues and JETAA events per month.

    The months are those of the fiscal year the period starts in; records outside the
    period count nowhere.
    """
    sc, e, j, i, n = SupportCase, EventBooth, JetaaEvent, NewsletterIssue, Newsletter

    def mine(column: Any) -> list[Any]:
        return [column == office] if office else []

    issues = _grouped(i, i.issue_date, period, n.deleted == LIVE, *mine(n.office_code)).join(
        n, n.id == i.newsletter_id
    )
    return Monthly(
        _by_month(session, _grouped(sc, sc.start_date, period, sc.counted.is_(True),
                                    *mine(sc.office_code))),
        _by_month(session, _grouped(e, e.start_date, period, *mine(e.office_code))),
        _by_month(session, issues),
        _by_month(session, _grouped(j, j.start_date, period, *mine(j.office_code))),
    )  # fmt: skip


def support_types(
    session: Session, period: Period, office: str | None = None
) -> dict[SupportType, int]:
    """Counted cases per support type (a case with two types counts under each)."""
    sc, t = SupportCase, SupportCaseType
    stmt = (
        select(t.type_code, func.count())
        .join(sc, sc.id == t.case_id)
        .where(sc.deleted == LIVE, sc.counted.is_(True))
        .where(sc.start_date.between(period.start, period.end))
        .group_by(t.type_code)
    )
    if office:
        stmt = stmt.where(sc.office_code == office)
    counts = {kind: n for kind, n in session.execute(stmt)}
    return {kind: int(counts.get(kind, 0)) for kind in SupportType}
