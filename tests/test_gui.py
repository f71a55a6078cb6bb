"""The foundation's main window shows the tallies of the newest fiscal year."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.gui


def test_main_window_shows_the_demo_years_tallies(qtbot, demo_db) -> None:  # type: ignore[no-untyped-def]
    from desktop.app import MainWindow

    window = MainWindow(demo_db)
    qtbot.addWidget(window)
    window.show()
    assert window.year.value() == 2023
    assert window.year_label.text() == "令和5年度"
    last = window.table.rowCount() - 1
    assert window.table.item(last, 0).text() == "435"
    assert window.table.item(0, 0).text() == "52"  # New York
    assert window.table.item(last, 7).text() == "21"  # event countries
    assert "435" in window.statusBar().currentMessage()


def test_changing_the_year_refreshes_the_table(qtbot, demo_db) -> None:  # type: ignore[no-untyped-def]
    from desktop.app import MainWindow

    window = MainWindow(demo_db)
    qtbot.addWidget(window)
    window.year.setValue(2024)
    assert window.year_label.text() == "令和6年度"
    last = window.table.rowCount() - 1
    assert window.table.item(last, 0).text() == "0"


def test_save_preview_and_print_the_summary(qtbot, demo_db, tmp_path) -> None:  # type: ignore[no-untyped-def]
    import re

    from PySide6.QtPrintSupport import QPrinter

    from desktop.app import MainWindow
    from desktop.summary import SummaryPreview, print_pdf
    from tests import pdfcheck

    window = MainWindow(demo_db)
    qtbot.addWidget(window)
    window.office_box.setCurrentIndex(window.office_box.findData("SEL"))
    pdf = window.save_summary(tmp_path / window.summary_name())
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


def test_english_summary_from_the_window(qtbot, demo_db, tmp_path) -> None:  # type: ignore[no-untyped-def]
    from desktop.app import MainWindow
    from tests import pdfcheck

    window = MainWindow(demo_db)
    qtbot.addWidget(window)
    window.lang_box.setCurrentIndex(window.lang_box.findData("en"))
    pdf = window.save_summary(tmp_path / window.summary_name())
    assert pdf.name == "office-ledger-ALL-FY2023-en.pdf"
    assert "Overseas offices: activity summary (all offices)" in pdfcheck.text(pdf)
