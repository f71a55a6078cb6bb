"""The annual report's per-office tables as plain rows, for the HQ PDF and the workbook.

Headquarters' consolidated workbook (:mod:`exports.xlsx.consolidate`) and the HQ PDF
(:mod:`exports.pdf.report`) show the same tables with the report's titles, columns and
notes; each table is built here once, from the tallies and the records, and each
format only lays it out. Every number is one of the declared figures
(:data:`db.tally.figures.FIGURES`, read with :func:`db.tally.figures.figure`), as the window's
tallies, ``tally`` and the mail show them. No reportlab, no xlsxwriter here.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from db.read.rows import IssueRow
from db.schema.countries import country_name, printed_country_name
from db.schema.enums import PublicationSeries, SeminarKind, SessionMode
from db.schema.kinds import RecordKind
from db.schema.offices import OVERSEAS_CODES, office
from db.schema.words import listing
from db.tally.figures import TallyFigure, figure, of_kind
from db.tally.tallies import OfficeTally, Tally
from exports.labels import format_range, t


@dataclass(frozen=True)
class ReportTable:
    """One printed table: its title, short sheet name, header and rows (a 計 row last
    when ``total``), which columns hold numbers, each column's share of the width, and
    the note printed under it."""

    title: str
    sheet: str
    header: list[str]
    rows: list[list[Any]]
    numeric: tuple[int, ...] = ()
    shares: tuple[float, ...] = ()
    total: bool = True
    note: str = ""
    lists: tuple[int, ...] = field(default=())  # columns holding long lists (countries)
    # rows with only a first cell are headings across the table (a series' name)
    headings: bool = False
    # rows (indexes into ``rows``) that are a header of their own, printed like the
    # header: a series whose own header differs (開催方法 for one held online)
    header_rows: tuple[int, ...] = ()
    # what the report prints between the title and the table: an event's name and its
    # paragraph (＜クレアが主催した…＞); a table that ``continues`` the one before it is
    # printed under that one's title, not under a title of its own
    lead: tuple[str, ...] = ()
    continues: bool = False


def titled(key: str, lang: str) -> str:
    """A table's title as the report prints it: ＜…＞ in Japanese."""
    text = t(key, lang)
    return text if lang != "ja" or text.startswith("＜") else f"＜{text}＞"


def _countries(codes: tuple[str, ...], lang: str) -> str:
    return listing(sorted(country_name(c, lang) for c in codes), lang)


def _country_note(codes: tuple[str, ...], lang: str) -> str:
    sep = "：" if lang == "ja" else ": "
    return f"{t('country_list', lang, n=len(codes))}{sep}{_countries(codes, lang)}"


def _shown(code: str, value: int) -> bool:
    return code in OVERSEAS_CODES or value > 0


def _per_office(figures: Tally, lang: str, first: TallyFigure,
                cells: Callable[[OfficeTally], list[Any]]) -> list[list[Any]]:  # fmt: skip
    """A row per office the table shows (an overseas office, or another with ``first``
    above 0), then the 計 row: the office's name, then ``cells``."""
    rows: list[list[Any]] = [[office(c).name(lang), *cells(o)] for c, o in figures.offices.items()
                             if _shown(c, first.count(o))]  # fmt: skip
    return [*rows, [t("total", lang), *cells(figures.total)]]


def support_table(figures: Tally, lang: str) -> ReportTable:
    """＜海外活動支援件数＞: the counted cases, then by requester category."""
    total = figure("support_cases.total")
    cats = of_kind(total.kind, counted=True, category=...)  # by requester category
    rows = _per_office(figures, lang, total, lambda o: [f.count(o) for f in (total, *cats)])
    return ReportTable(
        titled("support_table", lang), t("summary.sheet.support", lang),
        [t("overseas_office", lang), t("col.support_cases", lang),
         *(t(f.summary_label, lang) for f in cats)],
        rows, numeric=tuple(range(1, len(cats) + 2)), shares=(40, 28, 40, 24, 24),
        note=t("support_note", lang),
    )  # fmt: skip


