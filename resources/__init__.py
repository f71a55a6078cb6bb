"""Data files shipped with Office Ledger (the FY2023 demo year); see README.md here."""

from __future__ import annotations

import json
from importlib import resources
from typing import Any


def read_json(name: str) -> Any:
    """Load ``resources/<name>`` (UTF-8 JSON) from the installed package."""
    return json.loads(resources.files(__name__).joinpath(name).read_text(encoding="utf-8"))
