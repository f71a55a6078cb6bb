"""Adding a field to a record type touches four files, and it then reaches every part.

The worked example of docs/design.md, done for real on a copy of the source (a git
repository of its own, tests/support/source_copy.py): every record type gets a ``budget`` count
(the support case an ``hours`` count too) by four edits — the declarations
(db/schema/kinds.py), the models (db/storage/models.py), one new migration file, and the labels'
words
(db/schema/words.py). The files touched are counted from the copy's own diff. A fresh process
then finds the fields, for every kind, in its page's list and its form, the workbook
going out and coming in, an office's own sheet (kinds with a ``legacy_order`` too: their
order need not name it), the PDF's record tables and ``office-ledger check``; and the
support case's own fast paths (bulk writes, column-wise export and import, slim list
rows) carry its ``hours``.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.support.source_copy import changed_files, copy_source, newest_revision, run_in_copy
from tests.support.source_copy import edit as _edit

pytestmark = pytest.mark.slow


def _add_columns(tree: Path, tables: list[str], name: str) -> None:
    models = tree / "db/storage/models.py"
    for table in tables:
        _edit(
            models,
            f'    __tablename__ = "{table}"\n',
            f"    {name}: Mapped[int | None] = mapped_column(Integer, default=None)\n",
        )


def _add_budget(tree: Path) -> None:
    """The four edits: a budget for every record type, and hours for a support case
    (it has fast paths of its own: bulk writes, column-wise export and import, slim
    list rows)."""
    from db.schema.kinds import SPECS

    tables = [s.table for s in SPECS.values()]
    # 1. The declarations: one field of each record type, with an office sheet's words.
    kinds = tree / "db/schema/kinds.py"
    text = kinds.read_text(encoding="utf-8")
    for s in SPECS.values():
        found = re.search(rf"^class {s.row_type.__name__}\b", text, re.MULTILINE)
        assert found is not None, s.row_type
        at = text.index("    sync: Sync = NO_SYNC\n", found.start())
        at += len("    sync: Sync = NO_SYNC\n")
        text = (text[:at] + '    budget: int | None = declare(T.COUNT, "field.budget",'
                ' default=None, excel=Excel(10), in_pdf=12, legacy=Legacy(("予算", "budget")))\n'
                + text[at:])  # fmt: skip
    kinds.write_text(text, encoding="utf-8")
    _edit(kinds, "    status: CaseStatus = declare(",
          '    hours: int | None = declare(T.COUNT, "field.hours", default=None,'
          ' excel=Excel(8), in_pdf=8, legacy=Legacy(("時間", "hours")))\n',
          before=True)  # fmt: skip
    # 2. The models: their columns.
    _add_columns(tree, tables, "budget")
    _add_columns(tree, ["support_case"], "hours")
    # 3. One migration (the app finds the new head itself).
    versions = tree / "db/storage/migrations/versions"
    HEAD, new = newest_revision(tree)
    adds = "".join(f'    with op.batch_alter_table("{t}") as batch:\n'
                   f'        batch.add_column(sa.Column("budget", sa.Integer(), nullable=True))\n'
                   for t in tables)  # fmt: skip
    drops = "".join(f'    with op.batch_alter_table("{t}") as batch:\n'
                    f'        batch.drop_column("budget")\n' for t in tables)  # fmt: skip
    (versions / f"{new}_budget.py").write_text(
        f'"""budget"""\nimport sqlalchemy as sa\nfrom alembic import op\n\n'
        f'revision = "{new}"\ndown_revision = "{HEAD}"\nbranch_labels = None\n'
        f"depends_on = None\n\n\ndef upgrade() -> None:\n{adds}"
        '    with op.batch_alter_table("support_case") as batch:\n'
        '        batch.add_column(sa.Column("hours", sa.Integer(), nullable=True))\n'
        f"\n\ndef downgrade() -> None:\n{drops}"
        '    with op.batch_alter_table("support_case") as batch:\n'
        '        batch.drop_column("hours")\n', encoding="utf-8")  # fmt: skip
    # 4. The labels' words, in Japanese and English.
    _edit(tree / "db/schema/words.py", '    "field.notes": ("備考", "Notes"),\n',
          '    "field.budget": ("予算", "Budget"),\n'
          '    "field.hours": ("時間", "Hours"),\n')  # fmt: skip


CHECK = r"""
import os, subprocess, sys
from datetime import date
from pathlib import Path

