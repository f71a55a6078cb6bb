"""The figures headquarters prints, for a fiscal year or any period inside it.

One SQL query per figure family, grouped by office:

* support cases – counted cases by requester category, plus phone/email-only
  enquiries (logged but not counted, as the annual report says), summed from the day
  summary the database keeps (:mod:`db.storage.tally_summary`), not counted case by case;
* event booths – events (an event with several legs counts once, in the period of its
  first leg), hosted ones, and the distinct countries over all legs;
* newsletter issues – issues dated in the period;
* JETAA events – events (sessions count once) and distinct countries over sessions.

The queries are SQL text, run on a SQLAlchemy session or on a bare sqlite3 connection
(:func:`rows`): ``office-ledger tally`` reads without importing SQLAlchemy. A new
family's query should do the same (a function taking ``session`` and using
:func:`rows`), or the command line's tally loses its quick start.

The all-office total sums the offices, and its country lists are distinct across
offices (two offices at fairs in France make one country).
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from db.schema.enums import RequesterCategory
from db.schema.fiscal import Period, fiscal_year, fy_period
from db.schema.offices import OFFICE_CODES
from db.tally.sqlrows import rows
from db.tally.year_tallies import YearTally, year_tallies
from db.tally.year_tallies import total as year_total

if TYPE_CHECKING:
    from sqlalchemy.orm import Session


# The figures are plain SQL run on whatever connection is at hand: a SQLAlchemy session
# (the app, reports) or a bare sqlite3 connection (``office-ledger tally``, which then
# never imports SQLAlchemy: see db.storage.dbfile.open_reader and docs/design.md).
def __getattr__(name: str) -> Any:  # ``from db.tally.tallies import LIVE`` still works
    if name == "LIVE":
        from db.storage.base import LIVE

        return LIVE
    raise AttributeError(name)


def _where(
    day: str, office_column: str, period: Period, office: str | None
) -> tuple[str, list[Any]]:
    """SQL restricting ``day`` to ``period`` and, if given, ``office_column`` to one office."""
    sql, params = f"{day} BETWEEN ? AND ?", [period.start.isoformat(), period.end.isoformat()]
    if office is not None:
        sql += f" AND {office_column} = ?"
        params.append(office)
    return sql, params


@dataclass(frozen=True, slots=True)
class SupportTally:
    total: int = 0
    prefecture_or_designated_city: int = 0
    municipality: int = 0
    other: int = 0
    uncounted_enquiries: int = 0


@dataclass(frozen=True, slots=True)
class EventTally:
    events: int = 0
    hosted: int = 0
    countries: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class JetaaTally:
    events: int = 0
    countries: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class OfficeTally:
    support_cases: SupportTally = field(default_factory=SupportTally)
    event_booths: EventTally = field(default_factory=EventTally)
    newsletter_issues: int = 0
    jetaa_events: JetaaTally = field(default_factory=JetaaTally)
    year: YearTally = field(default_factory=YearTally)  # seminars... (db/tally/year_tallies.py)

    def as_json(self) -> dict[str, Any]:
        """The figures as ``tally --json`` nests them (:data:`db.tally.figures.FIGURES`)."""
        from db.tally.figures import as_json

        return as_json(self)


@dataclass(frozen=True, slots=True)
class Tally:
    period: Period
    offices: dict[str, OfficeTally]
    total: OfficeTally

    @property
    def fiscal_year(self) -> int:
        return fiscal_year(self.period.start)

    def as_json(self) -> dict[str, Any]:
        """The shape ``office-ledger tally --json`` prints."""
        return {
            "fiscal_year": self.fiscal_year,
            "period": {"start": self.period.start.isoformat(), "end": self.period.end.isoformat()},
            "offices": {code: t.as_json() for code, t in self.offices.items()},
            "total": self.total.as_json(),
        }


def _support(session: Session | sqlite3.Connection, period: Period,
             office: str | None) -> dict[str, SupportTally]:  # fmt: skip
    """Counted cases per category and uncounted enquiries, from the day summary that
    triggers keep (:mod:`db.storage.tally_summary`): a year is at most ~26,000 summary rows
    whatever the number of cases."""
    where, params = _where("day", "office_code", period, office)
    found = rows(session, "SELECT office_code, requester_category, counted, sum(cases)"
                 f" FROM support_case_day WHERE {where} GROUP BY 1, 2, 3", params)  # fmt: skip
    return _support_tallies(found)


# The plain count over the cases themselves: what the summary must always equal
# (tests/db/storage/test_tally_summary.py), and the benchmark's yardstick.
PLAIN_SUPPORT = (
    "SELECT office_code, requester_category, counted, count(*) FROM support_case"
    " WHERE deleted = 0 AND {where} GROUP BY 1, 2, 3"
)


def support_plain(session: Session | sqlite3.Connection, period: Period,
                  office: str | None = None) -> dict[str, SupportTally]:  # fmt: skip
    """The support figures counted from the cases (no summary): slow on a big year."""
    where, params = _where("start_date", "office_code", period, office)
    return _support_tallies(rows(session, PLAIN_SUPPORT.format(where=where), params))


def _support_tallies(found: list[Any]) -> dict[str, SupportTally]:
    counts: dict[str, dict[tuple[str, int], int]] = {}
    for code, category, counted, n in found:
        counts.setdefault(code, {})[(category, int(counted))] = int(n)
    return {
        code: SupportTally(
            total=sum(n for (_, k), n in cell.items() if k),
            prefecture_or_designated_city=cell.get((RequesterCategory.PREFECTURE_OR_CITY, 1), 0),
            municipality=cell.get((RequesterCategory.MUNICIPALITY, 1), 0),
            other=cell.get((RequesterCategory.OTHER, 1), 0),
            uncounted_enquiries=sum(n for (_, k), n in cell.items() if not k),
        )
        for code, cell in counts.items()
        if any(cell.values())
    }


def _events(session: Session | sqlite3.Connection, period: Period,
            office: str | None) -> dict[str, EventTally]:  # fmt: skip
    where, params = _where("e.start_date", "e.office_code", period, office)
    sql = (
        "SELECT e.office_code, count(DISTINCT e.id),"
        " count(DISTINCT CASE WHEN e.hosted = 1 THEN e.id END), group_concat(DISTINCT l.country)"
        " FROM event_booth AS e LEFT OUTER JOIN event_leg AS l ON l.event_id = e.id"
        f" WHERE e.deleted = 0 AND {where} GROUP BY e.office_code"
    )
    return {
        code: EventTally(events, hosted, _countries(countries))
        for code, events, hosted, countries in rows(session, sql, params)
    }


def _jetaa(session: Session | sqlite3.Connection, period: Period,
           office: str | None) -> dict[str, JetaaTally]:  # fmt: skip
    where, params = _where("j.start_date", "j.office_code", period, office)
    sql = (
        "SELECT j.office_code, count(DISTINCT j.id), group_concat(DISTINCT s.country)"
        " FROM jetaa_event AS j LEFT OUTER JOIN jetaa_session AS s ON s.event_id = j.id"
        f" WHERE j.deleted = 0 AND {where} GROUP BY j.office_code"
    )
    return {
        code: JetaaTally(events, _countries(countries))
        for code, events, countries in rows(session, sql, params)
    }


def _newsletters(session: Session | sqlite3.Connection, period: Period,
                 office: str | None) -> dict[str, int]:  # fmt: skip
    where, params = _where("i.issue_date", "n.office_code", period, office)
    sql = (
        "SELECT n.office_code, count(*) FROM newsletter_issue AS i"
        " JOIN newsletter AS n ON n.id = i.newsletter_id"
        f" WHERE i.deleted = 0 AND n.deleted = 0 AND {where} GROUP BY n.office_code"
    )
    return {code: int(count) for code, count in rows(session, sql, params)}


def _countries(joined: str | None) -> tuple[str, ...]:
    return tuple(sorted(set(joined.split(",")))) if joined else ()


def tally(session: Session | sqlite3.Connection, period: Period,
          office: str | None = None) -> Tally:  # fmt: skip
    """Tallies per office (every office, or just ``office``) and their total, read with
    a session or a bare sqlite3 connection."""
    support = _support(session, period, office)
    events = _events(session, period, office)
    issues = _newsletters(session, period, office)
    jetaa = _jetaa(session, period, office)
    year = year_tallies(session, period, office)
    codes = [office] if office else list(OFFICE_CODES)
    offices = {
        code: OfficeTally(
            support.get(code, SupportTally()),
            events.get(code, EventTally()),
            issues.get(code, 0),
            jetaa.get(code, JetaaTally()),
            year.get(code, YearTally()),
        )
        for code in codes
    }
    return Tally(period, offices, _sum(offices.values()))


def tally_fy(session: Session | sqlite3.Connection, fy: int, office: str | None = None) -> Tally:
    return tally(session, fy_period(fy), office)


def _sum(tallies: Any) -> OfficeTally:
    items = list(tallies)
    return OfficeTally(
        SupportTally(
            *(
                sum(getattr(t.support_cases, f) for t in items)
                for f in SupportTally.__dataclass_fields__
            )
        ),
        EventTally(
            sum(t.event_booths.events for t in items),
            sum(t.event_booths.hosted for t in items),
            tuple(sorted({c for t in items for c in t.event_booths.countries})),
        ),
        sum(t.newsletter_issues for t in items),
        JetaaTally(
            sum(t.jetaa_events.events for t in items),
            tuple(sorted({c for t in items for c in t.jetaa_events.countries})),
        ),
        year_total(t.year for t in items),
    )