def events_table(figures: Tally, lang: str) -> ReportTable:
    events, hosted = figure("event_booths.events"), figure("event_booths.hosted")
    countries = figure("event_booths.countries")
    rows = _per_office(figures, lang, events, lambda o: [
        events.count(o), hosted.count(o), countries.count(o),
        _countries(countries.names(o), lang)])  # fmt: skip
    return ReportTable(
        t("event_booths_summary", lang), t("summary.sheet.events", lang),
        [t("overseas_office", lang), t("events", lang), t("hosted", lang), t("countries", lang),
         t("countries_listed", lang)], rows,
        numeric=(1, 2, 3), shares=(40, 24, 24, 24, 60), lists=(4,),
        note=_country_note(countries.names(figures.total), lang),
    )  # fmt: skip


def newsletters_table(figures: Tally, issues: Sequence[IssueRow], lang: str) -> ReportTable:
    """＜ニューズレター発行状況＞: each office's newsletters with their main contents (the
    distinct contents of the period's issues) and the issues in the period."""
    letters: dict[str, dict[str, tuple[list[str], list[int]]]] = {}
    for issue in issues:
        contents, count = letters.setdefault(issue.office_code, {}).setdefault(
            issue.title, ([], [0]))  # fmt: skip
        if issue.contents and issue.contents not in contents:
            contents.append(issue.contents)
        count[0] += 1
    issued = figure("newsletter_issues")
    rows: list[list[Any]] = []
    for code, o in figures.offices.items():
        if not _shown(code, issued.count(o)):
            continue
        name = office(code).name(lang)
        own = letters.get(code, {})
        if not own:
            rows.append([name, "", "", issued.count(o)])
        for title, (contents, count) in own.items():
            rows.append([name, title, "\n".join(contents), count[0]])
    rows.append([t("total", lang), "", "", issued.count(figures.total)])
    return ReportTable(
        titled("newsletters_table", lang), t("summary.sheet.newsletters", lang),
        [t("overseas_office", lang), t("newsletter_name", lang), t("field.contents", lang),
         t("issues", lang)], rows, numeric=(3,), shares=(30, 50, 80, 20),
    )  # fmt: skip


def jetaa_table(figures: Tally, lang: str) -> ReportTable:
    events, countries = figure("jetaa_events.events"), figure("jetaa_events.countries")
    rows = _per_office(figures, lang, events, lambda o: [
        events.count(o), countries.count(o), _countries(countries.names(o), lang)])  # fmt: skip
    return ReportTable(
        t("jetaa_summary", lang), t("summary.sheet.jetaa", lang),
        [t("overseas_office", lang), t("events", lang), t("countries", lang),
         t("countries_listed", lang)], rows,
        numeric=(1, 2), shares=(40, 24, 24, 60), lists=(3,),
        note=_country_note(countries.names(figures.total), lang),
    )  # fmt: skip


def hq_tables(figures: Tally, issues: Sequence[IssueRow], lang: str) -> list[ReportTable]:
    """Headquarters' tables in the order the workbook and the PDF show them."""
    return [support_table(figures, lang), events_table(figures, lang),
            newsletters_table(figures, issues, lang), jetaa_table(figures, lang)]  # fmt: skip


# --- the office's other work of the year (issue #15): the report's lists -------------

Read = Callable[[RecordKind], Sequence[Any]]  # a kind's records, by office then date


def _office_name(code: str, lang: str) -> str:
    return office(code).name(lang)


def in_report_order(records: Sequence[Any]) -> list[Any]:
    """Records as the report lists them: by ``report_no`` where one is kept, then the
    others in the order given (by office, then date)."""
    numbered = [r for r in records if getattr(r, "report_no", None) is not None]
    rest = [r for r in records if getattr(r, "report_no", None) is None]
    return [*sorted(numbered, key=lambda r: r.report_no), *rest]


_MARKS = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"


def _mark(i: int, many: bool, lang: str) -> str:
    """A session's number before its line (① ② ③) when a row holds several sessions."""
    if not many:
        return ""
    return f"{_MARKS[i]} " if lang == "ja" and i < len(_MARKS) else f"({i + 1}) "