import openpyxl

out = Path(sys.argv[1])
from db.storage.database import open_database
from db.records import edit
from db.read import rows
from db.schema.fiscal import fy_period
from db.schema.kinds import EventRow, LegRow

FY = fy_period(2023)
db = open_database(out / "a.sqlite3")
leg = LegRow(start_date=date(2023, 9, 1), end_date=date(2023, 9, 3), city="Lyon", country="FR")
uuid = edit.create(db, "event_booth", EventRow(office_code="PAR", name="Salon", legs=(leg,),
                                               budget=12345))
assert edit.values_of(db, uuid, "event_booth").budget == 12345, "edit"
with db.session() as s:
    assert [e.budget for e in rows.events(s, FY)] == [12345], "query"

# The workbook out and in again.
from exports.xlsx.export import export_office
from exports.xlsx.exchange import import_file
book = export_office(db, out / "par.xlsx", "PAR", FY).path
sheet = openpyxl.load_workbook(book)["イベント出展"]
header = [c.value for c in sheet[1]]
assert "予算" in header, header
assert sheet.cell(2, header.index("予算") + 1).value == 12345, "exported value"
fresh = open_database(out / "b.sqlite3")
import_file(fresh, book)
with fresh.session() as s:
    assert [e.budget for e in rows.events(s, FY)] == [12345], "imported"

# An office's own sheet names it in a column of its own.
from exports.legacy.importer import import_legacy
legacy = openpyxl.Workbook()
ws = legacy.active
ws.append(["イベント名", "開始日", "国", "予算"])
ws.append(["Foire de Paris", "2023-05-01", "フランス", 777])
legacy.save(out / "own.xlsx")
report = import_legacy(fresh, out / "own.xlsx", "PAR", "event-booths", accept_guess=True)
assert "budget" in report.sheet.mapping, report.sheet.mapping
with fresh.session() as s:
    assert sorted(e.budget for e in rows.events(s, FY)) == [777, 12345], "legacy"

# The PDF's record table.
from exports.pdf.report import write_summary
pdf = write_summary(db, out / "par.pdf", FY, "PAR", "ja")
text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True,
                      text=True, check=True).stdout
assert "予算" in text and "12,345" in text, text[-1500:]

# The app: every kind's page (its list and its form).
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel
app = QApplication([])
from db.schema.kinds import EDITED
from db.read.lookups import list_rows
from desktop.pages.list_page import RecordPage

def shown(database, kind, label, uuid):
    # the column's cells in the kind's list, and the field's value in its form
    page = RecordPage(kind, database, "ja")
    page.model.set_rows(list_rows(database, kind, FY, None))
    heads = [page.model.headerData(i, Qt.Orientation.Horizontal)
             for i in range(page.model.columnCount())]
    assert label in heads, (kind, heads)
    cells = sorted(page.model.data(page.model.index(r, heads.index(label)))
                   for r in range(page.model.rowCount()))
    form = page.make_form(edit.values_of(database, uuid, kind))
    assert label in [w.text() for w in form.findChildren(QLabel)], (kind, label)
    value = form.values()
    form.close()
    page.close()
    return cells, value

cells, value = shown(db, "event_booth", "予算", uuid)
assert cells == ["12,345"] and value.budget == 12345, (cells, value)

# The support case's fast paths: bulk insert, column-wise export, batch import, slim list.
from db.schema.enums import RequesterCategory
from db.schema.kinds import CaseRow
from db.records.write import bulk_insert_cases
with db.session() as s:
    bulk_insert_cases(s, [CaseRow(office_code="PAR", requester="東京都", hours=h,
                                  requester_category=RequesterCategory.PREFECTURE_OR_CITY,
                                  start_date=date(2023, 6, 1)) for h in (7, None)])
