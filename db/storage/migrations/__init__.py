"""Alembic migrations shipped inside the package and applied when a database opens.

``HEAD`` is the newest revision; :func:`db.storage.database.open_database` compares it with the
database's ``alembic_version`` without importing Alembic, so an up-to-date database
opens fast. It is read from the scripts in ``versions/`` (the one revision no other
script revises), so a new migration is one new file and nothing else; a test checks
that it is Alembic's own head.
"""

from __future__ import annotations

import re
from pathlib import Path

_REVISION = re.compile(r'^revision\s*(?::[^=\n]*)?=\s*["\']([^"\']+)["\']', re.MULTILINE)
_REVISES = re.compile(r'^down_revision\s*(?::[^=\n]*)?=\s*["\']([^"\']+)["\']', re.MULTILINE)


def _head(folder: Path) -> str:
    """The revision of the scripts in ``folder`` that none revises (from their text)."""
    revisions: set[str] = set()
    revised: set[str] = set()
    for script in folder.glob("*.py"):
        with open(script, encoding="utf-8") as f:
            text = f.read(4096)  # the identifiers stand after the docstring, at the top
        found = _REVISION.search(text)
        if found is None:
            continue
        revisions.add(found[1])
        down = _REVISES.search(text)
        if down is not None:
            revised.add(down[1])
    heads = revisions - revised
    if len(heads) != 1:
        raise RuntimeError(f"the migrations in {folder} have heads {sorted(heads)}, not one")
    return heads.pop()


HEAD = _head(Path(__file__).resolve().parent / "versions")
