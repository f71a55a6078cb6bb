"""Pause Python's cyclic garbage collector while bulk work builds many small objects.

Reading a workbook of 100,000 records makes millions of short-lived, acyclic objects
(cell values, dicts, row tuples); each few thousand allocations trigger a collection
that walks every live object, which cost a quarter of an import's time
(bench/bench_xlsx.py). Reference counting still frees everything; the collector runs
once when the block ends.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any


@contextmanager
def collector_paused() -> Iterator[None]:
    """Run the block with the cyclic collector off (restored as it was afterwards)."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


BULK_CACHE_KIB = 65_536


@contextmanager
def larger_page_cache(connection: Any) -> Iterator[None]:
    """Give SQLite a 64 MiB page cache for the block (restored afterwards).

    Inserting 100,000 records updates indexes keyed by random UUIDs; with SQLite's
    default 2 MiB cache (and foreign keys checked on every child row) their pages are
    evicted and read back over and over: measured 3.7 s instead of 2.1 s.
    """
    if connection.dialect.name != "sqlite":  # a server sizes its own cache
        yield
        return
    before = connection.exec_driver_sql("PRAGMA cache_size").scalar()
    connection.exec_driver_sql(f"PRAGMA cache_size = -{BULK_CACHE_KIB}")
    try:
        yield
    finally:
        connection.exec_driver_sql(f"PRAGMA cache_size = {int(before)}")
