"""The words a record type is declared in: what a field holds, its rules, its words,
and where it shows up (Excel column, legacy-sheet header words, list, form, PDF).

A record type (:mod:`db.schema.kinds`) is a frozen dataclass whose fields are declared with
:func:`declare` (a value) or :func:`children` (rows that belong to the record); the
declaration rides in the dataclass field's metadata, so the class that holds a
record is also the one place that says what the record is. :func:`declared` reads
it back as :class:`Field` and :class:`Child` objects, in declaration order, which is
also the order of the workbook's columns.
"""

from __future__ import annotations

import builtins
import dataclasses
from dataclasses import dataclass
from enum import Enum, StrEnum
from functools import cache
from typing import Any


class FieldType(StrEnum):
    """What a field holds; each type has its Python type, Excel kind and rules."""

    TEXT = "text"  # one line; stripped; ``max_length`` characters at most
    NOTE = "note"  # free text, several lines; ``max_length`` (NOTE_LIMIT unless declared)
    DATE = "date"
    COUNT = "count"  # a whole number >= 0, or unknown (None)
    BOOL = "bool"
    CODE = "code"  # one member of ``enum``, stored as its code
    CODES = "codes"  # several members of ``enum`` (a child table of codes)
    COUNTRY = "country"  # an ISO 3166-1 alpha-2 code
    OFFICE = "office"  # an office code (db.schema.offices)
    TEXTS = "texts"  # a list of short texts (a newsletter's languages)
    REF = "ref"  # the UUID of another record (an issue's newsletter)


@dataclass(frozen=True)
class Excel:
    """A field's column in the workbook: width, and for codes the code column's width
    (the code travels; a label column beside it is for people)."""

    width: float
    code_width: float = 12
    hidden: bool = False
    code_label: str | None = None  # the code column's header word, if not "<label> code"
    informative: bool = False  # shown for people, not read back (it travels elsewhere)


@dataclass(frozen=True)
class Legacy:
    """How an office's own spreadsheet names a field: header words (Japanese and
    English; matched exactly, then by containment), and whether a cell may hold a date
    range (``令和5年11月18日～19日``: the range's end goes to the ``end_date`` field)."""

    words: tuple[str, ...]
    range: bool = False
    key: str | None = None  # the key saved mappings use, if not the field's name
    optional: bool = False  # may be missing from a sheet though the record requires it
    synonyms: tuple[tuple[str, str], ...] = ()  # for codes: more words, as (word, code)
    # (for yes/no fields: (word, "true" or "false"), as 主催 / 参加 for hosted)
    several: bool = False  # a scalar child's field: a cell names several (北海道、札幌市)


@dataclass(frozen=True)
class CodeTable:
    """Where a field of several codes is stored: a child table of (parent id, code)."""

    table: str
    parent_column: str
    column: str


@dataclass(frozen=True)
class Field:
    type: FieldType
    label: str  # a key of db.schema.words.WORDS
    required: bool = False
    max_length: int | None = None
    enum: builtins.type[Enum] | None = None
    excel: Excel | None = None  # None: does not travel in workbooks
    legacy: Legacy | None = None  # None: not read from offices' own sheets
    derived: bool = False  # set by the write path (an event's first day), never typed
    stored: bool = True  # False: read from elsewhere (an issue's newsletter title)
    column: str | None = None  # the table's column, when not ``name``
    after: str | None = None  # this date may not be before that field's date
    listed: bool = True  # a column of the app's list
    in_form: bool = True  # a field of the form (unless derived)
    in_pdf: float | None = None  # the PDF record table's relative column width
    searched: bool = False  # the list's filter box looks in it
    codes_in: CodeTable | None = None  # for CODES: the child table holding them
    # Names a local government: the form completes it from the names entered before.
    local_government: bool = False
    refers: str | None = None  # for REF: the table of the record it names (a RecordKind)
    # For TEXTS: the texts are ISO 639 language codes, shown to people as language names.
    languages: bool = False
    name: str = ""  # the attribute (and, unless ``column``, the table's column): filled in

    @property
    def db_column(self) -> str:
        return self.column or self.name


@dataclass(frozen=True)
class Child:
    """Rows that belong to a record and change with it (one version for all)."""

    table: str  # the child table, also its sheet's key
    label: str  # a db.schema.words key: the field's label in forms and errors
    sheet_label: str  # a db.schema.words key: the sheet's name
    parent_label: str  # a db.schema.words key: the header of the parent's UUID column
    fields: tuple[Field, ...]
    min_rows: int = 0
    scalar: bool = False  # each row is its one field's value (a local government's name)
    parent_column: str = "event_id"  # the child table's column naming its record's id
    row_type: Any = None  # the child rows' dataclass (None for scalar rows)
    in_pdf: float | None = None  # the PDF record table's share for its column
    attr: str = ""  # the record's attribute: a tuple of rows (or of values, if ``scalar``)


_MISSING: Any = dataclasses.MISSING

# What a person may type into a note (a case's summary, an event's notes): the Text
# column has no limit of its own, so the declaration gives it one (issue #19: a
# 10,000-character summary was taken). Records stored or sent before keep theirs.
NOTE_LIMIT = 2000


def declare(type: FieldType, label: str, *, default: Any = _MISSING,
            **options: Any) -> Any:  # fmt: skip
    """A dataclass field declared as a record's field (see :class:`Field` for options).

    Without ``default`` the field must be given when a record is made. A note's
    length limit is :data:`NOTE_LIMIT` unless it declares its own.
    """
    if type is FieldType.NOTE:
        options.setdefault("max_length", NOTE_LIMIT)
    return dataclasses.field(default=default,
                             metadata={"field": Field(type, label, **options)})  # fmt: skip


def children(table: str, label: str, sheet_label: str, parent_label: str, *,
             row_type: Any = None, fields: tuple[Field, ...] = (),
             **options: Any) -> Any:  # fmt: skip
    """A dataclass field holding a record's child rows (a tuple, empty by default).

    ``row_type`` is the child rows' declared dataclass; a scalar child (each row just
    one value) gives its one ``fields`` entry instead.
    """
    child = Child(table, label, sheet_label, parent_label, fields, row_type=row_type,
                  **options)  # fmt: skip
    return dataclasses.field(default=(), metadata={"child": child})


@cache
def defaults(cls: Any) -> dict[str, Any]:
    """The declared fields' defaults that are values (not None), by name."""
    return {f.name: f.default for f in dataclasses.fields(cls)
            if ("field" in f.metadata) and f.default not in (_MISSING, None)}  # fmt: skip


@cache
def declared(cls: Any) -> tuple[tuple[Field, ...], tuple[Child, ...]]:
    """A record type's declared fields and child tables, names filled in, in order."""
    fields: list[Field] = []
    kids: list[Child] = []
    for f in dataclasses.fields(cls):
        if "field" in f.metadata:
            fields.append(dataclasses.replace(f.metadata["field"], name=f.name))
        elif "child" in f.metadata:
            c: Child = f.metadata["child"]
            own = declared(c.row_type)[0] if c.row_type is not None else tuple(
                dataclasses.replace(x, name=x.name or "name") for x in c.fields)  # fmt: skip
            kids.append(dataclasses.replace(c, attr=f.name, fields=own))
    return tuple(fields), tuple(kids)
