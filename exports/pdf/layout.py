"""Page layout shared by the PDF summaries: fonts, styles, page frame, tables.

Every text is set in the embedded Japanese TrueType font (see :mod:`exports.pdf.fonts`).
Pages carry a running header (title and period) and "page n of N" in the footer;
tables repeat their header row on every page; their cells are wrapped into plain lines
by :mod:`exports.pdf.wrap`, which keeps 1,000-row tables fast.
"""

from __future__ import annotations

import re
import zlib
from collections.abc import Sequence
from functools import lru_cache
from typing import Any, cast
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import CondPageBreak, Flowable, KeepTogether, Paragraph, Table, TableStyle

from exports.labels import t
from exports.pdf.fallback import markup, runs, visible
from exports.pdf.pages import PagedTable, TextTable
from exports.pdf.wrap import DATE, widest_piece, wrap, wrap_at_marks

PAGE = A4
MARGIN = 15 * mm
WIDTH = PAGE[0] - 2 * MARGIN
FRAME_HEIGHT = PAGE[1] - 32 * mm - 12  # the summaries' 16 mm margins, the frame's padding
HEADER_BG = colors.HexColor("#e8eef6")
RULE = colors.HexColor("#9aa8b8")
TOTAL_BG = colors.HexColor("#f3f5f8")
MAX_LINES = 50  # a cell's lines at most: every row fits on one page
PAGED_FROM = 40  # rows; longer tables split a page at a time (PagedTable)
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff]")


class Styles:
    """Paragraph styles in one font; built once the font is registered."""

    def __init__(self, font: str) -> None:
        self.font = font
        self.title = ParagraphStyle("title", fontName=font, fontSize=17, leading=23, spaceAfter=2)
        self.subtitle = ParagraphStyle("subtitle", fontName=font, fontSize=11, leading=15)
        self.made = ParagraphStyle(
            "made",
            fontName=font,
            fontSize=8,
            leading=11,
            textColor=colors.HexColor("#555555"),
            spaceAfter=6,
        )
        self.h2 = ParagraphStyle(
            "h2",
            fontName=font,
            fontSize=13,
            leading=18,
            spaceBefore=10,
            spaceAfter=4,
            textColor=colors.HexColor("#1f3a5f"),
        )
        self.h3 = ParagraphStyle(
            "h3", fontName=font, fontSize=10.5, leading=14, spaceBefore=6, spaceAfter=3
        )
        self.body = ParagraphStyle("body", fontName=font, fontSize=9, leading=13)
        self.cell = ParagraphStyle("cell", fontName=font, fontSize=8, leading=10.5, wordWrap="CJK")
        self.cell_right = ParagraphStyle("cell_right", parent=self.cell, alignment=TA_RIGHT)
        # Latin text wraps at spaces; CJK line breaking would split "appointments" anywhere.
        self.cell_latin = ParagraphStyle("cell_latin", parent=self.cell, wordWrap=None)
        self.note = ParagraphStyle("note", fontName=font, fontSize=8, leading=11,
                                   textColor=colors.HexColor("#444444"))  # fmt: skip


def clean(text: object) -> str:
    """Text safe for a Paragraph: control and invisible characters dropped, markup escaped."""
    return escape(visible(_CONTROL.sub("", str(text))))


_CJK = re.compile(r"[\u3000-\u30ff\u3400-\u9fff\uf900-\ufaff\uff00-\uffef]")


def para(text: object, style: ParagraphStyle) -> Paragraph:
    """A Paragraph of plain ``text``, each run in the first font that has its glyphs."""
    return Paragraph(markup(_CONTROL.sub("", str(text)), style.fontName).replace("\n", "<br/>"),
                     style)  # fmt: skip


@lru_cache(maxsize=4096)  # offices, requesters, dates, staff repeat: one string each
def _lines(text: str, font: str, size: float, width: float) -> tuple[str, int]:
    """A cell's text wrapped to ``width`` as ``\\n``-joined lines, and how many."""
    lines = wrap(visible(_CONTROL.sub("", text)), font, size, width)
    if len(lines) > MAX_LINES:
        lines = [*lines[: MAX_LINES - 1], "…"]
    return "\n".join(lines), len(lines)


