"""An office's sheet with rows the importer cannot read: listed with the reason, and
nothing written unless the user explicitly chooses to skip them (CLI flag or dialog)."""

from __future__ import annotations

from pathlib import Path

import pytest

from db.storage.database import Database, open_database
from db.tally.tallies import tally_fy


def sheet_with_bad_dates(path: Path) -> Path:
    import openpyxl

    book = openpyxl.Workbook()
    ws = book.active
    ws.append(["依頼団体", "対応日", "支援内容"])
    ws.append(["東京都", "2023-06-01", "同行"])
    ws.append(["横浜市", "来週", "通訳あっせん"])
    ws.append(["大阪府", "2023-07-03", "調査"])
    ws.append(["京都府", "令和5年2月30日", "広報支援"])
    book.save(path)
    return path


def cases(path: Path) -> int:
    db = open_database(path)
    try:
        with db.session() as s:
            return tally_fy(s, 2023).total.support_cases.total
    finally:
        db.close()


def test_unreadable_rows_stop_the_cli_import_unless_skipped(
    db: Database, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from office_ledger.cli.commands import main

    path = sheet_with_bad_dates(tmp_path / "tokyo.xlsx")
    db.close()
    args = ["--db", str(db.path), "import", str(path), "--office", "NYC", "--accept-guess"]
    code = main(args)
    out, err = capsys.readouterr()
    assert code == 1, "a sheet with unreadable rows must not import silently"
    assert "row 3 not imported" in out and "来週" in out and "row 5" in out
    assert "2 rows cannot be read" in err and "--skip-unreadable" in err
    assert cases(db.file) == 0  # nothing written, not even the readable rows
    code = main([*args, "--skip-unreadable"])
    out = capsys.readouterr().out
    assert code == 0 and "imported 2 records" in out and "skipped 2 unreadable rows" in out
    assert cases(db.file) == 2


def test_the_preview_lists_the_rows_and_says_what_stops_the_import(
    db: Database, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from office_ledger.cli.commands import main

    path = sheet_with_bad_dates(tmp_path / "tokyo.xlsx")
    db.close()
    code = main(["--db", str(db.path), "import", str(path), "--office", "NYC"])
    out = capsys.readouterr().out
    assert code == 0 and "2 rows readable" in out
    assert "row 3 not imported: Start: '来週' is not a date" in out
    assert "row 5 not imported: Start: '令和5年2月30日'" in out
    assert "unless you add --skip-unreadable" in out and cases(db.file) == 0
