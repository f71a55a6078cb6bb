"""Read an Office Ledger workbook back into records, checking everything on the way.

The reader trusts nothing: after :mod:`exports.xlsx_guard` it checks the manifest
(format version, office), finds each sheet and column by its Japanese or English
header, converts every cell to the column's type (saying which cell is wrong), refuses
duplicate UUIDs and rows of another office, and recomputes each row's hash. Rows whose
hash no longer matches were edited by hand; rows missing against the manifest's counts
were deleted by hand. Both are reported, not silently taken or dropped.
"""

from __future__ import annotations

import hashlib
import json
import re
import unicodedata
import uuid as uuidlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from functools import cache
from pathlib import Path
from typing import Any

from db.batch import ColumnBatch
from db.checks import check_row
from exports.xlsx_cells import build, from_cells, tombstone_record
from exports.xlsx_guard import BadWorkbook, check
from exports.xlsx_schema import (
    FORMAT_VERSION,
    MANIFEST,
    MAX_CELL,
    RECORD_SHEETS,
    SHEETS,
    Col,
    JsonValue,
    Sheet,
    canonical,
    content_hash,
)

EXCEL_EPOCH = date(1899, 12, 30)


@dataclass(frozen=True)
class Edit:
    """A row whose values differ from what was exported (edited by hand)."""

    sheet: str
    row: int  # the worksheet row number a person sees
    uuid: str
    values: dict[str, Any]


@dataclass
class Bundle:
    """What one export workbook holds."""

    path: Path
    manifest: dict[str, str]
    records: dict[str, list[Any]]
    edits: list[Edit] = field(default_factory=list)
    missing_rows: dict[str, int] = field(default_factory=dict)
    hash_matches: bool = True

    @property
    def office(self) -> str:
        return self.manifest["office"]

    @property
    def edited(self) -> bool:
        return bool(self.edits or self.missing_rows) or not self.hash_matches


def _cell_error(path: Path, sheet: str, row: int, col: Col, message: str) -> BadWorkbook:
    return BadWorkbook(f"{path.name}: sheet {sheet!r} row {row}, column {col.ja!r}/{col.en!r}: "
                       f"{message}")  # fmt: skip


_UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")


@cache
def _codes(enum: Any) -> frozenset[str]:
    return frozenset(m.value for m in enum)


def converter(col: Col) -> Callable[[Any], Any]:
    """A fast converter for the column: the usual cell types directly, else :func:`convert`."""
    kind = col.kind

    def slow(value: Any) -> Any:
        return convert(value, col)

    if kind in ("text", "label", "derived", "hash"):
        return lambda v: v if type(v) is str and len(v) <= MAX_CELL and v else slow(v)
    if kind == "uuid":
        return lambda v: v if type(v) is str and _UUID.fullmatch(v) else slow(v)
    if kind == "int":
        return lambda v: int(v) if type(v) is float and v >= 0 and v.is_integer() else slow(v)
    if kind == "date":
        return lambda v: v if type(v) is date else slow(v)
    if kind == "bool":
        return lambda v: v if type(v) is bool else slow(v)
    if kind == "code":
        allowed = _codes(col.enum)
        return lambda v: v if type(v) is str and v in allowed else slow(v)
    if kind == "datetime":
        return lambda v: _utc(v) if type(v) is str and len(v) > 19 else slow(v)
    if kind == "list":
        allowed_items = _codes(col.enum) if col.enum is not None else None

        def read_list(v: Any) -> Any:
            if type(v) is not str or not v:
                return slow(v)
            items = [x for x in v.split(";") if x]
            if allowed_items is not None and not allowed_items.issuperset(items):
                return slow(v)  # says which items are wrong
            return items

        return read_list
    if kind == "json":
        return lambda v: JsonValue(v) if type(v) is str and v.startswith("{") else slow(v)
    return slow


def _utc(text: str) -> datetime:
    try:
        return datetime.fromisoformat(text)
    except ValueError:
        raise ValueError(f"expected a UTC time like 2024-01-31T09:00:00Z, found {text!r}") from None


