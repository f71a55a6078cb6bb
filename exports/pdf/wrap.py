"""Fast line wrapping for table cells: Japanese anywhere, Latin at spaces.

reportlab's CJK ``Paragraph`` wrapping costs about three times the table it sits in
(measured in bench/bench_pdf.py); table cells need only plain lines, so cells are
wrapped here into ``\\n``-joined strings that ``Table`` draws directly. Japanese breaks
between any two characters except before closing punctuation and after opening
brackets (simple kinsoku); Latin words stay whole unless longer than the line.
"""

from __future__ import annotations

import re
from functools import lru_cache

from reportlab.pdfbase.pdfmetrics import stringWidth

from exports.pdf.fallback import measure

# A date (令和5年4月10日, with the rest of a range in the same month or year: ～12日,
# ～5月2日) never breaks inside; a range of two full dates may break after its ～.
DATE = r"(?:令和|平成|昭和)?\d+年\d+月\d+日(?:～(?:\d+月)?\d+日(?!\d)|～)?|\d{4}-\d\d-\d\d"
# A katakana word (スイス, ニューヨーク) stays whole, as a Latin word does.
KATAKANA = r"[\u30a1-\u30fa\u30fc\u30fd\u30fe\u31f0-\u31ff]{2,}"
_REST = r"[A-Za-z0-9\u00c0-\u024f\u1e00-\u1eff'’.,:;!?%&@#/()\[\]+\-_=*\"]+| +|."
_TOKEN = re.compile(rf"{DATE}|{KATAKANA}|{_REST}", re.S)
# In a list of names (山形県、東京都、福井県福井市…: every item short), an item moves
# to the next line whole, with its 、; prose keeps filling its lines.
ITEM = r"[^\s、。，,（）「」()]{1,10}(?:、|$)"
_LIST_TOKEN = re.compile(rf"{DATE}|{ITEM}|{KATAKANA}|{_REST}", re.S)


def _is_list(text: str) -> bool:
    items = text.split("、")
    return len(items) > 2 and all(0 < len(item) <= 10 for item in items)


# Kinsoku (JIS X 4051): what may not start a line — closing brackets, full stops and
# commas, middle dots, iteration marks, the prolonged sound mark, small kana, wave
# dashes and the like — and what may not end one (opening brackets).
NO_LINE_START = set(
    "、。，．・：；？！‼⁇⁈⁉ー―‐゠–〜～）」』】〕〉》〙〗｠”’»ゝゞヽヾ々〻"
    "ぁぃぅぇぉっゃゅょゎゕゖァィゥェォッャュョヮヵヶㇰㇱㇲㇳㇴㇵㇶㇷㇸㇹㇺㇻㇼㇽㇾㇿ"
    ",.:;!?)]}%％"
)
NO_LINE_END = set("（「『【〔〈《〘〖｟“‘«([{")
_MARKS = re.compile(r"[^、・／ ]+[、・／ ]*|[、・／ ]+")


def longest_token(text: str, font: str, size: float) -> float:
    """The widest piece of ``text`` that :func:`wrap` never breaks (a date, a word)."""
    return max((_width(tok, font, size) for tok in _TOKEN.findall(text) if tok.strip()),
               default=0.0)  # fmt: skip


def wrap_at_marks(text: str, font: str, size: float, width: float) -> list[str]:
    """Lines of a header: broken only after 、・／ and spaces (件数に計上 stays whole)."""
    lines: list[str] = []
    for paragraph in text.split("\n"):
        line = ""
        for piece in _MARKS.findall(paragraph):
            if line and _width((line + piece).rstrip(), font, size) > width:
                lines.append(line.rstrip())
                line = piece.lstrip()
            else:
                line += piece
        lines.append(line.rstrip())
    return lines


def widest_piece(text: str, font: str, size: float) -> float:
    """The widest piece :func:`wrap_at_marks` never breaks."""
    return max((_width(p.rstrip(), font, size) for p in _MARKS.findall(text)), default=0.0)


@lru_cache(maxsize=65536)
def _width(token: str, font: str, size: float) -> float:
    if token.isascii():
        return float(stringWidth(token, font, size))
    return measure(token, font, size)  # each run in the font that draws it


def wrap(text: str, font: str, size: float, width: float) -> list[str]:
    """Lines of ``text`` that each fit ``width`` points (explicit newlines kept)."""
    out: list[str] = []
    for paragraph in text.split("\n"):
        out += _wrap_one(paragraph, font, size, width)
    return out


def _wrap_one(text: str, font: str, size: float, width: float) -> list[str]:
    if _width(text, font, size) <= width if len(text) < 200 else False:
        return [text]
    lines: list[str] = []
    line, used = "", 0.0
    for token in (_LIST_TOKEN if _is_list(text) else _TOKEN).findall(text):
        w = _width(token, font, size)
        if used + w <= width or not line.strip():
            if w > width and len(token) > 1:  # a word longer than the line: split it
                for ch in token:
                    cw = _width(ch, font, size)
                    if used + cw > width and line and ch not in NO_LINE_START:
                        lines.append(line.rstrip())
                        line, used = "", 0.0
                    line, used = line + ch, used + cw
                continue
            line, used = line + token, used + w
            continue
        if token.isspace():
            lines.append(line.rstrip())
            line, used = "", 0.0
            continue
        if token[0] in NO_LINE_START and line:  # keep closing punctuation on this line
            line, used = line + token, used + w
            continue
        carry = ""
        if line and line[-1] in NO_LINE_END:  # an opening bracket moves down with its text
            carry, line = line[-1], line[:-1]
        lines.append(line.rstrip())
        line = carry + token
        used = _width(line, font, size)
    if line.strip() or not lines:
        lines.append(line.rstrip())
    return lines
