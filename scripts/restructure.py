"""One-off, kept for the record: move db/, desktop/ and office_ledger/ into packages
that say what they hold, and tests' helpers into tests/support/ (issue #22, item 5).

Run from the repository's root on a clean work tree: ``python scripts/restructure.py``.
It

1. ``git mv``\\ s each module of :data:`MOVES` to its new place (a module already moved,
   or gone, is skipped);
2. writes each package's ``__init__.py`` docstring (:data:`PACKAGES`: what the package
   is for and what it may import; ``tests/test_layers.py`` reads the "May import:" line
   and enforces it), keeping any code below the docstring (step 3 rewrites only that
   code: it would read ``db.records`` in the docstring as the old module);
3. rewrites every reference to a moved module in every tracked text file:
   ``import x.y``, ``from x.y import z``, ``from x import y`` where ``y`` is a moved
   module (split when its names go to different packages), lazy imports inside
   functions, attribute chains such as ``db.rows.case_list`` where ``db`` is the
   package, dotted names in strings, comments and docs (patch targets, importlib
   names, hidden imports, entry points), file paths (``db/kinds.py``,
   ``"db" / "migrations"``), and the helpers once imported from other test modules
   (:data:`SYMBOLS`);
4. writes the map of the packages into docs/design.md, between two markers, from the
   packages' docstrings and each module's first line;
5. prints the modules it does not know (new since it was written): they stay where
   they are, for a person to place.

It is idempotent: run on its own result it changes nothing. A name that is both a
moved module and a package now (``db.records``, ``db.demo``, ``desktop.pages``,
``office_ledger.cli``) is read as the new package when what follows it is one of the
package's modules, else as the old module. CHANGELOG.md is history and is left alone.
Standard library only, so it runs before the virtual environment exists.
"""

from __future__ import annotations

import ast
import io
import re
import subprocess
import sys
import textwrap
import tokenize
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TOPS = ("db", "desktop", "office_ledger", "tests")
PROJECT = (*TOPS, "exports", "resources")

