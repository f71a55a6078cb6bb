"""The export's SQL path for support cases gives the very cells the generic path gives."""

from __future__ import annotations

from datetime import date

from sqlalchemy import text

from db import records
from db import rows as R
from db.database import Database
from db.enums import CaseStatus, RequesterCategory, SupportType
from db.fiscal import fy_period
from db.models import SupportCase, SupportCaseType
from exports.xlsx_cases import case_cells
from exports.xlsx_cells import to_cells
from exports.xlsx_export import sheet_cells
from exports.xlsx_schema import BY_KEY, canonical, row_hash
from tests import factories

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
