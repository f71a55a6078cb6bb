"""A row typed by hand into an export (no UUID): shown in the preview as a new record
typed elsewhere, checked like any new record, and taken (with a new UUID, as a hand
edit made on this laptop) only when the hand edits are accepted."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest

from db.schema.fiscal import fy_period
from db.storage.database import Database, open_database
from exports.xlsx.exchange import EditedWorkbook, import_file
from exports.xlsx.export import export_office, read_records
from exports.xlsx.guard import BadWorkbook
from tests.support import xlsxedit
from tests.support.sheets import FORGOTTEN, typed_row


@pytest.fixture
def lon_export(demo_db: Database, tmp_path: Path) -> Path:
    return export_office(demo_db, tmp_path / "lon.xlsx", "LON", fy_period(2023)).path


def cases(db: Database) -> list[Any]:
    return list(read_records(db, None, None)["support_case"])


@pytest.mark.slow
def test_typed_row_is_previewed_and_taken_only_with_the_hand_edits(
    lon_export: Path, tmp_path: Path
) -> None:
    path = typed_row(Path(shutil.copy(lon_export, tmp_path / "typed.xlsx")), FORGOTTEN)
    hq = open_database(tmp_path / "hq.sqlite3")
    preview = import_file(hq, path, dry_run=True)
    assert preview.edited and preview.counts["support_case"]["new"] == 50
    typed = [c for c in preview.changes if c.field == "+"]
    assert len(typed) == 1 and typed[0].row == 51 and "静岡県" in str(typed[0].new)
    from office_ledger.import_text import render_report

    for lang, words in (("en", "a new record typed by hand"), ("ja", "手入力で追加された")):
        assert words in render_report(preview, lang, preview=True)
    with pytest.raises(EditedWorkbook, match="--accept-edited"):
        import_file(hq, path)
    assert cases(hq) == []
    report = import_file(hq, path, accept_edited=True)
    assert report.applied and report.counts["support_case"]["new"] == 50
    added = [c for c in cases(hq) if c.summary == "本部で追加した支援"]
    assert len(added) == 1
    with hq.session() as s:
        from db.storage import clock

        here = clock.device_id(s)
    sync = added[0].sync
    assert len(sync.uuid) == 36 and sync.device_id == here and sync.version_vector == {
        here: sync.version}  # fmt: skip
    from exports.sync_log import history

    assert history(hq)[0].result == "ok (edits accepted)"
    hq.close()


def test_typed_row_breaking_a_rule_is_refused_like_any_new_record(
    lon_export: Path, tmp_path: Path
) -> None:
    path = typed_row(Path(shutil.copy(lon_export, tmp_path / "typed.xlsx")),
                     {**FORGOTTEN, "依頼団体": None, "終了日": "2023-07-01"})  # fmt: skip
    hq = open_database(tmp_path / "hq.sqlite3")
    with pytest.raises(BadWorkbook, match=r"support case on row 51 \(typed by hand\): Requester"):
        import_file(hq, path, accept_edited=True)
    assert cases(hq) == []
    hq.close()


# A clerk types labels, not codes: the code columns stay blank (issue #20).
LABELS = {
    "ja": ({"事務所": "LON", "依頼団体": "岡山県倉敷市", "区分": "市町村", "開始日": "2023-09-01",
            "支援内容": "アポイントメント取付け、通訳あっせん", "概要": "本部で手入力した支援",
            "状況": "完了", "件数に計上": "はい"}, "海外活動支援"),
    "en": ({"Office": "LON", "Requester": "Kurashiki City, Okayama", "Category": "Municipality",
            "Start": "2023-09-01", "Support given": "Arranging appointments; Finding interpreters",
            "Summary": "typed at headquarters", "Status": "Done", "Counted": "yes"},
           "Support cases"),
}  # fmt: skip


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_a_row_typed_with_labels_only_takes_the_codes_they_name(
    demo_db: Database, tmp_path: Path, lang: str
) -> None:
    values, sheet_name = LABELS[lang]
    source = export_office(demo_db, tmp_path / f"lon-{lang}.xlsx", "LON", fy_period(2023),
                           lang).path  # fmt: skip

    def change(book: Any) -> None:
        sheet = book[sheet_name]
        row = sheet.max_row + 1
        for header, value in values.items():
            sheet.cell(row, xlsxedit.column(sheet, header)).value = value

    path = xlsxedit.edit(source, change)
    hq = open_database(tmp_path / "hq.sqlite3")
    preview = import_file(hq, path, dry_run=True)  # a preview, not a refusal
    typed = [c for c in preview.changes if c.field == "+"]
    assert len(typed) == 1 and typed[0].row == 51
    from office_ledger.import_text import render_report

    assert ("手入力で追加された" if lang == "ja" else "typed by hand") in render_report(
        preview, lang, preview=True)  # fmt: skip
    assert cases(hq) == []
    import_file(hq, path, accept_edited=True)
    (added,) = [c for c in cases(hq) if c.summary == values.get("概要", values.get("Summary"))]
    assert added.requester_category == "municipality" and added.status == "done"
    assert sorted(added.types) == ["appointment", "interpreter"] and added.counted
    hq.close()


@pytest.mark.parametrize(
    ("lang", "words"),
    [("ja", ("シート「海外活動支援」", "概要: ")), ("en", ("sheet 'Support cases'", "Summary: "))],
)
def test_a_hand_edit_is_previewed_in_the_workbooks_words(
    lon_export: Path, tmp_path: Path, lang: str, words: tuple[str, str]
) -> None:
    def change(book: Any) -> None:
        sheet = book["海外活動支援"]
        sheet.cell(2, xlsxedit.column(sheet, "概要")).value = "本部で直した概要"

    path = xlsxedit.edit(Path(shutil.copy(lon_export, tmp_path / "edited.xlsx")), change)
    hq = open_database(tmp_path / "hq.sqlite3")
    import_file(hq, lon_export)  # headquarters has the records: the edit changes one
    from office_ledger.import_text import render_report

    shown = render_report(import_file(hq, path, dry_run=True), lang, preview=True)
    assert all(w in shown for w in words) and "本部で直した概要" in shown, shown
    assert "support_case" not in shown and "summary:" not in shown
    hq.close()
