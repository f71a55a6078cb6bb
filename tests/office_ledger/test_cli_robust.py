"""The command line never answers with a traceback (issue #12): unwritable or full
output folders, a closed stdout, empty or mismatched paths, settings out of range."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from office_ledger.cli.commands import main

# the commands that write a file, each with the output's name
WRITERS = {
    "export": (["export", "--office", "NYC", "--fy", "2023", "-o"], "out.xlsx"),
    "report": (["report", "--fy", "2023", "--office", "NYC", "--lang", "en", "-o"], "out.pdf"),
    "consolidate": (["consolidate", "--fy", "2023", "-o"], "out.xlsx"),
    "send": (["send", "--office", "NYC", "--fy", "2023", "--to", "hq@example.org", "--no-pdf",
              "-o"], "out.eml"),
}  # fmt: skip


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def cli(*argv: str, umask: int = -1) -> subprocess.CompletedProcess[str]:
    """``office-ledger ARGV`` in a fresh interpreter."""
    code = "import sys; from office_ledger.cli.commands import main; sys.exit(main(sys.argv[1:]))"
    return subprocess.run(
        [sys.executable, "-c", code, *argv],
        capture_output=True,
        text=True,
        encoding="utf-8",
        umask=umask,
        check=False,
    )


def _mount(*options: str, target: Path) -> bool:
    if sys.platform != "linux" or os.geteuid() != 0:
        return False
    done = subprocess.run(["mount", "-t", "tmpfs", *options, "tmpfs", str(target)],
                          capture_output=True, check=False)  # fmt: skip
    return done.returncode == 0


@pytest.fixture
def read_only_folder(tmp_path: Path) -> Iterator[Path]:
    """A folder nobody may write to: a read-only tmpfs for root, else a chmod 555 folder."""
    folder = tmp_path / "read-only"
    folder.mkdir()
    if _mount("-o", "ro,size=1m", target=folder):
        yield folder
        subprocess.run(["umount", str(folder)], check=True)
    elif sys.platform != "win32" and os.geteuid() != 0:
        folder.chmod(0o555)
        yield folder
        folder.chmod(0o755)
    else:
        pytest.skip("no way to make a read-only folder here (root without mount)")


@pytest.mark.slow
@pytest.mark.parametrize("command", list(WRITERS))
def test_a_read_only_folder_gives_one_line_and_exit_1(
    demo_path: Path, read_only_folder: Path, capsys: pytest.CaptureFixture[str], command: str
) -> None:
    argv, name = WRITERS[command]
    target = read_only_folder / name
    code, out, err = run(capsys, "--db", str(demo_path), *argv, str(target))
    assert code == 1 and out == ""
    assert len(err.strip().splitlines()) == 1
    assert str(target) in err and "choose another folder" in err and "space" not in err
    assert list(read_only_folder.iterdir()) == []


@pytest.fixture
def full_folder(tmp_path: Path) -> Iterator[Path]:
    """A folder on a 16 KiB tmpfs: every output is bigger than that."""
    folder = tmp_path / "full"
    folder.mkdir()
    if not _mount("-o", "size=16k", target=folder):
        pytest.skip("cannot mount a small tmpfs here (see the RLIMIT_FSIZE test below)")
    yield folder
    subprocess.run(["umount", str(folder)], check=True)


@pytest.mark.slow
@pytest.mark.parametrize("command", list(WRITERS))
def test_a_full_disk_gives_one_line_exit_1_and_no_partial_file(
    demo_path: Path, full_folder: Path, command: str
) -> None:
    argv, name = WRITERS[command]
    done = cli("--db", str(demo_path), *argv, str(full_folder / name))
    assert done.returncode == 1, done.stderr
    assert "Traceback" not in done.stderr and "Exception ignored" not in done.stderr
    assert len(done.stderr.strip().splitlines()) == 1
    assert str(full_folder / name) in done.stderr and "free some space or choose" in done.stderr
    assert list(full_folder.iterdir()) == []


@pytest.mark.skipif(sys.platform == "win32", reason="RLIMIT_FSIZE is POSIX")
def test_a_write_past_the_file_size_limit_leaves_nothing(tmp_path: Path) -> None:
    """Where no tmpfs can be mounted: the same failure from the kernel's size limit."""
    code = (
        "import resource, signal, sys; from pathlib import Path;"
        " from exports.atomic import OutputError, write_bytes;"
        " signal.signal(signal.SIGXFSZ, signal.SIG_IGN);"
        " resource.setrlimit(resource.RLIMIT_FSIZE, (4096, 4096))\n"
        "try: write_bytes(Path(sys.argv[1]), bytes(100_000))\n"
        "except OutputError as exc: print(exc)"
    )
    target = tmp_path / "big.xlsx"
    done = subprocess.run([sys.executable, "-c", code, str(target)], capture_output=True,
                          text=True, check=True)  # fmt: skip
    assert done.stdout.startswith(f"cannot write {target}: File too large; free some space")
    assert list(tmp_path.iterdir()) == []


