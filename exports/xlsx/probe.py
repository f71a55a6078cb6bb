"""What a file is, by its first bytes, and the errors that refuse one.

Shared by the workbook guard (:mod:`exports.xlsx.guard`: an .xlsx's zip checked before
any parser) and the office-sheet reader (:mod:`exports.legacy.files`: any format an
office keeps records in): :func:`describe` names a file by its first bytes, never its
name alone ("a text file, not a workbook", "a password-protected workbook");
:func:`encoding` guesses how text was saved. :class:`BadWorkbook` refuses a file with
a one-line message; :class:`NotAWorkbook` names what the file is instead.
"""

from __future__ import annotations

import codecs
import zipfile
from pathlib import Path

from db.schema.errors import LedgerError
from db.schema.words import Message

OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP = b"PK\x03\x04"
ODS_MIME = b"application/vnd.oasis.opendocument.spreadsheet"
TEXT_SUFFIXES = (".csv", ".tsv", ".txt")
# Where a password-protected .xlsx (an OLE2 container) keeps its encryption header.
_ENCRYPTED = "EncryptionInfo".encode("utf-16-le")
_TEXT_PROBE = 64 * 1024


class BadWorkbook(LedgerError):
    """The file cannot be imported; the message says why in one line."""


class NotAWorkbook(BadWorkbook):
    """A file that is no workbook (or a damaged or locked one), named for what it is;
    ``str()`` is the command line's English, :meth:`text` any language."""

    def __init__(self, path: Path, what: str, detail: str = "") -> None:
        self.message = Message(f"file.{what}", {"file": path.name})
        super().__init__(self.message)
        self.detail = detail  # what the reader said (English), for a bug report


def describe(path: Path) -> str:
    """What a file is, by its first bytes: xlsx, ods, xls, encrypted, text, csv, zip,
    empty or other (what the reader does with it, and what a refusal calls it)."""
    try:
        with path.open("rb") as fh:
            head = fh.read(_TEXT_PROBE)
    except OSError as exc:
        raise BadWorkbook(Message("file.cannot_read", {"file": path.name})) from exc
    if not head:
        return "empty"
    if head.startswith(ZIP):
        try:
            with zipfile.ZipFile(path) as archive:
                names = set(archive.namelist())
                if "mimetype" in names and archive.read("mimetype").strip() == ODS_MIME:
                    return "ods"
        except (zipfile.BadZipFile, OSError, KeyError):
            return "xlsx"  # the workbook guard says how it is damaged
        return "xlsx" if any(n.startswith("xl/") for n in names) else "zip"
    if head.startswith(OLE2):
        return "encrypted" if _ENCRYPTED in _whole(path) else "xls"
    if decoded(head, partial=True) is not None:
        return "csv" if path.suffix.lower() in TEXT_SUFFIXES else "text"
    return "other"


def _whole(path: Path) -> bytes:
    with path.open("rb") as fh:
        return fh.read(4 * 1024 * 1024)  # an OLE2 directory sits near the start


# What is refused, by what :func:`describe` calls it (the words: ``file.<what>``).
NAMED = ("empty", "text", "zip", "encrypted", "other")


_BOMS = ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"),
         (codecs.BOM_UTF16_BE, "utf-16"))  # fmt: skip


def encoding(data: bytes, *, partial: bool = False) -> str | None:
    """The encoding text was saved in: a BOM's, else UTF-16 without one (every other
    byte NUL), UTF-8, or Shift_JIS/CP932; None when it is not text."""
    for bom, name in _BOMS:
        if data.startswith(bom):
            return name
    sample = data[:2048]
    if sample and sample.count(0) * 3 > len(sample):  # UTF-16 without a BOM
        return "utf-16-le" if sample[1::2].count(0) > sample[0::2].count(0) else "utf-16-be"
    if b"\x00" in sample:
        return None
    for name in ("utf-8", "cp932"):
        decoder = codecs.getincrementaldecoder(name)()
        try:
            decoder.decode(data, final=not partial)
        except UnicodeDecodeError:
            continue
        return name
    return None


def decoded(data: bytes, *, partial: bool = False) -> str | None:
    """``data`` as text in :func:`encoding`'s guess (None when it is not text)."""
    name = encoding(data, partial=partial)
    if name is None:
        return None
    return codecs.getincrementaldecoder(name)(errors="replace").decode(data, final=not partial)
