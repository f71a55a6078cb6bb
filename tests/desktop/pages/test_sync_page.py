"""The sync page: import with a preview, send to headquarters, outbox and history shown."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

from db.schema.fiscal import fy_period
from db.storage.database import open_database
from db.tally.tallies import tally_fy
from exports.xlsx.export import export_office
from tests.support import xlsxedit
from tests.support.smtpserver import free_port
from tests.support.widgets import cell_text

if TYPE_CHECKING:
    from aiosmtpd.controller import Controller

    from tests.support.smtpserver import Inbox

if TYPE_CHECKING:
    from PySide6.QtWidgets import QTableWidget
    from pytestqt.qtbot import QtBot

    from db.storage.database import Database
    from desktop.pages.sync import SyncPage
    from exports.xlsx.exchange import ImportReport

pytestmark = pytest.mark.gui


def _page(qtbot: QtBot, db: Database, office: str = "NYC") -> SyncPage:
    from desktop.pages.sync import SyncPage

    page = SyncPage(db)
    page.set_selection(office, 2023)
    qtbot.addWidget(page)
    return page


def _column(table: QTableWidget, row: int) -> list[str]:
    return [cell_text(table, row, c) for c in range(table.columnCount())]


def test_import_shows_a_preview_then_applies_and_logs(
    qtbot: QtBot, demo_db: Database, tmp_path: Path
) -> None:
    workbook = export_office(demo_db, tmp_path / "SEL.xlsx", "SEL", fy_period(2023)).path
    hq = open_database(tmp_path / "hq.sqlite3")
    page = _page(qtbot, hq)
    previews: list[ImportReport] = []

    def preview(report: ImportReport) -> bool:
        previews.append(report)
        return False

    page.import_paths([workbook], preview)
    assert previews[0].counts["support_case"]["new"] == 71 and not previews[0].applied
    with hq.session() as s:
        assert tally_fy(s, 2023).offices["SEL"].support_cases.total == 59
    assert _column(page.history, 0)[1:5] == ["import", "SEL.xlsx", "Seoul", "done"]  # not SEL
    assert "support case: new 71" in _column(page.history, 0)[5]
    from desktop.pages.sync import SyncPage

    ja = SyncPage(hq, lang="ja")  # in the window's language, not the log's stored codes
    qtbot.addWidget(ja)
    ja.refresh()
    assert _column(ja.history, 0)[1:5] == ["取り込み", "SEL.xlsx", "ソウル", "完了"]
    assert _column(ja.history, 0)[0].startswith("令和")  # the era in Japanese
    details = _column(ja.history, 0)[5]
    assert "海外活動支援: 新規 71" in details and "seminar" not in details
    assert "Imported SEL.xlsx" in page.status.text()


def test_cancelled_or_edited_imports_change_nothing(
    qtbot: QtBot, demo_db: Database, tmp_path: Path
) -> None:
    workbook = export_office(demo_db, tmp_path / "SEL.xlsx", "SEL", fy_period(2023)).path
    edited = Path(shutil.copy(workbook, tmp_path / "edited.xlsx"))

    def change(book: Any) -> None:
        sheet = book["海外活動支援"]
        sheet.cell(2, xlsxedit.column(sheet, "担当")).value = "本部"

    xlsxedit.edit(edited, change)
    hq = open_database(tmp_path / "hq.sqlite3")
    page = _page(qtbot, hq)
    page.import_paths([workbook], lambda report: None)  # the user pressed Cancel
    seen: list[ImportReport] = []
    page.import_paths([edited], seen.append)
    # This database never had the record, so the preview shows the edited row whole.
    assert seen[0].edited and seen[0].changes[0].field == "*"
    with hq.session() as s:
        assert tally_fy(s, 2023).offices["SEL"].support_cases.total == 0


def test_send_to_headquarters_over_smtp_shows_in_the_outbox(
    qtbot: QtBot,
    demo_db: Database,
    server: tuple[Controller, Inbox],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from office_ledger import settings

    controller, inbox = server
    settings.save({"hq_address": "hq@clair.example", "send_via": "smtp", "attach_pdf": False,
                   "smtp_host": "127.0.0.1", "smtp_port": controller.port,
                   "smtp_security": "none", "smtp_user": "nyc"})  # fmt: skip
    monkeypatch.setenv("OFFICE_LEDGER_SMTP_PASSWORD", "secret")
    page = _page(qtbot, demo_db)
    page.send_to_headquarters()
    assert page.status.text() == "Sent"
    assert _column(page.outbox, 0)[0] == "Sent" and len(inbox.messages) == 1
    assert _column(page.history, 0)[1] == "export"


def test_unreachable_server_leaves_the_message_queued_with_the_reason(
    qtbot: QtBot, demo_db: Database
) -> None:
    from office_ledger import settings

    settings.save({
        "hq_address": "hq@clair.example", "send_via": "smtp", "attach_pdf": False,
        "smtp_host": "127.0.0.1", "smtp_port": free_port(), "smtp_security": "none",
    })  # fmt: skip
    page = _page(qtbot, demo_db)
    page.send_to_headquarters()
    state, _when, to, _subject, tries, reason = _column(page.outbox, 0)
    assert (state, to, tries) == ("Waiting", "hq@clair.example", "1")
    assert reason.startswith("Cannot reach the mail server 127.0.0.1:")  # a sentence,
    cell = page.outbox.item(0, 5)
    assert cell is not None
    details = cell.toolTip()  # the exception behind "Details"
    assert "cannot reach 127.0.0.1" in details and "ConnectionRefusedError" in details
    assert "Waiting in the outbox" in page.status.text()
    from desktop.pages.sync import SyncPage

    ja = SyncPage(demo_db, lang="ja")  # in the window's language: no code, no exception
    qtbot.addWidget(ja)
    ja.refresh()
    state, when, _to, _subject, _tries, reason = _column(ja.outbox, 0)
    assert state == "送信待ち" and when.startswith("令和")
    assert reason.startswith("メールサーバー 127.0.0.1:") and "Error" not in reason


def test_a_send_no_retry_can_cure_says_not_sent_and_stays_failed(
    qtbot: QtBot, demo_db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A 550 (no such recipient): the page says it was not sent and why, not "waiting"."""
    from office_ledger import settings
    from tests.support.smtpserver import Refusing, login, smtp_server

    handler = Refusing("550 5.1.1 <hq@clair.example>: no such user")
    with smtp_server(handler, authenticator=login, auth_require_tls=False) as server:
        settings.save({"hq_address": "hq@clair.example", "send_via": "smtp",
                       "attach_pdf": False, "smtp_host": "127.0.0.1",
                       "smtp_port": server.port, "smtp_security": "none",
                       "smtp_user": "nyc"})  # fmt: skip
        monkeypatch.setenv("OFFICE_LEDGER_SMTP_PASSWORD", "secret")
        page = _page(qtbot, demo_db)
        page.send_to_headquarters()
    assert page.status.text().startswith("Not sent: The mail server refused the message.")
    assert "no such user" in page.status.toolTip()  # the server's words behind it
    assert _column(page.outbox, 0)[0] == "Not sent"
