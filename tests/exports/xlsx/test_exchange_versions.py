"""Workbooks between app versions: N-1 and N+1 into this version, and back out again.

A fixture writer makes the workbooks other versions would write: the current writer
with a column removed (version N-1, its manifest saying so), or with extra columns
(version N+1: ``budget:int`` on event booths, a text column on support cases), or at
format 1 (no column lists). Real files, real SQLite.
"""

from __future__ import annotations

import json
import shutil
import uuid
from collections.abc import Callable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select, text

from db.records import write as records
from db.schema.fiscal import Period, fy_period
from db.storage.database import Database, open_database
from db.storage.models import EventBooth
from db.sync.batch import ColumnBatch
from db.tally.tallies import tally_fy
from exports.xlsx.exchange import EditedWorkbook, import_file
from exports.xlsx.export import (
    SheetCells,
    export_office,
    manifest_rows,
    sheet_cells,
    write_atomically,
)
from exports.xlsx.guard import BadWorkbook
from exports.xlsx.read import read_export
from exports.xlsx.schema import (
    BY_KEY,
    FORMAT1_COLUMNS,
    FORMAT1_SHEETS,
    MANIFEST,
    SHEETS,
    Col,
    Sheet,
    content_hash,
    manifest_layout,
    parse_column_list,
    row_hash,
    with_columns,
)
from tests.support import xlsxedit
from tests.support.snapshot import snapshot

FY = fy_period(2023)
Added = Mapping[str, Sequence[tuple[Col, Callable[[int, dict[str, Any]], Any]]]]

BUDGET = Col("budget", "予算", "Budget", "int", 10)
CHANNEL = Col("channel", "受付経路", "Channel", "text", 12)


def budget(n: int, row: dict[str, Any]) -> Any:
    return None if n % 3 == 2 else 1000 * (n + 1)  # some blank


def channel(n: int, row: dict[str, Any]) -> Any:
    return ("mail", "phone", "visit", None)[n % 4]


NEWER: Added = {"event_booth": [(BUDGET, budget)], "support_case": [(CHANNEL, channel)]}


