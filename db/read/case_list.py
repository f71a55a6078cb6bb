"""The support-case list's rows, read with a SQLAlchemy session or a bare sqlite3
connection (the app's first screen is read before SQLAlchemy has loaded: see
:mod:`db.read.first_look`). Re-exported by :mod:`db.read.rows`.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable
from dataclasses import make_dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

from db.schema.fields import FieldType
from db.schema.fiscal import Period
from db.schema.kinds import RecordKind

if TYPE_CHECKING:
    from sqlalchemy.orm import Session


def _list_row_type() -> Any:
    """A support case as the app's list shows it: what a :class:`CaseRow` has for a
    person, without the sync fields (about a third of the memory; see case_list), its
    fields those the declaration gives. ``id`` is this database's row id
    (:func:`case_uuid` gives the UUID when needed)."""
    spec = RecordKind.SUPPORT_CASE.spec
    names = ["id", *(f.name for f in spec.stored_fields), *(f.name for f in spec.code_lists)]
    made = make_dataclass("CaseListRow", names, slots=True, eq=False)
    made.__module__ = __name__
    return made


CaseListRow = _list_row_type()


def live_cases_where(period: Period | None, office: str | None,
                     prefix: str = "") -> tuple[str, list[Any]]:  # fmt: skip
    """SQL ``WHERE`` text and parameters for live support cases of a period and office."""
    where, params = f"{prefix}deleted = 0", []
    if period is not None:
        where += f" AND {prefix}start_date BETWEEN ? AND ?"
        params += [period.start.isoformat(), period.end.isoformat()]
    if office is not None:
        where += f" AND {prefix}office_code = ?"
        params.append(office)
    return where, params


def case_list(session: Session | sqlite3.Connection, period: Period | None = None,
              office: str | None = None, limit: int | None = None) -> list[Any]:  # fmt: skip
    """Live support cases for the app's list, streamed from the cursor in batches.

    An office's years can hold 100,000 cases: repeated values (offices, dates, enum
    members, combinations of support types) are shared, and no full result set of
    driver rows is ever held, so the list costs about 600 bytes a case. ``limit``:
    only the first cases by date (what the list shows while it reads the rest).
    """
    where, params = live_cases_where(period, office, "sc.")
    if limit is not None:
        inner, inner_params = live_cases_where(period, office)
        where += (f" AND sc.id IN (SELECT id FROM support_case WHERE {inner}"
                  " ORDER BY start_date, id LIMIT ?)")  # fmt: skip
        params += [*inner_params, limit]
    spec = RecordKind.SUPPORT_CASE.spec
    own = spec.stored_fields
    (codes_field,) = spec.code_lists
    assert codes_field.codes_in is not None
    table = codes_field.codes_in
    readers = [_sharing_reader(f) for f in own]
    code_of = _members(codes_field)
    type_sets: dict[tuple[str, ...], tuple[Any, ...]] = {}

    def kinds(codes: list[str]) -> tuple[Any, ...]:
        if not codes:
            return ()
        key = tuple(codes)
        found = type_sets.get(key)
        if found is None:
            found = type_sets[key] = tuple(code_of[c] for c in codes)
        return found

    columns = ", ".join(f"sc.{f.db_column}" for f in own)
    sql = (  # several codes: consecutive rows
        f"SELECT sc.id, {columns}, t.{table.column} FROM support_case AS sc"
        f" LEFT JOIN {table.table} AS t ON t.{table.parent_column} = sc.id"
        f" WHERE {where} ORDER BY sc.start_date, sc.id, t.{table.column}"
    )
    if isinstance(session, sqlite3.Connection):
        result: Any = session.execute(sql, tuple(params))
    else:
        result = session.connection().exec_driver_sql(sql, tuple(params))
    width = len(own) + 1
    make = CaseListRow
    out: list[Any] = []
    last_id: int | None = None
    codes: list[str] = []
    values: tuple[Any, ...] = ()

    def flush() -> None:
        read = [r(v) for r, v in zip(readers, values[1:], strict=True)]
        out.append(make(values[0], *read, kinds(codes)))  # the fields' order: see above

    while batch := result.fetchmany(5000):
        for row in batch:
            if row[0] != last_id:
                if last_id is not None:
                    flush()
                last_id, values, codes = row[0], tuple(row[:width]), []
            if row[width] is not None:
                codes.append(row[width])
    if last_id is not None:
        flush()
    return out


def _members(f: Any) -> dict[str, Any]:
    return {m.value: m for m in f.enum}


def shared_days() -> Callable[[str | None], date | None]:
    """ISO text to dates, one object per distinct day (100,000 records share ~365)."""
    days: dict[str, date] = {}

    def day(text: str | None) -> date | None:
        if not text:
            return None
        found = days.get(text)
        if found is None:
            found = days[text] = date.fromisoformat(text)
        return found

    return day


def _sharing_reader(f: Any) -> Any:
    """Stored text to the field's value, one shared object per distinct value: offices,
    requesters, staff and dates repeat across 100,000 cases."""
    kind = f.type
    if kind is FieldType.CODE:
        return _members(f).__getitem__
    if kind is FieldType.BOOL:
        return bool
    if kind is FieldType.NOTE:
        return lambda v: v or ""
    if kind is FieldType.DATE:
        return shared_days()
    if kind in (FieldType.TEXT, FieldType.OFFICE, FieldType.COUNTRY):
        share = dict[str, str]().setdefault
        return lambda v: share(v or "", v or "")
    if kind is FieldType.TEXTS:
        return lambda v: tuple(json.loads(v)) if v else ()
    return lambda v: v  # counts and anything else: as stored