def _sessions_dates(seminar: Any, lang: str) -> str:
    many = len(seminar.sessions) > 1
    return "\n".join(f"{_mark(i, many, lang)}{format_range(s.start_date, s.end_date, lang)}"
                     for i, s in enumerate(seminar.sessions))  # fmt: skip


def _people(n: int, approx: bool, lang: str) -> str:
    """``約 100 名`` / ``41 名`` as the report prints participants (``approx. 100`` / ``41``)."""
    number = t("approx", lang, n=f"{n:,}") if approx else f"{n:,}"
    return t("n_people", lang, n=number)


def _participants(seminar: Any, lang: str) -> str:
    """A seminar's participants as printed: ``約 100 名``, or one line a session (① 10 名,
    ② 124 名, ③ 32 名) when the report gives each session's."""
    known = [s for s in seminar.sessions if s.participants is not None]
    if not known:
        return ""
    if len(known) > 1:
        return "\n".join(_mark(i, True, lang) + _people(s.participants, s.participants_approx, lang)
                         for i, s in enumerate(known))  # fmt: skip
    return _people(known[0].participants, known[0].participants_approx, lang)


def _where(seminar: Any, lang: str) -> str:
    """The places as the report writes them (``テキサス州オースティン``, ``オンライン``):
    the record's own words; the country only when no place is written."""
    out = [s.venue or (country_name(s.country, lang) if s.country else s.mode.label(lang))
           for s in seminar.sessions]  # fmt: skip
    return "\n".join(dict.fromkeys(out))


def _first(rows: list[list[Any]], with_office: bool) -> list[list[Any]]:
    """Rows without the office column when the table is one office's."""
    return rows if with_office else [r[1:] for r in rows]


def _table(key: str, sheet: str, header: list[str], rows: list[list[Any]], total: list[Any],
           numeric: tuple[int, ...], shares: tuple[float, ...], with_office: bool,
           lang: str, note: str = "") -> ReportTable:  # fmt: skip
    if not with_office:  # one office's table: 計 and the count share the first cell
        header, total = header[1:], [f"{total[0]} {total[1]}".strip(), *total[2:]]
        numeric = tuple(i - 1 for i in numeric if i > 0)
        shares = shares[1:]
    return ReportTable(titled(key, lang), t(sheet, lang), header,
                       [*_first(rows, with_office), total], numeric=numeric, shares=shares,
                       note=note)  # fmt: skip


def _total(figures: Tally, key: str) -> int:
    """The all-office figure ``key`` (db.tally.figures): how many, or how many names."""
    return figure(key).count(figures.total)


def _seminar_figures(figures: Tally, kind: SeminarKind) -> tuple[int, int]:
    """A kind of seminar's events and participants, all offices together."""
    return (_total(figures, f"seminars.{kind.value}.events"),
            _total(figures, f"seminars.{kind.value}.participants"))  # fmt: skip


def _seminars(read: Read, kind: SeminarKind) -> list[Any]:
    return in_report_order([s for s in read(RecordKind.SEMINAR) if s.kind is kind])


def _seminar_heading(s: Any, lang: str) -> str:
    """The heading of the report's table a seminar is printed in: the record's own
    (＜北京事務所主催ウェビナー概要＞, Japanese only), else its office's."""
    if lang == "ja" and s.table_heading:
        return str(s.table_heading)
    return t("year.office_seminars_of", lang, office=_office_name(s.office_code, lang))


def _outline(s: Any, lang: str) -> str:
    """事業概要 as the report prints it: the round, ＜テーマ＞, the title (one line a
    part), the speakers, and (期間を限定して映像配信) for one streamed on demand. A
    seminar in parts (``第一部 … / 第二部 …``) whose speakers are as many blocks (an
    empty line between them) prints each part's speakers under it, as Singapore's."""
    parts = [p.strip() for p in s.title.split(" / ")]
    blocks = [b.strip() for b in s.speakers.split("\n\n") if b.strip()]
    if len(parts) > 1 and len(blocks) == len(parts):
        body = [x for pair in zip(parts, blocks, strict=True) for x in pair]
    else:
        body = [*parts, s.theme, "\n".join(blocks)]
    on_demand = any(x.mode is SessionMode.ON_DEMAND for x in s.sessions)
    lines = [s.series_round, t("theme_mark", lang), *body,
             t("on_demand_note", lang) if on_demand else ""]  # fmt: skip
    return "\n".join(x for x in lines if x)


