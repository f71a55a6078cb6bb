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

_TOKEN = re.compile(r"[A-Za-z0-9\u00c0-\u024f'’.,:;!?%&@#/()\[\]+\-_=*\"]+| +|.", re.S)
NO_LINE_START = set(
    "、。，．・：；？！ー）」』】〕〉》”’ゝゞ々ぁぃぅぇぉっゃゅょァィゥェォッャュョ,.:;!?)]}%"
)
NO_LINE_END = set("（「『【〔〈《“‘([{")


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
    for token in _TOKEN.findall(text):
        w = _width(token, font, size)
        if used + w <= width or not line.strip():
            if w > width and len(token) > 1:  # a word longer than the line: split it
                for ch in token:
                    cw = _width(ch, font, size)
                    if used + cw > width and line:
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
