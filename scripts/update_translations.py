"""Bring ``resources/i18n/office_ledger_ja.ts`` up to date with the strings in desktop/.

Keeps every existing translation, adds new strings as unfinished (a test then fails
until someone translates them), and drops strings the code no longer uses. Run:
``.venv/bin/python scripts/update_translations.py``; edit the .ts (Qt Linguist, or by
hand); commit it. The .qm is compiled at run time or build time, never committed.
"""

from __future__ import annotations

import sys
import xml.etree.ElementTree as ET
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from desktop.kit.i18n import CATALOGUES, read_catalogue, strings  # noqa: E402


def write(path: Path, wanted: set[tuple[str, str]], known: dict[tuple[str, str], str]) -> int:
    root = ET.Element("TS", version="2.1", language="ja_JP")
    missing = 0
    for context in sorted({c for c, _ in wanted}):
        ctx = ET.SubElement(root, "context")
        ET.SubElement(ctx, "name").text = context
        for _, source in sorted(s for s in wanted if s[0] == context):
            msg = ET.SubElement(ctx, "message")
            ET.SubElement(msg, "source").text = source
            text = known.get((context, source))
            translation = ET.SubElement(msg, "translation")
            if text:
                translation.text = text
            else:
                translation.set("type", "unfinished")
                missing += 1
    ET.indent(root)
    path.write_text('<?xml version="1.0" encoding="utf-8"?>\n'
                    + ET.tostring(root, encoding="unicode") + "\n", encoding="utf-8")  # fmt: skip
    return missing


def main() -> None:
    path = CATALOGUES / "office_ledger_ja.ts"
    known = read_catalogue(path) if path.exists() else {}
    missing = write(path, strings(), known)
    print(f"{path}: {missing} string(s) to translate")


if __name__ == "__main__":
    main()