def _seminar_participants(s: Any, lang: str) -> str:
    """An office seminar's participants: 合計 102 名 for one held on site and online at
    once (the report's sum of both), else as :func:`_participants`."""
    one = s.sessions[0] if len(s.sessions) == 1 else None
    if one is not None and one.mode is SessionMode.HYBRID and one.participants is not None:
        return t("people_in_all", lang,
                 n=_people(one.participants, one.participants_approx, lang))  # fmt: skip
    return _participants(s, lang)


def office_seminars_tables(figures: Tally, read: Read, lang: str) -> list[ReportTable]:
    """Seminars the offices ran for local governments in Japan (sections 1 (2)–(7)) as
    the report prints them: one table an office (a heading of the records' own), no
    office column and no 計 row; 開催方法 only where a seminar met in person (Singapore's
    held on site and online)."""
    groups: dict[str, list[Any]] = {}
    for s in _seminars(read, SeminarKind.OFFICE_ONLINE):
        groups.setdefault(_seminar_heading(s, lang), []).append(s)
    tables, sheets = [], set()
    for heading, seminars in groups.items():
        how = any(x.mode in (SessionMode.IN_PERSON, SessionMode.HYBRID)
                  for s in seminars for x in s.sessions)  # fmt: skip
        rows = [[_sessions_dates(s, lang),
                 *(["\n".join(dict.fromkeys(x.venue or x.mode.label(lang) for x in s.sessions))]
                   if how else []),
                 _outline(s, lang), _seminar_participants(s, lang)]
                for s in seminars]  # fmt: skip
        sheet = f"{t('year.sheet.office_seminars', lang)}-{seminars[0].office_code}"
        while sheet.casefold() in sheets:
            sheet += "+"
        sheets.add(sheet.casefold())
        header = [
            t("col.held_on", lang),
            *([t("col.how_held", lang)] if how else []),
            t("col.outline", lang),
            t("field.participants", lang),
        ]
        tables.append(ReportTable(
            heading if heading.startswith("＜") or lang != "ja" else f"＜{heading}＞", sheet,
            header, rows, numeric=(len(header) - 1,),
            shares=(34, 26, 96, 22) if how else (34, 110, 22), total=False))  # fmt: skip
    return tables


def media_table(figures: Tally, read: Read, lang: str, with_office: bool) -> ReportTable:
    rows = [[_office_name(m.office_code, lang),
             m.dates_as_printed if lang == "ja" and m.dates_as_printed
             else format_range(m.start_date, m.end_date, lang),
             m.activity + (f"\n（{m.outlets}）" if lang == "ja" and m.outlets else
                           f"\n({m.outlets})" if m.outlets else ""),
             listing(m.municipalities, lang)]
            for m in in_report_order(read(RecordKind.MEDIA_WORK))]  # fmt: skip
    return _table("year.media", "year.sheet.media",
                  [t("overseas_office", lang), t("col.held_on", lang), t("col.media_name", lang),
                   t("col.featured", lang)], rows,
                  [t("total", lang), t("n_items", lang, n=_total(figures, "media_work.items")), "",
                   t("n_lgs", lang, n=_total(figures, "media_work.local_governments"))],
                  (), (26, 34, 70, 50), with_office, lang)  # fmt: skip


