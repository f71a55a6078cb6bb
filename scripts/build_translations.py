"""Compile the translation catalogues (``resources/i18n/*.ts``) to ``.qm`` for an installer.

The frozen app has no lrelease to compile them at run time, so the build does it and
``build_installer.spec`` ships the ``.qm`` files in the bundle's ``resources/i18n``
(see :func:`desktop.kit.i18n.compiled`). They go to ``build/i18n`` (or OUT_DIR), never into
the source tree, and are never committed. Run:
``.venv/bin/python scripts/build_translations.py [OUT_DIR]``; exits 1 if one fails.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from desktop.kit.i18n import CATALOGUES, compile_catalogue  # noqa: E402

DEFAULT_OUT = ROOT / "build" / "i18n"


def build(out: Path = DEFAULT_OUT) -> list[Path]:
    """Every catalogue compiled into ``out``; the .qm files."""
    sources = sorted(CATALOGUES.glob("*.ts"))
    if not sources:
        raise SystemExit(f"build_translations: no .ts files in {CATALOGUES}")
    return [compile_catalogue(ts, out / ts.with_suffix(".qm").name) for ts in sources]


def main(argv: list[str]) -> int:
    out = Path(argv[0]).resolve() if argv else DEFAULT_OUT
    try:
        built = build(out)
    except (OSError, subprocess.SubprocessError) as exc:
        print(f"build_translations: {exc}", file=sys.stderr)
        return 1
    for qm in built:
        print(f"compiled {qm.relative_to(ROOT) if qm.is_relative_to(ROOT) else qm} "
              f"({qm.stat().st_size} bytes)")  # fmt: skip
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
