"""Import export workbooks: preview what each would change, then apply it (or not).

One file is one transaction: it is read and checked completely first, and any
failure leaves the database exactly as it was. A workbook edited by hand (row hashes
or row counts that no longer match its manifest) is shown with the changed cells and
imported only when the user accepts the edits; the edited records then become new
versions made on this laptop.
"""

from __future__ import annotations

import copy
import dataclasses
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from db.hq import once, retry, who
from db.records import history
from db.schema.errors import LedgerError
from db.schema.fiscal import Period
from db.schema.kinds import all_children
from db.schema.words import WORDS, Message, Term, word
from db.storage import clock
from db.storage.base import utc_now
from db.storage.database import Database
from db.sync import merge
from db.sync.bulk import collector_paused
from exports.xlsx.read import Bundle, Edit, read_export


class EditedWorkbook(LedgerError):
    """The workbook was edited by hand and the edits were not accepted."""


@dataclass(frozen=True)
class CellChange:
    sheet: str
    row: int
    uuid: str
    field: str
    old: Any
    new: Any


@dataclass
class ImportReport:
    path: Path
    office: str
    export_id: str
    counts: dict[str, dict[str, int]]
    changes: list[CellChange] = field(default_factory=list)
    edited_rows: list[Edit] = field(default_factory=list)
    missing_rows: dict[str, int] = field(default_factory=dict)
    applied: bool = False
    # imported before (by this or another person): who and when, as a catalogue Message;
    # nothing was changed (issue #23: an export is imported once)
    already: Any = None
    exported_at: datetime | None = None  # when the office wrote it (the manifest's)
    device_name: str = ""  # the laptop that wrote it

    @property
    def edited(self) -> bool:
        return bool(self.edited_rows or self.missing_rows)

    @property
    def total_changes(self) -> int:
        return sum(c[a] for c in self.counts.values() for a in ("new", "updated", "deleted"))


def _differences(old: Any, new: Any, absent: frozenset[str]) -> list[tuple[str, Any, Any]]:
    out = []
    for f in dataclasses.fields(new):
        if f.name in ("sync", "id") or f.name in absent:  # absent: the sender had no such field
            continue
        a, b = getattr(old, f.name), getattr(new, f.name)
        if a != b:
            out.append((f.name, a, b))
    return out


PARENT_OF = {c.table: s.table for s, c in all_children()}


def _edited_records(bundle: Bundle) -> dict[str, set[str]]:
    """Per record type, the UUIDs of records with a hand-edited row (children included)."""
    out: dict[str, set[str]] = {}
    for edit in bundle.edits:
        kind = PARENT_OF.get(edit.sheet, edit.sheet)
        if kind == "tombstone":
            kind = edit.values.get("kind", "")
        out.setdefault(kind, set()).add(edit.uuid)
    return out


def _cell_changes(session: Any, bundle: Bundle) -> list[CellChange]:
    changes = []
    for kind, uuids in _edited_records(bundle).items():
        local = merge.local_rows(session, kind, list(uuids))
        rows = {r.sync.uuid: r for r in bundle.records.get(kind, ()) if r.sync.uuid in uuids}
        edits = {e.uuid: e for e in bundle.edits}
        for uuid, row in rows.items():
            edit = edits.get(uuid)
            sheet, number = (edit.sheet, edit.row) if edit else (kind, 0)
            if edit is not None and edit.typed:
                changes.append(CellChange(sheet, number, uuid, "+", None, _typed(kind, row)))
                continue
            old = local.get(uuid)
            if old is None or old.sync.version != row.sync.version:
                changes.append(CellChange(sheet, number, uuid, "*", None, "(whole row)"))
                continue
            absent = bundle.absent.get(kind, frozenset())
            changes += [CellChange(sheet, number, uuid, name, a, b)
                        for name, a, b in _differences(old, row, absent)]  # fmt: skip
            kept = bundle.extras.get(kind, {}).get(uuid)
            if kept:
                found = _kept_differences(session, kind, uuid, kept)
                changes += [CellChange(sheet, number, uuid, k, a, b) for k, a, b in found]
    return changes


