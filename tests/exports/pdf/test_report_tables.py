"""The annual report's tables in the HQ PDF and the consolidated workbook, from the demo
year: wording, columns and figures as printed, read back with pdftotext and openpyxl."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path
from typing import Any

import pytest

from db.schema.fiscal import fy_period
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
    from db.storage.database import open_database

    db = open_database(demo_template)
    path = tmp_path_factory.mktemp("report") / "hq.pdf"
    write_summary(db, path, FY2023, None, "ja")
    db.close()
    return pdftotext(path)


@pytest.fixture(scope="module")
def workbook(demo_template: Path, tmp_path_factory: pytest.TempPathFactory) -> Any:
    from openpyxl import load_workbook

    from db.storage.database import open_database

    db = open_database(demo_template)
    path = tmp_path_factory.mktemp("report") / "hq.xlsx"
    consolidate(db, path, FY2023, "ja")
    db.close()
    return load_workbook(path)


def _sheet(book: Any, name: str) -> list[list[Any]]:
    return [list(row) for row in book[name].iter_rows(values_only=True)]


@pytest.mark.slow
def test_newsletter_table_names_each_newsletter_and_its_main_contents(
    hq_pdf: str, workbook: Any
) -> None:
    text = squash(hq_pdf)
    assert "＜ニューズレター発行状況＞ 海外事務所 ニューズレター名 主な内容 発行回数" in text
    london = hq_pdf[hq_pdf.index("＜ニューズレター発行状況＞") :]
    assert re.search(r"ロンドン\s+JLGC e-newsletter\s+事務所事業紹介、派遣元自治体紹介", london)
    rows = _sheet(workbook, "集計-ニューズレター")
    assert rows[0] == ["海外事務所", "ニューズレター名", "主な内容", "発行回数"]
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
    from db.read import rows as R
    from db.schema.offices import OFFICE_CODES, office

    with demo_db.session() as s:
        counts = [(f"{office(c).name('ja')}事務所", str(len(R.cases(s, FY2023, c))))
                  for c in OFFICE_CODES]  # fmt: skip
    text = squash(hq_pdf)
    cases = text[text.index("4. 海外活動支援（522）") :]
    heads = re.findall(r"(\S+事務所)（(\d+)）", cases.split("5. ")[0])
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


def _section(text: str, title: str) -> str:
    """The text of one printed table: from its title to the next title or section."""
    start = text.index(title)
    rest = text[start + len(title) :]
    title_line = re.search(r"\n＜[^\n]*＞\s*\n", rest)  # a table's title starts its line
    ends = [i for i in (title_line.start() if title_line else -1, rest.find("\n3. "),
                        rest.find("\n4. ")) if i >= 0]  # fmt: skip
    return rest[: min(ends)] if ends else rest


def test_hq_pdf_prints_the_years_tables_with_the_reports_figures(hq_pdf: str) -> None:
    order = [
        "＜ニューヨーク事務所主催 「オンラインセミナー」概要＞",
        "＜ロンドン事務所主催 「オンラインセミナー」概要＞",
        "＜パリ事務所主催セミナー概要＞",
        "＜シンガポール事務所主催「海外経済セミナー」概要＞",
        "＜シドニー事務所主催「地域産品輸出促進オンラインセミナー」概要＞",
        "＜北京事務所主催ウェビナー概要＞",
        "＜取材協力等による海外マスメディア等での PR 実施･支援一覧＞",
        "＜クレアが主催した経済交流関係イベント等一覧＞",
        "＜海外で共催･参加した経済交流関係イベント等一覧＞",
        "＜海外事務所での料理体験イベント一覧＞",
        "＜海外事務所における JETAA 等との連携による事業一覧＞",
        "＜海外自治体幹部交流協力セミナー一覧＞",
        "＜海外における日本の施策 PR のためのセミナー等開催状況＞",
        "＜日本の自治体から各国に派遣されている駐在員を対象にしたセミナー等一覧＞",
        "＜クレアレポート一覧＞",
        "＜自治体職員数と自治体名＞",
        "＜海外依頼調査件名（一部抜粋）＞",
    ]
    places = [hq_pdf.index(title) for title in order]
    assert places == sorted(places)  # the annual report's order
    reports = _section(hq_pdf, "＜クレアレポート一覧＞")
    offices = re.findall(r"^\s*(ニューヨーク|ロンドン|パリ|シンガポール|ソウル|シドニー|北京)\s",
                         reports, re.M)  # fmt: skip
    assert len(offices) == 21 and re.search(r"計\s+21本", reports)
    assert [offices.count(o) for o in ("ニューヨーク", "ロンドン", "パリ", "シンガポール", "ソウル",
                                       "シドニー", "北京")] == [3, 3, 6, 4, 3, 2, 0]  # fmt: skip
    london = _section(hq_pdf, "＜ロンドン事務所主催 「オンラインセミナー」概要＞")
    assert len(re.findall(r"第\d+回", london)) == 10 and "計" not in london  # no 計 row, as printed
    assert re.search(r"計\s+9回", _section(hq_pdf, "＜海外における日本の施策 PR"))
    assert re.search(
        r"計\s+7回\s+7自治体\s+54名", _section(hq_pdf, "＜海外自治体幹部交流協力セミナー一覧＞")
    )
    assert re.search(r"68自治体", _section(hq_pdf, "＜取材協力等による海外マスメディア等での PR"))
    assert re.search(r"10団体", _section(hq_pdf, "＜海外事務所での料理体験イベント一覧＞"))
    assert re.search(r"計\s+50名\s+42団体", _section(hq_pdf, "＜自治体職員数と自治体名＞"))
    policy = _section(hq_pdf, "＜海外における日本の施策 PR")
    assert re.search(r"約100", policy)  # printed as 約 where the report says so


def test_workbook_carries_the_years_tables_from_the_records(workbook: Any) -> None:
    per_office = {}
    for code in ("NYC", "LON", "PAR", "SIN", "SYD", "BEJ"):  # a sheet an office, as printed
        seminars = _sheet(workbook, f"集計-事務所主催セミナー-{code}")
        assert seminars[0][0] == "実施日" and seminars[0][-2:] == ["事業概要", "参加者数"]
        # 102名, or 合計 102 名 for one held on site and online (Singapore's, as printed)
        per_office[code] = [int(re.sub(r"\D", "", r[-1])) for r in seminars[1:]]
    assert {c: len(v) for c, v in per_office.items()} == {
        "NYC": 1, "LON": 10, "PAR": 2, "SIN": 1, "SYD": 3, "BEJ": 1}  # fmt: skip
    assert sum(sum(v) for v in per_office.values()) == 3396
    reports = _sheet(workbook, "集計-クレアレポート")
    assert reports[0] == ["海外事務所", "刊行物名"] and len(reports) == 1 + 21 + 1
    assert reports[-1] == ["計", "21本"]
    staff = _sheet(workbook, "集計-自治体職員")
    assert staff[-1] == ["計", "50名", "42団体"]  # as printed: ６名…
    assert sum(int(r[1].removesuffix("名")) for r in staff[1:-1]) == 50
    executive = _sheet(workbook, "集計-幹部交流セミナー")
    assert executive[-1] == ["計", "7回", "7自治体", "54名"]


def test_the_office_summary_has_its_own_tables(demo_db: Any, tmp_path: Path) -> None:
    path = write_summary(demo_db, tmp_path / "sin.pdf", FY2023, "SIN", "ja")
    text = pdftotext(path)
    reports = _section(text, "＜クレアレポート一覧＞")
    assert re.search(r"計 4本", reports) and "海外事務所" not in reports  # no office column
    # a table without a 計 row and no rows says so, not an empty header
    assert "該当なし" in _section(text, "＜クレアが主催した経済交流関係イベント等一覧＞")
    seminar = _section(text, "＜シンガポール事務所主催「海外経済セミナー」概要＞")
    assert re.search(r"現地及び.*合計\s*102\s*名", seminar, re.S) and "開催方法" in seminar
    assert "該当なし" in _section(text, "＜海外自治体幹部交流協力セミナー一覧＞") or re.search(
        r"計 1回", _section(text, "＜海外自治体幹部交流協力セミナー一覧＞"))  # fmt: skip
