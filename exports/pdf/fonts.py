"""Find a Japanese TrueType font that reportlab can embed, and register it.

PDFs travel to machines without Japanese fonts, so every PDF embeds a subset of a
TrueType-outline font (reportlab's built-in CID fonts are not embedded and render
blank there). Candidates, first usable wins:

1. the font file named by the ``OFFICE_LEDGER_PDF_FONT`` setting (or passed in);
2. ``.ttf``/``.ttc`` files in the app's ``resources/fonts`` folder (the installer
   bundles IPAex Gothic there, with its licence); in a frozen build, that folder in
   the bundle (``sys._MEIPASS``) and a ``fonts`` folder next to the executable;
3. the usual system places: IPAex/IPA/Takao/VL Gothic on Linux, Yu Gothic, Meiryo and
   MS Gothic on Windows, TrueType CJK fonts on macOS.

CFF-outline fonts (Noto/Source Han ``.otf``/``.ttc``, Hiragino) cannot be embedded by
reportlab; they are skipped with the reason, which :class:`FontNotFound` lists.
"""

from __future__ import annotations

import logging
import os
import sys
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from db.schema.errors import LedgerError
from exports.pdf.font_dirs import bundle_dirs as bundle_dirs  # re-exported

log = logging.getLogger("office_ledger.pdf")

FONT_NAME = "OfficeLedgerJP"
SETTING = "OFFICE_LEDGER_PDF_FONT"

_LINUX = [
    "/usr/share/fonts/opentype/ipaexfont-gothic/ipaexg.ttf",
    "/usr/share/fonts/truetype/ipaexfont-gothic/ipaexg.ttf",
    "/usr/share/fonts/opentype/ipafont-gothic/ipag.ttf",
    "/usr/share/fonts/truetype/fonts-japanese-gothic.ttf",
    "/usr/share/fonts/truetype/takao-gothic/TakaoGothic.ttf",
    "/usr/share/fonts/truetype/vlgothic/VL-Gothic-Regular.ttf",
    "/usr/share/fonts/ipa-gothic/ipag.ttf",
    "/usr/share/fonts/vlgothic/VL-Gothic-Regular.ttf",
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",  # CFF: listed to explain
]
_WINDOWS = ["YuGothR.ttc", "YuGothM.ttc", "meiryo.ttc", "msgothic.ttc", "YuGothic.ttf"]
_MAC = [
    "/Library/Fonts/Arial Unicode.ttf",
    "/System/Library/Fonts/Supplemental/Arial Unicode.ttf",
    "/System/Library/Fonts/ヒラギノ角ゴシック W3.ttc",  # CFF: listed to explain
]


class FontNotFound(LedgerError):
    """No usable Japanese TrueType font; the message lists what was tried and why."""


@dataclass(frozen=True)
class Font:
    name: str
    path: Path


def candidates(setting: str | None = None) -> list[Path]:
    """Where to look, in order (files that do not exist are dropped)."""
    paths: list[Path] = []
    chosen = setting or os.environ.get(SETTING)
    if chosen:
        paths.append(Path(chosen).expanduser())
    for bundled in bundle_dirs():
        if bundled.is_dir():
            paths += sorted(p for p in bundled.iterdir() if p.suffix.lower() in {".ttf", ".ttc"})
    if sys.platform == "win32":
        windir = Path(os.environ.get("WINDIR", r"C:\Windows")) / "Fonts"
        paths += [windir / name for name in _WINDOWS]
    elif sys.platform == "darwin":
        paths += [Path(p) for p in _MAC]
    else:
        paths += [Path(p) for p in _LINUX]
    return [p for p in dict.fromkeys(paths) if p.is_file()]


def _try(path: Path) -> tuple[Font | None, str]:
    from reportlab.pdfbase.pdfmetrics import registerFont
    from reportlab.pdfbase.ttfonts import TTFError, TTFont

    try:
        font = TTFont(FONT_NAME, str(path), subfontIndex=0)
    except TTFError as exc:
        text = str(exc)
        if "postscript outlines" in text.lower() or "cff" in text.lower():
            return None, "CFF (PostScript) outlines, which reportlab cannot embed"
        return None, text
    except OSError as exc:
        return None, exc.strerror or str(exc)
    if not _has_japanese(font):
        return None, "has no Japanese glyphs"
    registerFont(font)
    from exports.pdf.fallback import use_chain

    use_chain(FONT_NAME, frozenset(font.face.charToGlyph))
    return Font(FONT_NAME, path), ""


def _has_japanese(font: object) -> bool:
    widths = getattr(getattr(font, "face", None), "charToGlyph", {})
    return all(ord(ch) in widths for ch in "日本語の令和度")


@cache
def japanese_font(setting: str | None = None) -> Font:
    """Register and return the first usable Japanese TrueType font.

    Raises:
        FontNotFound: none is usable; the message lists each file tried and why.
    """
    tried = []
    for path in candidates(setting):
        font, reason = _try(path)
        if font is not None:
            log.info("PDF font: %s", path)
            return font
        log.info("PDF font %s skipped: %s", path, reason)
        tried.append(f"{path} ({reason})")
    detail = "; ".join(tried) if tried else "no font files found in the usual places"
    raise FontNotFound(
        "no Japanese TrueType font to embed in the PDF: "
        f"{detail}. Install IPAex Gothic (Debian/Ubuntu: fonts-ipaexfont-gothic) or "
        f"set {SETTING} to a .ttf/.ttc file with TrueType outlines."
    )
