"""Versions a person can read (issue #19): the app said 0.1.0 before and after three
exchange formats and six migrations, and nobody could tell which app made a file.

The version follows semantic versioning and moves with the schema and the exchange
format (CHANGELOG.md's newest version names the schema and format it has: a new
migration or format without a new version fails here); ``--version``, the About
dialog, the workbook manifest, the PDF's creator and the mail's header all name it.
"""

from __future__ import annotations

import re
import subprocess
import sys
from email import policy
from email.parser import BytesParser
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from db.schema.appinfo import __version__
from db.schema.fiscal import fy_period

if TYPE_CHECKING:
    from pytestqt.qtbot import QtBot

    from db.storage.database import Database

ROOT = Path(__file__).resolve().parents[2]
SEMVER = re.compile(r"^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)$")
FY = fy_period(2023)


def _changelog() -> list[tuple[str, str]]:
    """(version, its section's text), newest first."""
    text = (ROOT / "CHANGELOG.md").read_text(encoding="utf-8")
    parts = re.split(r"^## (\S+)[^\n]*$", text, flags=re.MULTILINE)
    return list(zip(parts[1::2], parts[2::2], strict=True))


def test_the_version_is_semantic_and_the_changelog_names_it_with_schema_and_format() -> None:
    from db.storage.migrations import HEAD
    from exports.xlsx.schema import FORMAT_VERSION

    assert SEMVER.match(__version__)
    versions = _changelog()
    newest, section = versions[0]
    assert newest == __version__, "CHANGELOG.md's newest version is not db/schema/appinfo.py's"
    said = re.search(r"Schema (\d+) · exchange format (\d+)", section)
    assert said is not None, f"CHANGELOG {newest}: say 'Schema NNNN · exchange format N'"
    assert (said[1], int(said[2])) == (HEAD, FORMAT_VERSION), (
        "the schema or the exchange format changed: give the app a new version "
        "(db/schema/appinfo.py) and say so in CHANGELOG.md"
    )
    numbers = [tuple(int(n) for n in v.split(".")) for v, _ in versions]
    assert numbers == sorted(numbers, reverse=True) and len(set(numbers)) == len(numbers)
    assert numbers[0] > (0, 3, 0)  # 0.3.0 was the last landed state (main at 8f79cb3)


def test_version_flag_of_the_real_command() -> None:
    exe = Path(sys.executable).parent / "office-ledger"
    done = subprocess.run([str(exe), "--version"], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0 and done.stdout == f"office-ledger {__version__}\n"


def test_every_file_written_names_the_version(demo_db: Database, tmp_path: Path) -> None:
    from pypdf import PdfReader

    from exports.mail.message import compose, write_eml
    from exports.pdf.report import write_summary
    from exports.xlsx.export import export_office
    from exports.xlsx.read import read_export

    book = export_office(demo_db, tmp_path / "NYC.xlsx", "NYC", FY)
    assert read_export(book.path).manifest["app_version"] == __version__
    pdf = write_summary(demo_db, tmp_path / "NYC.pdf", FY, "NYC", "en")
    info = PdfReader(pdf).metadata
    assert info is not None and info.creator == f"Office Ledger {__version__}"
    from db.tally.tallies import tally

    with demo_db.session() as s:
        figures = tally(s, FY, "NYC").offices["NYC"]
    msg = compose(export_id=book.export_id, office="NYC", period=FY, figures=figures,
                  workbook=book.path, sender="", to="hq@clair.example", draft=True)  # fmt: skip
    draft = write_eml(msg, tmp_path / "d.eml")
    parsed = BytesParser(policy=policy.default).parsebytes(draft.read_bytes())
    assert parsed["X-Mailer"] == f"Office Ledger {__version__}"


@pytest.mark.gui
def test_help_about_shows_the_version_and_each_parts_licence(
    qtbot: QtBot, demo_db: Database
) -> None:
    from desktop.shell.app import MainWindow
    from desktop.shell.help_menu import AboutDialog
    from tests.support.widgets import cell_text

    window = MainWindow(demo_db)
    qtbot.addWidget(window)
    window.show()
    menus = [a.text().replace("&", "") for a in window.menuBar().actions()]
    assert menus[-1] in ("Help", "ヘルプ(H)", "ヘルプ")
    next(a for a in window.help_actions if "About" in a.text()).trigger()  # after the guide
    (dialog,) = window.findChildren(AboutDialog)
    from PySide6.QtWidgets import QLabel

    heading = dialog.findChild(QLabel, "about-version")
    assert dialog.isVisible() and heading is not None and __version__ in heading.text()
    rows = {cell_text(dialog.table, r, 0): (cell_text(dialog.table, r, 1),
                                            cell_text(dialog.table, r, 2))
            for r in range(dialog.table.rowCount())}  # fmt: skip
    import PySide6

    assert rows["PySide6"] == (PySide6.__version__, "LGPL-3.0-only")
    assert "Qt" in rows and "Python" in rows
    named = {k.lower(): v for k, v in rows.items()}
    for name in ("sqlalchemy", "reportlab", "openpyxl", "xlsxwriter", "keyring", "alembic"):
        assert name in named and named[name][1] not in ("", "?"), (name, named.get(name))
    from exports.pdf.fonts import japanese_font

    font = japanese_font().path
    fonts = [k for k in rows if font.name in k]
    assert len(fonts) == 1
    if font.name.lower().startswith("ipaex"):
        assert rows[fonts[0]][1] == "IPA Font License Agreement v1.0"
    dialog.close()
