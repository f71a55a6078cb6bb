"""Make screenshots of every page in Japanese and English, to look at (not to commit).

Usage: ``.venv/bin/python scripts/screenshots.py [OUT_DIR]`` (default ``shots/``). Runs
offscreen on a temporary database with the FY2023 demo year and saves one PNG per
page and language, a list under a filter chip, with no match and in an empty year, a
form of each record type, and the settings, first-run, deleted-records, mapping,
import-preview, restore and headquarters' address dialogs. On a laptop's screen
(1366×768, at 100 % and 125 %):

    xvfb-run -a -s "-screen 0 1366x768x24" env QT_QPA_PLATFORM=xcb \
        .venv/bin/python scripts/screenshots.py shots-100
    xvfb-run -a -s "-screen 0 1366x768x24" env QT_QPA_PLATFORM=xcb QT_SCALE_FACTOR=1.25 \
        .venv/bin/python scripts/screenshots.py shots-125

Nothing is written outside a temporary folder (not even Qt's settings in the home).
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))


def main() -> None:
    from PySide6.QtWidgets import QApplication

    out = Path(sys.argv[1] if len(sys.argv) > 1 else "shots")
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        isolate(Path(tmp))
        app = QApplication([])
        app.setOrganizationName("CLAIR")
        app.setApplicationName("Office Ledger screenshots")
        from db.demo.year import load_demo
        from db.schema.fiscal import fy_period
        from db.storage.database import open_database
        from desktop.dialogs.mapping import MappingDialog
        from desktop.dialogs.settings import SettingsDialog
        from desktop.kit import i18n
        from desktop.kit.tasks import Task
        from desktop.shell.app import MainWindow
        from office_ledger import settings

        Task.synchronous = True
        db = open_database(Path(tmp) / "demo.sqlite3")
        load_demo(db)
        _make_history(db)
        for lang in ("ja", "en"):
            translators = i18n.install(app, lang, Path(tmp) / "i18n")
            window = MainWindow(db, lang)
            window.resize(window.size().boundedTo(window.screen().availableGeometry().size()))
            window.show()
            window.load_lists()
            settle = time.monotonic() + 2  # the charts and lists arrive from timers
            while time.monotonic() < settle:
                app.processEvents()
                time.sleep(0.02)
            for n in range(window.pages.count()):
                window.pages.setCurrentIndex(n)
                app.processEvents()
                window.grab().save(str(out / f"{lang}-page{n + 1}.png"))
            window.pages.setCurrentIndex(0)  # the tallies of the office's other work
            window.dashboard.tables.setCurrentIndex(1)
            app.processEvents()
            window.grab().save(str(out / f"{lang}-page1-year.png"))
            window.dashboard.tables.setCurrentIndex(0)
            window.dashboard.open_cell(window.dashboard.offices.index("PAR"), 2)  # a chip
            app.processEvents()
            window.grab().save(str(out / f"{lang}-chips.png"))
            window.cases.search.setText("zzz-no-such-requester")  # a filter with no match
            window.cases.apply_filter()
            app.processEvents()
            window.grab().save(str(out / f"{lang}-no-match.png"))
            window.cases.clear_filters()
            window.year.setValue(2031)  # a year with nothing in it yet
            app.processEvents()
            window.grab().save(str(out / f"{lang}-empty-year.png"))
            window.year.setValue(2023)
            window.office_box.setCurrentIndex(0)
            app.processEvents()
            from db.read.rows import READERS
            from db.records.edit import values_of
            from db.schema.kinds import EDITED
            from desktop.forms.declared import DeclaredForm
            from desktop.forms.history_panel import DeletedDialog

            forms: list[tuple[str, QWidget]] = []
            for kind in EDITED:  # every kind's form, editing its last record, with history
                with db.session() as s:
                    row = READERS[kind](s, fy_period(2023))[-1]
                made = DeclaredForm(kind, db, fy_period(2023),
                                    values_of(db, row.sync.uuid, kind), lang)  # fmt: skip
                made.add_history(db, row.sync.uuid)
                forms.append((str(kind), made))
            forms.append(("deleted", DeletedDialog(db, "support_case", lang)))
            forms.append(("deleted-none", DeletedDialog(db, "seconded_staff", lang)))
            for name, shown in forms:
                shown.show()
                app.processEvents()
                shown.grab().save(str(out / f"{lang}-{name}-form.png"))
                shown.close()
            dialog = SettingsDialog(db, settings.load())
            dialog.show()
            app.processEvents()
            dialog.grab().save(str(out / f"{lang}-settings.png"))
            mapping = MappingDialog(db, office_sheet(Path(tmp) / "london.xlsx"), "LON",
                                    "event-booths", lang)  # fmt: skip
            mapping.show()
            app.processEvents()
            mapping.grab().save(str(out / f"{lang}-mapping.png"))
            for widget in (window, dialog, mapping):
                widget.close()
            for name, extra in _dialogs(db, Path(tmp), lang):
                extra.show()
                app.processEvents()
                extra.grab().save(str(out / f"{lang}-{name}.png"))
                extra.close()
            for t in translators:
                app.removeTranslator(t)  # type: ignore[arg-type]
        db.close()
    print(f"screenshots in {out}/")


def _dialogs(db: object, tmp: Path, lang: str) -> list[tuple[str, QWidget]]:
    """The first run's dialog (on an empty database), an import's preview, the restore
    dialog."""
    from db.schema.fiscal import fy_period
    from db.storage.backup import folder_for, take
    from db.storage.database import Database, open_database
    from desktop.dialogs.restore import RestoreDialog
    from desktop.dialogs.settings import SettingsDialog
    from desktop.pages.sync import ImportPreview
    from exports.xlsx.exchange import import_file
    from exports.xlsx.export import export_office
    from office_ledger import settings

    assert isinstance(db, Database)
    empty = open_database(tmp / f"first-{lang}.sqlite3")
    first = SettingsDialog(empty, {**settings.load(), "office": "", "user_name": ""},
                           first_run=True)  # fmt: skip
    path = export_office(db, tmp / f"SEL-{lang}.xlsx", "SEL", fy_period(2023)).path
    preview = ImportPreview(import_file(db, path, dry_run=True), None, lang)
    take(db.file, folder_for(settings.backup_folder(), db.file), "manual")  # as "Back up now"
    restore = RestoreDialog.of(db.file, lang)  # as the window opens it: the app version shown
    from desktop.dialogs.hq_address import AddressDialog

    address = AddressDialog()  # "Send to headquarters" with an address that is not one
    address.field.setText("hq.clair.example")
    address.accept()
    return [("first-run", first), ("import-preview", preview), ("restore", restore),
            ("hq-address", address)]  # fmt: skip


def isolate(tmp: Path) -> None:
    """Keep everything the app writes (data folder, Qt's settings of window and column
    sizes, caches) in ``tmp``: a screenshot run never touches the real home folder."""
    from PySide6.QtCore import QSettings

    os.environ["OFFICE_LEDGER_HOME"] = str(tmp)
    os.environ.pop("OFFICE_LEDGER_DB", None)
    for name, sub in (("HOME", "user"), ("XDG_CONFIG_HOME", "user/.config"),
                      ("XDG_CACHE_HOME", "user/.cache"),
                      ("XDG_DATA_HOME", "user/.local/share")):  # fmt: skip
        os.environ[name] = str(tmp / sub)
    (tmp / "user").mkdir(exist_ok=True)
    for fmt in (QSettings.Format.NativeFormat, QSettings.Format.IniFormat):
        QSettings.setPath(fmt, QSettings.Scope.UserScope, str(tmp / "qt-settings"))


def _make_history(db: object) -> None:
    """A few versions of the first Paris case (edits, a delete and an undelete, an
    earlier version brought back) and a deleted case, so the History panel has rows."""
    import dataclasses

    from db.read.rows import cases
    from db.records import edit
    from db.schema.fiscal import fy_period
    from db.storage.database import Database

    assert isinstance(db, Database)
    with db.session() as s:
        found = cases(s, fy_period(2023), "PAR")
    first, other = found[0].sync.uuid, found[1].sync.uuid
    old = edit.values_of(db, first)
    edit.update(db, "support_case", first, dataclasses.replace(old, staff="山田", counted=False))
    edit.set_deleted(db, first, True)
    edit.set_deleted(db, first, False)
    from db.read.lookups import record_history

    edit.restore_version(db, first, record_history(db, first)[0].version)
    edit.set_deleted(db, other, True)
    _hand_edit(db, first)


def _hand_edit(db: object, uuid: str) -> None:
    """Export Paris's year, change the case's summary in the workbook by hand, import it
    accepting the edit (the panel then names the file)."""
    import tempfile

    import openpyxl

    from db.schema.fiscal import fy_period
    from db.storage.database import Database
    from exports.xlsx.exchange import import_file
    from exports.xlsx.export import export_office

    assert isinstance(db, Database)
    with tempfile.TemporaryDirectory() as tmp:
        path = export_office(db, Path(tmp) / "PAR-2023.xlsx", "PAR", fy_period(2023)).path
        book = openpyxl.load_workbook(path)
        sheet = book["海外活動支援"]
        column = next(c.column for c in sheet[1] if c.value == "概要")
        for row in sheet.iter_rows(min_row=2):
            if any(cell.value == uuid for cell in row):
                sheet.cell(row[0].row, column).value = "本部で確認した概要"
        book.save(path)
        import_file(db, path, accept_edited=True)


def office_sheet(path: Path) -> Path:
    """An office's own event sheet, as dropped on the window: a title, one row unreadable."""
    import openpyxl

    book = openpyxl.Workbook()
    ws = book.active
    ws["A1"] = "令和7年度　ロンドン事務所　イベント出展一覧"
    ws.merge_cells("A1:G1")
    ws.append(["イベント名", "主催／参加", "期間", "開催地", "国", "来場者数", "参加自治体"])
    ws.append(["Hyper Japan", "参加", "令和7年7月11日～13日", "ロンドン", "英国", "２４，０００",
               "北海道、札幌市"])  # fmt: skip
    ws.append(["Japan Matsuri", "主催", "27/9/2025", "London", "UK", "約80,000名", "福岡県"])
    ws.append(["Japan Day", "共催", "2025/10/4～10/5", "Düsseldorf", "ドイツ", "15,230名", ""])
    ws.append(["Salon", "参加", "来月", "Paris", "フランス", "300", "長野県・松本市"])
    book.save(path)
    return path


if __name__ == "__main__":
    main()
