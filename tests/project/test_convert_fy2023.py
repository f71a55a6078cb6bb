"""The demo year's JSON is exactly what ``scripts/convert_fy2023.py`` makes of the
report's CSVs (issue #24): a hand edit to ``resources/fy2023/*.json`` would be lost the
next time the script runs, so the report's words the CSVs lack are the script's.

The CSVs are a copy of ``../shared/data/fy2023`` kept in ``tests/reference/fy2023_csv``
(the repository's tests never read ``../shared``).
"""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parents[2]
CSVS = Path(__file__).resolve().parents[1] / "reference" / "fy2023_csv"
COMMITTED = ROOT / "resources" / "fy2023"


@pytest.fixture(scope="module")
def script() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "convert_fy2023", ROOT / "scripts" / "convert_fy2023.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_script_makes_the_committed_json(script: ModuleType) -> None:
    """Every committed file, byte for byte, and no file the script does not make."""
    made = script.converted(CSVS)
    assert sorted(made) == sorted(p.name for p in COMMITTED.glob("*.json"))
    for name, data in made.items():
        committed = (COMMITTED / name).read_text(encoding="utf-8")
        assert script.as_json(data) == committed, f"{name} differs from the script's output"


def test_a_hand_edit_is_caught(script: ModuleType, tmp_path: Path) -> None:
    """The comparison sees a changed word: the script run into a folder, one word
    changed there, and the file no longer equals the script's output."""
    script.main(CSVS, tmp_path)
    path = tmp_path / "event_booths.json"
    events = json.loads(path.read_text(encoding="utf-8"))
    events[0]["legs"][0]["activity"] += "。"
    path.write_text(script.as_json(events), encoding="utf-8")
    made = script.converted(CSVS)["event_booths.json"]
    assert script.as_json(made) != path.read_text(encoding="utf-8")