# old module -> new module (a package, db.migrations, moves whole)
MOVES: dict[str, str] = {
    # db.schema: what a ledger holds, declared once
    "db.kinds": "db.schema.kinds",
    "db.fields": "db.schema.fields",
    "db.enums": "db.schema.enums",
    "db.words": "db.schema.words",
    "db.offices": "db.schema.offices",
    "db.countries": "db.schema.countries",
    "db.fiscal": "db.schema.fiscal",
    "db.errors": "db.schema.errors",
    "db.counting": "db.schema.plurals",
    "db.appinfo": "db.schema.appinfo",
    # db.storage: the file, its tables, and keeping it whole
    "db.base": "db.storage.base",
    "db.models": "db.storage.models",
    "db.migrations": "db.storage.migrations",
    "db.database": "db.storage.database",
    "db.dbfile": "db.storage.dbfile",
    "db.opening": "db.storage.opening",
    "db.lock": "db.storage.lock",
    "db.machine": "db.storage.machine",
    "db.clock": "db.storage.clock",
    "db.integrity": "db.storage.integrity",
    "db.check_gate": "db.storage.check_gate",
    "db.check_memory": "db.storage.check_memory",
    "db.backup": "db.storage.backup",
    "db.failures": "db.storage.failures",
    "db.schema_apps": "db.storage.schema_apps",
    "db.tally_summary": "db.storage.tally_summary",
    # db.records: the write path
    "db.records": "db.records.write",
    "db.edit": "db.records.edit",
    "db.rules": "db.records.rules",
    "db.checks": "db.records.checks",
    "db.store": "db.records.store",
    "db.history": "db.records.history",
    "db.history_view": "db.records.history_view",
    # db.tally: the figures headquarters prints
    "db.tallies": "db.tally.tallies",
    "db.year_tallies": "db.tally.year_tallies",
    "db.breakdowns": "db.tally.breakdowns",
    "db.figures": "db.tally.figures",
    "db.sqlrows": "db.tally.sqlrows",
    # db.read: records read as plain values
    "db.rows": "db.read.rows",
    "db.case_list": "db.read.case_list",
    "db.lookups": "db.read.lookups",
    "db.queries": "db.read.queries",
    "db.first_look": "db.read.first_look",
    "db.search": "db.read.search",
    "db.requester": "db.read.requester",
    # db.sync: versions from other laptops
    "db.merge": "db.sync.merge",
    "db.conflicts": "db.sync.conflicts",
    "db.shown": "db.sync.sides",
    "db.batch": "db.sync.batch",
    "db.bulk": "db.sync.bulk",
    # db.demo: the FY2023 demo year
    "db.demo": "db.demo.year",
    "db.demo_cases": "db.demo.cases",
    # desktop.kit: what every part of the window uses
    "desktop.i18n": "desktop.kit.i18n",
    "desktop.tasks": "desktop.kit.tasks",
    "desktop.markers": "desktop.kit.markers",
    "desktop.fit": "desktop.kit.fit",
    "desktop.accessible": "desktop.kit.accessible",
    "desktop.reasons": "desktop.kit.reasons",
    "desktop.crash": "desktop.kit.crash",
    "desktop.signal_refs": "desktop.kit.signal_refs",
    # desktop.models: Qt models of records
    "desktop.record_model": "desktop.models.records",
    "desktop.list_models": "desktop.models.lists",
    "desktop.case_model": "desktop.models.cases",
    "desktop.conflict_models": "desktop.models.conflicts",
    # desktop.forms: a record's form
    "desktop.form_base": "desktop.forms.base",
    "desktop.case_form": "desktop.forms.case",
    "desktop.record_forms": "desktop.forms.events_and_issues",
    "desktop.declared_form": "desktop.forms.declared",
    "desktop.date_field": "desktop.forms.date_field",
    "desktop.stops_table": "desktop.forms.stops",
    "desktop.history_panel": "desktop.forms.history_panel",
    "desktop.form_hooks": "desktop.forms.hooks",
    # desktop.dialogs
    "desktop.mapping_dialog": "desktop.dialogs.mapping",
    "desktop.restore_dialog": "desktop.dialogs.restore",
    "desktop.settings_dialog": "desktop.dialogs.settings",
    "desktop.summary": "desktop.dialogs.pdf_preview",
    "desktop.user_guide": "desktop.dialogs.user_guide",
    "desktop.hq_address": "desktop.dialogs.hq_address",
    # desktop.pages: the window's tabs
    "desktop.record_page": "desktop.pages.list_page",
    "desktop.cases_page": "desktop.pages.cases",
    "desktop.pages": "desktop.pages.events_and_issues",
    "desktop.year_pages": "desktop.pages.year_work",
    "desktop.dashboard": "desktop.pages.tallies",
    "desktop.month_chart": "desktop.pages.month_chart",
    "desktop.sync_page": "desktop.pages.sync",
    "desktop.sent_board": "desktop.pages.sent_board",
    "desktop.conflicts_page": "desktop.pages.conflicts",
    "desktop.chips": "desktop.pages.chips",
    "desktop.commands": "desktop.pages.commands",
    # desktop.shell: the window, its start and its menus
    "desktop.app": "desktop.shell.app",
    "desktop.startup": "desktop.shell.startup",
    "desktop.late_open": "desktop.shell.late_open",
    "desktop.window": "desktop.shell.window",
    "desktop.help_menu": "desktop.shell.help_menu",
    "desktop.file_actions": "desktop.shell.file_actions",
    "desktop.drops": "desktop.shell.drops",
    "desktop.safety": "desktop.shell.safety",
    "desktop.sigint": "desktop.shell.sigint",
    # office_ledger.cli: the command line (the services stay in office_ledger/)
    "office_ledger.cli": "office_ledger.cli.commands",
    "office_ledger.cli_backup": "office_ledger.cli.backup",
    "office_ledger.cli_conflicts": "office_ledger.cli.conflicts",
    "office_ledger.cli_history": "office_ledger.cli.history",
    "office_ledger.cli_mail": "office_ledger.cli.mail",
    "office_ledger.cli_paths": "office_ledger.cli.args",
    "office_ledger.interrupt": "office_ledger.cli.interrupt",
    "office_ledger.selftest": "office_ledger.cli.selftest",
    "office_ledger.tally_text": "office_ledger.cli.tally_text",
    "office_ledger.text_table": "office_ledger.cli.text_table",
    # tests' helpers
    "tests.factories": "tests.support.factories",
    "tests.widgets": "tests.support.widgets",
    "tests.xlsxedit": "tests.support.xlsxedit",
    "tests.pdfcheck": "tests.support.pdfcheck",
    "tests.safety_help": "tests.support.safety_help",
    "tests.smtpserver": "tests.support.smtpserver",
    "tests.conflict_setup": "tests.support.conflict_setup",
    "tests.locked_books": "tests.support.locked_books",
    "tests.source_copy": "tests.support.source_copy",
}

# Modules that stay where they are (the app's services, shared by the window and the
# command line); anything else left at the top of a package is reported.
STAY = {"office_ledger.about", "office_ledger.paths", "office_ledger.settings",
        "office_ledger.sending", "office_ledger.import_text"}  # fmt: skip

