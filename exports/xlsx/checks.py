"""Checks on the records an exchange workbook holds, after its cells were converted.

Rows of another office than the manifest's, a UUID twice, a record that cannot be
rebuilt or breaks a rule of :func:`db.records.checks.check_row`, a child row without its
parent: each is refused with one line naming the row. Rows typed in by hand (no
UUID) become new records.
"""

from __future__ import annotations

import uuid as uuidlib
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from db.records.checks import row_problem
from db.schema.kinds import SPECS, all_children, spec
from db.schema.words import WORDS, Message, Term
from db.sync.batch import ColumnBatch
from exports.xlsx.cells import from_cells, tombstone_record
from exports.xlsx.guard import BadWorkbook
from exports.xlsx.schema import BY_KEY, RECORD_SHEETS


def duplicate_uuid(path: Path, values: dict[str, list[dict[str, Any]]],
                    kinds: Sequence[str]) -> None:  # fmt: skip
    seen: dict[str, Message] = {}
    for kind in kinds:
        for v in values[kind]:
            u = v.get("uuid")
            if u is None:
                continue
            here = Message("export.part.row_of", {"row": v["_row"], "kind": _kind(kind)})
            if u in seen:
                raise BadWorkbook(Message("export.uuid_twice", {
                    "file": path.name, "uuid": u, "a": seen[u], "b": here}))  # fmt: skip
            seen[u] = here


HAND = "hand-edit"  # the device of a row typed by hand, until its acceptance stamps it


def added_by_hand(v: dict[str, Any]) -> None:
    """A row typed in by hand (no UUID): a new record, versioned only if accepted."""
    v["uuid"] = str(uuidlib.uuid4())
    v["version"] = v.get("version") or 1
    v["device_id"] = v.get("device_id") or HAND
    v["version_vector"] = v.get("version_vector") or {}
    v["updated_at"] = v.get("updated_at") or datetime.now(UTC)


def _kind(kind: str) -> Term | str:
    """A record type (or its sheet) as a word of the catalogue."""
    return Term(f"kind.{kind}") if f"kind.{kind}" in WORDS else kind.replace("_", " ")


def _noun(kind: str) -> Message | str:
    """One record of a type: its noun in Japanese, its table's name in English."""
    if f"noun.{kind}" not in WORDS:
        return kind.replace("_", " ")
    return Message("legacy.choices", {"ja": Term(f"noun.{kind}").text("ja"),
                                      "en": kind.replace("_", " ")})  # fmt: skip


def _where(values: dict[str, list[dict[str, Any]]], kind: str, uuid: str) -> Message:
    """A record as a person finds it in the workbook: its sheet row, and its UUID (or
    that it was typed by hand, when it had none)."""
    name = _noun(kind)
    for v in values.get(kind, ()):
        if v.get("uuid") == uuid:
            if v.get("device_id") == HAND:
                return Message("export.part.where_typed", {"kind": name, "row": v["_row"]})
            return Message("export.part.where", {"kind": name, "row": v["_row"], "uuid": uuid})
    return Message("export.part.where_uuid", {"kind": name, "uuid": uuid})


def _filled(
    kind: str, payload: dict[str, Any], absent: dict[str, frozenset[str]]
) -> dict[str, Any]:
    """A tombstone's data with the fields its sender's version did not have set to their
    defaults (and noted in ``absent``, so that a merge leaves the stored values)."""
    from exports.xlsx.layout import absent_value

    out = dict(payload)
    have = {**payload, **(payload.get("sync") or {})}
    gaps = [c for c in BY_KEY[kind].columns if c.hashed and c.key not in have]
    for col in gaps:
        out[col.key] = absent_value(kind, col)
    if gaps:
        absent[kind] = absent.get(kind, frozenset()) | {c.key for c in gaps}
    for sheet, name in ((c.table, c.attr) for c in spec(kind).children if not c.scalar):
        children = out.get(name)
        if not isinstance(children, list):
            continue
        wanted = [c for c in BY_KEY[sheet].columns
                  if c.hashed and c.key not in ("parent_uuid", "position")]  # fmt: skip
        lacking = {c.key for c in wanted for child in children if c.key not in child}
        if lacking:
            absent[sheet] = absent.get(sheet, frozenset()) | lacking
            defaults = {c.key: absent_value(sheet, c) for c in wanted if c.key in lacking}
            out[name] = [{**defaults, **child} for child in children]
    return out


