"""What an office's own spreadsheet may hold, per record type, and how headers name it.

Each field lists the header words it is known by, in Japanese and English (declared
with the field in :mod:`db.schema.kinds`); the guess matches a sheet's headers against them
(exact first, then by containment).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import Any

from db.schema.fields import Field as KindField


@dataclass(frozen=True)
class Field:
    key: str  # the field's name (what saved mappings name it by)
    kind: str  # text list date daterange int bool code codes country
    required: bool
    words: tuple[str, ...]
    enum: Any = None  # for ``code``: the enum its cells name
    synonyms: tuple[tuple[str, str], ...] = ()  # more words: (word, code or true/false)
    label: str = ""  # a db.schema.words key: the field's name shown to people


_KIND = {"text": "text", "note": "text", "date": "date", "count": "int", "bool": "bool",
         "code": "code", "country": "country", "texts": "list", "codes": "codes"}  # fmt: skip


def _field(f: KindField) -> Field:
    assert f.legacy is not None
    kind = "daterange" if f.legacy.range else "list" if f.legacy.several else _KIND[f.type]
    required = f.required and not f.legacy.optional
    return Field(f.legacy.key or f.name, kind, required, f.legacy.words, f.enum,
                 f.legacy.synonyms, f.label)  # fmt: skip


def _kinds() -> dict[str, tuple[Field, ...]]:
    from db.schema.kinds import legacy_kinds

    return {name: tuple(map(_field, s.legacy_fields())) for name, s in legacy_kinds().items()}


KINDS: dict[str, tuple[Field, ...]] = _kinds()


def norm(text: object) -> str:
    """Header text for matching: NFKC, lower case, no spaces, brackets or punctuation."""
    value = unicodedata.normalize("NFKC", "" if text is None else str(text)).lower()
    return re.sub(r"[\s()\[\]（）【】・:：/_\-.]", "", value)


def guess(headers: list[str], kind: str) -> dict[str, int]:
    """Field key → column index, from the headers' text; each column used once."""
    fields = KINDS[kind]
    normalised = [norm(h) for h in headers]
    found: dict[str, int] = {}
    used: set[int] = set()
    for exact in (True, False):
        for f in fields:
            if f.key in found:
                continue
            for i, h in enumerate(normalised):
                if i in used or not h:
                    continue
                hit = any(h == norm(w) for w in f.words) if exact else any(
                    norm(w) in h for w in f.words if len(norm(w)) > 1)  # fmt: skip
                if hit:
                    found[f.key] = i
                    used.add(i)
                    break
    return found
