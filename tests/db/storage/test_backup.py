"""Backups (issue #11): exact round trip, checked before kept, taken only when
something changed, thinned to exactly the promised set over two years, bounded in
size; the command line's backup, backups, restore and check."""

from __future__ import annotations

import dataclasses
import random
import shutil
import sqlite3
from collections.abc import Callable
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from db.storage.backup import (
    BackupError,
    folder_for,
    keep,
    list_backups,
    preview,
    restore,
    take,
    thin,
)
from db.storage.database import open_database
from tests.support.safety_help import cli, damaged_copies, dump, ledger, records, without_identity


def _as_backup(database: dict[str, Any], backup: dict[str, Any]) -> dict[str, Any]:
    """``backup``'s dump without the row naming the app version that wrote it (which
    must be this app's and absent from ``database``)."""
    from db.schema.appinfo import __version__
    from db.storage.backup import WRITTEN_BY

    meta = list(backup["app_meta"])
    assert (WRITTEN_BY, __version__) in meta and not any(
        r[0] == WRITTEN_BY for r in database["app_meta"])  # fmt: skip
    return {**backup, "app_meta": [r for r in meta if r[0] != WRITTEN_BY]}


def _edit(path: Path, requester: str = "changed") -> None:
    """A real edit through the app's own code: a new version of one support case."""
    from sqlalchemy import select

    from db.records import edit
    from db.storage.models import SupportCase

    db = open_database(path)
    try:
        with db.session() as s:
            uuid = s.execute(select(SupportCase.uuid).limit(1)).scalar_one()
        values = edit.values_of(db, uuid, "support_case")
        edit.update(db, "support_case", uuid, dataclasses.replace(values, requester=requester))
    finally:
        db.close()


def test_round_trip_is_exact_and_restore_keeps_what_it_replaced(
    demo_path: Path, tmp_path: Path
) -> None:
    folder = tmp_path / "backups"
    before = dump(demo_path)
    made = take(demo_path, folder, "manual")
    assert made is not None and made.parent == folder and made.name.endswith("-manual.sqlite3")
    assert _as_backup(before, dump(made)) == before  # exactly the database, and
    # the app version that wrote it (issue #19)
    _edit(demo_path)
    edited = dump(demo_path)
    assert edited != before
    saved = restore(demo_path, made, folder)
    assert ledger(demo_path) == without_identity(before)  # exactly as it was
    assert saved is not None and _as_backup(edited, dump(saved)) == edited  # kept
    meta = {str(r[0]): str(r[1]) for r in dump(demo_path)["app_meta"]}  # key, value
    old_device = {str(r[0]): str(r[1]) for r in before["app_meta"]}["device_id"]
    assert meta["device_id"] != old_device  # its next versions cannot repeat gone ones
    assert old_device in meta["former_device_ids"]
    assert not list(folder.glob(".*.part"))


def test_a_backup_is_taken_only_when_something_changed(demo_path: Path, tmp_path: Path) -> None:
    folder = tmp_path / "b"
    clock = iter(datetime(2026, 1, 1, 9) + timedelta(minutes=i) for i in range(10))
    assert take(demo_path, folder, "on-close", now=lambda: next(clock)) is not None
    assert take(demo_path, folder, "on-close", now=lambda: next(clock)) is None
    _edit(demo_path)
    assert take(demo_path, folder, "on-close", now=lambda: next(clock)) is not None
    assert len(list_backups(folder)) == 2


def test_a_damaged_database_is_not_kept_as_a_backup(demo_path: Path, tmp_path: Path) -> None:
    (damaged,) = damaged_copies(demo_path, tmp_path, 1)
    folder = tmp_path / "b"
    with pytest.raises(BackupError, match="failed its check|cannot"):
        take(damaged, folder, "manual")
    assert list_backups(folder) == [] and not list(folder.glob(".*"))


