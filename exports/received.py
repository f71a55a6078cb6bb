"""Who has sent what: the exports headquarters received, and an office's last send.

Read from the sync history (:mod:`exports.sync_log`). At headquarters, :func:`board`
gives one row per overseas office: the newest export received from it (when, its
period, records per type, and whether it was accepted, refused or waits for someone to
accept its hand edits) and, per month of the fiscal year, the newest export received
in that month; an office that sent nothing this month is ``missing``. At an office,
:func:`last_sent` says when it last exported for headquarters and how many of its
records changed since.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import func, select

from db.schema.fiscal import Period, fiscal_year
from db.schema.kinds import SPECS, RecordKind
from db.schema.offices import OVERSEAS_CODES
from db.storage.database import Database
from db.storage.models import SyncLogEntry
from exports.sync_log import WAITING

ACCEPTED, REFUSED = "accepted", "refused"
STATES = (ACCEPTED, REFUSED, WAITING)


@dataclass(frozen=True)
class Received:
    """One export as headquarters received it (its newest import attempt)."""

    office: str
    at: datetime  # when it was (last) imported, UTC
    file_name: str
    export_id: str
    period: Period | None  # None: received before the app kept periods
    counts: dict[str, int]  # records per type in the workbook (RecordKind values)
    state: str  # ACCEPTED, REFUSED or WAITING
    message: str
    app_version: str = ""  # of the app that wrote it ("" if received before 0.4.0)


@dataclass(frozen=True)
class BoardRow:
    office: str
    newest: Received | None
    months: tuple[Received | None, ...]  # the fiscal year's months, April first
    missing: bool  # nothing received in the current month


def _state(result: str, message: str) -> str:
    if result.startswith("ok"):
        return ACCEPTED
    if result == WAITING or message == "edited by hand":  # older entries said "refused"
        return WAITING
    return REFUSED


def _records(counts: Any) -> dict[str, int]:
    """Records per type from an import's counts (new, updated, … per type)."""
    out = {}
    for kind in RecordKind:
        value = counts.get(kind) if isinstance(counts, dict) else None
        if isinstance(value, dict):
            out[str(kind)] = sum(int(v) for v in value.values() if isinstance(v, int))
    return out


def received(db: Database) -> list[Received]:
    """Every export received from an office, oldest first, each once: an export
    imported twice (refused, then accepted) shows its newest attempt."""
    with db.session() as s:
        entries = s.execute(
            select(SyncLogEntry)
            .where(SyncLogEntry.direction == "import", SyncLogEntry.office_code.in_(OVERSEAS_CODES))
            .order_by(SyncLogEntry.id)
        ).scalars().all()  # fmt: skip
    newest: dict[str, Received] = {}
    for e in entries:
        period = Period(e.period_start, e.period_end) if e.period_start and e.period_end else None
        key = e.export_id or f"file:{e.file_name}"
        state = _state(e.result, e.message)
        before = newest.pop(key, None)
        if before is not None and before.state == ACCEPTED and state != ACCEPTED:
            state = ACCEPTED  # a later refusal (imported again) does not undo an import
        made_by = e.counts.get("app_version", "") if isinstance(e.counts, dict) else ""
        newest[key] = Received(str(e.office_code), e.at, e.file_name, e.export_id or "",
                               period, _records(e.counts), state, e.message,
                               str(made_by))  # fmt: skip
    return list(newest.values())


def _month_index(day: date, fy: int) -> int | None:
    if fiscal_year(day) != fy:
        return None
    return (day.month - 4) % 12


def board(db: Database, fy: int, today: date | None = None) -> list[BoardRow]:
    """Per overseas office: the newest export received, and the newest per month of
    fiscal year ``fy`` (months by the day it was received, UTC)."""
    today = today or datetime.now(UTC).date()
    found = received(db)
    rows = []
    for code in OVERSEAS_CODES:
        mine = [r for r in found if r.office == code]
        months: list[Received | None] = [None] * 12
        for r in mine:  # oldest first: the newest of a month stays
            n = _month_index(r.at.astimezone(UTC).date(), fy)
            if n is not None:
                months[n] = r
        this_month = [r for r in mine if (r.at.astimezone(UTC).date().year,
                                          r.at.astimezone(UTC).date().month)
                      == (today.year, today.month)]  # fmt: skip
        rows.append(BoardRow(code, mine[-1] if mine else None, tuple(months), not this_month))
    return rows


@dataclass(frozen=True)
class LastSent:
    """An office's newest export for headquarters, and its records changed since."""

    at: datetime | None  # None: never exported
    file_name: str
    message: str  # how it went: "email draft to …", "outbox message to …", "" (a file)
    period: Period | None
    changed_since: int  # records of the office with a version newer than the export


def last_sent(db: Database, office: str) -> LastSent:
    """The newest of the ledger's export lines (sends, and exports by older versions)
    and this laptop's export marks (:mod:`exports.sent_marks`) for ``office``."""
    from exports.sent_marks import marks

    with db.session() as s:
        e = s.execute(
            select(SyncLogEntry)
            .where(SyncLogEntry.direction == "export", SyncLogEntry.office_code == office,
                   SyncLogEntry.result == "ok")
            .order_by(SyncLogEntry.id.desc()).limit(1)
        ).scalar_one_or_none()  # fmt: skip
        found = None
        if e is not None:
            period = (Period(e.period_start, e.period_end)
                      if e.period_start and e.period_end else None)  # fmt: skip
            found = LastSent(e.at, e.file_name, e.message, period, 0)
    mine = [m for m in marks(db) if m.office == office]
    if mine and (found is None or found.at is None or mine[-1].at > found.at):
        m = mine[-1]
        found = LastSent(m.at, m.file_name, m.message, m.period, 0)
    since = found.at if found is not None else None
    with db.session() as s:
        changed = _changed(s, office, since)
    if found is None:
        return LastSent(None, "", "", None, changed)
    return LastSent(found.at, found.file_name, found.message, found.period, changed)


def _changed(session: Any, office: str, since: datetime | None) -> int:
    """Records of the office (tombstones too) whose version is newer than ``since``, of
    every kind in the registry (a kind without an office of its own, as an issue, is
    the office of the record it names)."""
    from db.schema.fields import FieldType
    from db.storage.base import Base

    tables = Base.metadata.tables
    total = 0
    for spec in SPECS.values():
        t = tables[spec.table]
        if spec.has_office:
            q = select(func.count()).select_from(t).where(t.c.office_code == office)
        else:
            ref = next(f for f in spec.stored_fields if f.type is FieldType.REF and f.refers)
            owner = tables[str(ref.refers)]
            q = (select(func.count()).select_from(t.join(owner, t.c[ref.db_column] == owner.c.id))
                 .where(owner.c.office_code == office))  # fmt: skip
        if since is not None:
            q = q.where(t.c.updated_at > since)
        total += int(session.execute(q).scalar_one())
    return total