def write_variant(db: Database, path: Path, office: str, period: Period = FY, *,
                  drop: Mapping[str, Sequence[str]] | None = None, add: Added | None = None,
                  omit: Sequence[str] = (), phantom: Sequence[str] = (),
                  change: Mapping[str, Callable[[dict[str, Any]], None]] | None = None,
                  format_version: int = 2, app_version: str = "9.9.9",
                  manifest_changes: Mapping[str, Any] | None = None) -> Path:  # fmt: skip
    """The workbook another app version would write: this writer's cells with columns
    dropped or added (row hashes recomputed, the manifest listing the columns), sheets
    left out (``omit``) or unknown empty sheets listed (``phantom``), or format 1 (the
    manifest without sheet and column lists)."""
    cells = sheet_cells(db, period, office, "ja")
    out = SheetCells(cells)
    if format_version < 2:  # format 1 had only its frozen columns (none added since)
        frozen = {k: {key for key, _ in parse_column_list(v)} for k, v in FORMAT1_COLUMNS.items()}
        drop = {**{k: [c.key for c in cells.layout(s).columns
                       if c.hashed and c.key not in frozen[k]]
                   for s in SHEETS if (k := s.key) in frozen}, **(drop or {})}  # fmt: skip
    for sheet in SHEETS:
        gone = set((drop or {}).get(sheet.key, ()))
        extra = (add or {}).get(sheet.key, ())
        alter = (change or {}).get(sheet.key)
        if not gone and not extra and alter is None:
            continue
        layout = cells.layout(sheet)
        keys = [c.key for c in layout.columns]
        kept = tuple(c for c in layout.columns
                     if c.key not in gone and c.key.removesuffix("_label") not in gone)  # fmt: skip
        new = with_columns(Sheet(sheet.key, sheet.ja, sheet.en, kept), [c for c, _ in extra])
        hashed = [i for i, c in enumerate(new.columns) if c.hashed]
        rows = []
        for n, row in enumerate(cells.get(sheet.key, [])):
            values = dict(zip(keys, row, strict=True))
            values.update({c.key: make(n, values) for c, make in extra})
            if alter is not None:
                alter(values)
            cells_row = [values.get(c.key) for c in new.columns]
            cells_row[-1] = row_hash([cells_row[i] for i in hashed])
            rows.append(cells_row)
        out[sheet.key] = rows
        out.layouts[sheet.key] = new
    # a format-1 app had only format 1's sheets (the later record types came after it)
    written = [s for s in SHEETS if s.key not in omit
               and (format_version >= 2 or s.key in FORMAT1_SHEETS)]  # fmt: skip
    order = [s.key for s in written]
    hashes = [(k, [r[-1] for r in out.get(k, ())]) for k in order] + [(k, []) for k in phantom]
    described: dict[str, Any] = {**{f"rows.{k}": len(out.get(k, ())) for k in order},
                                 "content_hash": content_hash(hashes)}  # fmt: skip
    if format_version >= 2:
        described.update(manifest_layout([out.layout(s) for s in written]))
        described["sheets"] = ";".join([*order, *phantom])
        for key in phantom:
            described[f"rows.{key}"] = 0
            described[f"columns.{key}"] = "parent_uuid:uuid;position:int"
    manifest: dict[str, Any] = {
        "format": "office-ledger-export", "format_version": format_version,
        "app_version": app_version, "office": office, "device_id": "dev", "device_name": "x",
        # each workbook its own export, as the app writes them (one id is imported once)
        "export_id": str(uuid.uuid4()), "period_start": period.start,
        "period_end": period.end, "created_at": "2026-11-28T00:00:00Z", "language": "ja",
        **described, **(manifest_changes or {}),
    }  # fmt: skip

    def fill(w: Any) -> None:
        for sheet in written:
            w.table(out.layout(sheet), out.get(sheet.key, []), "ja")
        w.pairs(MANIFEST[0], ["key", "value"], manifest_rows(manifest), [24, 70])

    write_atomically(path, fill)
    return path


@pytest.fixture
def office(demo_template: Path, tmp_path: Path) -> Iterator[Database]:
    """An office's laptop (the demo year), on whatever version the test says."""
    path = tmp_path / "office.sqlite3"
    shutil.copyfile(demo_template, path)
    db = open_database(path)
    yield db
    db.close()


def tallies(*dbs: Database) -> list[Any]:
    """Each database's FY2023 tally for NYC."""
    out = []
    for db in dbs:
        with db.session() as s:
            out.append(tally_fy(s, 2023, "NYC"))
    return out


def fresh(tmp_path: Path, name: str) -> Database:
    return open_database(tmp_path / f"{name}.sqlite3")


def _extras(db: Database, table: str) -> dict[str, dict[str, Any]]:
    with db.session() as s:
        found = s.execute(text(f"SELECT uuid, extras FROM {table} WHERE extras IS NOT NULL"))
        return {u: json.loads(e) for u, e in found}


# --- format 1 ------------------------------------------------------------------------


def test_a_format_1_workbook_still_imports_unchanged(office: Database, tmp_path: Path) -> None:
    old = write_variant(office, tmp_path / "f1.xlsx", "NYC", format_version=1)
    manifest = read_export(old).manifest
    assert manifest["format_version"] == "1" and "columns.event_booth" not in manifest
    hq = fresh(tmp_path, "hq")
    report = import_file(hq, old)
    assert not report.edited and report.counts["event_booth"]["new"] > 0
    again = fresh(tmp_path, "again")
    import_file(again, export_office(office, tmp_path / "f2.xlsx", "NYC", FY).path)
    in_format_1 = {k: v for k, v in snapshot(again).items() if k in FORMAT1_SHEETS}
    assert snapshot(hq) == {k: v if k in FORMAT1_SHEETS else [] for k, v in snapshot(again).items()}
    assert any(in_format_1.values())  # the later record types were simply not in it
    assert import_file(hq, old).total_changes == 0


