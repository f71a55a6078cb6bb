"""The annual report's overseas section as a Word document headquarters can finish.

``write_overseas_docx(db, path, period, lang)`` writes, with python-docx, the section
as the report prints it (７ 海外事務所を自治体の頼れる海外拠点に): its headings, the
sentences with figures (:mod:`exports.report_prose`, from the tallies), and every
per-office table of :mod:`exports.report_tables` — the same tables, in the same order,
as the PDF and the consolidated workbook — each a real Word table with the report's
header row (repeated on every page) and its note.

Fonts are named per script, never embedded: the Japanese font (``w:eastAsia``: IPAex
Gothic, as the PDF), a Latin font with Vietnamese (``w:hAnsi``/``w:cs``: DejaVu Sans),
and Nanum Gothic for runs of Hangul. Word or Writer uses them where installed and its
own substitutes elsewhere. The file is written atomically (temporary file, renamed).
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path
from typing import Any

from db.schema.fiscal import Period, format_fy
from db.schema.offices import OFFICE_CODES
from db.storage.database import Database
from exports.atomic import replacing
from exports.labels import t
from exports.report_prose import cooking_sentence, research_sentence, support_sentence
from exports.report_tables import NO_STATED, ReportTable, Stated, year_stated

JAPANESE_FONT = "IPAexGothic"
LATIN_FONT = "DejaVu Sans"
HANGUL_FONT = "NanumGothic"
MARGIN_MM = 18
TEXT_WIDTH_MM = 210 - 2 * MARGIN_MM
_HANGUL = re.compile(r"([\u1100-\u11ff\u3130-\u318f\uac00-\ud7af]+)")


def _set_fonts(element: Any, lang: str, east_asia: str = JAPANESE_FONT) -> None:
    """Name the fonts of a style's or a run's properties per script (w:rFonts)."""
    from docx.oxml.ns import qn

    rpr = element.get_or_add_rPr()
    fonts = rpr.get_or_add_rFonts()
    for theme in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        fonts.attrib.pop(qn(theme), None)  # a theme font would win over the names
    fonts.set(qn("w:ascii"), JAPANESE_FONT if lang == "ja" else LATIN_FONT)
    fonts.set(qn("w:hAnsi"), LATIN_FONT)
    fonts.set(qn("w:eastAsia"), east_asia)
    fonts.set(qn("w:cs"), LATIN_FONT)


def _text(paragraph: Any, text: str, lang: str, bold: bool = False) -> None:
    """``text`` as runs: Hangul in its own runs with the Hangul font, lines broken."""
    from docx.oxml.ns import qn

    for piece in _HANGUL.split(text):
        if not piece:
            continue
        run = paragraph.add_run(piece)
        run.bold = bold or None
        if _HANGUL.fullmatch(piece):
            _set_fonts(run._r, lang, HANGUL_FONT)  # noqa: SLF001 - python-docx's element
            run._r.get_or_add_rPr().get_or_add_rFonts().set(qn("w:hint"), "eastAsia")  # noqa: SLF001


def _repeat_header(row: Any) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    trpr = row._tr.get_or_add_trPr()  # noqa: SLF001
    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    trpr.append(header)


# a piece of a cell that must stay on one line: broken only at blanks, 、・／ and after ～
_PIECES = re.compile(r"[\s、・／/]+|(?<=[～~])")
# a line of dates or numbers (令和5年4月10日～12日, 2023-10-18 – 2023-10-22, ① 10 名):
# kept on one line whole, as the PDF keeps it
_DATE_OR_NUMBER = re.compile(r"[\d,.\-–～~年月日令和元()（）①-⑳ 名約approx]+")
CELL_PAD_MM = 4.5  # Word's default cell margins (1.9 mm a side) and a little room


def _piece_mm(text: str) -> float:
    """How wide (mm, at the tables' 8 pt) the widest piece of ``text`` is: a wide
    (Japanese) character about 2.9 mm, another about 1.75 mm."""
    return max((_width_mm(piece) for piece in _PIECES.split(text) if piece), default=0.0)


def _width_mm(text: str) -> float:
    """A wide character about 2.9 mm, another 1.8 mm, and Writer's autospace (about
    0.8 mm) where Japanese meets Latin or digits (令和 5 年 10 月)."""
    wide = [unicodedata.east_asian_width(ch) in "WF" for ch in text]
    turns = sum(a != b for a, b in zip(wide, wide[1:], strict=False))
    return sum(2.9 if w else 1.8 for w in wide) + 0.8 * turns


def column_widths(rt: ReportTable) -> list[float]:
    """Each column's width in mm: the PDF's proportions over the page's width, but no
    narrower than the column's widest header word (Participants, 件数に計上) or date or
    number of its first 500 rows, taken from the columns with room to spare."""
    shares = rt.shares if len(rt.shares) == len(rt.header) else (1.0,) * len(rt.header)
    widths = [TEXT_WIDTH_MM * share / sum(shares) for share in shares]
    need = [_piece_mm(h) + CELL_PAD_MM for h in rt.header]
    for row in rt.rows[:500]:
        for c, value in enumerate(row[: len(need)]):
            lines = ("" if value is None else str(value)).split("\n")
            if any(lines) and all(_DATE_OR_NUMBER.fullmatch(x) for x in lines if x):
                need[c] = max(need[c], *(_width_mm(x) + CELL_PAD_MM for x in lines))
    short = sum(max(0.0, n - w) for n, w in zip(need, widths, strict=True))
    spare = [max(0.0, w - n) for n, w in zip(need, widths, strict=True)]
    if short <= 0 or sum(spare) < short:
        return widths
    return [max(n, w - short * s / sum(spare)) for n, w, s in zip(need, widths, spare, strict=True)]


def _table(doc: Any, rt: ReportTable, lang: str) -> None:
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Mm, Pt

    if not rt.continues:
        doc.add_paragraph(style="Heading 3").add_run(rt.title)
    for i, line in enumerate(rt.lead):  # an event's name (bold), then its paragraph
        for text in line.split("\n"):
            paragraph = doc.add_paragraph(style="Normal")
            if i == 0:  # apart from the table above it
                paragraph.paragraph_format.space_before = Pt(8)
            _text(paragraph, text, lang, bold=i == 0)
    table = doc.add_table(rows=1 + len(rt.rows), cols=len(rt.header))
    table.style = "Table Grid"
    table.autofit = False
    _repeat_header(table.rows[0])
    for c, mm in enumerate(column_widths(rt)):  # the PDF's proportions, words kept whole
        width = Mm(mm)
        table.columns[c].width = width
        for cell in table.columns[c].cells:
            cell.width = width
    for r, values in enumerate([rt.header, *rt.rows]):
        for c, value in enumerate(values):
            cell = table.cell(r, c)
            text = f"{value:,}" if isinstance(value, int) and not isinstance(value, bool) else (
                "" if value is None else str(value))  # fmt: skip
            paragraph = cell.paragraphs[0]
            _text(paragraph, text, lang, bold=r == 0 or (rt.total and r == len(rt.rows))
                  or r - 1 in rt.header_rows)  # fmt: skip
            for run in paragraph.runs:
                run.font.size = Pt(8)
            if c in rt.numeric and r > 0:
                paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    if rt.headings:  # a series' name across the table, as the report prints it
        for r, values in enumerate(rt.rows, 1):
            if values and values[0] and all(v in ("", None) for v in values[1:]):
                table.cell(r, 0).merge(table.cell(r, len(values) - 1))
    if rt.note:
        _text(doc.add_paragraph(style="Normal"), rt.note, lang)


def build_document(tables: list[ReportTable], figures: Any, lang: str,
                   stated: Stated = NO_STATED) -> Any:  # fmt: skip
    """The Word document of the overseas section (python-docx ``Document``); ``stated``:
    the year's research requests as the report states them."""
    from docx import Document
    from docx.shared import Mm, Pt

    doc = Document()
    page = doc.sections[0]  # A4, as the report
    page.page_width, page.page_height = Mm(210), Mm(297)
    page.left_margin = page.right_margin = Mm(MARGIN_MM)
    for name in ("Normal", "Title", "Heading 1", "Heading 2", "Heading 3", "Table Grid"):
        _set_fonts(doc.styles[name].element, lang)
    doc.styles["Normal"].font.size = Pt(10.5)
    doc.core_properties.title = t("prose.docx_title", lang,
                                  fy=format_fy(figures.fiscal_year, lang))  # fmt: skip
    doc.core_properties.language = lang
    doc.add_paragraph(doc.core_properties.title, style="Title")

    support, research = tables[0], tables[-1]  # ＜海外活動支援件数＞ … ＜海外依頼調査件名…＞
    doc.add_heading(t("prose.section", lang), level=1)
    doc.add_heading(t("prose.support_group", lang), level=2)
    doc.add_heading(t("prose.support_heading", lang), level=3)
    _text(doc.add_paragraph(), support_sentence(figures, lang), lang)
    _table(doc, support, lang)
    doc.add_heading(t("prose.cooking_heading", lang), level=3)
    _text(doc.add_paragraph(), cooking_sentence(figures, lang), lang)
    doc.add_heading(t("prose.research_group", lang), level=2)
    _text(doc.add_paragraph(), research_sentence(figures, lang, stated), lang)
    _table(doc, research, lang)
    doc.add_heading(t("prose.tables", lang), level=1)
    for rt in tables[1:-1]:
        _table(doc, rt, lang)
    return doc


def overseas_tables(data: Any, lang: str) -> list[ReportTable]:
    """The support-case table first, the research requests last, the others between."""
    from exports.pdf.report import printed_tables
    from exports.report_tables import hq_tables

    tables = [*hq_tables(data.tally, data.issues, lang), *printed_tables(data, lang)]
    research = [rt for rt in tables if rt.sheet == t("year.sheet.research", lang)]
    return [*(rt for rt in tables if rt not in research), *research]


def write_overseas_docx(db: Database, path: str | Path, period: Period,
                        lang: str = "ja") -> Path:  # fmt: skip
    """Write the overseas section of the year's report as a .docx file."""
    from exports.pdf.data import gather

    target = Path(path)
    with gather(db, period, None) as data:

        def read(kind: Any) -> list[Any]:
            return [r for code in OFFICE_CODES for r in data.records(kind, code)]

        doc = build_document(overseas_tables(data, lang), data.tally, lang, year_stated(read))
    with replacing(target) as tmp:
        doc.save(str(tmp))
    return target
