"""The first-run dialog says what the database is (issue #23): an office's one file on
this computer, or, on a server, headquarters' database that its staff share; in
Japanese and English."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import pytest

from office_ledger import settings

if TYPE_CHECKING:
    from pathlib import Path

    from pytestqt.qtbot import QtBot

    from db.storage.database import Database

pytestmark = pytest.mark.gui
ON_FILE_JA = "このコンピューターの一つのファイル"


def _intro(qtbot: QtBot, db: Database) -> str:
    from desktop.dialogs.settings import SettingsDialog

    dialog = SettingsDialog(db, settings.load(), first_run=True)
    qtbot.addWidget(dialog)
    assert dialog.intro.isVisibleTo(dialog)
    return dialog.intro.text()


def test_the_first_run_says_what_the_database_is(
    qtbot: QtBot, ledger_db: Database, backend: str
) -> None:
    said = _intro(qtbot, ledger_db)
    assert ledger_db.url in said
    on_file = "one file on this computer" in said
    assert on_file == (backend == "sqlite")
    if backend == "postgresql":
        assert "server" in said and "Everyone at headquarters" in said


def test_the_server_wording_is_japanese_in_a_japanese_window(
    qtbot: QtBot, qapp: Any, ledger_db: Database, backend: str, tmp_path: Path
) -> None:
    from desktop.kit import i18n

    translators = i18n.install(qapp, "ja", tmp_path / "i18n")
    try:
        said = _intro(qtbot, ledger_db)
    finally:
        for t in translators:
            qapp.removeTranslator(t)
    assert ledger_db.url in said
    if backend == "postgresql":
        assert "サーバー上のデータベース" in said and ON_FILE_JA not in said
    else:
        assert ON_FILE_JA in said


def test_on_a_server_the_first_run_takes_hq_and_offers_no_demo_year(
    qtbot: QtBot, ledger_db: Database, backend: str
) -> None:
    """An empty server database is headquarters' real one, just made: no demo year is
    offered into it, and the office chosen is headquarters (an office's laptop file:
    the demo is offered, the office left to the person)."""
    from desktop.dialogs.settings import SettingsDialog

    dialog = SettingsDialog(ledger_db, settings.load(), first_run=True)
    qtbot.addWidget(dialog)
    server = backend == "postgresql"
    assert dialog.demo.isVisibleTo(dialog) != server and dialog.offer_demo != server
    assert (dialog.office.currentData() == "HQ") == server
