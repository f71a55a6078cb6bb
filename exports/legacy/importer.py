"""Turn a read legacy sheet into records of one office, and keep confirmed mappings.

Every row becomes a new record of the kind's declared dataclass (:mod:`db.kinds`),
made on this laptop (through :mod:`db.records`), in one transaction; the sync
history notes the file, the office and what was skipped.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import select

from db import records
from db.base import utc_now
from db.database import Database
from db.edit import apply_values
from db.enums import RequesterCategory, VenueMode
from db.errors import LedgerError
from db.kinds import KindSpec, RecordKind, legacy_kinds
from db.models import ImportMapping
from db.offices import office as office_info
from db.requester import suggest_category
from exports.legacy.sheet import LegacySheet, read_legacy


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


def _record(spec: KindSpec, office: str, v: dict[str, Any]) -> Any:
    """A sheet row's values as the kind's record: its own fields, and its first child
    table's (a sheet row is one leg or session; a one-day one if it gives no end)."""
    values: dict[str, Any] = {"office_code": office}
    for f in spec.fields:
        key = f.legacy.key if f.legacy is not None and f.legacy.key else f.name
        if key in v and not f.derived:
            values[f.name] = v[key]
    if spec.kind is RecordKind.SUPPORT_CASE:
        category = values.get("requester_category")
        values["requester_category"] = (RequesterCategory(category) if category
                                        else suggest_category(values["requester"]))  # fmt: skip
    for child in [c for c in spec.children if not c.scalar][:1]:  # legs or sessions
        row = {f.name: v[f.name] for f in child.fields if f.name in v}
        row.setdefault("end_date", row.get("start_date"))
        if spec.kind is RecordKind.JETAA_EVENT:  # a session's venue often names its city
            row["city"] = row.get("venue", "")
            row["mode"] = _venue_mode(row.get("venue", ""))
        values[child.attr] = (child.row_type(**row),)
    return spec.row_type(**values)


def _write(session: Any, sheet: LegacySheet, office: str) -> int:
    spec = legacy_kinds()[sheet.kind]
    made = [_record(spec, office, v) for _, v in sheet.rows]
    if spec.kind is RecordKind.SUPPORT_CASE:
        return records.bulk_insert_cases(session, made)
    for values in made:
        records.save(session, apply_values(session, spec.kind, values))
    return len(made)


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
