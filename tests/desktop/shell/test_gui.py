"""The foundation's main window shows the tallies of the newest fiscal year."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from tests.support.widgets import cell_text

if TYPE_CHECKING:
    from pathlib import Path

    from pytestqt.qtbot import QtBot

    from db.storage.database import Database

pytestmark = pytest.mark.gui


def test_main_window_shows_the_demo_years_tallies(qtbot: QtBot, demo_db: Database) -> None:
    from desktop.shell.app import MainWindow

    window = MainWindow(demo_db)
    qtbot.addWidget(window)
    window.show()
    assert window.year.value() == 2023
    assert window.year_label.text() == "令和5年度"
    last = window.table.rowCount() - 3  # the total; then the year before and the change
    assert cell_text(window.table, last, 0) == "435"
    assert cell_text(window.table, 0, 0) == "52"  # New York
    assert cell_text(window.table, last, 7) == "21"  # event countries
    # FY2022 has no records at all: no figures, not 0 and "+435" (issue #24)
    assert cell_text(window.table, last + 1, 0) == "—"
    assert cell_text(window.table, last + 2, 0) == "—"  # the change
    assert window.table.verticalHeaderItem(last + 1).text() == "Total, 令和4年度"
    assert "435" in window.statusBar().currentMessage()


def test_changing_the_year_refreshes_the_table(qtbot: QtBot, demo_db: Database) -> None:
    from desktop.shell.app import MainWindow

    window = MainWindow(demo_db)
    qtbot.addWidget(window)
    window.year.setValue(2024)
    assert window.year_label.text() == "令和6年度"
    last = window.table.rowCount() - 3  # the total; then the year before and the change
    assert cell_text(window.table, last, 0) == "0"
    assert cell_text(window.table, last + 1, 0) == "435"  # FY2023 has records: its figures
    assert cell_text(window.table, last + 2, 0) == "-435"


@pytest.mark.slow
def test_save_preview_and_print_the_summary(
    qtbot: QtBot, demo_db: Database, tmp_path: Path
) -> None:
    import re

    from PySide6.QtPrintSupport import QPrinter

    from desktop.dialogs.pdf_preview import SummaryPreview, print_pdf
    from desktop.shell.app import MainWindow
    from tests.support import pdfcheck

    window = MainWindow(demo_db)
    qtbot.addWidget(window)
    window.office_box.setCurrentIndex(window.office_box.findData("SEL"))
    pdf = window.files.save_summary(tmp_path / window.files.summary_name())
    assert pdf.name == "office-ledger-SEL-FY2023-ja.pdf"
    text = re.sub(r"\s+", " ", pdfcheck.text(pdf))
    assert "ソウル事務所" in text and re.search(r"計 59", text)

    preview = SummaryPreview(pdf, pdf.name, window)
    qtbot.addWidget(preview)
    pages = len(pdfcheck.page_texts(pdf))
    assert len(preview.page_labels) == pages
    assert not preview.page_labels[0].pixmap().isNull()

    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)  # a real print job, to a file
    printer.setOutputFileName(str(tmp_path / "printed.pdf"))
    assert print_pdf(pdf, printer) == pages
    assert len(pdfcheck.page_texts(tmp_path / "printed.pdf")) == pages


@pytest.mark.slow
def test_english_summary_from_the_window(qtbot: QtBot, demo_db: Database, tmp_path: Path) -> None:
    from desktop.shell.app import MainWindow
    from tests.support import pdfcheck

    window = MainWindow(demo_db)
    qtbot.addWidget(window)
    window.lang_box.setCurrentIndex(window.lang_box.findData("en"))
    pdf = window.files.save_summary(tmp_path / window.files.summary_name())
    assert pdf.name == "office-ledger-ALL-FY2023-en.pdf"
    assert "Overseas offices: activity summary (all offices)" in pdfcheck.text(pdf)


def test_monthly_chart_shows_this_year_and_the_last(qtbot: QtBot, demo_db: Database) -> None:
    from db.schema.fiscal import fy_period
    from db.tally.breakdowns import monthly
    from desktop.shell.app import MainWindow

    window = MainWindow(demo_db)
    qtbot.addWidget(window)
    assert window.chart.current == (0,) * 12  # the charts come after the first paint
    window.show()
    with demo_db.session() as s:
        expected = monthly(s, fy_period(2023)).support_cases
    qtbot.waitUntil(lambda: window.chart.current == expected)
    assert sum(expected) == 435
    assert window.chart.previous == (0,) * 12  # no FY2022 records in the demo
    assert "令和5年度" in window.chart.title
    window.chart.resize(600, 200)
    image = window.chart.grab().toImage()
    blue = sum(1 for x in range(0, image.width(), 3) for y in range(0, image.height(), 3)
               if image.pixelColor(x, y).name() == "#2f6db5")  # fmt: skip
    assert blue > 50  # the bars are drawn


def test_double_clicking_a_figure_opens_the_filtered_list(qtbot: QtBot, demo_db: Database) -> None:
    from desktop.shell.app import MainWindow

    window = MainWindow(demo_db)
    qtbot.addWidget(window)
    with qtbot.waitSignal(window.dashboard.figure_opened) as opened:
        window.table.cellDoubleClicked.emit(2, 2)  # Paris, municipalities
    assert opened.args[0] == "support_case"
    assert (opened.args[1].office, opened.args[1].category) == ("PAR", "municipality")
    assert window.pages.currentWidget() is window.cases
    assert window.cases.model.matching == 11  # the figure in that cell
    with qtbot.waitSignal(window.dashboard.figure_opened) as opened:
        window.table.cellDoubleClicked.emit(8, 4)  # the total row, enquiries
    assert opened.args[1].office is None and opened.args[1].counted is False
    assert window.cases.model.matching == 87
    with qtbot.assertNotEmitted(window.dashboard.figure_opened):
        window.table.cellDoubleClicked.emit(9, 0)  # the year before: no list of its own


def test_dashboard_charts_follow_the_family_and_the_office(qtbot: QtBot, demo_db: Database) -> None:
    from db.schema.fiscal import fy_period
    from db.tally.breakdowns import monthly, support_types
    from db.tally.tallies import tally_fy
    from desktop.shell.app import MainWindow

    window = MainWindow(demo_db, "en")
    qtbot.addWidget(window)
    window.show()
    board = window.dashboard
    qtbot.waitUntil(lambda: board.chart.title != "")
    with demo_db.session() as s:
        events = monthly(s, fy_period(2023)).event_booths
        par = tally_fy(s, 2023, "PAR").total.support_cases
        kinds = support_types(s, fy_period(2023), "PAR")
    board.family.setCurrentIndex(board.family.findData("event_booths"))
    assert board.chart.current == events and sum(events) == 50
    assert board.chart.title.startswith("Event booths by month, All offices")
    window.office_box.setCurrentIndex(window.office_box.findData("PAR"))
    assert "Paris" in board.chart.title
    assert board.categories.current == (par.prefecture_or_designated_city, par.municipality,
                                        par.other)  # fmt: skip
    assert board.kinds.current == tuple(kinds.values()) and sum(board.kinds.current) > 0
    board.resize(900, 300)
    image = board.kinds.grab().toImage()
    colours = {image.pixelColor(x, y).name() for x in range(0, image.width(), 3)
               for y in range(0, image.height(), 3)}  # fmt: skip
    assert "#2f6db5" in colours  # this year's bars were painted


def test_the_window_opens_where_and_as_big_as_it_was_closed(
    qtbot: QtBot, demo_db: Database
) -> None:
    from desktop.shell.app import MainWindow

    first = MainWindow(demo_db, "en")
    qtbot.addWidget(first)
    first.show()
    first.resize(733, 577)  # within the offscreen screen's 800 x 600
    assert first.minimumSizeHint().height() <= 600  # fits a small laptop's screen
    size = (first.width(), first.height())
    first.close()
    again = MainWindow(demo_db, "en")
    qtbot.addWidget(again)
    assert (again.width(), again.height()) == size == (733, 577)


@pytest.mark.slow
def test_started_from_a_path_the_window_paints_before_the_database_loads(
    tmp_path: Path, demo_path: Path
) -> None:
    """How the app starts: no SQLAlchemy before the first paint, the figures right after."""
    import os
    import subprocess
    import sys
    from pathlib import Path

    script = f"""