def _results(e: Any, lang: str, first: bool = True, last: bool = True) -> str:
    """参加実績 as the report words it: visitors, items shown, local governments and
    exhibitors (what the record keeps). The report's cell runs down an event's legs:
    the visitors on the first leg's row, the rest on the last's."""
    lines = []
    if e.visitors is not None and first:
        lines.append(t("result_visitors", lang, n=f"{e.visitors:,}"))
    if not last:
        return "\n".join(lines)
    if e.items_shown is not None:
        lines.append(t("result_items", lang, n=f"{e.items_shown:,}"))
    if e.exhibitors is not None:
        lines.append(t("result_bodies", lang, lgs=len(e.municipalities), n=e.exhibitors))
    return "\n".join(lines)


def hosted_events_tables(figures: Tally, read: Read, lang: str) -> list[ReportTable]:
    """＜クレアが主催した経済交流関係イベント等一覧＞: the events CLAIR hosted (an office
    or headquarters), as the report prints them: under the one heading, each event's name
    (…（クレア主催イベント）) and its paragraph, then its own table — 実施日, 実施内容,
    参加実績 where its legs keep what was done there (Paris's exhibition), else 国名,
    実施日, 開催地, 参加実績 — one row a leg, the results on the first, and
    （参加自治体：26） with the local governments across the table's foot."""
    events = in_report_order([e for e in read(RecordKind.EVENT_BOOTH) if e.hosted])
    title, sheet = titled("year.hosted_events", lang), t("year.sheet.hosted_events", lang)
    tables: list[ReportTable] = []
    for n, e in enumerate(events):
        name = e.name if lang == "ja" or not e.name_en else e.name_en
        done = any(g.activity for g in e.legs)
        rows: list[list[Any]] = []
        for i, g in enumerate(e.legs):
            results = _results(e, lang, first=i == 0, last=i == len(e.legs) - 1)
            dates = format_range(g.start_date, g.end_date, lang)
            if done:
                rows.append([dates, g.activity, results])
                continue
            place = "\n".join(x for x in (g.city or printed_country_name(g.country, lang),
                                          g.venue) if x)  # fmt: skip
            rows.append([printed_country_name(g.country, lang), dates, place, results])
        if e.municipalities:
            lgs = t("hosted_lgs", lang, n=len(e.municipalities))
            rows.append([f"{lgs}\n{listing(e.municipalities, lang)}",
                         *[""] * (2 if done else 3)])  # fmt: skip
        header = _hosted_header(done, lang)
        tables.append(ReportTable(
            title, sheet if n == 0 else f"{sheet}-{n + 1}", header, rows,
            shares=(40, 90, 50) if done else (24, 40, 56, 50), total=False, headings=True,
            lead=tuple(x for x in (t("hosted_event_name", lang, name=name), e.outline) if x),
            continues=n > 0))  # fmt: skip
    if not tables:  # none hosted: the heading and 該当なし
        tables.append(ReportTable(title, sheet, _hosted_header(False, lang), [], total=False))
    return tables


def _hosted_header(done: bool, lang: str) -> list[str]:
    """A hosted event's header: 実施日 / 実施内容 / 参加実績 when its legs keep what was
    done there, else 国名 / 実施日 / 開催地 / 参加実績."""
    keys = ("held_on", "activity", "results") if done else (
        "country_name", "held_on", "venue", "results")  # fmt: skip
    return [t(f"col.{k}", lang) for k in keys]


def booths_table(figures: Tally, read: Read, lang: str, with_office: bool) -> ReportTable:
    """＜海外で共催･参加した経済交流関係イベント等一覧＞: the events not hosted by CLAIR,
    one row an event, one line a leg (its dates and city)."""
    events = [e for e in read(RecordKind.EVENT_BOOTH) if not e.hosted]
    rows = [[_office_name(e.office_code, lang),
             "\n".join(format_range(g.start_date, g.end_date, lang) for g in e.legs),
             "\n".join(dict.fromkeys(g.city or printed_country_name(g.country, lang)
                                     for g in e.legs)),
             e.name if lang == "ja" or not e.name_en else e.name_en]
            for e in events]  # fmt: skip
    return _table("year.booths", "year.sheet.booths",
                  [t("overseas_office", lang), t("col.held_on", lang), t("col.venue", lang),
                   t("col.event_name", lang)], rows,
                  [t("total", lang), t("n_items", lang, n=len(events)), "", ""],
                  (), (26, 44, 36, 70), with_office, lang)  # fmt: skip


