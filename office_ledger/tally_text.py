"""The readable table ``office-ledger tally`` prints, in Japanese or English."""

from __future__ import annotations

from db.countries import country_name
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
    return "\n".join(lines)