import sys
sys.path.insert(0, {str(Path(__file__).resolve().parents[3])!r})
from pathlib import Path
from PySide6.QtWidgets import QApplication
app = QApplication([])
from desktop.shell.app import MainWindow
window = MainWindow(Path({str(demo_path)!r}), "en")
assert "sqlalchemy" not in sys.modules, "SQLAlchemy imported before the first paint"
assert window.db is None and window.table.rowCount() == 0
import db.read.rows
calls = []
original = db.read.rows.case_list
db.read.rows.case_list = lambda *a, **k: calls.append(k.get("limit")) or original(*a, **k)
window.show()
import time
deadline = time.monotonic() + 30
while time.monotonic() < deadline and not (window.cases.model.total
                                           and window.dashboard.chart.title):
    app.processEvents()
    time.sleep(0.005)
for _ in range(50):  # anything queued after that (a second load would show here)
    app.processEvents()
    time.sleep(0.005)
print(window.table.item(8, 0).text(),
      window.cases.model.total, "sqlalchemy" in sys.modules, *calls)
"""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                          env=env, timeout=120)  # fmt: skip
    assert done.returncode == 0, done.stderr
    # 435 counted cases, 87 enquiries; the list's first screen, then the year read once
    # (not once per trigger)
    assert done.stdout.split() == ["435", "522", "True", "400", "None"]


@pytest.mark.slow
def test_export_from_the_window_for_one_office_or_all(
    qtbot: QtBot, demo_db: Database, tmp_path: Path
) -> None:
    import openpyxl

    from desktop.shell.app import MainWindow
    from exports.xlsx.read import read_export

    window = MainWindow(demo_db, "en")
    qtbot.addWidget(window)
    window.office_box.setCurrentIndex(window.office_box.findData("SYD"))
    assert window.files.export_name() == "office-ledger-SYD-FY2023.xlsx"
    window.files.export_workbook(tmp_path / window.files.export_name())
    bundle = read_export(tmp_path / "office-ledger-SYD-FY2023.xlsx")
    assert bundle.office == "SYD" and len(bundle.records["support_case"]) == 56
    assert "Exported" in window.statusBar().currentMessage()
    assert window.sync.history.rowCount() >= 1  # the sync history shows the export
    window.office_box.setCurrentIndex(0)  # all offices: the consolidated workbook
    window.files.export_workbook(tmp_path / "all.xlsx")
    names = openpyxl.load_workbook(tmp_path / "all.xlsx", read_only=True).sheetnames
    assert len(names) > 10 and not list(tmp_path.glob("office-ledger-*/*"))


def test_the_toolbar_offers_the_everyday_actions(qtbot: QtBot, demo_db: Database) -> None:
    from PySide6.QtGui import QKeySequence

    from desktop.shell.app import MainWindow

    window = MainWindow(demo_db, "en")
    qtbot.addWidget(window)
    actions = [a for a in window.toolbar.actions() if not a.isSeparator()]
    assert [a.text().replace("&", "") for a in actions] == [
        "New…", "Edit…", "Delete", "Undo", "Redo", "Find…", "Export workbook…",
        "Print summary…"]  # fmt: skip
    assert all(not a.icon().isNull() for a in actions)
    keys = {a.text().replace("&", ""): a.shortcut() for a in actions}
    assert keys["New…"] == QKeySequence(QKeySequence.StandardKey.New)
    assert keys["Find…"] == QKeySequence(QKeySequence.StandardKey.Find)
    assert keys["Export workbook…"] == QKeySequence("Ctrl+E")


def test_file_menu_saves_the_overseas_section_as_word(
    qtbot: QtBot, demo_db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """File › Save as Word… writes the .docx the command line writes (issue #24)."""
    from docx import Document
    from PySide6.QtWidgets import QFileDialog

    from desktop.shell.app import MainWindow

    window = MainWindow(demo_db)
    qtbot.addWidget(window)
    from PySide6.QtWidgets import QMenu

    menu = window.menuBar().actions()[0].menu()
    assert isinstance(menu, QMenu)
    actions = {a.text(): a for a in menu.actions()}
    assert "Save as &Word…" in actions
    target = tmp_path / "overseas"  # no suffix typed: .docx is added
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        lambda *args, **kwargs: (str(target), ""))  # fmt: skip
    actions["Save as &Word…"].trigger()
    saved = tmp_path / "overseas.docx"
    qtbot.waitUntil(saved.exists, timeout=30000)
    text = "\n".join(p.text for p in Document(str(saved)).paragraphs)
    assert "令和5年度は全海外事務所で計 435 件の支援を行った。" in text
