"""The app's first screen read through sqlite3 alone, and the quick ``tally`` command:
the same figures as through SQLAlchemy, and no SQLAlchemy import at all."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from db.read import rows as R
from db.read.first_look import first_look
from db.schema.fiscal import fy_period
from db.tally.tallies import tally_fy

if TYPE_CHECKING:
    from db.storage.database import Database

ROOT = Path(__file__).resolve().parents[3]


def test_first_look_shows_the_years_figures_and_first_rows(demo_db: Database) -> None:
    look = first_look(demo_db.file, 50)
    assert look is not None and look.fy == 2023
    with demo_db.session() as s:
        assert look.tallies == (tally_fy(s, 2023), tally_fy(s, 2022))
        every = R.case_list(s, fy_period(2023))
    assert [r.id for r in look.rows] == [r.id for r in every[:50]]
    assert look.rows[0] == every[0] or vars_of(look.rows[0]) == vars_of(every[0])


def vars_of(row: object) -> tuple[object, ...]:
    return tuple(getattr(row, f) for f in row.__slots__)  # type: ignore[attr-defined]


def test_first_look_leaves_an_older_or_odd_file_to_open_database(tmp_path: Path) -> None:
    odd = tmp_path / "odd.sqlite3"
    odd.write_bytes(b"")
    assert first_look(odd, 10) is None  # an empty file: open_database makes it a ledger
    old = tmp_path / "old.sqlite3"
    import sqlite3

    with sqlite3.connect(old) as conn:
        conn.execute("CREATE TABLE alembic_version (version_num TEXT)")
        conn.execute("INSERT INTO alembic_version VALUES ('0001')")
    assert first_look(old, 10) is None


def _run(code: str, home: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "OFFICE_LEDGER_HOME": str(home)}
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          env=env, timeout=120, cwd=ROOT)  # fmt: skip


def test_tally_json_never_imports_sqlalchemy(demo_path: Path, tmp_path: Path) -> None:
    done = _run(
        "import sys\nfrom office_ledger.cli.commands import main\n"
        f"code = main(['--db', {str(demo_path)!r}, 'tally', '--fy', '2023', '--json'])\n"
        "print('SQLALCHEMY', 'sqlalchemy' in sys.modules, code)", tmp_path)  # fmt: skip
    assert done.returncode == 0, done.stderr
    body, _, flag = done.stdout.rpartition("SQLALCHEMY")
    assert flag.split() == ["False", "0"]
    printed = json.loads(body)
    from db.storage.database import open_database

    db = open_database(demo_path)
    with db.session() as s:
        assert printed == json.loads(json.dumps(tally_fy(s, 2023).as_json()))
    db.close()


def test_tally_of_a_ledger_to_migrate_opens_and_migrates_it(demo_db: Database,
                                                            tmp_path: Path) -> None:  # fmt: skip
    from alembic import command
    from alembic.config import Config

    from db.storage.database import MIGRATIONS_DIR

    with demo_db.session() as s:
        expected = tally_fy(s, 2023).as_json()
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    with demo_db.engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.downgrade(cfg, _before_summary())
    demo_db.close()
    done = _run(
        "from office_ledger.cli.commands import main\n"
        f"main(['--db', {str(demo_db.path)!r}, 'tally', '--fy', '2023', '--json'])",
        tmp_path,
    )
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout) == json.loads(json.dumps(expected))


@pytest.mark.slow
def test_the_real_entry_point_prints_every_start_up_marker(demo_path: Path,
                                                           tmp_path: Path) -> None:  # fmt: skip
    """What bench/bench_startup.py reads: each marker once, in a sensible order, then
    the peak memory, and the app quits by itself."""
    home = tmp_path / "home"
    home.mkdir()
    (home / "settings.json").write_text('{"office": "NYC", "language": "en"}', "utf-8")
    env = {**os.environ, "OFFICE_LEDGER_HOME": str(home), "QT_QPA_PLATFORM": "offscreen",
           "OFFICE_LEDGER_MARKERS": "quit"}  # fmt: skip
    command = [sys.executable, "-m", "office_ledger.cli.commands", "--db", str(demo_path)]
    done = subprocess.run(command, capture_output=True, text=True, env=env, timeout=120, cwd=ROOT)
    assert done.returncode == 0, done.stderr
    seen = {line.split()[0]: float(line.split()[1]) for line in done.stdout.splitlines()}
    assert set(seen) == {"first-paint", "tallies", "rows", "charts", "listed", "rss_kib"}
    assert seen["first-paint"] <= seen["tallies"] and seen["rows"] <= seen["listed"]
    assert seen["rss_kib"] > 10_000


def test_tally_still_answers_when_a_family_needs_a_session(demo_path: Path,
                                                           tmp_path: Path) -> None:  # fmt: skip
    """A figure family written for SQLAlchemy only (``session.connection()``) makes the
    quick path fail: the command then opens the database and answers the same."""
    done = _run(
        "import db.tally.tallies as t\n"
        "plain = t._newsletters\n"
        "t._newsletters = lambda s, p, o: s.connection() and plain(s, p, o)\n"
        "from office_ledger.cli.commands import main\n"
        f"main(['--db', {str(demo_path)!r}, 'tally', '--fy', '2023', '--json'])",
        tmp_path,
    )
    assert done.returncode == 0, done.stderr
    from db.storage.database import open_database

    db = open_database(demo_path)
    with db.session() as s:
        assert json.loads(done.stdout) == json.loads(json.dumps(tally_fy(s, 2023).as_json()))
    db.close()


def _before_summary() -> str:
    """The revision before the tally summary's (0010), wherever merges chained it."""
    from alembic.script import ScriptDirectory

    from db.storage.database import MIGRATIONS_DIR

    before = ScriptDirectory(str(MIGRATIONS_DIR)).get_revision("0010").down_revision
    assert isinstance(before, str)
    return before


