"""Plain-text tables for the terminal that line up Japanese (full-width) text."""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence


def display_width(text: str) -> int:
    """Columns ``text`` takes in a terminal: wide and full-width characters take two."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _pad(text: str, width: int, right: bool) -> str:
    gap = " " * (width - display_width(text))
    return gap + text if right else text + gap


def render(headers: Sequence[str], rows: Sequence[Sequence[object]]) -> str:
    """Left-aligned text, right-aligned numbers, a rule under the header."""
    cells = [[str(c) for c in row] for row in rows]
    numeric = [all(isinstance(row[i], int) for row in rows) for i in range(len(headers))]
    widths = [
        max(display_width(h), *(display_width(r[i]) for r in cells)) if cells else display_width(h)
        for i, h in enumerate(headers)
    ]
    lines = ["  ".join(_pad(h, w, n) for h, w, n in zip(headers, widths, numeric, strict=True))]
    lines.append("  ".join("-" * w for w in widths))
    lines += [
        "  ".join(_pad(c, w, n) for c, w, n in zip(r, widths, numeric, strict=True)) for r in cells
    ]
    return "\n".join(line.rstrip() for line in lines)
