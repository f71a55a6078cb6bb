"""The sync history: every export and import, with its file, office, counts and result."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from db.base import utc_now
from db.database import Database
from db.models import SyncLogEntry


def log(
    db: Database, direction: str, path: Path, office: str | None, export_id: str | None,
    counts: dict[str, Any], result: str, message: str = "",
) -> None:  # fmt: skip
    """Record one export or import (its own transaction: a failed import is logged too).

    A database opened read-only (read-only media, another app writing it) keeps no
    history of what was exported from it: the export itself still succeeds."""
    if db.read_only:
        return
    with db.session() as s:
        s.add(SyncLogEntry(at=utc_now(), direction=direction, file_name=str(path),
                           office_code=office, export_id=export_id, counts=counts,
                           result=result, message=message))  # fmt: skip


def history(db: Database, limit: int = 200) -> list[SyncLogEntry]:
    """The newest entries first."""
    from sqlalchemy import select

    with db.session() as s:
        return list(
            s.execute(select(SyncLogEntry).order_by(SyncLogEntry.id.desc()).limit(limit)).scalars()
        )
