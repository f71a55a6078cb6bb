"""The readable table ``office-ledger tally`` prints, in Japanese or English."""

from __future__ import annotations

from db.countries import country_name
from db.enums import SeminarKind
from db.fiscal import format_era_date, format_fy
from db.offices import office
from db.tallies import OfficeTally, Tally
from db.words import listing, word
from office_ledger.text_table import render

HEADERS = ("office", "cases", "pref", "municipality", "other", "enquiries", "events",
           "hosted", "countries", "newsletters", "jetaa", "jetaa_countries")  # fmt: skip


def _row(label: str, t: OfficeTally) -> list[object]:
    s = t.support_cases
    return [
        label, s.total, s.prefecture_or_designated_city, s.municipality, s.other,
        s.uncounted_enquiries, t.event_booths.events, t.event_booths.hosted,
        len(t.event_booths.countries), t.newsletter_issues, t.jetaa_events.events,
        len(t.jetaa_events.countries),
    ]  # fmt: skip


# The office's other work (db/year_tallies.py): seminars by kind, then the rest.
SEMINAR_HEADERS = ("office", "seminars", "seminar_participants")
YEAR_HEADERS = ("office", "clair_reports", "media_work", "media_local_governments",
                "cooking_events", "cooking_organisations", "research_requests",
                "seconded_people", "seconded_bodies")  # fmt: skip


def _seminar_row(label: str, t: OfficeTally) -> list[object]:
    s = t.year.seminars
    return [label, s.events, s.participants, *(s.of(k).events for k in SeminarKind)]


def _year_row(label: str, t: OfficeTally) -> list[object]:
    y = t.year
    return [
        label, y.clair_reports, y.media_items, len(y.media_local_governments), y.cooking_events,
        len(y.cooking_organisations), len(y.research_requests), y.seconded_people,
        len(y.seconded_bodies),
    ]  # fmt: skip


def _table(result: Tally, lang: str, headers: list[str], make: object) -> str:
    assert callable(make)
    rows = [make(office(code).name(lang), t) for code, t in result.offices.items()]
    if len(result.offices) > 1:
        rows.append(make(word("total", lang), result.total))
    return render(headers, rows)


def render_tally(result: Tally, lang: str) -> str:
    period = result.period
    if lang == "ja":
        title = (
            f"{format_fy(result.fiscal_year, 'ja')}（{format_era_date(period.start)}"
            f"～{format_era_date(period.end)}）"
        )
    else:
        title = f"{format_fy(result.fiscal_year, 'en')} ({period.start} – {period.end})"
    total_label = word("total", lang)
    rows = [_row(office(code).name(lang), t) for code, t in result.offices.items()]
    if len(result.offices) > 1:
        rows.append(_row(total_label, result.total))
    headers = [word(f"tally.{h}", lang) for h in HEADERS]
    lines = [title, "", render(headers, rows), ""]
    for key in ("event_booths", "jetaa_events"):
        codes = getattr(result.total, key).countries
        names = listing(sorted(country_name(c, lang) for c in codes), lang) or "-"
        lines.append(word(f"tally.{key}_countries", lang, names=names))
    seminar_headers = [word(f"tally.{h}", lang) for h in SEMINAR_HEADERS]
    seminar_headers += [k.label(lang) for k in SeminarKind]
    lines += ["", _table(result, lang, seminar_headers, _seminar_row), ""]
    lines.append(_table(result, lang, [word(f"tally.{h}", lang) for h in YEAR_HEADERS], _year_row))
    return "\n".join(lines)
