"""The installer's JIS X 0213 font (issue #24): IPAmj Mincho cut down at build time
(``packaging/rare_kanji.py``), so the frozen app draws every JIS X 0208/0213 character
on a machine with no Japanese font, within the installer's 250 MB.

The cut-down font is made from the system's IPAmj Mincho as the build makes it, and a
PDF is written with it as the only fallback font: every JIS X 0213 character that
IPAex Gothic lacks must be drawn with a glyph (the embedded subset's cmap) and read
back by pdftotext. Its names must not carry IPAmj's (the IPA Font License's rule for
a derived font).
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from db.schema.fiscal import fy_period
from db.storage.database import Database
from exports.pdf import fallback
from exports.pdf.report import write_summary
from tests.support.factories import case
from tests.support.pdfcheck import glyphless

sys.path.insert(0, str(Path(__file__).resolve().parents[3] / "packaging"))
import rare_kanji  # noqa: E402

IPAMJ = Path("/usr/share/fonts/truetype/ipamj/ipamjm.ttf")


def test_the_repertoire_is_jis_x_0213() -> None:
    """JIS X 0208 and the JIS X 0213 planes 1 and 2 (𠀋 𩸽 are plane-2 kanji, 俱 剝 of
    the 2004 additions); not 𠮷, which JIS X 0213 does not have. (IPAex Gothic has the
    plane-2 ones; it lacks ~3,000 of plane 1, which the cut-down font brings.)"""
    codes = set(rare_kanji.jis_x_0213())
    assert {ord(c) for c in "亜腕あア漢𠀋𩸽俱剝㐂"} <= codes
    assert ord("𠮷") not in codes and ord("한") not in codes
    assert 11_000 < len(codes) < 15_000


@pytest.fixture(scope="module")
def cut_down(tmp_path_factory: pytest.TempPathFactory) -> Path:
    if not IPAMJ.is_file():
        pytest.skip("IPAmj Mincho is not installed (fonts-ipamj-mincho)")
    folder = tmp_path_factory.mktemp("fallback")
    rare_kanji.subset(IPAMJ, folder / rare_kanji.FILE_NAME)
    return folder


@pytest.mark.slow
def test_the_cut_down_font_has_every_character_and_not_the_name(cut_down: Path) -> None:
    from fontTools.ttLib import TTFont

    font = TTFont(str(cut_down / rare_kanji.FILE_NAME))
    have = set(font.getBestCmap())
    with TTFont(str(IPAMJ), lazy=True) as whole:
        original = set(whole.getBestCmap())
    assert {c for c in rare_kanji.jis_x_0213() if c in original} <= have
    assert len(have) < 16_000  # cut down: IPAmj has ~70,000
    names = " ".join(str(n) for n in font["name"].names)
    assert "IPAmj" not in names and "ipamj" not in rare_kanji.FILE_NAME.casefold()
    assert (cut_down / rare_kanji.FILE_NAME).stat().st_size < 8_000_000


@pytest.mark.slow
def test_a_pdf_draws_jis_x_0213_with_the_cut_down_font_alone(
    db: Database, tmp_path: Path, cut_down: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """As on a machine with only what the installer brings: the chain finds the
    cut-down font and no other fallback font."""
    from fontTools.ttLib import TTFont

    from exports.pdf.fonts import FONT_NAME, japanese_font

    with TTFont(str(japanese_font(None).path), lazy=True) as primary:
        ipaex = set(primary.getBestCmap())
    monkeypatch.setattr(fallback, "_font_dirs", lambda: [cut_down])
    # a chain of its own for the Japanese font, which finds only the cut-down font
    monkeypatch.setattr(fallback, "_CHAINS", {})
    fallback.use_chain(FONT_NAME, frozenset(ipaex))
    fallback.measure.cache_clear()
    lacking = [chr(c) for c in rare_kanji.jis_x_0213()
               if c not in ipaex and chr(c).isalpha() and 0x3400 <= c]  # fmt: skip
    beyond = lacking[:: max(1, len(lacking) // 60)][:60]  # spread over the repertoire
    assert len(beyond) == 60 and len(lacking) > 1000  # IPAex lacks ~3,000 of them
    words = ["".join(beyond[i : i + 10]) for i in range(0, 60, 10)]
    with db.session() as s:
        for word in words:
            case(s, office="NYC", requester=word)
        s.commit()
    pdf = tmp_path / "jis2004.pdf"
    try:
        write_summary(db, pdf, fy_period(2023), None, "ja")
    finally:
        fallback.measure.cache_clear()
    assert glyphless(pdf) == []
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True,
                          check=True).stdout  # fmt: skip
    flat = re.sub(r"\s+", "", text)
    for word in words:
        assert word in flat, word
    assert "〓" not in text  # nothing fell through the chain
