"""A password-protected workbook — a real one: an .xlsx encrypted as Excel encrypts it,
an .xls and an .ods saved with a password by LibreOffice — is refused in one line, in
the command's language, saying to remove the password in Excel and save or export it
again; given as an export or as an office's own sheet, nothing is imported."""

from __future__ import annotations

import io
from pathlib import Path

import openpyxl
import pytest

from db.schema.words import word
from office_ledger.cli.commands import main
from tests.support.locked_books import PASSWORD, encrypted_xlsx, locked_by_libreoffice

HEADERS = ["依頼団体", "区分", "開始日", "概要", "担当"]


@pytest.fixture(scope="module")
def plain(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("locked") / "lon-support.xlsx"
    book = openpyxl.Workbook()
    ws = book.active
    ws.append(HEADERS)
    ws.append(["静岡県", "都道府県・政令市", "2023/05/10", "知事の訪問同行", "田中"])
    book.save(path)
    return path


def refusals(path: Path, db: Path, capsys: pytest.CaptureFixture[str]) -> dict[str, list[str]]:
    """What ``import`` says of the file, per language and way it is given."""
    said = {}
    for lang in ("ja", "en"):
        for how, office in (("export", []), ("sheet", ["--office", "LON", "--accept-guess"])):
            code = main(["--db", str(db), "import", str(path), *office, "--lang", lang])
            out = capsys.readouterr()
            lines = [line for line in out.err.splitlines() if str(db) not in line]  # created
            assert code == 1 and out.out == "", (lang, how, out)
            said[f"{lang}-{how}"] = lines
    return said


def check(path: Path, db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    for key, lines in refusals(path, db, capsys).items():
        lang = key[:2]
        expected = "office-ledger: " + word("file.encrypted", lang, file=path.name)
        assert lines == [expected], (key, lines)  # one line, the catalogue's refusal
        assert "Excel" in lines[0]
        assert ("パスワード" in lines[0]) if lang == "ja" else ("password" in lines[0])
    import sqlite3

    with sqlite3.connect(db) as con:
        assert con.execute("SELECT count(*) FROM support_case").fetchone() == (0,)


def test_an_xlsx_encrypted_as_excel_does_is_refused_in_both_languages(
    plain: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from msoffcrypto import OfficeFile

    locked = encrypted_xlsx(plain, tmp_path / "lon-support-locked.xlsx")
    out = io.BytesIO()
    with locked.open("rb") as fh:
        opened = OfficeFile(fh)
        assert opened.is_encrypted()  # a real encrypted workbook: the password opens it
        opened.load_key(password=PASSWORD)
        opened.decrypt(out)
    assert next(openpyxl.load_workbook(out).active.values) == tuple(HEADERS)
    check(locked, tmp_path / "l.sqlite3", capsys)


@pytest.mark.slow
@pytest.mark.parametrize("suffix", ["xls", "ods"])
def test_an_xls_or_ods_saved_with_a_password_is_refused_in_both_languages(
    plain: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], suffix: str
) -> None:
    locked = locked_by_libreoffice(plain, suffix, tmp_path)
    if suffix == "xls":
        from msoffcrypto import OfficeFile

        with locked.open("rb") as fh:
            assert OfficeFile(fh).is_encrypted()  # RC4, as Excel 97 saves it
    check(locked, tmp_path / "l.sqlite3", capsys)
