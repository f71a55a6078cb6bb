"""Counts in English, for the command line and refusals: ``1 support case``, ``62 cases``."""

from __future__ import annotations

from collections.abc import Mapping


def plural(n: int, noun: str) -> str:
    """``n`` and ``noun``, the noun in the plural unless ``n`` is 1."""
    return f"{n} {form(noun, n)}"


def form(noun: str, n: int) -> str:
    """``noun`` as it follows the number ``n``: ``case``, ``cases``, ``entries``."""
    if n == 1 or noun.endswith(("work", "staff")):  # uncountable: "6 media work"
        return noun
    if noun.endswith(("s", "sh", "ch", "x")):
        return f"{noun}es"
    if noun.endswith("y") and noun[-2:-1] not in tuple("aeiou"):
        return f"{noun[:-1]}ies"
    return f"{noun}s"


def noun(key: str) -> str:
    """A table's or sheet's key as an English noun: ``jetaa_event`` → ``JETAA event``."""
    return " ".join("JETAA" if part == "jetaa" else part for part in key.split("_"))


def count_list(counts: Mapping[str, int], *, zeros: bool = False) -> str:
    """``62 support cases, 1 newsletter`` (keys are tables or sheets; zeros left out)."""
    return ", ".join(plural(n, noun(key)) for key, n in counts.items() if n or zeros)