# (test module, name) -> the helper module that holds it now (moved by hand)
SYMBOLS: dict[tuple[str, str], str] = {
    ("tests.test_xlsx", "snapshot"): "tests.support.snapshot",
    ("tests.test_mail", "make_message"): "tests.support.mail",
    ("tests.test_mail_failures", "Refusing"): "tests.support.smtpserver",
    ("tests.test_mail_failures", "smtp_server"): "tests.support.smtpserver",
    ("tests.test_safety_gui", "_answer"): "tests.support.safety_help",
    ("tests.test_safety_gui", "_damage"): "tests.support.safety_help",
    ("tests.test_check_gate", "a_case"): "tests.support.factories",
    ("tests.test_fits_screen", "_forms"): "tests.support.widgets",
    ("tests.test_legacy", "messy_workbook"): "tests.support.sheets",
    ("tests.test_hand_typed_rows", "FORGOTTEN"): "tests.support.sheets",
    ("tests.test_hand_typed_rows", "typed_row"): "tests.support.sheets",
    ("tests.test_drops", "_window"): "tests.support.drops",
    ("tests.test_drops", "drop"): "tests.support.drops",
}
RENAMED_SYMBOLS = {"_answer": "answer", "_damage": "damage", "_forms": "every_form",
                   "_window": "shown_window"}  # fmt: skip

_DB = "any library but Qt; never ``desktop``, ``exports`` nor ``office_ledger``"
_QT = "PySide6, ``db``, ``exports``, and of ``office_ledger`` only the app's services"
_SERVICES = ("``office_ledger.about``, ``office_ledger.paths``, ``office_ledger.settings``, "
             "``office_ledger.sending``, ``office_ledger.import_text``")  # fmt: skip

# package -> its __init__ docstring
PACKAGES: dict[str, str] = {
    "db": f"""Office Ledger's domain: what a ledger holds, how it is stored, written, read,
tallied and merged with other laptops' files. Nothing here imports Qt; the window
(``desktop``), the files (``exports``) and the command line (``office_ledger``) build
on it. Its floors, each a package that imports only those below it: ``schema``,
``storage``, ``records``, ``tally``, ``read``, ``sync``; ``demo`` beside them.

May import: ``db``, ``resources`` ({_DB}).
""",
    "db.schema": f"""The declarations: the record kinds and their fields, the closed vocabularies,
the domain's words in Japanese and English, offices, countries, fiscal years, the
known errors and the app's version. What a ledger holds, said once; no database here.

May import: nothing else of the project ({_DB}).
""",
    "db.storage": f"""The ledger file: its tables (SQLAlchemy models) and Alembic migrations,
opening and creating it, the one writer's lock, which laptop and which copy it is,
its device identity and clock, SQLite's checks and the ledger's invariants, backups.
The one door to the database; the floors above ask it for a session.

May import: ``db.schema`` ({_DB}).
""",
    "db.records": f"""The write path: every change to a record, one at a time (a form's edit, an
undo) or in bulk, stamped with a version; the rules a record keeps; its history.

May import: ``db.schema``, ``db.storage`` ({_DB}).
""",
    "db.tally": f"""The figures headquarters prints: the tallies of a period per office, the
office's other work of the year, breakdowns for charts, and the one list of figures.

May import: ``db.schema``, ``db.storage`` ({_DB}).
""",
    "db.read": f"""Records read as plain, immutable values: the lists, the small lookups the
window's widgets need, the first look before SQLAlchemy loads, search, and the
requester category suggested from a name.

May import: ``db.schema``, ``db.storage``, ``db.records``, ``db.tally`` ({_DB}).
""",
    "db.sync": f"""Versions made on other laptops: the merge (plan, then apply), conflicts a
person settles and their two sides field by field, incoming records held as columns.

May import: ``db.schema``, ``db.storage``, ``db.records``, ``db.read`` ({_DB}).
""",
    "db.demo": f"""The FY2023 demo year: the report's records from ``resources/fy2023`` and
support cases generated to match its counts.

May import: ``db``, ``resources`` ({_DB}).
""",
    "desktop": f"""The Qt desktop app; the only package that imports PySide6, and nothing
imports it but the command line's GUI entry. Its rooms: ``shell`` (the window, its
start and menus), ``pages`` (the tabs), ``forms``, ``dialogs``, ``models`` (Qt
models of records), ``kit`` (what they all use).

May import: ``desktop``, ``db``, ``exports``, ``resources``, {_SERVICES} ({_QT}).
""",
    "desktop.kit": f"""What every part of the window uses: translations, the background task
runner, start-up markers, fitting a window to the screen, accessible names, failures
said as sentences, the crash handler.

May import: ``db``, ``exports``, ``resources``, {_SERVICES} ({_QT}).
""",
    "desktop.models": f"""Qt models of records: one table model for every record list, its columns
from the kind's declaration, the support cases' filters, the conflicts side by side.

May import: ``desktop.kit``, ``db``, ``exports``, {_SERVICES} ({_QT}).
""",
    "desktop.forms": f"""A record's form: what every form shares, each kind's form (made from its
declaration, or by hand for the first four kinds), dates typed as text, legs and
sessions, and the History panel.

May import: ``desktop.kit``, ``desktop.models``, ``db``, ``exports``, {_SERVICES} ({_QT}).
""",
    "desktop.dialogs": f"""The dialogs: an office sheet's column mapping, restore from a backup,
first run and settings, the PDF summary's preview, the user guide.

May import: ``desktop.kit``, ``desktop.models``, ``desktop.forms``, ``db``, ``exports``,
``resources``, {_SERVICES} ({_QT}).
""",
    "desktop.pages": f"""The window's tabs: the tallies, a list page per record kind, sync (with who
has sent what) and conflicts, and the undoable commands their edits make.

May import: ``desktop.kit``, ``desktop.models``, ``desktop.forms``, ``desktop.dialogs``,
``db``, ``exports``, {_SERVICES} ({_QT}).
""",
    "desktop.shell": f"""The main window and its start: ``run()``, the database opened once the
window has painted, the menus and the File menu's work, dropped workbooks, and the
window's part in keeping the ledger safe (one writer, backups, restore).

May import: ``desktop``, ``db``, ``exports``, ``resources``, {_SERVICES} ({_QT}).
""",
    "office_ledger": """Office Ledger, the application: the app's services, shared by the window
and the command line (settings, where files live, sending to headquarters, the About
text, an import's preview in words), and the command line itself (``cli``).

May import: ``office_ledger``, ``db``, ``exports``, ``resources``, ``desktop`` (the
command line's GUI entry and self-test only: ``tests/test_layers.py``).
""",
    "office_ledger.cli": """The ``office-ledger`` command: its arguments, each command's work and
words, Ctrl-C, and ``--self-test``. Nothing but the entry point imports it.

May import: ``office_ledger``, ``db``, ``exports``, ``resources``, ``desktop`` (to
start the window, and to paint it in the self-test).
""",
    "tests.support": """What the tests share: record factories, widget helpers, workbook and PDF
readers, a real SMTP server on loopback, ledgers made damaged or conflicted. A test
module imports these, never another test module.
""",
}

