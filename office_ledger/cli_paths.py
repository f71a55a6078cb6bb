"""Argument types for the command line's paths: never empty, outputs with their extension.

Kept apart from :mod:`office_ledger.cli` and light (``--help`` imports it).
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path


def path_arg(text: str) -> Path:
    """A path a person typed; an empty one (``--db ""``) would mean the current folder."""
    if not text.strip():
        raise argparse.ArgumentTypeError("empty path; give a file name")
    return Path(text)


def output_arg(suffix: str) -> Callable[[str], Path]:
    """A file to write, whose name must end in ``suffix`` (``.xlsx``): a workbook
    written as ``r6.csv`` would open in nothing that trusts the name."""

    def parse(text: str) -> Path:
        path = path_arg(text)
        if path.suffix.lower() != suffix:
            raise argparse.ArgumentTypeError(
                f"{text!r} does not end in {suffix}; give a file name ending in {suffix}"
            )
        return path

    parse.__name__ = f"{suffix[1:]} file"  # argparse names the type in some errors
    return parse
