"""First run: office, language, names, and the demo year on request; settings checked."""

from __future__ import annotations

import pytest

from office_ledger import settings

pytestmark = pytest.mark.gui


def test_first_run_saves_who_and_where_and_loads_the_demo(qtbot, db) -> None:  # type: ignore[no-untyped-def]
    from db.clock import device_name
    from db.database import table_counts
    from desktop.settings_dialog import SettingsDialog

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


def test_a_bad_value_is_shown_and_nothing_is_saved(qtbot, db) -> None:  # type: ignore[no-untyped-def]
    from desktop.settings_dialog import SettingsDialog

    dialog = SettingsDialog(db, settings.load())
    qtbot.addWidget(dialog)
    dialog.hq_address.setText("headquarters")
    dialog.accept()
    assert "must be an email address" in dialog.error.text()
    assert dialog.result() != dialog.DialogCode.Accepted
    assert not settings.settings_path().exists()
    dialog.device.setText("   ")
    dialog.hq_address.setText("hq@clair.example")
    dialog.accept()
    assert "device name cannot be empty" in dialog.error.text()