def _naive_keep(times: list[datetime], today: date) -> set[datetime]:
    """The promise, written out plainly: the last 10; the newest of each of the last 14
    days, of each of the last 13 weeks, of each of the last 24 months."""
    newest_first = sorted(times, reverse=True)
    kept = set(newest_first[:10])
    for days in range(14):
        day = today - timedelta(days=days)
        same = [t for t in newest_first if t.date() == day]
        kept |= set(same[:1])
    monday = today - timedelta(days=today.weekday())
    for weeks in range(13):
        start = monday - timedelta(weeks=weeks)
        same = [t for t in newest_first if start <= t.date() < start + timedelta(days=7)]
        kept |= set(same[:1])
    for months in range(24):
        y, m = divmod(today.year * 12 + today.month - 1 - months, 12)
        same = [t for t in newest_first if (t.year, t.month) == (y, m + 1)]
        kept |= set(same[:1])
    return kept


def test_thinning_keeps_exactly_the_promised_set_over_two_years(tmp_path: Path) -> None:
    """A fake clock runs two years and two months of a laptop's life (backups several
    times on some days, none for weeks on others); thinning after each backup keeps
    exactly what the promise names, counted from the last day."""
    rng = random.Random(11)
    folder = tmp_path / "b"
    folder.mkdir()
    template = tmp_path / "t.sqlite3"
    sqlite3.connect(template).close()
    now = datetime(2024, 1, 1, 8, 0)
    made: list[datetime] = []
    while now < datetime(2026, 3, 1):
        now += timedelta(hours=rng.choice([1, 3, 9, 20, 30, 70, 200, 500]),
                         minutes=rng.randrange(60))  # fmt: skip
        made.append(now)
        shutil.copyfile(template, folder / f"ledger-{now:%Y%m%d-%H%M%S}-daily.sqlite3")
        thin(folder, now)
    left = {b.taken for b in list_backups(folder)}
    assert left == _naive_keep(made, now.date())
    assert left == keep(made, now.date())
    assert 10 < len(left) < 10 + 14 + 13 + 24  # a real thinning, within the promise
    months = {(t.year, t.month) for t in left}
    assert len(months) == 24  # one for each of the last 24 months


def test_the_size_bound_drops_the_oldest_but_never_the_newest_three(tmp_path: Path) -> None:
    folder = tmp_path / "b"
    folder.mkdir()
    start = datetime(2026, 1, 1)
    for i in range(8):
        (folder / f"x-{start + timedelta(minutes=i):%Y%m%d-%H%M%S}-daily.sqlite3").write_bytes(
            bytes(1000)
        )
    gone = thin(folder, start + timedelta(minutes=10), max_total=3500)
    assert len(gone) == 5
    assert len(list_backups(folder)) == 3
    thin(folder, start + timedelta(minutes=10), max_total=10)
    assert len(list_backups(folder)) == 3


def test_preview_tells_date_counts_per_office_and_type_and_newest_change(
    demo_path: Path, tmp_path: Path
) -> None:
    made = take(demo_path, tmp_path / "b", "manual", now=lambda: datetime(2026, 5, 4, 3, 2, 1))
    assert made is not None
    shown = preview(made)
    assert shown.ok and shown.taken == datetime(2026, 5, 4, 3, 2, 1)
    assert shown.counts["NYC"]["support_case"] > 0
    assert shown.totals() == {k: v for k, v in records(demo_path).items() if v}
    assert shown.newest_change is not None


