"""The sync history: every export and import, with its file, office, counts and result.

Imports and sends are lines of the ledger's ``sync_log``; an ``export`` or
``consolidate`` (read-only commands, issue #19) leaves a mark beside the ledger instead
(:mod:`exports.sent_marks`), and :func:`history` reads both. Older versions wrote their
exports' lines into the ledger: they are read as before.

An import's ``counts`` also carry ``app_version``: the version of the app that wrote
the workbook (its manifest's), for headquarters' board (issue #19); kept in the JSON
so that no migration is needed, and ignored by whatever reads counts per record type.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from db.schema.fiscal import Period
from db.storage.base import utc_now
from db.storage.database import Database
from db.storage.models import SyncLogEntry

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
    from db.hq import retry

    entry = {"at": utc_now(), "direction": direction, "file_name": str(path),
             "office_code": office, "export_id": export_id, "counts": counts,
             "result": result, "message": message, "period_start": start,
             "period_end": end}  # fmt: skip
    # retried like the import itself: another clerk's import may hold the file (#23)
    retry.run(db, lambda s: s.add(SyncLogEntry(**entry)), what="hq.import")


def history(db: Database, limit: int = 200) -> list[SyncLogEntry]:
    """The newest entries first: the ledger's lines and this laptop's export marks
    (:mod:`exports.sent_marks`, shown as entries that are not in the ledger)."""
    from sqlalchemy import select

    from exports.sent_marks import marks

    with db.session() as s:
        kept = list(
            s.execute(select(SyncLogEntry).order_by(SyncLogEntry.id.desc()).limit(limit)).scalars()
        )
    for m in marks(db)[-limit:]:
        kept.append(SyncLogEntry(at=m.at, direction="export", file_name=m.file_name,
                                 office_code=m.office, export_id=m.export_id, counts=m.counts,
                                 result="ok", message=m.message, period_start=m.period_start,
                                 period_end=m.period_end))  # fmt: skip
    kept.sort(key=lambda e: e.at, reverse=True)  # stable: the ledger's order within a time
    return kept[:limit]
