"""The layout of an Office Ledger workbook: sheets, columns, and how cells are hashed.

Both the writer and the reader use these tables, derived from the record kinds'
declarations (:mod:`db.schema.kinds`): a column's machine key, its Japanese and English
headers (:mod:`db.schema.words`), its kind and width. Headers in either
language are recognised on import, in any column order. ``label`` and ``derived``
columns are for people (a category's name next to its code, an event's first date);
the reader ignores them and they are not part of the row hashes.

Versions: the manifest of a format-2 workbook lists its sheets and, per sheet, the
columns the writer hashed, in hash order, with their kinds and headers
(:func:`manifest_layout`), so that a reader of another app version can recompute the
sender's row hashes exactly. A format-1 workbook has no such lists: its layout is
frozen in :data:`FORMAT1_COLUMNS`, which must never change.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from enum import Enum
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from db.schema.fields import Field

# The format's major version: the rules a reader needs (manifest keys, hash recipe,
# the kinds' cell encodings). Columns or sheets added or removed by an app version do
# not change it (the manifest lists them); a reader refuses a higher major.
FORMAT_VERSION = 2
# The column kinds a reader can convert and hash without knowing the column.
HASH_KINDS = frozenset(("uuid", "text", "date", "datetime", "int", "bool", "code", "list", "json"))
MAX_CELL = 32_767  # characters an Excel cell can hold


@dataclass(frozen=True)
class Col:
    key: str
    ja: str
    en: str
    kind: str  # uuid text date datetime int bool code list json label derived hash
    width: float = 14
    enum: type[Enum] | None = None
    hidden: bool = False

    def header(self, lang: str) -> str:
        return self.ja if lang == "ja" else self.en

    @property
    def hashed(self) -> bool:
        return self.kind not in ("label", "derived", "hash")


@dataclass(frozen=True)
class Sheet:
    key: str
    ja: str
    en: str
    columns: tuple[Col, ...]

    def name(self, lang: str) -> str:
        return self.ja if lang == "ja" else self.en

    def col(self, key: str) -> Col:
        return next(c for c in self.columns if c.key == key)


def _sync_cols() -> tuple[Col, ...]:
    return (
        Col("version", *_words("sheet.version"), "int", 8),
        Col("device_id", *_words("sheet.device"), "uuid", 12),
        Col("updated_at", *_words("sheet.updated_at"), "datetime", 19),
        Col("version_vector", *_words("sheet.version_vector"), "json", 10, hidden=True),
        Col("row_hash", *_words("sheet.row_hash"), "hash", 10, hidden=True),
    )


def _words(key: str, **values: str) -> tuple[str, str]:
    from db.schema.words import word

    return word(key, "ja", **values), word(key, "en", **values)


def _field_cols(f: Field) -> tuple[Col, ...]:
    """A declared field's column(s): a code travels in one, its label beside it."""
    from db.schema.fields import FieldType as T

    assert f.excel is not None
    ja, en = _words(f.label)
    x = f.excel
    if f.type in (T.CODE, T.CODES, T.COUNTRY):
        code_ja, code_en = (_words(x.code_label) if x.code_label else
                            (_words("field.code_suffix", label=ja)[0],
                             _words("field.code_suffix", label=en)[1]))  # fmt: skip
        kind = {T.CODE: "code", T.CODES: "list", T.COUNTRY: "text"}[f.type]
        return (Col(f.name, code_ja, code_en, kind, x.code_width, f.enum),
                Col(f"{f.name}_label", ja, en, "label", x.width, f.enum))  # fmt: skip
    kind = "derived" if f.derived or x.informative else _KIND_OF[f.type]
    return (Col(f.name, ja, en, kind, x.width, None, x.hidden),)


_KIND_OF = {"text": "text", "note": "text", "office": "text", "date": "date", "count": "int",
            "bool": "bool", "texts": "list", "ref": "uuid"}  # fmt: skip


def _columns(fields: Iterable[Field]) -> tuple[Col, ...]:
    return tuple(c for f in fields if f.excel is not None for c in _field_cols(f))


