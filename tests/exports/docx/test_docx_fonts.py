"""The Word document names a font per script (issue #24): Japanese in w:eastAsia, Latin
and Vietnamese in w:hAnsi, Hangul runs in a Hangul font — named, never embedded."""

from __future__ import annotations

from docx import Document
from docx.oxml.ns import qn

from exports.docx_report import HANGUL_FONT, JAPANESE_FONT, LATIN_FONT, _set_fonts, _text


def test_a_hangul_run_is_set_in_the_hangul_font() -> None:
    doc = Document()
    _set_fonts(doc.styles["Normal"].element, "ja")
    paragraph = doc.add_paragraph()
    _text(paragraph, "ソウル支社 한국관광공사 Việt Nam", "ja")
    runs = [(r.text, r._r.rPr) for r in paragraph.runs]
    assert [text for text, _ in runs] == ["ソウル支社 ", "한국관광공사", " Việt Nam"]
    rpr = runs[1][1]
    assert rpr is not None and rpr.rFonts is not None
    hangul = rpr.rFonts
    assert hangul.get(qn("w:eastAsia")) == HANGUL_FONT and hangul.get(qn("w:hint")) == "eastAsia"
    assert runs[0][1] is None or runs[0][1].rFonts is None  # the style's fonts
    style = doc.styles["Normal"].element.rPr.rFonts
    assert style.get(qn("w:eastAsia")) == JAPANESE_FONT and style.get(qn("w:hAnsi")) == LATIN_FONT
    assert style.get(qn("w:asciiTheme")) is None  # no theme font to win over the names
