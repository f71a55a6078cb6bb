"""Sending to headquarters over a real SMTP server on loopback, and as .eml drafts."""

from __future__ import annotations

import email
import shutil
import subprocess
from email import policy
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from db.schema.fiscal import fy_period
from db.storage.database import Database
from exports.mail.message import message_id, write_eml
from exports.mail.outbox import Outbox, SmtpConfig
from tests.support.mail import make_message
from tests.support.smtpserver import Inbox, free_port, login

if TYPE_CHECKING:
    from aiosmtpd.controller import Controller

FY = fy_period(2023)


def plain(port: int, password: str = "secret") -> SmtpConfig:
    return SmtpConfig("127.0.0.1", port, "none", "nyc", password, timeout=5)


def test_delivered_message_has_headers_body_and_the_exact_workbook(
    demo_db: Database, tmp_path: Path, server: tuple[Controller, Inbox]
) -> None:
    controller, inbox = server
    msg, result = make_message(demo_db, tmp_path)
    box = Outbox(tmp_path / "outbox")
    box.enqueue(msg)
    [sent] = box.deliver(plain(controller.port))
    assert sent.state == "sent" and sent.attempts == 1, sent.last_error
    [got] = inbox.messages
    assert got["Message-ID"] == message_id(result.export_id)
    assert result.export_id in got["Subject"] and "NYC" in got["Subject"]
    assert "令和5年度" in got["Subject"] and got["To"] == "hq@clair.example"
    plain_part = got.get_body(("plain",))
    assert plain_part is not None
    body = plain_part.get_content()
    assert "海外活動支援件数: 52件（都道府県・政令市 35、市町村 10、その他 7）" in body
    assert "Support cases: 52 (35 prefectures/designated cities, 10 municipalities" in body
    # the office's other work: New York's four seminars (one of each kind), three CLAIR
    # Reports and six seconded staff of the annual report
    assert "セミナー: 4件（参加者 374人）" in body and "クレアレポート: 3本" in body
    assert "Seconded staff: 6 from 6 bodies (at the year's end)" in body
    assert "Media work: 0 (0 local governments featured)" in body
    [attachment] = list(got.iter_attachments())
    assert attachment.get_filename() == "NYC.xlsx"
    assert attachment.get_content() == result.path.read_bytes()
    assert box.deliver(plain(controller.port)) == []  # sent once, not again
    assert len(inbox.messages) == 1


def test_server_down_queues_survives_restart_and_delivers_exactly_once(
    demo_db: Database, tmp_path: Path
) -> None:
    from aiosmtpd.controller import Controller

    port = free_port()
    msg, _ = make_message(demo_db, tmp_path)
    box = Outbox(tmp_path / "outbox")
    box.enqueue(msg)
    box.enqueue(msg)  # the same export queued twice is one message
    [attempt] = box.deliver(plain(port))
    assert attempt.state == "queued" and "cannot reach 127.0.0.1" in attempt.last_error
    assert box.deliver(plain(port)) == []  # not due yet: backing off
    restarted = Outbox(tmp_path / "outbox")  # the app was closed and opened again
    assert [e.state for e in restarted.entries()] == ["queued"]
    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=port, authenticator=login,
                            auth_require_tls=False)  # fmt: skip
    controller.start()
    try:
        [done] = restarted.deliver(plain(port), force=True)
        assert done.state == "sent" and done.attempts == 2
        assert restarted.deliver(plain(port), force=True) == []
    finally:
        controller.stop()
    assert len(inbox.messages) == 1


def test_rejected_login_is_clear_and_loses_nothing(
    demo_db: Database, tmp_path: Path, server: tuple[Controller, Inbox]
) -> None:
    controller, inbox = server
    msg, _ = make_message(demo_db, tmp_path)
    box = Outbox(tmp_path / "outbox")
    box.enqueue(msg)
    [failed] = box.deliver(plain(controller.port, password="wrong"))
    assert failed.state == "failed", failed.last_error
    assert "rejected the login of 'nyc'" in failed.last_error
    assert inbox.messages == [] and (tmp_path / "outbox" / f"{failed.name}.eml").exists()
    [sent] = box.deliver(plain(controller.port), force=True)  # password fixed, retried
    assert sent.state == "sent" and len(inbox.messages) == 1


