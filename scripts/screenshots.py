"""Make screenshots of every page in Japanese and English, to look at (not to commit).

Usage: ``.venv/bin/python scripts/screenshots.py [OUT_DIR]`` (default ``shots/``). Runs
offscreen on a temporary database with the FY2023 demo year and saves one PNG per
page and language, plus a form of each record type and the settings dialog. For real window
decorations run it under Xvfb with ``QT_QPA_PLATFORM=xcb``.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))


def main() -> None:
    from PySide6.QtWidgets import QApplication

    out = Path(sys.argv[1] if len(sys.argv) > 1 else "shots")
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        os.environ["OFFICE_LEDGER_HOME"] = tmp
        app = QApplication([])
        app.setOrganizationName("CLAIR")
        app.setApplicationName("Office Ledger screenshots")
        from db.database import open_database
        from db.demo import load_demo
        from db.fiscal import fy_period
        from desktop import i18n
        from desktop.app import MainWindow
        from desktop.case_form import CaseForm
        from desktop.mapping_dialog import MappingDialog
        from desktop.record_forms import EventForm, IssueForm, JetaaForm
        from desktop.settings_dialog import SettingsDialog
        from desktop.tasks import Task
        from office_ledger import settings

        Task.synchronous = True
        db = open_database(Path(tmp) / "demo.sqlite3")
        load_demo(db)
        for lang in ("ja", "en"):
            translators = i18n.install(app, lang, Path(tmp) / "i18n")
            window = MainWindow(db, lang)
            window.resize(1300, 760)
            window.show()
            window.load_lists()
            for n in range(window.pages.count()):
                window.pages.setCurrentIndex(n)
                app.processEvents()
                window.grab().save(str(out / f"{lang}-page{n + 1}.png"))
            with db.session() as s:
                from db.edit import values_of
                from db.rows import cases

                first = cases(s, fy_period(2023), "PAR")[0].sync.uuid
            form = CaseForm(db, fy_period(2023), values_of(db, first), lang)
            forms = [("case", form)]
            with db.session() as s:
                from db.rows import events, issues, jetaa_events

                fy = fy_period(2023)
                kinds = (("event_booth", EventForm, events(s, fy, "PAR")[0]),
                         ("jetaa_event", JetaaForm, jetaa_events(s, fy, "NYC")[0]),
                         ("newsletter_issue", IssueForm, issues(s, fy, "SEL")[0]))  # fmt: skip
            for kind, cls, row in kinds:
                forms.append((kind, cls(db, fy_period(2023), values_of(db, row.sync.uuid, kind),
                                        lang)))  # fmt: skip
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
            for t in translators:
                app.removeTranslator(t)
        db.close()
    print(f"screenshots in {out}/")


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
