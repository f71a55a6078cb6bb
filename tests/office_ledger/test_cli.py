"""The office-ledger command line: demo, tally, and its refusals."""

from __future__ import annotations

import hashlib
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from office_ledger.cli.commands import main

OFFICES = ["NYC", "LON", "PAR", "SIN", "SEL", "SYD", "BEJ", "HQ"]


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.mark.slow
def test_demo_then_tally_json_gives_the_reports_figures(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = str(tmp_path / "x.sqlite3")
    code, out, _ = run(capsys, "--db", db, "demo")
    assert code == 0 and "FY2023" in out
    code, out, err = run(capsys, "--db", db, "tally", "--fy", "2023", "--json")
    assert code == 0 and err == ""
    data = json.loads(out)
    assert data["fiscal_year"] == 2023
    assert list(data["offices"]) == OFFICES
    nyc = data["offices"]["NYC"]["support_cases"]
    assert (
        nyc["total"],
        nyc["prefecture_or_designated_city"],
        nyc["municipality"],
        nyc["other"],
    ) == (52, 35, 10, 7)
    totals = {c: data["offices"][c]["support_cases"]["total"] for c in OFFICES}
    assert totals == {
        "NYC": 52,
        "LON": 41,
        "PAR": 68,
        "SIN": 134,
        "SEL": 59,
        "SYD": 47,
        "BEJ": 34,
        "HQ": 0,
    }
    total = data["total"]
    assert {
        k: total["support_cases"][k]
        for k in ("total", "prefecture_or_designated_city", "municipality", "other")
    } == {"total": 435, "prefecture_or_designated_city": 322, "municipality": 68, "other": 45}
    assert set(total["support_cases"]) >= {"uncounted_enquiries"}
    assert (total["event_booths"]["events"], total["event_booths"]["hosted"]) == (50, 2)
    assert len(total["event_booths"]["countries"]) == 21
    assert total["event_booths"]["countries"] == sorted(total["event_booths"]["countries"])
    assert total["jetaa_events"]["events"] == 39 and len(total["jetaa_events"]["countries"]) == 13
    issues = {c: data["offices"][c]["newsletter_issues"] for c in OFFICES[:-1]}
    assert issues == {"NYC": 2, "LON": 4, "PAR": 4, "SIN": 8, "SEL": 1, "SYD": 15, "BEJ": 1}


def test_tally_table_in_japanese_and_english(
    demo_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run(capsys, "--db", str(demo_path), "tally", "--fy", "2023", "--lang", "ja")
    assert code == 0
    assert out.startswith("令和5年度")
    total_line = next(line for line in out.splitlines() if line.startswith("計"))
    assert total_line.split()[1:5] == ["435", "322", "68", "45"]
    assert "モナコ" in out
    code, out, _ = run(
        capsys, "--db", str(demo_path), "tally", "--fy", "2023", "--lang", "en", "--office", "sin"
    )
    assert out.startswith("FY2023")
    row = next(line for line in out.splitlines() if line.startswith("Singapore"))
    assert row.split()[1:5] == ["134", "88", "25", "21"]
    assert "Total" not in out


def test_tally_of_a_quarter(demo_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(
        capsys, "--db", str(demo_path), "tally", "--fy", "2023", "--quarter", "4", "--json"
    )
    data = json.loads(out)
    assert data["period"] == {"start": "2024-01-01", "end": "2024-03-31"}
    assert 0 < data["total"]["support_cases"]["total"] < 435


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["tally"], "--fy"),
        (["tally", "--fy", "twenty"], "not a year"),
        (["tally", "--fy", "1900"], "outside"),
        (["tally", "--fy", "2023", "--office", "TOKYO"], "unknown office"),
        (["tally", "--fy", "2023", "--month", "13"], "--month"),
        (["tally", "--fy", "2023", "--month", "1", "--quarter", "1"], "not allowed"),
        (["frobnicate"], "invalid choice"),
    ],
)
def test_bad_arguments_exit_2_with_one_line(
    demo_path: Path, capsys: pytest.CaptureFixture[str], argv: list[str], message: str
) -> None:
    before = _sha(demo_path)
    with pytest.raises(SystemExit) as exit_info:
        main(["--db", str(demo_path), *argv])
    _, err = capsys.readouterr()
    assert exit_info.value.code == 2
    assert len(err.strip().splitlines()) == 1 and message in err
    assert _sha(demo_path) == before


def test_missing_database_exits_2_and_creates_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run(capsys, "--db", str(tmp_path / "absent.sqlite3"), "tally", "--fy", "2023")
    assert code == 2 and out == ""
    assert err.strip() == f"office-ledger: error: no database at {tmp_path / 'absent.sqlite3'}"
    assert not (tmp_path / "absent.sqlite3").exists()


@pytest.mark.parametrize("command", [["tally", "--fy", "2023"], ["demo"], []])
def test_a_file_that_is_not_a_database_exits_2_untouched(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], command: list[str]
) -> None:
    path = tmp_path / "report.xlsx"
    path.write_bytes(b"PK\x03\x04 not a database")
    code, _, err = run(capsys, "--db", str(path), *command)
    assert code == 2 and "not an Office Ledger database" in err
    assert len(err.strip().splitlines()) == 1
    assert path.read_bytes() == b"PK\x03\x04 not a database"


def test_demo_refuses_to_mix_then_if_empty_and_replace(
    demo_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = run(capsys, "--db", str(demo_path), "demo")
    assert code == 1 and "--replace" in err
    code, out, _ = run(capsys, "--db", str(demo_path), "demo", "--if-empty")
    assert code == 0 and "not loaded" in out
    code, out, _ = run(capsys, "--db", str(demo_path), "demo", "--replace")
    assert code == 0 and "522 support cases" in out


def test_default_database_lives_in_the_data_folder(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run(capsys, "demo")
    assert code == 0
    assert (tmp_path / "home" / "ledger.sqlite3").exists()


def test_installed_entry_point_runs(demo_path: Path) -> None:
    exe = shutil.which("office-ledger", path=str(Path(sys.executable).parent))
    argv = [exe] if exe else [sys.executable, "-m", "office_ledger.cli.commands"]
    out = subprocess.run(
        [*argv, "--db", str(demo_path), "tally", "--fy", "2023", "--office", "NYC", "--json"],
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=True,
    )
    assert json.loads(out.stdout)["offices"]["NYC"]["support_cases"]["total"] == 52


# what --version and --help must not load: the database, Qt, the mail stack, the file formats
HEAVY = ("sqlalchemy", "alembic", "PySide6", "shiboken6", "smtplib", "email.mime", "keyring",
         "reportlab", "openpyxl", "xlsxwriter", "python_calamine")  # fmt: skip


@pytest.mark.parametrize("flag", ["--version", "--help"])
def test_version_and_help_load_no_database_qt_or_mail(flag: str) -> None:
    """They answer at once: every subcommand imports what it needs when it runs."""
    out = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "office_ledger.cli.commands", flag],
        capture_output=True,
        text=True,
        check=True,
    )
    assert "office-ledger" in out.stdout
    loaded = [line.rpartition("|")[2].strip() for line in out.stderr.splitlines()
              if line.startswith("import time:")]  # fmt: skip
    assert "office_ledger.cli.args" in loaded  # the measurement saw the command's imports
    # --help builds every command's parser (their modules load, light); --version none
    assert ("office_ledger.cli.mail" in loaded) == (flag == "--help")
    heavy = [m for m in loaded if any(m == h or m.startswith(h + ".") for h in HEAVY)]
    assert heavy == []
