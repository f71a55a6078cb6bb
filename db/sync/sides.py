"""A record's fields as a person reads them, and a record rebuilt from its JSON copy.

The Conflicts view and ``office-ledger conflicts`` put two versions of a record side by
side, field by field: :func:`fields_of` lists what a person compares (the kind's
declared fields and child tables), :func:`text` shows a value in Japanese or English
(labels for codes, country and office names, yes/no), and :func:`from_payload` turns
the JSON kept of a losing version (:func:`db.sync.merge.payload`) back into the kind's
dataclass, typed by the same declarations.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from db.schema.fields import Child, Field, FieldType
from db.schema.kinds import RecordKind, Sync
from db.schema.words import listing, word


@dataclass(frozen=True)
class Shown:
    """One line of a side-by-side comparison: a field, or a table of child rows."""

    name: str  # the attribute of the kind's dataclass
    label: str  # a db.schema.words key
    field: Field | None = None
    child: Child | None = None

    def text(self, row: Any, lang: str) -> str:
        value = getattr(row, self.name)
        if self.field is not None:
            return text(self.field, value, lang)
        assert self.child is not None
        return child_text(self.child, value, lang)


def fields_of(kind: RecordKind) -> tuple[Shown, ...]:
    """What a person compares of a record: its fields (none derived or internal), then
    its child tables."""
    spec = kind.spec
    own = [Shown(f.name, f.label, field=f) for f in spec.fields
           if not f.derived and f.type is not FieldType.REF]  # fmt: skip
    kids = [Shown(c.attr, c.label, child=c) for c in spec.children]
    return (*own, *kids)


def text(f: Field, value: Any, lang: str) -> str:
    """A field's value as shown in ``lang``."""
    if value is None or value == "" or value == ():
        return ""
    kind = f.type
    if kind is FieldType.BOOL:
        return word("shown.yes" if value else "shown.no", lang)
    if kind is FieldType.CODE:
        return str(value.label(lang)) if hasattr(value, "label") else str(value)
    if kind is FieldType.CODES:
        return listing([str(v.label(lang)) if hasattr(v, "label") else str(v) for v in value],
                       lang)  # fmt: skip
    if kind is FieldType.COUNTRY:
        from db.schema.countries import country_name

        return country_name(str(value), lang)
    if kind is FieldType.OFFICE:
        from db.schema.offices import BY_CODE

        found = BY_CODE.get(str(value))
        return found.name(lang) if found else str(value)
    if kind is FieldType.TEXTS:
        return listing([str(v) for v in value], lang)
    if kind is FieldType.COUNT:
        return f"{value:,}"
    return str(value)


def child_text(c: Child, rows: Any, lang: str) -> str:
    """Child rows as one text: each row's values, rows separated by " / "."""
    if c.scalar:
        return listing([str(r) for r in rows], lang)
    shown = []
    for r in rows:
        parts = [text(f, getattr(r, f.name), lang) for f in c.fields]
        shown.append(" ".join(p for p in parts if p))
    return " / ".join(shown)


def _typed(f: Field, value: Any) -> Any:
    if value is None:
        return None
    kind = f.type
    if kind is FieldType.DATE and isinstance(value, str):
        return date.fromisoformat(value[:10])
    if kind is FieldType.CODE and f.enum is not None:
        return f.enum(value)
    if kind is FieldType.CODES and f.enum is not None:
        return tuple(f.enum(v) for v in value)
    if kind is FieldType.TEXTS:
        return tuple(value)
    return value


def _typed_fields(row_type: Any, data: dict[str, Any], fields: tuple[Field, ...]) -> Any:
    values = {f.name: _typed(f, data[f.name]) for f in fields if f.name in data}
    return row_type(**values)


def from_payload(kind: RecordKind, payload: dict[str, Any]) -> Any:
    """The kind's dataclass (sync fields too) from the JSON kept of a version."""
    spec = kind.spec
    values: dict[str, Any] = {
        f.name: _typed(f, payload[f.name]) for f in spec.fields if f.name in payload
    }
    for c in spec.children:
        rows = payload.get(c.attr) or ()
        if c.scalar:
            values[c.attr] = tuple(str(r) for r in rows)
        else:
            values[c.attr] = tuple(_typed_fields(c.row_type, r, c.fields) for r in rows)
    s = payload.get("sync") or {}
    at = s.get("updated_at")
    values["sync"] = Sync(
        str(s.get("uuid", "")), int(s.get("version", 0)), str(s.get("device_id", "")),
        dict(s.get("version_vector") or {}),
        datetime.fromisoformat(at) if isinstance(at, str) else datetime.min,
        bool(s.get("deleted", False)),
    )  # fmt: skip
    return spec.row_type(**values)


def same(a: Any, b: Any, shown: Shown) -> bool:
    return bool(getattr(a, shown.name) == getattr(b, shown.name))
