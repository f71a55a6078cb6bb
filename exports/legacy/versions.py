"""A sheet imported again is a new version of the same sheet.

Each import remembers which record each row of an office's sheet became
(:class:`db.storage.models.SheetRow`), per office, kind and sheet identity: the file's name,
or its sheet's name with its header (offices rename their files and keep their
columns), or — a file renamed *and* its header changed (a column renamed, added or
moved) — its rows: an earlier sheet holding at least half of them, compared on the
fields both have columns for, is the same sheet. Imported again, the sheet's rows are
matched with the remembered ones: a row with the same values is the same record,
unchanged; a row most of whose values
are those of a remembered row that is gone is that record, changed (a new version of
it); remembered rows left over are gone from the sheet (offered for deletion); the
rest are new. The plan is made before anything is written, so the preview shows the
three groups and a dry run writes nothing.
"""

from __future__ import annotations

import hashlib
import json
import uuid as uuidlib
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import delete, insert, select
from sqlalchemy.orm import Session

from db.storage.base import utc_now
from db.storage.models import SheetRow
from exports.legacy.fields import norm
from exports.legacy.sheet import LegacySheet

# Derived UUIDs of sheet rows (uuid5 in this namespace over office, kind and values).
ROWS = uuidlib.UUID("6f1e0c52-5b1a-4c3e-9d0e-0ff1ce1ed9e5")


def _text(values: dict[str, Any]) -> str:
    return json.dumps(values, sort_keys=True, ensure_ascii=False, default=str)


def row_hashes(sheet: LegacySheet, office: str) -> list[tuple[str, str]]:
    """Each row's (hash of its values, derived UUID) from the office, the kind and its
    values (the n-th of identical rows gets its own UUID, so two equal rows stay two)."""
    seen: Counter[str] = Counter()
    out = []
    for _, v in sheet.rows:
        digest = hashlib.sha256(f"{office}|{sheet.kind}|{_text(v)}".encode()).hexdigest()
        seen[digest] += 1
        out.append((digest, str(uuidlib.uuid5(ROWS, f"{digest}|{seen[digest]}"))))
    return out


def header_key(sheet: LegacySheet) -> str:
    """The sheet's header as an identity (its words, normalised, in order)."""
    return hashlib.sha256("|".join(norm(h) for h in sheet.headers).encode()).hexdigest()


@dataclass
class Row:
    """A row of the sheet as it is now, and the record it is (or will be)."""

    row: int  # the worksheet row a person sees
    values: dict[str, Any]
    digest: str
    uuid: str
    before: dict[str, Any] | None = None  # a changed row: its values when last imported
    revive: bool = False  # a new row whose record was deleted before: brought back


@dataclass
class Plan:
    """What importing the sheet again does, before anything is written."""

    new: list[Row] = field(default_factory=list)
    changed: list[Row] = field(default_factory=list)
    unchanged: list[Row] = field(default_factory=list)
    gone: list[SheetRow] = field(default_factory=list)  # remembered rows no longer there
    remembered: bool = False  # the sheet was imported before (its rows are known)


def _same_values(a: dict[str, Any], b: dict[str, Any]) -> int:
    return sum(1 for k in a.keys() & b.keys() if _text({k: a[k]}) == _text({k: b[k]}))


def _live(session: Session, table: str, uuids: list[str], *, deleted: bool = False) -> set[str]:
    """Which of these records exist and are live (or, ``deleted``, exist deleted)."""
    found: set[str] = set()
    for start in range(0, len(uuids), 500):
        chunk = uuids[start : start + 500]
        marks = ", ".join("?" * len(chunk))
        sql = f"SELECT uuid FROM {table} WHERE deleted = ? AND uuid IN ({marks})"
        rows = session.connection().exec_driver_sql(sql, (int(deleted), *chunk))
        found.update(rows.scalars())
    return found


def _sheet_of(m: SheetRow) -> tuple[str, str, str]:
    return (m.file_name, m.sheet_name, m.header_key)


def _overlap(rows: list[Row], kept: list[SheetRow]) -> int:
    """How many of the sheet's rows a remembered sheet holds, compared on the fields both
    have columns for (a column added, renamed or moved leaves the others comparable)."""
    keys = set().union(*(r.values.keys() for r in rows)) & set().union(
        *(m.row_values.keys() for m in kept))  # fmt: skip
    if not keys:
        return 0
    now = Counter(_text({k: r.values.get(k) for k in keys}) for r in rows)
    then = Counter(_text({k: m.row_values.get(k) for k in keys}) for m in kept)
    return sum((now & then).values())