def table(
    header: Sequence[str],
    rows: Sequence[Sequence[object]],
    widths: Sequence[float],
    styles: Styles,
    *,
    numeric: Sequence[int] = (),
    total_row: bool = False,
    spans: bool = False,
    header_rows: Sequence[int] = (),
) -> Flowable:
    """A table with a repeated header row, wrapping only the cells that need it.

    Long tables (more rows than a page holds) are a :class:`PagedTable`, which splits
    in linear time; a cell's lines stop at :data:`MAX_LINES` (with "…") so that any
    row fits on one page.
    """
    pad = 6
    size = styles.cell.fontSize
    leading = styles.cell.leading
    widths = fit_widths(header, rows, widths, styles, numeric)
    # headers break only at 、・／ and spaces; their column is as wide as the widest piece
    body: list[list[Any]] = [["\n".join(wrap_at_marks(visible(h), styles.font, size,
                                                     widths[i] - pad))
                              for i, h in enumerate(header)]]  # fmt: skip
    heights: list[float | None] = [None]  # the header row is measured by reportlab
    spanned: list[int] = []  # rows with only a first cell: one cell across the table
    for r, row in enumerate(rows, 1):
        if spans and row and row[0] and all(v in ("", None) for v in row[1:]):
            spanned.append(r)
            text, n = _lines(str(row[0]), styles.font, size, sum(widths) - pad)
            body.append([text, *([""] * (len(row) - 1))])
            heights.append(n * leading + 4)
            continue
        cells = [  # numbers never break inside: "12,345" stays one line
            (str(v), 1) if i in numeric and v is not None else
            _lines("" if v is None else str(v), styles.font, size, widths[i] - pad)
            for i, v in enumerate(row)
        ]  # fmt: skip
        body.append([text for text, _ in cells])
        # Known heights spare reportlab measuring every row again at each page split.
        heights.append(max(n for _, n in cells) * leading + 4)
    commands: list[tuple[Any, ...]] = [
        ("FONT", (0, 0), (-1, -1), styles.font, styles.cell.fontSize, styles.cell.leading),
        ("BACKGROUND", (0, 0), (-1, 0), HEADER_BG),
        ("LINEBELOW", (0, 0), (-1, 0), 0.8, RULE),
        ("LINEBELOW", (0, 1), (-1, -1), 0.25, RULE),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 3),
        ("RIGHTPADDING", (0, 0), (-1, -1), 3),
        ("TOPPADDING", (0, 0), (-1, -1), 2),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
    ]
    for i in numeric:
        commands.append(("ALIGN", (i, 0), (i, -1), "RIGHT"))
    for r in spanned:
        commands += [("SPAN", (0, r), (-1, r)), ("BACKGROUND", (0, r), (-1, r), TOTAL_BG)]
    for r in header_rows:  # a header within the table (a series' own): as the header
        commands += [("BACKGROUND", (0, r + 1), (-1, r + 1), HEADER_BG),
                     ("LINEBELOW", (0, r + 1), (-1, r + 1), 0.8, RULE),
                     ("ALIGN", (0, r + 1), (-1, r + 1), "LEFT")]  # fmt: skip
    if total_row and rows:
        commands += [("BACKGROUND", (0, -1), (-1, -1), TOTAL_BG),
                     ("LINEABOVE", (0, -1), (-1, -1), 0.8, RULE)]  # fmt: skip
    style = TableStyle(commands)
    if len(rows) > PAGED_FROM and not total_row:
        return PagedTable(body[0], body[1:], cast(list[float], heights[1:]), widths, style)
    result = TextTable(body, colWidths=list(widths), rowHeights=heights, repeatRows=1,
                       hAlign="LEFT")  # fmt: skip
    result.setStyle(style)
    return result


_DATE_OR_NUMBER = re.compile(rf"{DATE}|[\d,]+")
_SAMPLE = 500  # rows looked at for the widest date: dates are alike, tables may be long


