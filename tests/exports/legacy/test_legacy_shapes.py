"""Shapes of offices' own sheets the legacy importer reads, each made here with openpyxl:
a title merged above a one-row header, a period column of date ranges, 主催/参加,
counts with separators and units, Japanese country names, several local governments
per cell, and sheets kept in English (headers, words, month names, day-first dates)."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest

from db.schema.enums import RequesterCategory
from db.schema.kinds import RecordKind
from db.storage.database import Database
from exports.legacy.importer import import_legacy
from exports.xlsx.export import read_records


def workbook(path: Path, title: str | None, header: list[str], rows: list[list[Any]]) -> Path:
    """A sheet with ``title`` merged across the table on row 1, the header on row 2."""
    import openpyxl

    book = openpyxl.Workbook()
    ws = book.active
    if title is not None:
        ws.cell(1, 1, title)
        ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(header))
    ws.append(header)
    for row in rows:
        ws.append(row)
    book.save(path)
    return path


def records(db: Database, kind: RecordKind) -> list[Any]:
    return sorted(read_records(db, None, None)[kind.value], key=lambda r: r.start_date)


def test_title_above_a_one_row_header_and_a_period_column_of_ranges(
    db: Database, tmp_path: Path
) -> None:
    path = workbook(
        tmp_path / "cases.xlsx",
        "令和7年度　ニューヨーク事務所　海外活動支援一覧",
        ["依頼団体", "区分", "期間", "支援内容", "担当"],
        [
            ["東京都", "都道府県・政令市", "令和7年5月10日～5月12日", "同行", "田中"],
            ["北海道ニセコ町", "市町村", "令和７年８月１日～３日", "ブース出展", "佐藤"],
            ["横浜市", "その他", "2025/11/3～11/5", "通訳", "Emily"],
            ["大阪府", None, "2025-12-01", "調査", "田中"],
        ],
    )
    report = import_legacy(db, path, "NYC", "support-cases", accept_guess=True)
    sheet = report.sheet
    assert sheet.header_row == 2 and not sheet.problems  # the title is not part of it
    assert sheet.mapping_by_header() == {"requester": "依頼団体", "category": "区分",
        "start_date": "期間", "summary": "支援内容", "staff": "担当"}  # fmt: skip
    found = [(r.requester, r.start_date, r.end_date, r.requester_category)
             for r in records(db, RecordKind.SUPPORT_CASE)]  # fmt: skip
    assert found == [
        ("東京都", date(2025, 5, 10), date(2025, 5, 12), RequesterCategory.PREFECTURE_OR_CITY),
        ("北海道ニセコ町", date(2025, 8, 1), date(2025, 8, 3), RequesterCategory.MUNICIPALITY),
        # the sheet's category column is read, not guessed from the name (横浜市 would be
        # a designated city)
        ("横浜市", date(2025, 11, 3), date(2025, 11, 5), RequesterCategory.OTHER),
        # a blank category cell: suggested from the name
        ("大阪府", date(2025, 12, 1), None, RequesterCategory.PREFECTURE_OR_CITY),
    ]


def test_events_hosted_counts_countries_and_local_governments(db: Database, tmp_path: Path) -> None:
    path = workbook(
        tmp_path / "events.xlsx",
        "イベント出展一覧（令和7年度）",
        ["イベント名", "主催／参加", "期間", "開催地", "国", "来場者数", "参加自治体"],
        [
            ["Japan Expo USA", "参加", "令和7年5月10日～5月12日", "ロサンゼルス",
             "アメリカ合衆国", "8,500", "北海道、札幌市"],
            ["Hyper Japan", "主催", "令和７年８月１日～３日", "ロンドン", "英国", "２４，０００",
             "福岡県・北九州市・熊本県"],
            ["Japan Matsuri", "参加", "2025/11/3～11/5", "ソウル", "韓国", "15,230名", "長野県"],
            ["Salon du Saké", "主催", "2025-12-01", "パリ", "フランス", "約300名", None],
        ],
    )  # fmt: skip
    report = import_legacy(db, path, "NYC", "event-booths", accept_guess=True)
    assert not report.sheet.problems and report.imported == 4
    assert report.sheet.mapping_by_header()["hosted"] == "主催／参加"
    assert report.sheet.mapping_by_header()["municipalities"] == "参加自治体"
    found = [(e.name, e.hosted, e.visitors, e.countries, e.start_date, e.end_date,
              e.municipalities) for e in records(db, RecordKind.EVENT_BOOTH)]  # fmt: skip
    assert found == [
        ("Japan Expo USA", False, 8500, ("US",), date(2025, 5, 10), date(2025, 5, 12),
         ("北海道", "札幌市")),
        ("Hyper Japan", True, 24000, ("GB",), date(2025, 8, 1), date(2025, 8, 3),
         ("福岡県", "北九州市", "熊本県")),
        ("Japan Matsuri", False, 15230, ("KR",), date(2025, 11, 3), date(2025, 11, 5),
         ("長野県",)),
        ("Salon du Saké", True, 300, ("FR",), date(2025, 12, 1), date(2025, 12, 1), ()),
    ]  # fmt: skip


ENGLISH_CASES = (
    ["Organisation", "Category", "Date", "Details", "Staff"],
    [
        ["Tokyo Metropolitan Government", "Prefecture", "3 May 2025", "Site visit", "Emily"],
        ["Niseko Town", "Municipality", "03/11/2025", "Interpreter", "Tom"],
        ["JETRO London", "Other", "May 10-12, 2025", "Booth", "Emily"],
        ["Sapporo City", "Designated city", "10–12 June 2025", "Research", "Tom"],
    ],
)


@pytest.mark.parametrize(
    ("office", "november_third"),
    [("LON", date(2025, 11, 3)), ("SYD", date(2025, 11, 3)), ("NYC", date(2025, 3, 11))],
)
def test_english_sheets_headers_words_month_names_and_day_first_dates(
    db: Database, tmp_path: Path, office: str, november_third: date
) -> None:
    path = workbook(tmp_path / "en.xlsx", "Support given by the office, FY2025", *ENGLISH_CASES)
    report = import_legacy(db, path, office, "support-cases", accept_guess=True)
    assert not report.sheet.problems and report.imported == 4
    found = {r.requester: (r.requester_category, r.start_date, r.end_date)
             for r in read_records(db, None, None)["support_case"]}  # fmt: skip
    cat = RequesterCategory
    assert found == {
        "Tokyo Metropolitan Government": (cat.PREFECTURE_OR_CITY, date(2025, 5, 3), None),
        "Niseko Town": (cat.MUNICIPALITY, november_third, None),
        "JETRO London": (cat.OTHER, date(2025, 5, 10), date(2025, 5, 12)),
        "Sapporo City": (cat.PREFECTURE_OR_CITY, date(2025, 6, 10), date(2025, 6, 12)),
    }


def test_english_event_sheet(db: Database, tmp_path: Path) -> None:
    path = workbook(
        tmp_path / "events-en.xlsx",
        None,
        ["Event", "Hosted / Participated", "Dates", "City", "Country", "Visitors",
         "Local governments"],
        [
            ["Japan Expo", "Participated", "3–6 July 2025", "Paris", "France", "250,000",
             "Niigata Prefecture; Kobe City"],
            ["Japan Day", "Hosted", "Sat 20 Sep 2025", "Düsseldorf", "Germany",
             "approx. 1,200 people", None],
        ],
    )  # fmt: skip
    report = import_legacy(db, path, "PAR", "event-booths", accept_guess=True)
    assert not report.sheet.problems
    found = [(e.name, e.hosted, e.visitors, e.countries, e.start_date, e.end_date,
              e.municipalities) for e in records(db, RecordKind.EVENT_BOOTH)]  # fmt: skip
    assert found == [
        ("Japan Expo", False, 250000, ("FR",), date(2025, 7, 3), date(2025, 7, 6),
         ("Niigata Prefecture", "Kobe City")),
        ("Japan Day", True, 1200, ("DE",), date(2025, 9, 20), date(2025, 9, 20), ()),
    ]  # fmt: skip


def test_cells_it_cannot_read_say_why_in_both_languages(db: Database, tmp_path: Path) -> None:
    path = workbook(
        tmp_path / "bad.xlsx",
        "一覧",
        ["イベント名", "主催／参加", "期間", "国", "来場者数"],
        [
            ["A", "共催?", "2025-05-01", "フランス", "10"],
            ["B", "主催", "2025/11/5～11/3", "フランス", "10"],
            ["C", "主催", "2025-05-01", "ガリア", "10"],
            ["D", "主催", "2025-05-01", "フランス", "たくさん"],
            ["E", "主催", "2025/2/30", "フランス", "10"],
        ],
    )
    sheet = import_legacy(db, path, "PAR", "event-booths").sheet
    reasons = {p.row: (p.text("ja"), p.text("en")) for p in sheet.problems}
    assert reasons == {
        3: ("主催: '共催?' は「はい」「いいえ」のどちらとも読めません",
            "Hosted: '共催?' is neither yes nor no"),
        4: ("開始日: '2025/11/5～11/3' は終わりが始まりより前です",
            "Start: '2025/11/5～11/3' ends before it starts"),
        5: ("国: 'ガリア' という国はわかりません", "Country: unknown country 'ガリア'"),
        6: ("来場者数: 'たくさん' は数として読めません",
            "Visitors: 'たくさん' is not a whole number"),
        7: ("開始日: '2025/2/30' は存在しない日付です", "Start: '2025/2/30' is not a real date"),
    }  # fmt: skip


@pytest.mark.slow
@pytest.mark.parametrize(
    ("name", "code"),
    [("アメリカ合衆国", "US"), ("米国", "US"), ("英国", "GB"), ("イギリス", "GB"),
     ("大韓民国", "KR"), ("韓国", "KR"), ("中華人民共和国", "CN"), ("中国", "CN"),
     ("香港", "HK"), ("ドイツ連邦共和国", "DE"), ("フランス共和国", "FR"), ("豪州", "AU"),
     ("シンガポール", "SG"), ("タイ王国", "TH"), ("England", "GB"), ("Korea", "KR")],
)  # fmt: skip
def test_country_names_as_offices_write_them(
    db: Database, tmp_path: Path, name: str, code: str
) -> None:
    path = workbook(tmp_path / "c.xlsx", "一覧", ["イベント名", "開催日", "国"],
                    [["Expo", "2025-06-01", name]])  # fmt: skip
    report = import_legacy(db, path, "SIN", "event-booths", accept_guess=True)
    assert report.imported == 1
    assert records(db, RecordKind.EVENT_BOOTH)[0].countries == (code,)
