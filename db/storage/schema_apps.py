"""Which Office Ledger a database schema needs: schema revision -> the first app version
that reads it. The one place that maps the two (a backup from a newer app is listed
with "needs Office Ledger ≥ X", and refused).

A revision this app does not know is from a newer app: the least it can need is the
version after the newest this app knows (its own, or the newest in the table).
"""

from __future__ import annotations

# revision -> the first app version that can open a database at that revision (a new
# migration adds its line: tests/db/storage/test_backup_identity.py checks every script has one).
# As CHANGELOG.md numbers the versions (the apps themselves said 0.1.0 up to 0.3.0).
MIN_APP: dict[str, str] = {
    "0001": "0.1.0",
    "0002": "0.1.0",
    "0003": "0.1.0",
    "0004": "0.1.0",
    "0005": "0.2.0",
    "0006": "0.3.0",
    "0007": "0.3.0",
    "0009": "0.3.0",
    "0010": "0.3.0",
    "0012": "0.4.0",
    "0013": "0.4.0",
    "0014": "0.4.0",
    "0015": "0.4.0",
    "0016": "0.4.0",
}


# The first app version with this table (issue #19): the app reading it is at least this.
SINCE = "0.4.0"


def _key(version: str) -> tuple[int, ...]:
    return tuple(int(p) if p.isdigit() else 0 for p in version.split("."))


def needed_app(revision: str | None) -> str:
    """The least app version that reads a database at ``revision`` (a newer schema than
    any listed: the version after the newest listed)."""
    if revision is None:
        return "0.1.0"
    if revision in MIN_APP:
        return MIN_APP[revision]
    from db.schema.appinfo import __version__

    newest = max((*MIN_APP.values(), __version__, SINCE), key=_key)
    major, minor, patch = (*_key(newest), 0, 0)[:3]
    return f"{major}.{minor}.{patch + 1}"  # newer than any this app knows: the least it can be


def known_revisions() -> set[str]:
    """The schema revisions this app's migration scripts make."""
    from pathlib import Path

    folder = Path(__file__).with_name("migrations") / "versions"
    return {p.stem.split("_", 1)[0] for p in folder.glob("[0-9]*.py")}


def is_newer(revision: str | None) -> bool:
    """Whether a database at ``revision`` was written by a newer app than this one."""
    from db.storage.migrations import HEAD

    if revision is None or revision == HEAD:
        return False
    return revision not in known_revisions()


def is_older(revision: str | None) -> bool:
    """Whether a database at ``revision`` needs upgrading before this app writes it."""
    from db.storage.migrations import HEAD

    return revision is not None and revision != HEAD and not is_newer(revision)
