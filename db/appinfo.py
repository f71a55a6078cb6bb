"""The app's version, for every layer: no imports, so anything may read it cheaply.

It lives below ``exports/`` (workbook manifests) and ``office_ledger/`` (``--version``)
so neither reaches up for it; ``pyproject.toml`` takes the package version from here.
"""

__version__ = "0.1.0"
