"""What the sender's app version wrote: its sheets and hashed columns, matched with ours.

Offices upgrade Office Ledger on different days, so a workbook may come from an older
or a newer version. Its manifest (format 2) lists the sheets, in the order of the
content hash, and per sheet the columns the writer hashed, in hash order, with their
kinds and headers; a format-1 workbook is read with the frozen format-1 layout
(:data:`exports.xlsx.schema.FORMAT1_COLUMNS`). Matched with this version's layout:

* a column both know is read as this version reads it;
* a column of ours the sender did not write is *absent*: the records read take the
  column's default, and a merge leaves the stored value as it is
  (:class:`db.records.store.Partial`);
* a column the sender wrote that this version does not know is *foreign*: its values
  are hashed as the sender did and kept with the record (:mod:`exports.xlsx.extras`)
  (a child sheet's with the parent record, by position);
* what cannot be kept (rows of an unknown sheet, a kind this version cannot read) is
  refused, naming the version to update to.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from enum import Enum
from pathlib import Path
from typing import Any

from db.schema.kinds import SPECS, all_children
from db.schema.plurals import plural
from db.schema.words import Message
from exports.xlsx.guard import BadWorkbook
from exports.xlsx.schema import (
    BY_KEY,
    FORMAT1_COLUMNS,
    FORMAT1_SHEETS,
    HASH_KINDS,
    Col,
    Sheet,
    parse_column_list,
)

# Columns without which a row means nothing: never taken as absent.
REQUIRED = frozenset(("uuid", "parent_uuid", "position", "version", "device_id", "updated_at",
                      "version_vector", "office_code", "newsletter_uuid"))  # fmt: skip
REQUIRED_IN = {"tombstone": frozenset(("kind", "payload"))}
# The child tables a sheet's rows are stored in, and the record column that holds
# support types (stored in a child table too).
CHILD_TABLE = {c.table: (s.table, c.table) for s, c in all_children()}
LIST_TABLE = {(s.table, f.name): f.codes_in.table
              for s in SPECS.values() for f in s.code_lists if f.codes_in is not None}  # fmt: skip


@dataclass(frozen=True)
class SheetLayout:
    sheet: Sheet  # ours
    hashed: tuple[tuple[str, str], ...]  # the sender's hashed (key, kind), in hash order
    foreign: tuple[Col, ...]  # hashed by the sender, unknown here (with the sender's kind)
    absent: tuple[Col, ...]  # hashed here, not written by the sender
    retyped: tuple[Col, ...]  # known here, but given another kind by the sender (theirs)

    @property
    def absent_keys(self) -> frozenset[str]:
        return frozenset(c.key for c in self.absent)


@dataclass(frozen=True)
class Layout:
    version: int
    order: tuple[str, ...]  # the sender's sheets, in content-hash order
    sheets: dict[str, SheetLayout]  # ours that the sender wrote
    absent_sheets: frozenset[str]  # ours that the sender did not write


def _update(path: Path, manifest: Mapping[str, str], what: Message) -> BadWorkbook:
    app = manifest.get("app_version") or "?"
    return BadWorkbook(Message("export.update_app", {"file": path.name, "what": what, "app": app}))


def sender_layout(path: Path, manifest: Mapping[str, str], version: int) -> Layout:
    """The sender's layout from the manifest, matched with ours, or BadWorkbook."""
    if version < 2:
        order: tuple[str, ...] = FORMAT1_SHEETS
        lists, headers = dict(FORMAT1_COLUMNS), {}
    else:
        order = tuple(k for k in manifest.get("sheets", "").split(";") if k)
        if not order:
            raise BadWorkbook(Message("export.no_sheets", {"file": path.name}))
        lists = {k: manifest.get(f"columns.{k}", "") for k in order}
        headers = {k: manifest.get(f"headers.{k}", "") for k in order}
    sheets: dict[str, SheetLayout] = {}
    for key in order:
        if key not in BY_KEY:
            try:  # without a row count, assume it holds rows
                rows = int(float(manifest.get(f"rows.{key}", "1") or 0))
            except ValueError:
                rows = 1
            if rows:
                raise _update(path, manifest, Message("export.part.unknown_kind", {
                    "sheet": repr(key), "n": rows, "rows": plural(rows, "row")}))  # fmt: skip
            continue
        try:
            hashed = parse_column_list(lists[key])
        except ValueError:
            raise BadWorkbook(Message("export.bad_column_list", {
                "file": path.name, "sheet": repr(key)})) from None  # fmt: skip
        sheets[key] = _sheet_layout(path, manifest, BY_KEY[key], hashed, headers.get(key, ""))
    absent_sheets = frozenset(s for s in BY_KEY if s not in sheets)
    return Layout(version, order, sheets, absent_sheets)


