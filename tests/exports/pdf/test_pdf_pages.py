"""Long PDF tables split a page at a time: every row once, in order, header on each page,
and reportlab is handed each row once (not all remaining rows at every page break)."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path
from typing import Any

import pytest
from reportlab.platypus import Paragraph, SimpleDocTemplate, Table

from exports.pdf.fonts import japanese_font
from exports.pdf.layout import MAX_LINES, PAGE, Styles, table
from exports.pdf.pages import PagedTable


def pdftotext(path: Path) -> list[str]:
    """Each page's text, as poppler's pdftotext reads it (pages split at form feeds)."""
    out = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True,
                         text=True, check=True).stdout  # fmt: skip
    return out.split("\f")[:-1]


def _build(path: Path, flowables: list[Any]) -> None:
    SimpleDocTemplate(str(path), pagesize=PAGE).build(flowables)


def _rows(n: int) -> list[list[object]]:
    # rows of one to four lines, so page breaks fall at varying places
    return [[f"R{i:04d}", "東京都" * (1 + i % 4 * 6), i] for i in range(n)]


def test_every_row_is_printed_once_in_order_with_the_header_on_each_page(
    tmp_path: Path,
) -> None:
    st = Styles(japanese_font().name)
    long = table(["番号", "依頼団体", "件数"], _rows(700), [60, 150, 60], st, numeric=[2])
    assert isinstance(long, PagedTable)
    path = tmp_path / "long.pdf"
    _build(path, [Paragraph("見出し", st.h2), long])
    pages = pdftotext(path)
    assert len(pages) > 10
    seen = [int(m) for page in pages for m in re.findall(r"R(\d{4})", page)]
    assert seen == list(range(700))  # none lost or doubled at a page break
    for page in pages:
        assert page.strip().splitlines()[0 if page is not pages[0] else 1].split()[0] == "番号"


def test_reportlab_gets_each_row_once_not_the_rest_of_the_table_at_every_break(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """What made the 100,000-case report quadratic: a split rebuilt the whole rest."""
    built: list[int] = []
    init = Table.__init__

    def counting(self: Table, data: Any, *args: Any, **kwargs: Any) -> None:
        built.append(len(data))
        init(self, data, *args, **kwargs)

    monkeypatch.setattr(Table, "__init__", counting)
    st = Styles(japanese_font().name)
    _build(tmp_path / "x.pdf", [table(["番号", "依頼団体", "件数"], _rows(2000),
                                      [60, 150, 60], st, numeric=[2])])  # fmt: skip
    pages = len(pdftotext(tmp_path / "x.pdf"))
    # one table per page (plus the header's measure), each with its page's rows + header
    assert len(built) <= pages + 2
    assert sum(built) <= 2000 + 2 * (pages + 2)


def test_a_cell_taller_than_a_page_is_cut_with_an_ellipsis(tmp_path: Path) -> None:
    st = Styles(japanese_font().name)
    rows: list[list[object]] = [["a", "\n".join(f"L{i}" for i in range(300)), 1]] * 50
    path = tmp_path / "tall.pdf"
    _build(path, [table(["a", "b", "n"], rows, [60, 150, 60], st, numeric=[2])])
    text = "\n".join(pdftotext(path))
    assert f"L{MAX_LINES - 2}" in text and f"L{MAX_LINES - 1}" not in text
    assert text.count("…") == 50


def test_text_cells_keep_their_alignment_in_one_text_object(tmp_path: Path) -> None:
    """TextTable writes the cells itself: numbers still end at the column's right edge."""
    st = Styles(japanese_font().name)
    rows: list[list[object]] = [["東京都", n] for n in (1, 22, 333, 4444, 55555)]
    path = tmp_path / "align.pdf"
    _build(path, [table(["依頼団体", "件数"], rows, [120, 80], st, numeric=[1])])
    out = subprocess.run(["pdftotext", "-bbox", str(path), "-"], capture_output=True,
                         text=True, check=True).stdout  # fmt: skip
    words = re.findall(r'xMin="([\d.]+)" yMin="[\d.]+" xMax="([\d.]+)"[^>]*>([^<]+)<', out)
    numbers = {w: (float(a), float(b)) for a, b, w in words if w.isdigit()}
    assert set(numbers) == {"1", "22", "333", "4444", "55555"}
    rights = [b for _, b in numbers.values()]
    assert max(rights) - min(rights) < 0.5  # right-aligned
    lefts = [float(a) for a, _, w in words if w == "東京都"]
    assert len(lefts) == 5 and max(lefts) - min(lefts) < 0.5  # left-aligned


def test_a_long_list_kept_together_still_splits(tmp_path: Path) -> None:
    """A report list longer than a page (KeepTogether around a PagedTable) flows on."""
    from reportlab.platypus import KeepTogether

    st = Styles(japanese_font().name)
    path = tmp_path / "kept.pdf"
    long = table(["番号", "依頼団体", "件数"], _rows(300), [60, 150, 60], st, numeric=[2])
    _build(path, [Paragraph("前", st.h2), KeepTogether([Paragraph("＜一覧＞", st.h3), long])])
    seen = [int(m) for page in pdftotext(path) for m in re.findall(r"R(\d{4})", page)]
    assert seen == list(range(300))
