"""Issue #19: an export never writes the ledger, yet the office's "changed since last
sent" still knows the last export (exports.sent_marks): a copy (a new laptop) keeps the
sends made before the copy and neither side sees the other's later ones; a ledger's
older export lines are still read."""

from __future__ import annotations

import dataclasses
import hashlib
import json
import shutil
from pathlib import Path

from db.records import edit
from db.storage.database import open_database
from exports import sent_marks
from exports.received import last_sent
from exports.sync_log import history, log
from office_ledger.cli.commands import main
from tests.support.factories import case

FY = ("--fy", "2023")


def _ledger(path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    db = open_database(path)
    with db.session() as s:
        case(s, requester="東京都", office="SEL")
    db.close()
    return path


def _export(path: Path, out: Path) -> None:
    assert main(["--db", str(path), "export", "--office", "SEL", *FY, "-o", str(out)]) == 0


def _sent(path: Path) -> tuple[str, int]:
    db = open_database(path)
    try:
        sent = last_sent(db, "SEL")
        return sent.file_name, sent.changed_since
    finally:
        db.close()


def _edit_one(path: Path) -> None:
    from sqlalchemy import select

    from db.storage.models import SupportCase

    db = open_database(path)
    try:
        with db.session() as s:
            uuid = s.execute(select(SupportCase.uuid).limit(1)).scalar_one()
        values = edit.values_of(db, uuid, "support_case")
        edit.update(db, "support_case", uuid, dataclasses.replace(values, summary="後で変更"))
    finally:
        db.close()


def test_an_export_is_remembered_beside_the_ledger_not_in_it(tmp_path: Path) -> None:
    path = _ledger(tmp_path / "ledger.sqlite3")
    before = hashlib.sha256(path.read_bytes()).hexdigest()
    _export(path, tmp_path / "SEL.xlsx")
    assert hashlib.sha256(path.read_bytes()).hexdigest() == before
    assert _sent(path) == (str(tmp_path / "SEL.xlsx"), 0)
    db = open_database(path)
    try:
        assert [(e.direction, e.office_code) for e in history(db)] == [("export", "SEL")]
    finally:
        db.close()
    _edit_one(path)
    assert _sent(path) == (str(tmp_path / "SEL.xlsx"), 1)  # changed since the send


def test_a_copy_keeps_the_sends_before_the_copy_and_sees_none_after(tmp_path: Path) -> None:
    original = _ledger(tmp_path / "a" / "ledger.sqlite3")
    _export(original, tmp_path / "before-copy.xlsx")
    copy = tmp_path / "b" / "ledger.sqlite3"
    copy.parent.mkdir()
    shutil.copyfile(original, copy)
    open_database(copy).close()  # opened in its new place: a new laptop from here on
    assert _sent(copy)[0] == str(tmp_path / "before-copy.xlsx")
    _export(original, tmp_path / "original-later.xlsx")
    _export(copy, tmp_path / "copy-later.xlsx")
    assert _sent(original)[0] == str(tmp_path / "original-later.xlsx")
    assert _sent(copy)[0] == str(tmp_path / "copy-later.xlsx")


def test_a_mark_file_cut_short_or_unwritable_never_fails_the_export(tmp_path: Path) -> None:
    path = _ledger(tmp_path / "ledger.sqlite3")
    _export(path, tmp_path / "first.xlsx")
    folder = sent_marks.folder()
    assert folder is not None
    (kept,) = folder.glob("*.json")
    assert len(json.loads(kept.read_text("utf-8"))) == 1
    kept.write_text(kept.read_text("utf-8")[:40], "utf-8")  # a mark file damaged by hand
    assert _sent(path)[0] == ""  # forgotten, not a failure
    _export(path, tmp_path / "second.xlsx")
    assert _sent(path)[0] == str(tmp_path / "second.xlsx")
    assert not list(folder.glob(".*.part"))  # written beside it, then renamed
    shutil.rmtree(folder)
    folder.write_text("not a folder", "utf-8")  # the data folder cannot hold marks
    _export(path, tmp_path / "third.xlsx")
    assert (tmp_path / "third.xlsx").exists()


def test_the_export_lines_of_an_older_version_are_still_read(tmp_path: Path) -> None:
    path = _ledger(tmp_path / "ledger.sqlite3")
    db = open_database(path)
    try:
        log(db, "export", tmp_path / "by-0.3.xlsx", "SEL", "e-1", {}, "ok")  # as 0.3 wrote
        assert last_sent(db, "SEL").file_name == str(tmp_path / "by-0.3.xlsx")
    finally:
        db.close()
    _export(path, tmp_path / "by-this.xlsx")
    assert _sent(path)[0] == str(tmp_path / "by-this.xlsx")  # the newer of the two


EXPORTER = """
import sys, time
from pathlib import Path
from db.storage.database import open_database
from exports import sent_marks
db_path, folder, go, name, n = sys.argv[1:6]
sent_marks.use(Path(folder))
db = open_database(db_path, reading=True)  # as an export opens it: read-only
Path(f"{go}.{name}").touch()
while not Path(go).exists():  # both processes ready: they write at the same instant
    time.sleep(0.005)
kept = [sent_marks.keep(db, Path(f"{name}-{i}.xlsx"), "SEL", f"{name}-{i}", {}, None)
        for i in range(int(n))]
db.close()
sys.exit(0 if all(kept) else 3)
"""


def test_two_exports_at_the_same_instant_each_keep_their_mark(tmp_path: Path) -> None:
    """Two processes exporting one database at once: each read the mark file, added its
    mark and replaced the file, so the later replace dropped the other's mark (the board
    then showed an older send). Each mark is kept (the read-add-replace holds a lock)."""
    import os
    import subprocess
    import sys
    import time

    path = _ledger(tmp_path / "ledger.sqlite3")
    folder, go, n = tmp_path / "home" / "sent", tmp_path / "go", 40
    runs = [
        subprocess.Popen(
            [sys.executable, "-c", EXPORTER, str(path), str(folder), str(go), name, str(n)],
            env={**os.environ},
        )  # fmt: skip
        for name in ("a", "b")
    ]
    deadline = time.monotonic() + 120
    while not all(Path(f"{go}.{name}").exists() for name in ("a", "b")):  # both ready
        assert time.monotonic() < deadline and all(r.poll() is None for r in runs)
        time.sleep(0.05)
    go.touch()
    assert [r.wait(timeout=120) for r in runs] == [0, 0]
    sent_marks.use(folder)
    db = open_database(path)
    try:
        ids = sorted(m.export_id for m in sent_marks.marks(db))
    finally:
        db.close()
    assert ids == sorted(f"{name}-{i}" for name in ("a", "b") for i in range(n))
