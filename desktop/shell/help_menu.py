"""The Help menu, built in one place, and the About dialog.

:data:`ITEMS` lists the menu's entries in order (the text, shown translated, and what
it opens given the main window); an entry added there (a user guide) needs no other
change. The About dialog says the app's version (semantic versioning; the changes are
in ``CHANGELOG.md``), and what it is made of, each with its licence: Python, Qt and
PySide6, the Python libraries, and the Japanese font the PDFs embed.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QMainWindow,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.kit.i18n import noop


def tr(text: str) -> str:
    return QCoreApplication.translate("HelpMenu", text)


class AboutDialog(QDialog):
    """The app's version and every part's licence, in a table that can be read whole."""

    def __init__(self, parent: QWidget | None = None) -> None:
        from office_ledger import about

        super().__init__(parent)
        self.setWindowTitle(tr("About Office Ledger"))
        heading = QLabel(f"<h2>{about.title()}</h2>")
        heading.setObjectName("about-version")
        intro = QLabel(tr("Records, tallies and reports for CLAIR's overseas offices."
                          " Its changes, version by version, are in CHANGELOG.md."))  # fmt: skip
        intro.setWordWrap(True)
        parts = about.runtime() + about.libraries()
        font = about.font()
        self.table = QTableWidget(0, 3)
        self.table.setHorizontalHeaderLabels([tr("Part"), tr("Version in use"), tr("Licence")])
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        rows = [(p.name, p.version, p.licence) for p in parts]
        if font is not None:
            rows.append((tr("PDF font: {name}").format(name=font.name), font.version,
                         font.licence))  # fmt: skip
        for values in rows:
            row = self.table.rowCount()
            self.table.insertRow(row)
            for column, text in enumerate(values):
                item = QTableWidgetItem(text)
                item.setToolTip(text)
                self.table.setItem(row, column, item)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.table.setColumnWidth(1, 200)
        self.font_note = QLabel(
            tr("The PDFs embed a subset of the Japanese font {font}, under its licence: "
               "{licence}.").format(font=font.name, licence=font.licence)
            if font is not None else
            tr("No Japanese TrueType font was found: PDF summaries cannot be written until"
               " one is installed (IPAex Gothic) or chosen in Settings."))  # fmt: skip
        self.font_note.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        for widget in (heading, intro, self.table, self.font_note, buttons):
            layout.addWidget(widget)
        self.resize(720, 520)  # fits a 1366×768 screen with the window behind it


def show_about(window: QWidget) -> None:
    dialog = AboutDialog(window)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open()  # window-modal, not blocking: the window stays responsive


def show_user_guide(window: QWidget) -> None:
    """The README's user section in the window's language (desktop.dialogs.user_guide)."""
    from desktop.dialogs.user_guide import show_guide

    window.guide = show_guide(str(getattr(window, "lang", "ja")), window)  # type: ignore[attr-defined]


# The Help menu's entries, in order: (text, what it does given the main window).
ITEMS: list[tuple[str, Callable[[QMainWindow], None]]] = [
    (noop("HelpMenu", "&User guide"), show_user_guide),
    (noop("HelpMenu", "&About Office Ledger"), show_about),
]


def add_help_menu(window: QMainWindow) -> list[QAction]:
    """Add the Help menu to the window's menu bar; its actions, in order."""
    menu = window.menuBar().addMenu(tr("&Help"))
    actions = []
    for text, run in ITEMS:
        action = QAction(tr(text), window)
        if run is show_about:
            action.setMenuRole(QAction.MenuRole.AboutRole)  # macOS: the app menu's About
        action.triggered.connect(lambda _checked=False, run=run: run(window))
        menu.addAction(action)
        actions.append(action)
    return actions
