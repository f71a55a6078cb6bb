"""Every refusal and note of the import path, in the command's language: generated from
the catalogue (``db.schema.words``: the keys ``file.*``, ``export.*``, ``refuse.*`` and
``import.note.*``, less the ``.part.`` pieces other sentences are made of), each one
driven through the real command line (``office-ledger import … --lang ja|en``) with a
file made to cause it. In Japanese no English sentence is left; in both languages the
catalogue's own words are there, in one line. A refusal added to the catalogue without
a way to cause it here fails :func:`test_every_refusal_is_driven`."""

from __future__ import annotations

import re
import shutil
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from db.schema.fiscal import fy_period
from db.schema.words import WORDS
from db.storage.database import open_database
from exports.xlsx.export import export_office
from office_ledger.cli.commands import _sheet_kinds, main
from tests.support import xlsxedit
from tests.support.locked_books import encrypted_xlsx

REFUSALS = sorted(k for k in WORDS if k.startswith(("file.", "export.", "refuse.", "import.note."))
                  and ".part." not in k)  # fmt: skip
# Those no file can cause from the command line here, and why.
NOT_DRIVEN = {
    "file.cannot_read": "a file this user may not read: the tests run as root on Linux",
    "file.not_xlsx": "a non-zip file is named by what it is (file.text/other/…) first",
    "refuse.empty_book": "every workbook and text file has a sheet; kept as a defence",
    "export.cannot_rebuild": "rows that pass the column checks always rebuild; a defence",
    "export.part.unknown_deleted": "",  # (a part: not a refusal of its own)
}
LAUGHS = (b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">]>'
          b'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
          b"<si><t>&lol;</t></si></sst>")  # fmt: skip
SHEET = ["依頼団体", "区分", "開始日", "概要", "担当"]


@dataclass
class Case:
    """A file that causes the refusal, the import's arguments, and what it exits with."""

    path: Path
    args: list[str] = field(default_factory=list)
    code: int = 1
    before: list[list[str]] = field(default_factory=list)  # commands run first
    fresh: bool = False  # into a database that does not exist yet


Maker = Callable[[Path, Path], Case]


def office_sheet(path: Path, rows: list[list[Any]], headers: list[str] = SHEET) -> Path:
    book = openpyxl.Workbook()
    ws = book.active
    ws.append(headers)
    for row in rows:
        ws.append(row)
    book.save(path)
    return path


GOOD = [["静岡県", "都道府県・政令市", "2023/05/10", "知事の訪問同行", "田中"]]


def _export(export: Path, tmp: Path, change: Callable[[Any], None]) -> Path:
    return xlsxedit.edit(Path(shutil.copy(export, tmp / "nyc.xlsx")), change)


def _manifest(key: str, value: str | None) -> Callable[[Any], None]:
    def change(book: Any) -> None:
        sheet = book["マニフェスト"]
        for row in sheet.iter_rows(min_row=2):
            if row[0].value == key:
                row[1].value = value
                return
        sheet.append([key, value])

    return change


def _manifest_value(export: Path, key: str) -> str:
    book = openpyxl.load_workbook(export, read_only=True)
    found = next(r[1] for r in book["マニフェスト"].iter_rows(values_only=True) if r[0] == key)
    return str(found)


def _cell(sheet: str, header: str, row: int, value: Any) -> Callable[[Any], None]:
    def change(book: Any) -> None:
        ws = book[sheet]
        ws.cell(row, xlsxedit.column(ws, header)).value = value

    return change


