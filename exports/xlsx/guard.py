"""Refuse files that are not safe to open as workbooks, before any parser sees them.

An .xlsx file is a zip of XML parts. Checked without extracting anything: that it is
a zip at all and complete, that its members would not expand beyond sane limits (a
zip bomb), and that no XML part declares a DOCTYPE (entity-expansion "billion
laughs" bombs need one; Office never writes one). Only then does calamine read it.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

from db.schema.words import Message
from exports.xlsx.probe import NAMED, BadWorkbook, NotAWorkbook, describe

__all__ = ["BadWorkbook", "check"]  # BadWorkbook lives in exports.xlsx.probe

MAX_TOTAL = 512 * 1024 * 1024  # bytes all members may expand to
MAX_RATIO = 200  # expansion ratio of a member larger than RATIO_FLOOR
RATIO_FLOOR = 16 * 1024 * 1024
PROLOG_BYTES = 2048


def check(path: Path) -> None:
    """Raise :class:`BadWorkbook` unless ``path`` looks like a safe .xlsx workbook."""
    name = path.name
    try:
        with path.open("rb") as fh:
            magic = fh.read(4)
    except OSError as exc:
        raise BadWorkbook(Message("file.cannot_read", {"file": name})) from exc
    if magic != b"PK\x03\x04":
        what = describe(path)
        if what in NAMED:
            raise NotAWorkbook(path, what)
        raise BadWorkbook(Message("file.not_xlsx", {"file": name}))
    try:
        archive = zipfile.ZipFile(path)
    except zipfile.BadZipFile as exc:
        raise BadWorkbook(Message("file.damaged_xlsx", {"file": name})) from exc
    with archive:
        members = archive.infolist()
        names = {m.filename for m in members}
        if "[Content_Types].xml" not in names or not any(n.startswith("xl/") for n in names):
            raise BadWorkbook(Message("file.zip", {"file": name}))
        total = sum(m.file_size for m in members)
        if total > MAX_TOTAL:
            raise BadWorkbook(Message("file.bomb_total", {
                "file": name, "size": f"{total / 2**20:,.0f}",
                "limit": f"{MAX_TOTAL / 2**20:,.0f}"}))  # fmt: skip
        for m in members:
            if m.file_size > RATIO_FLOOR and m.file_size > MAX_RATIO * max(m.compress_size, 1):
                raise BadWorkbook(Message("file.bomb_part", {
                    "file": name, "part": m.filename,
                    "ratio": f"{m.file_size // max(m.compress_size, 1):,}"}))  # fmt: skip
        for m in members:
            if m.filename.endswith((".xml", ".rels")):
                try:
                    with archive.open(m) as part:
                        prolog = part.read(PROLOG_BYTES)
                except (zipfile.BadZipFile, OSError, EOFError) as exc:
                    raise BadWorkbook(Message("file.damaged_xlsx", {"file": name})) from exc
                if b"<!DOCTYPE" in prolog.upper() or b"<!ENTITY" in prolog.upper():
                    raise BadWorkbook(Message("file.entities", {"file": name, "part": m.filename}))
