"""Start the desktop app: a main window with the fiscal year's tallies per office.

This is the foundation's window; the full app (record pages, forms, dashboard, sync)
builds on it.
"""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMainWindow,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from db.database import Database, open_database
from db.fiscal import format_fy
from db.offices import office
from db.queries import latest_fiscal_year
from db.tallies import OfficeTally, tally_fy


def tr(text: str) -> str:
    return QCoreApplication.translate("MainWindow", text)


COLUMNS = (
    "Cases", "Pref./city", "Municipality", "Other", "Enquiries",
    "Events", "Hosted", "Countries", "Newsletter issues", "JETAA events", "JETAA countries",
)  # fmt: skip


def _figures(t: OfficeTally) -> list[int]:
    s = t.support_cases
    return [
        s.total, s.prefecture_or_designated_city, s.municipality, s.other,
        s.uncounted_enquiries, t.event_booths.events, t.event_booths.hosted,
        len(t.event_booths.countries), t.newsletter_issues, t.jetaa_events.events,
        len(t.jetaa_events.countries),
    ]  # fmt: skip


class MainWindow(QMainWindow):
    """Tallies of one fiscal year, one row per office and a total row."""

    def __init__(self, db: Database) -> None:
        super().__init__()
        self.db = db
        self.setWindowTitle(tr("Office Ledger — {path}").format(path=db.path.name))
        self.year = QSpinBox(minimum=1989, maximum=2100)
        self.year_label = QLabel()
        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setHorizontalHeaderLabels([tr(c) for c in COLUMNS])
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        top = QHBoxLayout()
        top.addWidget(QLabel(tr("Fiscal year")))
        top.addWidget(self.year)
        top.addWidget(self.year_label)
        top.addStretch()
        layout = QVBoxLayout()
        layout.addLayout(top)
        layout.addWidget(self.table)
        central = QWidget()
        central.setLayout(layout)
        self.setCentralWidget(central)
        with db.session() as session:
            self.year.setValue(latest_fiscal_year(session))
        self.year.valueChanged.connect(self.refresh)
        self.refresh()
        self.resize(1100, 420)

    def refresh(self) -> None:
        fy = self.year.value()
        self.year_label.setText(format_fy(fy, "ja"))
        with self.db.session() as session:
            result = tally_fy(session, fy)
        rows = [(office(c).name("en"), t) for c, t in result.offices.items()]
        rows.append((tr("Total"), result.total))
        self.table.setRowCount(len(rows))
        self.table.setVerticalHeaderLabels([label for label, _ in rows])
        for r, (_, t) in enumerate(rows):
            for c, value in enumerate(_figures(t)):
                item = QTableWidgetItem(f"{value:,}")
                item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                self.table.setItem(r, c, item)
        n = result.total.support_cases.total
        self.statusBar().showMessage(tr("{n} counted support cases").format(n=n))


def run(db_path: Path) -> int:
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("Office Ledger")
    db = open_database(db_path)
    window = MainWindow(db)
    window.show()
    try:
        return app.exec()
    finally:
        db.close()
