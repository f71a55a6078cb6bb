"""The record-kind registry: declarations that agree with the models, words in both
languages, and one set of rules whether checked row by row or a column at a time."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from sqlalchemy import JSON, Boolean, Date, Integer, String, Text
from sqlalchemy import Enum as SAEnum

import db.storage.models  # noqa: F401 - the tables the declarations are checked against
from db.records import rules
from db.schema.enums import CaseStatus, RequesterCategory, SupportType
from db.schema.errors import ValidationError
from db.schema.fields import Field, FieldType
from db.schema.kinds import SPECS, CaseRow, EventRow, LegRow, RecordKind, all_children
from db.schema.words import WORDS, Message, Term
from db.storage.base import Base

_SQL_TYPES: dict[FieldType, tuple[type, ...]] = {
    FieldType.TEXT: (String,),
    FieldType.NOTE: (Text, String),
    FieldType.OFFICE: (String,),
    FieldType.COUNTRY: (String,),
    FieldType.DATE: (Date,),
    FieldType.COUNT: (Integer,),
    FieldType.BOOL: (Boolean,),
    FieldType.CODE: (SAEnum,),
    FieldType.TEXTS: (JSON,),
    FieldType.REF: (Integer,),
}


def _stored() -> list[tuple[str, Field]]:
    out = [(s.table, f) for s in SPECS.values() for f in s.stored_fields]
    out += [(c.table, f) for _, c in all_children() for f in c.fields]
    return out


@pytest.mark.parametrize(("table", "field"), _stored(), ids=lambda x: getattr(x, "name", x))
def test_every_stored_field_has_its_column_with_the_same_type_and_length(
    table: str, field: Field
) -> None:
    column = Base.metadata.tables[table].c[field.db_column]
    assert isinstance(column.type, _SQL_TYPES[field.type]), (table, field.name, column.type)
    if field.max_length is not None and field.type is not FieldType.NOTE:
        assert column.type.length == field.max_length  # type: ignore[attr-defined]
    elif field.type is FieldType.NOTE:  # a Text column: the declaration's limit is the one
        assert field.max_length is not None, f"{table}.{field.db_column} has no limit"
    if field.required:
        assert not column.nullable, f"{table}.{field.db_column} is required but nullable"
    if field.type is FieldType.CODE:
        assert column.type.enum_class is field.enum  # type: ignore[attr-defined]


def test_a_column_that_cannot_be_empty_has_a_required_or_defaulted_field() -> None:
    """A NOT NULL column without a default must be filled by every record: its field
    is required, or its declaration gives a default (else the database refuses)."""
    from db.schema.fields import defaults

    for table, f in _stored():
        column = Base.metadata.tables[table].c[f.db_column]
        owner = next((s.row_type for s in SPECS.values() if s.table == table), None)
        owner = owner or next(c.row_type for _, c in all_children() if c.table == table)
        given = owner is not None and f.name in defaults(owner)
        if f.derived:  # the write path sets it (an event's first day)
            continue
        if not column.nullable and column.default is None and column.server_default is None:
            assert f.required or given, f"{table}.{f.db_column}: NOT NULL, no default"


def test_codes_and_children_name_real_tables() -> None:
    for spec in SPECS.values():
        for f in spec.code_lists:
            assert f.codes_in is not None
            t = Base.metadata.tables[f.codes_in.table]
            assert {f.codes_in.parent_column, f.codes_in.column} <= set(t.c.keys())
        for child in spec.children:
            t = Base.metadata.tables[child.table]
            assert {child.parent_column, "position"} <= set(t.c.keys())
            fk = next(iter(t.c[child.parent_column].foreign_keys))
            assert fk.column.table.name == spec.table


def test_every_model_column_of_a_record_is_declared() -> None:
    """Nothing stored escapes the registry: a column added to a model alone fails here."""
    sync = {
        "id",
        "uuid",
        "version",
        "device_id",
        "version_vector",
        "updated_at",
        "deleted",
        "extras",
    }  # extras: a newer app's columns kept as they came (db.storage.base.SyncFields)
    for spec in SPECS.values():
        columns = set(Base.metadata.tables[spec.table].c.keys()) - sync
        assert columns == set(spec.stored_columns), spec.kind
        for child in spec.children:
            columns = set(Base.metadata.tables[child.table].c.keys())
            declared = {child.parent_column, "position", *(f.db_column for f in child.fields)}
            assert columns - {"id"} == declared, child.table


def test_every_word_a_declaration_names_exists_in_both_languages() -> None:
    keys: set[str] = set()
    for spec in SPECS.values():
        keys |= {spec.sheet_label, spec.noun} | ({spec.report_label} - {""})
        keys |= {f.label for f in spec.fields}
        keys |= {f.excel.code_label for f in spec.fields if f.excel and f.excel.code_label}
        for child in spec.children:
            keys |= {child.label, child.sheet_label, child.parent_label}
            keys |= {f.label for f in child.fields}
    for key in keys:
        ja, en = WORDS[key]
        assert ja and en, key


@pytest.mark.parametrize("key", sorted(k for k in WORDS if k.startswith("rule.")))
def test_every_rule_message_renders_in_both_languages(key: str) -> None:
    params = {"field": Term("field.requester"), "value": "x", "limit": 1, "length": 2,
              "count": 1, "row": 2, "problem": Message("rule.ends_before_start")}  # fmt: skip
    ja, en = Message(key, params).text("ja"), Message(key, params).text("en")
    assert "{" not in ja + en
    assert ja != en


def test_a_refusal_reads_in_the_language_of_who_shows_it() -> None:
    values = CaseRow(office_code="NYC", requester=" ", start_date=date(2023, 6, 1),
                     requester_category=RequesterCategory.OTHER)  # fmt: skip
    with pytest.raises(ValidationError) as info:
        rules.check(RecordKind.SUPPORT_CASE, values)
    assert info.value.field == "requester"
    assert info.value.text("ja") == "依頼団体を入力してください"
    assert str(info.value) == info.value.text("en") == "Requester is required"


def test_a_child_row_refusal_names_the_table_the_row_and_the_field() -> None:
    leg = LegRow(start_date=date(2023, 6, 2), end_date=date(2023, 6, 1), country="FR")
    event = EventRow(office_code="PAR", name="Salon", legs=(leg,))
    found = rules.problem(RecordKind.EVENT_BOOTH, event)
    assert found is not None
    assert (found.field, found.detail) == ("legs", "end_date")
    assert found.text("ja") == "日程・開催地（1行目）：終了日が開始日より前です"
    assert found.text("en") == "Dates and places, row 1: the end date is before the start date"
    assert rules.problem(RecordKind.EVENT_BOOTH, EventRow(office_code="PAR", name="S")) is not None


def test_an_event_s_first_day_is_derived_from_its_legs() -> None:
    legs = tuple(LegRow(start_date=date(2023, 6, d), end_date=date(2023, 6, d), country="FR")
                 for d in (9, 3, 5))  # fmt: skip
    event = EventRow(office_code="PAR", name="Tour", legs=legs)
    assert (event.start_date, event.end_date) == (date(2023, 6, 3), date(2023, 6, 9))


_TEXT = st.sampled_from(["", " ", "東京都", "x" * 201, "金沢市"])
_CASE = st.builds(
    CaseRow,
    office_code=st.sampled_from(["NYC", "HQ", "TOK", ""]),
    requester=_TEXT,
    requester_category=st.sampled_from([*RequesterCategory, "county"]),
    start_date=st.dates(date(2023, 1, 1), date(2024, 12, 31)),
    end_date=st.none() | st.dates(date(2023, 1, 1), date(2024, 12, 31)),
    types=st.lists(st.sampled_from([*SupportType, "nothing"]), max_size=3).map(tuple),
    staff=st.sampled_from(["", "田中", "y" * 101]),
    status=st.sampled_from([*CaseStatus, "lost"]),
)


@given(st.lists(_CASE, min_size=1, max_size=6))
def test_the_column_rules_agree_with_the_row_rules(cases: list[Any]) -> None:
    """The import's fast path refuses exactly the batches the row-by-row rules refuse."""
    spec = RecordKind.SUPPORT_CASE.spec
    columns = {f.name: [getattr(c, f.name) for c in cases] for f in spec.fields}
    by_rows = all(rules.problem(spec, c) is None for c in cases)
    assert rules.columns_pass(spec, columns) == by_rows


def test_the_workbook_columns_are_the_declarations_in_order() -> None:
    from exports.xlsx.schema import BY_KEY

    sheet = BY_KEY["event_booth"]
    declared = [f.name for f in RecordKind.EVENT_BOOTH.spec.fields]
    keys = [c.key for c in sheet.columns]
    assert [k for k in keys if k in declared] == declared
    assert keys[0] == "uuid" and keys[-1] == "row_hash"