_DOTTED = re.compile(r"(?<![\w.])((?:db|desktop|office_ledger|tests)(?:\.\w+)+)")
_PATH = re.compile(r"(?<![\w./-])((?:db|desktop|office_ledger|tests)(?:/\w+)+)(\.py)?(?!\w)")
_JOIN = re.compile(r"([\"'])(db|desktop|office_ledger|tests)\1((?:\s*/\s*([\"'])[\w.]+\4)+)")
_PARTS = re.compile(r"([\"'])([\w.]+)\1")
MARK_START = "<!-- the map of the packages: written by scripts/restructure.py -->"
MARK_END = "<!-- end of the map -->"


def is_module(name: str) -> bool:
    path = ROOT.joinpath(*name.split("."))
    return path.with_suffix(".py").is_file() or (path / "__init__.py").is_file()


def is_package(name: str) -> bool:
    return (ROOT.joinpath(*name.split(".")) / "__init__.py").is_file()


def moved(dotted: str) -> str:
    """``dotted`` with a moved module's name replaced by its new one (unchanged when it
    names no moved module, or names a module of a package that has the old name)."""
    parts = dotted.split(".")
    for (module, name), target in SYMBOLS.items():
        if parts[:2] == module.split(".") and len(parts) > 2 and parts[2] == name:
            return ".".join([target, RENAMED_SYMBOLS.get(name, name), *parts[3:]])
    for i in range(len(parts), 0, -1):
        old = ".".join(parts[:i])
        if old in MOVES:
            if is_package(old) and i < len(parts) and is_module(f"{old}.{parts[i]}"):
                return dotted  # already the new package's module
            return ".".join([MOVES[old], *parts[i:]])
    return dotted


def moved_path(path: str, suffix: str) -> str:
    """A file path (``db/kinds.py``) or folder (``db/migrations/versions``), moved."""
    dotted = path.replace("/", ".")
    if not suffix and dotted in MOVES and not MOVES[dotted].endswith("migrations"):
        return path  # a module named without .py is a folder (the new package)
    return moved(dotted).replace(".", "/")


