"""Issue #19: a database's backups are its own (by ledger id, never by file name); a
backup from a newer app is refused; read-only commands never write; an upgrade is all
or nothing."""

from __future__ import annotations

import hashlib
import shutil
import sqlite3
from pathlib import Path

import pytest

from db.storage import clock
from db.storage.backup import backups_of, identify, take
from db.storage.database import open_database
from db.storage.migrations import HEAD
from db.storage.schema_apps import MIN_APP, known_revisions
from office_ledger.cli.commands import main
from office_ledger.settings import backup_folder
from tests.support.factories import case

OLD = "0007"  # a schema of an earlier release


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _ledger(path: Path, requester: str = "東京都") -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    db = open_database(path)
    with db.session() as s:
        case(s, requester=requester)
    db.close()
    return path


def older(path: Path, revision: str = OLD) -> Path:
    """A ledger as an earlier release made it: its schema, a device id, one case."""
    from alembic import command
    from alembic.config import Config
    from sqlalchemy import create_engine

    from db.storage.database import MIGRATIONS_DIR

    engine = create_engine(f"sqlite:///{path}")
    with engine.begin() as conn:
        cfg = Config()
        cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, revision)
        conn.exec_driver_sql(
            "INSERT INTO app_meta (key, value) VALUES ('device_id', 'old-device'),"
            " ('device_name', 'old laptop'), ('lamport_clock', '7')"
        )
        conn.exec_driver_sql(
            "INSERT INTO support_case (uuid, version, device_id, version_vector, updated_at,"
            " deleted, office_code, requester, requester_category, start_date, summary, staff,"
            " status, counted) VALUES ('u-1', 7, 'old-device', '{\"old-device\": 7}',"
            " '2024-01-01T00:00:00.000000Z', 0, 'SEL', '東京都',"
            " 'prefecture_or_designated_city', '2023-06-01', '', '', 'done', 1)"
        )
    engine.dispose()
    return path


def _revision(path: Path) -> str:
    with sqlite3.connect(path) as conn:
        return str(conn.execute("SELECT version_num FROM alembic_version").fetchone()[0])


def run(*argv: str) -> int:
    return main(list(argv))