@pytest.mark.slow
def test_cli_backup_backups_restore_latest_and_check(demo_path: Path, tmp_path: Path) -> None:
    env = {"OFFICE_LEDGER_HOME": str(tmp_path / "home")}
    done = cli("--db", str(demo_path), "backup", env=env)
    assert done.returncode == 0, done.stderr
    folder = folder_for(tmp_path / "home" / "backups", demo_path)
    assert str(folder) in done.stdout
    out = tmp_path / "copy.sqlite3"
    done = cli("--db", str(demo_path), "backup", "-o", str(out), env=env)
    assert done.returncode == 0 and _as_backup(dump(demo_path), dump(out)) == dump(demo_path)
    listed = cli("--db", str(demo_path), "backups", env=env)
    assert listed.returncode == 0 and "made by hand" in listed.stdout
    listed = cli("--db", str(demo_path), "backups", "--lang", "ja", env=env)
    said = [line.split(str(folder))[0] for line in listed.stdout.splitlines()]  # not the path
    assert "手動" in said[0] and not any("manual" in line for line in said)
    before = dump(demo_path)
    _edit(demo_path)
    refused = cli("--db", str(demo_path), "restore", "--latest", env=env)  # no tty, no --yes
    assert refused.returncode == 1 and "--yes" in refused.stderr
    assert "support cases" in refused.stdout and "newest change" in refused.stdout
    done = cli("--db", str(demo_path), "restore", "--latest", "--yes", env=env)
    assert done.returncode == 0, done.stderr
    assert ledger(demo_path) == without_identity(before)
    assert "before-restore" in cli("--db", str(demo_path), "backups", env=env).stdout
    checked = cli("--db", str(demo_path), "check", env=env)
    assert checked.returncode == 0 and "sound" in checked.stdout


@pytest.mark.slow
def test_demo_replace_backs_up_the_records_it_discards(demo_path: Path, tmp_path: Path) -> None:
    env = {"OFFICE_LEDGER_HOME": str(tmp_path / "home")}
    _edit(demo_path, "only in this database")
    before = dump(demo_path)
    done = cli("--db", str(demo_path), "demo", "--replace", env=env)
    assert done.returncode == 0, done.stderr
    saved = list_backups(folder_for(tmp_path / "home" / "backups", demo_path))
    assert [b.reason for b in saved] == ["before-demo"]
    assert _as_backup(before, dump(saved[0].path)) == before
    assert str(saved[0].path) in done.stdout


@pytest.mark.slow
def test_restoring_an_old_backup_never_thins_it_away_first(demo_path: Path, tmp_path: Path) -> None:
    """A backup from long ago, outside every window of the thinning, is restored: the
    backup of what it replaces must not make room by deleting it."""
    folder = tmp_path / "b"
    old = take(demo_path, folder, "daily", now=lambda: datetime(2020, 1, 1, 12))
    assert old is not None
    before = dump(demo_path)
    for i in range(12):  # a dozen newer backups: the old one is no longer promised
        _edit(demo_path, f"edit {i}")
        when = datetime(2026, 1, 1, 12, i)
        take(demo_path, folder, "daily", now=_at(when), thinning=False)
    assert old.exists()
    restore(demo_path, old, folder)
    assert ledger(demo_path) == without_identity(before)


def _at(when: datetime) -> Callable[[], datetime]:
    """A clock that always says ``when``."""
    return lambda: when


@pytest.mark.slow
def test_a_sound_database_on_read_only_media_is_backed_up(demo_path: Path, tmp_path: Path) -> None:
    """``backup`` reads a read-only source as ``check`` does, not as a damaged file."""
    import os
    import subprocess
    import sys

    if sys.platform != "linux" or os.geteuid() != 0:
        pytest.skip("needs root to mount a read-only tmpfs")
    media = tmp_path / "media"
    media.mkdir()
    if subprocess.run(["mount", "-t", "tmpfs", "-o", "size=64m", "tmpfs", str(media)],
                      capture_output=True, check=False).returncode:  # fmt: skip
        pytest.skip("cannot mount a tmpfs here")
    try:
        source = media / "ledger.sqlite3"
        shutil.copy(demo_path, source)
        subprocess.run(["mount", "-o", "remount,ro", str(media)], check=True)
        env = {"OFFICE_LEDGER_HOME": str(tmp_path / "home")}
        assert cli("--db", str(source), "check", env=env).returncode == 0
        out = tmp_path / "x.sqlite3"
        done = cli("--db", str(source), "backup", "-o", str(out), env=env)
        assert done.returncode == 0, done.stderr
        assert _as_backup(dump(demo_path), dump(out)) == dump(demo_path)
        done = cli("--db", str(source), "backup", env=env)  # into the backup folder
        assert done.returncode == 0, done.stderr
        (made,) = list_backups(folder_for(tmp_path / "home" / "backups", source))
        assert _as_backup(dump(demo_path), dump(made.path)) == dump(demo_path)
    finally:
        subprocess.run(["umount", str(media)], check=True)


