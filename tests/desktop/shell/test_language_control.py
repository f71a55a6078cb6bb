"""One language control (issue #25, item 2): View → Language switches the window (and
is saved as the Settings' language); the combo at the top is named as the summary's."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from pytestqt.qtbot import QtBot

    from db.storage.database import Database
    from desktop.shell.app import MainWindow

pytestmark = pytest.mark.gui


def test_view_language_switches_the_window_and_saves_it(qtbot: QtBot, demo_db: Database) -> None:
    from desktop.shell.app import MainWindow
    from office_ledger import settings

    window = MainWindow(demo_db, "ja")
    qtbot.addWidget(window)
    window.show()
    window.language_actions["en"].trigger()
    assert settings.load()["language"] == "en"
    new = next(w for w in qtbot_windows(window) if w.isVisible())
    qtbot.addWidget(new)
    assert new.lang == "en" and new.language_actions["en"].isChecked()
    assert new.pages.tabText(1) == "Support cases"  # the window itself, not only a summary
    assert not window.isVisible()


def qtbot_windows(old: object) -> list[MainWindow]:
    from PySide6.QtWidgets import QApplication

    from desktop.shell.app import MainWindow

    return [w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow) and w is not old]


def test_the_combo_at_the_top_is_named_as_the_summarys_language(
    qtbot: QtBot, demo_db: Database
) -> None:
    from desktop.shell.app import MainWindow

    window = MainWindow(demo_db, "en")
    qtbot.addWidget(window)
    assert window.lang_label.text() == "Summary in"
    assert window.lang_box.accessibleName() == "Summary in"
    assert "View → Language" in window.lang_box.toolTip()