def fit_widths(header: Sequence[str], rows: Sequence[Sequence[object]], widths: Sequence[float],
               styles: Styles, numeric: Sequence[int] = ()) -> list[float]:  # fmt: skip
    """Column widths no narrower than the column's widest header piece (件数に計上),
    date (令和5年4月10日～12日) or number; what they need is taken from the columns
    with room to spare, in proportion, the table's width kept."""
    pad, size = 6.0, styles.cell.fontSize
    need = [widest_piece(visible(h), styles.font, size) + pad for h in header]
    for row in rows[:_SAMPLE]:
        for i, value in enumerate(row):
            if value is None or i >= len(need):
                continue
            text = str(value)
            if i in numeric:
                need[i] = max(need[i], stringWidth(text, styles.font, size) + pad)
            elif "年" in text or "-" in text or text[:1].isdigit():
                for found in _DATE_OR_NUMBER.findall(text):
                    need[i] = max(need[i], stringWidth(found, styles.font, size) + pad)
    out = list(widths)
    short = sum(max(0.0, n - w) for n, w in zip(need, out, strict=True))
    if short <= 0:
        return out
    spare = [max(0.0, w - n) for n, w in zip(need, out, strict=True)]
    if sum(spare) <= 0:
        return out
    give = min(1.0, short / sum(spare))
    return [max(w, n) if n > w else w - s * give
            for n, w, s in zip(need, out, spare, strict=True)]  # fmt: skip


def note(text: str, styles: Styles, width: float = WIDTH) -> Paragraph:
    """A note under a table, wrapped here (a katakana word such as スイス, a date, never
    split), each run in the font that has its glyphs."""
    lines = wrap(visible(_CONTROL.sub("", text)), styles.font, styles.note.fontSize, width - 4)
    return para("\n".join(lines), styles.note)


def numbered_canvas(font: str, lang: str, running_title: str) -> type[Canvas]:
    """A canvas class that writes the running header and "page n of N" on each page."""

    class NumberedCanvas(Canvas):  # type: ignore[misc]
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            kwargs["initialFontName"] = font  # never reference the unembedded Helvetica
            super().__init__(*args, **kwargs)
            self._pages: list[dict[str, Any]] = []

        def showPage(self) -> None:  # noqa: N802 - reportlab's name
            # The page waits for the page count; its drawing is kept compressed (a
            # 3,700-page report's operators would otherwise take ~200 MiB meanwhile).
            state = dict(self.__dict__)
            state["_code"] = zlib.compress(
                "\n".join(self._code).encode("utf-8", "surrogatepass"), 1
            )
            self._pages.append(state)
            self._startPage()

        def save(self) -> None:
            total = len(self._pages)
            pages, self._pages = self._pages, []
            pages.reverse()
            while pages:
                state = pages.pop()  # each page's state is let go once written
                state.pop("_pages", None)
                code = zlib.decompress(state["_code"]).decode("utf-8", "surrogatepass")
                self.__dict__.update(state)
                self._code = [code]
                self._decorate(total)
                super().showPage()
            super().save()

        def _decorate(self, total: int) -> None:
            width, height = PAGE
            self.saveState()
            self.setFont(font, 7.5)
            self.setFillColor(colors.HexColor("#666666"))
            if self._pageNumber > 1:  # each run in the font that has its glyphs
                x = MARGIN
                for name, part in runs(visible(running_title), font):
                    self.setFont(name, 7.5)
                    self.drawString(x, height - 10 * mm, part)
                    x += self.stringWidth(part, name, 7.5)
                self.setFont(font, 7.5)
            self.drawRightString(
                width - MARGIN, 9 * mm, t("page", lang, n=self._pageNumber, total=total)
            )
            self.restoreState()

    return NumberedCanvas


def start_height(flowable: Flowable, rows: int = 2) -> float:
    """The height of what must share a page with the heading above ``flowable``: a
    table's header and first ``rows`` rows, or the flowable itself."""
    if isinstance(flowable, CondPageBreak):
        return float(flowable.height)
    if isinstance(flowable, KeepTogether):
        content = flowable._content  # noqa: SLF001 - reportlab keeps its flowables there
        return start_height(content[0], rows) if content else 0.0
    if isinstance(flowable, PagedTable):
        return flowable.header_height + sum(flowable.heights[:rows])
    if isinstance(flowable, Table):
        flowable.wrap(WIDTH, 1e6)
        return float(sum(flowable._rowHeights[: rows + 1]))  # noqa: SLF001
    _, height = flowable.wrap(WIDTH, 1e6)
    return float(height + flowable.getSpaceBefore() + flowable.getSpaceAfter())


def with_heading(heading: Flowable, rest: Sequence[Flowable]) -> list[Flowable]:
    """``heading`` and what follows it, never the heading alone at a page's foot: a
    page break comes first unless the heading and the first table's header and two
    rows (or the next heading's own such block) fit on this page."""
    need = start_height(heading) + (start_height(rest[0]) if rest else 0.0)
    return [CondPageBreak(need), heading, *rest]
