"""Cell wrapping: Japanese anywhere but before closing punctuation, Latin at spaces."""

from __future__ import annotations

import re

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


def test_a_date_and_a_katakana_word_are_never_split(font: str) -> None:
    """Issue #24: 令和5年4月10日～ / 12日 and ス / イス were split across lines."""
    from exports.pdf.wrap import longest_token

    date = "令和5年4月10日～12日"
    width = longest_token(date, font, 8)
    for extra in range(0, 60, 3):
        lines = wrap(f"開催 {date} 実施", font, 8, width + extra)
        assert any(date in line for line in lines), lines
    countries = "アイルランド、アメリカ合衆国、イギリス、スイス、タイ、デンマーク、ドイツ"
    katakana = re.compile(r"[ァ-ヺー]")
    for w in range(50, 200, 4):  # from the longest katakana word (アイルランド) up
        lines = wrap(countries, font, 8, w)
        for before, after in zip(lines, lines[1:], strict=False):
            assert not (katakana.match(before[-1]) and katakana.match(after[0])), (w, lines)


def test_two_full_dates_may_break_after_the_wave_dash(font: str) -> None:
    lines = wrap("令和5年12月26日～令和6年2月2日", font, 8, 90)
    assert lines == ["令和5年12月26日～", "令和6年2月2日"]


def test_headers_break_only_at_marks_and_columns_make_room(font: str) -> None:
    from exports.pdf.layout import Styles, fit_widths
    from exports.pdf.wrap import wrap_at_marks

    assert wrap_at_marks("件数に計上", font, 8, 20) == ["件数に計上"]
    assert wrap_at_marks("都道府県・政令市", font, 8, 40) == ["都道府県・", "政令市"]
    st = Styles(font)
    widths = fit_widths(["期間", "依頼団体", "件数に計上"],
                        [["令和5年4月10日～12日", "東京都", "✓"]], [40, 200, 30], st)  # fmt: skip
    assert abs(sum(widths) - 270) < 0.01  # the table's width is kept
    assert widths[0] >= stringWidth("令和5年4月10日～12日", font, 8) + 6
    assert widths[2] >= stringWidth("件数に計上", font, 8) + 6


def test_kinsoku_no_small_kana_or_prolonged_mark_starts_a_line(font: str) -> None:
    text = "シンガポールでのジャパン・トラベル・フェアにおけるブース出展の支援（ッ）"
    for width in range(30, 160, 5):
        for line in wrap(text, font, 8, width)[1:]:
            assert line[0] not in "ーッャュョァィゥェォ、。）・", (width, line)


def test_a_list_of_names_breaks_after_its_commas(font: str) -> None:
    """A list cell (山形県、東京都、…) breaks between names, not inside 福井県福井市."""
    names = ["山形県", "東京都", "福井県福井市", "京都府与謝野町", "兵庫県丹波篠山市", "堺市"]
    for width in range(70, 200, 6):
        lines = wrap("、".join(names), font, 8, width)
        assert [n for line in lines for n in line.split("、") if n] == names, (width, lines)
