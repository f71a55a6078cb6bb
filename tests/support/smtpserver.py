"""A real SMTP server on loopback (aiosmtpd) for the mail tests, as a pytest plugin."""

from __future__ import annotations

import email
import socket
from collections.abc import Iterator
from contextlib import contextmanager
from email import policy
from typing import TYPE_CHECKING, Any

import pytest

if TYPE_CHECKING:
    from aiosmtpd.controller import Controller
    from aiosmtpd.smtp import SMTP, AuthResult, Envelope, Session


class Inbox:
    """An aiosmtpd handler keeping what it receives."""

    def __init__(self) -> None:
        self.messages: list[email.message.EmailMessage] = []

    async def handle_DATA(self, server: SMTP, session: Session, envelope: Envelope) -> str:  # noqa: N802
        content = envelope.content
        assert isinstance(content, bytes)  # aiosmtpd's default: decode_data=False
        message = email.message_from_bytes(content, policy=policy.default)
        assert isinstance(message, email.message.EmailMessage)  # what policy.default makes
        self.messages.append(message)
        return "250 OK"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def login(
    server: SMTP, session: Session, envelope: Envelope, mechanism: str, auth_data: Any
) -> AuthResult:
    from aiosmtpd.smtp import AuthResult, LoginPassword

    assert isinstance(auth_data, LoginPassword)
    ok = auth_data.login == b"nyc" and auth_data.password == b"secret"
    return AuthResult(success=ok, handled=False)  # let aiosmtpd answer 535 on failure


@pytest.fixture
def server() -> Iterator[tuple[Controller, Inbox]]:
    from aiosmtpd.controller import Controller

    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=free_port(),
                            authenticator=login, auth_require_tls=False)  # fmt: skip
    controller.start()
    yield controller, inbox
    controller.stop()


class Refusing(Inbox):
    """A handler that answers RCPT with a fixed reply."""

    def __init__(self, reply: str) -> None:
        super().__init__()
        self.reply = reply

    async def handle_RCPT(  # noqa: N802
        self, server: SMTP, session: Session, envelope: Envelope, address: str, options: Any
    ) -> str:
        return self.reply


@contextmanager
def smtp_server(handler: Inbox | None = None, **options: Any) -> Iterator[Controller]:
    from aiosmtpd.controller import Controller

    controller = Controller(handler or Inbox(), hostname="127.0.0.1", port=free_port(),
                            **options)  # fmt: skip
    controller.start()
    try:
        yield controller
    finally:
        controller.stop()
