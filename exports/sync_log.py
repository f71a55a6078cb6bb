"""The sync history: every export and import, with its file, office, counts and result.

An import's ``counts`` also carry ``app_version``: the version of the app that wrote
the workbook (its manifest's), for headquarters' board (issue #19); kept in the JSON
so that no migration is needed, and ignored by whatever reads counts per record type.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from db.base import utc_now
from db.database import Database
from db.fiscal import Period
from db.models import SyncLogEntry

# An import's results: "ok" (accepted), "ok (edits accepted)", "refused", and WAITING:
# a workbook edited by hand, not imported until someone accepts the edits.
WAITING = "waiting"


def log(
    db: Database, direction: str, path: Path, office: str | None, export_id: str | None,
    counts: dict[str, Any], result: str, message: str = "", *, period: Period | None = None,
    app_version: str = "",
) -> None:  # fmt: skip
    """Record one export or import (its own transaction: a failed import is logged too),
    with the period its workbook covers."""
    start, end = (period.start, period.end) if period is not None else (None, None)
    if db.read_only:  # read-only media, another app writing it: the export still succeeds
        return
    if app_version:
        counts = {**counts, "app_version": app_version}
    with db.session() as s:
        s.add(SyncLogEntry(at=utc_now(), direction=direction, file_name=str(path),
                           office_code=office, export_id=export_id, counts=counts,
                           result=result, message=message, period_start=start,
                           period_end=end))  # fmt: skip


def history(db: Database, limit: int = 200) -> list[SyncLogEntry]:
    """The newest entries first."""
    from sqlalchemy import select

    with db.session() as s:
        return list(
            s.execute(select(SyncLogEntry).order_by(SyncLogEntry.id.desc()).limit(limit)).scalars()
        )