def _typed(kind: str, row: Any) -> str:
    """A record typed by hand, in a few words: its first texts and dates."""
    from datetime import date
    from enum import Enum

    from db.schema.kinds import spec

    shown = []
    for f in spec(kind).fields:
        value = getattr(row, f.name, None)
        if f.derived or f.name == "office_code" or value in (None, "", ()):
            continue
        if isinstance(value, str | date) and not isinstance(value, Enum):  # codes: no words
            shown.append(str(value))
    return " / ".join(shown[:4])


def _kept_differences(session: Any, kind: str, uuid: str,
                      incoming: dict[str, Any]) -> list[tuple[str, Any, Any]]:  # fmt: skip
    """Changes to the values kept of a newer app's columns (by their texts)."""
    import json

    from sqlalchemy import text

    stored = session.execute(
        text(f"SELECT extras FROM {kind} WHERE uuid = :u"), {"u": uuid}
    ).scalar()  # kind is one of db.records.store.KINDS' tables (the bundle's record types)
    before = json.loads(stored) if stored else {}
    out = []
    for key, value in incoming.items():
        a, b = _shown(before.get(key)), _shown(value)
        if a != b:
            out.append((key, a, b))
    return out


def _shown(value: dict[str, Any] | None) -> Any:
    """A kept value as the preview shows it: its text, or a child column's texts by row."""
    if not value:
        return None
    return value["text"] if "text" in value else value.get("rows")


def _stamp_edits(session: Any, bundle: Bundle) -> dict[str, list[Any]]:
    """Accepted hand edits become new versions made on this laptop: the bundle's records
    with the edited ones stamped, as copies (the bundle is left as read, so a unit run
    again after a collision stamps from the workbook's versions, not the rolled-back
    try's)."""
    device = clock.device_id(session)
    records = copy.copy(bundle.records)  # a defaultdict stays one
    for kind, rows in bundle.records.items():
        records[kind] = rows.copy()  # a list, or the reader's ColumnBatch
    for kind, uuids in _edited_records(bundle).items():
        rows = records.get(kind, [])
        for i, row in enumerate(rows):
            if row.sync.uuid not in uuids:
                continue
            version = clock.tick(session, at_least=row.sync.version)
            sync = dataclasses.replace(
                row.sync, version=version, device_id=device, updated_at=utc_now(),
                version_vector={**row.sync.version_vector, device: version},
            )  # fmt: skip
            rows[i] = dataclasses.replace(row, sync=sync)
    return records


def import_file(
    db: Database, path: str | Path, *, dry_run: bool = False, accept_edited: bool = False
) -> ImportReport:
    """Preview, and unless ``dry_run``, apply one export workbook in one transaction.

    Raises:
        BadWorkbook: the file cannot be imported (nothing changed).
        EditedWorkbook: edited by hand and ``accept_edited`` is false (nothing changed).
    """
    path = Path(path)
    with collector_paused():
        return _import(db, path, dry_run, accept_edited)