def convert(value: Any, col: Col) -> Any:
    """A cell value as the column's Python type; raises ValueError with a reason."""
    if value is None or value == "":
        if col.kind in ("list",):
            return []
        return None
    kind = col.kind
    if isinstance(value, str) and len(value) > MAX_CELL:
        raise ValueError(f"{len(value):,} characters (an Excel cell holds at most {MAX_CELL:,})")
    if kind in ("text", "uuid", "hash", "label", "derived"):
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        text = str(value) if not isinstance(value, datetime | date) else value.isoformat()
        if kind == "uuid":
            try:
                return str(uuidlib.UUID(text))
            except ValueError:
                raise ValueError(f"{text!r} is not a UUID") from None
        return text
    if kind == "int":
        if isinstance(value, bool):
            raise ValueError(f"expected a whole number, found {value!r}")
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        if isinstance(value, str):
            norm = unicodedata.normalize("NFKC", value).replace(",", "").strip()
            if not re.fullmatch(r"-?\d+", norm):
                raise ValueError(f"expected a whole number, found {value!r}")
            value = int(norm)
        if not isinstance(value, int):
            raise ValueError(f"expected a whole number, found {value!r}")
        if value < 0 and col.key != "version":
            raise ValueError(f"{value} is negative")
        return value
    if kind == "bool":
        if isinstance(value, bool):
            return value
        text = str(value).strip().lower()
        if text in ("true", "1", "yes", "はい", "○"):
            return True
        if text in ("false", "0", "no", "いいえ", "×"):
            return False
        raise ValueError(f"expected TRUE or FALSE, found {value!r}")
    if kind == "date":
        return _date(value)
    if kind == "datetime":
        if isinstance(value, datetime):
            return value.replace(tzinfo=UTC) if value.tzinfo is None else value
        try:
            return datetime.fromisoformat(str(value))
        except ValueError:
            raise ValueError(
                f"expected a UTC time like 2024-01-31T09:00:00Z, found {value!r}"
            ) from None
    if kind == "code":
        assert col.enum is not None
        text = str(value).strip()
        if text not in _codes(col.enum):
            allowed = ", ".join(m.value for m in col.enum)
            raise ValueError(f"{text!r} is not one of {allowed}")
        return text
    if kind == "list":
        items = [v.strip() for v in str(value).split(";") if v.strip()]
        if col.enum is not None:
            allowed_codes = _codes(col.enum)
            wrong = [v for v in items if v not in allowed_codes]
            if wrong:
                raise ValueError(f"{', '.join(wrong)} not among {', '.join(sorted(allowed_codes))}")
        return items
    if kind == "json":
        try:
            return JsonValue(str(value))
        except (json.JSONDecodeError, TypeError, ValueError):
            raise ValueError("damaged machine data (hidden column)") from None
    raise ValueError(f"unknown column kind {kind}")  # pragma: no cover


def _date(value: Any) -> date:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, int | float) and not isinstance(value, bool):
        if not 1 <= value < 2958466:
            raise ValueError(f"{value} is not a date")
        return EXCEL_EPOCH + timedelta(days=int(value))
    text = unicodedata.normalize("NFKC", str(value)).strip()
    try:
        return date.fromisoformat(text.replace("/", "-"))
    except ValueError:
        pass
    from db.errors import ValidationError
    from db.fiscal import parse_era_date

    try:
        return parse_era_date(text)
    except ValidationError:
        raise ValueError(f"expected a date, found {value!r}") from None


def _header_map(path: Path, sheet: Sheet, name: str, header: Sequence[Any]) -> dict[int, Col]:
    by_text = {}
    for col in sheet.columns:
        by_text[col.ja] = col
        by_text[col.en] = col
    found: dict[int, Col] = {}
    for i, cell in enumerate(header):
        match = by_text.get(str(cell).strip()) if cell is not None else None
        if match is not None:
            found[i] = match
    missing = [c.ja + "/" + c.en for c in sheet.columns
               if c.kind not in ("label", "derived") and c not in found.values()]  # fmt: skip
    if missing:
        raise BadWorkbook(f"{path.name}: sheet {name!r} lacks the column(s) {', '.join(missing)}")
    return found


