"""Turn a read legacy sheet into records of one office, and keep confirmed mappings.

Every row becomes a new record made on this laptop (through :mod:`db.records`), in
one transaction; the sync history notes the file, the office and what was skipped.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import select

from db import records
from db.base import utc_now
from db.database import Database
from db.enums import RequesterCategory, VenueMode
from db.errors import LedgerError
from db.kinds import CaseRow
from db.models import (
    EventBooth,
    EventLeg,
    ImportMapping,
    JetaaEvent,
    JetaaSession,
    Newsletter,
    NewsletterIssue,
)
from db.offices import office as office_info
from db.requester import suggest_category
from exports.legacy import LegacySheet, read_legacy


class UnknownMapping(LedgerError):
    """``--mapping NAME`` names no saved mapping."""


@dataclass
class LegacyReport:
    sheet: LegacySheet
    office: str
    imported: int
    applied: bool
    mapping_name: str | None


def saved_mapping(db: Database, name: str) -> ImportMapping:
    with db.session() as s:
        found = s.get(ImportMapping, name)
        if found is None:
            names = ", ".join(s.execute(select(ImportMapping.name)).scalars()) or "none saved yet"
            raise UnknownMapping(f"no saved mapping {name!r} (saved: {names})")
        s.expunge(found)
        return found


def save_mapping(db: Database, name: str, sheet: LegacySheet, office: str) -> None:
    with db.session() as s:
        s.merge(ImportMapping(name=name, kind=sheet.kind, office_code=office,
                              columns=sheet.mapping_by_header(), saved_at=utc_now()))  # fmt: skip


def _venue_mode(venue: str) -> VenueMode:
    if "併用" in venue or "hybrid" in venue.lower():
        return VenueMode.HYBRID
    if "オンライン" in venue or "online" in venue.lower():
        return VenueMode.ONLINE
    return VenueMode.IN_PERSON


def _write(session: Any, sheet: LegacySheet, office: str) -> int:
    rows = [v for _, v in sheet.rows]
    if sheet.kind == "support-cases":
        return records.bulk_insert_cases(session, [
            CaseRow(
                office_code=office, requester=v["requester"],
                requester_category=RequesterCategory(v["category"]) if v.get("category")
                else suggest_category(v["requester"]),
                start_date=v["start_date"], end_date=v.get("end_date"),
                summary=v.get("summary", ""), staff=v.get("staff", ""),
                counted=v.get("counted", True),
            ) for v in rows
        ])  # fmt: skip
    for v in rows:
        end = v.get("end_date") or v.get("start_date")
        if sheet.kind == "event-booths":
            leg = EventLeg(start_date=v["start_date"], end_date=end, city=v.get("city", ""),
                           country=v["country"], venue=v.get("venue", ""))  # fmt: skip
            records.save(session, EventBooth(office_code=office, name=v["name"],
                                             hosted=v.get("hosted", False),
                                             visitors=v.get("visitors"), legs=[leg]))  # fmt: skip
        elif sheet.kind == "jetaa-events":
            venue = v.get("venue", "")
            part = JetaaSession(start_date=v["start_date"], end_date=end, country=v["country"],
                                venue=venue, city=venue, mode=_venue_mode(venue))  # fmt: skip
            records.save(session, JetaaEvent(office_code=office, name=v["name"],
                                             participants=v.get("participants"),
                                             sessions=[part]))  # fmt: skip
        else:
            letter = session.execute(select(Newsletter).where(
                Newsletter.office_code == office, Newsletter.title == v["title"],
                Newsletter.deleted.is_(False))).scalars().first()  # fmt: skip
            if letter is None:
                letter = records.save(session, Newsletter(office_code=office, title=v["title"]))
            records.save(session, NewsletterIssue(
                newsletter=letter, issue_date=v["issue_date"], number=v.get("number", ""),
                contents=v.get("contents", ""), reach=v.get("reach"),
            ))  # fmt: skip
    return len(rows)


def import_legacy(
    db: Database, path: str | Path, office: str, kind: str, *, accept_guess: bool = False,
    mapping: str | None = None, save_as: str | None = None, dry_run: bool = False,
) -> LegacyReport:  # fmt: skip
    """Read, and with an accepted guess or a saved mapping, import an office's own sheet."""
    from exports.sync_log import log

    office_info(office)
    saved = saved_mapping(db, mapping) if mapping else None
    if saved is not None and saved.kind != kind:
        raise UnknownMapping(f"mapping {mapping!r} is for {saved.kind}, not {kind}")
    sheet = read_legacy(path, kind, saved.columns if saved else None)
    apply = (accept_guess or saved is not None) and not dry_run
    report = LegacyReport(sheet, office, 0, False, mapping)
    if not apply:
        return report
    with db.session() as session:
        report.imported = _write(session, sheet, office)
    report.applied = True
    if accept_guess and not saved:
        report.mapping_name = save_as or f"{office}-{kind}"
        save_mapping(db, report.mapping_name, sheet, office)
    log(db, "import", Path(path), office, None, {kind: report.imported,
        "unreadable_rows": len(sheet.problems)}, "ok", "legacy spreadsheet")  # fmt: skip
    return report
