"""The support-case sheet's rows straight from SQL, a column at a time: the export's
hot path.

An office may hold tens of thousands of support cases; building a
:class:`db.schema.kinds.CaseRow` per case and then a cell row from it doubled the export's
time (bench/bench_xlsx.py). Here one raw query gives each live case's stored values,
which already are the canonical texts the row hash is made of (ISO dates, codes).
The sheet's columns (:mod:`exports.xlsx.schema`, from the support case's declaration)
say what each cell is; each column is converted whole with C-level loops (maps and
comprehensions over one list), then the row hashes are made over the hashed columns'
texts and the columns are zipped into rows.

The rows are exactly those :func:`exports.xlsx.cells.to_cells` makes from the same
records (tests/exports/xlsx/test_xlsx_fast.py compares them); deleted cases still go through
``to_cells``, as tombstones.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections import defaultdict
from datetime import datetime
from typing import Any

from sqlalchemy.orm import Session

from db.read.rows import live_cases_where, shared_days
from db.schema.fields import Field, FieldType
from db.schema.fiscal import Period
from db.schema.kinds import RecordKind
from db.schema.words import word
from exports.xlsx.schema import BY_KEY, Col

# A version vector of one device, written as json.dumps writes it (most records): its
# canonical text (sorted keys, same separators) is the stored text itself.
_ONE_DEVICE = re.compile(r'\{"[0-9A-Za-z._-]+": [0-9]+\}')
_SYNC = ("version", "device_id", "updated_at", "version_vector")


def _cursor(session: Session) -> Any:
    """A plain driver cursor on the session's connection (same transaction): its rows
    are tuples fetched in C, where SQLAlchemy's result makes a Row per fetch (on
    PostgreSQL one that takes this SQLite text: :func:`db.storage.pg.dialect.driver_cursor`)."""
    from db.storage.pg.dialect import driver_cursor

    return driver_cursor(session)


def _codes(session: Session, f: Field, where: str, params: list[Any]) -> dict[int, list[str]]:
    """Each case's codes of a several-codes field (support types), in code order."""
    assert f.codes_in is not None
    table, parent, code = f.codes_in.table, f.codes_in.parent_column, f.codes_in.column
    found: dict[int, list[str]] = defaultdict(list)
    rows = _cursor(session).execute(
        f"SELECT {parent}, {code} FROM {table} WHERE {parent} IN"
        f" (SELECT id FROM support_case WHERE {where}) ORDER BY {parent}, {code}",
        params,
    )
    for case_id, value in rows:
        found[case_id].append(value)
    return found


def _vector(text: str | None) -> str:
    if text and _ONE_DEVICE.fullmatch(text):  # one laptop's vector: already canonical
        return text
    return json.dumps(json.loads(text) if text else {}, sort_keys=True, ensure_ascii=False)


Column = tuple[list[Any], list[str] | None]  # the cells, their canonical texts (if hashed)


def _column(col: Col, f: Field | None, raw: dict[str, list[Any]], lang: str,
            codes: dict[str, list[str]]) -> Column:  # fmt: skip
    """One sheet column's cells (and hash texts) from the query's columns."""
    key, kind = col.key, col.kind
    if kind == "label":  # a code's (or several codes') name beside it, for people
        assert f is not None and f.enum is not None
        names = {m.value: word(f"{f.enum.__name__}.{m.value}", lang) for m in f.enum}
        if f.type is FieldType.CODES:
            sep = word("list.separator", lang)
            labelled: dict[str, str] = {}
            out = []
            for joined in codes[f.name]:
                found = labelled.get(joined)
                if found is None:
                    found = labelled[joined] = sep.join(names[c] for c in joined.split(";") if c)
                out.append(found)
            return out, None
        return list(map(names.__getitem__, raw[f.db_column])), None
    if f is not None and f.type is FieldType.CODES:
        return codes[f.name], codes[f.name]
    values = raw[f.db_column if f is not None else key]
    if kind == "date":
        return list(map(shared_days(), values)), [t or "" for t in values]
    if kind == "bool":
        return [bool(v) for v in values], ["1" if v else "0" for v in values]
    if kind == "int":  # a count may be unknown: a blank cell, an empty hash text
        return values, ["" if v is None else str(v) for v in values]
    if kind == "datetime":
        moments = [datetime.fromisoformat(t).isoformat() for t in values]
        return moments, moments
    if kind == "json":
        vectors = list(map(_vector, values))
        return vectors, vectors
    if f is not None and not f.required:  # optional text: blank, never None
        texts = [v or "" for v in values]
        return texts, texts
    return values, values


def case_cells(session: Session, period: Period | None, office: str | None,
               lang: str) -> list[list[Any]]:  # fmt: skip
    """The live support cases' rows of the support-case sheet, in column order."""
    sheet = BY_KEY["support_case"]
    spec = RecordKind.SUPPORT_CASE.spec
    fields = {f.name: f for f in spec.fields}
    names = ["id", "uuid", *spec.stored_columns, *_SYNC]
    where, params = live_cases_where(period, office)
    rows = (
        _cursor(session)
        .execute(
            f"SELECT {', '.join(names)} FROM support_case WHERE {where} ORDER BY start_date, id",
            params,
        )
        .fetchall()
    )
    if not rows:
        return []
    raw = dict(zip(names, map(list, zip(*rows, strict=True)), strict=True))
    codes: dict[str, list[str]] = {}
    for many in spec.code_lists:
        per_case = _codes(session, many, where, params)
        codes[many.name] = [";".join(per_case.get(i, ())) for i in raw["id"]]
    cells: dict[str, list[Any]] = {}
    texts: dict[str, list[str]] = {}
    for col in sheet.columns:
        if col.kind == "hash":
            continue
        f = fields.get(col.key.removesuffix("_label") if col.kind == "label" else col.key)
        cells[col.key], hashed = _column(col, f, raw, lang, codes)
        if hashed is not None:
            texts[col.key] = hashed
    blake2b = hashlib.blake2b
    hashed_texts = (texts[c.key] for c in sheet.columns if c.hashed)
    joined = map("\x1f".join, zip(*hashed_texts, strict=True))
    cells["row_hash"] = [blake2b(t.encode("utf-8"), digest_size=12).hexdigest() for t in joined]
    return list(map(list, zip(*(cells[c.key] for c in sheet.columns), strict=True)))
