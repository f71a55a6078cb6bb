"""Every character drawn: runs of text set in the first font of a chain that has them.

IPAex Gothic (or the Japanese font :mod:`exports.pdf.fonts` found) covers JIS X 0208,
not Hangul, simplified Han, Vietnamese letters or the JIS X 0213 / Extension B kanji
of some names (𠮷野). A record keeps every character; the PDF draws each run of text
with the first TrueType font of this chain whose ``cmap`` has all of the run's
characters, each embedded as a subset like the Japanese font:

1. the Japanese font (IPAex Gothic);
2. DejaVu Sans — Latin, Greek, Cyrillic and Vietnamese (Debian ``fonts-dejavu-core``);
3. Nanum Gothic — Hangul (``fonts-nanum``; Droid Sans Fallback has no Hangul);
4. Droid Sans Fallback — simplified and traditional Han (``fonts-droid-fallback``);
5. IPAmj Mincho — the rare kanji of people's and places' names, JIS X 0213 and the
   Extension B–G ideographs (``fonts-ipamj-mincho``); on Windows, its own SimSun-ExtB
   (``simsunb.ttf``, Extension B). The installer does not bundle this one (46 MB would
   take it over its 250 MB goal): it is found on the system only;
6. where it is not: IPAmj Mincho cut down to JIS X 0213:2004 at build time, which the
   installer bundles (``OfficeLedgerJIS2004Mincho.ttf``, ~5 MB, see
   ``packaging/rare_kanji.py``), or Windows' Yu Mincho (``yumin.ttf``, JIS X 0213:2004).
   So every JIS X 0208/0213 character is drawn by the installed app on any machine.

They are found at run time like the Japanese font: the app's
``resources/fonts/fallback`` folder (the installer bundles the first three there, with their
licences, see ``build_installer.spec``; apart from the Japanese font so that none is
taken for it), then the usual system places; a font not found is skipped
and the next one tried. They are registered only when a text needs them, so a report
in Japanese alone never loads them.

A Latin word is set in one font (``Việt`` all in DejaVu, not ``Vi`` + ``ệ`` + ``t``),
so its letters match. Invisible characters (zero-width space and joiners, the BOM,
soft hyphens, direction marks, variation selectors) are not drawn: they have no
glyph to draw, and a font's "missing" box would show. Text is drawn in Unicode NFC,
so a decomposed ``ệ`` (e + two combining marks) is the one precomposed letter.

Emoji: drawn in monochrome by the first font that has them (DejaVu Sans has the
common ones: ☺ ★ ✓ 😀); one no font has is drawn as 〓 (geta, the Japanese
typesetter's sign for a character the type case lacks), never as an empty box, and
the record keeps the emoji itself.
"""

from __future__ import annotations

import logging
import re
import sys
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

log = logging.getLogger("office_ledger.pdf")

GETA = "〓"  # drawn for a character no font of the chain has

# (name registered with reportlab, file names looked for, in order)
CHAIN: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("OfficeLedgerLatin", ("DejaVuSans.ttf", "segoeui.ttf", "arial.ttf")),
    ("OfficeLedgerHangul", ("NanumGothic.ttf", "malgun.ttf", "AppleGothic.ttf")),
    ("OfficeLedgerHan", ("DroidSansFallbackFull.ttf", "DroidSansFallback.ttf")),
    ("OfficeLedgerRareKanji", ("ipamjm.ttf", "simsunb.ttf")),  # simsunb: Windows' Ext-B
    # JIS X 0213:2004 where no IPAmj Mincho is installed: the installer's cut-down IPAmj
    # (packaging/rare_kanji.py), Windows' Yu Mincho, macOS's Hiragino Mincho is CFF (no)
    ("OfficeLedgerJIS2004", ("OfficeLedgerJIS2004Mincho.ttf", "yumin.ttf")),
)
_SYSTEM_DIRS = {
    "linux": ["/usr/share/fonts/truetype/dejavu", "/usr/share/fonts/truetype/nanum",
              "/usr/share/fonts/truetype/droid", "/usr/share/fonts/truetype/ipamj",
              "/usr/share/fonts/dejavu", "/usr/share/fonts/nanum"],
    "darwin": ["/Library/Fonts", "/System/Library/Fonts", "/System/Library/Fonts/Supplemental"],
}  # fmt: skip

# Not drawn: format characters (ZWSP, ZWJ/ZWNJ, BOM, soft hyphen, bidi marks) and
# variation selectors (standard, Mongolian, ideographic).
_INVISIBLE = re.compile("[\u180b-\u180d\ufe00-\ufe0f\U000e0100-\U000e01ef]")
# A word is set in one font: letters, digits and marks that run together.
_WORD = re.compile(r"[^\W_]+|.", re.S)


def visible(text: str) -> str:
    """``text`` as drawn: NFC, without the characters that have nothing to draw."""
    text = unicodedata.normalize("NFC", text)
    if text.isascii():
        return text
    text = _INVISIBLE.sub("", text)
    return "".join(ch for ch in text if unicodedata.category(ch) != "Cf" or ch in "\t")


