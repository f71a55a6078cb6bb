"""Offices' own spreadsheets: header under a title, mapping guessed, every row accounted."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import pytest

from db.storage.database import Database
from db.tally.tallies import tally_fy
from exports.legacy.importer import UnknownMapping, UnreadableRows, import_legacy
from exports.legacy.sheet import MappingNeeded, to_dates
from tests.support.sheets import messy_workbook


@pytest.mark.parametrize(
    ("raw", "expected"),
    [("令和５年４月１０日", (date(2023, 4, 10),) * 2), (45100, (date(2023, 6, 23),) * 2),
     ("2023/6/8", (date(2023, 6, 8),) * 2), (datetime(2024, 3, 31, 9), (date(2024, 3, 31),) * 2),
     ("令和5年11月18日～19日", (date(2023, 11, 18), date(2023, 11, 19))),
     ("２０２３－０６－０８", (date(2023, 6, 8),) * 2)],
)  # fmt: skip
def test_dates_as_offices_write_them(raw: object, expected: tuple[date, date]) -> None:
    assert to_dates(raw) == expected


def test_guess_then_accept_imports_every_readable_row(db: Database, tmp_path: Path) -> None:
    path = messy_workbook(tmp_path / "nyc-cases.xlsx")
    preview = import_legacy(db, path, "NYC", "support-cases")
    sheet = preview.sheet
    assert not preview.applied and sheet.header_row == 4
    assert sheet.mapping_by_header() == {
        "requester": "依頼団体", "start_date": "期間開始", "end_date": "期間終了",
        "category": "区分", "summary": "支援内容", "staff": "担当"}  # fmt: skip
    assert len(sheet.rows) == 5
    assert sheet.skipped_blank == 1 and sheet.skipped_subtotals == [11]
    reasons = {p.row: p.reason for p in sheet.problems}
    assert set(reasons) == {12, 13, 14}
    assert (
        "来週" in reasons[12]
        and "Requester is empty" in reasons[13]
        and "令和6年2月30日" in reasons[14]
    )
    with db.session() as s:
        assert tally_fy(s, 2023).total.support_cases.total == 0  # nothing until accepted

    with pytest.raises(UnreadableRows, match="3 rows cannot be read"):
        import_legacy(db, path, "NYC", "support-cases", accept_guess=True)
    with db.session() as s:
        assert tally_fy(s, 2023).total.support_cases.total == 0  # still nothing
    done = import_legacy(db, path, "NYC", "support-cases", accept_guess=True,
                         skip_unreadable=True)  # fmt: skip
    assert (
        done.applied
        and done.skipped == 3
        and done.imported == 5
        and done.mapping_name == "NYC-support-cases"
    )
    with db.session() as s:
        t = tally_fy(s, 2023).offices["NYC"].support_cases
    assert (t.total, t.prefecture_or_designated_city, t.municipality, t.other) == (5, 2, 2, 1)


def test_saved_mapping_applies_to_moved_columns(db: Database, tmp_path: Path) -> None:
    import_legacy(db, messy_workbook(tmp_path / "a.xlsx"), "NYC", "support-cases",
                  accept_guess=True, save_as="nyc-own", skip_unreadable=True)  # fmt: skip
    moved = messy_workbook(tmp_path / "b.xlsx", swap=True)
    report = import_legacy(db, moved, "NYC", "support-cases", mapping="nyc-own",
                           skip_unreadable=True)  # fmt: skip
    # the same rows read through the moved columns: the records already imported
    assert report.applied and report.imported == 0 and report.already == 5
    with db.session() as s:
        assert tally_fy(s, 2023).offices["NYC"].support_cases.total == 5


def test_unknown_mapping_and_missing_columns_are_clear(db: Database, tmp_path: Path) -> None:
    import openpyxl

    with pytest.raises(UnknownMapping, match="no saved mapping 'nope'"):
        import_legacy(db, messy_workbook(tmp_path / "a.xlsx"), "NYC", "support-cases",
                      mapping="nope")  # fmt: skip
    book = openpyxl.Workbook()
    book.active.append(["担当", "支援内容"])
    book.active.append(["田中", "同行"])
    path = tmp_path / "no-dates.xlsx"
    book.save(path)
    with pytest.raises(MappingNeeded, match="no header row|no column for"):
        import_legacy(db, path, "NYC", "support-cases", accept_guess=True)


def test_legacy_events_and_cli(
    db: Database, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import openpyxl

    from office_ledger.cli.commands import main

    book = openpyxl.Workbook()
    ws = book.active
    ws.append(["パリ事務所 イベント出展一覧"])
    ws.append([])
    ws.append(["イベント名", "開催日", "開催地", "国", "来場者数"])
    ws.append(["Japan Expo", "令和5年7月13日～16日", "パリ", "フランス", "２５０，０００"])
    ws.append(["Salon", "2023-10-01", "Genève", "Switzerland", 1200])
    ws.append(["合計", None, None, None, 251200])
    path = tmp_path / "par-events.xlsx"
    book.save(path)
    db.close()
    code = main(["--db", str(db.path), "import", str(path), "--office", "PAR",
                 "--kind", "event-booths"])  # fmt: skip
    out = capsys.readouterr().out
    assert code == 0 and "<- column A 'イベント名'" in out and "nothing imported" in out
    assert "2 rows readable; 0 blank rows and 1 subtotal row skipped" in out
    code = main(["--db", str(db.path), "import", str(path), "--office", "PAR",
                 "--kind", "event-booths", "--accept-guess"])  # fmt: skip
    assert code == 0 and "imported 2 records" in capsys.readouterr().out
    from db.storage.database import open_database

    again = open_database(db.file)
    with again.session() as s:
        t = tally_fy(s, 2023).offices["PAR"].event_booths
    assert (t.events, t.countries) == (2, ("CH", "FR"))
    code = main(["--db", str(db.path), "import", str(path), "--accept-guess"])
    assert code == 2 and "need --office" in capsys.readouterr().err


# --- the office's other work (issue #15): their own sheets are guessed from the headers


def _sheet(path: Path, headers: list[str], rows: list[list[object]]) -> Path:
    import openpyxl

    book = openpyxl.Workbook()
    ws = book.active
    ws["A1"] = "令和５年度　ソウル事務所"
    for c, h in enumerate(headers, 1):
        ws.cell(3, c, h)
    for r, values in enumerate(rows, 4):
        for c, v in enumerate(values, 1):
            ws.cell(r, c, v)
    book.save(path)
    return path


@pytest.mark.parametrize(
    ("kind", "headers", "rows", "figure"),
    [("seminars", ["開催日", "セミナー名", "講師", "会場", "参加者数"],
      [["令和5年9月26日", "日韓共同セミナー", "金 氏", "ソウル", 80],
       ["令和5年10月2日～3日", "地方自治セミナー", "", "オンライン", 30]], "seminars"),
     ("publications", ["刊行物名", "発刊日", "分野"],
      [["韓国の多文化共生について", "2023/7/1", "多文化共生"]], "clair_reports"),
     ("media-work", ["期間", "実施内容", "媒体"],
      [["令和5年11月7日～令和6年3月31日", "SNS動画による地域プロモーション", "YouTube"]],
      "media_items"),
     ("cooking-events", ["実施日", "開催地", "国", "メニュー"],
      [["2024/1/12", "ソウル", "韓国", "芋煮"]], "cooking_events"),
     ("seconded-staff", ["氏名", "派遣元", "着任日"],
      [["山田 太郎", "島根県", "2023/4/1"]], "seconded_people"),
     ("research-requests", ["調査件名", "依頼団体", "依頼日"],
      [["空き家対策", "長野県", "2023/6/1"]], "research_requests")],
)  # fmt: skip
def test_legacy_sheets_of_the_new_kinds_are_guessed_and_imported(
    db: Database, tmp_path: Path, kind: str, headers: list[str], rows: list[list[object]],
    figure: str,
) -> None:  # fmt: skip
    path = _sheet(tmp_path / f"{kind}.xlsx", headers, rows)
    report = import_legacy(db, path, "SEL", kind, accept_guess=True)
    assert report.applied and report.imported == len(rows), report.sheet.problems
    with db.session() as s:
        year = tally_fy(s, 2023).offices["SEL"].year
    found = getattr(year, figure)
    count = found.events if figure == "seminars" else found
    assert (len(count) if isinstance(count, frozenset) else count) == len(rows)


def test_a_media_sheet_names_several_local_governments_in_one_cell(
    db: Database, tmp_path: Path
) -> None:
    path = _sheet(tmp_path / "media.xlsx", ["期間", "実施内容", "紹介自治体"],
                  [["令和5年11月19日～24日", "旅行番組の制作", "宮城県、新潟県"],
                   ["令和5年12月1日", "観光PR映像の放映", "新潟県"]])  # fmt: skip
    report = import_legacy(db, path, "SEL", "media-work", accept_guess=True)
    assert report.applied and report.imported == 2
    with db.session() as s:
        year = tally_fy(s, 2023).offices["SEL"].year
    assert year.media_items == 2 and year.media_local_governments == {"宮城県", "新潟県"}
