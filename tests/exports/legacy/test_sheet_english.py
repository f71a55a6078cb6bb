"""English-language sheets read like Japanese ones: English headers and category,
support-kind and status words (with their abbreviations), English requester names
that suggest their category, day-first dates where the office's country writes them
so, and a missing country column that takes the office's country."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from db.read.requester import ROMAJI, suggest_category
from db.storage.database import Database
from db.tally.tallies import tally_fy
from exports.legacy.importer import import_legacy
from office_ledger.import_text import render_legacy


def sheet(path: Path, headers: list[str], rows: list[list[Any]], title: str = "") -> Path:
    import openpyxl

    book = openpyxl.Workbook()
    ws = book.active
    ws["A1"] = title or "FY2023 log"
    for c, h in enumerate(headers, 1):
        ws.cell(3, c, h)
    for r, values in enumerate(rows, 4):
        for c, v in enumerate(values, 1):
            ws.cell(r, c, v)
    book.save(path)
    return path


SUPPORT = ["Requester", "Requester type", "Date", "Type of support", "Details", "Status",
           "Handled by"]  # fmt: skip
ROWS: list[list[Any]] = [
    ["Shizuoka Prefecture", "Prefectural government", "03/11/2023", "Appt; Interpreting",
     "Governor's visit", "Completed"],
    ["Kurashiki City, Okayama", "Village", "04/11/2023", "Attend", "Study tour", "Done"],
    ["Yokohama City", "Ordinance-designated city", "05/11/2023", "PR", "SNS post", "Done"],
    ["JNTO London", "Others", "06/11/2023", "Research", "Market survey", "Done"],
    # no category column cell: the name suggests it
    ["Niseko Town (Hokkaido)", None, "07/11/2023", "Booth", "Ski fair", "Done"],
    ["Kōbe City", "", "08/11/2023", "Other", "Meeting", "Done"],
    ["Tokyo Metropolitan Government", None, "09/11/2023", "Policy briefing", "Talk", "Done"],
    ["Kurashiki City Tourism Association", None, "10/11/2023", "Other", "Fair", "Done"],
]  # fmt: skip


def test_an_english_support_sheet_gives_the_right_categories(db: Database, tmp_path: Path) -> None:
    path = sheet(tmp_path / "london-support.xlsx", SUPPORT, ROWS)
    report = import_legacy(db, path, "LON", "support-cases", accept_guess=True)
    assert report.imported == len(ROWS), report.sheet.problems
    assert set(report.sheet.mapping) >= {"requester", "category", "start_date", "types",
                                         "summary", "status", "staff"}  # fmt: skip
    with db.session() as s:
        sql = ("SELECT requester, requester_category, start_date, status FROM support_case"
               " ORDER BY start_date")  # fmt: skip
        found = [tuple(r) for r in s.connection().exec_driver_sql(sql)]
        types = {r[0]: r[1] for r in s.connection().exec_driver_sql(
            "SELECT c.requester, group_concat(t.type_code) FROM support_case c"
            " JOIN support_case_type t ON t.case_id = c.id GROUP BY c.id")}  # fmt: skip
        cases = tally_fy(s, 2023).offices["LON"].support_cases
    assert [c[1] for c in found] == [
        "prefecture_or_designated_city", "municipality", "prefecture_or_designated_city",
        "other", "municipality", "prefecture_or_designated_city",
        "prefecture_or_designated_city", "other"]  # fmt: skip
    assert str(found[0][2]) == "2023-11-03"  # London writes the day first
    assert {c[3] for c in found} == {"done"}
    assert sorted(types["Shizuoka Prefecture"].split(",")) == ["appointment", "interpreter"]
    assert types["Yokohama City"] == "publicity"
    assert (cases.prefecture_or_designated_city, cases.municipality, cases.other) == (4, 2, 2)


@pytest.mark.parametrize("kanji", sorted(ROMAJI))
def test_every_prefecture_and_designated_city_in_romaji(kanji: str) -> None:
    name = ROMAJI[kanji]
    plain = name.replace("ō", "o").replace("Ō", "O").replace("ū", "u")
    unit = "City" if kanji.endswith("市") else "Prefecture"
    for written in (f"{name} {unit}", f"{plain} {unit}", plain):
        assert suggest_category(written).value == "prefecture_or_designated_city", written
    if kanji.endswith("市"):  # a city of the same name in another prefecture is not it
        other = "Tottori" if "Tottori" not in name else "Shimane"
        assert suggest_category(f"{plain} City, {other}").value == "municipality"


def test_an_english_events_sheet_without_a_country_takes_the_offices(
    db: Database, tmp_path: Path
) -> None:
    path = sheet(tmp_path / "paris-events.xlsx", ["Event name", "Dates", "City", "Visitors"],
                 [["Japan Expo", "13/07/2023 - 16/07/2023", "Paris", "250,000"],
                  ["Salon du Tourisme", "05/10/2023", "Lyon", "12 000"]])  # fmt: skip
    preview = import_legacy(db, path, "PAR", "event-booths", dry_run=True)
    assert preview.country == "FR" and not preview.sheet.problems
    assert "every row takes office PAR's country (FR)" in render_legacy(preview, "en")
    assert "国の列がない" in render_legacy(preview, "ja")
    report = import_legacy(db, path, "PAR", "event-booths", accept_guess=True)
    assert report.imported == 2
    with db.session() as s:
        legs = [tuple(r) for r in s.connection().exec_driver_sql(
            "SELECT country, start_date, end_date FROM event_leg ORDER BY start_date")]  # fmt: skip
        booths = tally_fy(s, 2023).offices["PAR"].event_booths
    assert [(c, str(a), str(b)) for c, a, b in legs] == [
        ("FR", "2023-07-13", "2023-07-16"),
        ("FR", "2023-10-05", "2023-10-05"),
    ]
    assert booths.events == 2 and tuple(booths.countries) == ("FR",)


def test_every_field_a_person_types_has_japanese_and_english_header_words() -> None:
    import re

    from exports.legacy.fields import KINDS

    for kind, fields in KINDS.items():
        for f in fields:
            assert any(re.search(r"[a-z]", w.lower()) for w in f.words), (kind, f.key)
            assert any(re.search(r"[\u3040-\u30ff\u4e00-\u9fff]", w) for w in f.words), (
                kind, f.key)  # fmt: skip
    keys = {f.key for f in KINDS["support-cases"]}
    assert {"types", "status", "category", "counted"} <= keys
    assert {"format", "languages"} <= {f.key for f in KINDS["newsletters"]}
