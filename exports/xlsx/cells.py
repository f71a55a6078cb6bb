"""Records (:mod:`db.read.rows`) to sheet rows and back, following :mod:`exports.xlsx.schema`.

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

from db.schema import kinds as R
from db.schema.countries import country_name
from db.schema.fields import Field, FieldType
from db.schema.kinds import MERGE_ORDER, SPECS, RecordKind, all_children
from exports.xlsx.schema import BY_KEY, Sheet, row_hash

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
    """A person's name for a record (requester, event or newsletter title, a seminar's or
    report's title, a research subject, what media work did, a seconded person's home),
    with its date."""
    if kind == RecordKind.NEWSLETTER_ISSUE:
        return f"{row.number} {row.issue_date}"
    day = getattr(row, SPECS[RecordKind(kind)].date_field, None) or ""
    for attr in ("requester", "name", "title", "subject", "activity", "home", "city", "menu"):
        value = getattr(row, attr, None)
        if value:
            return f"{' '.join(str(value).split())[:80]} ({day})".replace(" ()", "")
    return str(day)


def to_cells(records: Mapping[str, Sequence[Any]], lang: str) -> dict[str, list[Cells]]:
    """Every sheet's rows (without header) for these records; deleted ones go to tombstones."""
    import json
    from dataclasses import asdict

    out: dict[str, list[Cells]] = defaultdict(list)
    for kind in SPECS:
        sheet = BY_KEY[kind]
        for row in records.get(kind, ()):
            if row.sync.deleted:
                data = json.dumps(asdict(row), default=str, ensure_ascii=False, sort_keys=True)
                values = {**_sync(row.sync), "kind": kind, "payload": data,
                          "label": record_label(kind, row)}  # fmt: skip
                out["tombstone"].append(_finish(BY_KEY["tombstone"], values, lang))
                continue
            kids = SPECS[kind].children
            values = {**_plain(row, *(c.attr for c in kids)), **_sync(row.sync)}
            out[kind].append(_finish(sheet, values, lang))
            for c in kids:
                for n, item in enumerate(getattr(row, c.attr), 1):
                    own = {c.fields[0].name: item} if c.scalar else _plain(item)
                    child = {**own, "parent_uuid": row.sync.uuid, "position": n}
                    out[c.table].append(_finish(BY_KEY[c.table], child, lang))
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
        c.table: [{c.fields[0].name: x} if c.scalar else _typed_json(BY_KEY[c.table], x)
                  for x in payload.get(c.attr, ())]
        for c in RecordKind(kind).spec.children
    }  # fmt: skip
    return build(kind, values, kids, deleted=True)


@cache
def _members(enum: Any) -> dict[str, Any]:
    return {m.value: m for m in enum}


def _typed(f: Field, value: Any) -> Any:
    """A checked cell value as the record's attribute (codes as enum members)."""
    kind = f.type
    if kind is FieldType.CODE and f.enum is not None:  # a blank one: the rules refuse it
        return None if value is None else _members(f.enum)[value]
    if kind is FieldType.CODES and f.enum is not None:
        members = _members(f.enum)
        return tuple([members[v] for v in value or ()])
    if kind is FieldType.TEXTS:
        return tuple(value or ())
    if kind is FieldType.BOOL:
        return bool(value)
    if value is None and kind in (FieldType.TEXT, FieldType.NOTE, FieldType.OFFICE):
        return ""
    return value


def _record(fields: Iterable[Field], v: Mapping[str, Any]) -> dict[str, Any]:
    return {f.name: _typed(f, v.get(f.name)) for f in fields if not f.derived}


def build(kind: str, v: dict[str, Any], kids: Mapping[str, Sequence[dict[str, Any]]],
          deleted: bool = False) -> Any:  # fmt: skip
    """One record (its kind's dataclass) from its machine values and its children's.

    Codes were checked by the reader; an unknown one raises KeyError. Derived values
    (an event's first day) are made again from the children, never taken from a cell.
    """
    spec = RecordKind(kind).spec
    sync = R.Sync(v["uuid"], v["version"], v["device_id"], v["version_vector"] or {},
                  v["updated_at"], deleted)  # fmt: skip
    values = {f.name: _typed(f, v.get(f.name)) for f in spec.fields if not f.derived}
    if not spec.has_office:
        values["office_code"] = v.get("office_code") or ""
    for child in spec.children:
        rows = kids.get(child.table, ())
        if child.scalar:
            values[child.attr] = tuple(c[child.fields[0].name] for c in rows)
        else:
            values[child.attr] = tuple(child.row_type(**_record(child.fields, c)) for c in rows)
    return spec.row_type(id=0, sync=sync, **values)


CHILD_SHEETS = {
    str(s.kind): tuple(c.table for c in s.children) for s in SPECS.values() if s.children
}


def from_cells(sheets: Mapping[str, Iterable[dict[str, Any]]]) -> dict[str, list[Any]]:
    """Rebuild records from machine values per sheet (dicts keyed by column key).

    The values must already have their Python types (see :mod:`exports.xlsx.read`).
    """
    children: dict[str, dict[str, list[dict[str, Any]]]] = defaultdict(lambda: defaultdict(list))
    for sheet in (c.table for _, c in all_children()):
        for values in sheets.get(sheet, ()):
            children[sheet][values["parent_uuid"]].append(values)
    for by_parent in children.values():
        for items in by_parent.values():
            items.sort(key=lambda v: v.get("position") or 0)
    out: dict[str, list[Any]] = defaultdict(list)
    for kind in MERGE_ORDER:
        for v in sheets.get(kind, ()):
            kids = {c: children[c][v["uuid"]] for c in CHILD_SHEETS.get(kind, ())}
            out[kind].append(build(kind, v, kids))
    return out