def _sheets() -> tuple[Sheet, ...]:
    """Every sheet's layout, from the record kinds' declarations (db.schema.kinds)."""
    from db.schema.kinds import SPECS

    uuid = Col("uuid", "UUID", "UUID", "uuid", 12)
    row_hash = Col("row_hash", *_words("sheet.row_hash"), "hash", 10, hidden=True)
    sync = _sync_cols()
    out: list[Sheet] = []
    for spec in SPECS.values():
        out.append(Sheet(spec.table, *_words(spec.sheet_label),
                         (uuid, *_columns(spec.fields), *sync)))  # fmt: skip
        for child in spec.children:
            parent = Col("parent_uuid", *_words(child.parent_label), "uuid", 12)
            position = Col("position", *_words("field.position"), "int", 5)
            out.append(Sheet(child.table, *_words(child.sheet_label),
                             (parent, position, *_columns(child.fields), row_hash)))  # fmt: skip
    out.append(Sheet("tombstone", *_words("sheet.tombstones"), (
        Col("kind", *_words("sheet.record_type"), "text", 16), uuid,
        Col("label", *_words("sheet.record"), "label", 36), *sync[:3],
        Col("payload", *_words("sheet.payload"), "json", 10, hidden=True), *sync[3:])))  # fmt: skip
    return tuple(out)


def _record_order() -> tuple[str, ...]:
    from db.schema.kinds import MERGE_ORDER

    return tuple(MERGE_ORDER)


SHEETS: tuple[Sheet, ...] = _sheets()
BY_KEY = {s.key: s for s in SHEETS}
SUMMARY = ("集計", "Summary")
MANIFEST = ("マニフェスト", "Manifest")
RECORD_SHEETS: tuple[str, ...] = tuple(_record_order())


# Format 1 (before the manifest listed its columns): sheet order of the content hash and
# each sheet's hashed columns, in hash order. A literal copy, frozen: the current
# layout may change, these hashes may not.
FORMAT1_SHEETS = ("support_case", "event_booth", "event_leg", "event_municipality", "newsletter",
                  "newsletter_issue", "jetaa_event", "jetaa_session", "tombstone")  # fmt: skip
FORMAT1_COLUMNS: dict[str, str] = {
    "support_case": "uuid:uuid;office_code:text;requester:text;requester_category:code;"
    "start_date:date;end_date:date;types:list;summary:text;staff:text;status:code;counted:bool;"
    "version:int;device_id:uuid;updated_at:datetime;version_vector:json",
    "event_booth": "uuid:uuid;office_code:text;name:text;name_en:text;hosted:bool;exhibitors:int;"
    "items_shown:int;visitors:int;notes:text;version:int;device_id:uuid;updated_at:datetime;"
    "version_vector:json",
    "event_leg": "parent_uuid:uuid;position:int;start_date:date;end_date:date;city:text;"
    "country:text;venue:text",
    "event_municipality": "parent_uuid:uuid;position:int;name:text",
    "newsletter": "uuid:uuid;office_code:text;title:text;notes:text;version:int;device_id:uuid;"
    "updated_at:datetime;version_vector:json",
    "newsletter_issue": "uuid:uuid;newsletter_uuid:uuid;number:text;issue_date:date;"
    "languages:list;format:code;contents:text;reach:int;version:int;device_id:uuid;"
    "updated_at:datetime;version_vector:json",
    "jetaa_event": "uuid:uuid;office_code:text;name:text;kind:code;participants:int;notes:text;"
    "version:int;device_id:uuid;updated_at:datetime;version_vector:json",
    "jetaa_session": "parent_uuid:uuid;position:int;start_date:date;end_date:date;city:text;"
    "country:text;venue:text;mode:code",
    "tombstone": "kind:text;uuid:uuid;version:int;device_id:uuid;updated_at:datetime;"
    "payload:json;version_vector:json",
}  # fmt: skip


def column_list(sheet: Sheet) -> str:
    """The sheet's hashed columns in hash order as ``key:kind;key:kind;...``."""
    return ";".join(f"{c.key}:{c.kind}" for c in sheet.columns if c.hashed)


