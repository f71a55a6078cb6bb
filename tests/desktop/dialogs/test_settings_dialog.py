"""First run: office, language, names, and the demo year on request; settings checked."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from office_ledger import settings

if TYPE_CHECKING:
    from pathlib import Path

    from pytestqt.qtbot import QtBot

    from db.storage.database import Database

pytestmark = pytest.mark.gui


def test_first_run_saves_who_and_where_and_loads_the_demo(qtbot: QtBot, db: Database) -> None:
    from db.storage.clock import device_name
    from db.storage.database import table_counts
    from desktop.dialogs.settings import SettingsDialog

    dialog = SettingsDialog(db, settings.load(), first_run=True)
    qtbot.addWidget(dialog)
    assert dialog.demo.isVisibleTo(dialog)  # offered: the database is empty
    dialog.office.setCurrentIndex(dialog.office.findData("SEL"))
    dialog.language.setCurrentIndex(dialog.language.findData("en"))
    dialog.user_name.setText("Kim Min-ji")
    dialog.device.setText("Seoul laptop 2")
    dialog.demo.setChecked(True)
    dialog.accept()
    assert dialog.result() == dialog.DialogCode.Accepted
    saved = settings.load()
    assert (saved["office"], saved["language"], saved["user_name"]) == ("SEL", "en", "Kim Min-ji")
    with db.session() as s:
        assert device_name(s) == "Seoul laptop 2"
    assert table_counts(db)["support_case"] == 522


def test_a_bad_value_is_shown_and_nothing_is_saved(qtbot: QtBot, db: Database) -> None:
    from desktop.dialogs.settings import SettingsDialog

    dialog = SettingsDialog(db, settings.load())
    qtbot.addWidget(dialog)
    dialog.hq_address.setText("headquarters")
    dialog.accept()
    assert "enter an email address" in dialog.error.text()
    assert dialog.result() != dialog.DialogCode.Accepted
    assert not settings.settings_path().exists()
    dialog.device.setText("   ")
    dialog.hq_address.setText("hq@clair.example")
    dialog.accept()
    assert "Give this laptop a name" in dialog.error.text()


def test_the_exports_folder_is_checked_saved_and_offered(
    qtbot: QtBot, db: Database, tmp_path: Path
) -> None:
    from desktop.dialogs.settings import SettingsDialog
    from desktop.shell.app import MainWindow

    dialog = SettingsDialog(db, settings.load())
    qtbot.addWidget(dialog)
    assert str(dialog.data_folder) in [w.text() for w in dialog.findChildren(type(dialog.error))]
    dialog.export_folder.setText(str(tmp_path / "no such folder"))
    dialog.accept()
    assert dialog.error.text() == f"Exports folder: {tmp_path / 'no such folder'} is not a folder."
    assert not settings.settings_path().exists()
    (tmp_path / "exports").mkdir()
    dialog.export_folder.setText(str(tmp_path / "exports"))
    dialog.accept()
    assert dialog.result() == dialog.DialogCode.Accepted
    assert settings.load()["export_folder"] == str(tmp_path / "exports")
    window = MainWindow(db, "en")
    qtbot.addWidget(window)
    assert window.files.suggested("x.xlsx") == str(tmp_path / "exports" / "x.xlsx")


def test_first_run_explains_what_is_kept_where_and_requires_a_name(
    qtbot: QtBot, db: Database
) -> None:
    from desktop.dialogs.settings import SettingsDialog
    from office_ledger import settings

    dialog = SettingsDialog(db, settings.load(), first_run=True)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.intro.isVisible() and str(db.path) in dialog.intro.text()
    assert dialog.intro.text().count(". ") >= 1  # two sentences: what, and where
    dialog.office.setCurrentIndex(dialog.office.findData("PAR"))
    dialog.user_name.setText("   ")
    dialog.accept()
    assert dialog.isVisible() and "name" in dialog.error.text()  # not saved nameless
    assert settings.load()["office"] == ""
    dialog.user_name.setText("Dupont")
    dialog.accept()
    assert not dialog.isVisible() and settings.load()["user_name"] == "Dupont"


def test_cancel_on_the_first_run_leaves_no_database_behind(qtbot: QtBot, tmp_path: Path) -> None:
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QDialog

    from desktop.dialogs.settings import first_run
    from office_ledger import settings

    path = tmp_path / "new" / "ledger.sqlite3"
    path.parent.mkdir()

    def cancel() -> None:
        shown = QApplication.activeModalWidget()
        assert isinstance(shown, QDialog)
        shown.reject()  # the person presses Cancel

    QTimer.singleShot(0, cancel)
    assert first_run(path, settings.load()) is None
    assert list(path.parent.iterdir()) == []  # no database, journal or lock file


def test_cancel_on_the_first_run_keeps_a_database_that_was_there(
    qtbot: QtBot, demo_path: Path
) -> None:
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from desktop.dialogs.settings import first_run
    from office_ledger import settings

    QTimer.singleShot(0, lambda: QApplication.activeModalWidget().reject())  # type: ignore[union-attr]
    assert first_run(demo_path, settings.load()) is None
    assert demo_path.is_file()