def test_an_output_under_a_file_is_refused_with_exit_2(
    demo_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    not_a_folder = tmp_path / "passwd"
    not_a_folder.write_text("root:x:0:0\n")
    code, _, err = run(capsys, "--db", str(demo_path), "export", "--office", "NYC",
                       "--fy", "2023", "-o", str(not_a_folder / "x.xlsx"))  # fmt: skip
    assert code == 2 and len(err.strip().splitlines()) == 1 and "does not exist" in err
    assert not_a_folder.read_text() == "root:x:0:0\n"


@pytest.mark.slow
@pytest.mark.skipif(os.name != "posix", reason="Windows files have no permission bits")
@pytest.mark.parametrize(("umask", "mode"), [(0o002, 0o664), (0o077, 0o600)], ids=["002", "077"])
def test_written_files_follow_the_umask(
    demo_path: Path, tmp_path: Path, umask: int, mode: int
) -> None:
    for command, (argv, name) in WRITERS.items():
        target = tmp_path / f"{command}-{name}"
        done = cli("--db", str(demo_path), *argv, str(target), umask=umask)
        assert done.returncode == 0, done.stderr
        assert target.stat().st_mode & 0o777 == mode, command


@pytest.mark.skipif(os.name != "posix", reason="Windows files have no permission bits")
def test_a_replaced_file_keeps_its_permissions(demo_path: Path, tmp_path: Path) -> None:
    target = tmp_path / "shared.xlsx"
    target.write_bytes(b"old")
    target.chmod(0o640)
    argv, _ = WRITERS["export"]
    assert cli("--db", str(demo_path), *argv, str(target), umask=0o077).returncode == 0
    assert target.stat().st_mode & 0o777 == 0o640 and target.read_bytes() != b"old"


@pytest.mark.slow
@pytest.mark.parametrize(
    "argv",
    [
        ["tally", "--fy", "2023"],
        ["tally", "--fy", "2023", "--json"],
        ["export", "--office", "NYC", "--fy", "2023", "-o", "{tmp}/nyc.xlsx"],
        ["settings"],
        ["outbox"],
        ["--help"],
        ["--version"],
    ],
)
def test_a_closed_stdout_ends_quietly(demo_path: Path, tmp_path: Path, argv: list[str]) -> None:
    """``office-ledger tally … | head -1``: the reader is gone before the first write."""
    read_end, write_end = os.pipe()
    os.close(read_end)
    try:
        code = (
            "import sys; from office_ledger.cli.commands import main; sys.exit(main(sys.argv[1:]))"
        )
        args = [a.replace("{tmp}", str(tmp_path)) for a in argv]
        done = subprocess.run(
            [sys.executable, "-c", code, "--db", str(demo_path), *args],
            stdout=write_end,
            stderr=subprocess.PIPE,
            text=True,
            check=False,
        )
    finally:
        os.close(write_end)
    assert done.stderr == ""
    expected = {141 if os.name == "posix" else 1}
    if argv == ["--help"]:
        expected.add(0)  # argparse itself ignores a failed write of the help
    assert done.returncode in expected


@pytest.mark.skipif(os.name != "posix", reason="a POSIX shell pipeline")
def test_tally_piped_into_head(demo_path: Path) -> None:
    exe = Path(sys.executable).parent / "office-ledger"
    shell = f"set -o pipefail; '{exe}' --db '{demo_path}' tally --fy 2023 --json | head -1"
    done = subprocess.run(["bash", "-c", shell], capture_output=True, text=True, check=False)
    assert done.stdout == "{\n" and done.stderr == ""
    assert done.returncode in (0, 141)  # 0 when everything fitted the pipe before head left


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="X11/Wayland displays")
def test_no_display_is_one_line_not_a_qt_abort(demo_path: Path, tmp_path: Path) -> None:
    """Without a display Qt aborts the process (exit 134) with advice to reinstall."""
    exe = Path(sys.executable).parent / "office-ledger"
    env = {k: v for k, v in os.environ.items()
           if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}  # fmt: skip
    env["OFFICE_LEDGER_HOME"] = str(tmp_path / "home")
    done = subprocess.run([str(exe), "--db", str(demo_path)], env=env, capture_output=True,
                          text=True, timeout=60, check=False)  # fmt: skip
    assert done.returncode == 1, done.stderr
    assert done.stderr.count("\n") == 1 and "no display" in done.stderr
    assert "Reinstalling" not in done.stderr