def _keep_payload(kind: str, row: Any, payload: dict[str, Any],
                  kept: dict[str, dict[str, dict[str, Any]]]) -> None:  # fmt: skip
    """A newer app's fields in a tombstone's data, kept as ``payload.<field>`` extras."""
    import json
    from dataclasses import fields

    entry: dict[str, Any] = {}
    for key in sorted(set(payload) - {f.name for f in fields(row)}):
        text = json.dumps(payload[key], ensure_ascii=False, sort_keys=True)
        entry[f"payload.{key}"] = {"kind": "payload", "ja": "", "en": "", "text": text}
    for name in (c.attr for c in spec(kind).children if not c.scalar):  # fields unknown here
        children, built = payload.get(name), getattr(row, name, ())
        if not isinstance(children, list) or not built:
            continue
        known = {f.name for f in fields(built[0])}
        extra = [{k: v for k, v in c.items() if k not in known} if isinstance(c, dict) else {}
                 for c in children]  # fmt: skip
        if any(extra):
            text = json.dumps(extra, ensure_ascii=False, sort_keys=True)
            entry[f"payload.{name}"] = {"kind": "payload", "ja": "", "en": "", "text": text,
                                        "children": True}  # fmt: skip
    if entry:
        kept.setdefault(kind, {}).setdefault(row.sync.uuid, {}).update(entry)


def check_records(
    path: Path,
    values: dict[str, list[dict[str, Any]]],
    manifest: dict[str, str],
    batch: ColumnBatch | None = None,
    absent: dict[str, frozenset[str]] | None = None,
    kept: dict[str, dict[str, dict[str, Any]]] | None = None,
) -> dict[str, Any]:
    """The records of the converted sheets, checked; support cases as ``batch`` if given
    (its records are checked column-wise by :func:`exports.xlsx.read._case_batch`).

    Tombstones of a record type this version does not know are refused; fields their
    data lacks (an older sender) take defaults and are added to ``absent``; fields it
    has that this version does not know (a newer sender) are added to ``kept``, to go
    back into the data when the tombstone is exported again.
    """
    absent = {} if absent is None else absent
    unknown = sorted({str(v["kind"]) for v in values["tombstone"]} - set(RECORD_SHEETS))
    if unknown:
        what = Message("export.part.unknown_deleted", {"kinds": ", ".join(unknown)})
        app = manifest.get("app_version") or "?"
        raise BadWorkbook(Message("export.update_app", {"file": path.name, "app": app,
                                                        "what": what}))  # fmt: skip
    office = manifest["office"]
    for kind in [str(k) for k, s in SPECS.items() if s.has_office]:
        if office == "ALL" or {v.get("office_code") for v in values[kind]} <= {office}:
            continue
        for v in values[kind]:
            if v.get("office_code") != office:
                where = Message("export.part.row_of", {"row": v["_row"], "kind": _kind(kind)})
                raise BadWorkbook(Message("export.other_office", {
                    "file": path.name, "office": office, "other": v.get("office_code"),
                    "where": where}))  # fmt: skip
    kinds = (*SPECS, "tombstone")
    uuids = [v.get("uuid") for kind in kinds for v in values[kind]]
    if len(set(uuids)) != len(uuids):
        duplicate_uuid(path, values, kinds)
    try:
        records: dict[str, Any] = from_cells(
            {k: v for k, v in values.items() if k != "support_case"} if batch else values
        )
        if batch is not None:
            records["support_case"] = batch
        for v in values["tombstone"]:
            kind = v["kind"]
            payload = _filled(kind, v["payload"], absent)
            row = tombstone_record(kind, payload)
            records.setdefault(kind, []).append(row)
            if kept is not None:
                _keep_payload(kind, row, payload, kept)
    except (KeyError, TypeError, ValueError) as exc:
        raise BadWorkbook(Message("export.cannot_rebuild", {"file": path.name})) from exc
    for kind, rows in records.items():
        for row in rows.extras if isinstance(rows, ColumnBatch) else rows:  # batch: checked
            problem = row_problem(kind, row)
            if problem:
                where = _where(values, kind, row.sync.uuid)
                raise BadWorkbook(Message("export.broken_rule", {
                    "file": path.name, "where": where, "problem": problem}))  # fmt: skip
    for owner, child in all_children():
        parents = {r.sync.uuid for r in records.get(owner.kind, ())}
        sheet, parent = child.table, owner.table
        for v in values[sheet]:
            if v["parent_uuid"] not in parents:
                where = Message("export.part.row_of", {"row": v["_row"], "kind": _kind(sheet)})
                owner_word = _noun(parent)
                raise BadWorkbook(Message("export.orphan", {
                    "file": path.name, "parent": owner_word, "where": where}))  # fmt: skip
    return records
