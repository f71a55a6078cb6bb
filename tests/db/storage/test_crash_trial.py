"""A small crash trial (bench/crash_trial.py, issue #11): one SIGKILL at a random moment
in each of record saves, imports, merges, backups, restores, exports and upgrades
(issue #19), and every
database, backup and export checked afterwards. The full trial (270 runs, over 200 kills) is the
bench script; its counts are in bench/README.md."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow


def test_a_small_crash_trial_finds_nothing_broken() -> None:
    path = Path(__file__).resolve().parents[3] / "bench" / "crash_trial.py"
    spec = importlib.util.spec_from_file_location("crash_trial", path)
    assert spec is not None and spec.loader is not None
    trial = importlib.util.module_from_spec(spec)
    sys.modules["crash_trial"] = trial  # its dataclasses look themselves up there
    spec.loader.exec_module(trial)
    said: list[str] = []
    results = trial.run(per_op=1, seed=7, say=said.append)
    assert set(results) == {"record saves", "imports", "merges", "backups", "restores",
                            "exports", "upgrades"}  # fmt: skip
    failures = [f for outcome in results.values() for f in outcome.failures]
    assert failures == [], "\n".join(said)
    assert sum(o.kills + o.finished_first for o in results.values()) == 7
