"""The outbox: messages to headquarters kept on disk until an SMTP server takes them.

Laptops are often offline, so sending never depends on the network being there: a
message is first written to the outbox folder (``NAME.eml`` plus ``NAME.json`` with
its state), then delivered. A failure that a later try can cure (the server cannot
be reached, refuses the connection, drops it, or answers 4xx) leaves the message
queued, retried with a growing delay (1 min, 2, 4 … up to 6 h). A failure that no
retry cures is marked failed at once, with the reason, and never retried by itself:
a 5xx reply (a rejected login or recipient), STARTTLS or a login not offered when
the settings need them, a certificate that is not trusted. Nothing is lost:
``deliver(force=True)`` (``office-ledger outbox --retry``) sends it again once the
cause is fixed. A message is queued once per Message-ID, and marked sent as soon as
the server accepts it, so headquarters gets each export once (a crash in between
could repeat it, under the same Message-ID).

Each message keeps the SMTP settings it was queued with (server, port, security, user,
CA file; never the password, which comes from the keyring each time), so a message
sent with ``send --smtp HOST:PORT`` is retried there although ``smtp_host`` is not
set. A message that failed for good is retried on the current settings (the person
fixed them), and a ``--smtp`` given to the retry wins over both (:func:`server_for`).
A message with no server anywhere is not tried; :data:`NO_SERVER` says what to set."""

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

from db.schema.errors import LedgerError
from exports.atomic import write_bytes, write_text

KEYRING_SERVICE = "office-ledger-smtp"
PASSWORD_VARIABLE = "OFFICE_LEDGER_SMTP_PASSWORD"
MAX_DELAY = timedelta(hours=6)


class OutboxBusy(LedgerError):
    """Another Office Ledger is delivering the outbox right now."""


class _Permanent(Exception):
    """A failure that no later try cures; the text says what to change."""


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
    smtp: dict[str, str | int] | None = None  # the settings it was queued with (no password)


NO_SERVER = ("no SMTP server to send it to: set smtp_host"
             " (office-ledger settings smtp_host HOST) or retry with --smtp HOST:PORT")  # fmt: skip


def _kept(config: SmtpConfig) -> dict[str, str | int]:
    """The settings a message keeps: what names the server, without the password."""
    return {"host": config.host, "port": config.port, "security": config.security,
            "user": config.user, "cafile": config.cafile}  # fmt: skip


