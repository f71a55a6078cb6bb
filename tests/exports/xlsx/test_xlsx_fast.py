"""The export's SQL path for support cases gives the very cells the generic path gives."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from sqlalchemy import text

from db.read import rows as R
from db.records import write as records
from db.schema.enums import CaseStatus, RequesterCategory, SupportType
from db.schema.fiscal import fy_period
from db.storage.database import Database
from db.storage.models import SupportCase, SupportCaseType
from exports.xlsx.cases import case_cells
from exports.xlsx.cells import to_cells
from exports.xlsx.export import sheet_cells
from exports.xlsx.schema import BY_KEY, canonical, row_hash
from tests.support import factories

if TYPE_CHECKING:
    from pathlib import Path

    import pytest

FY = fy_period(2023)


def _as_text(rows: list[list[object]]) -> list[list[str]]:
    return [[canonical(v) for v in row] for row in rows]


def _awkward_cases(db: Database) -> None:
    """Cases the fast path could get wrong: no end, several types, risky text, deletions."""
    with db.session() as s:
        odd = SupportCase(
            office_code="NYC", requester="=cmd|' /C calc'!A0",
            requester_category=RequesterCategory.OTHER, start_date=date(2023, 4, 1),
            end_date=date(2023, 4, 3), summary="-1 日本語\n二行目", staff="@佐藤",
            status=CaseStatus.IN_PROGRESS, counted=False,
            types=[SupportCaseType(type_code=SupportType.INTERPRETER),
                   SupportCaseType(type_code=SupportType.APPOINTMENT)],
        )  # fmt: skip
        records.save(s, odd)
        factories.case(s, day=date(2024, 3, 31), requester="横浜市")
        gone = factories.case(s, day=date(2023, 9, 9), requester="消える町")
        s.flush()
        records.delete(s, gone)
        # A vector from two laptops, stored with its keys out of order.
        s.execute(text("UPDATE support_case SET version_vector = :v WHERE uuid = :u"),
                  {"v": '{"zz-laptop": 3, "aa-laptop": 7}', "u": odd.uuid})  # fmt: skip
        # One laptop's vector, but not in json.dumps' own spacing (as a file might hold it).
        tight = factories.case(s, day=date(2023, 5, 5), requester="詰めた表記")
        s.flush()
        s.execute(text("UPDATE support_case SET version_vector = :v WHERE uuid = :u"),
                  {"v": '{"solo":7}', "u": tight.uuid})  # fmt: skip
        s.commit()


def test_sql_rows_equal_the_generic_rows_in_both_languages(demo_db: Database) -> None:
    _awkward_cases(demo_db)
    for lang in ("ja", "en"):
        for office in ("NYC", None):
            with demo_db.session() as s:
                fast = case_cells(s, FY, office, lang)
                slow = to_cells({"support_case": R.cases(s, FY, office)}, lang)["support_case"]
            assert len(fast) > 10
            assert _as_text(fast) == _as_text(slow)


def test_row_hash_of_the_sql_rows_is_the_schema_hash(demo_db: Database) -> None:
    _awkward_cases(demo_db)
    with demo_db.session() as s:
        rows = case_cells(s, FY, "NYC", "en")
    hashed = [i for i, c in enumerate(BY_KEY["support_case"].columns) if c.hashed]
    for row in rows:
        assert row[-1] == row_hash(row[i] for i in hashed)


def test_deleted_cases_leave_the_sheet_for_the_tombstones(demo_db: Database) -> None:
    _awkward_cases(demo_db)
    cells = sheet_cells(demo_db, FY, "NYC", "ja")
    requesters = {row[2] for row in cells["support_case"]}
    assert "消える町" not in requesters and "横浜市" in requesters
    assert [row[2] for row in cells["tombstone"] if row[0] == "support_case"] == [
        "消える町 (2023-09-09)"
    ]


def _stored(db: Database) -> tuple[list[tuple[Any, ...]], list[tuple[Any, ...]]]:
    """The support cases exactly as stored (text, not parsed), without local ids."""
    with db.session() as s:
        conn = s.connection()
        cases = conn.exec_driver_sql(
            "SELECT uuid, version, device_id, version_vector, updated_at, deleted, office_code,"
            " requester, requester_category, start_date, end_date, summary, staff, status,"
            " counted FROM support_case ORDER BY uuid"
        ).all()
        types = conn.exec_driver_sql(
            "SELECT c.uuid, t.type_code FROM support_case_type t"
            " JOIN support_case c ON c.id = t.case_id ORDER BY 1, 2"
        ).all()
    return [tuple(r) for r in cases], [tuple(r) for r in types]


def test_a_batch_import_stores_what_the_row_by_row_import_stores(
    demo_db: Database,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from db.storage.database import open_database
    from exports.xlsx import read as xlsx_read
    from exports.xlsx.exchange import import_file
    from exports.xlsx.export import export_office

    _awkward_cases(demo_db)
    path = export_office(demo_db, tmp_path / "NYC.xlsx", "NYC", FY).path
    batched = open_database(tmp_path / "a.sqlite3")
    report = import_file(batched, path)
    assert report.counts["support_case"]["new"] == 65  # 62 demo cases and three added
    with monkeypatch.context() as m:
        m.setattr(xlsx_read, "_case_batch", lambda *_args: None)
        one_by_one = open_database(tmp_path / "b.sqlite3")
        assert import_file(one_by_one, path).counts == report.counts
    cases, types = _stored(batched)
    assert (cases, types) == _stored(one_by_one)
    assert len(cases) == 66 and sum(1 for c in cases if c[5]) == 1  # the tombstone too
    assert any(c[10] is None for c in cases) and any(c[10] for c in cases)  # open-ended
    assert any(len(types) > 1 for types in [[t for t in types if t[0] == c[0]] for c in cases])


def test_a_batch_mixing_known_and_new_cases_merges_like_single_rows(
    demo_db: Database,
    tmp_path: Path,
) -> None:
    from db.records import edit
    from db.storage.database import open_database
    from exports.xlsx.exchange import import_file
    from exports.xlsx.export import export_office

    first = export_office(demo_db, tmp_path / "v1.xlsx", "SIN", FY).path
    hq = open_database(tmp_path / "hq.sqlite3")
    import_file(hq, first)
    with demo_db.session() as s:
        some = R.cases(s, FY, "SIN")[:3]
    changed = edit.values_of(demo_db, some[0].sync.uuid)
    edit.update(demo_db, "support_case", some[0].sync.uuid,
                type(changed)(**{**_fields(changed), "staff": "新しい担当"}))  # fmt: skip
    edit.set_deleted(demo_db, some[1].sync.uuid, True)
    with demo_db.session() as s:
        factories.case(s, office="SIN", day=date(2023, 12, 1), requester="新規の市")
    second = export_office(demo_db, tmp_path / "v2.xlsx", "SIN", FY).path
    counts = import_file(hq, second).counts["support_case"]
    assert counts == {"new": 1, "updated": 1, "deleted": 1, "unchanged": 159, "conflict": 0}
    with hq.session() as a, demo_db.session() as b:
        ours = {r.sync.uuid: (r.staff, r.requester) for r in R.cases(a, FY, "SIN")}
        theirs = {r.sync.uuid: (r.staff, r.requester) for r in R.cases(b, FY, "SIN")}
    assert ours == theirs and ours[some[0].sync.uuid][0] == "新しい担当"
    assert import_file(hq, second).total_changes == 0


def _fields(values: object) -> dict[str, object]:
    from dataclasses import fields, is_dataclass

    assert is_dataclass(values)
    return {f.name: getattr(values, f.name) for f in fields(values)}
