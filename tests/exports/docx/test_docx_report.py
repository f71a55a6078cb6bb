"""The overseas section as a Word document (issue #24): ``report -o x.docx``.

The .docx is read three ways: python-docx (real Word tables with the report's header
rows, fonts named per script, none embedded), LibreOffice Writer headless (converted to
PDF and read with pdftotext: the same figures as the app's PDF), and beside the
consolidated workbook (each table's 計 row the same in the .docx, the workbook and the
PDF).
"""

from __future__ import annotations

import re
import shutil
import subprocess
import zipfile
from pathlib import Path
from typing import Any

import pytest

from db.schema.fiscal import fy_period
from db.storage.database import open_database
from exports.pdf.report import write_summary
from exports.xlsx.consolidate import consolidate
from office_ledger.cli.commands import main

pytestmark = pytest.mark.slow
FY2023 = fy_period(2023)


def _docx(demo_path: Path, tmp_path: Path, lang: str) -> Path:
    out = tmp_path / f"overseas-{lang}.docx"
    assert main(["--db", str(demo_path), "report", "--fy", "2023", "--lang", lang,
                 "-o", str(out)]) == 0  # fmt: skip
    return out


def _tables(path: Path) -> list[list[list[str]]]:
    from docx import Document

    return [[[cell.text for cell in row.cells] for row in table.rows]
            for table in Document(str(path)).tables]  # fmt: skip


def _text(pdf: Path) -> str:
    out = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True,
                         text=True, check=True).stdout  # fmt: skip
    return re.sub(r"\s+", "", out)  # Writer spaces Japanese from digits: 10 団体


def _writer_pdf(docx: Path, tmp_path: Path) -> Path:
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        pytest.skip("LibreOffice is not installed")
    profile = tmp_path / "lo-profile"
    subprocess.run([soffice, f"-env:UserInstallation=file://{profile}", "--headless",
                    "--convert-to", "pdf", "--outdir", str(tmp_path), str(docx)],
                   check=True, capture_output=True, timeout=180)  # fmt: skip
    pdf = tmp_path / f"{docx.stem}.pdf"
    if not pdf.is_file():
        pytest.skip("LibreOffice has no Writer to convert a .docx (libreoffice-writer-nogui)")
    return pdf


def test_the_word_document_has_the_reports_tables_and_fonts(demo_path: Path,
                                                              tmp_path: Path) -> None:  # fmt: skip
    from docx import Document
    from docx.oxml.ns import qn

    path = _docx(demo_path, tmp_path, "ja")
    doc = Document(str(path))
    headings = [p.text for p in doc.paragraphs
                if p.style is not None and p.style.name.startswith("Heading")]  # fmt: skip
    assert headings[:3] == ["７ 海外事務所を自治体の頼れる海外拠点に",
                            "○ 自治体の海外活動に対する支援の充実",
                            "（１）自治体の海外活動における支援"]  # fmt: skip
    assert "＜海外依頼調査件名（一部抜粋）＞" in headings
    body = "\n".join(p.text for p in doc.paragraphs)
    assert "令和5年度は全海外事務所で計 435 件の支援を行った。" in body  # from the tallies
    assert "シンガポール、ソウル、北京の各海外事務所では" in body and "計 10 団体" in body
    tables = _tables(path)
    assert tables[0][0] == ["海外事務所", "支援件数(件)", "都道府県・政令市", "市町村", "その他"]
    assert tables[0][1] == ["ニューヨーク", "52", "35", "10", "7"]
    assert tables[0][-1] == ["計", "435", "322", "68", "45"]
    assert tables[1][0] == ["調査件名", "調査実施事務所"]
    # every per-office table of the PDF: 4 of the tallies, 18 lists (the offices' seminars
    # one table an office, the events CLAIR hosted one table an event, as printed)
    assert len(tables) == 22
    header = doc.tables[0].rows[0]._tr.trPr  # repeated on every page
    assert header is not None and header.find(qn("w:tblHeader")) is not None
    fonts = doc.styles["Normal"].element.rPr.rFonts
    assert fonts.get(qn("w:eastAsia")) == "IPAexGothic"
    assert fonts.get(qn("w:hAnsi")) == "DejaVu Sans" and fonts.get(qn("w:cs")) == "DejaVu Sans"
    with zipfile.ZipFile(path) as z:  # named, not embedded
        assert not [n for n in z.namelist() if n.startswith("word/fonts/")]
    english = Document(str(_docx(demo_path, tmp_path, "en")))
    text = "\n".join(p.text for p in english.paragraphs)
    assert "In FY2023 the overseas offices gave 435 support cases in all." in text


