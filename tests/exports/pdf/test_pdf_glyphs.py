"""Every character a record holds is drawn (issue #24): Hangul, simplified Han,
Vietnamese, an Extension B kanji and a zero-width space, in a support case's requester,
an event's name and a seminar's venue.

Two readers check the PDF: each embedded font's own ``cmap`` (fontTools) must have a
glyph for every character the PDF's text draws in it (no .notdef box), and pdftotext
must read the words back. The fonts are found as the app finds them (IPAex, then the
fallback chain of :mod:`exports.pdf.fallback`); a machine without them skips.
"""

from __future__ import annotations

import re
import subprocess
from datetime import date
from pathlib import Path

import pytest

from db.schema.fiscal import fy_period
from db.storage.database import Database
from exports.pdf.fallback import CHAIN, _font_dirs
from exports.pdf.report import write_summary
from tests.support.factories import case, event
from tests.support.pdfcheck import glyphless

WORDS = ["한국관광공사", "对外友协", "Việt Nam", "𠮷野"]


def _installed(files: tuple[str, ...]) -> bool:
    return any((d / f).is_file() for d in _font_dirs() for f in files)


needs_fonts = pytest.mark.skipif(
    # the cut-down JIS X 0213 font is the installer's (made at build time), not the system's
    not all(_installed(files) for name, files in CHAIN if name != "OfficeLedgerJIS2004"),
    reason="a fallback font is not installed",
)


@needs_fonts
def test_every_script_is_drawn_and_read_back(db: Database, tmp_path: Path) -> None:
    with db.session() as s:
        case(s, office="SEL", requester="한국관광공사\u200bソウル支社")  # a zero-width space
        case(s, office="BEJ", requester="对外友协")
        case(s, office="SIN", requester="𠮷野町")
        event(s, office="SIN", legs=[(date(2023, 7, 1), "VN")], name="Việt Nam Expo")
        s.commit()
    pdf = tmp_path / "scripts.pdf"
    write_summary(db, pdf, fy_period(2023), None, "ja")
    assert glyphless(pdf) == []
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True,
                          check=True).stdout  # fmt: skip
    flat = re.sub(r"\s+", "", text)
    for word in WORDS:
        assert word.replace(" ", "") in flat, word
    assert "한국관광공사ソウル支社" in flat  # the zero-width space: not drawn, no box
    assert "\u200b" not in text
    fonts = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True,
                           check=True).stdout  # fmt: skip
    embedded = [line.split()[0] for line in fonts.splitlines()[2:]]
    assert len(embedded) >= 5  # the Japanese font and four fallbacks, each a subset
    assert all(re.match(r"[A-Z]{6}\+", name) for name in embedded)
