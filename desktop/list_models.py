"""The event, JETAA and newsletter-issue lists' columns and searched text.

See :mod:`desktop.record_model` for the model itself and :mod:`desktop.case_model`
for the support cases'.
"""

from __future__ import annotations

from typing import Any

from db.countries import country_name
from desktop.i18n import noop
from desktop.record_model import Column, RecordTableModel


def _dates(row: Any, _lang: str) -> str:
    from exports.labels import format_range

    end = row.end_date
    return format_range(row.start_date, end if end != row.start_date else None, "en")


def _number(value: int | None) -> str:
    return "" if value is None else f"{value:,}"


def _places(stops: Any, lang: str) -> str:
    seen = dict.fromkeys(f"{s.city} ({country_name(s.country, lang)})".replace(" ()", "")
                         if s.city else country_name(s.country, lang) for s in stops)  # fmt: skip
    return ", ".join(seen)


def _date_key(row: Any) -> int:
    return int(row.start_date.toordinal())


def _count_key(name: str) -> Any:
    return lambda row: -1 if getattr(row, name) is None else getattr(row, name)


class EventTableModel(RecordTableModel):
    context = "EventTableModel"
    columns = (
        Column(noop("EventTableModel", "Dates"), _dates, _date_key),
        Column(noop("EventTableModel", "Office"), lambda r, _l: r.office_code),
        Column(noop("EventTableModel", "Event"), lambda r, _l: r.name),
        Column(noop("EventTableModel", "Where"), lambda r, lang: _places(r.legs, lang)),
        Column(noop("EventTableModel", "Hosted"), lambda r, _l: "", lambda r: int(r.hosted),
               check=lambda r: r.hosted),
        Column(noop("EventTableModel", "Local governments"),
               lambda r, _l: "、".join(r.municipalities), lambda r: len(r.municipalities)),
        Column(noop("EventTableModel", "Exhibitors"), lambda r, _l: _number(r.exhibitors),
               _count_key("exhibitors"), True),
        Column(noop("EventTableModel", "Visitors"), lambda r, _l: _number(r.visitors),
               _count_key("visitors"), True),
        Column(noop("EventTableModel", "Notes"), lambda r, _l: r.notes),
    )  # fmt: skip

    def searched_text(self, row: Any) -> str:
        places = " ".join(f"{leg.city} {leg.venue} {leg.country}" for leg in row.legs)
        return f"{row.name}\n{row.name_en}\n{places}\n{' '.join(row.municipalities)}\n{row.notes}"


class JetaaTableModel(RecordTableModel):
    context = "JetaaTableModel"
    columns = (
        Column(noop("JetaaTableModel", "Dates"), _dates, _date_key),
        Column(noop("JetaaTableModel", "Office"), lambda r, _l: r.office_code),
        Column(noop("JetaaTableModel", "Event"), lambda r, _l: r.name),
        Column(noop("JetaaTableModel", "Kind"), lambda r, lang: r.kind.label(lang),
               lambda r: r.kind.value),
        Column(noop("JetaaTableModel", "Where"), lambda r, lang: _places(r.sessions, lang)),
        Column(noop("JetaaTableModel", "Sessions"), lambda r, _l: str(len(r.sessions)),
               lambda r: len(r.sessions), True),
        Column(noop("JetaaTableModel", "Participants"), lambda r, _l: _number(r.participants),
               _count_key("participants"), True),
        Column(noop("JetaaTableModel", "Notes"), lambda r, _l: r.notes),
    )  # fmt: skip

    def searched_text(self, row: Any) -> str:
        places = " ".join(f"{s.city} {s.venue} {s.country}" for s in row.sessions)
        return f"{row.name}\n{places}\n{row.notes}"


class IssueTableModel(RecordTableModel):
    context = "IssueTableModel"
    columns = (
        Column(noop("IssueTableModel", "Date"), lambda r, _l: r.issue_date.isoformat(),
               lambda r: r.issue_date.toordinal()),
        Column(noop("IssueTableModel", "Office"), lambda r, _l: r.office_code),
        Column(noop("IssueTableModel", "Newsletter"), lambda r, _l: r.title),
        Column(noop("IssueTableModel", "No."), lambda r, _l: r.number),
        Column(noop("IssueTableModel", "Format"), lambda r, lang: r.format.label(lang),
               lambda r: r.format.value),
        Column(noop("IssueTableModel", "Languages"), lambda r, _l: ", ".join(r.languages)),
        Column(noop("IssueTableModel", "Reach"), lambda r, _l: _number(r.reach),
               _count_key("reach"), True),
        Column(noop("IssueTableModel", "Contents"), lambda r, _l: r.contents),
    )  # fmt: skip

    def searched_text(self, row: Any) -> str:
        return f"{row.title}\n{row.number}\n{row.contents}"
