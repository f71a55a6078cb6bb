"""The figures of the office's other work of the year: seminars, CLAIR Reports, media
work, cooking-experience events, research requests and seconded staff (issue #15).

:mod:`db.tally.tallies` adds these to every office's tally (``OfficeTally.year``); what each
figure is called and where it is shown is :data:`db.tally.figures.FIGURES`. One grouped
query per family, over live records of the period:

* seminars – events (a seminar counts once, in the period of its first session, however
  many sessions), their sessions and participants, and per kind events and
  participants;
* CLAIR Reports – publications of that series dated in the period;
* media work – items started in the period and the distinct local governments they
  featured;
* cooking events – events started in the period and their distinct organisations;
* research requests – requests asked in the period, by the office keeping them (as
  every figure, so that an office's workbook carries its own figures; the offices that
  answered are listed on each request);
* seconded staff – who was at the office on the period's last day (a roster), and
  from how many distinct bodies.

Names and requests are kept as sets so that the all-office total counts each once (a
local government featured by two offices is one).
"""

from __future__ import annotations

import sqlite3
from collections import defaultdict
from collections.abc import Hashable, Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from db.schema.enums import PublicationSeries, SeminarKind
from db.schema.fiscal import Period
from db.schema.kinds import RecordKind
from db.tally.sqlrows import rows as _rows

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

# SQL text run through db.tally.sqlrows: a session or a bare sqlite3 connection (the quick
# ``office-ledger tally`` and the app's first look read without SQLAlchemy).


@dataclass(frozen=True, slots=True)
class KindFigures:
    events: int = 0
    participants: int = 0


@dataclass(frozen=True, slots=True)
class SeminarTally:
    events: int = 0
    sessions: int = 0
    participants: int = 0
    by_kind: tuple[tuple[SeminarKind, KindFigures], ...] = ()

    def of(self, kind: SeminarKind) -> KindFigures:
        return dict(self.by_kind).get(kind, KindFigures())


@dataclass(frozen=True, slots=True)
class YearTally:
    """One office's (or the total's) figures of the office's other work."""

    seminars: SeminarTally = field(default_factory=SeminarTally)
    clair_reports: int = 0
    media_items: int = 0
    media_local_governments: frozenset[str] = frozenset()
    cooking_events: int = 0
    cooking_organisations: frozenset[str] = frozenset()
    research_requests: frozenset[str] = frozenset()  # UUIDs: the total counts each once
    seconded_people: int = 0
    seconded_bodies: frozenset[str] = frozenset()
    # The declared counts (db.tally.figures.Counted): a kind's records in the period, or the
    # sum of one of its counts, with no query of their own (a new kind's figure).
    counted: dict[Hashable, int] = field(default_factory=dict)  # by db.tally.figures.Counted


def _in(day: str, office_column: str, period: Period,
        office: str | None) -> tuple[str, list[Any]]:  # fmt: skip
    """SQL restricting ``day`` to ``period`` and, if given, ``office_column``."""
    sql, params = f" AND {day} BETWEEN ? AND ?", [period.start.isoformat(), period.end.isoformat()]
    if office is not None:
        sql += f" AND {office_column} = ?"
        params.append(office)
    return sql, params


def _seminars(session: Session | sqlite3.Connection, period: Period,
              office: str | None) -> dict[str, SeminarTally]:  # fmt: skip
    where, params = _in("seminar.start_date", "seminar.office_code", period, office)
    found: dict[str, list[tuple[SeminarKind, int, int, int]]] = defaultdict(list)
    for code, kind, events, sessions, people in _rows(
        session,
        "SELECT seminar.office_code, seminar.kind, count(DISTINCT seminar.id),"
        " count(seminar_session.id), coalesce(sum(seminar_session.participants), 0)"
        " FROM seminar JOIN seminar_session ON seminar_session.seminar_id = seminar.id"
        f" WHERE seminar.deleted = 0{where} GROUP BY seminar.office_code, seminar.kind",
        params,
    ):
        found[code].append((SeminarKind(kind), events, sessions, int(people)))
    return {code: _seminar_tally(rows) for code, rows in found.items()}


def _seminar_tally(rows: Iterable[tuple[SeminarKind, int, int, int]]) -> SeminarTally:
    found = list(rows)
    by_kind: dict[SeminarKind, KindFigures] = {}
    for kind, events, _sessions, people in found:
        before = by_kind.get(kind, KindFigures())
        by_kind[kind] = KindFigures(before.events + events, before.participants + people)
    return SeminarTally(
        sum(r[1] for r in found), sum(r[2] for r in found), sum(r[3] for r in found),
        tuple((k, by_kind[k]) for k in SeminarKind if k in by_kind),
    )  # fmt: skip


def _publications(session: Session | sqlite3.Connection, period: Period,
                  office: str | None) -> dict[str, int]:  # fmt: skip
    where, params = _in("published_on", "office_code", period, office)
    sql = ("SELECT office_code, count(*) FROM publication WHERE deleted = 0 AND series = ?"
           f"{where} GROUP BY office_code")  # fmt: skip
    found = _rows(session, sql, [PublicationSeries.CLAIR_REPORT.value, *params])
    return {code: int(n) for code, n in found}


