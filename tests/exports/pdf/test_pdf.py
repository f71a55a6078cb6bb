"""PDF summaries: the right figures, embedded fonts, readable without system fonts."""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from db.schema.fiscal import fy_period
from exports.pdf import fonts as font_module
from exports.pdf.report import write_summary
from tests.support import pdfcheck

if TYPE_CHECKING:
    from db.storage.database import Database

FY2023 = fy_period(2023)


@pytest.fixture(scope="module")
def hq_ja(demo_template: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    from db.storage.database import open_database

    db = open_database(demo_template)
    path = tmp_path_factory.mktemp("pdf") / "hq-ja.pdf"
    write_summary(db, path, FY2023, None, "ja")
    db.close()
    return path


def _squash(text: str) -> str:
    return re.sub(r"\s+", " ", text)


@pytest.mark.slow
def test_hq_report_has_the_annual_reports_tables(hq_ja: Path) -> None:
    text = _squash(pdfcheck.text(hq_ja))
    assert "令和5年度" in text and "海外活動支援件数" in text
    assert re.search(r"ニューヨーク 52 35 10 7", text)
    assert re.search(r"シンガポール 134 88 25 21", text)
    assert re.search(r"計 435 322 68 45", text)  # the 計 row of ＜海外活動支援件数＞
    assert re.search(r"計 50 2 21", text)  # events, hosted, countries
    assert "実施国（21か国）" in text and "モナコ" in text
    assert re.search(r"計 39 13", text)  # JETAA events and countries
    assert re.search(r"シドニー Japan Local Government Centre/\(CLAIR, Sydney\) 事務所の", text)
    assert re.search(r"の地域の魅力の紹介等 15 北京", text)  # main contents, then the issues
    longest = "第 11回｢伝統と先端と ～日本の地方の底力～｣展"  # wrapped over lines in its cell
    assert longest.replace(" ", "") in text.replace(" ", "")


def test_every_font_is_embedded(hq_ja: Path) -> None:
    rows = pdfcheck.fonts(hq_ja)
    assert rows and all(row["emb"] == "yes" for row in rows), rows
    assert all("TrueType" in row["type"] for row in rows)


@pytest.mark.slow
def test_long_tables_repeat_their_header_and_pages_are_numbered(hq_ja: Path) -> None:
    pages = pdfcheck.page_texts(hq_ja)
    total = len(pages)
    assert total > 5
    with_header = [i for i, p in enumerate(pages) if "依頼団体" in p and "担当" in p]
    assert len(with_header) >= 3  # the support-case table runs over several pages
    for n, page in enumerate(pages, 1):
        assert f"{n} / {total} ページ" in page


def test_pages_render_with_no_fonts_installed(hq_ja: Path, tmp_path: Path) -> None:
    page = pdfcheck.render_without_system_fonts(hq_ja, tmp_path)
    assert pdfcheck.ink(page, 0.03, 0.12) > 200  # the title block is drawn


def test_a_pdf_without_an_embedded_font_renders_blank_there(tmp_path: Path) -> None:
    """The check above can fail: reportlab's CID fonts are not embedded and vanish."""
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfbase.pdfmetrics import registerFont
    from reportlab.pdfgen.canvas import Canvas

    registerFont(UnicodeCIDFont("HeiseiKakuGo-W5"))
    path = tmp_path / "cid.pdf"
    canvas = Canvas(str(path), initialFontName="HeiseiKakuGo-W5")
    canvas.setFont("HeiseiKakuGo-W5", 17)
    canvas.drawString(50, 780, "海外事務所 活動実績（全事務所）")
    canvas.save()
    page = pdfcheck.render_without_system_fonts(path, tmp_path)
    assert pdfcheck.ink(page, 0.03, 0.12) < 20


def test_office_summary_in_english(demo_db: Database, tmp_path: Path) -> None:
    path = write_summary(demo_db, tmp_path / "par.pdf", FY2023, "PAR", "en")
    text = _squash(pdfcheck.text(path))
    assert "Paris office: activity summary" in text and "FY2023" in text
    assert re.search(r"Prefecture / designated city 52", text)
    assert re.search(r"Total 68", text)
    assert "Monaco" in text and "page 1 of" in text
    assert "令和" not in text.split("Support cases (")[0]  # no era dates in the English header


def test_user_text_with_markup_is_printed_literally(db: Database, tmp_path: Path) -> None:
    from tests.support.factories import case

    with db.session() as session:
        record = case(session, requester="<b>R&D</b> 協会\x07")
    path = write_summary(db, tmp_path / "x.pdf", FY2023, record.office_code, "ja")
    assert "<b>R&D</b> 協会" in pdfcheck.text(path).replace("\n", "")  # however it wraps


def test_no_usable_font_is_a_clear_error_and_writes_nothing(
    db: Database,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(font_module, "candidates", lambda setting=None: [])
    font_module.japanese_font.cache_clear()
    target = tmp_path / "out.pdf"
    target.write_bytes(b"previous")
    try:
        with pytest.raises(font_module.FontNotFound, match="fonts-ipaexfont-gothic"):
            write_summary(db, target, FY2023, "NYC", "ja")
    finally:
        font_module.japanese_font.cache_clear()
    assert target.read_bytes() == b"previous"
    assert [p.name for p in tmp_path.iterdir() if p.suffix == ".pdf"] == ["out.pdf"]


def _cff_font(path: Path) -> Path:
    """A tiny OpenType font with CFF outlines covering the probe characters."""
    from fontTools.fontBuilder import FontBuilder
    from fontTools.pens.t2CharStringPen import T2CharStringPen

    chars = "日本語の令和度"
    names = [".notdef", *[f"uni{ord(c):04X}" for c in chars]]
    fb = FontBuilder(1000, isTTF=False)
    fb.setupGlyphOrder(names)
    fb.setupCharacterMap({ord(c): f"uni{ord(c):04X}" for c in chars})
    pen = T2CharStringPen(600, None)
    pen.moveTo((0, 0)), pen.lineTo((500, 0)), pen.lineTo((500, 500)), pen.closePath()
    fb.setupCFF("TestCFF", {"FullName": "TestCFF"}, {n: pen.getCharString() for n in names}, {})
    fb.setupHorizontalMetrics({n: (600, 0) for n in names})
    fb.setupHorizontalHeader(ascent=800, descent=-200)
    fb.setupNameTable({"familyName": "TestCFF", "styleName": "Regular"})
    fb.setupOS2()
    fb.setupPost()
    fb.save(str(path))
    return path


def test_cff_fonts_are_skipped_with_the_reason(tmp_path: Path) -> None:
    cff = _cff_font(tmp_path / "cff.otf")
    font, reason = font_module._try(cff)
    assert font is None and "CFF" in reason
    font_module.japanese_font.cache_clear()
    try:
        chosen = font_module.japanese_font(str(cff))  # the setting is unusable: next one wins
        assert chosen.path != cff
    finally:
        font_module.japanese_font.cache_clear()


def test_cli_report_and_its_refusals(
    demo_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from office_ledger.cli.commands import main

    out = tmp_path / "nyc.pdf"
    assert (
        main(["--db", str(demo_path), "report", "--fy", "2023", "--office", "NYC", "-o", str(out)])
        == 0
    )
    assert re.search(r"計 52", _squash(pdfcheck.text(out)))
    code = main(
        ["--db", str(demo_path), "report", "--fy", "2023", "-o", str(tmp_path / "no" / "x.pdf")]
    )
    err = capsys.readouterr().err
    assert code == 2 and "does not exist" in err and len(err.strip().splitlines()) == 1


def test_a_frozen_app_looks_in_its_bundle_before_the_system(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The installer bundles IPAex Gothic in the bundle's resources/fonts (sys._MEIPASS);
    a font dropped in a ``fonts`` folder next to the executable is found too."""
    import shutil
    import sys

    system = font_module.candidates()[0]  # the build machine's font, as the spec takes it
    bundle = tmp_path / "_internal"
    (bundle / "resources" / "fonts").mkdir(parents=True)
    shutil.copy(system, bundle / "resources" / "fonts" / "ipaexg.ttf")
    (tmp_path / "fonts").mkdir()
    shutil.copy(system, tmp_path / "fonts" / "extra.ttf")
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "_MEIPASS", str(bundle), raising=False)
    monkeypatch.setattr(sys, "executable", str(tmp_path / "office-ledger"))
    monkeypatch.delenv(font_module.SETTING, raising=False)
    found = font_module.candidates()
    assert found[:2] == [bundle / "resources" / "fonts" / "ipaexg.ttf",
                         tmp_path / "fonts" / "extra.ttf"]  # fmt: skip
    assert system in found[2:]
