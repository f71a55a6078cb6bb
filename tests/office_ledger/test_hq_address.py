""" "Send to headquarters" asks for headquarters' address when none is set (issue #25):
one that is not an email address is refused with a line under the field, in the
window's language, and nothing is sent or saved; a corrected one is sent to."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from office_ledger.settings import is_address

if TYPE_CHECKING:
    from aiosmtpd.controller import Controller
    from pytestqt.qtbot import QtBot

    from db.storage.database import Database
    from desktop.dialogs.hq_address import AddressDialog
    from tests.support.smtpserver import Inbox

pytestmark = pytest.mark.gui
NOT_ADDRESSES = ["hq.clair.example", "hq@", "@clair.example", "hq @clair.example", "hq@clair"]


def test_what_is_an_address() -> None:
    assert is_address("hq@clair.example") and is_address("nyc.office+jlgc@mail.example.org")
    assert not any(is_address(text) for text in NOT_ADDRESSES)


def _when_asked(steps: Callable[[AddressDialog], None]) -> None:
    """When the address dialog shows, type into it as a person would (``steps``)."""
    from desktop.dialogs.hq_address import AddressDialog

    tries = [0]

    def drive() -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, AddressDialog):
            tries[0] += 1
            if tries[0] > 250 and box is not None:  # another dialog asked: close it, the
                box.close()  # test then fails on what it sees, rather than hanging
            QTimer.singleShot(20, drive)
            return
        steps(box)

    QTimer.singleShot(0, drive)


def _type(box: AddressDialog, text: str) -> None:
    box.field.selectAll()
    QTest.keyClick(box.field, Qt.Key.Key_Backspace)
    QTest.keyClicks(box.field, text)
    QTest.keyClick(box.field, Qt.Key.Key_Return)


def test_a_wrong_address_is_refused_under_the_field_and_nothing_is_sent(
    qtbot: QtBot, demo_db: Database
) -> None:
    from desktop.pages.sync import SyncPage
    from office_ledger import settings

    page = SyncPage(demo_db)
    page.set_selection("NYC", 2023)
    qtbot.addWidget(page)
    said: list[tuple[str, bool, bool]] = []

    def steps(box: AddressDialog) -> None:
        for text in NOT_ADDRESSES:
            _type(box, text)
            said.append((box.error.text(), box.error.isVisible(), box.isVisible()))
        QTest.keyClick(box.field, Qt.Key.Key_Escape)

    _when_asked(steps)
    page.send_to_headquarters()
    assert len(said) == len(NOT_ADDRESSES)
    for text, shown, still_open in said:
        assert shown and still_open and "name@example.org" in text, said
    assert settings.load()["hq_address"] == ""  # nothing saved
    assert "Preparing" not in page.status.text()  # and the send never started


def test_a_corrected_address_is_saved_and_sent_to(
    qtbot: QtBot,
    demo_db: Database,
    server: tuple[Controller, Inbox],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from desktop.pages.sync import SyncPage
    from office_ledger import settings

    controller, inbox = server
    settings.save({"send_via": "smtp", "attach_pdf": False, "smtp_host": "127.0.0.1",
                   "smtp_port": controller.port, "smtp_security": "none",
                   "smtp_user": "nyc"})  # fmt: skip
    monkeypatch.setenv("OFFICE_LEDGER_SMTP_PASSWORD", "secret")
    page = SyncPage(demo_db)
    page.set_selection("NYC", 2023)
    qtbot.addWidget(page)
    refused: list[bool] = []

    def steps(box: AddressDialog) -> None:
        _type(box, "hq.clair.example")
        refused.append(box.isVisible() and box.error.isVisible())
        _type(box, "hq@clair.example")

    _when_asked(steps)
    page.send_to_headquarters()
    assert refused == [True]
    assert settings.load()["hq_address"] == "hq@clair.example"
    qtbot.waitUntil(lambda: page.status.text() == "Sent", timeout=20000)
    assert len(inbox.messages) == 1


def test_the_refusal_is_in_japanese_in_the_japanese_window(
    qtbot: QtBot, qapp: QApplication, tmp_path: Path
) -> None:
    from desktop.dialogs.hq_address import AddressDialog
    from desktop.kit import i18n

    translators = i18n.install(qapp, "ja", tmp_path / "i18n")
    try:
        box = AddressDialog()
        qtbot.addWidget(box)
        box.show()
        _type(box, "hq.clair.example")
        text = box.error.text()
        assert box.isVisible() and box.error.isVisible()
        assert re.search(r"[ぁ-んァ-ン]", text), text  # kana: Japanese, not English
        assert not re.search(r"[A-Za-z]{3,}", text.replace("name@example.org", "")), text
        assert re.search(r"[ぁ-んァ-ン]", box.windowTitle()), box.windowTitle()
    finally:
        for t in translators:
            qapp.removeTranslator(t)  # type: ignore[arg-type]
