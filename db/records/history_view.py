"""A record's history as people read it, in Japanese or English: the same texts for the
command line (``office-ledger history``) and the History panel of the app's forms.

The versions themselves come from :mod:`db.records.history`; this module only words them:
through what a version came, who made it on which laptop, and which fields changed
from what to what (labels from the record-kind declarations, codes as their words).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from db.records.history import Version
from db.schema.fields import Field, FieldType
from db.schema.kinds import RecordKind
from db.schema.words import word


@dataclass(frozen=True)
class Line:
    """One version as a row of the history: its texts in one language."""

    version: str
    when: str
    who: str
    laptop: str
    how: str  # through what, with the file an import came from
    how_only: str  # through what (the panel shows the file on a line of its own)
    source: str  # the file an import came from (its office and export time), or ""
    changes: list[tuple[str, str, str]]  # (field label, before, after)
    can_restore: bool
    deleted: bool


def when(at: datetime, lang: str = "en") -> str:
    """A time in the laptop's own time zone, to the minute: ``2023-06-08 09:30``, or
    ``令和5年6月8日 09:30`` in Japanese."""
    from db.schema.fiscal import moment

    return moment(at, lang)


def _value(f: Field | None, value: Any, lang: str) -> str:
    if value is None or value == "" or value == []:
        return word("history.blank", lang)
    if f is not None and f.enum is not None and f.type in (FieldType.CODE, FieldType.CODES):
        codes = value if isinstance(value, list) else [value]
        out = []
        for code in codes:
            try:
                out.append(f.enum(code).label(lang))  # type: ignore[attr-defined]
            except ValueError:
                out.append(str(code))
        return "、".join(out) if lang == "ja" else ", ".join(out)
    if isinstance(value, bool):
        return word("history.yes" if value else "history.no", lang)
    if isinstance(value, list):
        parts = [" ".join(str(v) for v in item.values() if v not in (None, ""))
                 if isinstance(item, dict) else str(item) for item in value]  # fmt: skip
        return " / ".join(parts)
    if isinstance(value, int) and not isinstance(value, bool):
        return f"{value:,}"
    return str(value)


def change_texts(kind: str, changes: Mapping[str, Sequence[Any]] | None,
                 lang: str) -> list[tuple[str, str, str]]:  # fmt: skip
    """(label, before, after) for each changed field, in the declaration's order."""
    if not changes:
        return []
    spec = RecordKind(kind).spec
    fields = {f.name: f for f in spec.fields}
    order = [*fields, *(c.attr for c in spec.children), "deleted"]
    out = []
    for name in sorted(changes, key=lambda n: order.index(n) if n in order else len(order)):
        before, after = changes[name]
        f = fields.get(name)
        child = next((c for c in spec.children if c.attr == name), None)
        if name == "deleted":
            label = word("history.field.deleted", lang)
        elif f is not None:
            label = word(f.label, lang)
        elif child is not None:
            label = word(child.label, lang)
        else:
            label = name
        out.append((label, _value(f, before, lang), _value(f, after, lang)))
    return out


def source_text(v: Version, lang: str) -> str:
    """Where an imported version came from: the file, its office and export time."""
    origin = v.origin or {}
    sheet = ("sheet_import", "sheet_change", "sheet_gone")
    if v.how not in ("import", "hand_edit", *sheet) or not origin.get("file"):
        return ""
    if v.how in sheet:
        return str(origin["file"])
    at = origin.get("exported_at")
    stamp = when(datetime.fromisoformat(at), lang) if isinstance(at, str) else "?"
    return word("history.from_file", lang, file=origin["file"],
                office=origin.get("office") or "?", at=stamp)  # fmt: skip


def how_text(v: Version, lang: str, *, with_source: bool = True) -> str:
    """Through what the version came, and from where (an import's file, a restore's
    version); ``with_source=False`` leaves the file to :func:`source_text`."""
    key = f"history.how.{v.how}"
    text = word(key, lang) if key in _known() else v.how
    origin = v.origin or {}
    source = source_text(v, lang)
    if source:
        return f"{text}{'：' if lang == 'ja' else ': '}{source}" if with_source else text
    if v.how == "restore" and "version" in origin:
        restored = word("history.restored_from", lang, version=origin["version"])
        return f"{text}（{restored}）" if lang == "ja" else f"{text} ({restored})"
    return text


def _known() -> set[str]:
    from db.schema.words import WORDS

    return set(WORDS)


def line(kind: str, v: Version, lang: str) -> Line:
    unknown = word("history.unknown", lang)
    laptop = v.device_name or (v.device_id[:8] if v.device_id else unknown)
    changes = change_texts(kind, v.changes, lang)
    if v.changes is None and v.how not in ("existing", "earlier"):
        changes = [(word("history.created", lang), "", "")]
    current = word("history.current", lang)
    version = str(v.version) + ((f"（{current}）" if lang == "ja" else f" ({current})")
                                if v.current else "")  # fmt: skip
    return Line(version, when(v.updated_at, lang), v.author or unknown, laptop, how_text(v, lang),
                how_text(v, lang, with_source=False), source_text(v, lang),
                changes, not v.current and v.values is not None, v.deleted)  # fmt: skip


def lines(kind: str, versions: Sequence[Version], lang: str) -> list[Line]:
    """The versions as lines, newest first."""
    return [line(kind, v, lang) for v in reversed(versions)]


def change_summary(changes: list[tuple[str, str, str]]) -> str:
    """The changes on one line each: ``label: before → after`` (a creation by its word)."""
    return "\n".join(f"{label}: {a} → {b}" if (a or b) else label for label, a, b in changes)
