"""Load the FY2023 demo year: the report's events, JETAA events, newsletters,
seminars, CLAIR Reports, media work, cooking events, research requests and seconded
staff from ``resources/fy2023`` and support cases generated to match its counts.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import delete as sql_delete
from sqlalchemy.orm import Session

from db.demo.cases import generate, spread_dates
from db.records import write as records
from db.schema.enums import JetaaKind, NewsletterFormat, VenueMode
from db.schema.errors import LedgerError
from db.schema.fields import FieldType
from db.schema.kinds import YEAR_KINDS, RecordKind
from db.storage.database import Database, table_counts
from db.storage.models import (
    SYNCED_MODELS,
    Conflict,
    EventBooth,
    EventLeg,
    EventMunicipality,
    HistoryOrigin,
    JetaaEvent,
    JetaaSession,
    Newsletter,
    NewsletterIssue,
    RecordHistory,
)
from resources import read_json

DEMO_FY = 2023
# What the report does not say about newsletter issues; plausible, documented as made up.
NEWSLETTER_STYLE: dict[str, tuple[list[str], NewsletterFormat]] = {
    "NYC": (["en"], NewsletterFormat.PDF),
    "LON": (["en"], NewsletterFormat.EMAIL),
    "PAR": (["fr"], NewsletterFormat.EMAIL),
    "SIN": (["en"], NewsletterFormat.EMAIL),
    "SEL": (["ja", "ko"], NewsletterFormat.PRINTED),
    "SYD": (["en"], NewsletterFormat.EMAIL),
    "BEJ": (["ja", "zh"], NewsletterFormat.PRINTED),
}


class DemoRefused(LedgerError):
    """The database already holds records and ``replace`` was not asked for."""


def _day(text: str) -> date:
    return date.fromisoformat(text)


def _event(data: dict[str, Any]) -> EventBooth:
    return EventBooth(
        office_code=data["office"],
        name=data["name"],
        name_en=data["name_en"],
        hosted=data["hosted"],
        visitors=data["visitors"],
        exhibitors=data["exhibitors"],
        items_shown=data["items_shown"],
        outline=data.get("outline", ""),
        notes=_event_note(data),
        legs=[
            EventLeg(
                start_date=_day(leg["start"]),
                end_date=_day(leg["end"]),
                city=leg["city"],
                country=leg["country"],
                venue=leg["venue"],
                activity=leg.get("activity", ""),
            )
            for leg in data["legs"]
        ],
        municipalities=[EventMunicipality(name=m) for m in data["municipalities"]],
    )


def _event_note(data: dict[str, Any]) -> str:
    """What an office writes under an event: who shared its booth, or that it hosted
    it (not where the demo data came from: that is in resources/README.md)."""
    names = data["municipalities"]
    if names:
        return f"ジャパンブースに{'、'.join(names)}が出展。"
    return "事務所主催。" if data["hosted"] else ""


def _jetaa(data: dict[str, Any]) -> JetaaEvent:
    titles = [f"{n}. {s['title']}" for n, s in enumerate(data["sessions"], 1) if s["title"]]
    return JetaaEvent(
        office_code=data["office"],
        name=data["name"],
        kind=JetaaKind(data["kind"]),
        notes="\n".join(titles),  # the sessions' titles, as the office lists them
        sessions=[
            JetaaSession(
                start_date=_day(s["start"]),
                end_date=_day(s["end"]),
                city=s["city"],
                country=s["country"],
                venue=s["venue"],
                mode=VenueMode(s["mode"]),
            )
            for s in data["sessions"]
        ],
    )


def _newsletters(session: Session) -> None:
    for data in read_json("fy2023/newsletters.json"):
        letter = records.save(session, Newsletter(office_code=data["office"], title=data["title"]))
        languages, fmt = NEWSLETTER_STYLE.get(data["office"], (["ja"], NewsletterFormat.EMAIL))
        for number, day in enumerate(spread_dates(DEMO_FY, data["issues_per_year"]), 1):
            records.save(
                session,
                NewsletterIssue(
                    newsletter=letter,
                    number=f"{DEMO_FY}-{number}",
                    issue_date=day,
                    languages=languages,
                    format=fmt,
                    contents=data["main_contents"],
                ),
            )


def _typed(fields: Any, data: dict[str, Any]) -> dict[str, Any]:
    """JSON values as the declared fields hold them: dates, codes, lists as tuples."""
    out = dict(data)
    for f in fields:
        value = out.get(f.name)
        if value is None:
            continue
        if f.type is FieldType.DATE:
            out[f.name] = _day(value)
        elif f.type is FieldType.CODE and f.enum is not None:
            out[f.name] = f.enum(value)
        elif f.type is FieldType.CODES and f.enum is not None:
            out[f.name] = tuple(f.enum(v) for v in value)
    return out


def year_record(kind: RecordKind, data: dict[str, Any]) -> Any:
    """A record of the office's year (seminars, publications...) from its JSON, which
    names the declaration's own fields: made and checked like one a person typed."""
    spec = kind.spec
    values = _typed(spec.fields, data)
    for child in spec.children:
        rows = data.get(child.attr, ())
        make = child.row_type
        if child.scalar:
            values[child.attr] = tuple(rows)
        else:
            values[child.attr] = tuple(make(**_typed(child.fields, r)) for r in rows)
    return spec.row_type(**values)


# The demo files of the office's year, by kind: resources/fy2023/<name>.json, named
# as the kind's section of the reports (its ``report_label``; a kind without one has
# no demo records).
YEAR_FILES: dict[RecordKind, str] = {
    kind: name for kind in YEAR_KINDS if (name := kind.spec.report_label)
}


def _year(session: Session) -> None:
    from db.records.edit import apply_values

    for kind, name in YEAR_FILES.items():
        for data in read_json(f"fy2023/{name}.json"):
            records.save(session, apply_values(session, kind, year_record(kind, data)))


def clear(session: Session) -> None:
    """Remove every record (children cascade); offices and device identity stay."""
    session.execute(sql_delete(Conflict))
    session.execute(sql_delete(RecordHistory))
    session.execute(sql_delete(HistoryOrigin))
    for model in reversed(SYNCED_MODELS):
        session.execute(sql_delete(model))


def load_demo(db: Database, *, replace: bool = False) -> dict[str, int]:
    """Load the FY2023 demo year into ``db`` in one transaction; return rows per table.

    Raises:
        DemoRefused: the database already has records and ``replace`` is false.
    """
    existing = sum(table_counts(db).values())
    if existing and not replace:
        raise DemoRefused(
            f"{db.path} already has {existing} records; use --replace to discard them"
        )
    with db.session() as session:
        from db.records import history

        history.via(session, history.Source("demo"))
        if existing:
            clear(session)
        for data in read_json("fy2023/event_booths.json"):
            records.save(session, _event(data))
        for data in read_json("fy2023/jetaa_events.json"):
            records.save(session, _jetaa(data))
        _newsletters(session)
        _year(session)
        tally = read_json("fy2023/support_case_tally.json")["offices"]
        records.bulk_insert_cases(session, generate(tally, DEMO_FY))
    return table_counts(db)