def test_format_1_is_hashed_by_the_frozen_copy(
    office: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A later version adds a column to event booths: a format-1 file still hashes by the
    literal format-1 table (the new column absent), not by the current layout."""
    old = write_variant(office, tmp_path / "f1.xlsx", "NYC", format_version=1)
    assert set(FORMAT1_COLUMNS) == set(FORMAT1_SHEETS) < {s.key for s in SHEETS}
    monkeypatch.setitem(BY_KEY, "event_booth", with_columns(BY_KEY["event_booth"], [BUDGET]))
    bundle = read_export(old)
    assert not bundle.edited
    # budget, and the columns added to format 1's sheets since (a hosted event's outline,
    # a leg's 実施内容: schema 0016)
    assert bundle.absent == {"event_booth": {"budget", "outline"}, "event_leg": {"activity"}}


def test_the_current_manifest_lists_columns_kinds_and_headers(
    office: Database, tmp_path: Path
) -> None:
    path = export_office(office, tmp_path / "now.xlsx", "NYC", FY).path
    manifest = read_export(path).manifest
    assert manifest["format_version"] == "2"
    assert manifest["columns.event_booth"].startswith("uuid:uuid;office_code:text;name:text;")
    assert manifest["sheets"].split(";") == [s.key for s in SHEETS]
    assert json.loads(manifest["headers.event_booth"])["name"] == ["イベント名", "Event"]


# --- version N-1 into this version -----------------------------------------------------


def test_an_older_workbook_leaves_the_fields_it_does_not_have(
    office: Database, tmp_path: Path
) -> None:
    hq = fresh(tmp_path, "hq")
    import_file(hq, export_office(office, tmp_path / "n0.xlsx", "NYC", FY).path)
    with office.session() as s:  # the office, still on N-1, edits an event
        event = (
            s.execute(
                select(EventBooth).where(EventBooth.office_code == "NYC", EventBooth.name_en != "")
            )
            .scalars()
            .first()
        )
        assert event is not None
        uuid, name_en = event.uuid, event.name_en
        venues = [leg.venue for leg in event.legs]
        event.notes = "edited on N-1"
        records.save(s, event)
    older = write_variant(office, tmp_path / "n-1.xlsx", "NYC",
                          drop={"event_booth": ["name_en"], "event_leg": ["venue"]})  # fmt: skip
    bundle = read_export(older)
    assert "columns.event_booth" in bundle.manifest
    assert "name_en" not in bundle.manifest["columns.event_booth"]
    assert bundle.absent == {"event_booth": {"name_en"}, "event_leg": {"venue"}}
    report = import_file(hq, older)
    assert not report.edited
    assert report.counts["event_booth"]["updated"] == 1
    with hq.session() as s:
        here = s.execute(select(EventBooth).where(EventBooth.uuid == uuid)).scalar_one()
        assert here.notes == "edited on N-1"  # the new version is taken...
        assert here.name_en == name_en  # ...but not a default for what it did not have
        assert [leg.venue for leg in here.legs] == venues
    first, second = tallies(hq, office)
    assert first == second


def test_a_new_record_from_an_older_workbook_gets_the_defaults(
    office: Database, tmp_path: Path
) -> None:
    older = write_variant(office, tmp_path / "n-1.xlsx", "NYC", drop={"event_booth": ["name_en"]})
    hq = fresh(tmp_path, "hq")
    report = import_file(hq, older)
    assert not report.edited and report.counts["event_booth"]["new"] > 0
    with hq.session() as s:
        assert set(s.execute(select(EventBooth.name_en)).scalars()) == {""}


def test_an_older_workbook_lacking_a_sheet_keeps_its_child_rows(
    office: Database, tmp_path: Path
) -> None:
    from db.storage.models import EventMunicipality

    with office.session() as s:
        event = (
            s.execute(select(EventBooth).where(EventBooth.office_code == "NYC")).scalars().first()
        )
        assert event is not None
        uuid = event.uuid
        event.municipalities = [EventMunicipality(position=1, name="横浜市")]
        records.save(s, event)
    hq = fresh(tmp_path, "hq")
    import_file(hq, export_office(office, tmp_path / "n0.xlsx", "NYC", FY).path)
    with office.session() as s:  # N-1 had no local-government sheet: its edit says nothing of them
        event = s.execute(select(EventBooth).where(EventBooth.uuid == uuid)).scalar_one()
        event.notes = "edited"
        records.save(s, event)
    older = write_variant(office, tmp_path / "n-1.xlsx", "NYC", omit=["event_municipality"])
    bundle = read_export(older)
    assert "event_municipality" in bundle.absent_sheets and not bundle.edited
    assert import_file(hq, older).counts["event_booth"]["updated"] == 1
    with hq.session() as s:
        here = s.execute(select(EventBooth).where(EventBooth.uuid == uuid)).scalar_one()
        assert here.notes == "edited"
        assert [m.name for m in here.municipalities] == ["横浜市"]


# --- version N+1 into this version, and out again ------------------------------------


def test_a_newer_workbook_keeps_its_columns_through_this_version(
    office: Database, tmp_path: Path
) -> None:
    newer = write_variant(office, tmp_path / "n+1.xlsx", "NYC", add=NEWER)
    bundle = read_export(newer)
    assert not bundle.edited
    assert "budget:int" in bundle.manifest["columns.event_booth"]
    assert isinstance(bundle.records["support_case"], ColumnBatch)  # the fast path holds
    hq = fresh(tmp_path, "hq")
    report = import_file(hq, newer)
    assert not report.edited
    kept = _extras(hq, "event_booth")
    events = bundle.records["event_booth"]
    assert {u: e["budget"]["text"] for u, e in kept.items()} == {
        r.sync.uuid: str(1000 * (n + 1))
        for n, r in enumerate(events)
        if n % 3 != 2 and not r.sync.deleted
    }
    assert kept[events[0].sync.uuid]["budget"] == {
        "kind": "int", "ja": "予算", "en": "Budget", "text": "1000"
    }  # fmt: skip
    cases = _extras(hq, "support_case")
    assert len(cases) == len([n for n in range(len(bundle.records["support_case"])) if n % 4 != 3])

    # this version exports the records again: the columns go with them
    out = export_office(hq, tmp_path / "hq.xlsx", "NYC", FY).path
    back = read_export(out)
    assert not back.edited
    assert "budget:int" in back.manifest["columns.event_booth"]
    assert "channel:text" in back.manifest["columns.support_case"]
    from python_calamine import CalamineWorkbook

    sheet = CalamineWorkbook.from_path(str(out)).get_sheet_by_name("イベント出展").to_python()
    at = sheet[0].index("予算")
    uuid_at = sheet[0].index("UUID")
    written = {row[uuid_at]: row[at] for row in sheet[1:]}
    assert {u: int(float(str(v))) for u, v in written.items() if v != ""} == {
        u: int(e["budget"]["text"]) for u, e in kept.items()
    }
    assert back.extras["event_booth"] == bundle.extras["event_booth"]
    assert back.extras["support_case"] == bundle.extras["support_case"]

    # and a fresh database (another laptop on this version) gets the same
    other = fresh(tmp_path, "other")
    assert not import_file(other, out).edited
    assert _extras(other, "event_booth") == kept
    assert _extras(other, "support_case") == cases
    assert snapshot(other) == snapshot(hq)
    a, b, c = tallies(other, hq, office)
    assert a == b == c
    assert import_file(other, newer).total_changes == 0


def test_a_newer_version_that_clears_a_kept_value(office: Database, tmp_path: Path) -> None:
    hq = fresh(tmp_path, "hq")
    import_file(hq, write_variant(office, tmp_path / "a.xlsx", "NYC", add=NEWER))
    events = _extras(hq, "event_booth")
    uuid = next(iter(events))
    with office.session() as s:  # the office edits the event (a newer version)...
        event = s.execute(select(EventBooth).where(EventBooth.uuid == uuid)).scalar_one()
        event.notes = "edited"
        records.save(s, event)

    def blank_one(n: int, row: dict[str, Any]) -> Any:
        return None if row["uuid"] == uuid else budget(n, row)

    cleared = {"event_booth": [(BUDGET, blank_one)]}
    import_file(hq, write_variant(office, tmp_path / "b.xlsx", "NYC", add=cleared))
    assert uuid not in _extras(hq, "event_booth")  # ...and blanked its budget
    # an N workbook (no budget column at all) with a newer version keeps the others' budgets
    other = next(u for u in events if u != uuid)
    with office.session() as s:
        event = s.execute(select(EventBooth).where(EventBooth.uuid == other)).scalar_one()
        event.notes = "edited on N"
        records.save(s, event)
    import_file(hq, export_office(office, tmp_path / "c.xlsx", "NYC", FY).path)
    assert _extras(hq, "event_booth")[other] == events[other]


def test_a_hand_edit_to_an_unknown_column_is_still_a_hand_edit(
    office: Database, tmp_path: Path
) -> None:
    newer = write_variant(office, tmp_path / "n+1.xlsx", "NYC", add=NEWER)

    def change(book: Any) -> None:
        ws = book["イベント出展"]
        ws.cell(row=2, column=xlsxedit.column(ws, "予算")).value = 123456

    xlsxedit.edit(newer, change)
    bundle = read_export(newer)
    assert [(e.sheet, e.row) for e in bundle.edits] == [("event_booth", 2)]
    hq = fresh(tmp_path, "hq")
    uuid = bundle.edits[0].uuid
    import_file(hq, write_variant(office, tmp_path / "first.xlsx", "NYC", add=NEWER))
    with pytest.raises(EditedWorkbook):
        import_file(hq, newer)
    preview = import_file(hq, newer, dry_run=True)
    assert [(c.field, c.old, c.new) for c in preview.changes] == [("budget", "1000", "123456")]
    import_file(hq, newer, accept_edited=True)
    assert _extras(hq, "event_booth")[uuid]["budget"]["text"] == "123456"


def test_a_newer_tombstone_keeps_its_columns(office: Database, tmp_path: Path) -> None:
    with office.session() as s:
        event = (
            s.execute(select(EventBooth).where(EventBooth.office_code == "NYC")).scalars().first()
        )
        assert event is not None
        uuid = event.uuid
        records.delete(s, event)
    marked = {"tombstone": [(CHANNEL, lambda n, row: "gone" if row["uuid"] == uuid else None)]}
    hq = fresh(tmp_path, "hq")
    assert not import_file(hq, write_variant(office, tmp_path / "t.xlsx", "NYC", add=marked)).edited
    assert _extras(hq, "event_booth")[uuid]["channel"]["text"] == "gone"
    back = read_export(export_office(hq, tmp_path / "t2.xlsx", "NYC", FY).path)
    kept = back.extras["event_booth"][uuid]["channel"]
    assert not back.edited and kept is not None and kept["text"] == "gone"


def test_a_newer_tombstones_data_keeps_its_fields(office: Database, tmp_path: Path) -> None:
    """A newer app's deleted record carries fields this version does not have in its
    JSON data: they come back in the data of this version's export."""
    with office.session() as s:
        event = (
            s.execute(select(EventBooth).where(EventBooth.office_code == "NYC")).scalars().first()
        )
        assert event is not None
        uuid = event.uuid
        records.delete(s, event)

    def with_budget(values: dict[str, Any]) -> None:
        if values["uuid"] == uuid:
            data = json.loads(values["payload"])
            data["budget"] = {"amount": 5000, "currency": "USD"}
            values["payload"] = json.dumps(data, ensure_ascii=False, sort_keys=True)

    newer = write_variant(office, tmp_path / "t.xlsx", "NYC", change={"tombstone": with_budget})
    hq = fresh(tmp_path, "hq")
    assert not import_file(hq, newer).edited
    kept = _extras(hq, "event_booth")[uuid]
    assert kept == {"payload.budget": {"kind": "payload", "ja": "", "en": "",
                                       "text": '{"amount": 5000, "currency": "USD"}'}}  # fmt: skip
    out = export_office(hq, tmp_path / "t2.xlsx", "NYC", FY).path
    back = read_export(out)
    assert not back.edited
    assert "payload.budget" not in back.manifest["columns.tombstone"]  # in the data, not a column
    assert back.extras["event_booth"][uuid] == kept
    other = fresh(tmp_path, "other")
    import_file(other, out)
    assert _extras(other, "event_booth")[uuid] == kept


HALL = Col("hall", "ホール", "Hall", "text", 10)


def test_a_newer_child_column_is_kept_with_its_parent(office: Database, tmp_path: Path) -> None:
    def hall(n: int, row: dict[str, Any]) -> Any:
        return f"Hall {n}" if n % 2 == 0 else None

    newer = write_variant(office, tmp_path / "n+1.xlsx", "NYC", add={"event_leg": [(HALL, hall)]})
    bundle = read_export(newer)
    assert not bundle.edited
    kept = {u: e["event_leg.hall"] for u, e in bundle.extras["event_booth"].items()}
    assert any(v and v["rows"] for v in kept.values())
    hq = fresh(tmp_path, "hq")
    assert not import_file(hq, newer).edited
    stored = _extras(hq, "event_booth")
    assert {u: e["event_leg.hall"] for u, e in stored.items()} == {
        u: v for u, v in kept.items() if v is not None
    }
    out = export_office(hq, tmp_path / "hq.xlsx", "NYC", FY).path
    back = read_export(out)
    assert not back.edited
    assert back.manifest["columns.event_leg"].endswith(";hall:text")
    assert back.extras["event_booth"] == bundle.extras["event_booth"]
    from python_calamine import CalamineWorkbook

    def halls(path: Path) -> list[Any]:
        rows = CalamineWorkbook.from_path(str(path)).get_sheet_by_name("イベント日程").to_python()
        at, parent, position = (rows[0].index(h) for h in ("ホール", "イベントUUID", "順"))
        return sorted((r[parent], r[position], r[at]) for r in rows[1:])

    assert halls(out) == halls(newer)
    other = fresh(tmp_path, "other")
    assert not import_file(other, out).edited
    assert _extras(other, "event_booth") == stored

    def change(book: Any) -> None:  # a person edits a hall: a hand edit of its event
        ws = book["イベント日程"]
        ws.cell(row=2, column=xlsxedit.column(ws, "ホール")).value = "Main hall"

    xlsxedit.edit(out, change)
    preview = import_file(other, out, dry_run=True)
    assert [e.sheet for e in preview.edited_rows] == ["event_leg"]
    [shown] = preview.changes
    assert shown.field == "event_leg.hall" and "Main hall" in shown.new.values()


def test_a_newer_tombstones_child_rows_keep_their_fields(office: Database, tmp_path: Path) -> None:
    with office.session() as s:
        event = (
            s.execute(select(EventBooth).where(EventBooth.office_code == "NYC")).scalars().first()
        )
        assert event is not None
        uuid = event.uuid
        records.delete(s, event)

    def with_halls(values: dict[str, Any]) -> None:
        if values["uuid"] == uuid:
            data = json.loads(values["payload"])
            for n, leg in enumerate(data["legs"]):
                leg["hall"] = f"Hall {n}"
            values["payload"] = json.dumps(data, ensure_ascii=False, sort_keys=True)

    newer = write_variant(office, tmp_path / "t.xlsx", "NYC", change={"tombstone": with_halls})
    hq = fresh(tmp_path, "hq")
    assert not import_file(hq, newer).edited
    out = export_office(hq, tmp_path / "t2.xlsx", "NYC", FY).path
    back = read_export(out)
    assert not back.edited
    [row] = [r for r in back.records["event_booth"] if r.sync.uuid == uuid]
    from python_calamine import CalamineWorkbook

    rows = CalamineWorkbook.from_path(str(out)).get_sheet_by_name("削除済み").to_python()
    data = json.loads(str(next(r[rows[0].index("データ")] for r in rows[1:] if uuid in r)))
    assert [leg["hall"] for leg in data["legs"]] == [f"Hall {n}" for n in range(len(row.legs))]


# --- what cannot be kept is refused --------------------------------------------------


def _refused(db: Database, path: Path, *words: str) -> str:
    with pytest.raises(BadWorkbook) as info:
        import_file(db, path)
    message = str(info.value)
    assert "\n" not in message and message.startswith(path.name)
    for word in words:
        assert word in message, message
    return message


def test_an_unknown_column_kind_is_refused_naming_the_version(
    office: Database, tmp_path: Path
) -> None:
    money = {"event_booth": [(Col("budget", "予算", "Budget", "money"), budget)]}
    path = write_variant(office, tmp_path / "m.xlsx", "NYC", add=money, app_version="3.1.0")
    _refused(fresh(tmp_path, "hq"), path, "event_booth", "budget (money)",
             "update Office Ledger to version 3.1.0")  # fmt: skip


def test_an_unknown_sheet_with_rows_is_refused(office: Database, tmp_path: Path) -> None:
    path = write_variant(office, tmp_path / "p.xlsx", "NYC", phantom=["event_photo"],
                         manifest_changes={"rows.event_photo": 4})  # fmt: skip
    _refused(fresh(tmp_path, "hq"), path, "'event_photo'", "4 rows", "update Office Ledger")


def test_an_unknown_sheet_without_rows_is_fine(office: Database, tmp_path: Path) -> None:
    path = write_variant(office, tmp_path / "p.xlsx", "NYC", phantom=["event_photo"])
    assert not read_export(path).edited  # the content hash covers the empty sheet


def test_a_required_column_cannot_be_absent(office: Database, tmp_path: Path) -> None:
    path = write_variant(office, tmp_path / "r.xlsx", "NYC", drop={"event_booth": ["version"]})
    _refused(fresh(tmp_path, "hq"), path, "lacks the column", "版/Version")


def test_a_higher_format_major_is_refused(office: Database, tmp_path: Path) -> None:
    path = write_variant(office, tmp_path / "f3.xlsx", "NYC", format_version=3)
    _refused(fresh(tmp_path, "hq"), path, "newer Office Ledger", "format 3")


def test_an_older_workbook_without_the_new_record_sheets_leaves_them_alone(
    office: Database, tmp_path: Path
) -> None:
    """A format-2 workbook from before seminars, CLAIR Reports... (issue #15): its
    records merge, and what this laptop holds of the new kinds stays as it was."""
    from db.schema.kinds import YEAR_KINDS

    new_sheets = [s.key for s in SHEETS
                  if s.key in YEAR_KINDS or any(s.key == c.table for k in YEAR_KINDS
                                                for c in k.spec.children)]  # fmt: skip
    assert len(new_sheets) == 10
    old = write_variant(office, tmp_path / "old.xlsx", "NYC", omit=new_sheets)
    hq = fresh(tmp_path, "hq")
    import_file(hq, export_office(office, tmp_path / "now.xlsx", "NYC", FY).path)
    before = snapshot(hq)
    report = import_file(hq, old)
    assert not report.edited and report.total_changes == 0
    assert snapshot(hq) == before
    assert all(before[k] for k in ("seminar", "publication"))