def test_two_databases_of_one_name_never_see_each_others_backups(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    a = _ledger(tmp_path / "nyc" / "ledger.sqlite3", "ニューヨーク州")
    b = _ledger(tmp_path / "lon" / "ledger.sqlite3", "ロンドン")
    assert run("--db", str(a), "backup") == 0
    (made,) = backups_of(backup_folder(), a)
    capsys.readouterr()
    assert run("--db", str(b), "backups", "--lang", "en") == 0
    assert "no backups" in capsys.readouterr().out
    assert backups_of(backup_folder(), b) == []
    # restore --latest has nothing of b's to offer; a's backup is refused by name
    assert run("--db", str(b), "restore", "--latest", "--yes", "--lang", "en") == 1
    before = _sha(b)
    assert run("--db", str(b), "restore", str(made.path), "--yes", "--lang", "en") == 1
    err = capsys.readouterr().err
    assert "this backup is of another database" in err and "--into PATH" in err
    assert _sha(b) == before
    # --into makes a new database of it: a's records, its own identity
    new = tmp_path / "restored.sqlite3"
    assert run("restore", str(made.path), "--into", str(new), "--lang", "en") == 0
    ids_a, ids_new = identify(a), identify(new)
    assert ids_a is not None and ids_new is not None and ids_new.ledger != ids_a.ledger
    with sqlite3.connect(new) as conn:
        assert conn.execute("SELECT requester FROM support_case").fetchall() == [
            ("ニューヨーク州",)
        ]
    assert backups_of(backup_folder(), new) == []  # a's backups stay a's


def test_a_copied_database_is_another_ledger_with_backups_of_its_own(tmp_path: Path) -> None:
    a = _ledger(tmp_path / "a" / "ledger.sqlite3")
    take(a, backup_folder() / "x", "manual")  # a file put in another folder: still a's
    copy = tmp_path / "b" / "ledger.sqlite3"
    copy.parent.mkdir()
    shutil.copyfile(a, copy)
    open_database(copy).close()  # its first open in its own place
    assert backups_of(backup_folder(), copy) == []
    assert run("--db", str(copy), "backup") == 0
    assert run("--db", str(a), "backup") == 0
    ours, theirs = backups_of(backup_folder(), copy), backups_of(backup_folder(), a)
    assert len(ours) == 1 and len(theirs) == 1 and ours[0].path != theirs[0].path
    # restoring its own backup keeps the ledger id (and its backups stay listed)
    db = open_database(copy)
    with db.session() as s:
        ledger = clock.ledger_id(s)
    db.close()
    assert run("--db", str(copy), "restore", str(ours[0].path), "--yes") == 0
    db = open_database(copy)
    with db.session() as s:
        assert clock.ledger_id(s) == ledger
    db.close()
    assert ours[0].path in [b.path for b in backups_of(backup_folder(), copy)]


def _damage(path: Path) -> None:
    with path.open("r+b") as fh:
        fh.seek(4096 * 2)
        fh.write(b"\xff" * 4096 * 3)


def test_a_damaged_database_is_offered_its_own_backups_only(tmp_path: Path) -> None:
    a = _ledger(tmp_path / "a" / "ledger.sqlite3")
    b = _ledger(tmp_path / "b" / "ledger.sqlite3")
    assert run("--db", str(a), "backup") == 0
    assert run("--db", str(b), "backup") == 0
    mine = backups_of(backup_folder(), a)
    _damage(a)
    _damage(b)
    assert [x.path for x in backups_of(backup_folder(), a)] == [x.path for x in mine]
    assert all(x.path not in {m.path for m in mine} for x in backups_of(backup_folder(), b))


def _newer(backup: Path) -> None:
    with sqlite3.connect(backup) as conn:
        conn.execute("UPDATE alembic_version SET version_num = '0099'")
    sqlite3.connect(backup).close()


def test_a_backup_from_a_newer_app_is_listed_with_its_version_and_never_restored(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    a = _ledger(tmp_path / "ledger.sqlite3")
    assert run("--db", str(a), "backup") == 0
    db = open_database(a)
    with db.session() as s:
        case(s, requester="後の記録")
    db.close()
    assert run("--db", str(a), "backup") == 0
    newest, older_one = backups_of(backup_folder(), a)
    _newer(newest.path)
    (listed,) = [b for b in backups_of(backup_folder(), a) if b.path == newest.path]
    assert listed.needs and listed.needs > "0.3.0"
    capsys.readouterr()
    assert run("--db", str(a), "backups", "--lang", "en") == 0
    out = capsys.readouterr().out
    assert f"needs Office Ledger ≥ {listed.needs}" in out
    before = _sha(a)
    assert run("--db", str(a), "restore", str(newest.path), "--yes", "--lang", "en") == 1
    assert "newer Office Ledger" in capsys.readouterr().err
    assert _sha(a) == before and _revision(a) == HEAD
    assert run("--db", str(a), "restore", "--latest", "--yes", "--lang", "en") == 0
    assert older_one.path.name in capsys.readouterr().out  # the newer one was skipped
    assert _revision(a) == HEAD


def test_an_older_backup_is_upgraded_after_the_restore_with_a_backup(tmp_path: Path) -> None:
    path = older(tmp_path / "ledger.sqlite3")
    assert run("--db", str(path), "upgrade") == 0
    assert _revision(path) == HEAD
    (before_upgrade,) = backups_of(backup_folder(), path)  # listed, in the backups folder
    assert before_upgrade.reason == "before-upgrade" and _revision(before_upgrade.path) == OLD
    assert not list(tmp_path.glob("*.before-*"))  # nothing beside the database
    assert run("--db", str(path), "restore", str(before_upgrade.path), "--yes") == 0
    assert _revision(path) == HEAD
    reasons = [b.reason for b in backups_of(backup_folder(), path)]
    assert reasons.count("before-upgrade") == 2 and "before-restore" in reasons


@pytest.mark.parametrize(
    "argv",
    [
        ("tally", "--fy", "2023"),
        ("report", "--fy", "2023", "-o", "{out}.pdf"),
        ("export", "--office", "SEL", "--fy", "2023", "-o", "{out}.xlsx"),
        ("consolidate", "--fy", "2023", "-o", "{out}-all.xlsx"),
        ("conflicts",),
        ("check",),
        ("backups",),
    ],
)
@pytest.mark.parametrize("made", ["older", "up to date"])
def test_read_only_commands_leave_the_database_unchanged(
    tmp_path: Path, argv: tuple[str, ...], made: str
) -> None:
    """Not one byte written: on a ledger from an older app, and on an up-to-date one
    (export and consolidate keep their "sent" mark beside it, exports.sent_marks)."""
    path = tmp_path / "ledger.sqlite3"
    if made == "older":
        older(path)
    else:
        _ledger(path)
    before = _sha(path)
    out = str(tmp_path / "out")
    assert run("--db", str(path), *(a.format(out=out) for a in argv)) == 0
    assert _sha(path) == before
    beside = {p.name: p.stat().st_size for p in tmp_path.iterdir() if p.name.startswith("ledger")}
    if made == "older":
        assert list(beside) == ["ledger.sqlite3"]
    else:  # SQLite's reader leaves its shared-memory index and an empty log, nothing else
        assert beside.pop("ledger.sqlite3-wal", 0) == 0
        assert set(beside) <= {"ledger.sqlite3", "ledger.sqlite3-shm"}
    assert _revision(path) == (OLD if made == "older" else HEAD)


def test_tally_reads_an_older_database_through_an_upgraded_copy(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = older(tmp_path / "ledger.sqlite3")
    assert run("--db", str(path), "tally", "--fy", "2023", "--json") == 0
    captured = capsys.readouterr()
    assert '"SEL"' in captured.out or "SEL" in captured.out
    assert "office-ledger upgrade" in captured.err


def test_a_failed_upgrade_leaves_the_old_file_and_names_the_backup(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import db.storage.database as database
    from db.schema.errors import DatabaseOpenError

    path = older(tmp_path / "ledger.sqlite3")
    before = _sha(path)
    real = database._upgrade

    def half(engine: object) -> None:
        real(engine)  # type: ignore[arg-type]
        raise sqlite3.OperationalError("disk I/O error")

    monkeypatch.setattr(database, "_upgrade", half)
    with pytest.raises(DatabaseOpenError, match="nothing was changed") as failed:
        open_database(path, backups=backup_folder())
    (kept,) = backups_of(backup_folder(), path)
    assert str(kept.path) in str(failed.value)
    assert _sha(path) == before and _revision(path) == OLD
    assert [p.name for p in tmp_path.glob("*ledger*")] == ["ledger.sqlite3"]  # no part left
    monkeypatch.setattr(database, "_upgrade", real)
    open_database(path).close()
    assert _revision(path) == HEAD


def test_every_schema_revision_names_the_app_version_it_needs() -> None:
    assert known_revisions() <= set(MIN_APP)
    assert HEAD in MIN_APP


def test_demo_replace_names_only_a_backup_that_holds_what_it_replaces(tmp_path: Path) -> None:
    from db.storage.backup import newest_backup

    a = _ledger(tmp_path / "a" / "ledger.sqlite3")
    b = _ledger(tmp_path / "b" / "ledger.sqlite3")
    assert run("--db", str(b), "backup") == 0
    assert run("--db", str(a), "backup") == 0  # the newest backup of that name is a's
    db = open_database(b, backups=backup_folder())
    try:
        (own,) = backups_of(backup_folder(), b)
        assert newest_backup(db) == own.path  # b's own, holding what b holds
        with db.session() as s:
            case(s, requester="after the backup")
        assert newest_backup(db) is None  # no backup holds b's records now
    finally:
        db.close()


def test_demo_replace_on_a_read_only_copy_refuses_and_names_no_backup(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import db.storage.opening

    a = _ledger(tmp_path / "a" / "ledger.sqlite3")
    assert run("--db", str(a), "backup") == 0
    copy = tmp_path / "usb" / "ledger.sqlite3"  # a copy on read-only media
    copy.parent.mkdir()
    shutil.copyfile(a, copy)
    before = _sha(copy)
    monkeypatch.setattr(db.storage.opening, "read_only_media", lambda path: "read-only disk")
    capsys.readouterr()
    assert run("--db", str(copy), "demo", "--replace") == 1
    out, err = capsys.readouterr()
    assert "backed up in" not in out and "read-only disk" in err and "nothing was changed" in err
    assert _sha(copy) == before


def test_every_backup_names_the_app_version_that_wrote_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from db.schema.appinfo import __version__
    from db.storage.backup import WRITTEN_BY

    a = _ledger(tmp_path / "ledger.sqlite3")
    assert run("--db", str(a), "backup") == 0
    out_file = tmp_path / "by-hand.sqlite3"
    assert run("--db", str(a), "backup", "-o", str(out_file)) == 0
    (made,) = backups_of(backup_folder(), a)
    assert made.app_version == __version__
    for backup in (made.path, out_file):
        ids = identify(backup)
        assert ids is not None and ids.app_version == __version__
    with sqlite3.connect(made.path) as conn:  # as a backup of an app before this one
        conn.execute("DELETE FROM app_meta WHERE key = ?", (WRITTEN_BY,))
    db = open_database(a)
    with db.session() as s:
        case(s, requester="後の記録")
    db.close()
    assert run("--db", str(a), "backup") == 0
    capsys.readouterr()
    assert run("--db", str(a), "backups", "--lang", "en") == 0
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 2
    assert f"made by Office Ledger {__version__}" in lines[0]
    assert "app version not recorded" in lines[1]
    assert run("--db", str(a), "backups", "--lang", "ja") == 0
    assert f"Office Ledger {__version__} で作成" in capsys.readouterr().out
    # a restored file is a database again: it names no backup's version
    assert run("--db", str(a), "restore", str(backups_of(backup_folder(), a)[0].path),
               "--yes") == 0  # fmt: skip
    restored = identify(a)
    assert restored is not None and restored.app_version == ""
