"""What ``--db`` names: a SQLite file's path, or a PostgreSQL server's database
(issue #23) carried where the code takes a database path (:class:`ServerURL`).

Light on purpose (the command line's ``--help`` and the window's start import it): the
standard library only.
"""

from __future__ import annotations

from pathlib import Path

SCHEMES = ("postgresql://", "postgres://", "postgresql+psycopg://")


def without_password(url: str) -> str:
    """``url`` with no password in it (``user:secret@host`` becomes ``user@host``)."""
    from urllib.parse import urlsplit, urlunsplit

    parts = urlsplit(url)
    if parts.password is None:
        return url
    host = parts.netloc.rpartition("@")[2]
    return urlunsplit(parts._replace(netloc=f"{parts.username or ''}@{host}"))


def has_password(url: str) -> bool:
    """Whether ``url`` carries a password (``user:secret@host``): refused where it would
    be shown or stored; the password belongs in the keyring (``server-password``)."""
    from urllib.parse import urlsplit

    try:
        return urlsplit(url.strip()).password is not None
    except ValueError:  # a malformed port: the open says what is wrong
        return False


def connect_text(target: object) -> str:
    """The text to connect with: a :class:`ServerURL`'s URL as typed, else ``str()``."""
    return target.url if isinstance(target, ServerURL) else str(target)


def is_url(target: object) -> bool:
    """Whether ``target`` names a PostgreSQL database (a Path's text never holds "//")."""
    return str(target).strip().lower().startswith(SCHEMES)


class ServerURL(type(Path())):  # type: ignore[misc]
    """A PostgreSQL URL where the commands take a database path: ``str()`` is the URL
    without a password (it is shown, logged, put in messages); :attr:`url` is the URL as
    typed, to connect with; :func:`is_server` tells it from a file's path."""

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

    @property
    def url(self) -> str:
        """The URL as typed, to connect with (never shown)."""
        return str(self._url)

    def __str__(self) -> str:
        return self.display()

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
        return without_password(self._url)


def is_server(db_path: object) -> bool:
    """Whether ``--db`` named a PostgreSQL server (:class:`ServerURL`)."""
    return isinstance(db_path, ServerURL)


def server_path(url: str) -> ServerURL:
    """The database path that stands for the server database ``url``."""
    return ServerURL(url)