def jetaa_list_table(figures: Tally, read: Read, lang: str, with_office: bool) -> ReportTable:
    """＜海外事務所における JETAA 等との連携による事業一覧＞: one row an event, one line a
    session where it had several."""
    events = list(read(RecordKind.JETAA_EVENT))
    rows = [[_office_name(e.office_code, lang),
             "\n".join(dict.fromkeys(printed_country_name(s.country, lang) for s in e.sessions)),
             "\n".join(format_range(s.start_date, s.end_date, lang) for s in e.sessions),
             e.name,
             "\n".join(dict.fromkeys(s.venue or s.city or s.mode.label(lang) for s in e.sessions))]
            for e in events]  # fmt: skip
    return _table("year.jetaa", "year.sheet.jetaa",
                  [t("overseas_office", lang), t("col.country_name", lang), t("col.held_on", lang),
                   t("col.name_etc", lang), t("col.venue_etc", lang)], rows,
                  [t("total", lang), t("n_items", lang, n=_total(figures, "jetaa_events.events")),
                   t("n_countries", lang, n=_total(figures, "jetaa_events.countries")), "", ""],
                  (), (26, 26, 40, 60, 34), with_office, lang)  # fmt: skip


def cooking_table(figures: Tally, read: Read, lang: str, with_office: bool) -> ReportTable:
    def food(c: Any) -> str:
        """【テーマ食材】 (one line an organisation's), its ※ note, then 【メニュー】."""
        ingredients = "\n".join(f"・{x.strip()}" if lang == "ja" else x.strip()
                                for x in c.ingredients.split(" / ") if x.strip())  # fmt: skip
        notes = [x for x in c.notes.split("\n") if x.startswith("※")]
        parts = [(t("col.theme_ingredients", lang), "\n".join([ingredients, *notes]).strip()
                  if ingredients else ""), (t("field.menu", lang), c.menu)]  # fmt: skip
        return "\n".join(f"【{k}】\n{v}" if lang == "ja" else f"{k}: {v}" for k, v in parts if v)

    rows = [[_office_name(c.office_code, lang), format_range(c.start_date, c.end_date, lang),
             listing(c.organisations, lang), c.city or printed_country_name(c.country, lang),
             food(c)]
            for c in in_report_order(read(RecordKind.COOKING_EVENT))]  # fmt: skip
    return _table("year.cooking", "year.sheet.cooking",
                  [t("overseas_office", lang), t("col.held_on", lang), t("col.organisers", lang),
                   t("col.venue", lang), t("col.ingredients_menu", lang)], rows,
                  [t("total", lang), t("n_times", lang, n=_total(figures, "cooking_events.events")),
                   t("n_bodies", lang, n=_total(figures, "cooking_events.organisations")), "", ""],
                  (), (26, 32, 36, 26, 70), with_office, lang)  # fmt: skip


def executive_table(figures: Tally, read: Read, lang: str, with_office: bool) -> ReportTable:
    rows = [[_office_name(s.office_code, lang), _sessions_dates(s, lang),
             listing(s.hosts, lang), _participants(s, lang)]
            for s in _seminars(read, SeminarKind.EXECUTIVE_EXCHANGE)]  # fmt: skip
    events, people = _seminar_figures(figures, SeminarKind.EXECUTIVE_EXCHANGE)
    hosts = {h for s in _seminars(read, SeminarKind.EXECUTIVE_EXCHANGE) for h in s.hosts}
    return _table("year.executive", "year.sheet.executive",
                  [t("overseas_office", lang), t("col.held_on", lang), t("col.hosts", lang),
                   t("field.participants", lang)], rows,
                  [t("total", lang), t("n_times", lang, n=events),
                   t("n_lgs", lang, n=len(hosts)), _people(people, False, lang)],
                  (3,), (26, 50, 50, 22), with_office, lang)  # fmt: skip


