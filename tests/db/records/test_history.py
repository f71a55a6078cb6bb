"""Every change kept: versions written by forms, imports, hand edits and restores, read
back by ``office-ledger history``; earlier versions brought back and deleted records
undeleted, on one laptop and across an export and import."""

from __future__ import annotations

import dataclasses
import shutil
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import text

from db.records import edit, history
from db.schema.errors import ValidationError
from db.schema.fiscal import fy_period
from db.schema.kinds import RecordKind
from db.storage import clock
from db.storage.database import Database, open_database
from exports.xlsx.exchange import import_file
from exports.xlsx.export import export_office
from office_ledger.cli.commands import main
from tests.support import xlsxedit
from tests.support.pg import raw_sql

FY = fy_period(2023)
CASE = RecordKind.SUPPORT_CASE


@pytest.fixture
def demo_db(ledger_demo: Database) -> Database:
    """The demo year on both backends (tests/support/pg.py)."""
    return ledger_demo


@pytest.fixture
def db(ledger_db: Database) -> Database:
    return ledger_db


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def _a_case(db: Database, office: str = "LON") -> str:
    with db.session() as s:
        found = s.execute(
            text("SELECT uuid FROM support_case WHERE office_code = :o AND deleted = 0"
                         " ORDER BY id LIMIT 1"), {"o": office}).scalar_one()  # fmt: skip
    return str(found)


def _author(db: Database) -> str:
    """Who a version names: the login on a laptop, the database role at HQ (db/hq/who.py)."""
    from db.hq import who

    with db.session() as s:
        return who.user(s)


def _versions(db: Database, uuid: str) -> list[history.Version]:
    with db.session() as s:
        return history.versions(s, uuid)


def _payload_invariant(db: Database) -> None:
    """Every version but a record's newest keeps its values; the newest keeps none."""
    with raw_sql(db) as conn:
        rows = conn.execute(
            "SELECT record_uuid, payload IS NULL, id = (SELECT max(id) FROM record_history h"
            " WHERE h.record_uuid = record_history.record_uuid) FROM record_history"
        ).fetchall()
    for uuid, empty, newest in rows:
        assert bool(empty) == bool(newest), uuid


def test_a_form_edit_is_a_version_with_who_where_and_the_changed_fields(
    demo_db: Database, capsys: pytest.CaptureFixture[str]
) -> None:
    uuid = _a_case(demo_db)
    old = edit.values_of(demo_db, uuid)
    edit.update(
        demo_db, CASE, uuid, dataclasses.replace(old, summary="Changed summary", staff="Aoki")
    )
    versions = _versions(demo_db, uuid)
    assert [v.how for v in versions] == ["demo", "form"]
    newest = versions[-1]
    assert newest.current and newest.values is None
    assert newest.author == _author(demo_db) and newest.device_name
    assert newest.changes == {
        "summary": [old.summary, "Changed summary"],
        "staff": [old.staff, "Aoki"],
    }
    assert history.record(CASE, versions[0].values or {}) == old  # the replaced version kept
    code, out, err = run(capsys, "--db", demo_db.url, "history", uuid[:8], "--lang", "en")
    assert (code, err) == (0, "")
    assert "edited in the form" in out and "Summary: " in out and "→ Changed summary" in out
    assert f"Staff: {old.staff or '(blank)'} → Aoki" in out
    code, out, _ = run(capsys, "--db", demo_db.url, "history", uuid, "--lang", "ja")
    assert "フォームで編集" in out and "担当: " in out and "現在の版" in out
    _payload_invariant(demo_db)


def test_a_refused_edit_writes_no_history(demo_db: Database) -> None:
    uuid = _a_case(demo_db)
    old = edit.values_of(demo_db, uuid)
    with pytest.raises(ValidationError):
        edit.update(demo_db, CASE, uuid, dataclasses.replace(old, requester=""))
    assert [v.how for v in _versions(demo_db, uuid)] == ["demo"]