def _join(m: re.Match[str]) -> str:
    """``"db" / "kinds.py"`` (a path joined in code), moved."""
    q = m.group(1)
    parts = [m.group(2), *(p.group(2) for p in _PARTS.finditer(m.group(3)))]
    last = parts[-1]
    suffix = ".py" if last.endswith(".py") else ""
    if "." in last.removesuffix(".py") or any("." in p for p in parts[:-1]):
        return m.group(0)
    parts[-1] = last.removesuffix(".py")
    new = moved_path("/".join(parts), suffix).split("/")
    new[-1] += suffix
    return " / ".join(f"{q}{p}{q}" for p in new)


def _path(m: re.Match[str]) -> str:
    """A path; ``desktop/safety.watch`` (a path, then a name in it) is a module's too."""
    suffix = m.group(2) or ""
    named = not suffix and re.match(r"\.[A-Za-z_]", m.string[m.end() :]) is not None
    return moved_path(m.group(1), suffix or (".py" if named else "")) + suffix


def from_import(module: str, names: list[tuple[str, str | None]]) -> dict[str, list[str]]:
    """``from module import names`` moved: the names, by the module each comes from now
    (``from db import edit, fiscal`` comes from two packages)."""
    groups: dict[str, list[str]] = {}
    for name, asname in names:
        new_module, new_name = moved(f"{module}.{name}").rsplit(".", 1)
        as_ = f" as {asname}" if asname else ""
        if new_name != name and not asname:
            as_ = f" as {name}"
        groups.setdefault(new_module, []).append(new_name + as_)
    return groups


_FROM = re.compile(
    r"(?m)^([ \t]*)from ((?:db|desktop|office_ledger|tests)(?:\.\w+)*) import (\w+(?: as \w+)?"
    r"(?:, \w+(?: as \w+)?)*)[ \t]*$"
)


def _from_line(m: re.Match[str]) -> str:
    """A one-line ``from x import y`` in text (code run in a subprocess, a README)."""
    names = [(n.split(" as ")[0], n.split(" as ")[1] if " as " in n else None)
             for n in m.group(3).split(", ")]  # fmt: skip
    same = m.group(3).split(", ")
    groups = from_import(m.group(2), names)
    if groups == {m.group(2): same}:
        return m.group(0)
    return "\n".join(f"{m.group(1)}from {mod} import {', '.join(ns)}" for mod, ns in groups.items())


def _dotted(m: re.Match[str]) -> str:
    line_start = m.string.rfind("\n", 0, m.start()) + 1
    if _FROM.match(m.string, line_start) and m.string[line_start : m.start()].strip() == "from":
        return m.group(0)  # a from-import line: _FROM has read it whole
    return moved(m.group(1))


def in_text(text: str) -> str:
    """Every module name, file path and path join in free text, moved."""
    text = _FROM.sub(_from_line, text)
    text = _DOTTED.sub(_dotted, text)
    text = _PATH.sub(_path, text)
    return _JOIN.sub(_join, text)


def _offsets(text: str) -> list[int]:
    """Where each line starts (lines end at newlines only, as for ast and tokenize)."""
    return [0] + [m.end() for m in re.finditer("\n", text)]


def _own_nodes(scope: ast.AST) -> list[ast.AST]:
    """The nodes of a scope, not those of the functions defined in it."""
    out: list[ast.AST] = []
    todo = list(ast.iter_child_nodes(scope))
    while todo:
        node = todo.pop()
        out.append(node)
        if not isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda, ast.ClassDef)):
            todo += ast.iter_child_nodes(node)
    return out


def _names_package(nodes: list[ast.AST], top: str) -> bool | None:
    """True when these nodes import ``top.x`` (binding ``top``), False when they bind
    ``top`` to something else, None when they do neither."""
    found: bool | None = None
    for node in nodes:
        if isinstance(node, ast.Name) and node.id == top and isinstance(node.ctx, ast.Store):
            return False
        if isinstance(node, ast.arg) and node.arg == top:
            return False
        if isinstance(node, (ast.Import, ast.ImportFrom)):
            for a in node.names:
                is_from = isinstance(node, ast.ImportFrom)
                if a.asname == top or (is_from and a.name == top and not a.asname):
                    return False
                if not is_from and a.asname is None and a.name.split(".")[0] == top:
                    found = True
    return found


