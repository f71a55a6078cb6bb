"""Many incoming records of one type held as columns, rows built only when asked for.

A workbook of 100,000 support cases read into 100,000 frozen row objects, checked,
planned and turned back into storage tuples spent most of an import's time in
Python (bench/bench_xlsx.py). A :class:`ColumnBatch` keeps the reader's columns: the
merge plan (:mod:`db.sync.merge`) looks at the UUID column, and records this database
has never seen go in straight from the columns (:func:`db.records.store.insert_batch`).
Anything else (a record known here, a hand edit replaced by a new version, a
tombstone appended) is an ordinary row object and goes the ordinary way.

It behaves as a list of rows: indexing builds the row, assigning replaces it,
``append`` adds one after the columns.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any


class ColumnBatch:
    def __init__(self, kind: str, columns: dict[str, list[Any]],
                 build: Callable[[int], Any]) -> None:  # fmt: skip
        self.kind = kind
        self.columns = columns  # storage-ready values per column key (see store.insert_batch)
        self._build = build
        self.replaced: dict[int, Any] = {}
        self.extras: list[Any] = []

    @property
    def uuids(self) -> list[str]:
        return self.columns["uuid"]

    @property
    def size(self) -> int:
        """How many records the columns hold (the extras come after them)."""
        return len(self.columns["uuid"])

    def __len__(self) -> int:
        return self.size + len(self.extras)

    def __getitem__(self, index: int) -> Any:
        if index < 0:
            index += len(self)
        if index >= self.size:
            return self.extras[index - self.size]
        found = self.replaced.get(index)
        return found if found is not None else self._build(index)

    def __setitem__(self, index: int, row: Any) -> None:
        if index < 0:
            index += len(self)
        if index >= self.size:
            self.extras[index - self.size] = row
        else:
            self.replaced[index] = row

    def __iter__(self) -> Iterator[Any]:
        return (self[i] for i in range(len(self)))

    def append(self, row: Any) -> None:
        self.extras.append(row)

    def copy(self) -> ColumnBatch:
        """The same records, with replacements and additions of their own (the columns,
        never changed, are shared): a unit run again starts from the records as read."""
        twin = ColumnBatch(self.kind, self.columns, self._build)
        twin.replaced, twin.extras = dict(self.replaced), list(self.extras)
        return twin

    def as_columns(self) -> list[int]:
        """Indexes of the records still exactly as the columns hold them."""
        if not self.replaced:
            return list(range(self.size))
        return [i for i in range(self.size) if i not in self.replaced]
