"""Issue #19: a copied database is a new laptop from the moment of the copy; "mine" and
"theirs" mean what they say on both sides."""

from __future__ import annotations

import shutil
from pathlib import Path

from db.storage import clock
from db.storage.database import open_database
from db.sync import conflicts
from db.sync.conflicts import MINE
from tests.support.conflict_setup import Pair, edit
from tests.support.factories import case


def test_keep_mine_on_a_copy_keeps_each_sides_own_edit(tmp_path: Path) -> None:
    original = tmp_path / "office" / "ledger.sqlite3"
    original.parent.mkdir()
    db = open_database(original)
    with db.session() as s:
        clock.set_device_name(s, "NYC desk")
        uuid = str(case(s).uuid)
    edit(db, uuid, "still before the copy")
    db.close()
    laptop = tmp_path / "laptop" / "ledger.sqlite3"  # the second laptop: a copy of the file
    laptop.parent.mkdir()
    shutil.copyfile(original, laptop)
    a, b = open_database(original), open_database(laptop)
    with b.session() as s:
        clock.set_device_name(s, "NYC laptop")
    with a.session() as s, b.session() as t:
        assert clock.ledger_id(s) != clock.ledger_id(t)  # the copy is another database
        assert clock.device_id(s) != clock.device_id(t)
    pair = Pair(a, b, tmp_path, uuid)
    try:
        edit(a, uuid, "desk's edit")
        edit(b, uuid, "laptop's edit")
        pair.exchange()  # cross-import both ways
        for side, name, mine_text, other_name in (
            (a, "NYC desk", "desk's edit", "NYC laptop"),
            (b, "NYC laptop", "laptop's edit", "NYC desk"),
        ):
            (waiting,) = conflicts.waiting_in(side)
            assert (waiting.mine.here, waiting.theirs.here) == (True, False)
            assert waiting.mine.laptop == name and waiting.theirs.laptop == other_name
            assert waiting.mine.row.summary == mine_text
            conflicts.resolve_in(side, waiting.id, MINE)
        assert pair.summary(a) == "desk's edit"
        assert pair.summary(b) == "laptop's edit"
    finally:
        pair.close()


def test_versions_made_before_the_copy_stay_the_copys_own(tmp_path: Path) -> None:
    original = tmp_path / "ledger.sqlite3"
    db = open_database(original)
    with db.session() as s:
        uuid = str(case(s).uuid)
        before = clock.device_id(s)
        made = clock.clock_value(s)
    db.close()
    (tmp_path / "b").mkdir()
    shutil.copyfile(original, tmp_path / "b" / "ledger.sqlite3")
    copy = open_database(tmp_path / "b" / "ledger.sqlite3")
    try:
        with copy.session() as s:
            own = clock.own_versions(s)
            assert own.made(before, made)  # made before the copy: its own history
            assert not own.made(before, made + 1)  # the original's, after the copy
            assert own.made(clock.device_id(s), 1)
    finally:
        copy.close()
    assert uuid


def test_a_third_laptop_keeps_each_copys_name(tmp_path: Path) -> None:
    """Headquarters imports the original's file, then the copy's: the copy's former id
    (the original's own) keeps the original's name."""
    original = tmp_path / "desk" / "ledger.sqlite3"
    original.parent.mkdir()
    db = open_database(original)
    with db.session() as s:
        clock.set_device_name(s, "NYC desk")
        uuid = str(case(s).uuid)
        desk_id = clock.device_id(s)
    db.close()
    laptop = tmp_path / "laptop" / "ledger.sqlite3"
    laptop.parent.mkdir()
    shutil.copyfile(original, laptop)
    a, b = open_database(original), open_database(laptop)
    hq = open_database(tmp_path / "hq.sqlite3")
    with b.session() as s:
        clock.set_device_name(s, "NYC laptop")
    pair = Pair(a, b, tmp_path, uuid)
    try:
        from exports.xlsx.exchange import import_file

        import_file(hq, pair.export(a))
        import_file(hq, pair.export(b))
        with hq.session() as s:
            assert clock.known_devices(s)[desk_id]["name"] == "NYC desk"
    finally:
        pair.close()
        hq.close()