def in_python(text: str) -> str:
    """Imports, package attribute chains, strings and comments of a Python file."""
    try:
        tree = ast.parse(text)
    except SyntaxError:
        print(f"  not Python 3 here, read as text: {text[:40]!r}", file=sys.stderr)
        return in_text(text)
    starts = _offsets(text)

    def at(line: int, col: int) -> int:
        # ast and tokenize count columns in UTF-8 bytes and characters respectively
        return starts[line - 1] + col

    def char_col(line: int, byte_col: int) -> int:
        src = text[starts[line - 1] : starts[line] if line < len(starts) else None]
        return len(src.encode("utf-8")[:byte_col].decode("utf-8", "replace"))

    def span(node: ast.AST) -> tuple[int, int]:
        start = at(node.lineno, char_col(node.lineno, node.col_offset))  # type: ignore[attr-defined]
        end = at(node.end_lineno, char_col(node.end_lineno, node.end_col_offset))  # type: ignore[attr-defined]
        return start, end

    edits: list[tuple[int, int, str]] = []
    bound: dict[str, bool] = {}
    parents: dict[ast.AST, ast.AST] = {}
    scopes: dict[ast.AST, ast.AST] = {}

    def visit(node: ast.AST, scope: ast.AST) -> None:
        for child in ast.iter_child_nodes(node):
            parents[child] = node
            scopes[child] = scope
            new_scope = isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda))
            visit(child, child if new_scope else scope)

    visit(tree, tree)
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module and not node.level:
            indent = " " * node.col_offset
            groups = from_import(node.module, [(a.name, a.asname) for a in node.names])
            same = [a.name + (f" as {a.asname}" if a.asname else "") for a in node.names]
            if groups == {node.module: same}:
                continue
            start, end = span(node)
            old = text[start:end]
            if len(groups) == 1 and next(iter(groups.values())) == same:
                new_text = re.sub(rf"^from\s+{re.escape(node.module)}\b",
                                  f"from {next(iter(groups))}", old)  # fmt: skip
            else:
                new_text = f"\n{indent}".join(
                    f"from {mod} import {', '.join(names)}" for mod, names in groups.items()
                )
            edits.append((start, end, new_text))
        elif isinstance(node, ast.Import):
            names = [(moved(a.name), a.asname) for a in node.names]
            if [n for n, _ in names] != [a.name for a in node.names]:
                start, end = span(node)
                edits.append((start, end, "import " + ", ".join(
                    n + (f" as {a}" if a else "") for n, a in names)))  # fmt: skip
        elif isinstance(node, ast.Attribute) and not isinstance(parents.get(node), ast.Attribute):
            chain: list[str] = []
            cur: ast.AST = node
            while isinstance(cur, ast.Attribute):
                chain.append(cur.attr)
                cur = cur.value
            if not (isinstance(cur, ast.Name) and cur.id in TOPS):
                continue
            dotted = ".".join([cur.id, *reversed(chain)])
            new = moved(dotted)
            if new == dotted:
                continue
            scope = scopes.get(node, tree)
            key = f"{id(scope)}:{cur.id}"
            if key not in bound:
                here = _names_package(_own_nodes(scope), cur.id)
                at_top = _names_package(_own_nodes(tree), cur.id) if scope is not tree else here
                if scope is not tree and isinstance(scope, (ast.FunctionDef, ast.AsyncFunctionDef)):
                    args = [a for a in ast.walk(scope.args) if isinstance(a, ast.arg)]
                    if any(a.arg == cur.id for a in args):
                        here = False
                bound[key] = here is True or (here is None and at_top is True)
            if bound[key]:
                start, end = span(node)
                edits.append((start, end, new))
    # strings and comments (docstrings, patch targets, code run in a subprocess)
    tokens = tokenize.generate_tokens(io.StringIO(text).readline)
    for tok in tokens:
        if tok.type in (tokenize.STRING, tokenize.COMMENT):
            start, end = at(*tok.start), at(*tok.end)
            new = in_text(tok.string)
            if new != tok.string:
                edits.append((start, end, new))
    for start, end, new in sorted(edits, reverse=True):
        text = text[:start] + new + text[end:]
    return _JOIN.sub(_join, text)


def git(*args: str) -> str:
    return subprocess.run(["git", *args], cwd=ROOT, check=True, capture_output=True,
                          text=True).stdout  # fmt: skip


