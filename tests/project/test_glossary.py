"""The Japanese texts follow docs/glossary.md: no word of its "not" column is used in
the window's catalogue (the .ts) or the domain's words (db/schema/words.py)."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path

from db.schema.words import WORDS

ROOT = Path(__file__).resolve().parents[2]


def _forbidden() -> dict[str, str]:
    """Each word of the glossary's "not" column, with the word to use instead."""
    out = {}
    for line in (ROOT / "docs" / "glossary.md").read_text(encoding="utf-8").splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) == 3 and cells[2] and cells[2] != "not" and not set(cells[2]) <= {"-"}:
            for wrong in re.split(r",\s*", cells[2]):
                out[wrong] = cells[1]
    return out


def test_the_glossary_lists_words_not_to_use() -> None:
    assert {"ワークブック", "エクスポート", "新規作成", "取込み"} <= set(_forbidden())


def test_the_window_and_the_domain_words_follow_the_glossary() -> None:
    forbidden = _forbidden()
    tree = ET.parse(ROOT / "resources" / "i18n" / "office_ledger_ja.ts")
    texts = [t.text or "" for t in tree.getroot().iter("translation")]
    texts += [ja for ja, _en in WORDS.values()]
    found = sorted({(wrong, text) for text in texts for wrong in forbidden if wrong in text})
    assert not found, [f"{text!r}: use {forbidden[wrong]} for {wrong}" for wrong, text in found]
