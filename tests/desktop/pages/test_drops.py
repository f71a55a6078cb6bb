"""Workbooks dropped onto the window (simulated drag and drop events): an export reaches
the import preview, an office's own sheet the mapping dialog, whose confirmed (and
edited) mapping imports it; rows that cannot be read stop it unless left out."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
from PySide6.QtWidgets import QComboBox, QDialog

from db.schema.fiscal import fy_period
from db.storage.database import Database, open_database
from db.tally.tallies import tally_fy
from exports.xlsx.export import export_office, read_records
from tests.support.drops import drag, drop, shown_window

if TYPE_CHECKING:
    from pytestqt.qtbot import QtBot

    from desktop.dialogs.mapping import MappingDialog

pytestmark = pytest.mark.gui


def office_sheet(path: Path, title: str = "令和5年度　ロンドン事務所　支援一覧") -> Path:
    """An office's own support-case sheet: a title, a header, a row it cannot read."""
    import openpyxl

    book = openpyxl.Workbook()
    ws = book.active
    ws["A1"] = title
    ws.merge_cells("A1:E1")
    ws.append(["依頼団体", "区分", "期間", "支援内容", "担当"])
    ws.append(["東京都", "都道府県・政令市", "令和5年5月10日～5月12日", "同行", "田中"])
    ws.append(["北海道ニセコ町", "市町村", "2023/11/3～11/5", "通訳", "佐藤"])
    ws.append(["福岡県", "その他", "来週", "調査", "田中"])
    ws.append(["Kobe City", "Other", "3/11/2023", "Research", "Tom"])
    book.save(path)
    return path


def test_only_xlsx_files_are_accepted(qtbot: QtBot, db: Database, tmp_path: Path) -> None:
    window = shown_window(qtbot, db)
    text = tmp_path / "notes.txt"
    text.write_text("x", encoding="utf-8")
    assert not drag(window, text)
    assert drag(window, text, tmp_path / "a.xlsx")


