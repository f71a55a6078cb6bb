"""The outbox: messages to headquarters kept on disk until an SMTP server takes them.

Laptops are often offline, so sending never depends on the network being there: a
message is first written to the outbox folder (``NAME.eml`` plus ``NAME.json`` with
its state), then delivered. If the server cannot be reached the message stays
queued and is retried later with a growing delay (1 min, 2, 4 … up to 6 h); a
rejected login or recipient marks it failed, with the reason, and nothing is lost:
``retry`` sends it again once the cause is fixed. A message is queued once per
Message-ID, and marked sent as soon as the server accepts it, so headquarters gets
each export once (a crash in between could repeat it, under the same Message-ID).
"""

from __future__ import annotations

import hashlib
import json
import os
import smtplib
import ssl
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass, replace
from datetime import UTC, datetime, timedelta
from email import policy
from email.message import EmailMessage
from email.parser import BytesParser
from email.utils import getaddresses
from pathlib import Path

from db.errors import LedgerError
from exports.atomic import write_bytes, write_text

KEYRING_SERVICE = "office-ledger-smtp"
PASSWORD_VARIABLE = "OFFICE_LEDGER_SMTP_PASSWORD"
MAX_DELAY = timedelta(hours=6)


class OutboxBusy(LedgerError):
    """Another Office Ledger is delivering the outbox right now."""


@dataclass(frozen=True)
class SmtpConfig:
    host: str
    port: int = 587
    security: str = "starttls"  # starttls, ssl or none
    user: str = ""
    password: str | None = None
    cafile: str = ""
    timeout: float = 20.0


@dataclass(frozen=True)
class Entry:
    name: str
    message_id: str
    to: str
    subject: str
    state: str  # queued, sent, failed
    attempts: int
    created: str
    next_attempt: str
    last_error: str = ""
    sent_at: str = ""


def smtp_password(user: str, host: str) -> str | None:
    """The SMTP password: ``OFFICE_LEDGER_SMTP_PASSWORD``, else the system keyring."""
    if os.environ.get(PASSWORD_VARIABLE):
        return os.environ[PASSWORD_VARIABLE]
    try:
        import keyring
        from keyring.errors import KeyringError
    except ImportError:  # pragma: no cover - keyring is a dependency
        return None
    try:
        found: str | None = keyring.get_password(KEYRING_SERVICE, f"{user}@{host}")
        return found
    except KeyringError:
        return None


def store_password(user: str, host: str, password: str) -> None:
    """Keep the SMTP password in the operating system's keyring (never in a file)."""
    import keyring

    keyring.set_password(KEYRING_SERVICE, f"{user}@{host}", password)


def _now() -> datetime:
    return datetime.now(UTC)


def _write_json(path: Path, data: dict[str, object]) -> None:
    write_text(path, json.dumps(data, ensure_ascii=False, indent=1))


