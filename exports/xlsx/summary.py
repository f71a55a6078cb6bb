"""The summary sheet of an office's workbook: its tallies (headquarters' per-office
tables are :mod:`exports.report_tables`)."""

from __future__ import annotations

from typing import Any

from db.countries import country_name
from db.enums import RequesterCategory, SeminarKind
from db.fiscal import Period
from db.offices import office
from db.tallies import OfficeTally, Tally
from db.words import listing
from exports.labels import format_period, t


def _countries(codes: tuple[str, ...], lang: str) -> str:
    return listing(sorted(country_name(c, lang) for c in codes), lang)


def office_summary_rows(
    figures: Tally, office_code: str, period: Period, lang: str
) -> tuple[list[str], list[list[Any]]]:
    """Label / figure / detail rows of one office's tallies."""
    o: OfficeTally = figures.offices[office_code]
    s, e, j = o.support_cases, o.event_booths, o.jetaa_events
    rows: list[list[Any]] = [
        [t("office", lang), office(office_code).name(lang), office_code],
        [t("dates", lang), format_period(period, lang), ""],
        [t("support_table", lang), s.total, ""],
        *[[f"  {c.label(lang)}", getattr(s, c.value), ""] for c in RequesterCategory],
        ["  " + t("summary.enquiries", lang), s.uncounted_enquiries, ""],
        [t("event_booths", lang), e.events, ""],
        ["  " + t("hosted", lang), e.hosted, ""],
        ["  " + t("countries", lang), len(e.countries), _countries(e.countries, lang)],
        [t("summary.newsletter_issues", lang), o.newsletter_issues, ""],
        [t("jetaa_events", lang), j.events, ""],
        ["  " + t("countries", lang), len(j.countries), _countries(j.countries, lang)],
        *_year_rows(o, lang),
    ]  # fmt: skip
    header = [t("summary.item", lang), t("summary.figure", lang), t("summary.detail", lang)]
    return header, rows


def _year_rows(o: OfficeTally, lang: str) -> list[list[Any]]:
    """The office's other work (db/year_tallies.py): seminars by kind, CLAIR Reports,
    media work, cooking events, research requests, seconded staff."""
    y, sem = o.year, o.year.seminars
    return [
        [t("seminars", lang), sem.events, ""],
        *[[f"  {k.label(lang)}", sem.of(k).events, ""] for k in SeminarKind],
        ["  " + t("tally.seminar_participants", lang), sem.participants, ""],
        [t("tally.clair_reports", lang), y.clair_reports, ""],
        [t("media_work", lang), y.media_items, ""],
        ["  " + t("tally.media_local_governments", lang), len(y.media_local_governments),
         listing(sorted(y.media_local_governments), lang)],
        [t("cooking_events", lang), y.cooking_events, ""],
        ["  " + t("tally.cooking_organisations", lang), len(y.cooking_organisations),
         listing(sorted(y.cooking_organisations), lang)],
        [t("research_requests", lang), len(y.research_requests), ""],
        [t("seconded_staff", lang), y.seconded_people, ""],
        ["  " + t("tally.seconded_bodies", lang), len(y.seconded_bodies), ""],
    ]  # fmt: skip