def read_export(path: str | Path) -> Bundle:
    """Read and check an export workbook.

    Raises:
        BadWorkbook: with one line saying what is wrong and where.
    """
    from python_calamine import CalamineError, CalamineWorkbook

    path = Path(path)
    check(path)
    try:
        book = CalamineWorkbook.from_path(str(path))
    except (CalamineError, ValueError, OSError) as exc:
        raise BadWorkbook(f"{path.name}: cannot be read as a workbook ({exc})") from exc
    names = set(book.sheet_names)
    manifest_name = next((n for n in MANIFEST if n in names), None)
    if manifest_name is None:
        raise BadWorkbook(
            f"{path.name}: not an Office Ledger export (no manifest sheet); to import an"
            " office's own spreadsheet, give --office and --kind"
        )
    manifest = _manifest(path, book.get_sheet_by_name(manifest_name).to_python())
    values: dict[str, list[dict[str, Any]]] = {}
    edits: list[Edit] = []
    hashes: list[tuple[str, list[str]]] = []
    missing: dict[str, int] = {}
    case_columns: SheetColumns | None = None
    for sheet in SHEETS:
        name = next((n for n in (sheet.ja, sheet.en) if n in names), None)
        if name is None:
            raise BadWorkbook(f"{path.name}: the sheet {sheet.ja!r}/{sheet.en!r} is missing")
        rows = book.get_sheet_by_name(name).to_python(skip_empty_area=False)
        if not rows:
            raise BadWorkbook(f"{path.name}: the sheet {name!r} has no header row")
        columns = _header_map(path, sheet, name, rows[0])
        parsed, sheet_hashes, sheet_edits, sheet_columns = _read_sheet(
            path, sheet, name, rows, columns
        )
        if sheet.key == "support_case":
            case_columns = sheet_columns
        edits += sheet_edits
        announced = int(manifest.get(f"rows.{sheet.key}", len(parsed)))
        if len(parsed) < announced:
            missing[sheet.key] = announced - len(parsed)
        values[sheet.key] = parsed
        hashes.append((sheet.key, sheet_hashes))
    records = _records(path, values, manifest, case_columns)
    matches = content_hash(hashes) == manifest.get("content_hash")
    return Bundle(path, manifest, records, edits, missing, matches)


SheetColumns = tuple[dict[str, list[Any]], dict[str, Sequence[str]]]  # typed, texts


class _BadCell(ValueError):
    def __init__(self, index: int, message: str) -> None:
        super().__init__(message)
        self.index = index


Column = tuple[list[Any], Sequence[str]]  # the typed values, their canonical texts
_BOOL_TEXT = {True: "1", False: "0"}.__getitem__


def _column(col: Col, cells: Sequence[Any]) -> Column:
    """A whole column converted to the column's type, with the texts its row hashes use.

    Checked a column at a time (type sets, ``all(map(...))``: loops that run in C) and
    converted cell by cell only when the quick check does not hold (blanks, text
    numbers, era dates...). Where the cells are already the canonical text (see
    :func:`exports.xlsx_schema.canonical`) they serve as it. Raises :class:`_BadCell`
    for the first cell that is wrong.
    """
    kinds = set(map(type, cells))
    kind = col.kind
    if kinds <= {str}:
        longest = max(map(len, cells), default=0)
        if kind in ("text", "label", "derived", "hash") and longest <= MAX_CELL:
            return [c or None for c in cells], cells
        if kind == "uuid" and all(map(_UUID.fullmatch, cells)):
            return list(cells), cells
        if kind == "code" and set(cells) <= _codes(col.enum):
            return list(cells), cells
        if kind == "json" and all(c.startswith("{") for c in cells):
            try:
                return list(map(JsonValue, cells)), cells
            except ValueError:
                pass
        if kind == "datetime" and min(map(len, cells), default=20) > 19:
            try:
                values = list(map(datetime.fromisoformat, cells))
            except ValueError:
                pass
            else:
                return values, list(map(datetime.isoformat, values))
    elif kinds == {float} and kind == "int":
        if all(map(float.is_integer, cells)) and min(cells) >= 0:
            ints = list(map(int, cells))
            return ints, list(map(str, ints))
    elif kinds == {date} and kind == "date":
        return list(cells), list(map(date.isoformat, cells))
    elif kinds == {bool} and kind == "bool":
        return list(cells), list(map(_BOOL_TEXT, cells))
    read = converter(col)
    out = []
    for index, cell in enumerate(cells):
        try:
            out.append(read(cell))
        except ValueError as exc:
            raise _BadCell(index, str(exc)) from None
    return out, [v if type(v) is str else canonical(v) for v in out]


