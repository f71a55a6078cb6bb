"""The rules a record keeps, derived from its declaration (:mod:`db.schema.kinds`): one
implementation for the forms, the write path, the workbook reader and legacy imports.

A record is read by attribute name, so the same rules check what a form holds
(:mod:`db.values`), a row read from a file (:mod:`db.read.rows`) and an ORM object about
to be stored (:mod:`db.records.write`). A field the record does not carry (an ORM issue has
no ``newsletter_uuid``) is not checked, nor are derived fields (the write path sets
them).

:func:`check` raises the first broken rule as a :class:`db.schema.errors.ValidationError`
whose :class:`db.schema.words.Message` the caller shows in its own language;
:func:`columns_pass` runs the same rules a column at a time for the import's fast
path, which then falls back to :func:`check` row by row to say what is wrong.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from enum import Enum
from functools import cache
from typing import Any

from db.schema.errors import ValidationError
from db.schema.fields import Child, Field, FieldType
from db.schema.kinds import KindSpec, spec
from db.schema.words import Message, Term

_ABSENT: Any = object()
Rule = Callable[[Any], Message | None]  # a value -> what is wrong with it, or None


@cache
def _codes(enum: type[Enum]) -> frozenset[str]:
    """An enum's codes (StrEnum members equal their codes, so members pass too)."""
    return frozenset(str(m.value) for m in enum)


@cache
def _offices() -> frozenset[str]:
    from db.schema.offices import OFFICE_CODES

    return frozenset(OFFICE_CODES)


@cache
def _countries() -> frozenset[str]:
    from db.schema.countries import codes

    return codes()


_TEXTS = (FieldType.TEXT, FieldType.NOTE, FieldType.TEXTS, FieldType.REF)
NUL = "\x00"  # a character no text of a record may hold (a damaged or crafted cell)


def _has_nul(value: Any) -> bool:
    """Whether a text (or a list of texts) holds a NUL character."""
    if isinstance(value, str):
        return NUL in value
    if isinstance(value, list | tuple):
        return any(isinstance(v, str) and NUL in v for v in value)
    return False


def _column_has_nul(col: Sequence[Any]) -> bool:
    """Whether any text of a column holds a NUL (one C-level search for plain texts)."""
    try:
        return NUL in "".join(filter(None, col))
    except TypeError:  # lists of texts, or values that are not texts
        return any(map(_has_nul, col))


def _value_rules(f: Field, lengths: bool) -> tuple[Rule, ...]:
    """The rules of one field's value, in the order they are checked. ``lengths``: also
    the length limits, which bind what a person types, not records already stored or
    sent (older versions never enforced them, and a sync must not stop on one)."""
    label = Term(f.label)
    rules: list[Rule] = []
    kind = f.type
    if f.required or kind in (FieldType.CODE, FieldType.BOOL, FieldType.CODES):
        if kind in (FieldType.TEXT, FieldType.NOTE, FieldType.REF, FieldType.OFFICE):
            rules.append(lambda v: None if v is not None and str(v).strip()
                         else Message("rule.required", {"field": label}))  # fmt: skip
        else:
            rules.append(lambda v: None if v is not None
                         else Message("rule.required", {"field": label}))  # fmt: skip
    if kind in _TEXTS:  # PostgreSQL stores no NUL in a text; SQLite would: one rule for both
        rules.append(lambda v: Message("rule.nul", {"field": label}) if _has_nul(v) else None)
    if lengths and f.max_length is not None:
        limit = f.max_length
        rules.append(lambda v: None if v is None or len(v) <= limit else Message(
            "rule.too_long", {"field": label, "limit": limit, "length": len(v)}))  # fmt: skip
    if kind is FieldType.COUNT:
        rules.append(lambda v: None if v is None or v >= 0
                     else Message("rule.not_negative", {"field": label}))  # fmt: skip
    elif kind is FieldType.CODE and f.enum is not None:
        codes = _codes(f.enum)
        rules.append(lambda v: None if v is None or v in codes
                     else Message("rule.choice", {"field": label, "value": v}))  # fmt: skip
    elif kind is FieldType.CODES and f.enum is not None:
        codes = _codes(f.enum)
        column = f.codes_in.column if f.codes_in is not None else ""

        def each_code(values: Any) -> Message | None:
            for v in values or ():
                code = getattr(v, column, v)  # an ORM child row holds its code
                if code not in codes:
                    return Message("rule.choice", {"field": label, "value": code})
            return None

        rules.append(each_code)
    elif kind is FieldType.OFFICE:
        rules.append(lambda v: None if v is None or v in _offices()
                     else Message("rule.office", {"value": v}))  # fmt: skip
    elif kind is FieldType.COUNTRY:
        rules.append(lambda v: None if v is None or v in _countries()
                     else Message("rule.country", {"value": v}))  # fmt: skip
    return tuple(rules)


