"""Adding a whole record kind touches five files, and it then reaches every part.

The worked example of docs/design.md (issue #22, item 7), done for real on a copy of the
source (a git repository of its own): school visits — a date, a school, how many took
part — counted in a tally figure of their own, by five edits: the declaration
(db/schema/kinds.py), the model (db/storage/models.py), one new migration file, the words
(db/schema/words.py) and the figure (db/tally/figures.py). The files touched are counted from the
copy's own diff. A fresh process then finds the kind in the form, the list, the
workbook going out and coming in, the guess of an office's own sheet, ``office-ledger
check``, the HQ board, ``tally --json`` and the PDF.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.source_copy import changed_files, copy_source, newest_revision, run_in_copy
from tests.support.source_copy import edit as _edit

pytestmark = pytest.mark.slow

ROW = '''

@dataclass(frozen=True, slots=True, kw_only=True)
class SchoolVisitRow:
    """A visit to a school (学校訪問): where, and how many took part."""

    id: int = 0
    sync: Sync = NO_SYNC
    office_code: str = _office()
    start_date: date = declare(T.DATE, "field.visited_on", required=True, excel=Excel(11),
                               legacy=Legacy(("訪問日", "日付", "date")))
    school: str = declare(T.TEXT, "field.school", required=True, max_length=200,
                          excel=Excel(30), in_pdf=60, searched=True,
                          legacy=Legacy(("学校名", "学校", "school")))
    participants: int | None = declare(T.COUNT, "field.participants", default=None,
                                       excel=Excel(10), in_pdf=20,
                                       legacy=Legacy(("参加者数", "参加者", "participants")))
    notes: str = _notes()
'''

MODEL = """

class SchoolVisit(SyncFields, Base):
    __tablename__ = "school_visit"

    office_code: Mapped[str] = mapped_column(ForeignKey("office.code"))
    start_date: Mapped[date] = mapped_column(Date)
    school: Mapped[str] = mapped_column(String(200))
    participants: Mapped[int | None] = mapped_column(Integer, default=None)
    notes: Mapped[str] = mapped_column(Text, default="")
"""

MIGRATION = '''"""school visits"""
from alembic import op

revision = "{new}"
down_revision = "{head}"
branch_labels = None
depends_on = None


def upgrade() -> None:
    from db.storage.models import SchoolVisit

    SchoolVisit.__table__.create(op.get_bind())


def downgrade() -> None:
    op.drop_table("school_visit")
'''


def _add_school_visits(tree: Path) -> None:
    """The five edits."""
    # 1. The declaration: the record, its kind and where it stands among the others.
    kinds = tree / "db/schema/kinds.py"
    _edit(kinds, '    SECONDED_STAFF = "seconded_staff"\n', '    SCHOOL_VISIT = "school_visit"\n')
    _edit(kinds, "\n\nRecord = (", ROW, before=True)
    _edit(kinds, '                 report_label="seconded_staff"),\n',
          '        KindSpec(RecordKind.SCHOOL_VISIT, SchoolVisitRow, "kind.school_visit",\n'
          '                 "noun.school_visit", slug="school-visits"),\n')  # fmt: skip
    _edit(kinds, "    RecordKind.SECONDED_STAFF,\n)\n# Newsletters before",
          "    RecordKind.SCHOOL_VISIT,\n", before=True)  # fmt: skip
    # 2. The model, and 3. one migration (the app finds the new head itself).
    models = tree / "db/storage/models.py"
    _edit(models, "\n\nSYNCED_MODELS: tuple", MODEL, before=True)
    _edit(models, "    SecondedStaff,\n)", "    SchoolVisit,\n", before=True)
    head, new = newest_revision(tree)
    (tree / f"db/storage/migrations/versions/{new}_school_visits.py").write_text(
        MIGRATION.format(new=new, head=head), encoding="utf-8"
    )
    # 4. The words, in Japanese and English.
    _edit(tree / "db/schema/words.py", '    "field.notes": ("備考", "Notes"),\n',
          '    "kind.school_visit": ("学校訪問", "School visits"),\n'
          '    "noun.school_visit": ("学校訪問", "school visit"),\n'
          '    "field.visited_on": ("訪問日", "Visited on"),\n'
          '    "field.school": ("学校名", "School"),\n'
          '    "tally.school_visits": ("学校訪問", "School visits"),\n'
          '    "tally.school_pupils": ("学校訪問参加者", "Pupils met"),\n')  # fmt: skip
    # 5. The figures: the visits, and how many took part.
    _edit(tree / "db/tally/figures.py", "\n)  # fmt: skip\n\n\nBY_KEY",
          '\n    TallyFigure(("school_visits", "visits"), "tally.school_visits",'
          " RecordKind.SCHOOL_VISIT, Counted(RecordKind.SCHOOL_VISIT), table=YEAR),"
          '\n    TallyFigure(("school_visits", "participants"), "tally.school_pupils",'
          " RecordKind.SCHOOL_VISIT, Counted(RecordKind.SCHOOL_VISIT, \"participants\"),"
          " table=YEAR, sub=True),",
          before=True)  # fmt: skip


CHECK = r"""
import json, subprocess, sys
from datetime import date, datetime, UTC
from pathlib import Path

