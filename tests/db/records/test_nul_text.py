"""A NUL character (\\x00) in a text (issue #23): PostgreSQL cannot store one, SQLite
can, so the rules refuse it on both backends, with the field named in Japanese and
English: in a workbook cell (a damaged or crafted file) and in text typed in a form."""

from __future__ import annotations

import shutil
import zipfile
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

from db.schema.fiscal import fy_period
from db.storage.database import Database, open_database
from exports.xlsx.exchange import import_file
from exports.xlsx.export import export_office, read_records
from exports.xlsx.guard import BadWorkbook
from tests.support import xlsxedit
from tests.support.factories import case
from tests.support.sheets import FORGOTTEN, typed_row

if TYPE_CHECKING:
    from pytestqt.qtbot import QtBot

MARK = "NULMARK"


def _workbook_with_nul(tmp_path: Path) -> Path:
    """An office's export with a row typed by hand whose summary holds a NUL: written as
    Excel escapes it (``_x0000_``), which the reader turns back into the character."""
    office = open_database(tmp_path / "lon.sqlite3")
    try:
        with office.session() as s:
            case(s, office="LON")
        made = export_office(office, tmp_path / "lon.xlsx", "LON", fy_period(2023)).path
    finally:
        office.close()
    path = typed_row(Path(shutil.copy(made, tmp_path / "typed.xlsx")), {**FORGOTTEN, "概要": MARK})
    with zipfile.ZipFile(path) as book:
        part = next(n for n in book.namelist() if MARK.encode() in book.read(n))
        xml = book.read(part)
    return xlsxedit.replace_part(path, part, xml.replace(MARK.encode(), b"ab_x0000_cd"))


def test_a_nul_in_a_workbook_cell_is_refused_with_the_field_named(
    ledger_db: Database, tmp_path: Path
) -> None:
    path = _workbook_with_nul(tmp_path)
    with pytest.raises(BadWorkbook) as refused:
        import_file(ledger_db, path, accept_edited=True)
    said = {lang: refused.value.text(lang) for lang in ("ja", "en")}
    assert "Summary" in said["en"] and "NUL" in said["en"] and "\n" not in said["en"]
    assert "概要" in said["ja"] and "NUL" in said["ja"]
    assert list(read_records(ledger_db, None, None)["support_case"]) == []  # nothing written


def test_a_nul_typed_in_a_form_is_shown_under_its_field(qtbot: QtBot, tmp_path: Path) -> None:
    from desktop.forms.declared import DeclaredForm

    db = open_database(tmp_path / "office.sqlite3")
    try:
        form = DeclaredForm("support_case", db, fy_period(2023), None, "ja")
        qtbot.addWidget(form)
        editor: Any = form.editor("requester")
        editor.setText("東京都")
        form.editor("types").boxes[next(iter(form.editor("types").boxes))].setChecked(True)
        assert form.problem() is None
        form.editor("staff").setText("本部\x00山田")
        found = form.problem()
        assert found is not None and found[0] == "staff"
        assert "NUL" in found[1] and "担当" in found[1]
        form._opened_with = None  # nothing to ask about at teardown
    finally:
        db.close()