def move_files() -> None:
    for old, new in MOVES.items():
        src = ROOT.joinpath(*old.split("."))
        src = src if src.is_dir() and old.endswith("migrations") else src.with_suffix(".py")
        if not src.exists():
            continue
        dst = ROOT.joinpath(*new.split("."))
        dst = dst if src.is_dir() else dst.with_suffix(".py")
        if dst.exists():
            print(f"  both {src.relative_to(ROOT)} and {dst.relative_to(ROOT)}: left as they are")
            continue
        dst.parent.mkdir(parents=True, exist_ok=True)
        git("mv", str(src.relative_to(ROOT)), str(dst.relative_to(ROOT)))
        print(f"  moved {src.relative_to(ROOT)} -> {dst.relative_to(ROOT)}")
        if dst.suffix == ".py":
            deeper(dst, len(new.split(".")) - len(old.split(".")))


_PARENTS = re.compile(r"(Path\(__file__\)(?:\.resolve\(\))?\.parents\[)(\d+)\]")


def deeper(path: Path, levels: int) -> None:
    """A module moved ``levels`` folders deeper: ``Path(__file__).parents[k]`` (a folder
    above it, such as the repository's root) becomes ``parents[k + levels]``; any other
    use of its own folder is printed for a person to check."""
    text = path.read_text(encoding="utf-8")
    new = _PARENTS.sub(lambda m: f"{m.group(1)}{int(m.group(2)) + levels}]", text)
    if new != text:
        path.write_text(new, encoding="utf-8")
    for number, line in enumerate(new.splitlines(), 1):
        if "__file__" in line and not _PARENTS.search(line):
            print(f"  check {path.relative_to(ROOT)}:{number}: {line.strip()}")


def package_text(doc: str, old: str) -> str:
    """A package's ``__init__.py``: its docstring, then whatever code it had."""
    paragraphs = [
        textwrap.fill(" ".join(p.split()), 88, break_long_words=False, break_on_hyphens=False)
        for p in doc.strip().split("\n\n")
    ]
    body = '"""' + "\n\n".join(paragraphs) + '\n"""\n'
    rest = old
    tree = ast.parse(old)
    first = tree.body[0] if tree.body else None
    if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant):
        rest = "".join(old.splitlines(keepends=True)[first.end_lineno :])
    return body + (rest if rest.strip() else "")


def write_packages() -> None:
    for package, doc in PACKAGES.items():
        path = ROOT.joinpath(*package.split(".")) / "__init__.py"
        if not path.parent.is_dir():
            continue
        old = path.read_text(encoding="utf-8") if path.exists() else ""
        text = package_text(doc, old)
        if text != old or not path.exists():
            path.write_text(text, encoding="utf-8")
            git("add", str(path.relative_to(ROOT)))
            print(f"  wrote {path.relative_to(ROOT)}")


SUFFIXES = {".py", ".md", ".toml", ".spec", ".cfg", ".ini", ".txt", ".mako", ".yml", ".yaml"}


def text_files() -> list[Path]:
    skip = {"CHANGELOG.md", "scripts/restructure.py"}
    out = []
    for name in git("ls-files").splitlines():
        path = ROOT / name
        if name in skip or name.startswith("tests/reference/"):
            continue
        if not path.is_file():
            continue
        if path.suffix in SUFFIXES or (not path.suffix and name.startswith((".ci/", "scripts/"))):
            out.append(path)
    return out


LINE = 100  # ruff's line-length (pyproject.toml)


def rewrap(old: str, new: str) -> str:
    """Docstring and comment lines the longer names pushed past the line length, split
    at a space and continued at the same indent (a line of code is left to ruff)."""
    try:
        tree = ast.parse(new)
    except SyntaxError:
        return new
    prose: set[int] = set()
    for node in ast.walk(tree):
        body = getattr(node, "body", None)
        if isinstance(body, list) and body and isinstance(body[0], ast.Expr):
            value = body[0].value
            if isinstance(value, ast.Constant) and isinstance(value.value, str):
                prose |= set(range(value.lineno, (value.end_lineno or value.lineno) + 1))
    before = set(old.splitlines())
    out: list[str] = []
    for number, line in enumerate(new.splitlines(keepends=True), 1):
        body, end = line.rstrip("\n"), line[len(line.rstrip("\n")) :]
        comment = body.lstrip().startswith("#")
        if len(body) <= LINE or body in before or not (comment or number in prose):
            out.append(line)
            continue
        indent = body[: len(body) - len(body.lstrip())] + ("# " if comment else "")
        while len(body) > LINE:
            cut = body.rfind(" ", len(indent) + 1, LINE + 1)
            if cut <= len(indent):
                break
            out.append(body[:cut] + "\n")
            body = indent + body[cut + 1 :]
        out.append(body + end)
    return "".join(out)


