"""The annual report's tables in the HQ PDF and the consolidated workbook, from the demo
year: wording, columns and figures as printed, read back with pdftotext and openpyxl."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path
from typing import Any

import pytest

from db.fiscal import fy_period
from exports.pdf.report import write_summary
from exports.xlsx.consolidate import WIDEST, consolidate, text_width

FY2023 = fy_period(2023)


def pdftotext(path: Path) -> str:
    out = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True,
                         text=True, check=True).stdout  # fmt: skip
    return out


def squash(text: str) -> str:
    return re.sub(r"\s+", " ", text)


@pytest.fixture(scope="module")
def hq_pdf(demo_template: Path, tmp_path_factory: pytest.TempPathFactory) -> str:
    from db.database import open_database

    db = open_database(demo_template)
    path = tmp_path_factory.mktemp("report") / "hq.pdf"
    write_summary(db, path, FY2023, None, "ja")
    db.close()
    return pdftotext(path)


@pytest.fixture(scope="module")
def workbook(demo_template: Path, tmp_path_factory: pytest.TempPathFactory) -> Any:
    from openpyxl import load_workbook

    from db.database import open_database

    db = open_database(demo_template)
    path = tmp_path_factory.mktemp("report") / "hq.xlsx"
    consolidate(db, path, FY2023, "ja")
    db.close()
    return load_workbook(path)


def _sheet(book: Any, name: str) -> list[list[Any]]:
    return [list(row) for row in book[name].iter_rows(values_only=True)]


def test_newsletter_table_names_each_newsletter_and_its_main_contents(
    hq_pdf: str, workbook: Any
) -> None:
    text = squash(hq_pdf)
    assert "＜ニューズレター発行状況＞ 事務所 ニューズレター名 主な内容 発行回数" in text
    london = hq_pdf[hq_pdf.index("＜ニューズレター発行状況＞") :]
    assert re.search(r"ロンドン\s+JLGC e-newsletter\s+事務所事業紹介、派遣元自治体紹介", london)
    rows = _sheet(workbook, "集計-ニューズレター")
    assert rows[0] == ["事務所", "ニューズレター名", "主な内容", "発行回数"]
    by_office = {r[0]: r for r in rows[1:]}
    assert by_office["ロンドン"][1] == "JLGC e-newsletter"
    assert by_office["ロンドン"][2].startswith("事務所事業紹介、派遣元自治体紹介")
    assert by_office["ロンドン"][3] == 4 and by_office["計"][3] == 35


def test_support_table_carries_the_printed_note(hq_pdf: str, workbook: Any) -> None:
    note = "※支援件数には電話やメールでの問合せは含まれていない。"
    text = squash(hq_pdf)
    assert re.search(r"計 435 322 68 45 " + re.escape(note), text)
    rows = _sheet(workbook, "集計-支援件数")
    assert rows[8][:5] == ["計", 435, 322, 68, 45]
    assert note in [r[0] for r in rows[9:]]


def test_office_summary_carries_the_note_too(demo_db: Any, tmp_path: Path) -> None:
    path = write_summary(demo_db, tmp_path / "nyc.pdf", FY2023, "NYC", "en")
    assert "Enquiries by telephone or email are not counted" in squash(pdftotext(path))


def test_hq_record_sections_are_grouped_by_office(hq_pdf: str, demo_db: Any) -> None:
    from db import rows as R
    from db.offices import OFFICE_CODES, office

    with demo_db.session() as s:
        counts = [(f"{office(c).name('ja')}事務所", str(len(R.cases(s, FY2023, c))))
                  for c in OFFICE_CODES]  # fmt: skip
    text = squash(hq_pdf)
    cases = text[text.index("3. 海外活動支援（522）") :]
    heads = re.findall(r"(\S+事務所)（(\d+)）", cases.split("4. ")[0])
    assert heads == [(name, n) for name, n in counts if n != "0"]  # in the report's order
    assert len(heads) == 7 and sum(int(n) for _, n in heads) == 522
    # each office's table has no office column: its header starts with the dates
    assert cases.count("期間 依頼団体 区分") >= 7


def test_workbook_columns_fit_their_japanese_headers_and_values(workbook: Any) -> None:
    from openpyxl.utils import get_column_letter

    for name in ("集計-支援件数", "集計-イベント出展", "集計-ニューズレター", "集計-JETAA事業"):
        ws = workbook[name]
        rows = _sheet(workbook, name)
        for c, header in enumerate(rows[0]):
            width = ws.column_dimensions[get_column_letter(c + 1)].width
            longest = max(text_width(r[c]) for r in rows[:-1] if r[c] is not None)
            assert width >= min(longest, WIDEST), (name, header, width)
    ws = workbook["集計-支援件数"]
    assert ws.column_dimensions["C"].width >= 16  # 都道府県・政令市: 8 wide characters