def _sheet_layout(path: Path, manifest: Mapping[str, str], sheet: Sheet,
                  hashed: list[tuple[str, str]], header_json: str) -> SheetLayout:  # fmt: skip
    ours = {c.key: c for c in sheet.columns if c.hashed}
    unreadable = [f"{k} ({kind})" for k, kind in hashed if kind not in HASH_KINDS]
    if unreadable:
        raise _update(path, manifest, Message("export.part.unknown_column_kind", {
            "sheet": repr(sheet.key), "columns": ", ".join(unreadable)}))  # fmt: skip
    sent = {k for k, _ in hashed}
    absent = tuple(c for c in ours.values() if c.key not in sent)
    required = REQUIRED | REQUIRED_IN.get(sheet.key, frozenset())
    lacking = [c.ja + "/" + c.en for c in absent if c.key in required]
    if lacking:
        found = {"file": path.name, "sheet": repr(sheet.key), "columns": ", ".join(lacking)}
        raise BadWorkbook(Message("export.lacks_columns", found))
    unknown = [(k, kind) for k, kind in hashed if k not in ours]
    foreign: list[Col] = []
    if unknown:
        try:
            names = json.loads(header_json) if header_json else {}
            foreign = [Col(k, str(names[k][0]), str(names[k][1]), kind) for k, kind in unknown]
        except (ValueError, KeyError, IndexError, TypeError):
            raise BadWorkbook(Message("export.no_foreign_headers", {
                "file": path.name, "sheet": repr(sheet.key),
                "columns": ", ".join(k for k, _ in unknown)})) from None  # fmt: skip
    retyped = tuple(Col(k, ours[k].ja, ours[k].en, kind, enum=ours[k].enum)
                    for k, kind in hashed if k in ours and ours[k].kind != kind)  # fmt: skip
    return SheetLayout(sheet, tuple(hashed), tuple(foreign), absent, retyped)


def reading_col(col: Col) -> Col:
    """How a column of the sender's is converted here: a code of an unknown set as text."""
    if col.kind == "code" and col.enum is None:
        return Col(col.key, col.ja, col.en, "text")
    return col


def absent_value(sheet: str, col: Col) -> Any:
    """What a record read takes for a column its sender did not write: the column's
    default where the table declares one, else an empty value."""
    if col.kind == "list":
        return []
    from db.storage.base import Base

    table = Base.metadata.tables.get(sheet)
    column = table.c.get(col.key) if table is not None else None
    default = column.default if column is not None else None
    if default is None or not getattr(default, "is_scalar", False):
        return None
    value = default.arg  # type: ignore[attr-defined]
    return value.value if isinstance(value, Enum) else value


def partials(absent: Mapping[str, frozenset[str]], absent_sheets: frozenset[str]) -> dict[str, Any]:
    """Per record type, the :class:`db.records.store.Partial` a merge must respect: absent columns
    stay as stored, and so do child rows whose sheet the sender did not write."""
    from db.records.store import KINDS, Partial

    out: dict[str, Any] = {}
    columns: dict[str, set[str]] = {}
    children: dict[str, dict[str, frozenset[str] | None]] = {}
    for sheet, keys in absent.items():
        if sheet in KINDS:
            own = set(KINDS[sheet].columns)
            for key in keys:
                table = LIST_TABLE.get((sheet, key))
                if table is not None:
                    children.setdefault(sheet, {})[table] = None
                elif key in own:
                    columns.setdefault(sheet, set()).add(key)
        elif sheet in CHILD_TABLE and keys:
            parent, table = CHILD_TABLE[sheet]
            children.setdefault(parent, {})[table] = frozenset(keys)
    for sheet in absent_sheets:
        if sheet in CHILD_TABLE:
            parent, table = CHILD_TABLE[sheet]
            children.setdefault(parent, {})[table] = None
    for kind in {*columns, *children}:
        out[kind] = Partial(frozenset(columns.get(kind, ())), children.get(kind, {}))
    return out
