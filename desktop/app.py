"""The desktop app's entry points, kept where the command line and tests import them.

The window is :mod:`desktop.window`, the File menu's work :mod:`desktop.file_actions`,
the start-up :mod:`desktop.startup`.
"""

from __future__ import annotations

from desktop.startup import run
from desktop.window import MainWindow, Shell

__all__ = ["MainWindow", "Shell", "run"]
