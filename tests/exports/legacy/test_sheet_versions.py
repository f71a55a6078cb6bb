"""An office's sheet imported again is a new version of the same sheet: unchanged rows
add nothing, a corrected row updates its record (a new version, "changed in the
office's sheet"), a row gone from the sheet is offered for deletion, new rows are
added, and the preview shows the three groups before anything is written."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any

from db.records import history
from db.records.history_view import how_text
from db.storage.database import Database, open_database
from db.tally.tallies import tally_fy
from exports.legacy.importer import import_legacy
from office_ledger.import_text import render_legacy

HEADERS = ["依頼団体", "区分", "開始日", "概要", "担当"]
ROWS: list[list[Any]] = [
    ["静岡県", "都道府県・政令市", "2023/05/10", "知事の訪問同行", "田中"],
    ["岡山県倉敷市", "市区町村", "2023/06/01", "視察アポ取付け", "佐藤"],
    ["日本政府観光局", "その他", "2023/07/15", "通訳あっせん", "Emily"],
    ["横浜市", "都道府県・政令市", "2023/08/02", "展示会ブース", "田中"],
]
# The office corrected row 2 (its requester and category) and deleted row 3.
CORRECTED = [ROWS[0], ["倉敷市観光協会", "その他", "2023/06/01", "視察アポ取付け", "佐藤"],
             ROWS[3]]  # fmt: skip


def office_sheet(path: Path, rows: list[list[Any]]) -> Path:
    import openpyxl

    book = openpyxl.Workbook()
    ws = book.active
    ws.title = "海外活動支援"
    ws["A1"] = "令和５年度　ロンドン事務所"
    for c, h in enumerate(HEADERS, 1):
        ws.cell(3, c, h)
    for r, values in enumerate(rows, 4):
        for c, v in enumerate(values, 1):
            ws.cell(r, c, v)
    book.save(path)
    return path


def cases(db: Database) -> Any:
    with db.session() as s:
        return tally_fy(s, 2023).offices["LON"].support_cases


def snapshot(db: Database) -> list[tuple[Any, ...]]:
    with db.session() as s:
        sql = ("SELECT uuid, version, deleted, requester, requester_category FROM support_case"
               " ORDER BY uuid")  # fmt: skip
        rows = list(s.connection().exec_driver_sql(sql))
        rows += list(s.connection().exec_driver_sql("SELECT * FROM sheet_row ORDER BY 1"))
        return [tuple(r) for r in rows]


def test_a_corrected_sheet_updates_one_record_and_offers_one_deletion(
    db: Database, tmp_path: Path
) -> None:
    first = office_sheet(tmp_path / "lon-support.xlsx", ROWS)
    assert import_legacy(db, first, "LON", "support-cases", accept_guess=True).imported == 4
    again = import_legacy(db, first, "LON", "support-cases", accept_guess=True)
    assert (again.imported, again.changed, again.already) == (0, 0, 4)  # adds nothing
    # the office renamed the file as it corrected it: the same sheet by name and header
    fixed = office_sheet(tmp_path / "lon-support-corrected.xlsx", CORRECTED)
    before = snapshot(db)
    preview = import_legacy(db, fixed, "LON", "support-cases", dry_run=True)
    assert snapshot(db) == before  # the dry run wrote nothing
    plan = preview.plan
    assert (len(plan.new), len(plan.changed), len(plan.unchanged), len(plan.gone)) == (0, 1, 2, 1)
    shown = render_legacy(preview, "en")
    assert "0 new, 1 changed, 2 unchanged, 1 gone from the sheet" in shown
    assert "'岡山県倉敷市' -> '倉敷市観光協会'" in shown and "依頼団体" in shown
    assert "日本政府観光局" in shown and "--delete-gone" in shown
    assert "変更 1 行" in render_legacy(preview, "ja")

    kept = import_legacy(db, fixed, "LON", "support-cases", accept_guess=True)
    assert (kept.imported, kept.changed, kept.deleted) == (0, 1, 0)
    assert cases(db).total == 4  # the gone row's record is kept until the user says so
    done = import_legacy(db, fixed, "LON", "support-cases", accept_guess=True,
                         delete_gone=True)  # fmt: skip
    assert (done.imported, done.changed, done.deleted) == (0, 0, 1)

    fresh = open_database(tmp_path / "fresh.sqlite3")
    try:
        import_legacy(fresh, fixed, "LON", "support-cases", accept_guess=True)
        assert cases(db) == cases(fresh)  # the tallies are the corrected sheet's
    finally:
        fresh.close()
    changed = plan.changed[0].uuid
    with db.session() as s:
        last = history.versions(s, changed)[-1]
        assert how_text(last, "en").startswith("changed in the office's sheet")
        assert history.versions(s, plan.gone[0].record_uuid)[-1].deleted
    assert import_legacy(db, fixed, "LON", "support-cases", accept_guess=True).plan.gone == []


def test_the_command_line_previews_in_the_workbooks_words(tmp_path: Path) -> None:
    db_path = tmp_path / "ledger.sqlite3"
    first = office_sheet(tmp_path / "a.xlsx", ROWS)
    fixed = office_sheet(tmp_path / "b.xlsx", CORRECTED)

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        command = [
            sys.executable,
            "-m",
            "office_ledger.cli.commands",
            "--db",
            str(db_path),
            "import",
            *args,
            "--office",
            "LON",
        ]
        return subprocess.run(command, capture_output=True, text=True, timeout=120)

    assert run(str(first), "--accept-guess").returncode == 0
    preview = run(str(fixed), "--dry-run", "--lang", "ja")
    assert preview.returncode == 0, preview.stderr
    assert "シート「海外活動支援」" in preview.stdout and "変更 1 行" in preview.stdout
    assert "表から消えた行 1 行" in preview.stdout
    done = run(str(fixed), "--accept-guess", "--delete-gone", "--lang", "en")
    assert "updated 1, deleted 1" in done.stdout, done.stdout


def test_a_row_deleted_as_gone_comes_back_when_the_sheet_has_it_again(
    db: Database, tmp_path: Path
) -> None:
    first = office_sheet(tmp_path / "a.xlsx", ROWS)
    import_legacy(db, first, "LON", "support-cases", accept_guess=True)
    fixed = office_sheet(tmp_path / "a.xlsx", CORRECTED)
    import_legacy(db, fixed, "LON", "support-cases", accept_guess=True, delete_gone=True)
    assert cases(db).total == 3
    back = import_legacy(db, office_sheet(tmp_path / "a.xlsx", ROWS), "LON", "support-cases",
                         accept_guess=True)  # fmt: skip
    assert (back.imported, back.changed) == (1, 1)  # its deleted record lives again
    assert cases(db).total == 4


def test_a_sheet_renamed_with_its_header_changed_is_still_the_same_sheet(
    db: Database, tmp_path: Path
) -> None:
    """The office renamed the file and its sheet, renamed a column (依頼団体 → Requester),
    moved the columns, added a status column filled in one row, and corrected row 2: it
    is the same sheet, by its rows — nothing is added, two records change."""
    import openpyxl

    first = office_sheet(tmp_path / "lon-support.xlsx", ROWS)
    assert import_legacy(db, first, "LON", "support-cases", accept_guess=True).imported == 4
    order = [0, 2, 1, 4, 3]  # 依頼団体, 開始日, 区分, 担当, 概要
    book = openpyxl.Workbook()
    ws = book.active
    ws.title = "Sheet1"
    ws.append([["Requester", *HEADERS[1:]][i] for i in order] + ["状況"])
    corrected = [ROWS[0], CORRECTED[1], ROWS[2], ROWS[3]]
    for n, row in enumerate(corrected):
        ws.append([row[i] for i in order] + ["完了" if n == 0 else None])
    renamed = tmp_path / "R5 London support (final).xlsx"
    book.save(renamed)

    before = snapshot(db)
    plan = import_legacy(db, renamed, "LON", "support-cases", dry_run=True).plan
    assert snapshot(db) == before
    assert plan.remembered
    assert (len(plan.new), len(plan.changed), len(plan.unchanged), len(plan.gone)) == (0, 2, 2, 0)
    done = import_legacy(db, renamed, "LON", "support-cases", accept_guess=True)
    assert (done.imported, done.changed) == (0, 2)
    assert cases(db).total == 4  # the sheet's four rows, not six
    with db.session() as s:
        sql = "SELECT requester, status FROM support_case WHERE deleted = 0 ORDER BY start_date"
        found = [tuple(r) for r in s.connection().exec_driver_sql(sql)]
    assert [r for r, _ in found] == [row[0] for row in corrected]  # the corrected name
    assert found[0][1] == "done"  # the status the new column gives
    again = import_legacy(db, renamed, "LON", "support-cases", accept_guess=True)
    assert (again.imported, again.changed, again.already) == (0, 0, 4)  # adds nothing