def test_export_refuses_a_year_and_days_together(
    demo_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "x.xlsx"
    code = main(["--db", str(demo_path), "export", "--office", "NYC", "--fy", "2023",
                 "--from", "2023-05-01", "--to", "2023-05-31", "-o", str(out)])  # fmt: skip
    assert code == 2 and "not both" in capsys.readouterr().err and not out.exists()


def _last_export(db_path: Path) -> tuple[str, str]:
    from db.storage.database import open_database
    from exports.sync_log import history

    db = open_database(db_path)
    try:
        entry = history(db, 1)[0]
        return entry.direction, entry.file_name
    finally:
        db.close()


@pytest.mark.slow
def test_send_leaves_no_temporary_folder_and_logs_the_draft(
    demo_path: Path, tmp_path: Path
) -> None:
    scratch = tmp_path / "scratch"  # the send's TMPDIR, to see what it leaves there
    scratch.mkdir()
    draft = tmp_path / "nyc.eml"
    code = "import sys; from office_ledger.cli.commands import main; sys.exit(main(sys.argv[1:]))"
    env = {**os.environ, "TMPDIR": str(scratch), "TEMP": str(scratch), "TMP": str(scratch)}
    argv = ["--db", str(demo_path), "send", "--office", "NYC", "--fy", "2023",
            "--to", "hq@example.org", "-o", str(draft)]  # fmt: skip
    done = subprocess.run([sys.executable, "-c", code, *argv], env=env, capture_output=True,
                          text=True, check=False)  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert list(scratch.iterdir()) == []
    assert _last_export(demo_path) == ("export", str(draft))


def test_send_by_smtp_logs_the_outbox_message(
    demo_path: Path,
    tmp_path: Path,
    server: tuple[object, object],
    capsys: pytest.CaptureFixture[str],
) -> None:
    from office_ledger import settings
    from office_ledger.sending import outbox_folder

    settings.save({"smtp_security": "none"})
    controller = server[0]
    port = controller.port  # type: ignore[attr-defined]
    code, out, _ = run(capsys, "--db", str(demo_path), "send", "--office", "NYC", "--fy",
                       "2023", "--to", "hq@example.org", "--no-pdf", "--via", "smtp",
                       "--smtp", f"127.0.0.1:{port}")  # fmt: skip
    assert code == 0 and ": sent" in out
    direction, file_name = _last_export(demo_path)
    assert direction == "export"
    assert Path(file_name).parent == outbox_folder() and Path(file_name).is_file()


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["office", "xxx"], "office must be one of NYC"),
        (["smtp_port", "0"], "smtp_port must be 1–65535"),
        (["smtp_port", "70000"], "smtp_port must be 1–65535"),
        (["smtp_port", "x"], "whole number"),
        (["pdf_font", "{tmp}/absent.ttf"], "no file"),
        (["smtp_cafile", "{tmp}/absent.pem"], "no file"),
        (["", "x"], "unknown setting ''"),
        ([""], "unknown setting ''"),
        (["colour", "red"], "unknown setting 'colour'"),
        (["send_via", "pigeon"], "send_via must be one of eml, smtp"),
    ],
)
def test_bad_settings_exit_2_and_change_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], argv: list[str], message: str
) -> None:
    from office_ledger import settings

    settings.save({"smtp_port": 2525})
    before = settings.settings_path().read_bytes()
    code, out, err = run(capsys, "settings", *(a.replace("{tmp}", str(tmp_path)) for a in argv))
    assert code == 2 and out == "" and message in err
    assert len(err.strip().splitlines()) == 1
    assert settings.settings_path().read_bytes() == before


