"""The outbox retries a message on the SMTP settings it was queued with, or says in
one line which setting is missing (issue #19: a message sent with ``--smtp`` was never
retried unless ``smtp_host`` was set; it stayed "due now" and the page's "Retry sending
now" did nothing, silently). A real SMTP server on loopback takes the retried message."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from exports.mail.outbox import Outbox
from tests.support.mail import make_message
from tests.support.smtpserver import Inbox, free_port
from tests.support.widgets import cell_text

if TYPE_CHECKING:
    from pytestqt.qtbot import QtBot

    from db.storage.database import Database


@pytest.fixture
def no_smtp_host(monkeypatch: pytest.MonkeyPatch) -> None:
    from office_ledger import settings

    settings.save({"hq_address": "hq@clair.example", "from_address": "nyc@jlgc.example",
                   "smtp_user": "nyc", "smtp_security": "none", "smtp_host": ""})  # fmt: skip
    monkeypatch.setenv("OFFICE_LEDGER_SMTP_PASSWORD", "secret")


def _server_on(port: int, inbox: Inbox) -> object:
    from aiosmtpd.controller import Controller

    from tests.support.smtpserver import login

    controller = Controller(inbox, hostname="127.0.0.1", port=port, authenticator=login,
                            auth_require_tls=False)  # fmt: skip
    controller.start()
    return controller


@pytest.mark.usefixtures("no_smtp_host")
def test_a_message_sent_with_smtp_is_retried_there_without_smtp_host(
    demo_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from office_ledger.cli.commands import main
    from office_ledger.sending import outbox_folder

    port = free_port()  # nothing listens yet: the laptop is offline
    code = main(["--db", str(demo_path), "send", "--office", "NYC", "--fy", "2023", "--via",
                 "smtp", "--no-pdf", "--smtp", f"127.0.0.1:{port}"])  # fmt: skip
    assert code == 0 and "queued" in capsys.readouterr().out
    inbox = Inbox()
    controller = _server_on(port, inbox)  # back online
    try:
        assert main(["outbox", "--retry"]) == 0, capsys.readouterr().err
    finally:
        controller.stop()  # type: ignore[attr-defined]
    assert len(inbox.messages) == 1
    [entry] = Outbox(outbox_folder()).entries()
    assert entry.state == "sent"


@pytest.mark.usefixtures("no_smtp_host")
def test_a_message_with_no_server_anywhere_says_which_setting_is_missing(
    demo_db: Database, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from office_ledger.cli.commands import main
    from office_ledger.sending import outbox_folder

    msg, _ = make_message(demo_db, tmp_path)
    Outbox(outbox_folder()).enqueue(msg)  # queued by an app that kept no settings with it
    assert main(["outbox"]) == 0
    listing = capsys.readouterr().out
    assert "due now" not in listing and "set smtp_host" in listing
    assert main(["outbox", "--retry"]) == 1
    out, err = capsys.readouterr()
    assert len(err.splitlines()) == 1 and "smtp_host" in err and "not sent" in err


@pytest.mark.gui
@pytest.mark.usefixtures("no_smtp_host")
def test_the_sync_page_retries_on_the_queued_settings_or_says_what_is_missing(
    qtbot: QtBot, demo_db: Database, tmp_path: Path
) -> None:
    from desktop.pages.sync import SyncPage
    from exports.mail.outbox import SmtpConfig
    from office_ledger.sending import outbox_folder

    box = Outbox(outbox_folder())
    stranded, _ = make_message(demo_db, tmp_path)
    box.enqueue(stranded)  # no settings kept with it, none set
    page = SyncPage(demo_db)
    qtbot.addWidget(page)
    page.deliver(force=True)  # "Retry sending now"
    assert "SMTP server" in page.status.text()
    reasons = [cell_text(page.outbox, r, 5) for r in range(page.outbox.rowCount())]
    assert reasons and all("SMTP server" in r for r in reasons)

    port = free_port()
    other, _ = make_message(demo_db, tmp_path)  # a new export: another message
    queued = box.enqueue(other, SmtpConfig("127.0.0.1", port, "none", "nyc"))
    assert len(box.entries()) == 2
    inbox = Inbox()
    controller = _server_on(port, inbox)
    try:
        page.deliver(force=True)
    finally:
        controller.stop()  # type: ignore[attr-defined]
    assert len(inbox.messages) == 1
    states = {e.name: e.state for e in box.entries()}
    assert states[queued.name] == "sent"
