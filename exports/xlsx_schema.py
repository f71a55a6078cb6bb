"""The layout of an Office Ledger workbook: sheets, columns, and how cells are hashed.

Both the writer and the reader use these tables, so a column is declared once: its
machine key, its Japanese and English headers, its kind and width. Headers in either
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
from typing import Any

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
        Col("version", "版", "Version", "int", 8),
        Col("device_id", "端末", "Device", "uuid", 12),
        Col("updated_at", "更新日時(UTC)", "Updated (UTC)", "datetime", 19),
        Col("version_vector", "版ベクトル", "Version vector", "json", 10, hidden=True),
        Col("row_hash", "行ハッシュ", "Row hash", "hash", 10, hidden=True),
    )


def _enum_cols(key: str, ja: str, en: str, enum: type[Enum], width: float) -> tuple[Col, Col]:
    return (Col(key, f"{ja}コード", f"{en} code", "code", 12, enum),
            Col(f"{key}_label", ja, en, "label", width, enum))  # fmt: skip


def _sheets() -> tuple[Sheet, ...]:
    from db.enums import (
        CaseStatus,
        JetaaKind,
        NewsletterFormat,
        RequesterCategory,
        SupportType,
        VenueMode,
    )

    uuid = Col("uuid", "UUID", "UUID", "uuid", 12)
    office = Col("office_code", "事務所", "Office", "text", 8)
    sync = _sync_cols()
    return (
        Sheet("support_case", "海外活動支援", "Support cases", (
            uuid, office, Col("requester", "依頼団体", "Requester", "text", 26),
            *_enum_cols("requester_category", "区分", "Category", RequesterCategory, 18),
            Col("start_date", "開始日", "Start", "date", 11),
            Col("end_date", "終了日", "End", "date", 11),
            Col("types", "支援内容コード", "Support type codes", "list", 14, SupportType),
            Col("types_label", "支援内容", "Support given", "label", 30, SupportType),
            Col("summary", "概要", "Summary", "text", 40), Col("staff", "担当", "Staff", "text", 12),
            *_enum_cols("status", "状況", "Status", CaseStatus, 10),
            Col("counted", "件数に計上", "Counted", "bool", 9), *sync)),
        Sheet("event_booth", "イベント出展", "Event booths", (
            uuid, office, Col("name", "イベント名", "Event", "text", 36),
            Col("name_en", "イベント名(英)", "Event (English)", "text", 30),
            Col("hosted", "主催", "Hosted", "bool", 7),
            Col("start_date", "開始日", "First day", "derived", 11),
            Col("exhibitors", "出展事業者数", "Exhibitors", "int", 10),
            Col("items_shown", "出展商品数", "Items shown", "int", 10),
            Col("visitors", "来場者数", "Visitors", "int", 10),
            Col("notes", "備考", "Notes", "text", 30), *sync)),
        Sheet("event_leg", "イベント日程", "Event legs", (
            Col("parent_uuid", "イベントUUID", "Event UUID", "uuid", 12),
            Col("position", "順", "No.", "int", 5), Col("start_date", "開始日", "Start", "date", 11),
            Col("end_date", "終了日", "End", "date", 11), Col("city", "都市", "City", "text", 18),
            Col("country", "国コード", "Country code", "text", 8),
            Col("country_label", "国", "Country", "label", 16),
            Col("venue", "会場", "Venue", "text", 24), Col("row_hash", "行ハッシュ", "Row hash", "hash", 10, hidden=True))),
        Sheet("event_municipality", "参加自治体", "Local governments", (
            Col("parent_uuid", "イベントUUID", "Event UUID", "uuid", 12),
            Col("position", "順", "No.", "int", 5), Col("name", "自治体名", "Name", "text", 24),
            Col("row_hash", "行ハッシュ", "Row hash", "hash", 10, hidden=True))),
        Sheet("newsletter", "ニューズレター", "Newsletters", (
            uuid, office, Col("title", "名称", "Title", "text", 36),
            Col("notes", "備考", "Notes", "text", 30), *sync)),
        Sheet("newsletter_issue", "ニューズレター発行", "Newsletter issues", (
            uuid, Col("newsletter_uuid", "ニューズレターUUID", "Newsletter UUID", "uuid", 12),
            Col("office_code", "事務所", "Office", "derived", 8),
            Col("title", "名称", "Title", "derived", 28), Col("number", "号", "No.", "text", 10),
            Col("issue_date", "発行日", "Date", "date", 11),
            Col("languages", "言語", "Languages", "list", 9),
            *_enum_cols("format", "形式", "Format", NewsletterFormat, 10),
            Col("contents", "主な内容", "Contents", "text", 40),
            Col("reach", "配信数", "Reach", "int", 9), *sync)),
        Sheet("jetaa_event", "JETAA事業", "JETAA events", (
            uuid, office, Col("name", "事業名", "Name", "text", 36),
            *_enum_cols("kind", "種別", "Kind", JetaaKind, 18),
            Col("start_date", "開始日", "First day", "derived", 11),
            Col("participants", "参加者数", "Participants", "int", 10),
            Col("notes", "備考", "Notes", "text", 30), *sync)),
        Sheet("jetaa_session", "JETAAセッション", "JETAA sessions", (
            Col("parent_uuid", "事業UUID", "Event UUID", "uuid", 12),
            Col("position", "順", "No.", "int", 5), Col("start_date", "開始日", "Start", "date", 11),
            Col("end_date", "終了日", "End", "date", 11), Col("city", "都市", "City", "text", 18),
            Col("country", "国コード", "Country code", "text", 8),
            Col("country_label", "国", "Country", "label", 16),
            Col("venue", "会場・方法", "Venue", "text", 24),
            *_enum_cols("mode", "形態", "Mode", VenueMode, 10),
            Col("row_hash", "行ハッシュ", "Row hash", "hash", 10, hidden=True))),
        Sheet("tombstone", "削除済み", "Deleted records", (
            Col("kind", "種類", "Record type", "text", 16), uuid,
            Col("label", "内容", "Record", "label", 36), *sync[:3],
            Col("payload", "データ", "Data", "json", 10, hidden=True), *sync[3:])),
    )  # fmt: skip


SHEETS: tuple[Sheet, ...] = _sheets()
BY_KEY = {s.key: s for s in SHEETS}
SUMMARY = ("集計", "Summary")
MANIFEST = ("マニフェスト", "Manifest")
RECORD_SHEETS = ("newsletter", "newsletter_issue", "support_case", "event_booth", "jetaa_event")


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
