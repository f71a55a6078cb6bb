"""Records (:mod:`db.rows`) to sheet rows and back, following :mod:`exports.xlsx_schema`.

``to_cells`` gives each sheet's rows as Python values in column order (labels in the
workbook's language, the row hash last); ``from_cells`` rebuilds the records from the
machine columns a reader found, whatever the language and column order.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import fields
from functools import cache
from typing import Any

from db import rows as R
from db.countries import country_name
from db.enums import (
    CaseStatus,
    JetaaKind,
    NewsletterFormat,
    RequesterCategory,
    SupportType,
    VenueMode,
)
from exports.xlsx_schema import BY_KEY, Sheet, row_hash

Cells = list[Any]


@cache
def _label_of(enum: Any, value: Any, lang: str) -> str:
    return str(enum(value).label(lang))


def _label(col_enum: Any, value: Any, lang: str) -> str:
    if value is None:
        return ""
    if isinstance(value, tuple | list):
        sep = "、" if lang == "ja" else ", "
        return sep.join(_label_of(col_enum, v, lang) for v in value)
    return _label_of(col_enum, value, lang)


@cache
def _plan(sheet: Sheet) -> tuple[list[tuple[str, str, Any]], list[str]]:
    """Per column what to put in it (value, label or country name), and the hashed keys."""
    plan: list[tuple[str, str, Any]] = []
    for col in sheet.columns:
        if col.kind == "label":
            base = col.key.removesuffix("_label")
            if base == "country":
                plan.append(("country", "country", None))
            elif col.enum is not None:
                plan.append(("enum", base, col.enum))
            else:
                plan.append(("value", col.key, None))
        elif col.kind == "hash":
            plan.append(("hash", "", None))
        else:
            plan.append(("value", col.key, None))
    return plan, [c.key for c in sheet.columns if c.hashed]


def _finish(sheet: Sheet, values: dict[str, Any], lang: str) -> Cells:
    """Fill label/derived columns and the row hash; return the row in column order."""
    plan, hashed = _plan(sheet)
    out: list[Any] = []
    get = values.get
    for what, key, enum in plan:
        if what == "value":
            out.append(get(key))
        elif what == "enum":
            out.append(_label(enum, get(key), lang))
        elif what == "country":
            out.append(country_name(values["country"], lang))
        else:
            out.append(row_hash([get(k) for k in hashed]))
    return out


def _sync(sync: R.Sync) -> dict[str, Any]:
    return {"uuid": sync.uuid, "version": sync.version, "device_id": sync.device_id,
            "updated_at": sync.updated_at, "version_vector": sync.version_vector}  # fmt: skip


@cache
def _names(cls: Any, skip: tuple[str, ...]) -> tuple[str, ...]:  # cls: a dataclass type
    return tuple(f.name for f in fields(cls) if f.name not in ("sync", *skip))


def _plain(row: Any, *skip: str) -> dict[str, Any]:
    return {name: getattr(row, name) for name in _names(type(row), skip)}  # type: ignore[arg-type]


def record_label(kind: str, row: Any) -> str:
    """A person's name for a record (requester, event or newsletter title)."""
    for attr in ("requester", "name", "title"):
        if hasattr(row, attr):
            return f"{getattr(row, attr)} ({getattr(row, 'start_date', '') or ''})".replace(
                " ()", ""
            )
    return f"{row.number} {row.issue_date}"


def to_cells(records: Mapping[str, Sequence[Any]], lang: str) -> dict[str, list[Cells]]:
    """Every sheet's rows (without header) for these records; deleted ones go to tombstones."""
    import json
    from dataclasses import asdict

    out: dict[str, list[Cells]] = defaultdict(list)
    for kind in ("support_case", "event_booth", "newsletter", "newsletter_issue", "jetaa_event"):
        sheet = BY_KEY[kind]
        for row in records.get(kind, ()):
            if row.sync.deleted:
                data = json.dumps(asdict(row), default=str, ensure_ascii=False, sort_keys=True)
                values = {**_sync(row.sync), "kind": kind, "payload": data,
                          "label": record_label(kind, row)}  # fmt: skip
                out["tombstone"].append(_finish(BY_KEY["tombstone"], values, lang))
                continue
            values = {**_plain(row, "legs", "municipalities", "sessions"), **_sync(row.sync)}
            out[kind].append(_finish(sheet, values, lang))
            for n, leg in enumerate(getattr(row, "legs", ()), 1):
                child = {**_plain(leg), "parent_uuid": row.sync.uuid, "position": n}
                out["event_leg"].append(_finish(BY_KEY["event_leg"], child, lang))
            for n, name in enumerate(getattr(row, "municipalities", ()), 1):
                child = {"parent_uuid": row.sync.uuid, "position": n, "name": name}
                out["event_municipality"].append(_finish(BY_KEY["event_municipality"], child, lang))
            for n, s in enumerate(getattr(row, "sessions", ()), 1):
                child = {**_plain(s), "parent_uuid": row.sync.uuid, "position": n}
                out["jetaa_session"].append(_finish(BY_KEY["jetaa_session"], child, lang))
    return out


