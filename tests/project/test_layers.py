"""db/ and exports/ never import Qt nor the app package; nothing outside desktop/ imports
desktop/; the modules below desktop/ import each other without cycles at load time, and
no modules of any package import each other in a circle at run time (imports inside
functions count: a lazy import delays a cycle, it does not remove it).

Each package's ``__init__`` docstring says, on its "May import:" line, which of the
project's packages its modules may import (their own package always); every module is
held to its nearest package's line. No package holds more than ~15 modules, and no test
module imports another (what tests share is in tests/support/)."""

from __future__ import annotations

import ast
import functools
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@functools.cache
def _tree(path: Path) -> ast.Module:
    """A module's syntax tree, parsed once per run (every test here walks the same ~370
    files; nothing changes them during a run)."""
    return ast.parse(path.read_text(encoding="utf-8"))


def _imports(package: str) -> list[tuple[Path, str]]:
    found = []
    for path in (ROOT / package).rglob("*.py"):
        for node in ast.walk(_tree(path)):
            if isinstance(node, ast.Import):
                found += [(path, alias.name) for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module:
                found.append((path, node.module))
    return found


def test_domain_and_exports_never_import_qt() -> None:
    leaks = [
        f"{p.relative_to(ROOT)}: {m}"
        for pkg in ("db", "exports")
        for p, m in _imports(pkg)
        if m.split(".")[0] in {"PySide6", "desktop", "shiboken6"}
    ]
    assert leaks == []


def test_domain_and_exports_never_import_the_app_package() -> None:
    """office_ledger/ (the command line) builds on db/ and exports/, never the reverse:
    what both need, such as the version, lives in db/ (db/schema/appinfo.py)."""
    leaks = [
        f"{p.relative_to(ROOT)}: {m}"
        for pkg in ("db", "exports")
        for p, m in _imports(pkg)
        if m.split(".")[0] == "office_ledger"
    ]
    assert leaks == []


def test_only_the_gui_entry_point_imports_desktop() -> None:
    """The command line starts the window; ``--self-test`` starts it too, to paint it."""
    entries = ("office_ledger.cli.commands", "office_ledger.cli.selftest")
    leaks = [
        f"{p.relative_to(ROOT)}: {m}"
        for pkg in ("db", "exports", "office_ledger", "resources")
        for p, m in _imports(pkg)
        if m.split(".")[0] == "desktop" and _module_name(p) not in entries
    ]
    assert leaks == []


def test_importing_the_domain_loads_no_qt_at_run_time() -> None:
    code = (
        "import sys, pkgutil, importlib, db, exports\n"
        "for pkg in (db, exports):\n"
        "    for m in pkgutil.walk_packages(pkg.__path__, pkg.__name__ + '.'):\n"
        "        if '.migrations.' not in m.name and not m.name.endswith('env'):\n"
        "            importlib.import_module(m.name)\n"
        "print(sorted(n for n in sys.modules if n.startswith(('PySide6', 'shiboken'))))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True
    )
    assert out.stdout.strip() == "[]"


def _module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _module_level_imports(path: Path, known: set[str]) -> set[str]:
    """The project modules a module imports at load time or for type checking (under a
    module-level ``if TYPE_CHECKING:``); imports inside functions are lazy on purpose."""
    tree = _tree(path)
    found: set[str] = set()
    todo: list[ast.stmt] = list(tree.body)
    while todo:
        node = todo.pop()
        if isinstance(node, (ast.If, ast.Try)):
            todo += [*node.body, *node.orelse, *getattr(node, "finalbody", [])]
            todo += [s for h in getattr(node, "handlers", []) for s in h.body]
        elif isinstance(node, ast.Import):
            found |= {a.name for a in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            found |= {node.module, *(f"{node.module}.{a.name}" for a in node.names)}
    return found & known


def test_no_import_cycles_below_the_desktop() -> None:
    paths = {_module_name(p): p for pkg in ("db", "exports", "office_ledger")
             for p in (ROOT / pkg).rglob("*.py")}  # fmt: skip
    graph = {name: _module_level_imports(path, set(paths)) - {name} for name, path in paths.items()}
    reach: dict[str, set[str]] = {}
    for name in graph:
        seen: set[str] = set()
        todo = [name]
        while todo:
            for nxt in graph[todo.pop()] - seen:
                seen.add(nxt)
                todo.append(nxt)
        reach[name] = seen
    # modules that reach themselves, grouped by the cycle they are on
    cycles = {frozenset(m for m in reach[n] if n in reach[m]) for n in graph if n in reach[n]}
    assert sorted(sorted(c) for c in cycles) == []


def _imported_modules(path: Path, known: set[str]) -> set[str]:
    """The project modules (or packages) a module imports at load time or in any
    function, ``from p import m`` read as ``p.m`` when ``m`` is a module; imports under
    ``if TYPE_CHECKING:`` left out (they never run). The one walk behind both the
    cycles at run time and the packages' "May import:" lines."""
    found: set[str] = set()
    todo: list[ast.AST] = [_tree(path)]
    while todo:
        node = todo.pop()
        if isinstance(node, ast.If) and getattr(node.test, "id", None) == "TYPE_CHECKING":
            todo += node.orelse
            continue
        if isinstance(node, ast.Import):
            found |= {a.name for a in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            for a in node.names:
                full = f"{node.module}.{a.name}"
                found.add(full if full in known else node.module)
        todo += ast.iter_child_nodes(node)
    return {m for m in found if m.split(".")[0] in PROJECT}


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected groups of more than one module (Tarjan's algorithm)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    out: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        for w in sorted(graph[v]):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            group = []
            while True:
                w = stack.pop()
                group.append(w)
                if w == v:
                    break
            if len(group) > 1:
                out.append(sorted(group))

    for v in sorted(graph):
        if v not in index:
            visit(v)
    return sorted(out)


def _graph() -> dict[str, set[str]]:
    paths = {_module_name(p): p for pkg in ("db", "exports", "office_ledger", "desktop")
             for p in (ROOT / pkg).rglob("*.py") if "versions" not in p.parts}  # fmt: skip
    known = set(paths)
    return {name: (_imported_modules(path, known) & known) - {name} for name, path in paths.items()}


# Cycles known and not yet broken, each with how to break it (the list must only shrink).
KNOWN_CYCLES: list[list[str]] = []


def test_no_import_cycles_at_run_time() -> None:
    """Issue #22: db.storage.backup and db.storage.database, desktop.shell.window and
    desktop.shell.startup,
    office_ledger.cli.commands and its cli_* modules reached back for each other."""
    assert _cycles(_graph()) == KNOWN_CYCLES


def test_the_cycle_finder_finds_a_cycle_made_by_a_lazy_import() -> None:
    graph = _graph()
    assert "db.schema.kinds" not in graph["db.schema.fields"]
    graph["db.schema.fields"] = graph["db.schema.fields"] | {
        "db.schema.kinds"
    }  # as a function's import would
    assert ["db.schema.fields", "db.schema.kinds"] in _cycles(graph)


PROJECT = ("db", "desktop", "exports", "office_ledger", "resources")
LAYERED = ("db", "desktop", "office_ledger")


def _packages() -> dict[str, Path]:
    return {_module_name(p): p for top in LAYERED for p in (ROOT / top).rglob("__init__.py")
            if not {"migrations", "versions"} & set(p.parent.relative_to(ROOT).parts)}  # fmt: skip


def _may_import(init: Path) -> list[str] | None:
    """The packages a package's docstring allows (``db.schema``...), None without a line."""
    doc = ast.get_docstring(_tree(init)) or ""
    _, found, rest = doc.partition("May import:")
    if not found:
        return None
    line = rest.split("\n\n")[0].split("(")[0]  # the names before the parenthesis
    names = re.findall(r"``([\w.]+)``", line)
    return [n for n in names if n.split(".")[0] in PROJECT]


def _layer_breaches() -> list[str]:
    packages = _packages()
    rules = {name: _may_import(init) for name, init in packages.items()}
    modules = {_module_name(p): p for top in LAYERED for p in (ROOT / top).rglob("*.py")
               if not {"migrations", "versions"} & set(p.relative_to(ROOT).parts)}  # fmt: skip
    known = set(modules) | {_module_name(p) for p in ROOT.glob("*/**/*.py")}
    out = []
    for name, path in sorted(modules.items()):
        ruled = [p for p, r in rules.items() if r is not None and f"{name}.".startswith(f"{p}.")]
        if not ruled:
            continue
        home = max(ruled, key=len)
        allowed = [home, *(rules[home] or [])]
        for target in sorted(_imported_modules(path, known)):
            if not any(target == a or target.startswith(a + ".") for a in allowed):
                out.append(f"{name} -> {target}")
    return out


# Imports a package's line does not allow, each with how to remove it (the list must
# only shrink): a write asks the window to wait for SQLite's check, and the settings
# dialog opens the ledger the way the window does; both live with the window's safety.
KNOWN_BREACHES = [
    "desktop.pages.commands -> desktop.shell.safety",
    "desktop.dialogs.settings -> desktop.shell.safety",
]


def test_every_package_says_what_it_may_import() -> None:
    assert [name for name, init in _packages().items() if _may_import(init) is None
            and not name.startswith("tests")] == []  # fmt: skip


def test_every_module_imports_only_what_its_package_allows() -> None:
    assert _layer_breaches() == sorted(KNOWN_BREACHES)


def test_the_rules_find_a_module_that_reaches_up(monkeypatch: pytest.MonkeyPatch) -> None:
    """The declarations importing the window (as a function's import would) is a breach."""
    real = _imported_modules

    def with_upward(path: Path, known: set[str]) -> set[str]:
        found = real(path, known)
        return (
            found | {"desktop.shell.window"} if _module_name(path) == "db.schema.kinds" else found
        )

    monkeypatch.setattr(sys.modules[__name__], "_imported_modules", with_upward)
    assert "db.schema.kinds -> desktop.shell.window" in _layer_breaches()


def test_no_package_holds_more_than_about_fifteen_modules() -> None:
    sizes = {name: len(list(init.parent.glob("*.py"))) - 1 for name, init in _packages().items()}
    assert {name: n for name, n in sizes.items() if n > 16} == {}


def test_no_test_module_imports_another() -> None:
    """What tests share lives in tests/support/; a test module is never imported."""
    found = []
    for path in (ROOT / "tests").rglob("*.py"):
        for node in ast.walk(_tree(path)):
            names = []
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module, *(f"{node.module}.{a.name}" for a in node.names)]
            found += [f"{path.relative_to(ROOT)}: {n}" for n in names if n.startswith("tests.")
                      and n.split(".")[-1].startswith("test_")]  # fmt: skip
    assert found == []
