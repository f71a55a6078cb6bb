"""The app's version, for every layer: no imports, so anything may read it cheaply.

It lives below ``exports/`` (workbook manifests) and ``office_ledger/`` (``--version``)
so neither reaches up for it; ``pyproject.toml`` takes the package version from here.

Semantic versioning (``CHANGELOG.md`` at the root lists each version's changes): the
minor number moves with every change of the database schema or the exchange format
(and with new capabilities), the patch number with fixes only; 1.0.0 will be the first
release offices rely on, after which a major number means a file older apps cannot read.
"""

__version__ = "0.4.0"

APP_NAME = "Office Ledger"


def written_by() -> str:
    """How a file names the app that wrote it: ``Office Ledger 0.4.0`` (PDF creator,
    mail header, backups); a workbook's manifest has ``app_version`` on its own."""
    return f"{APP_NAME} {__version__}"
