"""An office's sheet imported twice, corrected, or mistaken for another kind of file:
nothing is counted twice, every row keeps the kind's rules, and an export is refused."""

from __future__ import annotations

from pathlib import Path

import pytest

from db.storage.database import Database
from db.tally.tallies import tally_fy
from exports.legacy.importer import IsAnExport, UnreadableRows, import_legacy


def sheet(path: Path, rows: list[list[object]], header: list[str] | None = None) -> Path:
    import openpyxl

    book = openpyxl.Workbook()
    ws = book.active
    ws.append(header or ["依頼団体", "対応日", "支援内容"])
    for row in rows:
        ws.append(row)
    book.save(path)
    return path


ROWS: list[list[object]] = [["東京都", "2023-06-01", "同行"], ["横浜市", "2023-06-02", "通訳"],
                            ["大阪府", "2023-07-03", "調査"]]  # fmt: skip


def counted(db: Database, office: str = "NYC") -> int:
    with db.session() as s:
        return tally_fy(s, 2023).offices[office].support_cases.total


def test_a_sheet_imported_twice_counts_once(db: Database, tmp_path: Path) -> None:
    path = sheet(tmp_path / "ny.xlsx", ROWS)
    first = import_legacy(db, path, "NYC", "support-cases", accept_guess=True)
    again = import_legacy(db, path, "NYC", "support-cases", accept_guess=True)
    assert (first.imported, first.already) == (3, 0)
    assert (again.imported, again.already) == (0, 3)
    assert counted(db) == 3
    # corrected (and renamed): one row changed updates its record, one added; the two
    # unchanged rows are not added again, and the office has as many cases as the sheet
    fixed: list[list[object]] = [ROWS[0], ["横浜市", "2023-06-02", "通訳あっせん"], ROWS[2],
             ["神戸市", "2023-08-01", "調査"]]  # fmt: skip
    done = import_legacy(db, sheet(tmp_path / "ny2.xlsx", fixed), "NYC", "support-cases",
                         accept_guess=True)  # fmt: skip
    assert (done.imported, done.changed, done.already) == (1, 1, 2) and counted(db) == 4
    # two identical rows in one sheet are two records (and stay two on a re-import)
    twin = sheet(tmp_path / "twin.xlsx", [ROWS[0], ROWS[0]])
    assert import_legacy(db, twin, "LON", "support-cases", accept_guess=True).imported == 2
    assert import_legacy(db, twin, "LON", "support-cases", accept_guess=True).already == 2
    assert counted(db, "LON") == 2


def test_the_same_row_from_two_offices_is_two_records(db: Database, tmp_path: Path) -> None:
    path = sheet(tmp_path / "ny.xlsx", ROWS)
    import_legacy(db, path, "NYC", "support-cases", accept_guess=True)
    assert import_legacy(db, path, "LON", "support-cases", accept_guess=True).imported == 3


def test_rows_that_break_a_rule_are_listed_by_sheet_row_and_skipped_when_asked(
    db: Database, tmp_path: Path
) -> None:
    header = ["依頼団体", "開始日", "終了日", "支援内容"]
    rows: list[list[object]] = [
        ["東京都", "2023-06-01", "2023-06-02", "同行"],
        ["横浜市", "2023-06-05", "2023-06-01", "通訳"],  # ends before it starts: row 3
        ["大阪府", "1900-01-01", "", "調査"],  # Excel's day zero, not a day of the year
        ["x" * 5000, "2023-07-03", "", "調査"],  # longer than a form would take
        ["京都府", "2023-07-04", "", "広報"],
    ]
    path = sheet(tmp_path / "rules.xlsx", rows, header)
    with pytest.raises(UnreadableRows) as refused:
        import_legacy(db, path, "NYC", "support-cases", accept_guess=True)
    problems = refused.value.report.sheet.problems
    assert [p.row for p in problems] == [3, 4, 5]
    assert "before" in problems[0].reason and "1989" in problems[1].reason
    assert "年" in problems[1].text("ja")
    assert counted(db) == 0  # nothing written
    done = import_legacy(db, path, "NYC", "support-cases", accept_guess=True,
                         skip_unreadable=True)  # fmt: skip
    assert done.imported == 2 and done.skipped == 3 and counted(db) == 2


def test_an_export_given_as_an_offices_sheet_is_refused(demo_db: Database, tmp_path: Path,
                                                       db: Database) -> None:  # fmt: skip
    from db.schema.fiscal import fy_period
    from exports.xlsx.export import export_office

    made = export_office(demo_db, tmp_path / "NYC.xlsx", "NYC", fy_period(2023)).path
    with pytest.raises(IsAnExport, match="import it without --office"):
        import_legacy(db, made, "LON", "support-cases", accept_guess=True)
    assert counted(db, "LON") == 0