def parse_column_list(text: str) -> list[tuple[str, str]]:
    """``key:kind;...`` as (key, kind) pairs; ValueError if it is not such a list."""
    pairs = [tuple(item.split(":")) for item in text.split(";") if item]
    if not pairs or any(len(p) != 2 or not p[0] or not p[1] for p in pairs):
        raise ValueError(f"not a column list: {text[:60]!r}")
    return [(key, kind) for key, kind in pairs]


def manifest_layout(sheets: Sequence[Sheet]) -> dict[str, str]:
    """The manifest entries that describe the layout: sheet order, and per sheet its hashed
    columns (``columns.<sheet>``) and their headers in both languages (``headers.<sheet>``,
    JSON, for a reader that does not know a column)."""
    out = {"sheets": ";".join(s.key for s in sheets)}
    for sheet in sheets:
        out[f"columns.{sheet.key}"] = column_list(sheet)
    for sheet in sheets:
        headers = {c.key: [c.ja, c.en] for c in sheet.columns if c.hashed}
        out[f"headers.{sheet.key}"] = _dump(headers)
    return out


def with_columns(sheet: Sheet, extra: Sequence[Col]) -> Sheet:
    """The sheet with more hashed columns, placed before its row hash (kept last)."""
    if not extra:
        return sheet
    own = sheet.columns
    cut = len(own) - 1 if own[-1].kind == "hash" else len(own)
    return Sheet(sheet.key, sheet.ja, sheet.en, (*own[:cut], *extra, *own[cut:]))


_SCAN = json.JSONDecoder().scan_once  # type: ignore[attr-defined]


class JsonValue(dict[str, Any]):
    """A JSON object read from a cell, remembering the exact text it was read from.

    Built from anything else (as ``dataclasses.asdict`` rebuilds dict subclasses from
    their items), it is a plain copy whose text is its canonical dump.
    """

    def __init__(self, source: Any = "") -> None:
        if isinstance(source, str):
            try:  # the C scanner straight away: json.loads costs three more calls per cell
                parsed, end = _SCAN(source, 0)
            except StopIteration:
                parsed, end = None, -1
            if end != len(source):  # blanks around it, or not JSON: json.loads says why
                parsed = json.loads(source)
            super().__init__(parsed)
            self.text = source
        else:
            super().__init__(source)
            self.text = _dump(self)


def canonical(value: Any) -> str:
    """The text a cell value hashes as: the same before writing and after reading."""
    fast = CANONICAL_BY_TYPE.get(type(value))
    if fast is not None:  # the common cell types, one dict lookup instead of a chain
        text: str = fast(value)
        return text
    if value is None:
        return ""
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, Enum):
        return str(value.value)
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, JsonValue):
        return value.text  # as read: a hand edit to the hidden JSON shows as an edit
    if isinstance(value, dict):
        return _dump(value)
    if isinstance(value, list | tuple):
        return ";".join(canonical(v) for v in value)
    return str(value)


CANONICAL_BY_TYPE: dict[type, Any] = {
    str: lambda v: v, int: str, bool: lambda v: "1" if v else "0", type(None): lambda v: "",
    date: date.isoformat, datetime: datetime.isoformat, JsonValue: lambda v: v.text,
    list: lambda v: ";".join([x if type(x) is str else canonical(x) for x in v]),
}  # fmt: skip


def _dump(value: dict[str, Any]) -> str:
    return json.dumps(value, sort_keys=True, ensure_ascii=False)


def row_hash(values: Iterable[Any]) -> str:
    """A short hash of a row's machine values (label and derived columns excluded)."""
    text = "\x1f".join([v if type(v) is str else canonical(v) for v in values])
    return hashlib.blake2b(text.encode("utf-8"), digest_size=12).hexdigest()


def content_hash(sheet_hashes: Sequence[tuple[str, Sequence[str]]]) -> str:
    """One hash over every row hash of every sheet, in order."""
    digest = hashlib.sha256()
    for sheet, hashes in sheet_hashes:
        digest.update(f"{sheet}:{len(hashes)}\n".encode())
        for h in hashes:
            digest.update(h.encode())
    return digest.hexdigest()
