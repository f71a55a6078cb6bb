"""The app's settings: each declared once with its type, default and label.

Kept as UTF-8 JSON in the data folder (``settings.json``), shared by the command line
and the desktop app. Passwords are never stored here: the SMTP password lives in the
operating system's keyring (see :mod:`exports.mail.outbox`).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from db.errors import ValidationError
from exports.atomic import write_text
from office_ledger.paths import data_dir


@dataclass(frozen=True)
class Setting:
    key: str
    type: type
    default: Any
    label: str
    choices: tuple[str, ...] = ()


SETTINGS: tuple[Setting, ...] = (
    Setting("office", str, "", "This laptop's office (NYC, LON, PAR, SIN, SEL, SYD, BEJ, HQ)"),
    Setting("user_name", str, "", "Your name"),
    Setting("language", str, "ja", "Language of the app", ("ja", "en")),
    Setting("hq_address", str, "", "Headquarters' email address"),
    Setting("from_address", str, "", "Your email address (sender)"),
    Setting("send_via", str, "eml", "How to send: a mail-client draft or SMTP", ("eml", "smtp")),
    Setting("smtp_host", str, "", "SMTP server"),
    Setting("smtp_port", int, 587, "SMTP port"),
    Setting("smtp_security", str, "starttls", "SMTP security", ("starttls", "ssl", "none")),
    Setting("smtp_user", str, "", "SMTP user name"),
    Setting("smtp_cafile", str, "", "Extra CA certificate file for the SMTP server"),
    Setting("attach_pdf", bool, True, "Attach the PDF summary to emails"),
    Setting("pdf_font", str, "", "Japanese TrueType font file for PDFs"),
    Setting("export_folder", str, "", "Folder the app offers for workbooks and PDF summaries"),
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
    if setting.choices and value not in setting.choices:
        raise ValidationError(f"{key} must be one of {', '.join(setting.choices)}", field=key)
    if key == "export_folder" and value and not Path(value).expanduser().is_dir():
        raise ValidationError(f"export_folder: {value} is not a folder", field=key)
    if key in ("hq_address", "from_address") and value and "@" not in value:
        raise ValidationError(f"{key} must be an email address, not {text!r}", field=key)
    return value


def save(changes: dict[str, Any]) -> dict[str, Any]:
    """Merge ``changes`` into the saved settings (written atomically); return all values."""
    values = load()
    values.update(changes)
    path = settings_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    write_text(path, json.dumps(values, ensure_ascii=False, indent=1))
    return values
