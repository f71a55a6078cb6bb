"""What this laptop exported, kept beside the ledger, never in it (issue #19).

``export`` and ``consolidate`` are read-only commands: they never write the database
file. The office's "changed since last sent" still needs to know when the office last
exported, so each export leaves a *mark* in the app's data folder
(``sent/<device id>.json``), keyed by the database's device id and its clock at the
export — never by the file's name or path:

- the pair (device id, clock) names one state of one ledger: a database's own marks
  are those :func:`db.storage.clock.own_versions` calls its own (its device id, and a former
  id up to the copy point), so a copied database (a new laptop) keeps the marks made
  before the copy and never sees the original's later ones; an export from a copy not
  yet opened in its new place is of that same state;
- a mark file is replaced whole (written beside it, then renamed): a killed process
  leaves the old list or the new one; a mark that cannot be kept (a read-only data
  folder) only costs the board its newest send, never the export;
- two exports of one database at once (two windows, a script) each add their mark:
  the read, add and replace is done holding ``<device id>.json.lock`` with the writer
  lock's cross-platform OS lock (:mod:`db.storage.lock`), so neither overwrites the
  other's; the OS drops it if the process is killed;
- the database can sit on a read-only medium: nothing is written next to it.

The sync history's older export lines (written into ``sync_log`` by earlier versions,
and by ``send``, which writes the outbox anyway) are still read: :mod:`exports.sync_log`
and :mod:`exports.received` read both.

Nothing is kept until :func:`use` names the folder (the command line and the app do,
with their data folder).
"""

from __future__ import annotations

import contextlib
import json
import os
from dataclasses import asdict, dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from db.schema.fiscal import Period

if TYPE_CHECKING:  # the app names the folder before SQLAlchemy is loaded
    from db.storage.database import Database

KEEP = 500  # marks per device id: far more than a year's sends
WAIT = 10.0  # seconds an export waits for another one writing its marks (milliseconds)
_folder: Path | None = None


def use(folder: Path | None) -> None:
    """Keep marks in ``folder`` (None: keep none)."""
    global _folder
    _folder = folder


def folder() -> Path | None:
    return _folder


@dataclass(frozen=True)
class Mark:
    """One export as its laptop remembers it."""

    device: str  # the database's device id at the export
    clock: int  # and its clock: with the id, the ledger's state that was exported
    at: datetime  # UTC
    file_name: str
    office: str | None  # None: headquarters' consolidated workbook
    export_id: str
    counts: dict[str, Any] = field(default_factory=dict)
    message: str = ""
    period_start: date | None = None
    period_end: date | None = None

    @property
    def period(self) -> Period | None:
        if self.period_start and self.period_end:
            return Period(self.period_start, self.period_end)
        return None


def _file(device: str) -> Path | None:
    safe = "".join(c for c in device if c.isalnum() or c in "-_")
    if _folder is None or not safe:
        return None
    return _folder / f"{safe}.json"


def _load(path: Path) -> list[Mark]:
    try:
        kept = json.loads(path.read_text("utf-8"))
    except (OSError, ValueError):
        return []  # none yet, or damaged by hand: the board shows the ledger's own lines
    out = []
    for x in kept if isinstance(kept, list) else []:
        try:
            out.append(Mark(
                device=str(x["device"]), clock=int(x["clock"]),
                at=datetime.fromisoformat(x["at"]), file_name=str(x["file_name"]),
                office=x.get("office"), export_id=str(x["export_id"]),
                counts=dict(x.get("counts") or {}), message=str(x.get("message", "")),
                period_start=date.fromisoformat(x["period_start"]) if x.get("period_start")
                else None,
                period_end=date.fromisoformat(x["period_end"]) if x.get("period_end") else None,
            ))  # fmt: skip
        except (KeyError, TypeError, ValueError):
            continue
    return out


def _dump(mark: Mark) -> dict[str, Any]:
    out = asdict(mark)
    out["at"] = mark.at.isoformat()
    for key in ("period_start", "period_end"):
        out[key] = out[key].isoformat() if out[key] else None
    return out


def keep(
    db: Database, path: Path, office: str | None, export_id: str, counts: dict[str, Any],
    period: Period | None, message: str = "",
) -> bool:  # fmt: skip
    """Remember an export of ``db``; whether it was kept (not without a folder, nor when
    the folder cannot be written)."""
    from db.storage import clock
    from db.storage.base import utc_now

    with db.session() as s:
        device, now = clock.device_id(s), clock.clock_value(s)
    target = _file(device)
    if target is None:
        return False
    mark = Mark(device, now, utc_now(), str(path), office, export_id, counts, message,
                period.start if period else None, period.end if period else None)  # fmt: skip
    from db.storage.lock import WriterBusy, acquire

    part = target.with_name(f".{target.name}.{os.getpid()}.part")
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        held = acquire(target, "export mark", wait=WAIT)  # <device id>.json.lock
    except (OSError, WriterBusy):
        return False
    try:  # read, add, replace under the lock: a second export's mark is merged, not lost
        marks = [*_load(target), mark][-KEEP:]
        part.write_text(json.dumps([_dump(m) for m in marks], ensure_ascii=False), "utf-8")
        os.replace(part, target)
    except OSError:
        with contextlib.suppress(OSError):
            part.unlink()
        return False
    finally:
        held.release()
    return True


def marks(db: Database) -> list[Mark]:
    """The database's own marks (its device id's, and its former ids' up to the copy
    point), oldest first."""
    from db.storage import clock

    with db.session() as s:
        own = clock.own_versions(s)
        ids = [own.device, *own.upto]
    found = []
    for device in dict.fromkeys(ids):
        target = _file(device)
        if target is not None:
            found += [m for m in _load(target) if own.made(m.device, m.clock)]
    return sorted(found, key=lambda m: m.at)
