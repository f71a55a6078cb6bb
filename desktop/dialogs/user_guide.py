"""Help → User guide: the README's user section in the window's language.

The guide ships as Markdown in ``resources/guide/`` (``user-guide.ja.md``,
``user-guide.en.md``; in the wheel and in the installer, see build_installer.spec); a
test keeps the English one equal to README.md's "The app" section. The Help menu's
first entry (:mod:`desktop.shell.help_menu`) calls :func:`show_guide`; :func:`add_action`
adds it to any other menu.
"""

from __future__ import annotations

from importlib import resources

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QMenu,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)


def tr(text: str) -> str:
    return QCoreApplication.translate("UserGuide", text)


def guide_text(lang: str) -> str:
    """The guide's Markdown in ``lang`` (``ja`` or ``en``)."""
    name = f"user-guide.{'ja' if lang == 'ja' else 'en'}.md"
    return resources.files("resources").joinpath("guide", name).read_text(encoding="utf-8")


class GuideDialog(QDialog):
    """The guide, rendered, with links that open in the browser."""

    def __init__(self, lang: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(tr("User guide"))
        self.text = QTextBrowser()
        self.text.setOpenExternalLinks(True)
        self.text.setMarkdown(guide_text(lang))
        self.text.setAccessibleName(tr("User guide"))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.text, 1)
        layout.addWidget(buttons)
        self.resize(820, 620)


def show_guide(lang: str, parent: QWidget | None = None) -> GuideDialog:
    dialog = GuideDialog(lang, parent)
    dialog.show()  # not modal: the guide stays open beside the window
    return dialog


def add_action(menu: QMenu, lang: str, parent: QWidget) -> QAction:
    """Add "User guide" (F1) to ``menu`` (the Help menu)."""
    from PySide6.QtGui import QKeySequence

    action = QAction(tr("&User guide"), parent)
    action.setShortcut(QKeySequence.StandardKey.HelpContents)
    action.triggered.connect(lambda: setattr(parent, "guide", show_guide(lang, parent)))
    menu.addAction(action)
    return action
