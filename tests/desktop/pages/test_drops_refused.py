"""Files the window refuses to import say why in the window's language: a locked office
sheet dropped on a Japanese window, and an export of a newer format, are refused in
Japanese, with no English sentence left (the same catalogue as ``import --lang ja``)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import openpyxl
import pytest
from PySide6.QtWidgets import QMessageBox

from db.schema.fiscal import fy_period
from db.schema.words import word
from db.storage.database import Database, open_database
from exports.xlsx.export import export_office
from tests.support import xlsxedit
from tests.support.drops import drop
from tests.support.drops import shown_window as _window
from tests.support.locked_books import encrypted_xlsx

if TYPE_CHECKING:
    from pytestqt.qtbot import QtBot

pytestmark = pytest.mark.gui
ENGLISH = re.compile(r"[A-Za-z][A-Za-z']+(?:[ ,;:()/-]+[A-Za-z][A-Za-z']+){3,}")


@pytest.fixture
def shown(monkeypatch: pytest.MonkeyPatch, qapp: Any, tmp_path: Path) -> Iterator[list[str]]:
    """The texts of the warnings a Japanese window shows (answered at once: nothing
    waits); the app's Japanese translators for the window's chrome, removed after."""
    from desktop.kit import i18n

    said: list[str] = []

    def warning(_parent: Any, _title: str, text: str, *_args: Any) -> QMessageBox.StandardButton:
        said.append(text)
        return QMessageBox.StandardButton.Ok

    def exec_(box: QMessageBox) -> int:
        said.append(box.text())
        return QMessageBox.StandardButton.Ok.value

    monkeypatch.setattr(QMessageBox, "warning", warning)
    monkeypatch.setattr(QMessageBox, "exec", exec_)
    translators = i18n.install(qapp, "ja", tmp_path / "i18n")
    try:
        yield said
    finally:
        for t in translators:
            qapp.removeTranslator(t)


def test_a_locked_office_sheet_is_refused_in_japanese(
    qtbot: QtBot, db: Database, tmp_path: Path, shown: list[str]
) -> None:
    plain = tmp_path / "plain.xlsx"
    book = openpyxl.Workbook()
    book.active.append(["依頼団体", "区分", "開始日"])
    book.save(plain)
    locked = encrypted_xlsx(plain, tmp_path / "ロンドン支援.xlsx")
    window = _window(qtbot, db, "ja")
    drop(window, locked)
    qtbot.waitUntil(lambda: bool(shown))
    assert word("file.encrypted", "ja", file=locked.name) in shown[0]
    assert ENGLISH.findall(shown[0].replace("Office Ledger", "")) == [], shown


def test_an_export_of_a_newer_format_is_refused_in_japanese(
    qtbot: QtBot, demo_db: Database, tmp_path: Path, shown: list[str]
) -> None:
    path = export_office(demo_db, tmp_path / "SEL.xlsx", "SEL", fy_period(2023)).path

    def newer(book: Any) -> None:
        for row in book["マニフェスト"].iter_rows(min_row=2):
            if row[0].value == "format_version":
                row[1].value = "99"

    xlsxedit.edit(path, newer)
    hq = open_database(tmp_path / "hq.sqlite3")
    try:
        window = _window(qtbot, hq, "ja")
        drop(window, path)
        qtbot.waitUntil(lambda: bool(shown), timeout=20000)
        assert "新しい Office Ledger で作られています" in shown[0], shown
        assert ENGLISH.findall(shown[0].replace("Office Ledger", "")) == [], shown
    finally:
        hq.close()