def rewrite_references() -> None:
    for path in text_files():
        old = path.read_text(encoding="utf-8")
        new = rewrap(old, in_python(old)) if path.suffix == ".py" else in_text(old)
        package = ".".join(path.parent.relative_to(ROOT).parts)
        if path.name == "__init__.py" and package in PACKAGES:
            new = package_text(PACKAGES[package], new)  # its "May import:" names packages
        if new != old:
            path.write_text(new, encoding="utf-8")
            print(f"  rewrote {path.relative_to(ROOT)}")


def first_line(path: Path) -> str:
    try:
        doc = ast.get_docstring(ast.parse(path.read_text(encoding="utf-8"))) or ""
    except SyntaxError:
        return ""
    line = " ".join(doc.split("\n\n")[0].split())
    return re.sub(r":(?:mod|func|class|data|meth):", "", line).replace("``", "`")


def write_map() -> None:
    """The map of the packages in docs/design.md, from the docstrings."""
    lines = [MARK_START, "", "## The house: packages and their modules", ""]
    lines += [
        "Each package's `__init__.py` says what it is for and what it may import (its",
        '"May import:" line); `tests/test_layers.py` holds every module to its package\'s',
        "line, finds import cycles at run time, and keeps every package at about fifteen",
        "modules or fewer. The names are the domain's nouns, as in Anki's `pylib/anki`",
        "(cards, notes, decks) and Vorta's `store/`.",
        "",
        "- `db/` is built in floors, each importing only those below it: `schema` (the",
        "  declarations) under `storage` (the file: the one door to the database) under",
        "  `records` (the write path) and `tally` (the figures), then `read` (plain values",
        "  for lists and lookups) and `sync` (other laptops' versions); `demo` uses them all.",
        "- `desktop/` likewise: `kit` under `models` under `forms` under `dialogs` under",
        "  `pages` under `shell`. Two imports reach up, both to the window's safety",
        "  (`KNOWN_BREACHES` in `tests/test_layers.py`, each saying how to remove it).",
        "- `office_ledger/` holds the app's services, which the window uses too (settings,",
        "  where files live, sending, the About text, an import's preview in words), and",
        "  `cli/`, the command line, which only the entry point imports.",
        "- `tests/support/` holds what tests share; no test module imports another.",
        "",
        "This map is written by `scripts/restructure.py` (issue #22) from the docstrings.",
    ]
    for package in PACKAGES:
        folder = ROOT.joinpath(*package.split("."))
        if not folder.is_dir() or package == "tests.support":
            continue
        modules = sorted(p for p in folder.glob("*.py") if p.name != "__init__.py")
        subs = sorted(p.parent for p in folder.glob("*/__init__.py"))
        doc = first_line(folder / "__init__.py")
        count = f" ({len(modules)} modules)" if modules else ""
        lines += ["", f"### `{package.replace('.', '/')}/`{count}", "", doc, ""]
        for p in modules:
            lines.append(f"- `{p.stem}`: {first_line(p)}")
        for s in subs:
            if f"{package}.{s.name}" not in PACKAGES:
                lines.append(f"- `{s.name}/`: {first_line(s / '__init__.py')}")
    lines += ["", MARK_END]
    block = "\n".join(lines) + "\n"
    design = ROOT / "docs" / "design.md"
    text = design.read_text(encoding="utf-8")
    if MARK_START in text and MARK_END in text:
        head, rest = text.split(MARK_START, 1)
        tail = rest.split(MARK_END, 1)[1].lstrip("\n")
        new = head + block + ("\n" + tail if tail else "")
    else:
        marker = "\n## Record kinds"
        at = text.find(marker)
        new = text[:at] + "\n\n" + block + text[at:] if at >= 0 else text + "\n" + block
    if new != text:
        design.write_text(new, encoding="utf-8")
        print("  wrote the map in docs/design.md")


def report_unknown() -> None:
    known = set(MOVES.values()) | set(PACKAGES) | STAY
    for top in TOPS:
        for p in sorted((ROOT / top).glob("*.py")):
            name = f"{top}.{p.stem}"
            if p.stem in ("__init__", "conftest") or p.stem.startswith("test_") or name in known:
                continue
            print(f"  not placed (a module this script does not know): {p.relative_to(ROOT)}")


def main() -> int:
    if git("status", "--porcelain", "--untracked-files=no").strip() and "--dirty" not in sys.argv:
        print("restructure: commit or stash your changes first (or pass --dirty)", file=sys.stderr)
        return 2
    move_files()
    write_packages()  # first, so that a package that has an old module's name is one
    rewrite_references()
    write_map()
    report_unknown()
    print("restructure: done; now ruff check --fix ., ruff format ., mypy, pytest --collect-only")
    return 0


if __name__ == "__main__":
    sys.exit(main())