def _same_sheet(session: Session, sheet: LegacySheet, office: str, table: str,
                rows: list[Row]) -> list[SheetRow]:  # fmt: skip
    """The live remembered rows of every earlier import of this sheet: one with its file
    name, or its sheet's name and header, or — renamed and with its header changed — one
    that holds at least half of its rows (or they half of its)."""
    remembered = list(session.execute(select(SheetRow).where(
        SheetRow.office_code == office, SheetRow.kind == sheet.kind,
    ).order_by(SheetRow.position)).scalars())  # fmt: skip
    live = _live(session, table, [m.record_uuid for m in remembered])
    sheets: dict[tuple[str, str, str], list[SheetRow]] = {}
    for m in remembered:
        if m.record_uuid in live:
            sheets.setdefault(_sheet_of(m), []).append(m)
    key = header_key(sheet)
    out: list[SheetRow] = []
    for (file_name, sheet_name, header), kept in sheets.items():
        named = file_name == sheet.path.name[:300] or (
            sheet_name == sheet.sheet[:200] and header == key)  # fmt: skip
        if named or (rows and _overlap(rows, kept) * 2 >= min(len(rows), len(kept))):
            out += kept
    return sorted(out, key=lambda m: m.position)


def plan(session: Session, sheet: LegacySheet, office: str, table: str) -> Plan:
    """Match the sheet's rows with what the earlier imports of the same sheet made."""
    out = Plan()
    rows = [Row(r, v, d, u) for (r, v), (d, u)
            in zip(sheet.rows, row_hashes(sheet, office), strict=True)]  # fmt: skip
    remembered = _same_sheet(session, sheet, office, table, rows)
    out.remembered = bool(remembered)
    by_digest: dict[str, list[SheetRow]] = {}
    for m in remembered:
        by_digest.setdefault(m.row_hash, []).append(m)
    left: list[Row] = []
    for row in rows:  # the same values: the same record
        same = by_digest.get(row.digest)
        if same:
            row.uuid = same.pop(0).record_uuid
            out.unchanged.append(row)
        else:
            left.append(row)
    unmatched = [m for ms in by_digest.values() for m in ms]
    for row in left:  # most values the same as a remembered row's: that record, changed
        best, score = None, 0
        for m in unmatched:
            keys = len(row.values.keys() | m.row_values.keys())
            s = _same_values(row.values, m.row_values)
            nearer = best is not None and abs(m.position - row.row) < abs(best.position - row.row)
            if s * 2 >= keys and (s > score or (s == score and nearer)):
                best, score = m, s
        if best is not None:
            unmatched.remove(best)
            row.uuid, row.before = best.record_uuid, best.row_values
            out.changed.append(row)
            continue
        out.new.append(row)
    out.gone = sorted(unmatched, key=lambda m: m.position)
    held = _live(session, table, [r.uuid for r in out.new])  # imported before, not remembered
    out.unchanged += [r for r in out.new if r.uuid in held]
    out.new = [r for r in out.new if r.uuid not in held]
    dead = _live(session, table, [r.uuid for r in out.new], deleted=True)
    for row in out.new:  # its record was deleted (gone from the sheet, or by hand): back
        row.revive = row.uuid in dead
    return out


def remember(session: Session, sheet: LegacySheet, office: str, found: Plan,
             deleted: bool) -> None:  # fmt: skip
    """Keep which record each row became (and forget the rows deleted as gone)."""
    if deleted and found.gone:
        gone = [m.record_uuid for m in found.gone]
        session.execute(delete(SheetRow).where(SheetRow.record_uuid.in_(gone)))
    key, now = header_key(sheet), utc_now()
    rows = [*found.unchanged, *found.changed, *found.new]
    uuids = [r.uuid for r in rows]
    for start in range(0, len(uuids), 500):  # replaced in bulk: a sheet may hold 100,000
        chunk = uuids[start : start + 500]
        session.execute(delete(SheetRow).where(SheetRow.record_uuid.in_(chunk)))
    if rows:
        session.execute(insert(SheetRow), [
            {"record_uuid": r.uuid, "office_code": office, "kind": sheet.kind,
             "file_name": sheet.path.name[:300], "sheet_name": sheet.sheet[:200],
             "header_key": key, "position": r.row, "row_hash": r.digest,
             "row_values": json.loads(_text(r.values)), "imported_at": now}
            for r in rows])  # fmt: skip