def test_restore_an_earlier_version_from_the_command_line_as_a_new_version(
    demo_db: Database, capsys: pytest.CaptureFixture[str]
) -> None:
    uuid = _a_case(demo_db)
    first = edit.values_of(demo_db, uuid)
    edit.update(demo_db, CASE, uuid, dataclasses.replace(first, summary="second"))
    edit.update(demo_db, CASE, uuid, dataclasses.replace(first, summary="third", counted=False))
    original = _versions(demo_db, uuid)[0].version
    code, out, err = run(capsys, "--db", demo_db.url, "history", uuid, "--restore",
                         str(original), "--lang", "en")  # fmt: skip
    assert (code, err) == (0, ""), err
    assert f"restored version {original}" in out
    assert edit.values_of(demo_db, uuid) == first
    versions = _versions(demo_db, uuid)
    assert [v.how for v in versions] == ["demo", "form", "form", "restore"]
    assert versions[-1].origin == {"version": original, "device_id": versions[0].device_id}
    assert versions[-1].changes == {"summary": ["third", first.summary], "counted": [False, True]}
    _, out, _ = run(capsys, "--db", demo_db.url, "history", uuid, "--lang", "en")
    assert f"earlier version restored (from version {original})" in out
    # the current version cannot be restored; an unknown one is refused in one line
    code, _, err = run(capsys, "--db", demo_db.url, "history", uuid, "--restore",
                       str(versions[-1].version), "--lang", "en")  # fmt: skip
    assert code == 1 and "is the current version" in err and "Traceback" not in err
    code, _, err = run(capsys, "--db", demo_db.url, "history", uuid, "--restore", "99999")
    assert code == 1 and err.count("\n") == 1 and "99999" in err
    code, _, err = run(capsys, "--db", demo_db.url, "history", "ffffffff-no")
    assert code == 1 and "no record ffffffff-no" in err
    _payload_invariant(demo_db)


def test_delete_list_and_undelete_from_the_command_line(
    demo_db: Database, capsys: pytest.CaptureFixture[str]
) -> None:
    uuid = _a_case(demo_db, "PAR")
    _, out, _ = run(capsys, "--db", demo_db.url, "history", "--deleted", "--lang", "en")
    assert out.strip().startswith("No deleted records.")
    edit.set_deleted(demo_db, uuid, True)
    code, out, _ = run(capsys, "--db", demo_db.url, "history", "--deleted", "--lang", "en")
    assert code == 0 and uuid in out and "support case" in out and "PAR" in out
    code, out, err = run(capsys, "--db", demo_db.url, "undelete", uuid[:13], "--lang", "ja")
    assert (code, err) == (0, "") and "削除を取り消しました" in out
    assert not edit.is_deleted(demo_db, uuid)
    assert [v.how for v in _versions(demo_db, uuid)] == ["demo", "delete", "undelete"]
    code, _, err = run(capsys, "--db", demo_db.url, "undelete", uuid, "--lang", "en")
    assert code == 1 and "is not deleted" in err
    _, out, _ = run(capsys, "--db", demo_db.url, "history", "--deleted")
    assert uuid not in out


@pytest.mark.parametrize("command", ["history", "undelete"])
@pytest.mark.parametrize("typed", ["", "   "])
def test_a_blank_uuid_is_refused_in_one_line_with_exit_2(
    demo_db: Database, capsys: pytest.CaptureFixture[str], command: str, typed: str
) -> None:
    for lang, said in (("en", "give a record's UUID"), ("ja", "UUID（または先頭の数文字）")):
        code, out, err = run(capsys, "--db", demo_db.url, command, typed, "--lang", lang)
        assert (code, out) == (2, "") and said in err and err.count("\n") == 1
        assert "more than one" not in err


@pytest.fixture
def laptops(demo_path: Path, ledger_db: Database) -> Any:
    """Two laptops: London's (with the demo year) and headquarters' (empty; a SQLite file
    or headquarters' PostgreSQL database: tests/support/pg.py)."""
    lon = open_database(demo_path)
    yield lon, ledger_db
    lon.close()


def test_imported_versions_say_which_file_office_and_export_they_came_from(
    laptops: tuple[Database, Database], tmp_path: Path
) -> None:
    lon, hq = laptops
    uuid = _a_case(lon)
    first = export_office(lon, tmp_path / "LON-1.xlsx", "LON", FY).path
    import_file(hq, first)
    (arrived,) = _versions(hq, uuid)
    assert arrived.how == "import" and arrived.changes is None
    assert arrived.origin is not None and arrived.origin["file"] == "LON-1.xlsx"
    assert arrived.origin["office"] == "LON" and arrived.origin["exported_at"]
    with lon.session() as s:  # made on London's laptop, which the manifest names
        assert arrived.device_name == clock.device_name(s)
    with raw_sql(hq) as conn:  # where they came from: stored once per import
        assert conn.execute("SELECT count(*) FROM record_history_origin").fetchone() == (1,)
        assert conn.execute("SELECT count(DISTINCT origin_id), count(*) > 50"
                            " FROM record_history").fetchone() == (1, 1)  # fmt: skip
    old = edit.values_of(lon, uuid)
    edit.update(lon, CASE, uuid, dataclasses.replace(old, summary="edited in London"))
    import_file(hq, export_office(lon, tmp_path / "LON-2.xlsx", "LON", FY).path)
    versions = _versions(hq, uuid)
    assert [v.how for v in versions] == ["import", "import"]
    assert versions[-1].origin and versions[-1].origin["file"] == "LON-2.xlsx"
    assert versions[-1].changes == {"summary": [old.summary, "edited in London"]}
    assert versions[-1].author is None  # who typed it in London is not known here
    import_file(hq, first)  # an older file again: nothing changes, nothing recorded
    assert len(_versions(hq, uuid)) == 2
    _payload_invariant(hq)


