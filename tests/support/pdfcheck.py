"""Helpers that read a PDF back the way a person or a printer would."""

from __future__ import annotations

import io
import os
import re
import subprocess
from pathlib import Path
from typing import Any


def text(path: Path) -> str:
    from pypdf import PdfReader

    return "\n".join(page.extract_text() or "" for page in PdfReader(path).pages)


def page_texts(path: Path) -> list[str]:
    from pypdf import PdfReader

    return [page.extract_text() or "" for page in PdfReader(path).pages]


def fonts(path: Path) -> list[dict[str, str]]:
    """``pdffonts`` rows: name, type, emb."""
    out = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, check=True)
    rows = []
    for line in out.stdout.splitlines()[2:]:
        parts = line.split()
        # name type [type2] encoding emb sub uni object-id generation
        rows.append({"name": parts[0], "emb": parts[-5], "type": " ".join(parts[1:-6])})
    return rows


def render_without_system_fonts(path: Path, tmp: Path, page: int = 1) -> bytes:
    """Render one page to grey pixels with fontconfig seeing no fonts at all."""
    conf = tmp / "fonts.conf"
    conf.write_text(
        '<?xml version="1.0"?><!DOCTYPE fontconfig SYSTEM "fonts.dtd">'
        f"<fontconfig><dir>{tmp / 'no-fonts'}</dir><cachedir>{tmp / 'fc-cache'}</cachedir>"
        "</fontconfig>",
        encoding="utf-8",
    )
    (tmp / "no-fonts").mkdir(exist_ok=True)
    env = {**os.environ, "FONTCONFIG_FILE": str(conf), "FONTCONFIG_PATH": str(tmp)}
    out = tmp / f"page-{page}"
    subprocess.run(
        ["pdftoppm", "-gray", "-r", "50", "-f", str(page), "-l", str(page), str(path), str(out)],
        env=env, check=True, capture_output=True,
    )  # fmt: skip
    (produced,) = tmp.glob(f"page-{page}*.pgm")
    return produced.read_bytes()


def ink(pgm: bytes, top: float = 0.0, bottom: float = 1.0) -> int:
    """Dark pixels between the ``top`` and ``bottom`` fractions of a binary PGM page."""
    match = re.match(rb"P5\s+(\d+)\s+(\d+)\s+(\d+)\s", pgm)
    assert match, "not a binary PGM"
    width, height = int(match[1]), int(match[2])
    pixels = pgm[match.end() :]
    start, end = int(height * top) * width, int(height * bottom) * width
    return sum(1 for value in pixels[start:end] if value < 128)


def glyphless(pdf: Path) -> list[str]:
    """Characters the PDF draws with a font whose embedded subset has no glyph for them.

    pypdf reads each page's text with the font each piece is drawn in; the font's
    ToUnicode map gives the code a character was drawn with, and the embedded TrueType
    subset's own ``cmap`` (read with fontTools) the glyph of that code. A character
    with no code, or a code whose glyph is ``.notdef``, is drawn as an empty box.
    """
    from fontTools.ttLib import TTFont
    from pypdf import PdfReader

    glyphs: dict[int, tuple[dict[str, int], dict[int, str]]] = {}

    def font_maps(font: Any) -> tuple[dict[str, int], dict[int, str]]:
        key = id(font)
        if key not in glyphs:
            data = font["/FontDescriptor"].get_object()["/FontFile2"].get_object().get_data()
            glyph_of = TTFont(io.BytesIO(data))["cmap"].tables[0].cmap
            cmap = font["/ToUnicode"].get_object().get_data().decode("latin-1")
            pairs = re.findall(r"<([0-9A-Fa-f]{2})> <((?:[0-9A-Fa-f]{4}){1,2})>", cmap)
            code_of = {bytes.fromhex(u).decode("utf-16-be"): int(c, 16) for c, u in pairs}
            glyphs[key] = (code_of, glyph_of)
        return glyphs[key]

    missing: list[str] = []

    def visit(text: str, cm: Any, tm: Any, font: Any, size: Any) -> None:
        if not text.strip() or font is None:
            return
        code_of, glyph_of = font_maps(font)
        for ch in text:
            if ch.isspace():
                continue
            code = code_of.get(ch)
            if code is None or glyph_of.get(code, ".notdef") == ".notdef":
                missing.append(ch)

    for page in PdfReader(pdf).pages:
        page.extract_text(visitor_text=visit)
    return missing
