"""Mail that tells the truth: what a later try can cure is queued, the rest fails at once.

Each mode is played by a real aiosmtpd server on loopback: a server without STARTTLS,
one that offers no login before TLS, a wrong password, 550 and 451 on RCPT, a closed
port and a certificate the client does not trust.
"""

from __future__ import annotations

import ssl
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from db.storage.database import Database
from exports.mail.outbox import Entry, Outbox, SmtpConfig
from tests.support.mail import make_message
from tests.support.smtpserver import Refusing, free_port, login, smtp_server

if TYPE_CHECKING:
    pass


def local(iso: str) -> str:
    return datetime.fromisoformat(iso).astimezone().strftime("%Y-%m-%d %H:%M")


def deliver_one(db: Database, tmp_path: Path, config: SmtpConfig) -> tuple[Outbox, Entry]:
    msg, _ = make_message(db, tmp_path)
    box = Outbox(tmp_path / "outbox")
    box.enqueue(msg)
    [entry] = box.deliver(config)
    return box, entry


def assert_not_retried(box: Outbox, config: SmtpConfig, monkeypatch: pytest.MonkeyPatch) -> None:
    """A day later the app's minute timer (``deliver`` without force) leaves it alone."""
    later = datetime.now(UTC) + timedelta(days=1)
    monkeypatch.setattr("exports.mail.outbox._now", lambda: later)
    assert box.deliver(config) == []
    assert [e.state for e in box.entries()] == ["failed"]
    [entry] = box.entries()
    assert (box.folder / f"{entry.name}.eml").is_file()  # nothing is lost


def config(port: int, security: str = "none", user: str = "nyc", password: str = "secret",
           cafile: str = "") -> SmtpConfig:  # fmt: skip
    return SmtpConfig("127.0.0.1", port, security, user, password, cafile, timeout=5)


