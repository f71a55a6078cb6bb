"""A copy of the app's source as a git repository of its own, for the tests that make a
worked example's edits to it (a new field, a new kind) and count the files they touch
from the copy's own diff."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PACKAGES = ("db", "exports", "desktop", "office_ledger", "resources")


def edit(path: Path, anchor: str, new: str, *, before: bool = False) -> None:
    """Put ``new`` after (or before) ``anchor``, which the file holds exactly once."""
    text = path.read_text(encoding="utf-8")
    assert text.count(anchor) == 1, f"{path.name}: anchor {anchor!r} not found once"
    path.write_text(text.replace(anchor, new + anchor if before else anchor + new), "utf-8")


def git(tree: Path, *args: str) -> str:
    done = subprocess.run(["git", "-c", "user.name=t", "-c", "user.email=t@example.invalid",
                           "-c", "core.autocrlf=false", *args], cwd=tree, capture_output=True,
                          text=True, check=True)  # fmt: skip
    return done.stdout


def copy_source(tree: Path) -> None:
    """The packages as they are, committed in a repository at ``tree``."""
    for package in PACKAGES:
        shutil.copytree(ROOT / package, tree / package,
                        ignore=shutil.ignore_patterns("__pycache__"))  # fmt: skip
    git(tree, "init", "-q")
    git(tree, "add", "-A")
    git(tree, "commit", "-q", "-m", "the source as it is")


def changed_files(tree: Path) -> list[str]:
    """The files the edits since the copy touched (new ones too), from git's diff."""
    git(tree, "add", "-A")
    return git(tree, "diff", "--cached", "--name-only").split()


def newest_revision(tree: Path) -> tuple[str, str]:
    """The copy's migration head, and the number a new migration takes after it."""
    from db.storage.migrations import HEAD

    versions = tree / "db/storage/migrations/versions"
    return HEAD, f"{max(int(p.name[:4]) for p in versions.glob('[0-9]*.py')) + 1:04d}"


def run_in_copy(
    tree: Path, home: Path, script: str, *args: str
) -> subprocess.CompletedProcess[str]:
    """Run ``script`` in a fresh Python that imports the copy's packages."""
    env = {**os.environ, "PYTHONPATH": str(tree), "OFFICE_LEDGER_HOME": str(home),
           "QT_QPA_PLATFORM": "offscreen"}  # fmt: skip
    return subprocess.run([sys.executable, "-c", script, *args], cwd=tree, env=env,
                          capture_output=True, text=True, timeout=600)  # fmt: skip