def _import(db: Database, path: Path, dry_run: bool, accept_edited: bool) -> ImportReport:
    from exports.sync_log import WAITING, log
    from exports.xlsx.guard import BadWorkbook

    try:
        bundle = read_export(path)
    except BadWorkbook as exc:
        log(db, "import", path, None, None, {}, "refused", str(exc))
        raise
    report = ImportReport(path, bundle.office, bundle.manifest.get("export_id", ""), {},
                          edited_rows=bundle.edits, missing_rows=bundle.missing_rows,
                          exported_at=_moment(bundle.manifest.get("created_at")),
                          device_name=str(bundle.manifest.get("device_name") or ""))  # fmt: skip
    if not dry_run:
        from db.storage.backup import before_change

        before_change(db, "before-import")  # a copy to go back to (when changed since the last)
    edited = bundle.edited
    applying = not dry_run and (not edited or accept_edited)
    # the workbook as exported is known by its export id; an edited copy also by the
    # digest of its cells as read (the same copy saved again is the same; another edit
    # is a copy of its own): each is imported once (issue #23)
    content = bundle.digest if edited else ""

    def unit(session: Any) -> None:  # run again when another person's import got in the way
        report.changes = _cell_changes(session, bundle)
        report.already, report.applied = None, False
        if applying:  # claimed in this transaction: a second clerk's import waits, then is told
            found = once.claim(session, report.export_id, bundle.office, path.name, content)
        else:  # a preview, or edits not accepted: only said
            found = once.earlier(session, report.export_id, content)
        if found is not None:
            report.already = once.said(found, path.name, report.export_id)
        records, hand_edited = bundle.records, frozenset[str]()
        if edited and applying and found is None:  # accepted edits: new versions made here
            records = _stamp_edits(session, bundle)
            hand_edited = frozenset(u for us in _edited_records(bundle).values() for u in us)
        history.via(session, history.Source("import", _origin(session, path, bundle)))
        planned = merge.plan(session, records, bundle.partials(), bundle.extras)
        planned.hand_edited = hand_edited
        report.counts = planned.counts()
        if dry_run or report.already is not None or (edited and not accept_edited):
            session.rollback()
            return
        merge.apply(session, planned)
        m = bundle.manifest  # the sender's laptop, named in the Conflicts view
        clock.remember_device(session, m.get("device_id", ""), m.get("device_name", ""),
                              bundle.office)  # fmt: skip
        known = clock.known_devices(session)
        for device in m.get("former_device_ids", "").split():  # a copy's former id is
            if device not in known:  # also the original's own: never renamed by the copy
                clock.remember_device(session, device, m.get("device_name", ""), bundle.office)
        report.applied = True

    retry.run(db, unit, what="hq.import", lock="" if dry_run else "import")
    if dry_run or report.already is not None:
        return report
    if edited and not accept_edited:
        log(db, "import", path, bundle.office, report.export_id, report.counts, WAITING,
            "edited by hand", period=_period(bundle.manifest),
            app_version=str(bundle.manifest.get("app_version") or ""))  # fmt: skip
        what = _edit_summary(report)
        raise EditedWorkbook(Message("export.edited", {"file": path.name, "what": what}))
    log(db, "import", path, bundle.office, report.export_id, report.counts,
        "ok" if not edited else "ok (edits accepted)", period=_period(bundle.manifest),
        app_version=str(bundle.manifest.get("app_version") or ""))  # fmt: skip
    return report


def _moment(value: Any) -> datetime | None:
    """The manifest's ``created_at`` as a moment (None when missing or unreadable: a
    hand-made or damaged manifest still imports)."""
    if isinstance(value, datetime):
        return value
    try:
        return datetime.fromisoformat(str(value)) if value else None
    except ValueError:
        return None


def _origin(session: Any, path: Path, bundle: Bundle) -> dict[str, Any]:
    """Where an imported version came from, as its history keeps it."""
    m = bundle.manifest
    created: Any = m.get("created_at")
    return {"file": path.name, "office": bundle.office, "export_id": m.get("export_id"),
            "exported_at": created.isoformat() if hasattr(created, "isoformat") else created,
            "device_id": m.get("device_id"), "device_name": m.get("device_name"),
            "former_device_ids": m.get("former_device_ids", "").split(),
            "imported_by": who.user(session)}  # fmt: skip


def _period(manifest: dict[str, str]) -> Period | None:
    """The period the workbook covers, as its manifest says (None if unreadable)."""
    from datetime import date

    try:
        start = date.fromisoformat(manifest.get("period_start", "")[:10])
        end = date.fromisoformat(manifest.get("period_end", "")[:10])
    except ValueError:
        return None
    return Period(start, end)


def _edit_summary(report: ImportReport) -> Message:
    """What was edited by hand, in any language (rows changed, rows removed per sheet)."""
    from db.schema.plurals import form, noun, plural

    parts: list[Message | Term] = []
    if report.edited_rows:
        n = len(report.edited_rows)
        parts.append(Message("export.part.edited_rows", {"n": n, "rows": plural(n, "row")}))
    for sheet, n in report.missing_rows.items():
        name = Message("legacy.choices", {"ja": word(f"kind.{sheet}", "ja"), "en": form(
            noun(sheet), 2)}) if f"kind.{sheet}" in WORDS else sheet  # fmt: skip
        parts.append(Message("export.part.removed_rows", {"n": n, "rows": plural(n, "row"),
                                                     "sheet": name}))  # fmt: skip
    if not parts:
        return Message("legacy.rule", {"reason": Term("export.part.hash_differs")})
    joined: Message | Term = parts[-1]
    for part in reversed(parts[:-1]):
        joined = Message("legacy.two", {"a": part, "b": joined})
    return Message("legacy.rule", {"reason": joined})
