"""The annual report's sentences about the overseas offices, built from the tallies.

The report's overseas section (７ 海外事務所を自治体の頼れる海外拠点に) says its
figures in sentences ("令和５年度は全海外事務所で計 435 件の支援を行った。"); the Word
document (:mod:`exports.docx_report`) writes them from the year's :class:`Tally`, so
they always agree with the tables beside them. Each sentence is one function of the
figures it needs and the language, and :func:`overseas_sentences` lists them by the
report's heading they belong to — the one place to read a new list of figures from.
No python-docx, no reportlab here.
"""

from __future__ import annotations

from dataclasses import dataclass

from db.fiscal import format_fy
from db.offices import OVERSEAS_CODES, office
from db.tallies import Tally
from db.words import listing
from exports.report_tables import NO_STATED, Stated


@dataclass(frozen=True)
class Sentence:
    """A sentence of the report and the heading it is printed under (a db.words key)."""

    heading: str
    text: str


def _fy(figures: Tally, lang: str) -> str:
    return format_fy(figures.fiscal_year, lang)


def support_sentence(figures: Tally, lang: str) -> str:
    n = figures.total.support_cases.total
    if lang == "ja":
        return f"{_fy(figures, lang)}は全海外事務所で計 {n:,} 件の支援を行った。"
    return f"In {_fy(figures, lang)} the overseas offices gave {n:,} support cases in all."


def cooking_sentence(figures: Tally, lang: str) -> str:
    offices = [office(c).name(lang) for c in OVERSEAS_CODES
               if (o := figures.offices.get(c)) is not None and o.year.cooking_events]  # fmt: skip
    bodies = len(figures.total.year.cooking_organisations)
    if lang == "ja":
        return (f"{listing(offices, lang)}の各海外事務所では、料理体験を通じて日本の地方の魅力を"
                f"発信する事業の支援を、計 {bodies} 団体を対象に実施した。")  # fmt: skip
    return (f"The {listing(offices, lang)} offices held cooking-experience events presenting "
            f"Japan's regions, with {bodies} organisations in all.")  # fmt: skip


def research_sentence(figures: Tally, lang: str, stated: Stated = NO_STATED) -> str:
    """As the report says it ("15 自治体等から依頼のあった 24 件") when the year's totals
    it states are kept, else from the requests recorded."""
    if stated.requests is None:
        n = len(figures.total.year.research_requests)
        if lang == "ja":
            return (f"{_fy(figures, lang)}は、自治体等から依頼のあった {n} 件の幅広い"
                    "テーマについて調査を実施した（記録された件数。下表は報告書と同じく"
                    "一部抜粋）。")  # fmt: skip
        return (f"In {_fy(figures, lang)} the offices answered {n} research requests from "
                "local governments on a wide range of subjects (the requests recorded; the "
                "table below is an excerpt, as in the report).")  # fmt: skip
    n = stated.requests
    if lang == "ja":
        who = f"{stated.bodies} 自治体等" if stated.bodies is not None else "自治体等"
        return (f"{_fy(figures, lang)}は、{who}から依頼のあった {n} 件の幅広いテーマについて"
                "調査を実施した。")  # fmt: skip
    who = f"{stated.bodies} bodies" if stated.bodies is not None else "local governments"
    return (f"In {_fy(figures, lang)} the offices answered {n} research requests from {who} "
            "on a wide range of subjects.")  # fmt: skip


def overseas_sentences(figures: Tally, lang: str, stated: Stated = NO_STATED) -> list[Sentence]:
    """The section's sentences with figures, in the report's order."""
    return [
        Sentence("prose.support_heading", support_sentence(figures, lang)),
        Sentence("prose.cooking_heading", cooking_sentence(figures, lang)),
        Sentence("prose.research_heading", research_sentence(figures, lang, stated)),
    ]