def test_writer_reads_the_same_figures_as_the_pdf_and_the_workbook(
    demo_path: Path, tmp_path: Path
) -> None:
    import openpyxl

    docx = _docx(demo_path, tmp_path, "ja")
    writer = _text(_writer_pdf(docx, tmp_path))
    db = open_database(demo_path)
    try:
        pdf = _text(write_summary(db, tmp_path / "hq.pdf", FY2023, None, "ja"))
        book = openpyxl.load_workbook(consolidate(db, tmp_path / "hq.xlsx", FY2023, "ja").path)
    finally:
        db.close()
    for figures in ("ニューヨーク 52 35 10 7", "計 435 322 68 45",
                    "15 自治体等から依頼のあった 24 件のうち 11 件",  # as stated, beside the count
                    "計 9回 1,479名", "計 7回 7自治体 54名", "計 6件 68自治体", "計 7回 10団体",
                    "計 50名 42団体", "計 21本", "計 39件 13か国", "計 48件"):  # fmt: skip
        assert figures.replace(" ", "") in pdf, figures
        assert figures.replace(" ", "") in writer, figures
    tables = _tables(docx)
    compared = 0
    for sheet in book.worksheets:
        rows: list[list[Any]] = [[c for c in row] for row in sheet.iter_rows(values_only=True)]
        if not rows or rows[0][0] is None:
            continue
        header = [str(c) for c in rows[0] if c is not None]
        match = [t for t in tables if t[0] == header]
        if not match:
            continue
        total = next((r for r in rows if r[0] == "計"), None)
        if total is None:
            continue
        as_text = [f"{v:,}" if isinstance(v, int) else ("" if v is None else str(v))
                   for v in total][: len(header)]  # fmt: skip
        assert match[0][-1] == as_text, sheet.title  # the .docx's 計 row is the workbook's
        compared += 1
    assert compared >= 10


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_every_table_row_is_the_same_in_the_docx_the_workbook_and_the_pdf(
    demo_path: Path, tmp_path: Path, lang: str
) -> None:
    """Not only the 計 rows: every sheet of the consolidated workbook that is one of the
    report's tables has a table in the .docx with the same header and the same rows,
    cell for cell (a row spanned across the table reads as its one cell), and every
    number of those rows is in the PDF's text."""
    import openpyxl

    docx = _docx(demo_path, tmp_path, lang)
    db = open_database(demo_path)
    try:
        pdf = _text(write_summary(db, tmp_path / "hq.pdf", FY2023, None, lang))
        book = openpyxl.load_workbook(consolidate(db, tmp_path / "hq.xlsx", FY2023, lang).path)
    finally:
        db.close()

    def cells(row: list[Any]) -> list[str]:
        text = [f"{v:,}" if isinstance(v, int) else ("" if v is None else str(v)) for v in row]
        if len(text) > 1 and all(c == text[0] for c in text):  # merged in the .docx
            return [text[0], *[""] * (len(text) - 1)]
        return text

    tables = [[cells(r) for r in t] for t in _tables(docx)]
    compared = 0
    for sheet in book.worksheets:
        rows = [list(r) for r in sheet.iter_rows(values_only=True)]
        if not rows or rows[0][0] is None:
            continue
        width = len([c for c in rows[0] if c is not None])
        # the table ends at the first empty row (a note or an event's paragraph below)
        end = next((i for i, r in enumerate(rows) if all(v is None for v in r)), len(rows))
        body = [cells(r[:width]) for r in rows[:end]]
        alike = [t for t in tables if t and t[0] == body[0]]  # tables of this header
        if not alike:
            continue
        assert body in alike, sheet.title  # one of them has every row, every cell
        tables.remove(body)
        numbers = {n for row in body[1:] for c in row for n in re.findall(r"\d[\d,]*", c)}
        missing = [n for n in numbers if n not in pdf]
        assert not missing, (sheet.title, missing[:5])
        compared += 1
    assert compared >= 15, compared


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_writer_breaks_no_date_and_no_header_word(
    demo_path: Path, tmp_path: Path, lang: str
) -> None:
    """As LibreOffice Writer lays the .docx out: no date range broken after its ～ or
    inside a date (2023-10-18 – 2023-10- / 22), no header word broken (Participan /
    ts): a column is as wide as its widest header word and date line. Paris's media
    dates (＜パリ展＞ 令和5年11月14日～11月25日, the report's own words) may wrap."""
    pdf = _writer_pdf(_docx(demo_path, tmp_path, lang), tmp_path)
    lines = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True,
                           text=True, check=True).stdout.splitlines()  # fmt: skip
    broken = [x for x in lines if "＜パリ展＞" not in x and
              re.search(r"日～(\s{2,}|$)|～\s?\d+(\s{2,}|$)|\d{4}-\d{2}-(\s|$)|Participan(\s|$)",
                        x)]  # fmt: skip
    assert not broken, broken[:5]