def test_a_dropped_export_reaches_the_import_preview(
    qtbot: QtBot, demo_db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from desktop.pages.sync import ImportPreview

    workbook = export_office(demo_db, tmp_path / "SEL.xlsx", "SEL", fy_period(2023)).path
    hq = open_database(tmp_path / "hq.sqlite3")
    window = shown_window(qtbot, hq)
    shown: list[ImportPreview] = []

    def exec_(dialog: ImportPreview) -> int:
        shown.append(dialog)
        return QDialog.DialogCode.Accepted.value

    monkeypatch.setattr(ImportPreview, "exec", exec_)
    drop(window, workbook)
    qtbot.waitUntil(lambda: bool(shown))
    assert window.pages.currentWidget() is window.sync
    assert shown[0].windowTitle() == "Import SEL.xlsx"
    with hq.session() as s:
        assert tally_fy(s, 2023).offices["SEL"].support_cases.total == 59
    hq.close()


def _combo_of(dialog: MappingDialog, key: str) -> QComboBox:
    from exports.legacy.fields import KINDS

    row = [f.key for f in KINDS[dialog.kind]].index(key)
    box = dialog.fields.cellWidget(row, 1)
    assert isinstance(box, QComboBox)
    return box


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_a_dropped_office_sheet_opens_the_mapping_dialog_and_imports_what_is_confirmed(
    qtbot: QtBot, db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, lang: str
) -> None:
    from desktop.dialogs.mapping import MappingDialog

    sheet = office_sheet(tmp_path / "london.xlsx")
    window = shown_window(qtbot, db, lang)
    window.office_box.setCurrentIndex(window.office_box.findData("LON"))
    seen: list[dict[str, Any]] = []

    def exec_(dialog: MappingDialog) -> int:
        seen.append({
            "office": dialog.office, "kind": dialog.kind, "columns": dialog.columns(),
            "problems": [dialog.problems.item(i).text() for i in range(dialog.problems.count())],
            "blocked": not dialog.import_button.isEnabled(),
        })  # fmt: skip
        dialog.skip.setChecked(True)  # the user chooses to leave the unreadable row out
        assert dialog.import_button.isEnabled()
        _combo_of(dialog, "staff").setCurrentIndex(0)  # and edits the mapping: no staff
        return QDialog.DialogCode.Accepted.value

    monkeypatch.setattr(MappingDialog, "exec", exec_)
    drop(window, sheet)
    qtbot.waitUntil(lambda: bool(seen))
    found = seen[0]
    assert found["office"] == "LON" and found["kind"] == "support-cases"
    assert found["columns"] == {"requester": "依頼団体", "category": "区分",
        "start_date": "期間", "summary": "支援内容", "staff": "担当"}  # fmt: skip
    reason = {"en": "Row 5: Start: '来週' is not a date",
              "ja": "5 行目: 開始日: '来週' は日付として読めません"}[lang]  # fmt: skip
    assert len(found["problems"]) == 1 and found["problems"][0].startswith(reason)
    assert found["blocked"]  # unreadable rows stop the import until left out
    done = {"en": "london.xlsx: imported 3 records (1 unreadable row left out)",
            "ja": "london.xlsx: 3 件を取り込みました（読めない行 1 行を除外）"}[lang]  # fmt: skip
    qtbot.waitUntil(lambda: window.statusBar().currentMessage() == done)
    cases = {c.requester: c for c in read_records(db, None, None)["support_case"]}
    assert set(cases) == {"東京都", "北海道ニセコ町", "Kobe City"}
    assert cases["Kobe City"].start_date.month == 11  # London writes the day first
    assert all(c.staff == "" for c in cases.values())  # the edited mapping was used
    from exports.legacy.importer import saved_mapping

    assert "staff" not in saved_mapping(db, "LON-support-cases").columns


def test_the_dialog_follows_the_office_type_and_saved_mapping(
    qtbot: QtBot, db: Database, tmp_path: Path
) -> None:
    from desktop.dialogs.mapping import MappingDialog
    from exports.legacy.importer import import_legacy

    sheet = office_sheet(tmp_path / "s.xlsx", "令和5年度　支援一覧")  # names no office
    import_legacy(db, sheet, "NYC", "support-cases", columns={"requester": "依頼団体",
                  "start_date": "期間"}, save_as="nyc-short", skip_unreadable=True)  # fmt: skip
    dialog = MappingDialog(db, sheet, "NYC", "support-cases", "en")
    qtbot.addWidget(dialog)
    assert dialog.saved_box.currentText() == "Guessed from the headers"
    assert len(dialog.columns()) == 5
    dialog.saved_box.setCurrentIndex(dialog.saved_box.findText("nyc-short"))
    assert dialog.columns() == {"requester": "依頼団体", "start_date": "期間"}
    assert dialog.save_as.text() == "nyc-short"
    assert dialog.sheet is not None
    nyc = {r: v["start_date"] for r, v in dialog.sheet.rows}
    assert nyc[6].month == 3  # New York writes the month first
    dialog.office_box.setCurrentIndex(dialog.office_box.findData("SYD"))
    assert {r: v["start_date"] for r, v in dialog.sheet.rows}[6].month == 11
    _combo_of(dialog, "start_date").setCurrentIndex(0)  # a required field unmapped
    assert not dialog.import_button.isEnabled() and "Choose a column" in dialog.summary.text()
    dialog.kind_box.setCurrentIndex(dialog.kind_box.findData("newsletters"))
    assert not dialog.import_button.isEnabled()


def test_the_office_comes_from_the_sheet_or_is_asked_for(
    qtbot: QtBot, db: Database, tmp_path: Path
) -> None:
    from desktop.dialogs.mapping import MappingDialog

    named = MappingDialog(db, office_sheet(tmp_path / "a.xlsx"), None, "support-cases", "en")
    qtbot.addWidget(named)
    assert named.office == "LON" and named.sheet is not None  # its title says ロンドン事務所
    unnamed = office_sheet(tmp_path / "b.xlsx", "FY2023 support")
    asked = MappingDialog(db, unnamed, None, "support-cases", "en")
    qtbot.addWidget(asked)
    assert asked.office == "" and asked.sheet is None  # nothing read month- or day-first
    assert not asked.import_button.isEnabled() and "Choose the office" in asked.summary.text()
    asked.office_box.setCurrentIndex(asked.office_box.findData("PAR"))
    assert asked.sheet is not None
    assert {r: v["start_date"] for r, v in asked.sheet.rows}[6].month == 11  # Paris: day first


def test_an_export_and_an_office_sheet_dropped_together(
    qtbot: QtBot, demo_db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from desktop.dialogs.mapping import MappingDialog
    from desktop.pages.sync import ImportPreview

    workbook = export_office(demo_db, tmp_path / "SEL.xlsx", "SEL", fy_period(2023)).path
    sheet = office_sheet(tmp_path / "london.xlsx")
    hq = open_database(tmp_path / "hq.sqlite3")
    window = shown_window(qtbot, hq, "ja")
    order: list[str] = []

    def cancel(name: str) -> Any:
        def exec_(dialog: QDialog) -> int:
            order.append(name)
            return QDialog.DialogCode.Rejected.value

        return exec_

    monkeypatch.setattr(MappingDialog, "exec", cancel("mapping"))
    monkeypatch.setattr(ImportPreview, "exec", cancel("preview"))
    drop(window, workbook, sheet)
    qtbot.waitUntil(lambda: len(order) == 2)
    assert order == ["mapping", "preview"]  # one dialog at a time, cancelled: nothing
    with hq.session() as s:
        assert tally_fy(s, 2023).total.support_cases.total == 0
    hq.close()


def test_a_dropped_export_with_a_typed_row_needs_the_hand_edits_accepted(
    qtbot: QtBot, demo_db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from PySide6.QtWidgets import QPlainTextEdit

    from desktop.pages.sync import ImportPreview
    from tests.support.sheets import FORGOTTEN, typed_row

    workbook = export_office(demo_db, tmp_path / "LON.xlsx", "LON", fy_period(2023)).path
    typed_row(workbook, FORGOTTEN)
    hq = open_database(tmp_path / "hq.sqlite3")
    window = shown_window(qtbot, hq, "ja")
    seen: list[tuple[str, bool, bool]] = []

    def exec_(dialog: ImportPreview) -> int:
        text = dialog.findChild(QPlainTextEdit)
        assert text is not None
        seen.append((text.toPlainText(), dialog.accept_edits.isVisibleTo(dialog),
                     dialog.import_button.isEnabled()))  # fmt: skip
        dialog.accept_edits.setChecked(True)
        return QDialog.DialogCode.Accepted.value

    monkeypatch.setattr(ImportPreview, "exec", exec_)
    drop(window, workbook)
    qtbot.waitUntil(lambda: bool(seen))
    text, offered, enabled = seen[0]
    assert "海外活動支援 51 行目: 手入力で追加された新しい記録（静岡県" in text
    assert offered and not enabled  # taken only with the hand edits accepted
    added = [c for c in read_records(hq, None, None)["support_case"]
             if c.summary == "本部で追加した支援"]  # fmt: skip
    assert len(added) == 1
    hq.close()