Parsed = tuple[list[dict[str, Any]], list[str], list["Edit"], "SheetColumns"]


def _read_sheet(path: Path, sheet: Sheet, name: str, rows: list[list[Any]],
                columns: dict[int, Col]) -> Parsed:  # fmt: skip
    """One sheet's rows as dicts of typed values, its stored row hashes and its edited rows."""
    width = max(len(rows[0]), max(columns) + 1)
    numbers, body = [], []
    for number, raw in enumerate(rows[1:], 2):
        if raw.count("") + raw.count(None) == len(raw):
            continue  # a blank line
        numbers.append(number)
        body.append(raw if len(raw) == width else [*raw, *[None] * width][:width])
    transposed = list(zip(*body, strict=True)) if body else [() for _ in range(width)]
    keys, converted, texts = [], [], {}
    first_error: tuple[int, int, Col, str] | None = None
    for i, col in columns.items():
        try:
            values, texts[col.key] = _column(col, transposed[i])
        except _BadCell as bad:
            if first_error is None or (bad.index, i) < first_error[:2]:
                first_error = (bad.index, i, col, str(bad))
            values = []
        converted.append(values)
        keys.append(col.key)
    if first_error is not None:
        index, _, col, message = first_error
        raise _cell_error(path, name, numbers[index], col, message)
    parsed = [dict(zip(keys, values, strict=True)) for values in zip(*converted, strict=True)]
    by_key = dict(zip(keys, converted, strict=True))
    blank = [None] * len(body)
    empty = [""] * len(body)
    hashed = [texts.get(c.key, empty) for c in sheet.columns if c.hashed]
    blake2b = hashlib.blake2b
    expected = [blake2b(t.encode("utf-8"), digest_size=12).hexdigest()
                for t in map("\x1f".join, zip(*hashed, strict=True))]  # fmt: skip
    stored = by_key.get("row_hash", blank)
    edits = []
    for v, number, mine, theirs in zip(parsed, numbers, expected, stored, strict=True):
        v["_row"] = number
        if mine != theirs:
            edits.append(Edit(sheet.key, number, v.get("uuid") or v.get("parent_uuid") or "", v))
        if sheet.key in RECORD_SHEETS and v.get("uuid") is None:
            _added_by_hand(v)
    return parsed, [h or "" for h in stored], edits, (by_key, texts)


def _duplicate_uuid(path: Path, values: dict[str, list[dict[str, Any]]],
                    kinds: Sequence[str]) -> None:  # fmt: skip
    seen: dict[str, str] = {}
    for kind in kinds:
        for v in values[kind]:
            u = v.get("uuid")
            if u is None:
                continue
            if u in seen:
                raise BadWorkbook(f"{path.name}: UUID {u} appears twice ({seen[u]} and row"
                                  f" {v['_row']} of {kind}); the file was altered")  # fmt: skip
            seen[u] = f"row {v['_row']} of {kind}"


def _added_by_hand(v: dict[str, Any]) -> None:
    """A row typed in by hand (no UUID): a new record, versioned only if accepted."""
    v["uuid"] = str(uuidlib.uuid4())
    v["version"] = v.get("version") or 1
    v["device_id"] = v.get("device_id") or "hand-edit"
    v["version_vector"] = v.get("version_vector") or {}
    v["updated_at"] = v.get("updated_at") or datetime.now(UTC)


def _manifest(path: Path, rows: list[list[Any]]) -> dict[str, str]:
    manifest = {str(r[0]).strip(): ("" if r[1] is None else str(r[1])) for r in rows[1:]
                if r and r[0] not in (None, "") and len(r) > 1}  # fmt: skip
    if manifest.get("format") != "office-ledger-export":
        raise BadWorkbook(f"{path.name}: the manifest is not an Office Ledger manifest")
    try:
        version = int(float(manifest.get("format_version", "")))
    except ValueError:
        raise BadWorkbook(f"{path.name}: the manifest's format version is unreadable") from None
    if version > FORMAT_VERSION:
        raise BadWorkbook(
            f"{path.name}: made by a newer Office Ledger (format {version}; this app reads up"
            f" to {FORMAT_VERSION}); update the app to import it"
        )
    from db.offices import OFFICE_CODES

    if manifest.get("office") not in (*OFFICE_CODES, "ALL"):
        raise BadWorkbook(f"{path.name}: the manifest names no known office")
    return manifest