COMMAND_MODULES = ("office_ledger.cli.mail", "office_ledger.cli.history",
                   "office_ledger.cli.conflicts", "office_ledger.cli.backup")  # fmt: skip


@pytest.mark.gui
def test_the_window_starts_without_building_the_commands_parsers(
    demo_path: Path, tmp_path: Path
) -> None:
    """``office-ledger --db X`` paints its window without importing the commands'
    modules (their parsers are the window's start-up cost, issue #21); a command, or a
    bad --db, still gets the full parser."""
    (tmp_path / "settings.json").write_text('{"office": "NYC", "language": "ja"}', "utf-8")
    done = _run(
        "import os, sys\nimport desktop.shell.startup as st\n"
        "def probe(app):\n"
        f"    print('LOADED', [m for m in {COMMAND_MODULES!r} if m in sys.modules])\n"
        "    app.quit()\n"
        "st._paint_probe = probe\nos.environ['OFFICE_LEDGER_QUIT_AFTER_PAINT'] = '1'\n"
        "from office_ledger.cli.commands import main\n"
        f"print('EXIT', main(['--db', {str(demo_path)!r}]))", tmp_path)  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert "LOADED []" in done.stdout and "EXIT 0" in done.stdout, done.stdout
    from office_ledger.cli.commands import _parse

    args, parser = _parse(["--db", str(demo_path)])
    assert parser is None and args.command is None and args.db == demo_path  # the window
    for other in (["--db", "x", "tally", "--fy", "2023"], ["--db", "x", "check"]):
        args, parser = _parse(other)
        assert parser is not None and args.command == other[2], other
    for wrong in (["--db", ""], ["-h"], ["--db"], ["--db", "x", "tally"]):
        with pytest.raises(SystemExit):  # the full parser (or the command's) says why
            _parse(wrong)


def test_a_command_builds_only_its_own_parser_and_help_lists_them_all(
    demo_path: Path, tmp_path: Path
) -> None:
    """``tally --json`` (a script's call) builds the tally parser alone and imports no
    other command's module (#21); ``--help`` still lists every command."""
    done = _run(
        "import sys\nfrom office_ledger.cli.commands import main\n"
        f"code = main(['--db', {str(demo_path)!r}, 'tally', '--fy', '2023', '--json'])\n"
        f"print('LOADED', [m for m in {COMMAND_MODULES!r} if m in sys.modules], code)",
        tmp_path)  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert done.stdout.rstrip().endswith("LOADED [] 0"), done.stdout[-300:]
    from office_ledger.cli.commands import PARSERS, build_parser

    def listed(parser: object) -> list[str]:
        sub = next(a for a in parser._actions if a.dest == "command")  # type: ignore[attr-defined]
        return list(sub.choices)

    assert listed(build_parser("tally")) == ["tally"]
    assert listed(build_parser("undelete")) == ["history", "undelete"]  # one module's pair
    everything = listed(build_parser())
    assert sorted(everything) == sorted(name for names, _add in PARSERS for name in names)
    for name in everything:  # each command's own parser knows it (``migrate`` once did not)
        assert name in listed(build_parser(name)), name
    assert {"tally", "check", "conflicts", "consolidate", "send"} <= set(everything)
    helped = _run("from office_ledger.cli.commands import main\nmain(['--help'])", tmp_path)
    for name in everything:
        assert f"\n    {name}" in helped.stdout, name
