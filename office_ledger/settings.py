"""The app's settings: each declared once with its type, default and label.

Kept as UTF-8 JSON in the data folder (``settings.json``), shared by the command line
and the desktop app. Passwords are never stored here: the SMTP password lives in the
operating system's keyring (see :mod:`exports.mail.outbox`).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from db.schema.errors import ValidationError
from db.schema.offices import OFFICE_CODES
from db.schema.words import Message
from db.storage.pg.target import has_password
from exports.atomic import write_text
from office_ledger.paths import data_dir


@dataclass(frozen=True)
class Setting:
    key: str
    type: type
    default: Any
    label: str
    choices: tuple[str, ...] = ()  # besides the default ("" for not set)
    limits: tuple[int, int] | None = None  # the smallest and largest number
    is_file: bool = False  # names a file that must exist (or is empty: not set)


SETTINGS: tuple[Setting, ...] = (
    Setting("office", str, "", f"This laptop's office ({', '.join(OFFICE_CODES)})", OFFICE_CODES),
    Setting("user_name", str, "", "Your name"),
    Setting("language", str, "ja", "Language of the app", ("ja", "en")),
    Setting("hq_address", str, "", "Headquarters' email address"),
    Setting("from_address", str, "", "Your email address (sender)"),
    Setting("send_via", str, "eml", "How to send: a mail-client draft or SMTP", ("eml", "smtp")),
    Setting("smtp_host", str, "", "SMTP server"),
    Setting("smtp_port", int, 587, "SMTP port", limits=(1, 65535)),
    Setting("smtp_security", str, "starttls", "SMTP security", ("starttls", "ssl", "none")),
    Setting("smtp_user", str, "", "SMTP user name"),
    Setting("smtp_cafile", str, "", "Extra CA certificate file for the SMTP server", is_file=True),
    Setting("attach_pdf", bool, True, "Attach the PDF summary to emails"),
    Setting("pdf_font", str, "", "Japanese TrueType font file for PDFs", is_file=True),
    Setting("export_folder", str, "", "Folder the app offers for workbooks and PDF summaries"),
    Setting(
        "hq_database",
        str,
        "",
        "Headquarters' PostgreSQL database (postgresql://USER@HOST/DBNAME; the password is"
        " kept in the system keyring)",
    ),  # fmt: skip
    Setting(
        "backup_folder", str, "", "Automatic backups folder (default: backups/ in the data folder)"
    ),
)
BY_KEY = {s.key: s for s in SETTINGS}


def settings_path() -> Path:
    return data_dir() / "settings.json"


def load() -> dict[str, Any]:
    """Every setting, saved values over defaults (unknown or damaged entries ignored)."""
    values = {s.key: s.default for s in SETTINGS}
    try:
        saved = json.loads(settings_path().read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError):
        saved = {}
    for key, value in saved.items() if isinstance(saved, dict) else ():
        setting = BY_KEY.get(key)
        if setting is not None and isinstance(value, setting.type):
            values[key] = value
    return values


def parse(key: str, text: str) -> Any:
    """A value typed by a person, checked against the setting's type and choices."""
    setting = BY_KEY.get(key)
    if setting is None:
        raise ValidationError(f"unknown setting {key!r}; known: {', '.join(BY_KEY)}", field=key)
    value: Any = text.strip()
    if setting.type is int:
        if not value.isdigit():
            raise ValidationError(f"{key} must be a whole number, not {text!r}", field=key)
        value = int(value)
    elif setting.type is bool:
        if value.lower() not in ("true", "false", "yes", "no", "1", "0"):
            raise ValidationError(f"{key} must be true or false, not {text!r}", field=key)
        value = value.lower() in ("true", "yes", "1")
    if key == "office":
        value = value.upper()
    if key == "hq_database" and has_password(value):  # never in the settings file
        raise ValidationError(Message("pg.password_in_url"), field=key)
    if setting.choices and value not in setting.choices and value != setting.default:
        raise ValidationError(
            f"{key} must be one of {', '.join(setting.choices)}, not {text!r}", field=key
        )
    if setting.limits and not setting.limits[0] <= value <= setting.limits[1]:
        low, high = setting.limits
        raise ValidationError(f"{key} must be {low}–{high}, not {text!r}", field=key)
    if setting.is_file and value and not Path(value).expanduser().is_file():
        raise ValidationError(f"{key}: there is no file {value}", field=key)
    if (
        key in ("export_folder", "backup_folder")
        and value
        and not Path(value).expanduser().is_dir()
    ):
        raise ValidationError(f"{key}: {value} is not a folder", field=key)
    if key in ("hq_address", "from_address") and value and not is_address(value):
        raise ValidationError(f"{key} must be an email address, not {text!r}", field=key)
    return value


_ADDRESS = re.compile(r"[^@\s]+@[^@\s.]+(\.[^@\s.]+)+")


def is_address(text: str) -> bool:
    """Whether ``text`` is an email address: a name, one "@" and a domain with a dot
    (``name@example.org``; not ``name``, ``name@``, ``name@example`` or one with spaces)."""
    return _ADDRESS.fullmatch(text) is not None


def save(changes: dict[str, Any]) -> dict[str, Any]:
    """Merge ``changes`` into the saved settings (written atomically); return all values."""
    values = load()
    values.update(changes)
    path = settings_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    write_text(path, json.dumps(values, ensure_ascii=False, indent=1))
    return values


def backup_folder() -> Path:
    """Where automatic backups go: the ``backup_folder`` setting, else the data folder's
    ``backups`` (one subfolder per database, named by its ledger id)."""
    chosen = str(load()["backup_folder"]).strip()
    return Path(chosen).expanduser() if chosen else data_dir() / "backups"
