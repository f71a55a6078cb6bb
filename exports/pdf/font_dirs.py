"""Where the app's own fonts are: below both the Japanese font's search
(:mod:`exports.pdf.fonts`) and the fallback chain's (:mod:`exports.pdf.fallback`), so
neither reaches up for the other."""

from __future__ import annotations

import sys
from pathlib import Path


def bundle_dirs() -> list[Path]:
    """The app's own font folders, before the system's: ``resources/fonts`` beside the
    code, and in a frozen (PyInstaller) build the bundle's and the executable's."""
    dirs = [Path(__file__).resolve().parents[1] / "resources" / "fonts"]
    if getattr(sys, "frozen", False):
        bundle = Path(getattr(sys, "_MEIPASS", Path(sys.executable).parent))
        exe = Path(sys.executable).resolve().parent
        dirs += [bundle / "resources" / "fonts", bundle / "fonts", exe / "fonts"]
    return list(dict.fromkeys(dirs))
