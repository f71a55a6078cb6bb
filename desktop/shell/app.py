"""The desktop app's entry points, kept where the command line and tests import them.

The window is :mod:`desktop.shell.window`, the File menu's work :mod:`desktop.shell.file_actions`,
the start-up :mod:`desktop.shell.startup`.
"""

from __future__ import annotations

from desktop.shell.startup import run
from desktop.shell.window import MainWindow, Shell

__all__ = ["MainWindow", "Shell", "run"]
