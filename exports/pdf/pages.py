"""A long table that splits itself a page at a time, in time and memory linear in its rows.

reportlab's ``Table`` splits by building a new ``Table`` of *all* the rows left and
measuring them again (``Table.__init__``, ``Table._calc_height``) at every page
break, so a table of N rows over P pages costs O(N·P): the 100,000-case headquarters
report took 422 s. :class:`PagedTable` knows its rows' heights (the cells are already
wrapped into lines by :mod:`exports.pdf.wrap`), finds how many rows fit a page by
bisecting their running heights, and hands reportlab one small ``Table`` per page
(the header row repeated); the rows left are the same lists, seen from a later start.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence
from itertools import accumulate
from typing import Any

from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, Table, TableStyle

from exports.pdf.fallback import runs


class TextTable(Table):  # type: ignore[misc]
    """A ``Table`` that writes its plain-text cells into one PDF text object per table.

    reportlab draws every line of every cell with ``drawString``, each its own text
    object (``BT … ET``) built and formatted anew: most of a long table's drawing time.
    Here left- and right-aligned text cells at the top of their cell (what
    :func:`exports.pdf.layout.table` makes) only move the text origin and write the
    line; anything else (the header's Paragraphs) is drawn by reportlab as before.
    """

    def draw(self) -> None:
        self._text = self.canv.beginText()
        self._text_state: tuple[Any, ...] | None = None
        super().draw()
        self.canv.drawText(self._text)

    def _drawCell(self, value: Any, style: Any, pos: Any, size: Any) -> None:  # noqa: N802
        just = style.alignment
        if (isinstance(value, tuple | list | Flowable) or just not in ("LEFT", "RIGHT")
                or style.valign != "TOP" or style.href or style.destination
                or style.direction or style.shaping):  # fmt: skip
            super()._drawCell(value, style, pos, size)
            return
        text = self._text
        font, points, leading = style.fontname, style.fontsize, style.leading
        state = (font, points, leading, style.color)
        if state != self._text_state:
            text.setFont(font, points, leading)
            text.setFillColor(style.color)
            self._text_state = state
        (left, bottom), (width, height) = pos, size
        y = bottom + height - style.topPadding - points
        for line in str(value).split("\n"):
            if line:
                parts = runs(line, font)  # each run in the font that has its glyphs
                x = left + style.leftPadding
                if just == "RIGHT":
                    x = (
                        left
                        + width
                        - style.rightPadding
                        - sum(stringWidth(p, name, points) for name, p in parts)
                    )
                text.setTextOrigin(x, y)
                for name, part in parts:
                    if name != font:
                        text.setFont(name, points, leading)
                    text.textOut(part)
                    if name != font:
                        text.setFont(font, points, leading)
            y -= leading


class PagedTable(Flowable):  # type: ignore[misc]
    """Rows ``start:`` of a table whose rows have known heights; splits at page breaks."""

    def __init__(
        self,
        header: list[Any],
        body: list[list[str]],
        heights: list[float],
        widths: Sequence[float],
        style: TableStyle,
        *,
        start: int = 0,
        header_height: float | None = None,
        tops: list[float] | None = None,
    ) -> None:
        super().__init__()
        self.header, self.body, self.heights = header, body, heights
        self.widths = list(widths)
        self.style = style
        self.start = start
        self.hAlign = "LEFT"
        # tops[i]: the height of rows 0..i-1, shared by every later part of the table
        self.tops = tops if tops is not None else [0.0, *accumulate(heights)]
        if header_height is None:
            probe = Table([header], colWidths=self.widths)
            probe.setStyle(style)
            header_height = float(probe.wrap(sum(self.widths), 1e6)[1])
        self.header_height = header_height
        self.width = sum(self.widths)

    def _table(self, stop: int) -> Table:
        rows = self.body[self.start : stop]
        part = TextTable(
            [self.header, *rows], colWidths=self.widths,
            rowHeights=[self.header_height, *self.heights[self.start : stop]],
            repeatRows=1, hAlign="LEFT",
        )  # fmt: skip
        part.setStyle(self.style)
        return part

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        left = self.tops[-1] - self.tops[self.start]
        self.height = self.header_height + left
        return self.width, self.height

    def split(self, avail_width: float, avail_height: float) -> list[Any]:
        room = avail_height - self.header_height
        # the last row whose bottom is within room (a float tolerance for rounding)
        stop = bisect_right(self.tops, self.tops[self.start] + room + 1e-6) - 1
        stop = min(stop, len(self.body))
        if stop <= self.start:
            return []  # not even one row fits: the frame moves to the next page
        rest = PagedTable(
            self.header, self.body, self.heights, self.widths, self.style, start=stop,
            header_height=self.header_height, tops=self.tops,
        )  # fmt: skip
        return [self._table(stop), rest]

    def draw(self) -> None:
        part = self._table(len(self.body))
        part.wrapOn(self.canv, self.width, self.height)
        part.drawOn(self.canv, 0, 0)
