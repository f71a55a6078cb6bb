"""Where Office Ledger keeps its files: one place, overridable for portable builds and tests.

``OFFICE_LEDGER_HOME`` replaces the user data folder (database, logs, backups);
``OFFICE_LEDGER_DB`` names the database file directly. Otherwise the platform's user
data folder is used (``~/.local/share/OfficeLedger`` on Linux, ``%LOCALAPPDATA%`` on
Windows, ``~/Library/Application Support`` on macOS).
"""

from __future__ import annotations

import os
from pathlib import Path

APP_NAME = "OfficeLedger"


def data_dir() -> Path:
    home = os.environ.get("OFFICE_LEDGER_HOME")
    if home:
        return Path(home).expanduser()
    from platformdirs import user_data_dir

    return Path(user_data_dir(APP_NAME, appauthor=False))


def default_db_path() -> Path:
    explicit = os.environ.get("OFFICE_LEDGER_DB")
    return Path(explicit).expanduser() if explicit else data_dir() / "ledger.sqlite3"


def log_dir() -> Path:
    return data_dir() / "logs"
