"""Excel exchange end to end: export, import, round trips, LibreOffice, hand edits."""

from __future__ import annotations

import re
import shutil
import subprocess
import zipfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from db.schema.fiscal import fy_period
from db.schema.offices import OFFICE_CODES
from db.storage.database import Database, open_database
from db.tally.tallies import tally_fy
from exports.xlsx.exchange import EditedWorkbook, import_file
from exports.xlsx.export import export_office
from tests.support import xlsxedit
from tests.support.snapshot import snapshot

FY = fy_period(2023)


@pytest.fixture(scope="module")
def office_files(demo_template: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    out = tmp_path_factory.mktemp("exports")
    source = out / "demo.sqlite3"
    shutil.copyfile(demo_template, source)  # an export is logged: the template stays as made
    db = open_database(source)
    files = {code: export_office(db, out / f"{code}.xlsx", code, FY).path for code in OFFICE_CODES}
    db.close()
    return files


_OPEN: list[Callable[[str], Database]] = []


@pytest.fixture(autouse=True)
def _on_each_backend(ledgers: Callable[[str], Database]) -> Iterator[None]:
    """Headquarters' ledger on SQLite, and on PostgreSQL when a server is given
    (tests/support/pg.py); the offices' laptops stay SQLite files, as in the field."""
    _OPEN.append(ledgers)
    yield
    _OPEN.pop()


@pytest.fixture
def db(ledger_db: Database) -> Database:
    return ledger_db


def fresh(tmp_path: Path, name: str = "hq") -> Database:
    return _OPEN[-1](name)


@pytest.mark.slow
def test_round_trip_of_every_office_then_again_changes_nothing(
    office_files: dict[str, Path], demo_db: Database, tmp_path: Path
) -> None:
    hq = fresh(tmp_path)
    for path in office_files.values():
        assert import_file(hq, path).applied
    with hq.session() as a, demo_db.session() as b:
        assert tally_fy(a, 2023) == tally_fy(b, 2023)
    ours, theirs = snapshot(hq), snapshot(demo_db)
    from db.schema.kinds import YEAR_KINDS

    assert all(ours[k] for k in YEAR_KINDS)  # seminars, CLAIR Reports... travelled too
    for kind in ours:
        # Issue rows carry their newsletter's office and title: compare what is stored.
        assert ours[kind] == theirs[kind], kind
    again = [import_file(hq, path) for path in office_files.values()]
    assert sum(r.total_changes for r in again) == 0
    assert all(c["conflict"] == 0 for r in again for c in r.counts.values())


def test_import_preview_counts_and_dry_run_writes_nothing(
    office_files: dict[str, Path], tmp_path: Path
) -> None:
    hq = fresh(tmp_path)
    report = import_file(hq, office_files["SIN"], dry_run=True)
    assert not report.applied
    assert report.counts["support_case"]["new"] == 134 + 27  # counted cases + enquiries
    assert report.counts["event_booth"]["new"] == 11
    assert snapshot(hq)["support_case"] == []


def test_workbook_has_real_types_frozen_headers_and_filters(office_files: dict[str, Path]) -> None:
    import openpyxl

    book = openpyxl.load_workbook(office_files["PAR"])
    assert book.sheetnames[0] == "集計" and book.sheetnames[-1] == "マニフェスト"
    assert all(len(name) <= 31 for name in book.sheetnames)
    cases = book["海外活動支援"]
    assert cases.freeze_panes == "A2" and cases.auto_filter.ref
    start = cases.cell(2, xlsxedit.column(cases, "開始日")).value
    counted = cases.cell(2, xlsxedit.column(cases, "件数に計上")).value
    version = cases.cell(2, xlsxedit.column(cases, "版")).value
    assert start.year == 2023 and isinstance(counted, bool) and isinstance(version, int)
    assert cases.cell(2, xlsxedit.column(cases, "区分コード")).value in (
        "prefecture_or_designated_city", "municipality", "other")  # fmt: skip
    assert cases.cell(2, xlsxedit.column(cases, "区分")).value in (
        "都道府県・政令市",
        "市町村",
        "その他",
    )
    events = book["イベント出展"]
    visitors = [events.cell(r, xlsxedit.column(events, "来場者数")).value for r in range(2, 9)]
    assert 33757 in visitors
    assert cases.column_dimensions["A"].width > 0


def test_english_headers_import_too(demo_db: Database, tmp_path: Path) -> None:
    path = export_office(demo_db, tmp_path / "en.xlsx", "SYD", FY, "en").path
    import openpyxl

    assert "Support cases" in openpyxl.load_workbook(path, read_only=True).sheetnames
    hq = fresh(tmp_path)
    assert import_file(hq, path).counts["event_booth"]["new"] == 12


HOSTILE = [
    '=HYPERLINK("http://x","y")', "+81 3 1234", "-1+1", "@SUM(A1)", "\tTab", "\rCR",
    "bell\x07 and nul\x00", "_x0041_ literal", "石川県金沢市（かなざわ）🎌", "e\u0301",
]  # fmt: skip


def test_hostile_text_is_text_and_round_trips_exactly(db: Database, tmp_path: Path) -> None:
    from tests.support.factories import case

    # a NUL character is refused by the rules on both backends (tests/test_nul_text.py)
    hostile = [t.replace("\x00", "") for t in HOSTILE]
    with db.session() as s:
        for text in hostile:
            record = case(s, requester=text)
            record.summary = text
    path = export_office(db, tmp_path / "hostile.xlsx", "NYC", FY).path
    with zipfile.ZipFile(path) as z:
        sheets = [z.read(n).decode() for n in z.namelist() if n.startswith("xl/worksheets/")]
    assert not any("<f>" in xml for xml in sheets)  # no formula anywhere
    hq = fresh(tmp_path)
    import_file(hq, path)
    got = sorted(r.requester for r in snapshot(hq)["support_case"])
    assert got == sorted(hostile)
    assert sorted(r.summary for r in snapshot(hq)["support_case"]) == sorted(hostile)


def test_a_too_long_text_is_a_clear_error_and_leaves_no_file(db: Database, tmp_path: Path) -> None:
    from exports.xlsx.export import ExportError
    from tests.support.factories import case

    with db.session() as s:
        case(s).summary = "長" * 40_000
    target = tmp_path / "long.xlsx"
    with pytest.raises(ExportError, match="32,767"):
        export_office(db, target, "NYC", FY)
    assert list(tmp_path.glob("*.xlsx")) == [] and list(tmp_path.glob(".export-*")) == []


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
def test_libreoffice_opens_the_export_and_its_cells_match(db: Database, tmp_path: Path) -> None:
    """LibreOffice reads the workbook and saves it again; every cell must survive."""
    from python_calamine import CalamineWorkbook

    from tests.support.factories import case, event

    with db.session() as s:
        for text in HOSTILE[:4] + HOSTILE[8:]:
            case(s, requester=text)
        event(s, "NYC")
    ours = export_office(db, tmp_path / "ours.xlsx", "NYC", FY).path
    out = tmp_path / "lo"
    subprocess.run(
        ["soffice", f"-env:UserInstallation=file://{tmp_path}/lo-profile", "--headless",
         "--convert-to", "xlsx", "--outdir", str(out), str(ours)],
        check=True, capture_output=True, timeout=180,
    )  # fmt: skip
    theirs = out / "ours.xlsx"
    a, b = CalamineWorkbook.from_path(str(ours)), CalamineWorkbook.from_path(str(theirs))
    assert a.sheet_names == b.sheet_names
    for name in a.sheet_names:
        mine = a.get_sheet_by_name(name).to_python()
        lo = b.get_sheet_by_name(name).to_python()
        assert [row for row in lo if any(v not in ("", None) for v in row)] == [
            row for row in mine if any(v not in ("", None) for v in row)
        ], name
    hq = fresh(tmp_path)  # and LibreOffice's copy still imports, unchanged
    report = import_file(hq, theirs)
    assert not report.edited and report.counts["support_case"]["new"] == 6


def test_hand_edited_cell_is_shown_and_needs_acceptance(
    office_files: dict[str, Path], tmp_path: Path
) -> None:
    hq = fresh(tmp_path)
    import_file(hq, office_files["LON"])
    path = shutil.copy(office_files["LON"], tmp_path / "edited.xlsx")

    def change(book: Any) -> None:
        sheet = book["海外活動支援"]
        sheet.cell(2, xlsxedit.column(sheet, "概要")).value = "本部で修正した概要"

    xlsxedit.edit(Path(path), change)
    preview = import_file(hq, path, dry_run=True)
    assert preview.edited and len(preview.changes) == 1
    change_seen = preview.changes[0]
    assert change_seen.field == "summary" and change_seen.new == "本部で修正した概要"
    assert change_seen.row == 2 and change_seen.sheet == "support_case"
    before = snapshot(hq)
    with pytest.raises(EditedWorkbook, match="--accept-edited"):
        import_file(hq, path)
    assert snapshot(hq) == before
    report = import_file(hq, path, accept_edited=True)
    assert report.applied and report.counts["support_case"]["updated"] == 1
    edited = [r for r in snapshot(hq)["support_case"] if r.summary == "本部で修正した概要"]
    with hq.session() as s:
        from db.storage import clock

        assert edited and edited[0].sync.device_id == clock.device_id(s)


def test_rows_removed_by_hand_are_reported_not_deleted(
    office_files: dict[str, Path], tmp_path: Path
) -> None:
    hq = fresh(tmp_path)
    path = Path(shutil.copy(office_files["BEJ"], tmp_path / "rows-removed.xlsx"))
    xlsxedit.edit(path, lambda book: book["海外活動支援"].delete_rows(2, 3))
    report = import_file(hq, path, dry_run=True)
    assert report.missing_rows == {"support_case": 3}
    with pytest.raises(EditedWorkbook, match="removed"):
        import_file(hq, path)
    assert snapshot(hq)["support_case"] == []
    report = import_file(hq, path, accept_edited=True)
    assert report.counts["support_case"]["deleted"] == 0
    assert report.counts["support_case"]["new"] == 34 + 7 - 3


def test_sync_history_logs_exports_imports_and_refusals(
    office_files: dict[str, Path], tmp_path: Path
) -> None:
    from exports.sync_log import history

    hq = fresh(tmp_path)
    import_file(hq, office_files["NYC"])
    bad = tmp_path / "bad.xlsx"
    bad.write_text("not a workbook", encoding="utf-8")
    with pytest.raises(Exception, match="not an Excel workbook"):
        import_file(hq, bad)
    export_office(hq, tmp_path / "out.xlsx", "NYC", FY)
    entries = history(hq)
    assert [(e.direction, e.result) for e in entries] == [
        ("export", "ok"), ("import", "refused"), ("import", "ok")]  # fmt: skip
    assert entries[2].office_code == "NYC" and entries[2].counts["support_case"]["new"] == 62
    assert re.search("not an Excel workbook", entries[1].message)


def test_consolidated_workbook_has_the_annual_report_tables(
    office_files: dict[str, Path], tmp_path: Path
) -> None:
    from python_calamine import CalamineWorkbook

    from exports.xlsx.consolidate import consolidate

    hq = fresh(tmp_path)
    for path in office_files.values():
        import_file(hq, path)
    out = consolidate(hq, tmp_path / "all.xlsx", FY).path
    book = CalamineWorkbook.from_path(str(out))
    support = book.get_sheet_by_name("集計-支援件数").to_python()
    assert support[-1][0] == "※支援件数には電話やメールでの問合せは含まれていない。"  # printed
    support = [row for row in support if row[0]]
    assert support[-2][:5] == ["計", 435, 322, 68, 45]
    assert ["ニューヨーク", 52, 35, 10, 7] in [row[:5] for row in support]
    events = book.get_sheet_by_name("集計-イベント出展").to_python()
    assert str(events[-1][0]).startswith("実施国（21か国）：")  # the note under the table
    events = [row for row in events if row[0]]
    assert events[-2][:4] == ["計", 50, 2, 21]
    jetaa = book.get_sheet_by_name("集計-JETAA事業").to_python()
    assert str(jetaa[-1][0]).startswith("実施国（13か国）：")
    jetaa = [row for row in jetaa if row[0]]
    assert jetaa[-2][:3] == ["計", 39, 13]
    letters = book.get_sheet_by_name("集計-ニューズレター").to_python()
    assert letters[-1][0] == "計" and letters[-1][3] == 35
    again = fresh(tmp_path, "again")  # the consolidated workbook imports like any export
    assert import_file(again, out).counts["support_case"]["new"] == 522


def test_concurrent_edits_exchanged_as_files_conflict_the_same_way(tmp_path: Path) -> None:
    """Found by the convergence test: a conflict whose losing version came from a file."""
    from sqlalchemy import select

    from db.records import write as records
    from db.storage import clock
    from db.storage.models import Conflict, SupportCase
    from tests.support.factories import case

    a, b = fresh(tmp_path, "a"), fresh(tmp_path, "b")
    with a.session() as s:
        case(s, requester="東京都")
    import_file(b, export_office(a, tmp_path / "a0.xlsx", "NYC", FY).path)
    for db, text in ((a, "edited on A"), (b, "edited on B")):
        with db.session() as s:
            row = s.execute(select(SupportCase)).scalar_one()
            row.summary = text
            records.save(s, row)
    from_a = export_office(a, tmp_path / "a1.xlsx", "NYC", FY).path
    from_b = export_office(b, tmp_path / "b1.xlsx", "NYC", FY).path
    assert import_file(a, from_b).counts["support_case"]["conflict"] == 1
    assert import_file(b, from_a).counts["support_case"]["conflict"] == 1
    assert snapshot(a) == snapshot(b)
    for db in (a, b):
        with db.session() as s:
            [kept] = s.execute(select(Conflict)).scalars().all()
            assert kept.loser_payload["summary"] in ("edited on A", "edited on B")
            assert kept.loser_device != kept.winner_device
            assert clock.clock_value(s) >= kept.winner_version


def test_an_office_summary_sheet_has_its_other_work(demo_db: Database, tmp_path: Path) -> None:
    from python_calamine import CalamineWorkbook

    path = export_office(demo_db, tmp_path / "BEJ.xlsx", "BEJ", FY).path
    rows = CalamineWorkbook.from_path(str(path)).get_sheet_by_name("集計").to_python()
    figures = {str(r[0]).strip(): r[1] for r in rows[1:]}
    assert figures["セミナー"] == 5 and figures["日本の施策PR"] == 1
    assert figures["メディアを活用したPR"] == 2 and figures["PR自治体数"] == 16
    assert figures["料理体験イベント"] == 4 and figures["実施団体数"] == 5
    assert figures["派遣自治体職員"] == 5 and figures["クレアレポート"] == 0