def _zip(path: Path, members: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in members.items():
            z.writestr(name, data)
    return path


def _bomb(export: Path, tmp: Path) -> Case:
    path = Path(shutil.copy(export, tmp / "bomb.xlsx"))
    with zipfile.ZipFile(path, "a", zipfile.ZIP_DEFLATED) as z:
        z.writestr("xl/media/bomb.bin", bytes(40 * 2**20))  # 40 MiB of zeros, ~40 KiB packed
    return Case(path)


def _bomb_total(export: Path, tmp: Path) -> Case:
    path = Path(shutil.copy(export, tmp / "huge.xlsx"))
    with zipfile.ZipFile(path, "a", zipfile.ZIP_DEFLATED) as z:  # 33 parts of 16 MiB: 528 MiB
        for n in range(33):  # each under the ratio's floor, all past the total's limit
            z.writestr(f"xl/media/part{n}.bin", bytes(16 * 2**20))
    return Case(path)


def _entities(export: Path, tmp: Path) -> Case:
    with zipfile.ZipFile(export) as z:
        part = next(n for n in z.namelist() if n.startswith("xl/worksheets/"))
    return Case(xlsxedit.replace_part(Path(shutil.copy(export, tmp / "e.xlsx")), part, LAUGHS))


def _not_text(_export: Path, tmp: Path) -> Case:
    path = tmp / "records.csv"  # text at the start (what is probed), not text further on
    path.write_bytes(("依頼団体,開始日\n" * 8000).encode() + b"\x00\xff\xfe\x80" * 100)
    return Case(path, ["--office", "LON"])


def _columns(key: str, change: Callable[[str], str]) -> Callable[[Path, Path], Case]:
    def make(export: Path, tmp: Path) -> Case:
        value = change(_manifest_value(export, key))
        return Case(_export(export, tmp, _manifest(key, value)))

    return make


def _unknown_sheet(book: Any) -> None:
    _manifest("sheets", None)(book)  # replaced below: a sheet of a kind this app lacks
    for row in book["マニフェスト"].iter_rows(min_row=2):
        if row[0].value == "sheets":
            row[1].value = "widgets"
    _manifest("rows.widgets", "3")(book)


def _removed_row(export: Path, tmp: Path) -> Case:
    path = _export(export, tmp, lambda b: b["海外活動支援"].delete_rows(3))
    return Case(path, ["--dry-run"], code=0)


def _file(path: Path, data: bytes, args: list[str] | None = None) -> Case:
    path.write_bytes(data)
    return Case(path, args or [])


def _no_start(book: Any) -> None:
    ws = book["海外活動支援"]
    ws.delete_cols(xlsxedit.column(ws, "開始日"))


def _headerless(book: Any) -> None:
    ws = book["ニューズレター"]
    ws.delete_rows(1, ws.max_row)


MAKERS: dict[str, Maker] = {
    "file.empty": lambda e, t: _file(t / "x.xlsx", b""),
    "file.text": lambda e, t: Case(t / "memo.xlsx") if (t / "memo.xlsx").write_text(
        "日本語のメモ", encoding="utf-8") else Case(t),
    "file.zip": lambda e, t: Case(_zip(t / "photos.xlsx", {"photo.txt": b"hello"})),
    "file.encrypted": lambda e, t: Case(encrypted_xlsx(office_sheet(t / "p.xlsx", GOOD),
                                                       t / "locked.xlsx")),
    "file.other": lambda e, t: Case(t / "x.xlsx") if (t / "x.xlsx").write_bytes(
        bytes(range(256)) * 4) else Case(t),
    "file.not_text": _not_text,
    "file.damaged_xlsx": lambda e, t: Case(t / "cut.xlsx") if (t / "cut.xlsx").write_bytes(
        e.read_bytes()[:4000]) else Case(t),
    "file.damaged_xls": lambda e, t: Case(t / "old.xls", ["--office", "LON"]) if (
        t / "old.xls").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600)) else Case(t),
    "file.damaged_ods": lambda e, t: Case(_zip(t / "lo.ods", {
        "mimetype": b"application/vnd.oasis.opendocument.spreadsheet",
        "content.xml": b"<not-ods"}), ["--office", "LON"]),
    "file.own_sheet": lambda e, t: Case(t / "lon.csv") if (t / "lon.csv").write_text(
        "依頼団体,開始日\n静岡県,2023/05/10\n", encoding="utf-8") else Case(t),
    "file.bomb_part": _bomb,
    "file.bomb_total": _bomb_total,
    "file.entities": _entities,
    "refuse.no_header": lambda e, t: Case(office_sheet(t / "lon.xlsx", [["a", "b"]],
                                                       ["Apples", "Pears"]), ["--office", "LON"]),
    "refuse.no_column": lambda e, t: Case(office_sheet(t / "lon.xlsx", [GOOD[0][1:]], SHEET[1:]),
                                          ["--office", "LON"]),
    "refuse.unknown_mapping": lambda e, t: Case(office_sheet(t / "lon.xlsx", GOOD),
                                                ["--office", "LON", "--mapping", "nope"]),
    "refuse.mapping_kind": lambda e, t: Case(
        office_sheet(t / "lon.xlsx", GOOD), ["--office", "LON", "--kind", "event-booths",
                                             "--mapping", "mine"],
        before=[[str(office_sheet(t / "lon.xlsx", GOOD)), "--office", "LON", "--accept-guess",
                 "--save-mapping", "mine"]]),
    "refuse.is_export": lambda e, t: Case(e, ["--office", "NYC"]),
    "refuse.unreadable_rows": lambda e, t: Case(office_sheet(
        t / "lon.xlsx", [*GOOD, ["岡山県", "市町村", "来週", "視察", "佐藤"]]),
        ["--office", "LON", "--accept-guess"]),
    "refuse.needs_office": lambda e, t: Case(office_sheet(t / "lon.xlsx", GOOD),
                                             ["--accept-guess"], code=2),
    "refuse.unknown_kind": lambda e, t: Case(office_sheet(t / "lon.xlsx", GOOD),
                                             ["--office", "LON", "--kind", "widgets"], code=2),
    "import.note.created_db": lambda e, t: Case(office_sheet(t / "lon.xlsx", GOOD),
                                                ["--office", "LON", "--accept-guess"], code=0,
                                                fresh=True),
    "import.note.no_db_preview": lambda e, t: Case(office_sheet(t / "lon.xlsx", GOOD),
                                                   ["--dry-run"], code=1, fresh=True),
    "import.note.removed_rows": _removed_row,
    "export.cannot_open": lambda e, t: Case(_zip(t / "x.xlsx", {
        "[Content_Types].xml": b"<Types/>", "xl/workbook.xml": b"<broken"})),
    "export.no_manifest": lambda e, t: Case(_export(e, t, lambda b: b.remove(b["マニフェスト"]))),
    "export.bad_manifest": lambda e, t: Case(_export(e, t, _manifest("format", "something"))),
    "export.bad_version": lambda e, t: Case(_export(e, t, _manifest("format_version", "two"))),
    "export.newer": lambda e, t: Case(_export(e, t, _manifest("format_version", "99"))),
    "export.no_office": lambda e, t: Case(_export(e, t, _manifest("office", "XYZ"))),
    "export.missing_sheet": lambda e, t: Case(_export(e, t, lambda b: b.remove(b["イベント日程"]))),
    "export.no_header": lambda e, t: Case(_export(e, t, _headerless)),
    "export.missing_columns": lambda e, t: Case(_export(e, t, _no_start)),
    "export.bad_cell": lambda e, t: Case(_export(e, t, _cell("海外活動支援", "版", 5, "three"))),
    "export.update_app": lambda e, t: Case(_export(e, t, _unknown_sheet)),
    "export.no_sheets": lambda e, t: Case(_export(e, t, _manifest("sheets", ";"))),
    "export.bad_column_list": _columns("columns.support_case", lambda v: "garbage"),
    "export.lacks_columns": _columns("columns.support_case", lambda v: ";".join(
        p for p in v.split(";") if not p.startswith("version:"))),
    "export.no_foreign_headers": _columns("columns.support_case", lambda v: v + ";mood:text"),
    "export.edited": lambda e, t: Case(_export(e, t, _cell("海外活動支援", "概要", 3, "直した"))),
    "export.uuid_twice": lambda e, t: Case(_export(e, t, lambda b: _cell(
        "海外活動支援", "UUID", 4, b["海外活動支援"].cell(3, xlsxedit.column(
            b["海外活動支援"], "UUID")).value)(b))),
    "export.other_office": lambda e, t: Case(_export(e, t, _manifest("office", "PAR"))),
    "export.broken_rule": lambda e, t: Case(_export(e, t, _cell(
        "イベント日程", "終了日", 2, __import__("datetime").date(2000, 1, 1)))),
    "export.orphan": lambda e, t: Case(_export(e, t, lambda b: b["イベント出展"].delete_rows(2))),
}  # fmt: skip
ENGLISH = re.compile(r"[A-Za-z][A-Za-z'’]+(?:[ ,;:()/-]+[A-Za-z][A-Za-z'’]+){3,}")