class Outbox:
    """A folder of queued, sent and failed messages."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def _name(self, message_id: str) -> str:
        return hashlib.sha1(message_id.encode()).hexdigest()[:20]

    def enqueue(self, msg: EmailMessage) -> Entry:
        """Keep the message for delivery; the same Message-ID is kept only once."""
        self.folder.mkdir(parents=True, exist_ok=True)
        message_id = str(msg["Message-ID"])
        name = self._name(message_id)
        existing = self.folder / f"{name}.json"
        if existing.exists():
            return self._load(existing)
        # CRLF line ends, as SMTP sends them
        write_bytes(self.folder / f"{name}.eml", msg.as_bytes(policy=policy.SMTP))
        now = _now().isoformat()
        entry = Entry(name, message_id, str(msg["To"]), str(msg["Subject"]), "queued", 0, now, now)
        _write_json(existing, asdict(entry))
        return entry

    def _load(self, path: Path) -> Entry:
        return Entry(**json.loads(path.read_text(encoding="utf-8")))

    def entries(self) -> list[Entry]:
        """Every message, oldest first."""
        if not self.folder.is_dir():
            return []
        found = [self._load(p) for p in self.folder.glob("*.json")]
        return sorted(found, key=lambda e: e.created)

    @contextmanager
    def _lock(self) -> Iterator[None]:
        lock = self.folder / ".delivering"
        try:
            fd = os.open(lock, os.O_CREAT | os.O_EXCL | os.O_WRONLY)
        except FileExistsError:
            if time.time() - lock.stat().st_mtime < 600:
                raise OutboxBusy("the outbox is being delivered by another Office Ledger") from None
            lock.unlink(missing_ok=True)  # left behind by a crash
            fd = os.open(lock, os.O_CREAT | os.O_EXCL | os.O_WRONLY)
        os.close(fd)
        try:
            yield
        finally:
            lock.unlink(missing_ok=True)

    def deliver(self, config: SmtpConfig, *, force: bool = False) -> list[Entry]:
        """Send every queued message that is due (``force``: also failed and not yet due).

        Returns the entries attempted, with their new state.
        """
        if not self.folder.is_dir():
            return []
        now = _now()
        due = [e for e in self.entries() if e.state == "queued" or (force and e.state == "failed")]
        if not force:
            due = [e for e in due if datetime.fromisoformat(e.next_attempt) <= now]
        if not due:
            return []
        results = []
        with self._lock():
            for entry in due:
                results.append(self._attempt(entry, config))
        return results

    def _attempt(self, entry: Entry, config: SmtpConfig) -> Entry:
        raw = (self.folder / f"{entry.name}.eml").read_bytes()
        msg = BytesParser(policy=policy.SMTP).parsebytes(raw)
        senders = [a for _, a in getaddresses([str(msg.get("From", ""))]) if a]
        sender = senders[0] if senders else config.user  # no From set: the login name
        recipients = [a for _, a in getaddresses([str(v) for v in msg.get_all("To", [])]) if a]
        attempts = entry.attempts + 1
        try:
            _send(config, sender, recipients, raw)
        except smtplib.SMTPAuthenticationError as exc:
            why = f"the server rejected the login of {config.user!r}: check user name and password"
            return self._save(entry, "failed", attempts, _why(exc, why))
        except (smtplib.SMTPRecipientsRefused, smtplib.SMTPSenderRefused) as exc:
            return self._save(entry, "failed", attempts, f"refused by the server: {_text(exc)}")
        except smtplib.SMTPResponseException as exc:
            if 500 <= exc.smtp_code < 600:
                return self._save(entry, "failed", attempts, f"refused by the server: {_text(exc)}")
            return self._save(entry, "queued", attempts, f"server busy: {_text(exc)}")
        except (OSError, smtplib.SMTPException) as exc:
            return self._save(entry, "queued", attempts, f"cannot reach {config.host}:"
                              f"{config.port} ({exc.__class__.__name__}: {exc})")  # fmt: skip
        return self._save(entry, "sent", attempts, "")

    def _save(self, entry: Entry, state: str, attempts: int, error: str) -> Entry:
        now = _now()
        delay = min(timedelta(minutes=2 ** (attempts - 1)), MAX_DELAY)
        updated = replace(
            entry, state=state, attempts=attempts, last_error=error,
            next_attempt=(now + delay).isoformat() if state == "queued" else entry.next_attempt,
            sent_at=now.isoformat() if state == "sent" else entry.sent_at,
        )  # fmt: skip
        _write_json(self.folder / f"{entry.name}.json", asdict(updated))
        return updated


def _text(exc: smtplib.SMTPResponseException | smtplib.SMTPException) -> str:
    if isinstance(exc, smtplib.SMTPResponseException):
        detail = exc.smtp_error.decode("utf-8", "replace") if isinstance(
            exc.smtp_error, bytes) else str(exc.smtp_error)  # fmt: skip
        return f"{exc.smtp_code} {detail}"
    return str(exc)


def _why(exc: smtplib.SMTPResponseException, message: str) -> str:
    return f"{message} ({_text(exc)})"


def _context(config: SmtpConfig) -> ssl.SSLContext:
    context = ssl.create_default_context()
    if config.cafile:
        context.load_verify_locations(cafile=config.cafile)
    return context


def _send(config: SmtpConfig, sender: str, recipients: list[str], raw: bytes) -> None:
    if config.security == "ssl":
        client: smtplib.SMTP = smtplib.SMTP_SSL(config.host, config.port, timeout=config.timeout,
                                                context=_context(config))  # fmt: skip
    else:
        client = smtplib.SMTP(config.host, config.port, timeout=config.timeout)
    with client:
        client.ehlo()
        if config.security == "starttls":
            client.starttls(context=_context(config))
            client.ehlo()
        if config.user:
            client.login(config.user, config.password or "")
        client.sendmail(sender, recipients, raw)