@pytest.mark.slow
def test_an_accepted_hand_edit_and_a_restore_travel_and_are_recorded(
    laptops: tuple[Database, Database], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    lon, hq = laptops
    path = export_office(lon, tmp_path / "LON.xlsx", "LON", FY).path
    import_file(hq, path)
    edited = Path(shutil.copy(path, tmp_path / "LON-edited.xlsx"))

    def change(book: Any) -> None:
        sheet = book["海外活動支援"]
        sheet.cell(2, xlsxedit.column(sheet, "概要")).value = "本部で修正した概要"

    xlsxedit.edit(edited, change)
    import_file(hq, edited, accept_edited=True)
    with hq.session() as s:
        sql = "SELECT uuid FROM support_case WHERE summary = '本部で修正した概要'"
        uuid = s.execute(text(sql)).scalar_one()
    before = edit.values_of(lon, uuid)
    versions = _versions(hq, uuid)
    assert [v.how for v in versions] == ["import", "hand_edit"]
    hand = versions[-1]
    assert hand.changes == {"summary": [before.summary, "本部で修正した概要"]}
    assert hand.author == _author(hq) and hand.origin  # the role at HQ on a server
    assert hand.origin["file"] == "LON-edited.xlsx"
    _, out, _ = run(capsys, "--db", hq.url, "history", uuid, "--lang", "en")
    assert "hand edit from a workbook accepted: LON-edited.xlsx (LON, exported" in out
    assert "→ 本部で修正した概要" in out

    # headquarters brings the first version back; it travels to London as an edit
    assert run(capsys, "--db", hq.url, "history", uuid, "--restore",
               str(versions[0].version))[0] == 0  # fmt: skip
    assert edit.values_of(hq, uuid) == before
    restored = _versions(hq, uuid)[-1]
    assert restored.how == "restore" and restored.author == _author(hq)
    back = export_office(hq, tmp_path / "HQ-LON.xlsx", "LON", FY).path
    report = import_file(lon, back)
    assert report.counts["support_case"]["updated"] == 1
    arrived = _versions(lon, uuid)[-1]
    assert (arrived.version, arrived.device_id) == (restored.version, restored.device_id)
    assert arrived.how == "import" and arrived.origin and arrived.origin["file"] == "HQ-LON.xlsx"
    assert (
        arrived.changes == {}
    )  # London never saw the hand edit: its values come back as they were
    _payload_invariant(hq)
    _payload_invariant(lon)


def test_a_restored_version_reaches_another_laptop_as_an_import(
    laptops: tuple[Database, Database], tmp_path: Path
) -> None:
    lon, hq = laptops
    uuid = _a_case(lon)
    first = edit.values_of(lon, uuid)
    edit.update(lon, CASE, uuid, dataclasses.replace(first, summary="a mistake"))
    import_file(hq, export_office(lon, tmp_path / "a.xlsx", "LON", FY).path)
    original = _versions(lon, uuid)[0].version
    edit.restore_version(lon, uuid, original)
    import_file(hq, export_office(lon, tmp_path / "b.xlsx", "LON", FY).path)
    assert edit.values_of(hq, uuid) == first
    newest = _versions(hq, uuid)[-1]
    assert newest.how == "import" and newest.changes == {"summary": ["a mistake", first.summary]}


def test_every_record_type_has_a_history_and_restores(demo_db: Database) -> None:
    for kind in (RecordKind.EVENT_BOOTH, RecordKind.NEWSLETTER_ISSUE, RecordKind.JETAA_EVENT):
        with demo_db.session() as s:
            uuid = s.execute(text(f"SELECT uuid FROM {kind} LIMIT 1")).scalar_one()
        old = edit.values_of(demo_db, uuid, kind)
        field = {"event_booth": "notes", "newsletter_issue": "contents", "jetaa_event": "notes"}
        edit.update(demo_db, kind, uuid, dataclasses.replace(old, **{field[kind]: "changed"}))
        edit.set_deleted(demo_db, uuid, True, kind)
        versions = _versions(demo_db, uuid)
        assert [v.how for v in versions] == ["demo", "form", "delete"]
        assert versions[1].changes == {field[kind]: [getattr(old, field[kind]), "changed"]}
        edit.restore_version(demo_db, uuid, versions[0].version)
        assert edit.values_of(demo_db, uuid, kind) == old
        assert not edit.is_deleted(demo_db, uuid, kind)
    _payload_invariant(demo_db)


def test_a_refused_import_records_nothing_and_a_hand_edited_new_record_says_so(
    laptops: tuple[Database, Database], tmp_path: Path
) -> None:
    from exports.xlsx.exchange import EditedWorkbook

    lon, hq = laptops
    path = export_office(lon, tmp_path / "LON.xlsx", "LON", FY).path

    def change(book: Any) -> None:
        sheet = book["海外活動支援"]
        sheet.cell(2, xlsxedit.column(sheet, "概要")).value = "手で直した"

    xlsxedit.edit(path, change)
    with pytest.raises(EditedWorkbook):
        import_file(hq, path)
    with raw_sql(hq) as conn:
        assert conn.execute("SELECT count(*) FROM record_history").fetchone() == (0,)
    import_file(hq, path, accept_edited=True)  # every record new here; one edited by hand
    with raw_sql(hq) as conn:
        hows = dict(conn.execute("SELECT how, count(*) FROM record_history GROUP BY how"))
        (edited,) = conn.execute("SELECT uuid FROM support_case WHERE summary = '手で直した'")
    assert hows["hand_edit"] == 1 and hows["import"] > 10
    (version,) = _versions(hq, edited[0])
    assert version.how == "hand_edit" and version.author == _author(hq)


@pytest.mark.slow
def test_records_from_an_offices_own_sheet_name_the_sheet(
    db: Database, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from exports.legacy.importer import import_legacy
    from tests.support.sheets import messy_workbook

    import_legacy(db, messy_workbook(tmp_path / "NY-R5.xlsx"), "NYC", "support-cases",
                  accept_guess=True, skip_unreadable=True)  # fmt: skip
    with db.session() as s:
        uuids = s.execute(text("SELECT uuid FROM support_case")).scalars().all()
    assert len(uuids) >= 5
    for uuid in uuids:
        (version,) = _versions(db, uuid)
        assert version.how == "sheet_import" and version.origin
        assert version.origin["file"] == "NY-R5.xlsx" and version.origin["office"] == "NYC"
    _, out, _ = run(capsys, "--db", db.url, "history", uuids[0], "--lang", "ja")
    assert "事務所の表から取り込み：NY-R5.xlsx" in out


def test_a_version_that_breaks_todays_rules_is_refused_in_one_line(
    demo_db: Database, capsys: pytest.CaptureFixture[str]
) -> None:
    uuid = _a_case(demo_db)
    old = edit.values_of(demo_db, uuid)
    edit.update(demo_db, CASE, uuid, dataclasses.replace(old, staff="本部"))
    from db.storage.models import RecordHistory

    with demo_db.session() as s:  # an old version broken as a rule change would leave it
        for old_version in s.query(RecordHistory).filter_by(record_uuid=uuid):
            if old_version.payload is not None:
                old_version.payload = {**old_version.payload, "requester": ""}
    first = _versions(demo_db, uuid)[0].version
    code, out, err = run(capsys, "--db", demo_db.url, "history", uuid, "--restore",
                         str(first), "--lang", "ja")  # fmt: skip
    assert (code, out) == (1, "") and err == "office-ledger: 依頼団体を入力してください\n"
    assert [v.how for v in _versions(demo_db, uuid)] == ["demo", "form"]
    assert edit.values_of(demo_db, uuid).staff == "本部"


def test_restoring_a_version_equal_to_the_current_values_makes_no_version(
    demo_db: Database, capsys: pytest.CaptureFixture[str]
) -> None:
    """Issue #19: ``--restore V`` when the values already equal V made an empty version
    (twice: two empty versions)."""
    uuid = _a_case(demo_db)
    first = edit.values_of(demo_db, uuid)
    edit.update(demo_db, CASE, uuid, dataclasses.replace(first, summary="a mistake"))
    original = _versions(demo_db, uuid)[0].version
    edit.restore_version(demo_db, uuid, original)  # a real change: a new version
    made = len(_versions(demo_db, uuid))
    demo_db.close()
    for _ in range(2):
        code = main(["--db", demo_db.url, "history", uuid, "--restore", str(original),
                     "--lang", "en"])  # fmt: skip
        out, err = capsys.readouterr()
        assert code == 0 and err == ""
        assert "no new version made" in out and out.count("\n") == 1
    again = open_database(demo_db.path or demo_db.url)
    try:
        assert len(_versions(again, uuid)) == made
        with pytest.raises(ValidationError, match="no new version"):
            edit.restore_version(again, uuid, original, dry_run=True)  # the window's check
    finally:
        again.close()