def _named(session: Session | sqlite3.Connection, parent: str, names: str,
           parent_column: str, period: Period,
           office: str | None) -> dict[str, tuple[int, frozenset[str]]]:  # fmt: skip
    """Records of ``parent`` started in the period and the distinct names listed in
    ``names``, per office."""
    where, params = _in(f"{parent}.start_date", f"{parent}.office_code", period, office)
    items = _rows(session, f"SELECT office_code, count(*) FROM {parent}"
                  f" WHERE deleted = 0{where} GROUP BY office_code", params)  # fmt: skip
    out = {code: (int(count), frozenset[str]()) for code, count in items}
    found: dict[str, set[str]] = defaultdict(set)
    for code, name in _rows(
        session,
        f"SELECT DISTINCT {parent}.office_code, {names}.name FROM {parent}"
        f" JOIN {names} ON {names}.{parent_column} = {parent}.id"
        f" WHERE {parent}.deleted = 0{where}",
        params,
    ):
        found[code].add(name)
    return {code: (count, frozenset(found.get(code, ()))) for code, (count, _) in out.items()}


def _research(session: Session | sqlite3.Connection, period: Period,
              office: str | None) -> dict[str, frozenset[str]]:  # fmt: skip
    """Requests asked in the period, by the office keeping them (the offices that
    answered are listed on each, for the report's table)."""
    where, params = _in("asked_on", "office_code", period, office)
    found: dict[str, set[str]] = defaultdict(set)
    for code, uuid in _rows(session, "SELECT office_code, uuid FROM research_request"
                            f" WHERE deleted = 0{where}", params):  # fmt: skip
        found[code].add(uuid)
    return {code: frozenset(uuids) for code, uuids in found.items()}


def _roster(session: Session | sqlite3.Connection, period: Period,
            office: str | None) -> dict[str, tuple[int, frozenset[str]]]:  # fmt: skip
    """Who was at each office on the period's last day, and their home bodies."""
    day = period.end.isoformat()
    sql = ("SELECT office_code, home FROM seconded_staff WHERE deleted = 0"
           " AND from_date <= ? AND (to_date IS NULL OR to_date >= ?)")  # fmt: skip
    params: list[Any] = [day, day]
    if office is not None:
        sql += " AND office_code = ?"
        params.append(office)
    people: dict[str, int] = defaultdict(int)
    bodies: dict[str, set[str]] = defaultdict(set)
    for code, home in _rows(session, sql, params):
        people[code] += 1
        bodies[code].add(home)
    return {code: (n, frozenset(bodies[code])) for code, n in people.items()}


def _counted(session: Session | sqlite3.Connection, period: Period,
             office: str | None) -> dict[str, dict[Hashable, int]]:  # fmt: skip
    """Every declared count (:func:`db.tally.figures.counts`), per office: one grouped query
    per kind over its own table, by its declared date."""
    from db.tally.figures import Counted, counts

    by_kind: dict[str, list[Counted]] = defaultdict(list)
    for c in counts():
        by_kind[c.kind].append(c)
    out: dict[str, dict[Hashable, int]] = defaultdict(dict)
    for kind, wanted in by_kind.items():
        spec = RecordKind(kind).spec
        where, params = _in(spec.date_field, "office_code", period, office)
        what = ", ".join(f"coalesce(sum({c.sum_of}), 0)" if c.sum_of else "count(*)"
                         for c in wanted)  # fmt: skip
        sql = (f"SELECT office_code, {what} FROM {spec.table}"
               f" WHERE deleted = 0{where} GROUP BY office_code")  # fmt: skip
        for code, *values in _rows(session, sql, params):
            out[code].update((c, int(v)) for c, v in zip(wanted, values, strict=True))
    return out


def year_tallies(
    session: Session | sqlite3.Connection, period: Period, office: str | None
) -> dict[str, YearTally]:
    """Every office's figures (or just ``office``'s) in the period, by office code."""
    seminars = _seminars(session, period, office)
    reports = _publications(session, period, office)
    media = _named(session, "media_work", "media_municipality", "media_work_id", period, office)
    cooking = _named(session, "cooking_event", "cooking_organisation", "cooking_event_id",
                     period, office)  # fmt: skip
    research = _research(session, period, office)
    roster = _roster(session, period, office)
    counted = _counted(session, period, office)
    codes = {*seminars, *reports, *media, *cooking, *research, *roster, *counted}
    none: tuple[int, frozenset[str]] = (0, frozenset())
    return {
        code: YearTally(
            seminars.get(code, SeminarTally()),
            reports.get(code, 0),
            *media.get(code, none),
            *cooking.get(code, none),
            research.get(code, frozenset()),
            *roster.get(code, none),
            counted.get(code, {}),
        )  # fmt: skip
        for code in codes
    }


def total(tallies: Iterable[YearTally]) -> YearTally:
    """The offices' figures together: counts added, names and requests counted once."""
    items = list(tallies)
    seminars = _seminar_tally(
        (kind, figures.events, 0, figures.participants)
        for t in items for kind, figures in t.seminars.by_kind
    )  # fmt: skip
    return YearTally(
        SeminarTally(seminars.events, sum(t.seminars.sessions for t in items),
                     seminars.participants, seminars.by_kind),
        sum(t.clair_reports for t in items),
        sum(t.media_items for t in items),
        frozenset().union(*(t.media_local_governments for t in items)),
        sum(t.cooking_events for t in items),
        frozenset().union(*(t.cooking_organisations for t in items)),
        frozenset().union(*(t.research_requests for t in items)),
        sum(t.seconded_people for t in items),
        frozenset().union(*(t.seconded_bodies for t in items)),
        {c: sum(t.counted.get(c, 0) for t in items)
         for c in dict.fromkeys(c for t in items for c in t.counted)},
    )  # fmt: skip
