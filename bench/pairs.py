"""Interleaved pairs: how every benchmark here compares the project with its baseline.

The machine is shared and its speed drifts, so the project and the baseline run in
turn (A B A B …), each pair's ratio is taken, and the median of those ratios is the
figure, printed with their spread (lowest–highest). Times are the medians of each side.
"""

from __future__ import annotations

import statistics
from collections.abc import Callable, Sequence


def interleaved(project: Callable[[], float], baseline: Callable[[], float],
                pairs: int) -> tuple[list[float], list[float]]:  # fmt: skip
    """Run ``project`` then ``baseline`` ``pairs`` times; each returns its own time."""
    p, b = [], []
    for n in range(pairs):
        if n % 2:  # alternate which goes first, so neither always runs on a warmer machine
            b.append(baseline())
            p.append(project())
        else:
            p.append(project())
            b.append(baseline())
    return p, b


def ratios(p: Sequence[float], b: Sequence[float]) -> list[float]:
    return [x / y for x, y in zip(p, b, strict=True)]


def line(name: str, p: Sequence[float], b: Sequence[float], goal: str, unit: str = "ms") -> str:
    """One result line: medians of both sides, the median per-pair ratio and its spread."""
    scale = 1000 if unit == "ms" else 1
    r = ratios(p, b)
    text = (
        f"{name:<46} project {statistics.median(p) * scale:8.1f} {unit}"
        f"   baseline {statistics.median(b) * scale:8.1f} {unit}"
        f"   ratio {statistics.median(r):5.2f}x ({min(r):.2f}-{max(r):.2f}, {len(r)} pairs)"
        f"   goal {goal}"
    )
    print(text, flush=True)
    return text
