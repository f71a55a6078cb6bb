"""Small read queries shared by the command line and the app."""

from __future__ import annotations

from datetime import date

from sqlalchemy import func, select, union_all
from sqlalchemy.orm import Session

from db.schema.fiscal import fiscal_year
from db.storage.base import LIVE
from db.storage.models import EventBooth, JetaaEvent, SupportCase


def latest_fiscal_year(session: Session, default: date | None = None) -> int:
    """The newest fiscal year that has a live record, else the one containing ``default``."""
    from db.schema.kinds import YEAR_KINDS
    from db.storage.base import Base

    tables = [Base.metadata.tables[k.spec.table] for k in YEAR_KINDS]  # and their own dates
    dates = union_all(
        *(
            select(func.max(m.start_date).label("d")).where(m.deleted == LIVE)
            for m in (SupportCase, EventBooth, JetaaEvent)
        ),
        *(
            select(func.max(t.c[k.spec.date_field]).label("d")).where(t.c.deleted == LIVE)
            for k, t in zip(YEAR_KINDS, tables, strict=True)
        ),
    ).subquery()
    newest = session.execute(select(func.max(dates.c.d))).scalar()
    if newest is None:
        return fiscal_year(default or date.today())
    return fiscal_year(date.fromisoformat(newest) if isinstance(newest, str) else newest)