def _typed_json(sheet: Sheet, data: dict[str, Any]) -> dict[str, Any]:
    """JSON values (ISO text dates) converted to the Python types of the sheet's columns."""
    from datetime import date, datetime

    out = dict(data)
    for col in sheet.columns:
        value = out.get(col.key)
        if isinstance(value, str) and value:
            if col.kind == "date":
                out[col.key] = date.fromisoformat(value)
            elif col.kind == "datetime":
                out[col.key] = datetime.fromisoformat(value)
    return out


def tombstone_record(kind: str, payload: dict[str, Any]) -> Any:
    """A deleted record rebuilt from the JSON kept in the tombstones sheet."""
    s = payload["sync"]
    values = _typed_json(BY_KEY[kind], {**payload, **s})
    from datetime import datetime

    values["updated_at"] = datetime.fromisoformat(s["updated_at"])
    kids = {
        "event_leg": [_typed_json(BY_KEY["event_leg"], c) for c in payload.get("legs", ())],
        "event_municipality": [{"name": m} for m in payload.get("municipalities", ())],
        "jetaa_session": [_typed_json(BY_KEY["jetaa_session"], c)
                          for c in payload.get("sessions", ())],
    }  # fmt: skip
    return build(kind, values, kids, deleted=True)


def _members() -> dict[type, dict[str, Any]]:
    enums = (CaseStatus, JetaaKind, NewsletterFormat, RequesterCategory, SupportType, VenueMode)
    return {e: {m.value: m for m in e} for e in enums}


_MEMBERS = _members()


def build(kind: str, v: dict[str, Any], kids: Mapping[str, Sequence[dict[str, Any]]],
          deleted: bool = False) -> Any:  # fmt: skip
    """One record from its machine values and its children's values.

    Codes were checked by the reader; an unknown one raises KeyError.
    """
    sync = R.Sync(v["uuid"], v["version"], v["device_id"], v["version_vector"] or {},
                  v["updated_at"], deleted)  # fmt: skip
    if kind == "support_case":
        support = _MEMBERS[SupportType]
        return R.CaseRow(
            0, sync, v["office_code"], v["requester"],
            _MEMBERS[RequesterCategory][v["requester_category"]], v["start_date"],
            v["end_date"], v["summary"] or "", v["staff"] or "",
            _MEMBERS[CaseStatus][v["status"]], bool(v["counted"]),
            tuple([support[t] for t in v["types"]]),
        )  # fmt: skip
    if kind == "event_booth":
        legs = tuple(R.LegRow(c["start_date"], c["end_date"], c["city"] or "", c["country"],
                              c["venue"] or "") for c in kids.get("event_leg", ()))  # fmt: skip
        munis = tuple(c["name"] for c in kids.get("event_municipality", ()))
        return R.EventRow(
            0, sync, v["office_code"], v["name"], v["name_en"] or "", bool(v["hosted"]),
            _first(leg.start_date for leg in legs), v["exhibitors"],
            v["items_shown"], v["visitors"], v["notes"] or "", legs, munis,
        )  # fmt: skip
    if kind == "newsletter":
        return R.NewsletterRow(0, sync, v["office_code"], v["title"], v["notes"] or "")
    if kind == "newsletter_issue":
        return R.IssueRow(
            0, sync, v["newsletter_uuid"], v.get("office_code") or "", v.get("title") or "",
            v["number"] or "", v["issue_date"], tuple(v["languages"] or ()),
            _MEMBERS[NewsletterFormat][v["format"]], v["contents"] or "", v["reach"],
        )  # fmt: skip
    mode = _MEMBERS[VenueMode]
    sessions = tuple(R.SessionRow(c["start_date"], c["end_date"], c["city"] or "",
                                  c["country"], c["venue"] or "", mode[c["mode"]])
                     for c in kids.get("jetaa_session", ()))  # fmt: skip
    return R.JetaaRow(
        0, sync, v["office_code"], v["name"], _MEMBERS[JetaaKind][v["kind"]],
        _first(x.start_date for x in sessions), v["participants"],
        v["notes"] or "", sessions,
    )  # fmt: skip


def _first(days: Iterable[Any]) -> Any:
    """The earliest date, or None for an event without legs (refused by check_row)."""
    return min(days, default=None)


CHILD_SHEETS = {"event_booth": ("event_leg", "event_municipality"),
                "jetaa_event": ("jetaa_session",)}  # fmt: skip


def from_cells(sheets: Mapping[str, Iterable[dict[str, Any]]]) -> dict[str, list[Any]]:
    """Rebuild records from machine values per sheet (dicts keyed by column key).

    The values must already have their Python types (see :mod:`exports.xlsx_read`).
    """
    children: dict[str, dict[str, list[dict[str, Any]]]] = defaultdict(lambda: defaultdict(list))
    for sheet in ("event_leg", "event_municipality", "jetaa_session"):
        for values in sheets.get(sheet, ()):
            children[sheet][values["parent_uuid"]].append(values)
    for by_parent in children.values():
        for items in by_parent.values():
            items.sort(key=lambda v: v.get("position") or 0)
    out: dict[str, list[Any]] = defaultdict(list)
    for kind in ("newsletter", "newsletter_issue", "support_case", "event_booth", "jetaa_event"):
        for v in sheets.get(kind, ()):
            kids = {c: children[c][v["uuid"]] for c in CHILD_SHEETS.get(kind, ())}
            out[kind].append(build(kind, v, kids))
    return out
