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
        return ServerURL(text.strip())
    return path_arg(text)


class ServerURL(type(Path())):  # type: ignore[misc]
    """A PostgreSQL URL where the commands take a database path: ``str()`` is the URL as
    typed; :func:`is_server` tells it from a file's path."""

    def __new__(cls, url: str) -> ServerURL:
        self = super().__new__(cls, "postgresql-server")
        self._url = url
        return self  # type: ignore[no-any-return]

    def __init__(self, url: str) -> None:  # Python 3.12's Path takes its arguments here
        try:
            super().__init__("postgresql-server")
        except TypeError:  # pragma: no cover - Python < 3.12: object.__init__
            pass
        self._url = url

    def __str__(self) -> str:
        return str(self._url)

    def __repr__(self) -> str:
        return f"ServerURL({self.display()!r})"

    def __fspath__(self) -> str:
        raise TypeError("a PostgreSQL URL is not a file's path")

    def expanduser(self) -> ServerURL:
        return self

    def resolve(self, strict: bool = False) -> ServerURL:
        return self

    def exists(self, *, follow_symlinks: bool = True) -> bool:
        return True

    def display(self) -> str:
        from db.storage.server import display

        return display(self._url)


def is_server(db_path: object) -> bool:
    """Whether ``--db`` named a PostgreSQL server (:class:`ServerURL`)."""
    return isinstance(db_path, ServerURL)


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