def server_for(entry: Entry, current: SmtpConfig | None, *, prefer_current: bool = False
               ) -> SmtpConfig | None:  # fmt: skip
    """The SMTP settings to (re)try a message on, None when there are none.

    ``current`` is today's settings (or a ``--smtp`` override: ``prefer_current``);
    a queued message goes where it was queued for; a failed one, whose settings a
    person was told to fix, goes by today's settings.
    """
    if current is not None and (prefer_current or entry.state == "failed"):
        return current
    if entry.smtp:
        kept = entry.smtp
        host, user = str(kept["host"]), str(kept.get("user") or "")
        return SmtpConfig(host, int(kept.get("port") or 587),
                          str(kept.get("security") or "starttls"), user,
                          smtp_password(user, host) if user else None,
                          str(kept.get("cafile") or ""))  # fmt: skip
    return current


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

    def enqueue(self, msg: EmailMessage, config: SmtpConfig | None = None) -> Entry:
        """Keep the message for delivery (with the SMTP settings it is for); the same
        Message-ID is kept only once."""
        self.folder.mkdir(parents=True, exist_ok=True)
        message_id = str(msg["Message-ID"])
        name = self._name(message_id)
        existing = self.folder / f"{name}.json"
        if existing.exists():
            return self._load(existing)
        # CRLF line ends, as SMTP sends them
        write_bytes(self.folder / f"{name}.eml", msg.as_bytes(policy=policy.SMTP))
        now = _now().isoformat()
        entry = Entry(name, message_id, str(msg["To"]), str(msg["Subject"]), "queued", 0, now, now,
                      smtp=None if config is None else _kept(config))  # fmt: skip
        _write_json(existing, asdict(entry))
        return entry

    def _load(self, path: Path) -> Entry:
        data = json.loads(path.read_text(encoding="utf-8"))
        known = set(Entry.__dataclass_fields__)  # a newer app's extra keys: left aside
        return Entry(**{k: v for k, v in data.items() if k in known})

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

    def due(self, *, force: bool = False) -> list[Entry]:
        """The messages to try now (``force``: also failed ones and those not yet due)."""
        now = _now()
        due = [e for e in self.entries() if e.state == "queued" or (force and e.state == "failed")]
        if not force:
            due = [e for e in due if datetime.fromisoformat(e.next_attempt) <= now]
        return due

    def deliver(self, config: SmtpConfig | None, *, force: bool = False,
                prefer_current: bool = False) -> list[Entry]:  # fmt: skip
        """Send every queued message that is due (``force``: also failed and not yet due),
        each on :func:`server_for`'s settings; one with none is left as it is.

        Returns the entries attempted, with their new state.
        """
        if not self.folder.is_dir():
            return []
        wanted = [(e, server_for(e, config, prefer_current=prefer_current))
                  for e in self.due(force=force)]  # fmt: skip
        plan = [(e, c) for e, c in wanted if c is not None]
        if not plan:
            return []
        results = []
        with self._lock():
            for entry, server in plan:
                results.append(self._attempt(entry, server))
        return results

    def without_server(self, config: SmtpConfig | None, *, force: bool = False) -> list[Entry]:
        """The due messages no settings can send (:data:`NO_SERVER` says what to set)."""
        return [e for e in self.due(force=force) if server_for(e, config) is None]

    def _attempt(self, entry: Entry, config: SmtpConfig) -> Entry:
        raw = (self.folder / f"{entry.name}.eml").read_bytes()
        msg = BytesParser(policy=policy.SMTP).parsebytes(raw)
        senders = [a for _, a in getaddresses([str(msg.get("From", ""))]) if a]
        sender = senders[0] if senders else config.user  # no From set: the login name
        recipients = [a for _, a in getaddresses([str(v) for v in msg.get_all("To", [])]) if a]
        attempts = entry.attempts + 1
        where = f"{config.host}:{config.port}"
        try:
            _send(config, sender, recipients, raw)
        except _Permanent as exc:
            return self._save(entry, "failed", attempts, str(exc))
        except ssl.SSLCertVerificationError as exc:
            why = (f"the certificate of {where} is not trusted ({exc.verify_message}): set"
                   " smtp_cafile to the certificate of the authority that issued it")  # fmt: skip
            return self._save(entry, "failed", attempts, why)
        except smtplib.SMTPRecipientsRefused as exc:
            codes = [code for code, _ in exc.recipients.values()]
            text = "; ".join(f"{address}: {_reply(code, reply)}"
                             for address, (code, reply) in exc.recipients.items())  # fmt: skip
            if codes and all(500 <= code < 600 for code in codes):
                return self._save(entry, "failed", attempts, f"refused by the server: {text}")
            return self._save(entry, "queued", attempts, f"server busy: {text}")
        except smtplib.SMTPResponseException as exc:  # login, sender, data, greeting
            if not 500 <= exc.smtp_code < 600:
                return self._save(entry, "queued", attempts, f"server busy: {_text(exc)}")
            if isinstance(exc, smtplib.SMTPAuthenticationError):
                why = (f"the server rejected the login of {config.user!r}:"
                       " check user name and password")  # fmt: skip
                return self._save(entry, "failed", attempts, _why(exc, why))
            return self._save(entry, "failed", attempts, f"refused by the server: {_text(exc)}")
        except (OSError, smtplib.SMTPException) as exc:  # refused, timed out, DNS, dropped
            why = f"cannot reach {where} ({exc.__class__.__name__}: {exc})"
            return self._save(entry, "queued", attempts, why)
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


def _reply(code: int, reply: bytes | str) -> str:
    detail = reply.decode("utf-8", "replace") if isinstance(reply, bytes) else str(reply)
    return f"{code} {detail}"


def _text(exc: smtplib.SMTPResponseException) -> str:
    return _reply(exc.smtp_code, exc.smtp_error)


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
    where = f"{config.host}:{config.port}"
    with client:
        _ehlo(client)
        if config.security == "starttls":
            if not client.has_extn("starttls"):
                raise _Permanent(f"{where} does not offer STARTTLS: set smtp_security to ssl"
                                 " (usually port 465) or none, or use the server's"
                                 " submission port")  # fmt: skip
            client.starttls(context=_context(config))
            _ehlo(client)
        if config.user:
            if not client.has_extn("auth"):
                hint = ("it may offer one only over TLS: set smtp_security to starttls or ssl"
                        if config.security == "none" else
                        "clear smtp_user if it needs no login")  # fmt: skip
                raise _Permanent(f"{where} does not offer a login (AUTH) for"
                                 f" {config.user!r}: {hint}")  # fmt: skip
            client.login(config.user, config.password or "")
        client.sendmail(sender, recipients, raw)


def _ehlo(client: smtplib.SMTP) -> None:
    """EHLO (HELO if refused), a refusal raised: 421 busy is retried, 5xx is not."""
    code, reply = client.ehlo()
    if 500 <= code < 600:  # an old server that knows only HELO: no STARTTLS, no AUTH
        code, reply = client.helo()
    if not 200 <= code < 300:
        raise smtplib.SMTPHeloError(code, reply)
