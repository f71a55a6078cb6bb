"""What the About dialog says: the app's version, and what it is made of with each
part's licence (Python, Qt and PySide6, the Python libraries, the PDF font).

No Qt here: the window shows it (:mod:`desktop.shell.help_menu`), a test reads it. The
libraries are the app's own requirements (its installed metadata), so a library added
to ``pyproject.toml`` is listed without more code; their licences come from their
metadata (``License-Expression``, ``License``, or the licence classifier).
"""

from __future__ import annotations

import platform
import re
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

from db.schema.appinfo import __version__, written_by

DISTRIBUTION = "office-ledger"
# The PDF font's licence by its file name (the font is found at run time, never
# committed: exports/pdf/fonts.py); a font not named here shows its file only.
FONT_LICENCES = {
    "ipaex": ("IPAex Gothic", "IPA Font License Agreement v1.0"),
    "ipag": ("IPA Gothic", "IPA Font License Agreement v1.0"),
    "takao": ("Takao Gothic", "IPA Font License Agreement v1.0"),
    "vl-gothic": ("VL Gothic", "VL Gothic licence (BSD-style) and M+ FONTS licence"),
}


@dataclass(frozen=True)
class Part:
    name: str
    version: str
    licence: str


def title() -> str:
    return written_by()


def _first(meta: metadata.PackageMetadata, key: str) -> str:
    values = meta.get_all(key)
    return str(values[0]).strip() if values else ""


def _licence(meta: metadata.PackageMetadata) -> str:
    expression = _first(meta, "License-Expression")
    if expression:
        return expression
    text = _first(meta, "License")
    if text and "\n" not in text and len(text) <= 60:
        return text
    found = [c.split("::")[-1].strip() for c in meta.get_all("Classifier") or []
             if c.startswith("License ::")]  # fmt: skip
    return ", ".join(found) or (text.splitlines()[0][:60] if text else "?")


def libraries() -> list[Part]:
    """The app's runtime requirements, each with its installed version and licence."""
    try:
        wanted = metadata.requires(DISTRIBUTION) or []
    except metadata.PackageNotFoundError:  # a frozen build without the dist-info
        wanted = []
    parts = []
    for requirement in wanted:
        name = re.split(r"[<>=!~;\[ ]", requirement, maxsplit=1)[0]
        if "extra ==" in requirement or name.startswith("PySide6"):
            continue  # test and build tools are not part of the app; Qt is in runtime()
        try:
            meta = metadata.metadata(name)
        except metadata.PackageNotFoundError:
            continue
        parts.append(Part(str(meta["Name"]), str(meta["Version"]), _licence(meta)))
    return sorted(parts, key=lambda p: p.name.lower())


def runtime() -> list[Part]:
    """Python, and Qt with PySide6 (read only if PySide6 is installed)."""
    parts = [Part("Python", platform.python_version(), "PSF-2.0")]
    try:
        import PySide6
        from PySide6 import QtCore
    except ImportError:
        return parts
    parts.append(Part("Qt", QtCore.qVersion(), "LGPL-3.0-only"))
    parts.append(Part("PySide6", PySide6.__version__, "LGPL-3.0-only"))
    return parts


def font() -> Part | None:
    """The Japanese font the PDFs embed, with its licence (None: none is found)."""
    from exports.pdf.fonts import FontNotFound, japanese_font

    try:
        found = japanese_font()
    except FontNotFound:
        return None
    return font_part(found.path)


def font_part(path: Path) -> Part:
    """The font file as a part: its name and file, no version, its licence."""
    lowered = path.name.lower()
    for key, (name, licence) in FONT_LICENCES.items():
        if lowered.startswith(key):
            return Part(f"{name} ({path.name})", "", licence)
    return Part(path.name, "", "see the font's own licence")


def licence_file(path: Path) -> Path | None:
    """A licence text shipped beside the font (the installer puts IPAex's there)."""
    try:
        found = [p for p in path.parent.iterdir() if "licen" in p.name.lower()]
    except OSError:
        return None
    return sorted(found)[0] if found else None


__all__ = ["Part", "__version__", "font", "libraries", "runtime", "title"]
