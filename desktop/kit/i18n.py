"""Translations: Qt's own and Office Ledger's, from ``resources/i18n/*.ts``.

UI strings are English in the code, wrapped in ``QCoreApplication.translate`` (each
module's ``tr``) or declared with :func:`noop` where they are constants. The Japanese
catalogue ``office_ledger_ja.ts`` is compiled to ``.qm`` with Qt's lrelease (shipped
with PySide6) the first time it is needed, into the data folder. Installers compile
it at build time (``scripts/build_translations.py``) and ship the ``.qm`` beside where
the ``.ts`` would be (``resources/i18n``); a shipped ``.qm`` is used as it is, unless a
newer ``.ts`` lies beside it (a source checkout where someone edited the catalogue).
``strings()`` lists every translatable string in ``desktop/``; a test checks each has
a finished Japanese translation.
"""

from __future__ import annotations

import ast
import logging
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

log = logging.getLogger("office_ledger.i18n")

# the desktop package's folder, however deep below it this module lies
DESKTOP = next(p for p in Path(__file__).resolve().parents if p.name == "desktop")
CATALOGUES = DESKTOP.parent / "resources" / "i18n"


def noop(context: str, text: str) -> str:
    """Mark a constant for translation (like QT_TRANSLATE_NOOP); it is translated later."""
    del context
    return text


def strings() -> set[tuple[str, str]]:
    """Every (context, English text) the desktop code asks to translate."""
    found: set[tuple[str, str]] = set()
    for path in sorted(DESKTOP.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        context: str | None = None
        for node in ast.walk(tree):
            if isinstance(node, ast.FunctionDef) and node.name == "tr":
                for call in ast.walk(node):
                    if isinstance(call, ast.Call) and getattr(call.func, "attr", "") == "translate":
                        first = call.args[0]
                        named = isinstance(first, ast.Constant) and isinstance(first.value, str)
                        context = str(getattr(first, "value", "")) if named else None
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call) or not isinstance(node.func, ast.Name):
                continue
            args = node.args
            if node.func.id == "tr" and args and isinstance(args[0], ast.Constant) and context:
                found.add((context, str(args[0].value)))
            elif (
                node.func.id == "noop"
                and len(args) == 2
                and all(isinstance(a, ast.Constant) for a in args)
            ):
                found.add((str(args[0].value), str(args[1].value)))  # type: ignore[attr-defined]
    return found


def read_catalogue(path: Path) -> dict[tuple[str, str], str]:
    """(context, source) → finished translation, from a Qt .ts file."""
    out = {}
    root = ET.parse(path).getroot()
    for ctx in root.iter("context"):
        name = ctx.findtext("name") or ""
        for msg in ctx.iter("message"):
            translation = msg.find("translation")
            if translation is None or translation.get("type") in ("unfinished", "obsolete"):
                continue
            out[(name, msg.findtext("source") or "")] = translation.text or ""
    return out


def _fresh(target: Path, source: Path) -> bool:
    """``target`` exists and is not older than ``source`` (if there is one)."""
    if not target.exists():
        return False
    return not source.exists() or target.stat().st_mtime >= source.stat().st_mtime


def compiled(lang: str, cache: Path) -> Path | None:
    """The .qm of ``lang``: the one shipped with the app (built by the installer), else
    one compiled from the .ts into ``cache`` if missing or older."""
    source = CATALOGUES / f"office_ledger_{lang}.ts"
    shipped = CATALOGUES / f"office_ledger_{lang}.qm"
    if _fresh(shipped, source):
        return shipped
    if not source.exists():
        return None
    target = cache / f"office_ledger_{lang}.qm"
    if _fresh(target, source):
        return target
    try:
        compile_catalogue(source, target)
    except (OSError, subprocess.SubprocessError) as exc:
        log.warning("cannot compile %s: %s", source, exc)
        return None
    return target


def lrelease() -> Path:
    """Qt's catalogue compiler, as PySide6 ships it (``lrelease.exe`` on Windows)."""
    import PySide6

    folder = Path(PySide6.__file__).parent
    return next((p for p in (folder / "lrelease", folder / "lrelease.exe") if p.exists()),
                folder / "lrelease")  # fmt: skip


def compile_catalogue(source: Path, target: Path) -> Path:
    """Compile one .ts into ``target`` (.qm) with lrelease.

    Raises:
        OSError, subprocess.SubprocessError: lrelease is missing or failed.
    """
    target.parent.mkdir(parents=True, exist_ok=True)
    subprocess.run([str(lrelease()), str(source), "-qm", str(target)], check=True,
                   capture_output=True, timeout=60)  # fmt: skip
    if not target.exists():
        raise OSError(f"lrelease wrote no {target}")
    return target


def install(app: object, lang: str, cache: Path) -> list[object]:
    """Load Qt's own and Office Ledger's translators for ``lang``; keep the result alive."""
    from PySide6.QtCore import QLibraryInfo, QLocale, QTranslator

    if lang != "ja":
        return []
    translators: list[object] = []
    qt = QTranslator(app)  # type: ignore[arg-type]
    if qt.load(QLocale(QLocale.Language.Japanese), "qtbase", "_",
               QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):  # fmt: skip
        translators.append(qt)
    ours = QTranslator(app)  # type: ignore[arg-type]
    qm = compiled(lang, cache)
    if qm is not None and ours.load(str(qm)):
        translators.append(ours)
    for t in translators:
        app.installTranslator(t)  # type: ignore[attr-defined]
    return translators