def test_a_seminar_edit_alone_makes_a_new_backup_whose_preview_shows_it(
    demo_path: Path, tmp_path: Path
) -> None:
    """Every record type counts: the fingerprint and the preview are derived from
    db/schema/kinds.py, not from the first four types."""
    from sqlalchemy import text

    from db.records import edit
    from office_ledger.cli.backup import describe_preview

    folder = tmp_path / "b"
    first = take(demo_path, folder, "manual", now=lambda: datetime(2026, 5, 4, 3, 2, 1))
    assert first is not None
    db = open_database(demo_path)
    try:
        with db.session() as s:
            uuid, office = s.execute(text("SELECT uuid, office_code FROM seminar"
                                          " WHERE NOT deleted LIMIT 1")).one()  # fmt: skip
            seminars = s.execute(
                text("SELECT count(*) FROM seminar WHERE NOT deleted AND office_code = :o"),
                {"o": office},
            ).scalar_one()
        values = edit.values_of(db, uuid, "seminar")
        edit.update(db, "seminar", uuid, dataclasses.replace(values, title="Edited seminar"))
        with db.session() as s:
            edited_at = s.execute(text("SELECT updated_at FROM seminar WHERE uuid = :u"),
                                  {"u": uuid}).scalar_one()  # fmt: skip
    finally:
        db.close()
    second = take(demo_path, folder, "manual", now=lambda: datetime(2026, 5, 4, 3, 3, 1))
    assert second is not None  # the seminar's edit is a change worth a backup
    shown = preview(second)
    assert shown.counts[office]["seminar"] == seminars
    assert shown.newest_change == datetime.fromisoformat(str(edited_at)[:19])
    assert shown.newest_change != preview(first).newest_change
    lines = "\n".join(describe_preview(shown, "en"))
    assert f"{seminars} seminar" in lines and "research request" in lines
    assert "セミナー" in "\n".join(describe_preview(shown, "ja"))


@pytest.mark.slow
def test_backup_backups_restore_and_check_speak_ja_and_en(demo_path: Path, tmp_path: Path) -> None:
    env = {"OFFICE_LEDGER_HOME": str(tmp_path / "home")}
    db = ("--db", str(demo_path))
    done = cli(*db, "backup", "--lang", "ja", env=env)
    assert done.returncode == 0 and "にバックアップしました" in done.stdout, done.stderr
    done = cli(*db, "backup", "--lang", "en", env=env)
    assert done.returncode == 0 and done.stdout.startswith("backed up "), done.stderr
    assert cli(*db, "backups", "--lang", "ja", env=env).returncode == 0
    refused = cli(*db, "restore", "--latest", "--lang", "ja", env=env)  # no tty, no --yes
    assert refused.returncode == 1 and "--yes を付けてください" in refused.stderr
    assert "最新の変更" in refused.stdout and "セミナー" in refused.stdout
    checked = cli(*db, "check", "--lang", "ja", env=env)
    assert checked.returncode == 0 and "問題ありません" in checked.stdout
    empty = tmp_path / "none.sqlite3"
    done = cli("--db", str(empty), "backups", "--lang", "ja", env=env)
    assert done.returncode == 0 and "のバックアップはありません" in done.stdout


def test_the_preview_counts_in_the_singular_and_the_plural(tmp_path: Path) -> None:
    from office_ledger.cli.backup import describe_preview

    shown = dataclasses.replace(
        preview(tmp_path / "none.sqlite3"),
        counts={"NYC": {"newsletter": 1, "seminar": 2, "media_work": 3}},
        problems=[],
    )
    (line,) = [x for x in describe_preview(shown, "en") if "NYC" in x]
    assert line.split("NYC")[1].strip() == "1 newsletter, 2 seminars, 3 media work"
    (line,) = [x for x in describe_preview(shown, "ja") if "NYC" in x]
    assert "ニューズレター 1件" in line and "セミナー 2件" in line