book = export_office(db, out / "par2.xlsx", "PAR", FY).path
sheet = openpyxl.load_workbook(book)["海外活動支援"]
header = [c.value for c in sheet[1]]
assert sorted(str(sheet.cell(r, header.index("時間") + 1).value) for r in (2, 3)) == ["7", "None"]
again = import_file(db, book)
assert not again.edited and not again.total_changes, "own export seen as edited"
third = open_database(out / "c.sqlite3")
import_file(third, book)
with third.session() as s:
    assert sorted(c.hours or 0 for c in rows.cases(s, FY)) == [0, 7], "batch import"
with third.session() as s:
    seven = next(c.sync.uuid for c in rows.cases(s, FY) if c.hours == 7)
cells, value = shown(third, "support_case", "時間", seven)
assert cells == ["", "7"] and value.hours == 7, (cells, value)

# Every kind: its budget travels through the workbooks, an office's own sheet names it,
# and the check holds it to its rules.
from db.demo.year import load_demo
from db.storage.integrity import check_file
from db.schema.kinds import SPECS, legacy_kinds
from db.schema.offices import OFFICE_CODES
from exports.legacy.fields import KINDS, guess
demo = open_database(out / "demo.sqlite3")
load_demo(demo)
with demo.engine.begin() as c:
    for spec in SPECS.values():
        c.exec_driver_sql(f"UPDATE {spec.table} SET budget = 3")
every = open_database(out / "every.sqlite3")
for code in OFFICE_CODES:
    import_file(every, export_office(demo, out / f"{code}.xlsx", code, FY).path)
with every.engine.connect() as c:
    for spec in SPECS.values():
        n, three = c.exec_driver_sql(f"SELECT count(*), sum(budget = 3) FROM {spec.table}").one()
        assert n > 0 and three == n, (spec.table, n, three)
for name in legacy_kinds():
    assert guess(["備考", "予算"], name).get("budget") == 1, (name, [f.key for f in KINDS[name]])

# Every kind the app lists: its page's list shows the column, its form the field.
for kind in EDITED:
    with demo.engine.connect() as c:
        first = c.exec_driver_sql(f"SELECT uuid FROM {SPECS[kind].table} LIMIT 1").scalar()
    cells, value = shown(demo, kind, "予算", first)
    assert set(cells) == {"3"} and value.budget == 3, (kind, cells, value)

# Every kind's section of the PDF has the column.
every_pdf = write_summary(demo, out / "all.pdf", FY, None, "ja")
text = subprocess.run(["pdftotext", "-layout", str(every_pdf), "-"], capture_output=True,
                      text=True, check=True).stdout
assert text.count("予算") >= len(EDITED), text.count("予算")
demo.close()
assert check_file(out / "demo.sqlite3").ok
import sqlite3
for spec in SPECS.values():
    conn = sqlite3.connect(out / "demo.sqlite3")
    conn.execute("PRAGMA ignore_check_constraints = ON")
    first = f"(SELECT min(id) FROM {spec.table})"
    conn.execute(f"UPDATE {spec.table} SET budget = -1 WHERE id = {first}")
    conn.commit()
    conn.close()
    assert any(p.startswith(f"{spec.table} ") and "budget is -1" in p
               for p in check_file(out / "demo.sqlite3").ledger), spec.table
print("budget reached every part")
"""


def test_a_field_added_in_four_files_reaches_every_part(tmp_path: Path) -> None:
    tree = tmp_path / "src"
    copy_source(tree)
    _add_budget(tree)
    changed = changed_files(tree)
    assert len(changed) <= 4, changed
    assert {p for p in changed if "migrations/versions/" not in p} == {
        "db/schema/kinds.py", "db/storage/models.py", "db/schema/words.py"}, changed  # fmt: skip
    out = tmp_path / "out"
    out.mkdir()
    done = run_in_copy(tree, tmp_path / "home", CHECK, str(out))
    assert done.returncode == 0, done.stderr[-3000:]
    assert "budget reached every part" in done.stdout