def policy_pr_table(figures: Tally, read: Read, lang: str, with_office: bool) -> ReportTable:
    rows = [[_office_name(s.office_code, lang), _sessions_dates(s, lang), s.title,
             _where(s, lang), _participants(s, lang)]
            for s in _seminars(read, SeminarKind.POLICY_PR_ABROAD)]  # fmt: skip
    events, people = _seminar_figures(figures, SeminarKind.POLICY_PR_ABROAD)
    return _table("year.policy_pr", "year.sheet.policy_pr",
                  [t("overseas_office", lang), t("col.held_on", lang), t("col.name", lang),
                   t("col.venue_etc", lang), t("field.participants", lang)], rows,
                  [t("total", lang), t("n_times", lang, n=events), "", "",
                   _people(people, False, lang)],
                  (4,), (26, 34, 70, 36, 22), with_office, lang)  # fmt: skip


def posted_staff_table(figures: Tally, read: Read, lang: str, with_office: bool) -> ReportTable:
    """＜日本の自治体から各国に派遣されている駐在員を対象にしたセミナー等一覧＞ as the
    report prints it: a row naming each series (in the report's order), then its rounds
    — round, dates, place or how it was held, contents, participants. No office column:
    the report has none (the series names the office)."""
    rows: list[list[Any]] = []
    header_rows: list[int] = []
    series = None
    seminars = _seminars(read, SeminarKind.POSTED_STAFF)
    first_header = _posted_header(seminars[:1], lang)
    for s in seminars:
        if s.series != series:
            series = s.series
            rows.append([s.series or s.title, "", "", "", ""])
            if len(rows) > 1:  # each series under its own header, as the report prints it
                header_rows.append(len(rows))
                rows.append(_posted_header([x for x in seminars if x.series == series], lang))
        rows.append([s.series_round, _sessions_dates(s, lang), _where(s, lang),
                     "\n".join(x for x in (s.title, s.theme) if x and x != s.series),
                     _participants(s, lang)])  # fmt: skip
    events, people = _seminar_figures(figures, SeminarKind.POSTED_STAFF)
    return ReportTable(titled("year.posted_staff", lang), t("year.sheet.posted_staff", lang),
                       first_header,
                       [*rows, [f"{t('total', lang)} {t('n_times', lang, n=events)}", "", "",
                                "", _people(people, False, lang)]],
                       numeric=(4,), shares=(18, 34, 30, 84, 22), headings=True,
                       header_rows=tuple(header_rows))  # fmt: skip


def _posted_header(seminars: Sequence[Any], lang: str) -> list[str]:
    """A posted-staff series' header: 開催方法 (how) when none of its sessions met in
    person (Singapore's 現地及びオンライン, Beijing's オンライン), else 開催地 (where).
    The round's column has no label in the report."""
    online = bool(seminars) and all(x.mode is not SessionMode.IN_PERSON
                                    for s in seminars for x in s.sessions)  # fmt: skip
    return [
        "" if lang == "ja" else t("col.round", lang),
        t("col.held_on", lang),
        t("col.how_held" if online else "col.venue", lang),
        t("col.contents", lang),
        t("field.participants", lang),
    ]


def clair_reports_table(figures: Tally, read: Read, lang: str, with_office: bool) -> ReportTable:
    rows = [[_office_name(p.office_code, lang), p.title]
            for p in read(RecordKind.PUBLICATION)
            if p.series is PublicationSeries.CLAIR_REPORT]  # fmt: skip
    return _table("year.clair_reports", "year.sheet.clair_reports",
                  [t("overseas_office", lang), t("col.publication", lang)], rows,
                  [t("total", lang), t("n_reports", lang, n=_total(figures, "clair_reports"))],
                  (), (30, 140), with_office, lang)  # fmt: skip


