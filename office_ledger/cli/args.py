"""What every command module shares: argument types for paths (never empty, outputs
with their extension), the usage error, the default language.

Kept apart from :mod:`office_ledger.cli.commands` and light (``--help`` imports it): the
``cli_*`` modules import these from here, never from :mod:`office_ledger.cli.commands` (which
imports them: no cycle).
"""

from __future__ import annotations

import argparse
import locale
import os
from collections.abc import Callable
from pathlib import Path

from db.schema.errors import LedgerError
from db.storage.pg.target import ServerURL, has_password, is_server

__all__ = [
    "BadArgument",
    "ServerURL",
    "db_arg",
    "default_lang",
    "is_server",
    "output_arg",
    "path_arg",
]


class BadArgument(LedgerError):
    """An argument names something unusable (a missing folder); exit status 2."""


def default_lang() -> str:
    """The language of the command line's words when ``--lang`` is not given: Japanese
    in a Japanese locale, else English."""
    lang = os.environ.get("LC_ALL") or os.environ.get("LANG") or (locale.getlocale()[0] or "")
    return "ja" if lang.lower().startswith("ja") else "en"


def path_arg(text: str) -> Path:
    """A path a person typed; an empty one (``--db ""``) would mean the current folder."""
    if not text.strip():
        raise argparse.ArgumentTypeError("empty path; give a file name")
    return Path(text)


def db_arg(text: str) -> Path:
    """``--db``: a ledger file's path, or a PostgreSQL server's URL
    (``postgresql://user@host/dbname``, issue #23), kept as the text it is: a
    :class:`ServerURL` (a ``Path`` would fold its ``//``)."""
    if text.strip().lower().startswith(("postgresql://", "postgres://", "postgresql+psycopg://")):
        if has_password(text):  # it would be shown, logged, stored: the keyring keeps it
            from db.schema.words import word

            raise argparse.ArgumentTypeError(word("pg.password_in_url", default_lang()))
        return ServerURL(text.strip())
    return path_arg(text)


def output_arg(suffix: str, *others: str) -> Callable[[str], Path]:
    """A file to write, whose name must end in ``suffix`` (``.xlsx``) or one of
    ``others``: a workbook written as ``r6.csv`` would open in nothing that trusts the name."""
    allowed = (suffix, *others)

    def parse(text: str) -> Path:
        path = path_arg(text)
        if path.suffix.lower() not in allowed:
            names = " or ".join(allowed)
            raise argparse.ArgumentTypeError(
                f"{text!r} does not end in {names}; give a file name ending in {names}"
            )
        return path

    parse.__name__ = f"{'/'.join(s[1:] for s in allowed)} file"  # argparse names the type
    return parse
