"""Who makes a change: on PostgreSQL the database role the person logged in as
(``current_user``: headquarters' staff each have their own), on SQLite the computer's
login name (one person's laptop). Asked once a transaction."""

from __future__ import annotations

import getpass
from typing import TYPE_CHECKING

from sqlalchemy import text

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

_KEY = "hq.user"


def login_user() -> str:
    """Who is using this computer (the operating system's login name)."""
    try:
        return getpass.getuser()
    except Exception:  # noqa: BLE001 - no user name (a container): not worth failing a save
        return ""


def user(session: Session) -> str:
    """The person this session writes for: the database role on PostgreSQL, else the
    login name."""
    known = session.info.get(_KEY)
    if known is None:
        if session.get_bind().dialect.name == "postgresql":
            known = str(session.execute(text("SELECT current_user")).scalar_one())
        else:
            known = login_user()
        session.info[_KEY] = known
    return str(known)
