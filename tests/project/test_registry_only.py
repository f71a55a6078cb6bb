"""The registry (db/schema/kinds.py) is the only per-kind table (issue #22).

A record kind's table name (``seminar``, ``event_leg``...) in a string, or a
``RecordKind.SEMINAR`` member, outside db/schema/kinds.py is a hand-typed list of kinds in
the making. Each module that still names kinds is listed below with the names it may
use and why; a new module naming a kind, or a listed module naming another kind, fails
here: loop over ``db.schema.kinds.SPECS`` (or ``EDITED``, ``MERGE_ORDER``) instead, or add the
module here with its reason.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

from db.schema.kinds import SPECS, RecordKind

ROOT = Path(__file__).resolve().parents[2]
PACKAGES = ("db", "exports", "office_ledger", "desktop")

CASE, EVENT, LEG, TOWNS = "support_case", "event_booth", "event_leg", "event_municipality"
LETTER, ISSUE, JETAA, SESSION = "newsletter", "newsletter_issue", "jetaa_event", "jetaa_session"
FIRST_FOUR = {CASE, EVENT, ISSUE, JETAA}
YEAR = {"seminar", "publication", "media_work", "cooking_event", "research_request",
        "seconded_staff"}  # fmt: skip

# module -> (the kinds' tables it may name, why)
ALLOWED: dict[str, tuple[set[str], str]] = {
    "db/storage/models.py": (
        {
            t
            for s in SPECS.values()
            for t in (
                s.table,
                *(c.table for c in s.children),
                *(f.codes_in.table for f in s.code_lists if f.codes_in),
            )
        },
        "the SQLAlchemy models name their tables, as Alembic wants them",
    ),
    "db/schema/words.py": (YEAR | {LETTER}, "the catalogue's keys (report sections, nouns)"),
    "db/tally/figures.py": (
        {s.table for s in SPECS.values()},
        "each figure says which kind it counts",
    ),
    "db/tally/tallies.py": (FIRST_FOUR | {LETTER, LEG, SESSION}, "the figures' SQL"),
    "db/tally/year_tallies.py": (
        YEAR | {"seminar_session", "media_municipality", "cooking_organisation"},
        "the figures' SQL",
    ),
    "db/storage/tally_summary.py": ({CASE}, "the support cases' day summary and its triggers"),
    "db/storage/pg/dialect.py": ({CASE}, "the day summary's PostgreSQL trigger (issue #23)"),
    "db/read/first_look.py": ({CASE, EVENT, JETAA}, "sqlite3 alone, before SQLAlchemy loads"),
    "db/read/case_list.py": ({CASE}, "the slim list rows of 100,000 cases"),
    "db/records/write.py": ({CASE}, "the support cases' bulk insert"),
    "db/records/edit.py": ({CASE, ISSUE}, "an issue names its newsletter by title"),
    "db/records/store.py": ({CASE, LETTER, ISSUE}, "the case batch; an issue's newsletter"),
    "db/records/history.py": ({LETTER, ISSUE}, "an issue's office is its newsletter's"),
    "db/read/rows.py": ({CASE, EVENT, JETAA, LETTER, ISSUE}, "named readers; an issue's join"),
    "db/read/lookups.py": ({CASE}, "the slim case list"),
    "exports/xlsx/schema.py": (
        {CASE, EVENT, LEG, TOWNS, LETTER, ISSUE, JETAA, SESSION},
        "workbook format 1, frozen as older apps wrote it",
    ),
    "exports/xlsx/cases.py": ({CASE}, "the cases' column-wise fast path"),
    "exports/xlsx/read.py": ({CASE}, "the cases' column-wise fast path"),
    "exports/xlsx/checks.py": ({CASE}, "the cases' column-wise fast path"),
    "exports/xlsx/export.py": ({CASE, LETTER}, "tombstoned cases; newsletters travel whole"),
    "exports/xlsx/cells.py": ({ISSUE}, "an issue's newsletter UUID"),
    "exports/pdf/data.py": ({ISSUE}, "an issue's newsletter title"),
    "exports/legacy/importer.py": (
        {CASE, JETAA, ISSUE},
        "per-kind hooks of the office-sheet import",
    ),
    "exports/report_tables.py": (
        YEAR | {EVENT, JETAA},
        "#24's report tables (to read db/tally/figures.py's FIGURES)",
    ),
    "exports/xlsx/consolidate.py": ({EVENT, JETAA}, "#24's HQ workbook: the report's tables"),
    "office_ledger/cli/selftest.py": ({LETTER}, "the self-test's sample record"),
    "desktop/pages/list_page.py": ({CASE}, "the start-up benchmark's markers (cases)"),
    "desktop/forms/hooks.py": (FIRST_FOUR, "what a kind's form does beyond its declaration"),
    "desktop/shell/window.py": (FIRST_FOUR, "the window's .cases, .events, .issues, .jetaa"),
    "desktop/pages/hooks.py": (
        FIRST_FOUR | YEAR | {LETTER},  # LETTER: "Filter by newsletter, …"
        "what a kind's page shows beyond its declaration",
    ),
    "desktop/pages/sent_board.py": (FIRST_FOUR, "the HQ board's columns per kind"),
    "desktop/dialogs/restore.py": ({CASE}, "a backup's support cases, in words"),
}


def _names() -> re.Pattern[str]:
    tables = {t for s in SPECS.values() for t in (s.table, *(c.table for c in s.children),
              *(f.codes_in.table for f in s.code_lists if f.codes_in))}  # fmt: skip
    words = "|".join(sorted(tables, key=len, reverse=True))
    return re.compile(rf"(?<![\w.])({words})(?![\w.])")  # not a words key (noun.seminar)


def named_kinds(path: Path) -> set[str]:
    """The kinds' tables a module names: in its strings (not docstrings) and as
    ``RecordKind`` members."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    docs = {id(n.body[0].value) for n in ast.walk(tree)
            if isinstance(n, ast.Module | ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef)
            and n.body and isinstance(n.body[0], ast.Expr)
            and isinstance(n.body[0].value, ast.Constant)}  # fmt: skip
    pattern, members = _names(), {k.name for k in RecordKind}
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docs:
            found |= set(pattern.findall(node.value))
        elif (isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name)
              and node.value.id == "RecordKind" and node.attr in members):  # fmt: skip
            found.add(RecordKind[node.attr].value)
    return found