def test_starttls_with_the_offices_own_ca(demo_db: Database, tmp_path: Path) -> None:
    import ssl

    import trustme
    from aiosmtpd.controller import Controller

    ca = trustme.CA()
    server_context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    ca.issue_cert("127.0.0.1").configure_cert(server_context)
    cafile = tmp_path / "ca.pem"
    ca.cert_pem.write_to_path(str(cafile))
    inbox = Inbox()
    port = free_port()
    controller = Controller(inbox, hostname="127.0.0.1", port=port, authenticator=login,
                            tls_context=server_context, require_starttls=True)  # fmt: skip
    controller.start()
    try:
        msg, _ = make_message(demo_db, tmp_path)
        box = Outbox(tmp_path / "outbox")
        box.enqueue(msg)
        config = SmtpConfig("127.0.0.1", port, "starttls", "nyc", "secret", str(cafile), 5)
        [sent] = box.deliver(config)
        assert sent.state == "sent", sent.last_error
    finally:
        controller.stop()
    assert len(inbox.messages) == 1


def test_eml_draft_parses_and_a_mail_reader_extracts_the_attachment(
    demo_db: Database, tmp_path: Path
) -> None:
    msg, result = make_message(demo_db, tmp_path, draft=True)
    draft = write_eml(msg, tmp_path / "draft.eml")
    parsed = email.message_from_bytes(draft.read_bytes(), policy=policy.default)
    assert parsed["X-Unsent"] == "1"
    [part] = list(parsed.iter_attachments())
    assert part.get_content() == result.path.read_bytes()
    if shutil.which("munpack") is None:
        pytest.skip("munpack (Debian package mpack) is not installed")
    out = tmp_path / "unpacked"
    out.mkdir()
    subprocess.run(["munpack", "-C", str(out), str(draft)], check=True, capture_output=True)
    assert (out / "NYC.xlsx").read_bytes() == result.path.read_bytes()


def test_cli_send_via_smtp_and_outbox(
    demo_path: Path,
    server: tuple[Controller, Inbox],
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from office_ledger import settings
    from office_ledger.cli.commands import main

    controller, inbox = server
    settings.save({"hq_address": "hq@clair.example", "from_address": "nyc@jlgc.example",
                   "smtp_user": "nyc", "smtp_security": "none", "attach_pdf": True})  # fmt: skip
    monkeypatch.setenv("OFFICE_LEDGER_SMTP_PASSWORD", "secret")
    code = main(["--db", str(demo_path), "send", "--office", "NYC", "--fy", "2023", "--via",
                 "smtp", "--smtp", f"127.0.0.1:{controller.port}"])  # fmt: skip
    assert code == 0 and ": sent" in capsys.readouterr().out
    [got] = inbox.messages
    assert sorted(str(p.get_filename()) for p in got.iter_attachments()) == [
        "office-ledger-NYC-FY2023.pdf", "office-ledger-NYC-FY2023.xlsx"]  # fmt: skip
    assert "password" not in settings.settings_path().read_text(encoding="utf-8")
    assert main(["outbox"]) == 0 and "sent" in capsys.readouterr().out


def test_cli_send_refuses_without_an_address(
    demo_path: Path, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    from office_ledger.cli.commands import main

    code = main(["--db", str(demo_path), "send", "--office", "NYC", "-o", str(tmp_path / "d.eml")])
    err = capsys.readouterr().err
    assert code == 2 and "no headquarters address" in err and len(err.splitlines()) == 1
    assert not (tmp_path / "d.eml").exists()
    code = main(["--db", str(demo_path), "send", "--office", "NYC", "--fy", "2023",
                 "--to", "hq@clair.example", "-o", str(tmp_path / "d.eml")])  # fmt: skip
    assert code == 0 and (tmp_path / "d.eml").exists()


def test_password_comes_from_the_keyring_or_the_environment(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import keyring
    from keyring.backend import KeyringBackend

    from exports.mail.outbox import smtp_password, store_password

    class MemoryKeyring(KeyringBackend):  # no OS keyring daemon runs here
        priority = 1

        def __init__(self) -> None:
            self.items: dict[tuple[str, str], str] = {}

        def get_password(self, service: str, username: str) -> str | None:
            return self.items.get((service, username))

        def set_password(self, service: str, username: str, password: str) -> None:
            self.items[(service, username)] = password

        def delete_password(self, service: str, username: str) -> None:
            self.items.pop((service, username), None)

    previous = keyring.get_keyring()
    keyring.set_keyring(MemoryKeyring())
    try:
        monkeypatch.delenv("OFFICE_LEDGER_SMTP_PASSWORD", raising=False)
        assert smtp_password("nyc", "smtp.example") is None
        store_password("nyc", "smtp.example", "from-keyring")
        assert smtp_password("nyc", "smtp.example") == "from-keyring"
        monkeypatch.setenv("OFFICE_LEDGER_SMTP_PASSWORD", "from-env")
        assert smtp_password("nyc", "smtp.example") == "from-env"
    finally:
        keyring.set_keyring(previous)
