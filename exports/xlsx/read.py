"""Read an Office Ledger workbook back into records, checking everything on the way.

The reader trusts nothing: after :mod:`exports.xlsx.guard` it checks the manifest
(format version, office), finds each sheet and column by its Japanese or English
header, converts every cell to the column's type (saying which cell is wrong), refuses
duplicate UUIDs and rows of another office, and recomputes each row's hash. Rows whose
hash no longer matches were edited by hand; rows missing against the manifest's counts
were deleted by hand. Both are reported, not silently taken or dropped.

Sheets and columns are read as the sender's manifest lists them
(:mod:`exports.xlsx.layout`): columns an older sender did not write take defaults and
are noted, columns a newer sender wrote that this version does not know are hashed by
their declared kind and kept (:mod:`exports.xlsx.extras`). Cells are converted by
:mod:`exports.xlsx.convert`, records checked by :mod:`exports.xlsx.checks`.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from db.records.store import merged_extras
from db.schema.words import Message
from db.sync.batch import ColumnBatch
from exports.xlsx.cells import build
from exports.xlsx.checks import added_by_hand, check_records
from exports.xlsx.convert import BadCell, convert_column
from exports.xlsx.extras import Extra, child_value, extra_value
from exports.xlsx.guard import BadWorkbook, check
from exports.xlsx.layout import (
    CHILD_TABLE,
    Layout,
    SheetLayout,
    absent_value,
    partials,
    reading_col,
    sender_layout,
)
from exports.xlsx.schema import (
    FORMAT_VERSION,
    MANIFEST,
    RECORD_SHEETS,
    Col,
    canonical,
    content_hash,
)
from exports.xlsx.typed import codes_from_labels


@dataclass(frozen=True)
class Edit:
    """A row whose values differ from what was exported (edited by hand)."""

    sheet: str
    row: int  # the worksheet row number a person sees
    uuid: str
    values: dict[str, Any]
    typed: bool = False  # a row typed in by hand (it had no UUID): a new record


@dataclass
class Bundle:
    """What one export workbook holds.

    ``absent``: per sheet, the columns this version knows that the sender's version did
    not write (the records took their defaults; a merge must leave the stored values);
    ``absent_sheets``: this version's sheets the sender did not write; ``extras``: per
    record type and UUID, the values of columns the sender wrote and this version does
    not know (None: blank), kept with the record. ``digest``: the content hash of the
    rows as read (recomputed from the cells, so the same file saved again has the same
    digest and a hand-edited copy its own; issue #23: an edited copy is imported once).
    """

    path: Path
    manifest: dict[str, str]
    records: dict[str, list[Any]]
    edits: list[Edit] = field(default_factory=list)
    missing_rows: dict[str, int] = field(default_factory=dict)
    hash_matches: bool = True
    absent: dict[str, frozenset[str]] = field(default_factory=dict)
    absent_sheets: frozenset[str] = frozenset()
    extras: dict[str, dict[str, dict[str, Extra | None]]] = field(default_factory=dict)
    digest: str = ""

    @property
    def office(self) -> str:
        return self.manifest["office"]

    @property
    def edited(self) -> bool:
        return bool(self.edits or self.missing_rows) or not self.hash_matches

    def partials(self) -> dict[str, Any]:
        """Per record type, what a merge must leave as stored
        (:class:`db.records.store.Partial`)."""
        return partials(self.absent, self.absent_sheets)


def _cell_error(path: Path, sheet: str, row: int, col: Col,
                message: str | Message) -> BadWorkbook:  # fmt: skip
    column = f"{col.ja}/{col.en}"  # as the workbook heads it, in whichever language it has
    found = {"file": path.name, "sheet": sheet, "row": row, "column": column, "reason": message}
    return BadWorkbook(Message("export.bad_cell", found))


def _header_map(path: Path, layout: SheetLayout, name: str,
                header: Sequence[Any]) -> dict[int, Col]:  # fmt: skip
    """Where each column the sender wrote is (ours by our headers, theirs by the manifest's)."""
    absent = layout.absent_keys
    known = [c for c in layout.sheet.columns if c.key not in absent]
    wanted = [*known, *map(reading_col, layout.foreign)]
    by_text = {}
    for col in wanted:
        by_text[col.ja] = col
        by_text[col.en] = col
    found: dict[int, Col] = {}
    for i, cell in enumerate(header):
        match = by_text.get(str(cell).strip()) if cell is not None else None
        if match is not None:
            found[i] = match
    missing = [c.ja + "/" + c.en for c in wanted
               if c.kind not in ("label", "derived") and c not in found.values()]  # fmt: skip
    if missing:
        raise BadWorkbook(Message("export.missing_columns", {
            "file": path.name, "sheet": name, "columns": ", ".join(missing)}))  # fmt: skip
    return found


def is_export(path: str | Path) -> bool:
    """Whether a file is an Office Ledger export: only when it is a workbook with a
    manifest sheet. Anything else — an office's own sheet in any format, or a file
    that cannot be read — is not (the office-sheet reader then says what it is)."""
    from python_calamine import CalamineError, CalamineWorkbook

    try:
        check(Path(path))
        names = set(CalamineWorkbook.from_path(str(path)).sheet_names)
    except (BadWorkbook, CalamineError, ValueError, OSError):
        return False
    return any(n in names for n in MANIFEST)


def read_export(path: str | Path) -> Bundle:
    """Read and check an export workbook.

    Raises:
        BadWorkbook: with one line saying what is wrong and where.
    """
    from python_calamine import CalamineError, CalamineWorkbook

    path = Path(path)
    from exports.xlsx.probe import NotAWorkbook, describe

    what = describe(path)
    if what in ("csv", "xls", "ods"):  # never an export: an office's own sheet
        from exports.legacy.files import open_grids

        if what != "csv":  # unless it is locked by a password or damaged: say so instead
            open_grids(path)
        raise NotAWorkbook(path, "own_sheet")
    check(path)
    try:
        book = CalamineWorkbook.from_path(str(path))
    except (CalamineError, ValueError, OSError) as exc:
        raise BadWorkbook(Message("export.cannot_open", {"file": path.name})) from exc
    names = set(book.sheet_names)
    manifest_name = next((n for n in MANIFEST if n in names), None)
    if manifest_name is None:
        raise BadWorkbook(Message("export.no_manifest", {"file": path.name}))
    manifest, version = _manifest(path, book.get_sheet_by_name(manifest_name).to_python())
    layout = sender_layout(path, manifest, version)
    values: dict[str, list[dict[str, Any]]] = {s: [] for s in layout.absent_sheets}
    edits: list[Edit] = []
    hashes: dict[str, list[str]] = {}
    read_hashes: dict[str, list[str]] = {}
    missing: dict[str, int] = {}
    kept: dict[str, dict[str, dict[str, Extra | None]]] = {}
    case_columns: SheetColumns | None = None
    for key, sheet_layout in layout.sheets.items():
        sheet = sheet_layout.sheet
        name = next((n for n in (sheet.ja, sheet.en) if n in names), None)
        if name is None:
            raise BadWorkbook(
                Message(
                    "export.missing_sheet", {"file": path.name, "sheet": f"{sheet.ja}/{sheet.en}"}
                )
            )
        rows = book.get_sheet_by_name(name).to_python(skip_empty_area=False)
        if not rows:
            raise BadWorkbook(Message("export.no_header", {"file": path.name, "sheet": name}))
        columns = _header_map(path, sheet_layout, name, rows[0])
        parsed, sheet_hashes, sheet_edits, sheet_columns, as_read = _read_sheet(
            path, sheet_layout, name, rows, columns
        )
        if key == "support_case":
            case_columns = sheet_columns
        if sheet_layout.foreign:
            _keep(sheet_layout, parsed, sheet_columns, kept)
        edits += sheet_edits
        announced = int(manifest.get(f"rows.{key}", len(parsed)))
        if len(parsed) < announced:
            missing[key] = announced - len(parsed)
        values[key] = parsed
        hashes[key] = sheet_hashes
        read_hashes[key] = as_read
    _clear_blank_children(layout, values, kept)
    batch = _case_batch(values["support_case"], case_columns) if case_columns else None
    if batch is not None and "support_case" in kept:
        batch.columns["extras"] = [
            merged_extras(None, kept["support_case"].get(u)) for u in batch.uuids
        ]
    absent = {k: s.absent_keys for k, s in layout.sheets.items() if s.absent}
    records = check_records(path, values, manifest, batch, absent, kept)
    matches = content_hash([(k, hashes.get(k, [])) for k in layout.order]) == manifest.get(
        "content_hash"
    )
    digest = content_hash([(k, read_hashes.get(k, [])) for k in layout.order])
    return Bundle(path, manifest, records, edits, missing, matches, absent, layout.absent_sheets,
                  kept, digest)  # fmt: skip


def _keep(layout: SheetLayout, parsed: list[dict[str, Any]], columns: SheetColumns,
          kept: dict[str, dict[str, dict[str, Extra | None]]]) -> None:  # fmt: skip
    """The foreign columns' values of each record of the sheet, by record type and UUID;
    a child sheet's go with the parent record, by the child rows' positions."""
    texts = columns[1]
    foreign = [(c, texts[c.key]) for c in layout.foreign]
    sheet = layout.sheet.key
    if sheet in CHILD_TABLE:
        by_parent = kept.setdefault(CHILD_TABLE[sheet][0], {})
        for n, v in enumerate(parsed):
            entry = by_parent.setdefault(v["parent_uuid"], {})
            for c, t in foreign:
                name = f"{sheet}.{c.key}"
                found = entry.get(name) or child_value(sheet, c)
                entry[name] = found
                if t[n]:
                    found["rows"][str(v["position"])] = t[n]
        return
    tombstones = sheet == "tombstone"
    for n, v in enumerate(parsed):
        kind = v.get("kind") if tombstones else sheet
        kept.setdefault(str(kind), {}).setdefault(v["uuid"], {}).update(
            {c.key: extra_value(c, t[n]) if t[n] else None for c, t in foreign}
        )


def _clear_blank_children(layout: Layout, values: dict[str, list[dict[str, Any]]],
                          kept: dict[str, dict[str, dict[str, Extra | None]]]) -> None:  # fmt: skip
    """A foreign child column without a value for any of a record's child rows: the
    record's kept values of it are cleared (the sender had the column, all blank)."""
    for sheet, (parent, _) in CHILD_TABLE.items():
        found = layout.sheets.get(sheet)
        if found is None or not found.foreign:
            continue
        by_parent = kept.setdefault(parent, {})
        for v in values.get(parent, ()):
            entry = by_parent.setdefault(v["uuid"], {})
            for c in found.foreign:
                name = f"{sheet}.{c.key}"
                value = entry.get(name)
                if value is None or not value["rows"]:
                    entry[name] = None


SheetColumns = tuple[dict[str, list[Any]], dict[str, Sequence[str]]]  # typed, texts


Parsed = tuple[list[dict[str, Any]], list[str], list["Edit"], "SheetColumns", list[str]]


def _read_sheet(path: Path, layout: SheetLayout, name: str, rows: list[list[Any]],
                columns: dict[int, Col]) -> Parsed:  # fmt: skip
    """One sheet's rows as dicts of typed values, its stored row hashes, its edited rows,
    its columns and its rows' hashes as read (recomputed from the cells).

    Each row's hash is recomputed over the columns the sender hashed, in its order, each
    converted by the kind the sender gave; columns the sender did not write take their
    default.
    """
    sheet = layout.sheet
    width = max(len(rows[0]), max(columns) + 1)
    numbers, body = [], []
    for number, raw in enumerate(rows[1:], 2):
        if raw.count("") + raw.count(None) == len(raw):
            continue  # a blank line
        numbers.append(number)
        body.append(raw if len(raw) == width else [*raw, *[None] * width][:width])
    transposed = list(zip(*body, strict=True)) if body else [() for _ in range(width)]
    keys, converted, texts = [], [], {}
    first_error: tuple[int, int, Col, str | Message] | None = None
    where = {col.key: i for i, col in columns.items()}
    for i, col in columns.items():
        try:
            values, texts[col.key] = convert_column(col, transposed[i])
        except BadCell as bad:
            if first_error is None or (bad.index, i) < first_error[:2]:
                first_error = (bad.index, i, col, bad.reason)
            values = []
        converted.append(values)
        keys.append(col.key)
    hash_texts = dict(texts)
    for col in layout.retyped:  # the sender's kind for the hash, ours for the value
        i = where[col.key]
        try:
            hash_texts[col.key] = convert_column(reading_col(col), transposed[i])[1]
        except BadCell as bad:
            if first_error is None or (bad.index, i) < first_error[:2]:
                first_error = (bad.index, i, col, bad.reason)
    if first_error is not None:
        index, _, col, message = first_error
        raise _cell_error(path, name, numbers[index], col, message)
    for col in layout.absent:
        default = absent_value(sheet.key, col)
        converted.append([default] * len(body))
        keys.append(col.key)
        texts[col.key] = [canonical(default)] * len(body)
    parsed = [dict(zip(keys, values, strict=True)) for values in zip(*converted, strict=True)]
    by_key = dict(zip(keys, converted, strict=True))
    blank = [None] * len(body)
    empty = [""] * len(body)
    hashed = [hash_texts.get(key, empty) for key, _ in layout.hashed]
    blake2b = hashlib.blake2b
    expected = [blake2b(t.encode("utf-8"), digest_size=12).hexdigest()
                for t in map("\x1f".join, zip(*hashed, strict=True))]  # fmt: skip
    stored = by_key.get("row_hash", blank)
    edits = []
    labelled = {i: c for i, c in columns.items() if f"{c.key}_label" in where}
    for v, number, mine, theirs in zip(parsed, numbers, expected, stored, strict=True):
        v["_row"] = number
        typed = sheet.key in RECORD_SHEETS and v.get("uuid") is None
        if labelled and typed:  # a clerk typed labels, not codes: the codes they name
            codes_from_labels(sheet.key, labelled, v)  # (a code blanked in a row is refused)
        if typed:  # a new UUID first, so the preview, the checks and acceptance find it
            added_by_hand(v)
        if mine != theirs or typed:
            uuid = v.get("uuid") or v.get("parent_uuid") or ""
            edits.append(Edit(sheet.key, number, uuid, v, typed))
    return parsed, [h or "" for h in stored], edits, (by_key, texts), expected


def _manifest(path: Path, rows: list[list[Any]]) -> tuple[dict[str, str], int]:
    """The manifest's entries and its format version (refused if it is higher than ours)."""
    manifest = {str(r[0]).strip(): ("" if r[1] is None else str(r[1])) for r in rows[1:]
                if r and r[0] not in (None, "") and len(r) > 1}  # fmt: skip
    if manifest.get("format") != "office-ledger-export":
        raise BadWorkbook(Message("export.bad_manifest", {"file": path.name}))
    try:
        version = int(float(manifest.get("format_version", "")))
    except ValueError:
        raise BadWorkbook(Message("export.bad_version", {"file": path.name})) from None
    if version > FORMAT_VERSION:
        raise BadWorkbook(Message("export.newer", {"file": path.name, "version": version,
                                                   "ours": FORMAT_VERSION}))  # fmt: skip
    from db.schema.offices import OFFICE_CODES

    if manifest.get("office") not in (*OFFICE_CODES, "ALL"):
        raise BadWorkbook(Message("export.no_office", {"file": path.name}))
    return manifest, version


def _case_batch(values: list[dict[str, Any]], columns: SheetColumns) -> ColumnBatch | None:
    """The sheet's support cases as a :class:`ColumnBatch` with storage-ready columns, or
    None if a row breaks a rule (the ordinary path then says which and why).

    The rules are the support case's own (:func:`db.records.rules.columns_pass`, the same as
    :func:`db.records.checks.check_row` row by row) and a version made somewhere; each stored
    field's column goes in as the declaration's type stores it.
    """
    from db.records import rules
    from db.records.store import utc_text
    from db.schema.fields import FieldType
    from db.schema.kinds import RecordKind

    spec = RecordKind.SUPPORT_CASE.spec
    typed, texts = columns
    own = [*spec.stored_fields, *spec.code_lists]
    if not values or any(f.name not in typed for f in own):
        return None  # an older app's sheet: its absent fields go the ordinary way
    if (None in typed["uuid"] or not all(v is not None and v >= 1 for v in typed["version"])
            or not all(typed["device_id"]) or None in typed["updated_at"]
            or not rules.columns_pass(spec, typed)):  # fmt: skip
        return None
    storage: dict[str, list[Any]] = {
        "uuid": typed["uuid"], "version": typed["version"], "device_id": typed["device_id"],
        "version_vector": [t or "{}" for t in texts["version_vector"]],
        "updated_at": list(map(utc_text, typed["updated_at"])),
    }  # fmt: skip
    for f in own:
        if f.type is FieldType.DATE:
            storage[f.name] = [t or None for t in texts[f.name]]
        elif f.type is FieldType.BOOL:
            storage[f.name] = [1 if c else 0 for c in typed[f.name]]
        elif f.type in (FieldType.TEXT, FieldType.NOTE) and not f.required:
            storage[f.name] = [t or "" for t in typed[f.name]]
        else:
            storage[f.name] = typed[f.name]
    return ColumnBatch("support_case", storage, lambda i: build("support_case", values[i], {}))