@cache
def _checked(fields: tuple[Field, ...],
             lengths: bool = False) -> tuple[tuple[Field, tuple[Rule, ...]], ...]:  # fmt: skip
    """The fields a record holds itself (not derived by the write path, nor read from
    another record, as an issue's newsletter title), with their rules."""
    return tuple((f, _value_rules(f, lengths)) for f in fields if not f.derived and f.stored)


def _problem(fields: tuple[Field, ...], record: Any,
             lengths: bool = False) -> tuple[str, Message] | None:  # fmt: skip
    """The first broken rule among these fields: (field name, message), or None."""
    for f, rules in _checked(fields, lengths):
        value = getattr(record, f.name, _ABSENT)
        if value is _ABSENT:
            continue
        for rule in rules:
            found = rule(value)
            if found is not None:
                return f.name, found
        if f.after is not None and value is not None:
            before = getattr(record, f.after, None)
            if before is not None and value < before:
                return f.name, Message("rule.ends_before_start")
    return None


def _child_problem(child: Child, record: Any,
                   lengths: bool) -> tuple[str, Message, str | None] | None:  # fmt: skip
    found = getattr(record, child.attr, _ABSENT)
    if found is _ABSENT:
        return None
    rows: list[Any] = list(found or ())
    if len(rows) < child.min_rows:
        return child.attr, Message("rule.min_rows", {"field": Term(child.label),
                                                     "count": child.min_rows}), None  # fmt: skip
    (only,) = child.fields if child.scalar else (None,)
    for n, row in enumerate(rows, 1):
        if only is not None:
            row = _Scalar(only.name, getattr(row, only.name, row))
        found = _problem(child.fields, row, lengths)
        if found is not None:
            detail, message = found
            wrapped = Message("rule.in_row", {"field": Term(child.label), "row": n,
                                              "problem": message})  # fmt: skip
            return child.attr, wrapped, detail
    return None


class _Scalar:
    """A child row that is just its one value (a local government's name), as a record."""

    def __init__(self, name: str, value: Any) -> None:
        setattr(self, name, value)


def problem(kind: str | KindSpec, record: Any, *, lengths: bool = False) -> ValidationError | None:
    """What is wrong with the record (the first rule it breaks), or None; ``lengths``
    adds the length limits (for what a person types)."""
    s = kind if isinstance(kind, KindSpec) else spec(kind)
    found = _problem(s.fields, record, lengths)
    if found is not None:
        return ValidationError(found[1], field=found[0])
    for child in s.children:
        broken = _child_problem(child, record, lengths)
        if broken is not None:
            return ValidationError(broken[1], field=broken[0], detail=broken[2])
    return None


def check(kind: str | KindSpec, record: Any, *, lengths: bool = False) -> None:
    """Raise the first broken rule as a ValidationError naming the field."""
    found = problem(kind, record, lengths=lengths)
    if found is not None:
        raise found


def columns_pass(kind: str | KindSpec, columns: Mapping[str, Sequence[Any]]) -> bool:
    """Whether every row of these columns keeps the record's own rules (children aside).

    The import's fast path for thousands of rows: each rule runs over a whole column
    in C-level loops. A column the mapping lacks is not checked (as :func:`check`).
    """
    s = kind if isinstance(kind, KindSpec) else spec(kind)
    for f, _rules in _checked(s.fields):
        col = columns.get(f.name)
        if col is None:
            continue
        if not _column_passes(f, col):
            return False
        if f.after is not None and f.after in columns:
            starts = columns[f.after]
            if not all(e is None or s is None or e >= s
                       for s, e in zip(starts, col, strict=True)):  # fmt: skip
                return False
    return True


def _column_passes(f: Field, col: Sequence[Any]) -> bool:
    kind = f.type
    if kind in _TEXTS and _column_has_nul(col):
        return False
    if f.required or kind in (FieldType.CODE, FieldType.BOOL, FieldType.CODES):
        if kind in (FieldType.TEXT, FieldType.NOTE, FieldType.REF, FieldType.OFFICE):
            if not all(v and v.strip() for v in col):
                return False
        elif None in col:
            return False
    if kind is FieldType.COUNT:
        return all(v is None or v >= 0 for v in col)
    if kind is FieldType.CODE and f.enum is not None:
        return set(col) - {None} <= _codes(f.enum)
    if kind is FieldType.CODES and f.enum is not None:
        allowed = _codes(f.enum)
        return all(allowed.issuperset(v) for v in col if v)
    if kind is FieldType.OFFICE:
        return set(col) - {None} <= _offices()
    if kind is FieldType.COUNTRY:
        return set(col) - {None} <= _countries()
    return True
