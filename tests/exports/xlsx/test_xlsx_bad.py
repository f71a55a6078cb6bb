"""Bad workbooks are refused with one clear line, and the database stays exactly as it was."""

from __future__ import annotations

import io
import shutil
import zipfile
from pathlib import Path
from typing import Any

import pytest

from db.schema.fiscal import fy_period
from db.storage.database import Database, open_database
from exports.xlsx.exchange import import_file
from exports.xlsx.export import export_office
from exports.xlsx.guard import BadWorkbook
from tests.support import xlsxedit
from tests.support.snapshot import snapshot


@pytest.fixture(scope="module")
def nyc_export(demo_template: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    db = open_database(demo_template)
    path = export_office(db, tmp_path_factory.mktemp("x") / "NYC.xlsx", "NYC", fy_period(2023)).path
    db.close()
    return path


@pytest.fixture
def hq(tmp_path: Path, nyc_export: Path) -> Database:
    """A database that already holds the NYC export, so 'unchanged' is meaningful."""
    db = open_database(tmp_path / "hq.sqlite3")
    import_file(db, nyc_export)
    return db


def copy(nyc_export: Path, tmp_path: Path, name: str = "copy.xlsx") -> Path:
    return Path(shutil.copy(nyc_export, tmp_path / name))


def refused(db: Database, path: Path, message: str) -> None:
    before = snapshot(db)
    with pytest.raises(BadWorkbook) as info:
        import_file(db, path)
    text = str(info.value)
    assert message in text, text
    assert "\n" not in text and text.startswith(path.name)
    assert snapshot(db) == before


def test_not_an_xlsx(hq: Database, tmp_path: Path) -> None:
    path = tmp_path / "notes.xlsx"
    path.write_text("日本語のメモ", encoding="utf-8")
    refused(hq, path, "not an Excel workbook")


def test_a_zip_that_is_not_a_workbook(hq: Database, tmp_path: Path) -> None:
    path = tmp_path / "photos.xlsx"
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("photo.txt", "hello")
    refused(hq, path, "not an Excel workbook")


def test_truncated_zip(hq: Database, nyc_export: Path, tmp_path: Path) -> None:
    path = tmp_path / "truncated.xlsx"
    path.write_bytes(nyc_export.read_bytes()[:4000])
    refused(hq, path, "damaged")


def test_corrupt_zip(hq: Database, nyc_export: Path, tmp_path: Path) -> None:
    data = bytearray(nyc_export.read_bytes())
    data[200:1200] = bytes(1000)  # zero out part of the compressed data
    path = tmp_path / "corrupt.xlsx"
    path.write_bytes(bytes(data))
    with pytest.raises(BadWorkbook, match="damaged|cannot be read"):
        import_file(hq, path)


def test_zip_bomb_is_refused_without_expanding(
    hq: Database, nyc_export: Path, tmp_path: Path
) -> None:
    path = copy(nyc_export, tmp_path, "bomb.xlsx")
    with zipfile.ZipFile(path, "a", zipfile.ZIP_DEFLATED) as z:
        z.writestr("xl/media/bomb.bin", bytes(40 * 2**20))  # 40 MiB of zeros, ~40 KiB packed
    refused(hq, path, "zip bomb")


def test_xml_entity_bomb_is_refused(hq: Database, nyc_export: Path, tmp_path: Path) -> None:
    laughs = (
        b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
        b'<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>'
        b'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>&lol2;</t></si></sst>'
    )
    with zipfile.ZipFile(nyc_export) as z:
        part = next(n for n in z.namelist() if n.startswith("xl/worksheets/"))
    path = xlsxedit.replace_part(copy(nyc_export, tmp_path), part, laughs)
    refused(hq, path, "declares XML entities")


def test_workbook_from_a_newer_format(hq: Database, nyc_export: Path, tmp_path: Path) -> None:
    path = copy(nyc_export, tmp_path)

    def change(book: Any) -> None:
        sheet = book["マニフェスト"]
        for row in sheet.iter_rows(min_row=2):
            if row[0].value == "format_version":
                row[1].value = "99"

    refused(hq, xlsxedit.edit(path, change), "newer Office Ledger")


def test_manifest_for_another_office(hq: Database, nyc_export: Path, tmp_path: Path) -> None:
    path = copy(nyc_export, tmp_path)

    def change(book: Any) -> None:
        for row in book["マニフェスト"].iter_rows(min_row=2):
            if row[0].value == "office":
                row[1].value = "PAR"

    refused(hq, xlsxedit.edit(path, change), "manifest is for office PAR")


def test_missing_sheet(hq: Database, nyc_export: Path, tmp_path: Path) -> None:
    path = xlsxedit.edit(copy(nyc_export, tmp_path), lambda b: b.remove(b["イベント日程"]))
    refused(hq, path, "'イベント日程/Event legs' is missing")


def test_missing_manifest(hq: Database, nyc_export: Path, tmp_path: Path) -> None:
    path = xlsxedit.edit(copy(nyc_export, tmp_path), lambda b: b.remove(b["マニフェスト"]))
    refused(hq, path, "not an Office Ledger export")


def test_missing_column(hq: Database, nyc_export: Path, tmp_path: Path) -> None:
    def change(book: Any) -> None:
        sheet = book["海外活動支援"]
        sheet.delete_cols(xlsxedit.column(sheet, "開始日"))

    refused(hq, xlsxedit.edit(copy(nyc_export, tmp_path), change), "lacks the column(s) 開始日")


@pytest.mark.slow
@pytest.mark.parametrize(
    ("header", "value", "message"),
    [("開始日", "来週", "expected a date"), ("版", "three", "expected a whole number"),
     ("件数に計上", "maybe", "expected TRUE or FALSE"),
     ("区分コード", "county", "'county' is not one of"), ("UUID", "not-a-uuid", "is not a UUID")],
)  # fmt: skip
def test_wrong_types_in_cells(
    hq: Database, nyc_export: Path, tmp_path: Path, header: str, value: str, message: str
) -> None:
    def change(book: Any) -> None:
        sheet = book["海外活動支援"]
        sheet.cell(5, xlsxedit.column(sheet, header)).value = value

    path = xlsxedit.edit(copy(nyc_export, tmp_path), change)
    refused(hq, path, message)
    with pytest.raises(BadWorkbook, match=f"row 5, column '{header}/"):
        import_file(hq, path)


@pytest.mark.slow
def test_a_10_mb_cell(hq: Database, nyc_export: Path, tmp_path: Path) -> None:
    """Written into the sheet's XML directly: Excel and openpyxl would cut it at 32,767."""
    import re

    with zipfile.ZipFile(nyc_export) as z:
        part = "xl/worksheets/sheet2.xml"  # the support-case sheet, after the summary
        xml = z.read(part).decode("utf-8")
    assert '<c r="L3"' in xml  # column L holds the summary
    import random

    kanji = [chr(c) for c in range(0x4E00, 0x4E00 + 3000)]  # varied text: not a zip bomb
    big = "".join(random.Random(10).choices(kanji, k=10_000_000))
    xml = re.sub(r'(<c r="L3"[^>]*><is><t[^>]*>)(.*?)(</t>)',
                 lambda m: m[1] + big + m[3], xml, count=1)  # fmt: skip
    path = xlsxedit.replace_part(copy(nyc_export, tmp_path), part, xml.encode("utf-8"))
    refused(hq, path, "10,000,000 characters")


def test_duplicate_uuids_inside_one_file(hq: Database, nyc_export: Path, tmp_path: Path) -> None:
    def change(book: Any) -> None:
        sheet = book["海外活動支援"]
        col = xlsxedit.column(sheet, "UUID")
        sheet.cell(4, col).value = sheet.cell(3, col).value

    refused(hq, xlsxedit.edit(copy(nyc_export, tmp_path), change), "appears twice")


def test_a_child_row_without_its_parent(hq: Database, nyc_export: Path, tmp_path: Path) -> None:
    def change(book: Any) -> None:
        sheet = book["イベント出展"]
        sheet.delete_rows(2)

    path = xlsxedit.edit(copy(nyc_export, tmp_path), change)
    refused(hq, path, "belongs to no event booth")


def test_an_event_edited_to_end_before_it_starts(
    hq: Database, nyc_export: Path, tmp_path: Path
) -> None:
    from datetime import date

    def change(book: Any) -> None:
        sheet = book["イベント日程"]
        sheet.cell(2, xlsxedit.column(sheet, "終了日")).value = date(2000, 1, 1)

    refused(
        hq,
        xlsxedit.edit(copy(nyc_export, tmp_path), change),
        "the end date is before the start date",
    )


def test_cli_reports_each_bad_file_in_one_line(
    hq: Database, nyc_export: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from office_ledger.cli.commands import main

    bad1 = tmp_path / "a.xlsx"
    bad1.write_bytes(b"nope")
    bad2 = tmp_path / "b.xlsx"
    bad2.write_bytes(nyc_export.read_bytes()[:5000])
    before = snapshot(hq)
    hq.close()
    code = main(["--db", str(hq.path), "import", str(bad1), str(nyc_export), str(bad2)])
    out, err = capsys.readouterr()
    assert code == 1
    assert err.count("\n") == 2 and "b.xlsx:" in err
    assert "a.xlsx: a text file, not an Excel workbook" in err  # named for what it is
    assert "NYC.xlsx: office New York" in out  # a name, not NYC
    assert "already imported" in out  # the hq fixture imported this export (#23: once)
    again = open_database(hq.file)
    assert snapshot(again) == before


def test_guard_reads_no_more_than_the_prolog(tmp_path: Path) -> None:
    """A DOCTYPE after a huge text part would be found by calamine, not by us: fine, since
    calamine never expands entities; but the guard itself must stay cheap."""
    path = tmp_path / "big.xlsx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("xl/workbook.xml", "<workbook>" + "x" * (8 * 2**20) + "</workbook>")
    from exports.xlsx.guard import check

    check(path)  # accepted by the guard (no DOCTYPE, sane sizes); calamine decides next
    assert io  # the module is used for in-memory zips elsewhere


def test_a_support_case_with_its_requester_erased(tmp_path: Path, nyc_export: Path) -> None:
    def change(book: Any) -> None:
        sheet = book["海外活動支援"]
        sheet.cell(3, xlsxedit.column(sheet, "依頼団体")).value = None

    fresh = open_database(tmp_path / "fresh.sqlite3")  # every case new: the batch path
    refused(fresh, xlsxedit.edit(copy(nyc_export, tmp_path), change), "Requester is required")


# --- the office's other work (issue #15): each new sheet refuses bad cells, naming them


@pytest.fixture(scope="module")
def year_exports(demo_template: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Beijing's workbook (media work, cooking events), New York's (CLAIR Reports) and
    headquarters' (research requests)."""
    db = open_database(demo_template)
    out = tmp_path_factory.mktemp("year")
    files = {code: export_office(db, out / f"{code}.xlsx", code, fy_period(2023)).path
             for code in ("BEJ", "NYC", "HQ")}  # fmt: skip
    db.close()
    return files


@pytest.mark.slow
@pytest.mark.parametrize(
    ("office", "sheet", "header", "value", "message"),
    [("BEJ", "セミナー", "セミナー種別コード", "webinar", "'webinar' is not one of"),
     ("BEJ", "セミナー開催回", "参加者数", "many", "expected a whole number"),
     ("BEJ", "セミナー開催回", "約", "maybe", "expected TRUE or FALSE"),
     ("BEJ", "セミナー開催回", "形態コード", "podcast", "'podcast' is not one of"),
     ("BEJ", "料理体験イベント", "開始日", "来週", "expected a date"),
     ("BEJ", "料理体験イベント", "国コード", "ZZ", "'ZZ' is not an ISO country code"),
     ("BEJ", "メディアPR", "実施内容", None, "What was done is required"),
     ("BEJ", "メディアPR自治体", "自治体名", None, "Name is required"),
     ("BEJ", "派遣自治体職員", "派遣元自治体", None, "Home local government is required"),
     ("BEJ", "派遣自治体職員", "離任日", "2000-01-01", "the end date is before the start date"),
     ("HQ", "海外依頼調査", "調査実施事務所コード", "NYC;TOKYO", "TOKYO not among"),
     ("HQ", "海外依頼調査", "依頼日", "いつか", "expected a date"),
     ("NYC", "刊行物", "刊行物の種類コード", "magazine", "'magazine' is not one of"),
     ("NYC", "刊行物", "刊行物名", None, "Title is required")],
)  # fmt: skip
def test_bad_cells_of_the_new_sheets_are_refused(
    year_exports: dict[str, Path], tmp_path: Path, office: str, sheet: str, header: str,
    value: Any, message: str,
) -> None:  # fmt: skip
    source = year_exports[office]

    def change(book: Any) -> None:
        found = book[sheet]
        assert found.max_row >= 2, f"{sheet} of {office} has no rows to spoil"
        found.cell(2, xlsxedit.column(found, header)).value = value

    db = open_database(tmp_path / "fresh.sqlite3")
    refused(db, xlsxedit.edit(copy(source, tmp_path), change), message)
