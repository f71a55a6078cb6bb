"""Office Ledger: the application package (version, paths, command line)."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("office-ledger")
except PackageNotFoundError:  # running from a source tree that was not installed
    __version__ = "0.0.0+source"
