"""Office Ledger: the application package (version, paths, command line)."""

from db.appinfo import __version__

__all__ = ["__version__"]
