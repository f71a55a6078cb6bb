"""Adding a field to a record type touches four places, and it then reaches every part.

The worked example of docs/design.md, done for real: a copy of the source gets an
event booth ``budget`` field by four edits — the declaration (db/kinds.py), the model
(db/models.py), one migration (with the head it moves), and its label's words
(db/words.py) — and a fresh process then finds the field in the form, the list, the
workbook going out and coming in, an office's own sheet and the PDF's record table.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGES = ("db", "exports", "desktop", "office_ledger", "resources")

pytestmark = pytest.mark.slow


def _edit(path: Path, anchor: str, new: str, *, before: bool = False) -> None:
    text = path.read_text(encoding="utf-8")
    assert text.count(anchor) == 1, f"{path.name}: anchor {anchor!r} not found once"
    path.write_text(text.replace(anchor, new + anchor if before else anchor + new), "utf-8")


def _add_column(tree: Path, model: str, after: str, name: str) -> None:
    models = (tree / "db/models.py").read_text(encoding="utf-8")
    at = models.index(f"class {model}(")
    line_end = models.index("\n", models.index(after, at)) + 1
    models = (models[:line_end]
              + f"    {name}: Mapped[int | None] = mapped_column(Integer, default=None)\n"
              + models[line_end:])  # fmt: skip
    (tree / "db/models.py").write_text(models, encoding="utf-8")


def _add_budget(tree: Path) -> int:
    """The four edits, for an event's budget and a support case's hours (the support
    case has fast paths of its own: bulk writes, column-wise export and import, slim
    list rows); returns how many places they touched (the migration counts once)."""
    # 1. The declaration: one field of each record type.
    _edit(tree / "db/kinds.py", "    notes: str = _notes()\n    legs: tuple[LegRow, ...]",
          '    budget: int | None = declare(T.COUNT, "field.budget", default=None,'
          ' excel=Excel(10), in_pdf=12, legacy=Legacy(("予算", "budget")))\n',
          before=True)  # fmt: skip
    _edit(tree / "db/kinds.py", "    status: CaseStatus = declare(",
          '    hours: int | None = declare(T.COUNT, "field.hours", default=None,'
          ' excel=Excel(8), in_pdf=8, legacy=Legacy(("時間", "hours")))\n',
          before=True)  # fmt: skip
    # 2. The models: their columns.
    _add_column(tree, "EventBooth", "    notes: Mapped[str]", "budget")
    _add_column(tree, "SupportCase", "    staff: Mapped[str]", "hours")
    # 3. One migration, and the head it moves to.
    init = tree / "db/migrations/__init__.py"
    head = re.search(r'HEAD = "(\d+)"', init.read_text(encoding="utf-8"))
    assert head is not None
    old = head[1]  # the head may not be the highest number (branches are re-chained)
    taken = [int(p.name[:4]) for p in (tree / "db/migrations/versions").glob("[0-9]*.py")]
    new = f"{max(taken) + 1:04d}"
    (tree / f"db/migrations/versions/{new}_event_budget.py").write_text(textwrap.dedent(f'''\
        """event budget"""
        import sqlalchemy as sa
        from alembic import op

        revision = "{new}"
        down_revision = "{old}"
        branch_labels = None
        depends_on = None


        def upgrade() -> None:
            with op.batch_alter_table("event_booth") as batch:
                batch.add_column(sa.Column("budget", sa.Integer(), nullable=True))
            with op.batch_alter_table("support_case") as batch:
                batch.add_column(sa.Column("hours", sa.Integer(), nullable=True))


        def downgrade() -> None:
            with op.batch_alter_table("event_booth") as batch:
                batch.drop_column("budget")
            with op.batch_alter_table("support_case") as batch:
                batch.drop_column("hours")
        '''), encoding="utf-8")  # fmt: skip
    init.write_text(init.read_text(encoding="utf-8").replace(f'"{old}"', f'"{new}"'), "utf-8")
    # 4. The label's words, in Japanese and English.
    _edit(tree / "db/words.py", '    "field.notes": ("備考", "Notes"),\n',
          '    "field.budget": ("予算", "Budget"),\n'
          '    "field.hours": ("時間", "Hours"),\n')  # fmt: skip
    return 4


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
from desktop.record_forms import EventForm
form = EventForm(db, FY, edit.values_of(db, uuid, "event_booth"), "ja")
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
from desktop.case_form import CaseForm
case_form = CaseForm(third, FY, edit.values_of(third, seven), "ja")
assert case_form.values().hours == 7, "case form"
texts = [case_form.form.itemAt(i).widget().text() for i in range(case_form.form.count())
         if hasattr(case_form.form.itemAt(i).widget(), "text")]
assert "時間" in texts, texts
print("budget reached every part")
"""


def test_a_field_added_in_four_places_reaches_every_part(tmp_path: Path) -> None:
    tree = tmp_path / "src"
    for package in PACKAGES:
        shutil.copytree(ROOT / package, tree / package,
                        ignore=shutil.ignore_patterns("__pycache__"))  # fmt: skip
    assert _add_budget(tree) == 4
    out = tmp_path / "out"
    out.mkdir()
    env = {**os.environ, "PYTHONPATH": str(tree), "OFFICE_LEDGER_HOME": str(tmp_path / "home"),
           "QT_QPA_PLATFORM": "offscreen"}  # fmt: skip
    done = subprocess.run([sys.executable, "-c", CHECK, str(out)], cwd=tree, env=env,
                          capture_output=True, text=True, timeout=300)  # fmt: skip
    assert done.returncode == 0, done.stderr[-3000:]
    assert "budget reached every part" in done.stdout
