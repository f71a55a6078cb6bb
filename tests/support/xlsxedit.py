"""Change an export workbook the way a person (or an attacker) would, for the tests."""

from __future__ import annotations

import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any


def edit(path: Path, change: Callable[[Any], None]) -> Path:
    """Open with openpyxl, apply ``change(workbook)``, save in place (as Excel would)."""
    import openpyxl

    book = openpyxl.load_workbook(path)
    change(book)
    book.save(path)
    return path


def column(sheet: Any, header: str) -> int:
    """1-based index of the column with this header."""
    for cell in sheet[1]:
        if cell.value == header:
            return int(cell.column)
    raise KeyError(header)


def replace_part(path: Path, name: str, data: bytes) -> Path:
    """Rewrite one member of the zip (e.g. an XML part) byte for byte."""
    out = path.with_name(path.stem + "-patched.xlsx")
    with zipfile.ZipFile(path) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            dst.writestr(item, data if item.filename == name else src.read(item))
    return out
