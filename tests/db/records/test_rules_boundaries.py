"""Where the rules bind: what a person types meets every rule, length limits included;
records already stored or sent by another version are never stopped by a limit older
versions did not have; a blank code is refused in words, never as a traceback."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest

from db.records import edit
from db.schema.enums import RequesterCategory, SupportType
from db.schema.errors import ValidationError
from db.schema.fiscal import fy_period
from db.schema.kinds import CaseRow, IssueRow, RecordKind
from db.storage.database import Database, open_database
from exports.xlsx.exchange import import_file
from exports.xlsx.export import export_office
from exports.xlsx.guard import BadWorkbook
from tests.support import xlsxedit
from tests.support.snapshot import snapshot

FY = fy_period(2023)
LONG = "担当者" * 50  # 150 characters; the staff field takes 100 from now on


def _case(**changes: Any) -> CaseRow:
    values: dict[str, Any] = {"office_code": "NYC", "requester": "東京都",
                              "requester_category": RequesterCategory.PREFECTURE_OR_CITY,
                              "start_date": date(2023, 6, 1),
                              "types": (SupportType.ATTEND,)}  # a person picks one  # fmt: skip
    return CaseRow(**{**values, **changes})


def test_a_person_cannot_type_more_than_a_field_holds(db: Database) -> None:
    with pytest.raises(ValidationError) as info:
        edit.check(_case(staff=LONG))
    assert info.value.field == "staff"
    assert info.value.text("ja") == "担当は100文字までです（150文字）"


def test_a_long_text_stored_by_an_older_version_still_travels(db: Database, tmp_path: Path) -> None:
    """An older app stored 150 characters (no limit then): its export imports whole."""
    uuid = edit.create(db, RecordKind.SUPPORT_CASE, _case())
    with db.session() as s:
        s.connection().exec_driver_sql(
            "UPDATE support_case SET staff = ? WHERE uuid = ?", (LONG, uuid)
        )
    book = export_office(db, tmp_path / "nyc.xlsx", "NYC", FY).path
    hq = open_database(tmp_path / "hq.sqlite3")
    report = import_file(hq, book)
    assert report.applied and report.counts["support_case"]["new"] == 1
    assert edit.values_of(hq, uuid).staff == LONG
    hq.close()


@pytest.mark.slow
def test_a_blank_newsletter_title_cell_does_not_stop_an_import(
    db: Database, tmp_path: Path
) -> None:
    """The title beside an issue is for people; the issue names its newsletter by UUID."""
    uuid = edit.create(db, RecordKind.NEWSLETTER_ISSUE,
                       IssueRow(office_code="NYC", title="JLGC NEWS LETTER",
                                issue_date=date(2023, 7, 1)))  # fmt: skip

    def blank_title(book: Any) -> None:
        sheet = book["ニューズレター発行"]
        sheet.cell(2, xlsxedit.column(sheet, "名称")).value = None

    book = export_office(db, tmp_path / "nyc.xlsx", "NYC", FY).path
    xlsxedit.edit(book, blank_title)
    hq = open_database(tmp_path / "hq.sqlite3")
    assert import_file(hq, book).applied
    assert edit.values_of(hq, uuid, RecordKind.NEWSLETTER_ISSUE).title == "JLGC NEWS LETTER"
    hq.close()


def test_a_record_without_a_category_is_refused_in_words(db: Database) -> None:
    with pytest.raises(ValidationError) as info:
        edit.check(_case(requester_category=None))
    assert (info.value.field, str(info.value)) == ("requester_category", "Category is required")


def test_a_value_not_given_takes_its_declared_default(db: Database) -> None:
    """None for a yes/no or a code with a default is "not given", never a database error."""
    from db.schema.enums import CaseStatus

    uuid = edit.create(db, RecordKind.SUPPORT_CASE, _case(counted=None))
    assert edit.values_of(db, uuid).counted is True
    edit.update(db, RecordKind.SUPPORT_CASE, uuid, _case(status=None, counted=False))
    stored = edit.values_of(db, uuid)
    assert (stored.status, stored.counted) == (CaseStatus.DONE, False)


def test_a_blanked_category_code_cell_is_refused_in_one_line(db: Database, tmp_path: Path) -> None:
    edit.create(db, RecordKind.SUPPORT_CASE, _case())

    def blank(book: Any) -> None:
        sheet = book["海外活動支援"]
        sheet.cell(2, xlsxedit.column(sheet, "区分コード")).value = None

    book = xlsxedit.edit(export_office(db, tmp_path / "nyc.xlsx", "NYC", FY).path, blank)
    hq = open_database(tmp_path / "hq.sqlite3")
    before = snapshot(hq)
    with pytest.raises(BadWorkbook) as info:
        import_file(hq, book, accept_edited=True)
    assert "Category is required" in str(info.value) and "\n" not in str(info.value)
    assert snapshot(hq) == before
    hq.close()


def test_country_codes_typed_with_blanks_are_taken(db: Database) -> None:
    from db.schema.kinds import EventRow, LegRow

    leg = LegRow(start_date=date(2023, 6, 1), end_date=date(2023, 6, 1), country=" fr ")
    uuid = edit.create(db, RecordKind.EVENT_BOOTH, EventRow(office_code="PAR", name="Salon",
                                                            legs=(leg,)))  # fmt: skip
    assert edit.values_of(db, uuid, RecordKind.EVENT_BOOTH).legs[0].country == "FR"