@dataclass
class Chain:
    """The fonts a text may be set in, the Japanese font first, each with its cmap."""

    primary: str
    primary_cmap: frozenset[int]
    loaded: list[tuple[str, frozenset[int]]] = field(default_factory=list)
    tried: int = 0  # how many of CHAIN's fonts were looked for

    def _next(self) -> bool:
        """Register the next fallback font found; False when none is left."""
        while self.tried < len(CHAIN):
            name, files = CHAIN[self.tried]
            self.tried += 1
            found = _register(name, files)
            if found is not None:
                self.loaded.append((name, found))
                return True
        return False

    def font_for(self, text: str) -> str | None:
        """The first font with every character of ``text`` (None: none has them all)."""
        codes = [ord(ch) for ch in text]
        if all(c in self.primary_cmap for c in codes):
            return self.primary
        i = 0
        while True:
            while i < len(self.loaded):
                name, cmap = self.loaded[i]
                if all(c in cmap for c in codes):
                    return name
                i += 1
            if not self._next():
                return None


_CHAINS: dict[str, Chain] = {}


def use_chain(primary: str, cmap: frozenset[int]) -> None:
    """Set text in ``primary`` with the fallback chain after it (the PDF's fonts)."""
    if primary not in _CHAINS:
        _CHAINS[primary] = Chain(primary, cmap)


def _font_dirs() -> list[Path]:
    from exports.pdf.font_dirs import bundle_dirs

    dirs = [d / "fallback" for d in bundle_dirs()]  # the installer's, apart from IPAex
    if sys.platform == "win32":
        import os

        dirs.append(Path(os.environ.get("WINDIR", r"C:\Windows")) / "Fonts")
    else:
        dirs += [Path(p) for p in _SYSTEM_DIRS.get(sys.platform, _SYSTEM_DIRS["linux"])]
    return dirs


def _register(name: str, files: tuple[str, ...]) -> frozenset[int] | None:
    from reportlab.pdfbase.pdfmetrics import registerFont
    from reportlab.pdfbase.ttfonts import TTFError, TTFont

    for folder in _font_dirs():
        for file in files:
            path = folder / file
            if not path.is_file():
                continue
            try:
                font = TTFont(name, str(path))
            except (TTFError, OSError) as exc:
                log.info("PDF fallback font %s skipped: %s", path, exc)
                continue
            registerFont(font)
            log.info("PDF fallback font %s: %s", name, path)
            return frozenset(font.face.charToGlyph)
    log.info("PDF fallback font %s: none of %s found", name, ", ".join(files))
    return None


def runs(text: str, font: str) -> list[tuple[str, str]]:
    """``text`` (already :func:`visible`) as (font, text) runs: each word in the first
    font of ``font``'s chain that has all its letters, else character by character;
    a character no font has is :data:`GETA`."""
    chain = _CHAINS.get(font)
    if chain is None or all(ord(ch) in chain.primary_cmap for ch in text):
        return [(font, text)] if text else []
    out: list[tuple[str, str]] = []
    for word in _WORD.findall(text):
        name = chain.font_for(word)
        pieces = [(name, word)] if name is not None else [_char(chain, ch) for ch in word]
        for piece_font, piece in pieces:
            if out and out[-1][0] == piece_font:
                out[-1] = (piece_font, out[-1][1] + piece)
            else:
                out.append((piece_font, piece))
    return out


def _char(chain: Chain, ch: str) -> tuple[str, str]:
    name = chain.font_for(ch)
    return (name, ch) if name is not None else (chain.primary, GETA)


@lru_cache(maxsize=65536)
def measure(text: str, font: str, size: float) -> float:
    """The width of ``text`` as drawn (each run in its own font)."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    return float(sum(stringWidth(part, name, size) for name, part in runs(text, font)))


def markup(text: str, font: str) -> str:
    """``text`` as Paragraph markup: escaped, runs not in ``font`` in ``<font>`` tags."""
    parts = []
    for name, part in runs(visible(text), font):
        escaped = escape(part)
        parts.append(escaped if name == font else f'<font name="{name}">{escaped}</font>')
    return "".join(parts)


def _to_unicode_cmap(fontname: str, subset: list[int]) -> str:
    """reportlab's ToUnicode CMap with characters beyond the BMP as UTF-16 surrogate
    pairs (``<D842DFB7>`` for 𠮷): reportlab 4 writes ``<20BB7>``, which readers
    (pdftotext, copy and paste, search) take for U+20BB ₻."""
    text: str = _ORIGINAL_CMAP(fontname, subset)
    if all(v <= 0xFFFF for v in subset):
        return text
    for i, v in enumerate(subset):
        if v > 0xFFFF:
            utf16 = chr(v).encode("utf-16-be").hex().upper()
            text = text.replace(f"<{i:02X}> <{v:04X}>", f"<{i:02X}> <{utf16}>")
    return text


def _patch_to_unicode() -> Any:
    import reportlab.pdfbase.ttfonts as ttfonts

    original = ttfonts.makeToUnicodeCMap
    if getattr(original, "__name__", "") != "_to_unicode_cmap":
        ttfonts.makeToUnicodeCMap = _to_unicode_cmap
    return original


_ORIGINAL_CMAP = _patch_to_unicode()