def _case_batch(values: list[dict[str, Any]], columns: SheetColumns) -> ColumnBatch | None:
    """The sheet's support cases as a :class:`ColumnBatch` with storage-ready columns, or
    None if a row breaks a rule (the ordinary path then says which and why).

    The rules are :func:`db.checks.check_row`'s for support cases, column by column;
    a rule added there must be added here too.
    """
    from db.offices import OFFICE_CODES
    from db.store import utc_text

    typed, texts = columns
    if not values:
        return None
    uuids, start, end = typed["uuid"], typed["start_date"], typed["end_date"]
    if (None in uuids or None in start or not set(typed["office_code"]) <= set(OFFICE_CODES)
            or not all(v is not None and v >= 1 for v in typed["version"])
            or not all(typed["device_id"]) or None in typed["updated_at"]
            or not all(r and r.strip() for r in typed["requester"])
            or not all(e is None or e >= s for s, e in zip(start, end, strict=True))):  # fmt: skip
        return None
    storage: dict[str, list[Any]] = {
        "uuid": uuids, "version": typed["version"], "device_id": typed["device_id"],
        "version_vector": [t or "{}" for t in texts["version_vector"]],
        "updated_at": list(map(utc_text, typed["updated_at"])),
        "office_code": typed["office_code"], "requester": typed["requester"],
        "requester_category": typed["requester_category"],
        "start_date": list(texts["start_date"]),
        "end_date": [t or None for t in texts["end_date"]],
        "summary": [t or "" for t in typed["summary"]],
        "staff": [t or "" for t in typed["staff"]], "status": typed["status"],
        "counted": [1 if c else 0 for c in typed["counted"]], "types": typed["types"],
    }  # fmt: skip
    return ColumnBatch("support_case", storage, lambda i: build("support_case", values[i], {}))


def _records(path: Path, values: dict[str, list[dict[str, Any]]], manifest: dict[str, str],
             case_columns: SheetColumns | None = None) -> dict[str, Any]:  # fmt: skip
    office = manifest["office"]
    for kind in ("support_case", "event_booth", "newsletter", "jetaa_event"):
        if office == "ALL" or {v.get("office_code") for v in values[kind]} <= {office}:
            continue
        for v in values[kind]:
            if v.get("office_code") != office:
                raise BadWorkbook(
                    f"{path.name}: the manifest is for office {office}, but sheet row"
                    f" {v['_row']} of {kind.replace('_', ' ')}s is for {v.get('office_code')}"
                )
    kinds = ("support_case", "event_booth", "newsletter", "newsletter_issue", "jetaa_event",
             "tombstone")  # fmt: skip
    uuids = [v.get("uuid") for kind in kinds for v in values[kind]]
    if len(set(uuids)) != len(uuids):
        _duplicate_uuid(path, values, kinds)
    batch = _case_batch(values["support_case"], case_columns) if case_columns else None
    try:
        records: dict[str, Any] = from_cells(
            {k: v for k, v in values.items() if k != "support_case"} if batch else values
        )
        if batch is not None:
            records["support_case"] = batch
        for v in values["tombstone"]:
            kind = v["kind"]
            records.setdefault(kind, []).append(tombstone_record(kind, v["payload"]))
    except (KeyError, TypeError, ValueError) as exc:
        raise BadWorkbook(f"{path.name}: a record cannot be rebuilt ({exc})") from exc
    for kind, rows in records.items():
        for row in rows.extras if isinstance(rows, ColumnBatch) else rows:  # batch: checked
            problem = check_row(kind, row)
            if problem:
                raise BadWorkbook(
                    f"{path.name}: {kind.replace('_', ' ')} {row.sync.uuid}: {problem}"
                )
    parents = {k: {r.sync.uuid for r in records.get(k, ())} for k in ("event_booth", "jetaa_event")}
    for sheet, parent in (("event_leg", "event_booth"), ("event_municipality", "event_booth"),
                          ("jetaa_session", "jetaa_event")):  # fmt: skip
        for v in values[sheet]:
            if v["parent_uuid"] not in parents[parent]:
                raise BadWorkbook(
                    f"{path.name}: row {v['_row']} of {sheet.replace('_', ' ')}s"
                    f" belongs to no {parent.replace('_', ' ')} in the file"
                )
    return records