import openpyxl

out = Path(sys.argv[1])
from db.storage.database import open_database
from db.records import edit
from db.schema.fiscal import fy_period
from db.schema.kinds import RecordKind, SPECS

FY = fy_period(2023)
KIND = RecordKind("school_visit")
Row = SPECS[KIND].row_type
db = open_database(out / "a.sqlite3")
uuid = edit.create(db, KIND, Row(office_code="PAR", start_date=date(2023, 10, 5),
                                 school="Lycée Jean-Moulin", participants=31))
edit.create(db, KIND, Row(office_code="PAR", start_date=date(2023, 11, 9),
                          school="École de Montmartre", participants=12))
edit.create(db, KIND, Row(office_code="LON", start_date=date(2023, 6, 1),
                          school="Hackney School"))
assert edit.values_of(db, uuid, KIND).participants == 31, "edit"

# tally --json: the new figure, per office and in the total.
CLI = [sys.executable, "-c",
       "import sys; from office_ledger.cli.commands import main; sys.exit(main())"]
done = subprocess.run([*CLI, "--db", str(out / "a.sqlite3"), "tally", "--fy", "2023", "--json"],
                      capture_output=True, text=True)
assert done.returncode == 0, done.stderr
tally = json.loads(done.stdout)
assert tally["offices"]["PAR"]["school_visits"] == {"visits": 2, "participants": 43}, tally
assert tally["total"]["school_visits"] == {"visits": 3, "participants": 43}, tally["total"]

# The workbook out and in again (the laptop keeps its export marks, as the app does).
from exports import sent_marks
sent_marks.use(out / "sent")
from exports.xlsx.export import export_office
from exports.xlsx.exchange import import_file
book = export_office(db, out / "par.xlsx", "PAR", FY).path
sheet = openpyxl.load_workbook(book)["学校訪問"]
header = [c.value for c in sheet[1]]
assert "学校名" in header, header
assert sorted(sheet.cell(r, header.index("学校名") + 1).value for r in (2, 3)) == [
    "Lycée Jean-Moulin", "École de Montmartre"]
hq = open_database(out / "hq.sqlite3")
result = import_file(hq, book)
from db.read.rows import READERS
with hq.session() as s:
    got = sorted((r.school, r.participants) for r in READERS[KIND](s, FY))
assert got == [("Lycée Jean-Moulin", 31), ("École de Montmartre", 12)], got

# The HQ board: the import counts the kind, and a visit added after the export is a change.
from exports.received import last_sent, received
counts = received(hq)[-1].counts
assert counts.get("school_visit") == 2, counts
from desktop.pages.sent_board import count_of
assert count_of(counts, "other") == 2, counts  # the board's column of the other work
edit.create(db, KIND, Row(office_code="PAR", start_date=date(2024, 1, 15), school="Collège"))
assert last_sent(db, "PAR").changed_since == 1, last_sent(db, "PAR")