def test_starttls_not_offered_fails_and_is_not_retried(
    demo_db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with smtp_server(authenticator=login, auth_require_tls=False) as server:
        box, entry = deliver_one(demo_db, tmp_path, config(server.port, "starttls"))
        assert entry.state == "failed", entry.last_error
        assert "does not offer STARTTLS" in entry.last_error
        assert "smtp_security" in entry.last_error
        assert_not_retried(box, config(server.port, "starttls"), monkeypatch)
        assert server.handler.messages == []


def test_login_not_offered_fails_and_is_not_retried(
    demo_db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # the usual server: AUTH only after STARTTLS, and the office set "none" with a user
    with smtp_server(authenticator=login) as server:
        box, entry = deliver_one(demo_db, tmp_path, config(server.port))
        assert entry.state == "failed", entry.last_error
        assert "does not offer a login (AUTH)" in entry.last_error
        assert_not_retried(box, config(server.port), monkeypatch)


def test_certificate_not_trusted_fails_and_is_not_retried(
    demo_db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import trustme

    ca = trustme.CA()  # the office's own CA, but smtp_cafile is not set
    server_context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    ca.issue_cert("127.0.0.1").configure_cert(server_context)
    with smtp_server(authenticator=login, tls_context=server_context,
                     require_starttls=True) as server:  # fmt: skip
        box, entry = deliver_one(demo_db, tmp_path, config(server.port, "starttls"))
        assert entry.state == "failed", entry.last_error
        assert "certificate" in entry.last_error and "smtp_cafile" in entry.last_error
        assert_not_retried(box, config(server.port, "starttls"), monkeypatch)


def test_451_on_rcpt_stays_queued_with_the_next_try(demo_db: Database, tmp_path: Path) -> None:
    handler = Refusing("451 4.3.0 greylisted, try again later")
    with smtp_server(handler, authenticator=login, auth_require_tls=False) as server:
        box, entry = deliver_one(demo_db, tmp_path, config(server.port))
    assert entry.state == "queued", entry.last_error
    assert "451" in entry.last_error and "greylisted" in entry.last_error
    assert datetime.fromisoformat(entry.next_attempt) > datetime.now(UTC)
    assert box.deliver(config(server.port)) == []  # backing off, not failed
    assert [e.state for e in Outbox(box.folder).entries()] == ["queued"]


def cli_send(demo_path: Path, port: int, *extra: str) -> int:
    from office_ledger.cli.commands import main

    return main(["--db", str(demo_path), "send", "--office", "NYC", "--fy", "2023", "--via",
                 "smtp", "--no-pdf", "--smtp", f"127.0.0.1:{port}", *extra])  # fmt: skip


@pytest.fixture
def office_settings(monkeypatch: pytest.MonkeyPatch) -> None:
    from office_ledger import settings

    settings.save({"hq_address": "hq@clair.example", "from_address": "nyc@jlgc.example",
                   "smtp_user": "nyc", "smtp_security": "none"})  # fmt: skip
    monkeypatch.setenv("OFFICE_LEDGER_SMTP_PASSWORD", "secret")


def outbox_entries() -> list[Entry]:
    from office_ledger.sending import outbox_folder

    return Outbox(outbox_folder()).entries()


@pytest.mark.usefixtures("office_settings")
def test_cli_wrong_password_says_so_in_one_line_and_exits_1(
    demo_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from office_ledger.cli.commands import main

    monkeypatch.setenv("OFFICE_LEDGER_SMTP_PASSWORD", "wrong")
    with smtp_server(authenticator=login, auth_require_tls=False) as server:
        code = cli_send(demo_path, server.port)
        out, err = capsys.readouterr()
        assert code == 1 and out == ""
        assert len(err.splitlines()) == 1, err
        assert "not sent" in err and "rejected the login of 'nyc'" in err
        assert "535" in err and "not retried" in err and "outbox --retry" in err
        [entry] = outbox_entries()
        assert entry.state == "failed"
        assert main(["outbox"]) == 1
        listing = capsys.readouterr().out
        assert listing.startswith("failed") and "not retried" in listing
        assert "rejected the login" in listing
        monkeypatch.setenv("OFFICE_LEDGER_SMTP_PASSWORD", "secret")  # fixed: sent on demand
        assert main(["outbox", "--retry", "--smtp", f"127.0.0.1:{server.port}"]) == 0
        assert len(server.handler.messages) == 1


@pytest.mark.usefixtures("office_settings")
def test_cli_550_exits_1_and_the_message_stays_in_the_outbox(
    demo_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from office_ledger.sending import outbox_folder

    handler = Refusing("550 5.1.1 <hq@clair.example>: no such user")
    with smtp_server(handler, authenticator=login, auth_require_tls=False) as server:
        code = cli_send(demo_path, server.port)
    out, err = capsys.readouterr()
    assert code == 1 and out == "" and len(err.splitlines()) == 1, err
    assert "550 5.1.1 <hq@clair.example>: no such user" in err and "not retried" in err
    [entry] = outbox_entries()
    assert entry.state == "failed" and entry.to == "hq@clair.example"
    assert_not_retried(Outbox(outbox_folder()), config(server.port), monkeypatch)


@pytest.mark.usefixtures("office_settings")
def test_cli_451_is_queued_with_the_next_try_in_local_time(
    demo_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from office_ledger.cli.commands import main

    handler = Refusing("451 4.3.0 greylisted, try again later")
    with smtp_server(handler, authenticator=login, auth_require_tls=False) as server:
        code = cli_send(demo_path, server.port)
    out, err = capsys.readouterr()
    [entry] = outbox_entries()
    assert code == 0 and err == "" and entry.state == "queued"
    assert "queued" in out and "451 4.3.0" in out
    assert f"next try at {local(entry.next_attempt)}" in out
    assert main(["outbox"]) == 0
    listing = capsys.readouterr().out
    assert listing.startswith("queued") and f"next try at {local(entry.next_attempt)}" in listing


@pytest.mark.usefixtures("office_settings")
def test_cli_connection_refused_is_queued_with_the_next_try(
    demo_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from office_ledger.cli.commands import main

    code = cli_send(demo_path, free_port())  # nothing listens there
    out, err = capsys.readouterr()
    [entry] = outbox_entries()
    assert code == 0 and err == "" and entry.state == "queued"
    assert "cannot reach 127.0.0.1" in out
    assert f"next try at {local(entry.next_attempt)}" in out
    assert main(["outbox"]) == 0
    listing = capsys.readouterr().out
    assert f"next try at {local(entry.next_attempt)}" in listing and "tries: 1" in listing


def test_cli_outbox_lists_a_message_never_tried_as_due_now(
    demo_db: Database, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from office_ledger import settings
    from office_ledger.cli.commands import main
    from office_ledger.sending import outbox_folder

    settings.save({"smtp_host": "127.0.0.1"})  # a server to send it to (issue #19)
    msg, _ = make_message(demo_db, tmp_path)
    Outbox(outbox_folder()).enqueue(msg)  # queued, not tried yet (another app was sending)
    assert main(["outbox"]) == 0
    listing = capsys.readouterr().out
    assert listing.startswith("queued") and "(tries: 0) – due now" in listing