@pytest.fixture(scope="module")
def export(demo_template: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    db = open_database(demo_template)
    try:
        folder = tmp_path_factory.mktemp("export")
        return export_office(db, folder / "NYC.xlsx", "NYC", fy_period(2023)).path
    finally:
        db.close()


def test_every_refusal_is_driven() -> None:
    assert sorted(set(REFUSALS) - set(NOT_DRIVEN) - set(MAKERS)) == []
    assert sorted(set(MAKERS) - set(REFUSALS)) == []  # no maker for a refusal gone


def fragments(key: str, lang: str) -> list[str]:
    """The catalogue's own words of the sentence (between its parameters)."""
    text = WORDS[key][0 if lang == "ja" else 1]
    return [p.strip(" :;,.()（）。、") for p in re.split(r"\{[^}]*\}", text)
            if len(p.strip(" :;,.()（）。、")) >= 2]  # fmt: skip


@pytest.mark.slow
@pytest.mark.parametrize("key", [k for k in REFUSALS if k in MAKERS])
def test_each_refusal_in_japanese_and_english(
    key: str, export: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    case = MAKERS[key](export, tmp_path)
    db = tmp_path / "ledger.sqlite3"
    if not case.fresh:
        open_database(db).close()
    for before in case.before:
        assert main(["--db", str(db), "import", *before]) == 0
    capsys.readouterr()
    for lang in ("ja", "en"):
        if case.fresh and db.exists():
            db.unlink()
        argv = ["--db", str(db), "import", str(case.path), *case.args, "--lang", lang]
        code = main(argv)
        out = capsys.readouterr()
        said = out.out + out.err
        assert code == case.code, (lang, said)
        for words in fragments(key, lang):
            assert words in said, (key, lang, words, said)
        notes = [line for line in out.err.splitlines() if line.startswith("office-ledger: ")]
        assert "Traceback" not in said
        if case.code:  # a refusal: one line for the file (and one if a database was made)
            assert 1 <= len(notes) <= (2 if case.fresh else 1), notes
        if lang == "ja":
            plain = said.replace(str(tmp_path), "").replace(case.path.name, "")
            for name in (
                ", ".join(_sheet_kinds()),
                "Office Ledger",
                "office-ledger: error:",
                "office-ledger:",
            ):  # the app's name, the command's own values
                plain = plain.replace(name, "")
            plain = re.sub(r"'[^'\n]*'|\b[0-9a-f-]{36}\b|--[a-z-]+", "", plain)  # as they are
            assert ENGLISH.findall(plain) == [], (key, said)
