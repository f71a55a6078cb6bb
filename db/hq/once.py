"""An export workbook is imported once, however many people import it: its export id
(the manifest's) is claimed in the import's own transaction, in ``imported_export``
whose key it is (migration 0015). Two clerks importing the same export at once: the
first claims it and imports; the second's claim waits for the first to commit
(PostgreSQL's unique key, SQLite's one writer), finds it taken and is told by whom and
when — never a second import of the same versions. A copy edited by hand is claimed by
the export id and the digest of its content (``content``): the same edited workbook,
dropped again or imported by a second clerk, is imported once too (its accepted edits
would otherwise become new versions a second time), while another edited copy is a
workbook of its own."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from sqlalchemy import select

from db.hq import who
from db.storage.base import utc_now
from db.storage.models import ImportedExport

if TYPE_CHECKING:
    from sqlalchemy.orm import Session


@dataclass(frozen=True)
class Earlier:
    """An earlier import of the same export: who, when, from which file."""

    user: str
    at: datetime
    file_name: str


def earlier(session: Session, export_id: str, content: str = "") -> Earlier | None:
    """Who imported ``export_id`` (the edited copy whose digest is ``content``, if
    given) before, if anyone."""
    if not export_id:
        return None
    row = session.execute(
        select(ImportedExport).where(
            ImportedExport.export_id == export_id, ImportedExport.content == content
        )
    ).scalar_one_or_none()
    return None if row is None else Earlier(row.imported_by, row.imported_at, row.file_name)


def claim(
    session: Session, export_id: str, office: str | None, file_name: str, content: str = ""
) -> Earlier | None:
    """Claim ``export_id`` (with ``content``, an edited copy's digest; '' for the
    workbook as exported) for this transaction's import: None when claimed, else the
    earlier import that holds it (then nothing was written). An export without an id
    (an old app's) is never claimed."""
    if not export_id:
        return None
    if session.get_bind().dialect.name == "postgresql":
        from sqlalchemy.dialects.postgresql import insert
    else:
        from sqlalchemy.dialects.sqlite import insert  # type: ignore[assignment]
    row = {"export_id": export_id, "content": content, "office_code": office,
           "file_name": file_name, "imported_by": who.user(session),
           "imported_at": utc_now()}  # fmt: skip
    statement = insert(ImportedExport).values(**row)
    done = session.execute(
        statement.on_conflict_do_nothing(index_elements=["export_id", "content"]).returning(
            ImportedExport.export_id
        )
    ).first()
    if done is not None:
        return None
    return earlier(session, export_id, content)


def said(found: Earlier, file_name: str, export_id: str) -> object:
    """The catalogue's sentence for an export imported before (a Message)."""
    from db.schema.words import Message

    at = found.at.astimezone().strftime("%Y-%m-%d %H:%M")
    return Message("hq.already_imported", {"file": file_name, "user": found.user, "at": at,
                                           "export": export_id})  # fmt: skip
