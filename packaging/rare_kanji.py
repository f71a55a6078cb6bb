"""The installer's rare-kanji font: IPAmj Mincho cut down to JIS X 0213 at build time.

IPAmj Mincho (46 MB, 60,000 glyphs) covers every kanji of Japanese names, but bundled
whole it takes the installer over its 250 MB goal. Cut down to the characters of
JIS X 0213:2004 (the 11,000-odd kanji, kana and symbols of JIS levels 1–4, every
character Python's ``euc_jis_2004`` codec encodes) it is a few MB, so the frozen app
draws every JIS X 0213 character on a machine with no Japanese font at all. Rarer
ideographs (𠮷 is not in JIS X 0213) still come from a system IPAmj Mincho or
SimSun-ExtB (:mod:`exports.pdf.fallback`).

The cut-down font is a *Derived Program* under the IPA Font License: it must not carry
the name IPAmj in its font or file name, it is licensed under the same licence (shipped
beside it), and it comes with the means to put the original back
(:data:`README`). Run by ``build_installer.spec`` with fontTools (a test and build
dependency, never imported by the app).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

# The file name the PDF's fallback chain looks for (exports/pdf/fallback.py); not IPAmj's.
FILE_NAME = "OfficeLedgerJIS2004Mincho.ttf"
FAMILY = "Office Ledger JIS2004 Mincho"
README = f"""{FILE_NAME}

A subset of IPAmj Mincho (IPAmj明朝, https://moji.or.jp/mojikiban/font/) made by the
Office Ledger build (packaging/rare_kanji.py, fontTools): only the characters of
JIS X 0213:2004 are kept, outlines unchanged, hinting dropped, and the font renamed as
the IPA Font License (IPA_Font_License_Agreement_v1.0.txt beside this file) requires of
a Derived Program. It is licensed under that licence.

To use the original instead: download IPAmj Mincho from the address above and put
ipamjm.ttf in this folder (resources/fonts/fallback); the app prefers ipamjm.ttf and
then ignores {FILE_NAME}, which you may delete.
"""


def jis_x_0213() -> list[int]:
    """Every code point JIS X 0213:2004 encodes as one character."""
    out = []
    for cp in range(0x20, 0x30000):
        if 0xD800 <= cp < 0xE000:
            continue
        try:
            chr(cp).encode("euc_jis_2004")
        except UnicodeEncodeError:
            continue
        out.append(cp)
    return out


def subset(source: Path, target: Path) -> int:
    """Write IPAmj Mincho ``source`` cut down to JIS X 0213 as ``target``, renamed;
    return how many characters it has."""
    from fontTools.ttLib import TTFont

    with TTFont(str(source)) as font:
        return _cut(font, target)


def _cut(font: Any, target: Path) -> int:
    have = set(font.getBestCmap())
    from fontTools import subset as ft_subset

    wanted = [cp for cp in jis_x_0213() if cp in have]
    options = ft_subset.Options()
    options.hinting = False
    options.name_IDs = []  # the original's names go; set below
    options.notdef_outline = True
    options.layout_features = ["vert", "vrt2"]
    subsetter = ft_subset.Subsetter(options)
    subsetter.populate(unicodes=wanted)
    subsetter.subset(font)
    name = font["name"]
    for name_id, text in ((1, FAMILY), (2, "Regular"), (3, f"{FAMILY};JIS X 0213:2004"),
                          (4, FAMILY), (6, FAMILY.replace(" ", "")),
                          (13, "IPA Font License Agreement v1.0"),
                          (14, "https://opensource.org/licenses/IPA")):  # fmt: skip
        name.setName(text, name_id, 3, 1, 0x409)
        name.setName(text, name_id, 1, 0, 0)
    target.parent.mkdir(parents=True, exist_ok=True)
    font.save(str(target))
    return len(wanted)


def build(source: Path, licence: Path, out_dir: Path) -> list[tuple[str, Path]]:
    """The font, its licence and its README for the bundle: (name in the bundle's
    fallback folder, file here)."""
    font = out_dir / FILE_NAME
    newest = max(source.stat().st_mtime, Path(__file__).stat().st_mtime)
    if not font.is_file() or font.stat().st_mtime < newest:  # made again when either changed
        subset(source, font)
    readme = out_dir / f"{Path(FILE_NAME).stem}-README.txt"
    readme.write_text(README, encoding="utf-8")
    return [(FILE_NAME, font), ("IPA_Font_License_Agreement_v1.0.txt", licence),
            (readme.name, readme)]  # fmt: skip


if __name__ == "__main__":  # python packaging/rare_kanji.py SRC.ttf OUT.ttf
    import sys

    print(subset(Path(sys.argv[1]), Path(sys.argv[2])), "characters")
