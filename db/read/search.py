"""Text search over records: what the filter box and the command line look through.

Matching is a case-insensitive substring match (``lower(…) LIKE lower(…)`` with the
user's ``%`` and ``_`` escaped: the same on SQLite and PostgreSQL, whose ``LIKE`` alone
minds case), after NFKC normalisation of the query so that full-width Latin
letters and digits find their half-width forms.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from db.schema.fiscal import Period
from db.storage.base import LIVE
from db.storage.models import SupportCase


def normalise_query(text: str) -> str:
    return unicodedata.normalize("NFKC", text).strip()


def search_cases(
    session: Session,
    text: str,
    *,
    office: str | None = None,
    period: Period | None = None,
    limit: int | None = None,
) -> Sequence[int]:
    """Ids of live support cases whose requester or summary contains ``text``."""
    query = normalise_query(text)
    sc = SupportCase
    stmt = select(sc.id).where(sc.deleted == LIVE)
    if query:
        stmt = stmt.where(
            or_(
                sc.requester.icontains(query, autoescape=True),
                sc.summary.icontains(query, autoescape=True),
            )
        )
    if office is not None:
        stmt = stmt.where(sc.office_code == office)
    if period is not None:
        stmt = stmt.where(sc.start_date.between(period.start, period.end))
    return session.execute(stmt.order_by(sc.start_date, sc.id).limit(limit)).scalars().all()
