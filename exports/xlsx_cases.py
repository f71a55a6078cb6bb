"""The support-case sheet's rows straight from SQL: the export's hot path.

An office may hold tens of thousands of support cases; building a
:class:`db.rows.CaseRow` per case and then a cell row from it doubled the export's
time (bench/bench_xlsx.py). Here one raw query gives each live case's stored values,
which already are the canonical texts the row hash is made of (ISO dates, codes), so
each row costs a few dictionary lookups, two date parses and one hash.

The rows are exactly those :func:`exports.xlsx_cells.to_cells` makes from the same
records (tests/test_xlsx_fast.py compares them); deleted cases still go through
``to_cells``, as tombstones.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections import defaultdict
from datetime import date, datetime
from typing import Any

from sqlalchemy.orm import Session

from db.enums import CaseStatus, RequesterCategory, SupportType
from db.fiscal import Period
from db.rows import live_cases_where
from exports.xlsx_schema import BY_KEY

_SQL = (
    "SELECT id, uuid, office_code, requester, requester_category, start_date, end_date,"
    " summary, staff, status, counted, version, device_id, updated_at, version_vector"
    " FROM support_case WHERE "
)
_ORDER = " ORDER BY start_date, id"
# A version vector of one device, written as json.dumps writes it (most records): its
# canonical text (sorted keys, same separators) is the stored text itself.
_ONE_DEVICE = re.compile(r'\{"[0-9A-Za-z._-]+": [0-9]+\}')


def _cursor(session: Session) -> Any:
    """A plain sqlite3 cursor on the session's connection (same transaction): its rows
    are tuples fetched in C, where SQLAlchemy's result makes a Row per fetch."""
    return session.connection().connection.driver_connection.cursor()  # type: ignore[union-attr]


def _types(session: Session, where: str, params: list[Any]) -> dict[int, list[str]]:
    found: dict[int, list[str]] = defaultdict(list)
    rows = _cursor(session).execute(
        "SELECT case_id, type_code FROM support_case_type WHERE case_id IN"
        f" (SELECT id FROM support_case WHERE {where})"
        " ORDER BY case_id, type_code",
        params,
    )
    for case_id, code in rows:
        found[case_id].append(code)
    return found


def case_cells(session: Session, period: Period | None, office: str | None,
               lang: str) -> list[list[Any]]:  # fmt: skip
    """The live support cases' rows of the support-case sheet, in column order."""
    assert [c.key for c in BY_KEY["support_case"].columns] == _COLUMNS, "schema changed"
    where, params = live_cases_where(period, office)
    types = _types(session, where, params)
    category = {m.value: m.label(lang) for m in RequesterCategory}
    status = {m.value: m.label(lang) for m in CaseStatus}
    support = {m.value: m.label(lang) for m in SupportType}
    sep = "、" if lang == "ja" else ", "
    type_labels: dict[str, str] = {}
    blake2b, join = hashlib.blake2b, "\x1f".join
    day, moment = date.fromisoformat, datetime.fromisoformat
    single = _ONE_DEVICE.fullmatch
    out: list[list[Any]] = []
    append = out.append
    rows = _cursor(session).execute(_SQL + where + _ORDER, params)
    for (row_id, uuid, office_code, requester, cat, start, end, summary, staff, st, counted,
         version, device, updated, vector_text) in rows:  # fmt: skip
        codes = types.get(row_id, ())
        joined = ";".join(codes)
        label = type_labels.get(joined)
        if label is None:
            label = type_labels[joined] = sep.join(support[c] for c in codes)
        updated_text = moment(updated).isoformat()
        if not vector_text or not single(vector_text):  # one laptop's vector: already canonical
            vector_text = json.dumps(
                json.loads(vector_text) if vector_text else {}, sort_keys=True, ensure_ascii=False
            )
        summary, staff = summary or "", staff or ""
        digest = blake2b(
            join((uuid, office_code, requester, cat, start, end or "", joined, summary,
                  staff, st, "1" if counted else "0", str(version), device, updated_text,
                  vector_text)).encode("utf-8"),
            digest_size=12,
        ).hexdigest()  # fmt: skip
        append([uuid, office_code, requester, cat, category[cat], day(start),
                day(end) if end else None, joined, label, summary, staff, st, status[st],
                bool(counted), version, device, updated_text, vector_text, digest])  # fmt: skip
    return out


_COLUMNS = [
    "uuid", "office_code", "requester", "requester_category", "requester_category_label",
    "start_date", "end_date", "types", "types_label", "summary", "staff", "status",
    "status_label", "counted", "version", "device_id", "updated_at", "version_vector",
    "row_hash",
]  # fmt: skip
