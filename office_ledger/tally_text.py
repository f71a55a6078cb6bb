"""The readable table ``office-ledger tally`` prints, in Japanese or English."""

from __future__ import annotations

from db.countries import country_name
from db.fiscal import format_era_date, format_fy
from db.offices import office
from db.tallies import OfficeTally, Tally
from office_ledger.text_table import render

HEADERS = {
    "ja": ("事務所", "支援件数", "都道府県・政令市", "市町村", "その他", "問合せ(計上外)",
           "イベント", "主催", "国数", "ニューズレター", "JETAA", "国数"),
    "en": ("Office", "Cases", "Pref./city", "Municipality", "Other", "Enquiries (not counted)",
           "Events", "Hosted", "Countries", "Newsletter issues", "JETAA", "Countries"),
}  # fmt: skip


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
        total_label = "計"
    else:
        title = f"{format_fy(result.fiscal_year, 'en')} ({period.start} – {period.end})"
        total_label = "Total"
    rows = [_row(office(code).name(lang), t) for code, t in result.offices.items()]
    if len(result.offices) > 1:
        rows.append(_row(total_label, result.total))
    countries = "、" if lang == "ja" else ", "
    lines = [title, "", render(HEADERS[lang], rows), ""]
    for key, label in (("event_booths", ("イベント開催国", "Event countries")),
                       ("jetaa_events", ("JETAA事業実施国", "JETAA countries"))):  # fmt: skip
        codes = getattr(result.total, key).countries
        names = countries.join(sorted(country_name(c, lang) for c in codes)) or "-"
        lines.append(f"{label[0] if lang == 'ja' else label[1]}: {names}")
    return "\n".join(lines)