def test_good_settings_are_kept(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from office_ledger import settings

    font = tmp_path / "ipaexg.ttf"
    font.write_bytes(b"\0\1\0\0")
    for argv in (["office", "sin"], ["smtp_port", "65535"], ["pdf_font", str(font)],
                 ["smtp_cafile", ""]):  # fmt: skip
        assert run(capsys, "settings", *argv)[0] == 0
    values = settings.load()
    assert (values["office"], values["smtp_port"], values["pdf_font"]) == ("SIN", 65535, str(font))


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["--db", "", "tally", "--fy", "2023"], "argument --db: empty path"),
        (["--db", " ", "demo"], "argument --db: empty path"),
        (["import", ""], "argument FILE: empty path"),
        (["export", "--office", "NYC", "-o", ""], "argument -o/--output: empty path"),
        (["report", "--fy", "2023", "-o", ""], "argument -o/--output: empty path"),
        (["send", "--office", "NYC", "-o", ""], "argument -o/--output: empty path"),
        (["export", "--office", "NYC", "-o", "r6.csv"], "'r6.csv' does not end in .xlsx"),
        (["consolidate", "--fy", "2023", "-o", "hq.pdf"], "'hq.pdf' does not end in .xlsx"),
        (["report", "--fy", "2023", "-o", "r6.xlsx"], "'r6.xlsx' does not end in .pdf or .docx"),
        (["send", "--office", "NYC", "-o", "draft.txt"], "'draft.txt' does not end in .eml"),
        (["export", "--office", "NYC", "-o", "xlsx"], "does not end in .xlsx"),
    ],
)
def test_empty_paths_and_wrong_extensions_exit_2(
    demo_path: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    argv: list[str],
    message: str,
) -> None:
    monkeypatch.chdir(tmp_path)
    db = [] if argv[0] == "--db" else ["--db", str(demo_path)]
    with pytest.raises(SystemExit) as exit_info:
        main([*db, *argv])
    _, err = capsys.readouterr()
    assert exit_info.value.code == 2
    assert len(err.strip().splitlines()) == 1 and message in err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["demo.sqlite3"]


