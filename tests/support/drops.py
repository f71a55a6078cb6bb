"""Files dragged and dropped onto the main window, as the platform delivers them."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QApplication

if TYPE_CHECKING:
    from pathlib import Path

    from pytestqt.qtbot import QtBot

    from db.storage.database import Database
    from desktop.shell.window import MainWindow


def shown_window(qtbot: QtBot, db: Database, lang: str = "en") -> MainWindow:
    from desktop.shell.window import MainWindow

    window = MainWindow(db, lang)
    qtbot.addWidget(window)
    window.show()
    return window


def _mime(*paths: Path) -> QMimeData:
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(p)) for p in paths])
    return mime


# Events go to the window's QWindow, as the platform's drag and drop delivers them: Qt
# then finds the widget under the point that takes drops (here the main window itself).
AT = QPointF(640, 400)


def drag(window: MainWindow, *paths: Path) -> bool:
    """Drag the files over the window; whether it accepts them."""
    mime = _mime(*paths)
    event = QDragEnterEvent(AT, Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                            Qt.KeyboardModifier.NoModifier)  # fmt: skip
    QApplication.sendEvent(window.windowHandle(), event)
    return event.isAccepted()


def drop(window: MainWindow, *paths: Path) -> None:
    assert drag(window, *paths)
    mime = _mime(*paths)
    event = QDropEvent(AT, Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                       Qt.KeyboardModifier.NoModifier)  # fmt: skip
    QApplication.sendEvent(window.windowHandle(), event)
    assert event.isAccepted()
