"""Adding a field to a record type touches four files, and it then reaches every part.

The worked example of docs/design.md, done for real on a copy of the source (a git
repository of its own): every record type gets a ``budget`` count (the support case an
``hours`` count too) by four edits — the declarations (db/kinds.py), the models
(db/models.py), one new migration file, and the labels' words (db/words.py). The files
touched are counted from the copy's own diff. A fresh process then finds the fields in
the form, the list, the workbook going out and coming in, an office's own sheet, the
PDF's record table and ``office-ledger check``; every kind's field travels through the
workbooks and is guessed from an office's own sheet (kinds with a ``legacy_order``
too: their order need not name it).
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGES = ("db", "exports", "desktop", "office_ledger", "resources")

pytestmark = pytest.mark.slow


def _edit(path: Path, anchor: str, new: str, *, before: bool = False) -> None:
    text = path.read_text(encoding="utf-8")
    assert text.count(anchor) == 1, f"{path.name}: anchor {anchor!r} not found once"
    path.write_text(text.replace(anchor, new + anchor if before else anchor + new), "utf-8")


def _git(tree: Path, *args: str) -> str:
    done = subprocess.run(["git", "-c", "user.name=t", "-c", "user.email=t@example.invalid",
                           "-c", "core.autocrlf=false", *args], cwd=tree, capture_output=True,
                          text=True, check=True)  # fmt: skip
    return done.stdout


def _add_columns(tree: Path, tables: list[str], name: str) -> None:
    models = tree / "db/models.py"
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
    from db.kinds import SPECS

    tables = [s.table for s in SPECS.values()]
    # 1. The declarations: one field of each record type, with an office sheet's words.
    kinds = tree / "db/kinds.py"
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
    versions = tree / "db/migrations/versions"
    from db.migrations import HEAD

    new = f"{max(int(p.name[:4]) for p in versions.glob('[0-9]*.py')) + 1:04d}"
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
    _edit(tree / "db/words.py", '    "field.notes": ("備考", "Notes"),\n',
          '    "field.budget": ("予算", "Budget"),\n'
          '    "field.hours": ("時間", "Hours"),\n')  # fmt: skip


CHECK = r"""
import os, subprocess, sys
from datetime import date
from pathlib import Path

import openpyxl

out = Path(sys.argv[1])
from db.database import open_database
from db import edit, rows
from db.fiscal import fy_period
from db.kinds import EventRow, LegRow

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

# The app: the list's column and the form's field.
from PySide6.QtWidgets import QApplication
app = QApplication([])
from desktop.list_models import EventTableModel
model = EventTableModel("ja")
with db.session() as s:
    model.set_rows(rows.events(s, FY))
from PySide6.QtCore import Qt
headers = [model.headerData(i, Qt.Orientation.Horizontal) for i in range(model.columnCount())]
assert "予算" in headers, headers
column = headers.index("予算")
assert model.data(model.index(0, column)) == "12,345", "list cell"
from desktop.declared_form import DeclaredForm
form = DeclaredForm("event_booth", db, FY, edit.values_of(db, uuid, "event_booth"), "ja")
assert form.values().budget == 12345, "form"
labels = [form.form.itemAt(i).widget().text() for i in range(form.form.rowCount() * 2)
          if form.form.itemAt(i) is not None and hasattr(form.form.itemAt(i).widget(), "text")]
assert "予算" in labels, labels

# The support case's fast paths: bulk insert, column-wise export, batch import, slim list.
from db.enums import RequesterCategory
from db.kinds import CaseRow
from db.records import bulk_insert_cases
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
    slim = rows.case_list(s, FY)
from desktop.case_model import CaseTableModel
cases = CaseTableModel("ja")
cases.set_rows(slim)
heads = [cases.headerData(i, Qt.Orientation.Horizontal) for i in range(cases.columnCount())]
at = heads.index("時間")
assert sorted(cases.data(cases.index(r, at)) for r in range(2)) == ["", "7"], "case list"
with third.session() as s:
    seven = next(c.sync.uuid for c in rows.cases(s, FY) if c.hours == 7)
case_form = DeclaredForm("support_case", third, FY, edit.values_of(third, seven), "ja")
assert case_form.values().hours == 7, "case form"
texts = [case_form.form.itemAt(i).widget().text() for i in range(case_form.form.count())
         if hasattr(case_form.form.itemAt(i).widget(), "text")]
assert "時間" in texts, texts

# Every kind: its budget travels through the workbooks, an office's own sheet names it,
# and the check holds it to its rules.
from db.demo import load_demo
from db.integrity import check_file
from db.kinds import SPECS, legacy_kinds
from db.offices import OFFICE_CODES
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
    for package in PACKAGES:
        shutil.copytree(ROOT / package, tree / package,
                        ignore=shutil.ignore_patterns("__pycache__"))  # fmt: skip
    _git(tree, "init", "-q")
    _git(tree, "add", "-A")
    _git(tree, "commit", "-q", "-m", "the source as it is")
    _add_budget(tree)
    _git(tree, "add", "-A")
    changed = _git(tree, "diff", "--cached", "--name-only").split()
    assert len(changed) <= 4, changed
    assert {p for p in changed if "migrations/versions/" not in p} == {
        "db/kinds.py", "db/models.py", "db/words.py"}, changed  # fmt: skip
    out = tmp_path / "out"
    out.mkdir()
    env = {**os.environ, "PYTHONPATH": str(tree), "OFFICE_LEDGER_HOME": str(tmp_path / "home"),
           "QT_QPA_PLATFORM": "offscreen"}  # fmt: skip
    done = subprocess.run([sys.executable, "-c", CHECK, str(out)], cwd=tree, env=env,
                          capture_output=True, text=True, timeout=600)  # fmt: skip
    assert done.returncode == 0, done.stderr[-3000:]
    assert "budget reached every part" in done.stdout