def seconded_table(figures: Tally, read: Read, lang: str, with_office: bool,
                   as_of: date) -> ReportTable:  # fmt: skip
    """＜自治体職員数と自治体名＞: per office, the people there on the period's last day
    and the local governments that seconded them."""
    present: dict[str, list[str]] = {}
    for p in read(RecordKind.SECONDED_STAFF):
        if p.from_date <= as_of and (p.to_date is None or p.to_date >= as_of):
            present.setdefault(p.office_code, []).append(p.home)
    rows = [[_office_name(code, lang), t("n_people", lang, n=len(homes)),
             listing(dict.fromkeys(homes), lang)]
            for code, homes in present.items()]  # fmt: skip
    people, bodies = (_total(figures, f"seconded_staff.{k}") for k in ("people", "bodies"))
    return _table("year.seconded", "year.sheet.seconded",
                  [t("col.posting", lang), t("col.people", lang), t("col.bodies", lang)], rows,
                  [t("total", lang), t("n_people", lang, n=people),
                   t("n_bodies", lang, n=bodies)],
                  (1,), (26, 16, 130), True, lang)  # fmt: skip


@dataclass(frozen=True)
class Stated:
    """The year's research requests as the report states them (None: not kept)."""

    requests: int | None = None
    bodies: int | None = None


NO_STATED = Stated()  # no totals kept


def stated_research_totals(requests: Sequence[Any]) -> Stated:
    """The totals the report states for the period's requests (24 requests from 15
    bodies), as kept on the requests (:class:`db.schema.kinds.ResearchRequestRow`); where
    several requests keep one, the largest."""
    asked = [r.year_requests_stated for r in requests if r.year_requests_stated is not None]
    bodies = [r.year_bodies_stated for r in requests if r.year_bodies_stated is not None]
    return Stated(max(asked, default=None), max(bodies, default=None))


def year_stated(read: Read) -> Stated:
    """The year's research totals the report states, from the records ``read`` gives."""
    return stated_research_totals(read(RecordKind.RESEARCH_REQUEST))


def research_note(stated: Stated, listed: int, lang: str) -> str:
    """Under the excerpt: how many of the year's stated requests it lists."""
    if stated.requests is None:
        return ""
    if stated.bodies is None:
        return t("research_excerpt_note", lang, n=stated.requests, listed=listed)
    return t("research_excerpt_note_bodies", lang, n=stated.requests, bodies=stated.bodies,
             listed=listed)  # fmt: skip


def research_table(figures: Tally, read: Read, lang: str, with_office: bool) -> ReportTable:
    """＜海外依頼調査件名（一部抜粋）＞: the requests recorded, with their 計, and under
    them the year's totals the report states (the table is an excerpt of them)."""
    rank = {code: i for i, code in enumerate(OVERSEAS_CODES)}
    requests = in_report_order(read(RecordKind.RESEARCH_REQUEST))
    rows = [[r.subject, listing((_office_name(c.value, lang) for c in
                                 sorted(r.answering, key=lambda c: rank.get(c.value, 99))),
                                lang)]
            for r in requests]  # fmt: skip
    total = _total(figures, "research_requests")
    note = research_note(stated_research_totals(requests), total, lang)
    # the answering offices are a column of their own: no office column to drop
    return ReportTable(titled("year.research", lang), t("year.sheet.research", lang),
                       [t("col.subject", lang), t("col.answering", lang)],
                       [*rows, [t("total", lang), t("n_items", lang, n=total)]],
                       shares=(120, 50), note=note)  # fmt: skip


def year_tables(figures: Tally, read: Read, lang: str, *, with_office: bool = True,
                as_of: date) -> list[ReportTable]:  # fmt: skip
    """The report's tables of the office's other work, in the annual report's order."""
    return [
        *office_seminars_tables(figures, read, lang),
        media_table(figures, read, lang, with_office),
        *hosted_events_tables(figures, read, lang),
        booths_table(figures, read, lang, with_office),
        cooking_table(figures, read, lang, with_office),
        jetaa_list_table(figures, read, lang, with_office),
        executive_table(figures, read, lang, with_office),
        policy_pr_table(figures, read, lang, with_office),
        posted_staff_table(figures, read, lang, with_office),
        clair_reports_table(figures, read, lang, with_office),
        seconded_table(figures, read, lang, with_office, as_of),
        research_table(figures, read, lang, with_office),
    ]
