"""Every file an office keeps its sheet in (.xlsx, .xls, .ods, .csv in UTF-8, CP932 or
UTF-16) is read by the one office-sheet reader into the same records; a file that is
no workbook is named for what it is, and is never taken for an export."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

from db.storage.database import Database, open_database
from exports.legacy.importer import import_legacy
from exports.xlsx.guard import BadWorkbook
from exports.xlsx.read import is_export

HEADERS = ["依頼団体", "区分", "開始日", "概要", "担当"]
ROWS: list[list[Any]] = [
    ["静岡県", "都道府県・政令市", "2023/05/10", "知事の訪問同行", "田中"],
    ["岡山県倉敷市", "市区町村", "2023/06/01", "視察アポ取付け", "佐藤"],
    ["日本政府観光局", "その他", "2023/07/15", "通訳あっせん", "Emily"],
]


def office_xlsx(path: Path) -> Path:
    import openpyxl

    book = openpyxl.Workbook()
    ws = book.active
    ws.title = "R5支援"
    ws["A1"] = "令和５年度　ロンドン事務所　海外活動支援一覧"
    for c, h in enumerate(HEADERS, 1):
        ws.cell(3, c, h)
    for r, values in enumerate(ROWS, 4):
        for c, v in enumerate(values, 1):
            ws.cell(r, c, v)
    book.save(path)
    return path


def office_csv(path: Path, encoding: str, delimiter: str = ",") -> Path:
    lines = [delimiter.join(HEADERS), *(delimiter.join(map(str, r)) for r in ROWS)]
    path.write_bytes(("\r\n".join(lines) + "\r\n").encode(encoding))
    return path


def converted(source: Path, suffix: str, out: Path) -> Path:
    """``source`` saved as ``suffix`` by LibreOffice (the writer offices use)."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:  # pragma: no cover - installed by scripts/setup test
        pytest.skip("LibreOffice is not installed")
    subprocess.run([soffice, "--headless", f"-env:UserInstallation=file://{out}/profile",
                    "--convert-to", suffix, "--outdir", str(out), str(source)],
                   check=True, capture_output=True, timeout=180)  # fmt: skip
    made = out / f"{source.stem}.{suffix}"
    assert made.exists(), f"LibreOffice did not write {made.name}"
    return made


@pytest.fixture(scope="module")
def sheets(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    out = tmp_path_factory.mktemp("formats")
    xlsx = office_xlsx(out / "support.xlsx")
    files = {"xlsx": xlsx, "xls": converted(xlsx, "xls", out), "ods": converted(xlsx, "ods", out)}
    files["csv-utf8"] = office_csv(out / "support-utf8.csv", "utf-8-sig")
    files["csv-cp932"] = office_csv(out / "support-sjis.csv", "cp932")
    files["tsv-utf16"] = office_csv(out / "support.tsv", "utf-16", "\t")
    return files


def cases(db: Database) -> list[tuple[Any, ...]]:
    with db.session() as s:
        sql = ("SELECT requester, requester_category, start_date, summary, staff, office_code"
               " FROM support_case ORDER BY requester")  # fmt: skip
        return [tuple(r) for r in s.connection().exec_driver_sql(sql)]


@pytest.mark.slow
def test_the_same_sheet_in_every_format_imports_to_the_same_records(
    sheets: dict[str, Path], tmp_path: Path
) -> None:
    found = {}
    for name, path in sheets.items():
        assert not is_export(path), name
        db = open_database(tmp_path / f"{name}.sqlite3")
        try:
            report = import_legacy(db, path, "LON", "support-cases", accept_guess=True)
            assert report.applied and report.imported == 3, (name, report.sheet.problems)
            found[name] = cases(db)
            again = import_legacy(db, path, "LON", "support-cases", accept_guess=True)
            assert again.imported == 0 and cases(db) == found[name]  # a re-import adds nothing
        finally:
            db.close()
    assert found["xlsx"][0][:2] == ("岡山県倉敷市", "municipality")
    assert {n: f for n, f in found.items() if f != found["xlsx"]} == {}


@pytest.mark.parametrize(
    ("content", "named"),
    [(b"", "an empty file"),
     ("日本語のメモ\n二行目".encode(), "a text file, not an Excel workbook"),
     (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600, "a damaged .xls"),
     (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + "EncryptionInfo".encode("utf-16-le") + b"\x00" * 64,
      "a password-protected workbook")],
)  # fmt: skip
def test_a_file_that_is_no_workbook_is_named_for_what_it_is(
    db: Database, tmp_path: Path, content: bytes, named: str
) -> None:
    path = tmp_path / "records.xlsx"
    path.write_bytes(content)
    assert not is_export(path)
    with pytest.raises(BadWorkbook) as info:
        import_legacy(db, path, "LON", "support-cases", accept_guess=True)
    assert str(info.value).startswith(f"records.xlsx: {named}"), info.value
    assert "is an Office Ledger export" not in str(info.value)


@pytest.mark.slow
def test_an_office_sheet_given_as_an_export_says_how_to_import_it(
    sheets: dict[str, Path], capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    from office_ledger.cli.commands import main

    for name in ("xls", "ods", "csv-cp932"):
        code = main(["--db", str(tmp_path / "l.sqlite3"), "import", str(sheets[name])])
        err = capsys.readouterr().err
        assert code == 1 and "an office's own sheet" in err and "--office" in err, err


def test_a_refused_file_is_named_in_the_commands_language(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from office_ledger.cli.commands import main

    path = tmp_path / "records.xlsx"
    path.write_text("日本語のメモ", encoding="utf-8")
    db = str(tmp_path / "l.sqlite3")
    for lang, said in (("ja", "テキストファイルで、Excel ブックではありません"),
                       ("en", "a text file, not an Excel workbook")):  # fmt: skip
        for office in ([], ["--office", "LON"]):  # as an export, and as an office's sheet
            assert main(["--db", db, "import", str(path), *office, "--lang", lang]) == 1
            lines = [n for n in capsys.readouterr().err.splitlines() if db not in n]  # created
            assert len(lines) == 1 and f"records.xlsx: {said}" in lines[0], lines