def _modules() -> list[Path]:
    return sorted(p for pkg in PACKAGES for p in (ROOT / pkg).rglob("*.py")
                  if "versions" not in p.parts and p != ROOT / "db/schema/kinds.py")  # fmt: skip


def test_kinds_are_named_only_in_the_registry_and_its_allow_list() -> None:
    outside = {}
    for path in _modules():
        name = path.relative_to(ROOT).as_posix()
        extra = named_kinds(path) - ALLOWED.get(name, (set(), ""))[0]
        if extra:
            outside[name] = sorted(extra)
    assert outside == {}, "loop over db.schema.kinds.SPECS, or allow the module here with why"


def test_the_allow_list_holds_no_module_that_no_longer_needs_it() -> None:
    stale = {name for name, (tables, _) in ALLOWED.items()
             if not (ROOT / name).exists() or not named_kinds(ROOT / name)}  # fmt: skip
    assert stale == set()


def test_the_finder_sees_a_hand_typed_list_of_kinds(tmp_path: Path) -> None:
    module = tmp_path / "m.py"
    module.write_text('"""Docstrings may say seminar."""\nfrom db.schema.kinds import RecordKind\n'
                      'KINDS = ("support_case", RecordKind.SEMINAR, "noun.publication")\n'
                      'SQL = "SELECT 1 FROM media_work JOIN media_municipality"\n')  # fmt: skip
    assert named_kinds(module) == {"support_case", "seminar", "media_work",
                                   "media_municipality"}  # fmt: skip
