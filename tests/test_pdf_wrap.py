"""Cell wrapping: Japanese anywhere but before closing punctuation, Latin at spaces."""

from __future__ import annotations

import pytest
from reportlab.pdfbase.pdfmetrics import stringWidth

from exports.pdf.fonts import japanese_font
from exports.pdf.wrap import NO_LINE_START, wrap


@pytest.fixture(scope="module")
def font() -> str:
    return japanese_font().name


def test_short_text_stays_on_one_line(font: str) -> None:
    assert wrap("東京都", font, 8, 100) == ["東京都"]


def test_every_line_fits_and_nothing_is_lost(font: str) -> None:
    text = (
        "事務所事業紹介、派遣元自治体紹介、日本の自治体が英国で行った事業紹介 and JLGC e-newsletter"
    )
    lines = wrap(text, font, 8, 80)
    assert len(lines) > 3
    assert all(stringWidth(line, font, 8) <= 80 + 8 for line in lines)  # one held-back mark
    assert "".join(lines).replace(" ", "") == text.replace(" ", "")


def test_no_line_starts_with_closing_punctuation(font: str) -> None:
    text = "現地の施策・制度について説明、通訳者をあっせん。見本市でのブース出展を支援（見本市）"
    for width in range(30, 140, 7):
        for line in wrap(text, font, 8, width)[1:]:
            assert line[0] not in NO_LINE_START, (width, line)


def test_latin_words_are_not_split_unless_too_long(font: str) -> None:
    text = "Arranging appointments, Accompanying visits, Finding interpreters"
    lines = wrap(text, font, 8, 90)
    assert len(lines) > 1
    words = text.split()
    assert [w for line in lines for w in line.split()] == words  # no word cut in two
    long = wrap("Supercalifragilisticexpialidocious", font, 8, 40)
    assert len(long) > 1 and "".join(long) == "Supercalifragilisticexpialidocious"


def test_explicit_newlines_are_kept(font: str) -> None:
    assert wrap("一行目\n二行目", font, 8, 200) == ["一行目", "二行目"]