# An office's own sheet: its columns guessed and its rows imported.
from exports.legacy.fields import guess
from exports.legacy.importer import import_legacy
assert guess(["訪問日", "学校名", "参加者数"], "school-visits") == {
    "start_date": 0, "school": 1, "participants": 2}
legacy = openpyxl.Workbook()
ws = legacy.active
ws.append(["訪問日", "学校名", "参加者数"])
ws.append(["2023-05-01", "Lycée Voltaire", 25])
legacy.save(out / "own.xlsx")
import_legacy(hq, out / "own.xlsx", "PAR", "school-visits", accept_guess=True)
with hq.session() as s:
    assert [r.participants for r in READERS[KIND](s, FY) if r.school == "Lycée Voltaire"] == [25]

# The PDF's record list.
from exports.pdf.report import write_summary
pdf = write_summary(db, out / "par.pdf", FY, "PAR", "ja")
text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True,
                      text=True, check=True).stdout
assert "学校訪問" in text and "Lycée Jean-Moulin" in text, text[-1500:]

# The app: the page's list and the form.
from PySide6.QtWidgets import QApplication
from PySide6.QtCore import Qt
app = QApplication([])
from desktop.pages.list_page import RecordPage
page = RecordPage(KIND, db, "ja")
model = page.model
with db.session() as s:
    model.set_rows(READERS[KIND](s, FY))
headers = [model.headerData(i, Qt.Orientation.Horizontal) for i in range(model.columnCount())]
assert "学校名" in headers, headers
at = headers.index("学校名")
listed = sorted(model.data(model.index(r, at)) for r in range(model.rowCount()))
assert listed == ["Collège", "Hackney School", "Lycée Jean-Moulin", "École de Montmartre"], listed
assert page.count_text().format(shown=2, total=4) == "4 件中 2 件の学校訪問", page.count_text()
assert page.title() == "学校訪問", page.title()
page.model.layoutChanged.emit()
form = page.make_form(edit.values_of(db, uuid, KIND))
assert form.values().school == "Lycée Jean-Moulin" and form.values().participants == 31
labels = [form.form.itemAt(i).widget().text() for i in range(form.form.count())
          if hasattr(form.form.itemAt(i).widget(), "text")]
assert "学校名" in labels and "参加者数" in labels, labels
form.close()
page.close()
db.close()

# office-ledger check: the kind's rules hold, a broken value is found.
import sqlite3
done = subprocess.run([*CLI, "--db", str(out / "a.sqlite3"), "check"], capture_output=True,
                      text=True)
assert done.returncode == 0, done.stdout + done.stderr
conn = sqlite3.connect(out / "a.sqlite3")
conn.execute("UPDATE school_visit SET participants = -4 WHERE uuid = ?", (uuid,))
conn.commit()
conn.close()
done = subprocess.run([*CLI, "--db", str(out / "a.sqlite3"), "check"], capture_output=True,
                      text=True)
assert done.returncode != 0 and "school_visit" in done.stdout + done.stderr, done.stdout
assert "Traceback" not in done.stderr, done.stderr
print("school visits reached every part")
"""


def test_a_kind_added_in_five_files_reaches_every_part(tmp_path: Path) -> None:
    tree = tmp_path / "src"
    copy_source(tree)
    _add_school_visits(tree)
    changed = changed_files(tree)
    assert len(changed) <= 5, changed
    assert {p for p in changed if "migrations/versions/" not in p} == {
        "db/schema/kinds.py", "db/storage/models.py", "db/schema/words.py",
        "db/tally/figures.py"}, changed  # fmt: skip
    out = tmp_path / "out"
    out.mkdir()
    done = run_in_copy(tree, tmp_path / "home", CHECK, str(out))
    assert done.returncode == 0, done.stderr[-3000:]
    assert "school visits reached every part" in done.stdout
