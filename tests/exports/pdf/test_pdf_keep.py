"""No heading is left at a page's foot without its table (issue #24): a section's
title, a table's title and an office's heading each share their page with the
table's header and at least two of its rows, in both languages."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest

from db.schema.fiscal import fy_period
from db.storage.database import open_database
from exports.pdf.report import write_summary

HEADING = re.compile(r"^(＜.*＞|\d+\. .+|.+事務所（[\d,]+）|.+ office \([\d,]+\)|"
                     r"[A-Z][\w ,()-]+ \([\d,]+\))$")  # fmt: skip


def _pages(pdf: Path) -> list[list[str]]:
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True,
                          text=True, check=True).stdout  # fmt: skip
    pages = []
    for page in text.split("\f"):
        lines = [line.strip() for line in page.splitlines() if line.strip()]
        pages.append([line for line in lines if not re.search(r"(ページ|page \d+ of \d+)$", line)])
    return [p for p in pages if p]


@pytest.mark.slow
@pytest.mark.parametrize("lang", ["ja", "en"])
def test_no_heading_without_two_rows_below_it(demo_template: Path, tmp_path: Path,
                                               lang: str) -> None:  # fmt: skip
    db = open_database(demo_template)
    pdf = tmp_path / f"hq-{lang}.pdf"
    try:
        write_summary(db, pdf, fy_period(2023), None, lang)
    finally:
        db.close()
    headings = 0
    for number, lines in enumerate(_pages(pdf), 1):
        body = lines[1:] if number > 1 else lines  # the running title first
        for i, line in enumerate(body):
            if HEADING.match(line):
                headings += 1
                after = [x for x in body[i + 1 : i + 4] if not HEADING.match(x)]
                assert len(after) >= 2 or "該当なし" in after or "None" in after, (
                    number, line, body[i + 1 : i + 4])  # fmt: skip
    assert headings > 20  # the check saw the report's headings