def test_an_upper_case_extension_is_fine(
    demo_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "NYC.XLSX"
    code, _, _ = run(capsys, "--db", str(demo_path), "export", "--office", "NYC", "--fy", "2023",
                     "-o", str(target))  # fmt: skip
    assert code == 0 and target.is_file()


@pytest.mark.parametrize("order", [["--replace", "--if-empty"], ["--if-empty", "--replace"]])
def test_demo_refuses_replace_with_if_empty(
    demo_path: Path, capsys: pytest.CaptureFixture[str], order: list[str]
) -> None:
    before = demo_path.read_bytes()
    with pytest.raises(SystemExit) as exit_info:
        main(["--db", str(demo_path), "demo", *order])
    _, err = capsys.readouterr()
    assert exit_info.value.code == 2 and "not allowed with argument" in err
    assert len(err.strip().splitlines()) == 1
    assert demo_path.read_bytes() == before


def test_init_creates_an_empty_database_once(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "new.sqlite3"
    code, out, err = run(capsys, "--db", str(path), "init")
    assert code == 0 and err == "" and out.strip() == f"created an empty database at {path}"
    code, out, _ = run(capsys, "--db", str(path), "tally", "--fy", "2023", "--json")
    assert code == 0 and json.loads(out)["total"]["support_cases"]["total"] == 0
    before = path.read_bytes()
    code, out, err = run(capsys, "--db", str(path), "init")
    assert code == 0 and err == "" and out.strip() == f"{path} already exists; left as it is"
    assert path.read_bytes() == before


def test_init_refuses_a_file_that_is_not_a_ledger(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "notes.txt"
    path.write_text("not a database")
    code, _, err = run(capsys, "--db", str(path), "init")
    assert code == 2 and "not an Office Ledger database" in err
    assert path.read_text() == "not a database"


@pytest.fixture
def nyc_workbook(demo_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    target = tmp_path / "nyc.xlsx"
    assert run(capsys, "--db", str(demo_path), "export", "--office", "NYC", "--fy", "2023",
               "-o", str(target))[0] == 0  # fmt: skip
    return target


def test_import_creates_the_database_it_lacks(
    nyc_workbook: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "hq.sqlite3"
    code, out, err = run(capsys, "--db", str(path), "import", str(nyc_workbook))
    assert code == 0 and "(imported)" in out
    assert err.strip() == f"office-ledger: created the database {path}"
    code, out, _ = run(capsys, "--db", str(path), "tally", "--fy", "2023", "--json")
    assert json.loads(out)["offices"]["NYC"]["support_cases"]["total"] == 52


def test_a_dry_run_import_creates_no_database(
    nyc_workbook: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "hq.sqlite3"
    code, out, err = run(capsys, "--db", str(path), "import", str(nyc_workbook), "--dry-run")
    assert code == 0 and "dry run" in out and "62 new" in out.replace("  ", " ")
    assert "previewing as if empty" in err and len(err.strip().splitlines()) == 1
    assert not path.exists()


COMMANDS = ["init", "demo", "tally", "report", "export", "import", "send", "outbox",
            "settings", "consolidate", "history", "undelete", "conflicts"]  # fmt: skip
COMMANDS += ["backup", "backups", "restore", "check"]  # issue #11
COMMANDS += ["upgrade"]  # issue #19
COMMANDS += ["migrate", "copy", "server-password"]  # issue #23


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_help_opens_with_a_description(
    command: str, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main([command, "--help"])
    out = capsys.readouterr().out
    assert exit_info.value.code == 0
    paragraphs = out.split("\n\n")
    assert paragraphs[0].startswith(f"usage: office-ledger {command}")
    description = paragraphs[1]
    assert description[0].isupper() and description.rstrip().endswith(".")
    assert not description.startswith(("options:", "positional arguments:"))


def test_the_command_list_is_complete(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["--help"])
    listed = [line.split()[0] for line in capsys.readouterr().out.splitlines()
              if line.startswith("    ") and not line.startswith("     ")]  # fmt: skip
    assert sorted(listed) == sorted(COMMANDS)


@pytest.mark.parametrize(
    ("n", "noun", "text"),
    [(0, "support case", "0 support cases"), (1, "support case", "1 support case"),
     (62, "support case", "62 support cases"), (2, "JETAA session", "2 JETAA sessions"),
     (1, "row", "1 row"), (3, "entry", "3 entries"), (2, "box", "2 boxes"),
     (2, "day", "2 days")],
)  # fmt: skip
def test_plural(n: int, noun: str, text: str) -> None:
    from db.schema.plurals import plural

    assert plural(n, noun) == text


@pytest.mark.slow
def test_counts_printed_in_the_plural_or_the_singular(
    demo_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = str(demo_path)
    code, out, _ = run(capsys, "--db", db, "demo", "--replace")
    assert code == 0 and "522 support cases, 50 event booths, 7 newsletters," in out
    code, out, _ = run(capsys, "--db", db, "export", "--office", "NYC", "--fy", "2023",
                       "-o", str(tmp_path / "nyc.xlsx"))  # fmt: skip
    assert code == 0 and out.rstrip().endswith(
        ": 62 support cases, 5 event booths, 5 event legs, 1 newsletter, 2 newsletter issues,"
        " 6 JETAA events, 6 JETAA sessions, 4 seminars, 4 seminar sessions, 1 seminar host,"
        " 3 publications, 6 seconded staff"  # uncountable: not "staffs"
    )
    code, out, _ = run(capsys, "--db", db, "export", "--office", "BEJ", "--fy", "2023",
                       "-o", str(tmp_path / "bej.xlsx"))  # fmt: skip
    assert code == 0 and out.rstrip().endswith(
        "2 media work, 17 media municipalities, 4 cooking events, 5 cooking organisations,"
        " 5 seconded staff"
    )
    code, out, _ = run(capsys, "--db", db, "consolidate", "--fy", "2023",
                       "-o", str(tmp_path / "hq.xlsx"))  # fmt: skip
    assert code == 0 and out.rstrip().endswith(" rows of all offices")
    for text in (out,):
        assert "(s)" not in text and "support_case" not in text


def test_a_word_report_is_all_offices(demo_path: Path, tmp_path: Path,
                                      capsys: pytest.CaptureFixture[str]) -> None:  # fmt: skip
    """``report -o x.docx`` is the overseas section of all offices: with --office it is
    refused in one line (exit 2) and nothing is written."""
    out = tmp_path / "nyc.docx"
    code, _, err = run(capsys, "--db", str(demo_path), "report", "--fy", "2023", "--office",
                       "NYC", "-o", str(out))  # fmt: skip
    assert code == 2 and len(err.strip().splitlines()) == 1 and "--office" in err
    assert not out.exists()
