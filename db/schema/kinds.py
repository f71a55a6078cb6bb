"""One declaration per record type: its fields, their rules and words, and where each
field shows up — the record-kind registry.

Each record type that travels between laptops is a :class:`RecordKind`, held as a
frozen dataclass defined here (:class:`CaseRow`, :class:`EventRow`...). Each field of
that class is declared with :func:`db.schema.fields.declare`, which says once:

* what it holds (:class:`db.schema.fields.FieldType`: text, a date, a count, a code...),
  whether it is required and how long it may be: the rules :mod:`db.records.rules` enforces
  for the forms, the write path, the workbook reader and the legacy import alike;
* its label, a key of :mod:`db.schema.words` (Japanese and English): the form's label, the
  list's header, the workbook's column header and the PDF table's heading;
* its Excel column (:class:`db.schema.fields.Excel`), or none when it does not travel;
* the header words an office's own spreadsheet may name it by
  (:class:`db.schema.fields.Legacy`);
* whether the app's list, form and the PDF's record table show it.

The same class carries a record everywhere: what a form holds (``id`` 0, no sync
fields yet), what the database and the workbooks give (:mod:`db.read.rows`,
:mod:`exports.xlsx.cells`). The SQLAlchemy models (:mod:`db.storage.models`) and the
migrations stay explicit, as Alembic wants them; ``tests/db/schema/test_kinds.py`` checks that
every stored field here has its column there with the same type and length.
Everything else that lists a record type's columns — the workbook layout, the
merge's storage (:mod:`db.records.store`), the raw SQL of the fast paths, the queries, the
legacy field guesses, list columns, forms and PDF tables — is derived from these
declarations. This module imports neither SQLAlchemy nor Qt, so the window reads it
before the database layer loads.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum
from functools import cache
from typing import Any, ClassVar

from db.schema.enums import (
    CaseStatus,
    JetaaKind,
    NewsletterFormat,
    OfficeCode,
    PublicationSeries,
    RequesterCategory,
    RequestStatus,
    SeminarKind,
    SessionMode,
    SupportType,
    VenueMode,
)
from db.schema.fields import (
    Child,
    CodeTable,
    Excel,
    Field,
    FieldType,
    Legacy,
    children,
    declare,
    declared,
)

T = FieldType
# The requester categories, as sheet words name them (the synonyms below).
P, M, OTH = "prefecture_or_designated_city", "municipality", "other"


class RecordKind(StrEnum):
    """The record types that travel between laptops (a member equals its table name)."""

    SUPPORT_CASE = "support_case"
    EVENT_BOOTH = "event_booth"
    NEWSLETTER = "newsletter"
    NEWSLETTER_ISSUE = "newsletter_issue"
    JETAA_EVENT = "jetaa_event"
    SEMINAR = "seminar"
    PUBLICATION = "publication"
    MEDIA_WORK = "media_work"
    COOKING_EVENT = "cooking_event"
    RESEARCH_REQUEST = "research_request"
    SECONDED_STAFF = "seconded_staff"

    @property
    def spec(self) -> KindSpec:
        return SPECS[self]


# The sync fields every record carries (db.storage.base.SyncFields), the same for every kind
# and never typed by a person: these columns come first in every record table's rows.
SYNC_COLUMNS = ("uuid", "version", "device_id", "version_vector", "updated_at", "deleted")


@dataclass(frozen=True, slots=True)
class Sync:
    """Which version of which record this is (see :mod:`db.storage.base`)."""

    uuid: str
    version: int
    device_id: str
    version_vector: dict[str, int]
    updated_at: datetime
    deleted: bool


# What a record not stored yet carries: a form's values have no version.
NO_SYNC = Sync("", 0, "", {}, datetime.min, False)


def _office() -> Any:
    return declare(T.OFFICE, "field.office", required=True, excel=Excel(8))


def _notes() -> Any:
    return declare(T.NOTE, "field.notes", default="", excel=Excel(30), searched=True)


def _report_no() -> Any:
    """Where the annual report prints the record in its table (1, 2…): the report's
    order is not always the dates' (Seoul's media work: SNS, (１), (２)) nor the
    offices' (posted-staff seminars by series). Empty: after the numbered ones, by
    office and date."""
    return declare(T.COUNT, "field.report_no", default=None, excel=Excel(8), listed=False)


@dataclass(frozen=True, slots=True, kw_only=True)
class CaseRow:
    """A support case (海外活動支援): help given on the ground to a Japanese local
    government or related body. Phone/email-only enquiries are logged uncounted."""

    id: int = 0
    sync: Sync = NO_SYNC
    office_code: str = _office()
    requester: str = declare(
        T.TEXT, "field.requester", required=True, max_length=200, excel=Excel(26), in_pdf=26,
        searched=True, local_government=True,
        legacy=Legacy(("依頼団体", "依頼者", "依頼元", "団体名", "自治体名", "自治体", "requester",
                       "organisation", "organization", "client")))  # fmt: skip
    requester_category: RequesterCategory = declare(
        T.CODE, "field.category", required=True, enum=RequesterCategory, excel=Excel(18), in_pdf=24,
        legacy=Legacy(("区分", "団体区分", "依頼団体区分", "category", "type of requester",
                       "requester type", "requester category", "type"), key="category",
                      optional=True,  # a sheet without it: suggested from the requester
                      synonyms=(("都道府県", "prefecture_or_designated_city"),
                                ("政令市", "prefecture_or_designated_city"),
                                ("県", "prefecture_or_designated_city"),
                                ("都道府県・政令指定都市", "prefecture_or_designated_city"),
                                ("政令指定都市", "prefecture_or_designated_city"),
                                ("prefecture", "prefecture_or_designated_city"),
                                ("designated city", "prefecture_or_designated_city"),
                                ("市区町村", "municipality"), ("市町村等", "municipality"),
                                ("town", "municipality"),
                                ("village", "municipality"), ("others", "other"),
                                # English words and their common abbreviations
                                ("prefectural government", P), ("prefectures", P),
                                ("pref", P), ("metropolis", P), ("metropolitan government", P),
                                ("ordinance-designated city", P),
                                ("ordinance designated cities", P),
                                ("government-designated city", P), ("designated cities", P),
                                ("odc", P), ("prefecture/odc", P), ("pref/odc", P),
                                ("prefecture or designated city", P),
                                ("municipalities", M), ("city", M), ("cities", M),
                                ("city/town/village", M), ("ctv", M), ("towns", M),
                                ("villages", M), ("ward", M), ("special ward", M),
                                ("local municipality", M), ("muni", M),
                                ("other", OTH), ("other organisation", OTH),
                                ("other organization", OTH), ("organisation", OTH),
                                ("organization", OTH), ("oth", OTH))))  # fmt: skip
    start_date: date = declare(
        T.DATE, "field.start", required=True, excel=Excel(11),
        legacy=Legacy(("開始日", "対応日", "実施日", "支援日", "日付", "期間", "年月日", "date",
                       "start", "startdate", "from", "dates", "period"), range=True))  # fmt: skip
    end_date: date | None = declare(
        T.DATE, "field.end", default=None, after="start_date", excel=Excel(11),
        legacy=Legacy(("終了日", "期間終了", "end", "enddate", "to")))  # fmt: skip
    types: tuple[SupportType, ...] = declare(
        T.CODES, "field.support_types", default=(), required=True, enum=SupportType, in_pdf=30,
        excel=Excel(30, code_width=14, code_label="field.support_type_codes"),
        codes_in=CodeTable("support_case_type", "case_id", "type_code"),
        legacy=Legacy(("支援区分", "支援の種類", "支援種別", "support type", "support types",
                       "type of support", "support kind", "kind of support", "support given"),
                      optional=True,  # required in the forms only (db.records.edit.check)
                      synonyms=(("アポ", "appointment"), ("アポ取付け", "appointment"),
                                ("appointment", "appointment"), ("appointments", "appointment"),
                                ("appt", "appointment"), ("同行", "attend"), ("アテンド", "attend"),
                                ("attend", "attend"), ("accompany", "attend"),
                                ("escort", "attend"), ("通訳", "interpreter"),
                                ("interpreter", "interpreter"), ("interpreting", "interpreter"),
                                ("interp", "interpreter"), ("ブース", "booth"),
                                ("booth", "booth"), ("exhibition", "booth"),
                                ("広報", "publicity"), ("publicity", "publicity"),
                                ("pr", "publicity"), ("sns", "publicity"),
                                ("施策説明", "policy"), ("policy", "policy"),
                                ("policy briefing", "policy"), ("備品", "equipment"),
                                ("equipment", "equipment"), ("lending", "equipment"),
                                ("research", "research"), ("survey", "research"),
                                ("others", "other"))))  # fmt: skip
    summary: str = declare(
        T.NOTE, "field.summary", default="", excel=Excel(40), in_pdf=33, searched=True,
        legacy=Legacy(("概要", "支援内容", "内容", "対応内容", "summary", "details",
                       "description")))  # fmt: skip
    staff: str = declare(
        T.TEXT, "field.staff", default="", max_length=100, excel=Excel(12), in_pdf=17,
        searched=True, legacy=Legacy(("担当", "担当者", "staff", "handled by", "officer")))  # fmt: skip
    status: CaseStatus = declare(
        T.CODE, "field.status", default=CaseStatus.DONE, enum=CaseStatus, excel=Excel(10),
        legacy=Legacy(("状況", "対応状況", "ステータス", "status", "state"),
                      synonyms=(("済", "done"), ("対応済", "done"), ("対応済み", "done"),
                                ("completed", "done"), ("complete", "done"),
                                ("finished", "done"), ("canceled", "cancelled"),
                                ("ongoing", "in_progress"), ("scheduled", "planned"))))  # fmt: skip
    counted: bool = declare(T.BOOL, "field.counted", default=True, excel=Excel(9), in_pdf=15,
                            legacy=Legacy(("計上", "件数計上", "counted")))  # fmt: skip


@dataclass(frozen=True, slots=True, kw_only=True)
class LegRow:
    """One leg of an event booth: its dates and place (an event may tour)."""

    start_date: date = declare(
        T.DATE, "field.start", required=True, excel=Excel(11),
        legacy=Legacy(("開始日", "期間", "日程", "開催日", "開催期間", "日付", "date", "start",
                       "dates", "period"), range=True))  # fmt: skip
    end_date: date = declare(T.DATE, "field.end", required=True, after="start_date",
                             excel=Excel(11), legacy=Legacy(("終了日", "end", "enddate"), optional=True))  # fmt: skip
    city: str = declare(T.TEXT, "field.city", default="", max_length=200, excel=Excel(18),
                        legacy=Legacy(("都市", "開催地", "開催都市", "場所", "city", "place")))  # fmt: skip
    country: str = declare(T.COUNTRY, "field.country", required=True,
                           excel=Excel(16, code_width=8),
                           legacy=Legacy(("国", "国名", "開催国", "country", "nation"),
                                         optional=True))  # none: the office's country  # fmt: skip
    venue: str = declare(T.TEXT, "field.venue", default="", max_length=300, excel=Excel(24),
                         legacy=Legacy(("会場", "venue")))  # fmt: skip
    # what was done at this leg, as the report prints it under 実施内容 (Paris's
    # exhibition: ディジョン国際美食ワイン館において、出展品の展示・販売…)
    activity: str = declare(T.NOTE, "field.leg_activity", default="", excel=Excel(36))


class _HeldAtStops:
    """A record held at one or more legs or sessions (``_stops`` names them): its first
    day is derived from them, and so are its last day and its countries."""

    __slots__ = ()
    _stops: ClassVar[str]
    start_date: date | None

    def __post_init__(self) -> None:
        stops = getattr(self, self._stops)
        if self.start_date is None and stops:
            object.__setattr__(self, "start_date", min(s.start_date for s in stops))

    @property
    def end_date(self) -> date | None:
        stops = getattr(self, self._stops)
        return max(s.end_date for s in stops) if stops else self.start_date

    @property
    def countries(self) -> tuple[str, ...]:
        stops = getattr(self, self._stops)
        return tuple(dict.fromkeys(c for s in stops if (c := getattr(s, "country", None))))


@dataclass(frozen=True, slots=True, kw_only=True)
class EventRow(_HeldAtStops):
    """An event booth (経済交流関係イベント出展): counted once, in the period of its first
    leg; its countries are counted over all legs."""

    id: int = 0
    sync: Sync = NO_SYNC
    office_code: str = _office()
    name: str = declare(
        T.TEXT, "field.event_name", required=True, max_length=300, excel=Excel(36), in_pdf=50,
        searched=True,
        legacy=Legacy(("イベント名", "イベント", "名称", "event", "event name", "name")))  # fmt: skip
    name_en: str = declare(T.TEXT, "field.event_name_en", default="", max_length=300,
                           excel=Excel(30), listed=False, searched=True)  # fmt: skip
    hosted: bool = declare(T.BOOL, "field.hosted", default=False, excel=Excel(7), in_pdf=12,
                           legacy=Legacy(("主催", "主催/参加", "hosted", "hosted/participated"),
                                         synonyms=(("主催", "true"), ("参加", "false"),
                                                   ("出展", "false"), ("hosted", "true"),
                                                   ("host", "true"), ("participated", "false"),
                                                   ("participant", "false"),
                                                   ("exhibited", "false"))))  # fmt: skip
    start_date: date | None = declare(T.DATE, "field.first_day", default=None, derived=True,
                                      excel=Excel(11), listed=False)  # fmt: skip
    exhibitors: int | None = declare(T.COUNT, "field.exhibitors", default=None,
                                     excel=Excel(10))  # fmt: skip
    items_shown: int | None = declare(T.COUNT, "field.items_shown", default=None,
                                      excel=Excel(10), listed=False)  # fmt: skip
    visitors: int | None = declare(T.COUNT, "field.visitors", default=None, excel=Excel(10),
                                   in_pdf=14,
                                   legacy=Legacy(("来場者数", "来場者", "visitors", "attendance")))  # fmt: skip
    # the report's paragraph about a hosted event, printed under its name (パリ事務所では、…)
    outline: str = declare(T.NOTE, "field.event_outline", default="", excel=Excel(48),
                           listed=False)  # fmt: skip
    notes: str = _notes()
    legs: tuple[LegRow, ...] = children(
        "event_leg", "field.legs", "kind.event_leg", "field.event_uuid", row_type=LegRow,
        min_rows=1, in_pdf=34)  # fmt: skip
    municipalities: tuple[str, ...] = children(
        "event_municipality", "field.municipalities", "kind.event_municipality",
        "field.event_uuid", scalar=True, in_pdf=40,
        fields=(Field(T.TEXT, "field.municipality", required=True, max_length=200,
                      excel=Excel(24), name="name", local_government=True,
                      legacy=Legacy(("参加自治体", "出展自治体", "自治体", "出展団体",
                                     "local governments", "municipalities", "prefectures"),
                                    key="municipalities", optional=True, several=True)),))  # fmt: skip

    _stops: ClassVar[str] = "legs"


@dataclass(frozen=True, slots=True, kw_only=True)
class NewsletterRow:
    """A newsletter an office publishes (its issues are :class:`IssueRow`)."""

    id: int = 0
    sync: Sync = NO_SYNC
    office_code: str = _office()
    title: str = declare(T.TEXT, "field.newsletter_title", required=True, max_length=200,
                         excel=Excel(36),
                         legacy=Legacy(("ニューズレター名", "ニューズレター", "名称", "タイトル",
                                        "newsletter", "title", "name")))  # fmt: skip
    notes: str = declare(T.NOTE, "field.notes", default="", excel=Excel(30), searched=True,
                         legacy=Legacy(("備考", "メモ", "notes", "remarks")))  # fmt: skip


@dataclass(frozen=True, slots=True, kw_only=True)
class IssueRow:
    """An issue of a newsletter. A person names the newsletter by its title (a new
    title makes a new newsletter); files link it by the newsletter's UUID."""

    id: int = 0
    sync: Sync = NO_SYNC
    newsletter_uuid: str = declare(T.REF, "field.newsletter_uuid", default="", required=True,
                                   column="newsletter_id", refers="newsletter", excel=Excel(12), listed=False,
                                   in_form=False)  # fmt: skip
    office_code: str = declare(T.OFFICE, "field.office", derived=True, stored=False,
                               excel=Excel(8))  # fmt: skip
    title: str = declare(
        T.TEXT,
        "field.newsletter_title",
        required=True,
        stored=False,
        max_length=200,
        excel=Excel(28, informative=True),
        in_pdf=34,
        searched=True,
        legacy=Legacy(
            (
                "ニューズレター名",
                "名称",
                "ニューズレター",
                "タイトル",
                "title",
                "newsletter",
                "newsletter name",
            ),
            optional=True,
        ),
    )  # a sheet without it: the sheet's or office's newsletter
    number: str = declare(T.TEXT, "field.number", default="", max_length=40, excel=Excel(10),
                          in_pdf=17, searched=True,
                          legacy=Legacy(("号", "号数", "number", "no", "issue")))  # fmt: skip
    issue_date: date = declare(
        T.DATE, "field.issue_date", required=True, excel=Excel(11),
        legacy=Legacy(("発行日", "配信日", "日付", "date", "issued"), range=True))  # fmt: skip
    languages: tuple[str, ...] = declare(T.TEXTS, "field.languages", default=(),
                                         excel=Excel(9), in_pdf=14, languages=True)  # fmt: skip
    format: NewsletterFormat = declare(T.CODE, "field.format", default=NewsletterFormat.EMAIL,
                                       enum=NewsletterFormat, excel=Excel(10), in_pdf=12)  # fmt: skip
    contents: str = declare(T.NOTE, "field.contents", default="", excel=Excel(40), in_pdf=52,
                            searched=True,
                            legacy=Legacy(("主な内容", "内容", "contents", "content")))  # fmt: skip
    reach: int | None = declare(T.COUNT, "field.reach", default=None, excel=Excel(9),
                                in_pdf=11,
                                legacy=Legacy(("配信数", "部数", "reach", "recipients")))  # fmt: skip


@dataclass(frozen=True, slots=True, kw_only=True)
class SessionRow:
    """One session of a JETAA event: dates, place and how it was held."""

    start_date: date = declare(
        T.DATE, "field.start", required=True, excel=Excel(11),
        legacy=Legacy(("開始日", "期間", "日程", "実施日", "日付", "date", "start"), range=True))  # fmt: skip
    end_date: date = declare(T.DATE, "field.end", required=True, after="start_date",
                             excel=Excel(11), legacy=Legacy(("終了日", "end"), optional=True))  # fmt: skip
    city: str = declare(T.TEXT, "field.city", default="", max_length=200, excel=Excel(18))
    country: str = declare(T.COUNTRY, "field.country", required=True,
                           excel=Excel(16, code_width=8),
                           legacy=Legacy(("国", "国名", "country", "nation"),
                                         optional=True))  # none: the office's country  # fmt: skip
    venue: str = declare(T.TEXT, "field.venue_or_mode", default="", max_length=300,
                         excel=Excel(24),
                         legacy=Legacy(("会場", "場所", "開催地", "venue", "place")))  # fmt: skip
    mode: VenueMode = declare(T.CODE, "field.mode", default=VenueMode.IN_PERSON,
                              enum=VenueMode, excel=Excel(10))  # fmt: skip


@dataclass(frozen=True, slots=True, kw_only=True)
class JetaaRow(_HeldAtStops):
    """An event run with JET alumni associations (JETAA等との連携による事業): counted once,
    in the period of its first session; countries over all sessions."""

    id: int = 0
    sync: Sync = NO_SYNC
    office_code: str = _office()
    name: str = declare(
        T.TEXT, "field.jetaa_name", required=True, max_length=300, excel=Excel(36), in_pdf=58,
        searched=True, legacy=Legacy(("事業名", "名称", "イベント名", "name", "event")))  # fmt: skip
    kind: JetaaKind = declare(T.CODE, "field.jetaa_kind", default=JetaaKind.OTHER,
                              enum=JetaaKind, excel=Excel(18), in_pdf=24)  # fmt: skip
    start_date: date | None = declare(T.DATE, "field.first_day", default=None, derived=True,
                                      excel=Excel(11), listed=False)  # fmt: skip
    participants: int | None = declare(
        T.COUNT, "field.participants", default=None, excel=Excel(10),
        legacy=Legacy(("参加者数", "参加者", "participants")))  # fmt: skip
    notes: str = _notes()
    sessions: tuple[SessionRow, ...] = children(
        "jetaa_session", "field.sessions", "kind.jetaa_session", "field.jetaa_uuid",
        row_type=SessionRow, min_rows=1, in_pdf=60)  # fmt: skip

    _stops: ClassVar[str] = "sessions"


def _local_governments(table: str, label: str, sheet_label: str, parent_label: str,
                       parent_column: str, in_pdf: float, attr: str,
                       words: tuple[str, ...]) -> Any:  # fmt: skip
    """A list of local governments' names (completed from the names entered before; an
    office's own sheet may hold several in one cell, under one of ``words``)."""
    legacy = Legacy(words, key=attr, optional=True, several=True)
    return children(table, label, sheet_label, parent_label, scalar=True,
                    parent_column=parent_column, in_pdf=in_pdf,
                    fields=(Field(T.TEXT, "field.municipality", required=True, max_length=200,
                                  excel=Excel(24), name="name", local_government=True,
                                  legacy=legacy),))  # fmt: skip


@dataclass(frozen=True, slots=True, kw_only=True)
class SeminarSessionRow:
    """One session of a seminar: its day or days, where or how, and who came."""

    start_date: date = declare(
        T.DATE, "field.start", required=True, excel=Excel(11),
        legacy=Legacy(("開催日", "実施日", "日程", "期間", "日付", "開始日", "date", "start"),
                      range=True))  # fmt: skip
    end_date: date = declare(T.DATE, "field.end", required=True, after="start_date",
                             excel=Excel(11), legacy=Legacy(("終了日", "end"), optional=True))  # fmt: skip
    venue: str = declare(T.TEXT, "field.venue", default="", max_length=300, excel=Excel(24),
                         legacy=Legacy(("会場", "開催地", "場所", "開催方法", "venue", "place")))  # fmt: skip
    country: str | None = declare(T.COUNTRY, "field.country", default=None,
                                  excel=Excel(16, code_width=8),
                                  legacy=Legacy(("国", "国名", "開催国", "country", "nation"),
                                         optional=True))  # none: the office's country  # fmt: skip
    mode: SessionMode = declare(T.CODE, "field.mode", default=SessionMode.IN_PERSON,
                                enum=SessionMode, excel=Excel(12))  # fmt: skip
    participants: int | None = declare(
        T.COUNT, "field.participants", default=None, excel=Excel(10),
        legacy=Legacy(("参加者数", "参加者", "参加人数", "participants")))  # fmt: skip
    participants_approx: bool = declare(T.BOOL, "field.participants_approx", default=False,
                                        excel=Excel(8))  # fmt: skip


@dataclass(frozen=True, slots=True, kw_only=True)
class SeminarRow(_HeldAtStops):
    """A seminar (セミナー): for local governments in Japan, presenting Japanese policy
    abroad, for local-government staff posted abroad (a numbered series), or the
    executive exchange seminar. Counted once however many sessions, in the period of
    its first; its participants are its sessions'."""

    id: int = 0
    sync: Sync = NO_SYNC
    office_code: str = _office()
    kind: SeminarKind = declare(T.CODE, "field.seminar_kind", default=SeminarKind.OFFICE_ONLINE,
                                enum=SeminarKind, excel=Excel(20), in_pdf=20,
                                legacy=Legacy(("種別", "区分", "kind")))  # fmt: skip
    title: str = declare(
        T.TEXT, "field.seminar_title", required=True, max_length=300, excel=Excel(36),
        in_pdf=46, searched=True,
        legacy=Legacy(("セミナー名", "名称", "事業名", "タイトル", "title", "seminar", "name")))  # fmt: skip
    start_date: date | None = declare(T.DATE, "field.first_day", default=None, derived=True,
                                      excel=Excel(11), listed=False)  # fmt: skip
    # the sessions' participants (None when none gives a number): shown, never stored
    participants: int | None = declare(T.COUNT, "field.participants", default=None,
                                       derived=True, stored=False, in_pdf=12)  # fmt: skip
    theme: str = declare(T.NOTE, "field.theme", default="", excel=Excel(36), in_pdf=40,
                         searched=True, legacy=Legacy(("テーマ", "内容", "theme", "topic")))  # fmt: skip
    speakers: str = declare(T.NOTE, "field.speakers", default="", excel=Excel(30), listed=False,
                            searched=True, legacy=Legacy(("講師", "登壇者", "speakers", "speaker")))  # fmt: skip
    partner: str = declare(T.TEXT, "field.partner", default="", max_length=300, excel=Excel(24),
                           searched=True, legacy=Legacy(("共催", "連携団体", "partner")))  # fmt: skip
    series: str = declare(T.TEXT, "field.series", default="", max_length=200, excel=Excel(24),
                          searched=True, legacy=Legacy(("シリーズ", "series")))  # fmt: skip
    series_round: str = declare(T.TEXT, "field.round", default="", max_length=40, excel=Excel(10),
                         in_pdf=12, legacy=Legacy(("回", "回数", "round")))  # fmt: skip
    # the heading of the report's table the seminar is printed in, as the report words
    # it (＜北京事務所主催ウェビナー概要＞); empty: the office's ＜…事務所主催セミナー概要＞
    table_heading: str = declare(T.TEXT, "field.table_heading", default="", max_length=200,
                                 excel=Excel(30), listed=False)  # fmt: skip
    report_no: int | None = _report_no()
    notes: str = _notes()
    sessions: tuple[SeminarSessionRow, ...] = children(
        "seminar_session", "field.sessions", "kind.seminar_session", "field.seminar_uuid",
        row_type=SeminarSessionRow, min_rows=1, parent_column="seminar_id", in_pdf=40)  # fmt: skip
    hosts: tuple[str, ...] = _local_governments(
        "seminar_host", "field.host_local_governments", "kind.seminar_host",
        "field.seminar_uuid", "seminar_id", 24, "hosts",
        ("受入自治体", "受入団体", "host local governments", "hosts"))  # fmt: skip

    _stops: ClassVar[str] = "sessions"

    def __post_init__(self) -> None:
        _HeldAtStops.__post_init__(self)
        known = [s.participants for s in self.sessions if s.participants is not None]
        object.__setattr__(self, "participants", sum(known) if known else None)


@dataclass(frozen=True, slots=True, kw_only=True)
class PublicationRow:
    """A publication an office wrote: a CLAIR Report (クレアレポート), or another series."""

    id: int = 0
    sync: Sync = NO_SYNC
    office_code: str = _office()
    series: PublicationSeries = declare(
        T.CODE, "field.publication_series", default=PublicationSeries.CLAIR_REPORT,
        enum=PublicationSeries, excel=Excel(16))  # fmt: skip
    title: str = declare(
        T.TEXT, "field.publication_title", required=True, max_length=300, excel=Excel(48),
        in_pdf=70, searched=True,
        legacy=Legacy(("刊行物名", "タイトル", "題名", "名称", "title", "report")))  # fmt: skip
    published_on: date = declare(
        T.DATE, "field.published_on", required=True, excel=Excel(11),
        legacy=Legacy(("発刊日", "発行日", "刊行日", "日付", "date", "published")))  # fmt: skip
    topic: str = declare(T.TEXT, "field.topic", default="", max_length=200, excel=Excel(20),
                         in_pdf=24, searched=True,
                         legacy=Legacy(("分野", "テーマ", "topic", "area")))  # fmt: skip
    notes: str = _notes()


@dataclass(frozen=True, slots=True, kw_only=True)
class MediaWorkRow:
    """Media coverage an office arranged for local governments (メディアを活用したPR):
    what was done, in which outlets, and the local governments it featured."""

    id: int = 0
    sync: Sync = NO_SYNC
    office_code: str = _office()
    start_date: date = declare(
        T.DATE, "field.start", required=True, excel=Excel(11),
        legacy=Legacy(("期間", "実施日", "日付", "開始日", "date", "start"), range=True))  # fmt: skip
    end_date: date | None = declare(T.DATE, "field.end", default=None, after="start_date",
                                    excel=Excel(11),
                                    legacy=Legacy(("終了日", "end"), optional=True))  # fmt: skip
    activity: str = declare(
        T.NOTE, "field.activity", required=True, excel=Excel(48), in_pdf=60, searched=True,
        legacy=Legacy(("実施内容", "内容", "事業名", "activity", "what")))  # fmt: skip
    outlets: str = declare(T.TEXT, "field.outlets", default="", max_length=300, excel=Excel(24),
                           searched=True, legacy=Legacy(("媒体", "メディア", "outlets", "media")))  # fmt: skip
    # the report's own words for the dates when a single range would lose them (Paris:
    # ＜地方展（ディジョン）＞ 10月18日～22日 and ＜パリ展＞ 11月14日～25日)
    dates_as_printed: str = declare(T.NOTE, "field.dates_as_printed", default="",
                                    excel=Excel(30), listed=False)  # fmt: skip
    report_no: int | None = _report_no()
    notes: str = _notes()
    municipalities: tuple[str, ...] = _local_governments(
        "media_municipality", "field.featured_local_governments", "kind.media_municipality",
        "field.media_work_uuid", "media_work_id", 40, "municipalities",
        ("紹介自治体", "PR自治体", "参加自治体", "自治体", "local governments",
         "municipalities"))  # fmt: skip


@dataclass(frozen=True, slots=True, kw_only=True)
class CookingEventRow:
    """A cooking-experience event (料理体験イベント): where, with which organisations
    (local governments and others), their ingredients and the menu."""

    id: int = 0
    sync: Sync = NO_SYNC
    office_code: str = _office()
    start_date: date = declare(
        T.DATE, "field.start", required=True, excel=Excel(11),
        legacy=Legacy(("実施日", "開催日", "期間", "日付", "開始日", "date", "start"), range=True))  # fmt: skip
    end_date: date | None = declare(T.DATE, "field.end", default=None, after="start_date",
                                    excel=Excel(11),
                                    legacy=Legacy(("終了日", "end"), optional=True))  # fmt: skip
    city: str = declare(T.TEXT, "field.city", default="", max_length=200, excel=Excel(16),
                        in_pdf=16, searched=True,
                        legacy=Legacy(("開催地", "都市", "場所", "city", "place")))  # fmt: skip
    country: str = declare(T.COUNTRY, "field.country", required=True,
                           excel=Excel(14, code_width=8), in_pdf=14,
                           legacy=Legacy(("国", "国名", "country", "nation"),
                                         optional=True))  # none: the office's country  # fmt: skip
    ingredients: str = declare(T.NOTE, "field.ingredients", default="", excel=Excel(36),
                               in_pdf=36, searched=True,
                               legacy=Legacy(("食材", "テーマ食材", "ingredients")))  # fmt: skip
    menu: str = declare(T.NOTE, "field.menu", default="", excel=Excel(36), in_pdf=36,
                        searched=True, legacy=Legacy(("メニュー", "献立", "menu")))  # fmt: skip
    notes: str = _notes()
    organisations: tuple[str, ...] = _local_governments(
        "cooking_organisation", "field.organisations", "kind.cooking_organisation",
        "field.cooking_event_uuid", "cooking_event_id", 24, "organisations",
        ("実施団体", "参加団体", "団体", "自治体", "organisations", "organizations"))  # fmt: skip


@dataclass(frozen=True, slots=True, kw_only=True)
class ResearchRequestRow:
    """A research request (海外依頼調査): a body in Japan asks, offices answer. The record
    belongs to the office that keeps it; the answering offices are listed."""

    id: int = 0
    sync: Sync = NO_SYNC
    office_code: str = _office()
    subject: str = declare(
        T.TEXT, "field.research_subject", required=True, max_length=300, excel=Excel(48),
        in_pdf=60, searched=True,
        legacy=Legacy(("調査件名", "件名", "調査名", "subject", "title")))  # fmt: skip
    requester: str = declare(
        T.TEXT, "field.requesting_body", default="", max_length=200, excel=Excel(20), in_pdf=22,
        searched=True, local_government=True,
        legacy=Legacy(("依頼団体", "依頼元", "依頼者", "requester", "requested by")))  # fmt: skip
    answering: tuple[OfficeCode, ...] = declare(
        T.CODES, "field.answering_offices", default=(), enum=OfficeCode, in_pdf=30,
        excel=Excel(28, code_width=16, code_label="field.answering_office_codes"),
        codes_in=CodeTable("research_request_office", "request_id", "office_code"))  # fmt: skip
    asked_on: date = declare(
        T.DATE, "field.asked_on", required=True, excel=Excel(11),
        legacy=Legacy(("依頼日", "受付日", "日付", "asked", "date")))  # fmt: skip
    answered_on: date | None = declare(
        T.DATE, "field.answered_on", default=None, after="asked_on", excel=Excel(11),
        legacy=Legacy(("回答日", "answered"), optional=True))  # fmt: skip
    status: RequestStatus = declare(T.CODE, "field.status", default=RequestStatus.ANSWERED,
                                    enum=RequestStatus, excel=Excel(10), in_pdf=12)  # fmt: skip
    report_no: int | None = _report_no()
    # The year's totals as the annual report states them when its table is an excerpt
    # ("15 自治体等から依頼のあった 24 件", of which it lists 11): kept on any one request
    # of the year (the demo: the report's first); the report prints them beside the
    # count of the requests recorded (exports.report_tables.stated_research_totals).
    year_requests_stated: int | None = declare(T.COUNT, "field.year_requests_stated",
                                               default=None, excel=Excel(10), listed=False)  # fmt: skip
    year_bodies_stated: int | None = declare(T.COUNT, "field.year_bodies_stated", default=None,
                                             excel=Excel(10), listed=False)  # fmt: skip
    notes: str = _notes()


@dataclass(frozen=True, slots=True, kw_only=True)
class SecondedStaffRow:
    """A member of staff seconded to an office by a local government (自治体職員): a
    roster entry from one day to another (open while still there)."""

    id: int = 0
    sync: Sync = NO_SYNC
    office_code: str = _office()
    name: str = declare(T.TEXT, "field.person_name", default="", max_length=100,
                        excel=Excel(16), in_pdf=20, searched=True,
                        legacy=Legacy(("氏名", "名前", "name")))  # fmt: skip
    home: str = declare(
        T.TEXT, "field.home_local_government", required=True, max_length=200, excel=Excel(24),
        in_pdf=36, searched=True, local_government=True,
        legacy=Legacy(("自治体名", "派遣元", "所属団体", "自治体", "home", "seconded from")))  # fmt: skip
    from_date: date = declare(
        T.DATE, "field.from_date", required=True, excel=Excel(11),
        legacy=Legacy(("着任日", "派遣開始", "開始日", "from", "start")))  # fmt: skip
    to_date: date | None = declare(
        T.DATE, "field.to_date", default=None, after="from_date", excel=Excel(11),
        legacy=Legacy(("離任日", "派遣終了", "終了日", "to", "end"), optional=True))  # fmt: skip
    notes: str = _notes()


Record = (CaseRow | EventRow | NewsletterRow | IssueRow | JetaaRow | SeminarRow | PublicationRow
          | MediaWorkRow | CookingEventRow | ResearchRequestRow | SecondedStaffRow)  # fmt: skip


def _typed(f: Field) -> bool:
    """Whether a person types the field into a sheet (not a reference, an office or a
    value derived from others)."""
    return f.legacy is not None or not (f.derived or f.type in (FieldType.REF, FieldType.OFFICE))


def _by_label(f: Field) -> Field:
    """A field declared without sheet words is known by its label, in Japanese and
    English (the headers the app's own workbooks give it)."""
    from db.schema.words import WORDS

    return dataclasses.replace(f, legacy=Legacy(WORDS[f.label], optional=True))


@dataclass(frozen=True)
class KindSpec:
    kind: RecordKind
    row_type: Any  # the record's dataclass, whose fields carry the declarations
    sheet_label: str  # a db.schema.words key: the sheet's name
    noun: str  # a db.schema.words key: "support case", "event"...
    date_field: str = "start_date"  # what periods and the list's month filter look at
    has_office: bool = True  # False: the office is the parent record's (an issue)
    # a db.schema.words key: the title of its section in reports, and the name of its demo
    # file (resources/fy2023/<report_label>.json); "": the sheet's name, no demo records
    report_label: str = ""
    # The order header guesses try fields in is the declaration's; these fields go
    # first, in this order, where the declaration order would let a short word win a
    # column meant for another field ("issue" in "Issue date"). Optional: a field not
    # named here keeps its declaration order after them.
    legacy_order: tuple[str, ...] = ()
    # A roster: a record lasts from ``date_field`` to this field's date (open if None),
    # and belongs to every period it overlaps.
    until: str | None = None
    # The command line's name for the kind (``import --kind event-booths``).
    slug: str = ""

    @property
    def table(self) -> str:
        return str(self.kind)

    @property
    def section_label(self) -> str:
        """A db.schema.words key: the title of the kind's section in reports."""
        return self.report_label or self.sheet_label

    @property
    def fields(self) -> tuple[Field, ...]:
        return declared(self.row_type)[0]

    @property
    def children(self) -> tuple[Child, ...]:
        return declared(self.row_type)[1]

    def field(self, name: str) -> Field:
        for f in self.fields:
            if f.name == name:
                return f
        raise KeyError(f"{self.kind} has no field {name!r}")

    @property
    def stored_fields(self) -> tuple[Field, ...]:
        """The fields stored in the kind's own table, in order (CODES live in a child)."""
        return tuple(f for f in self.fields if f.stored and f.type is not FieldType.CODES)

    @property
    def stored_columns(self) -> tuple[str, ...]:
        return tuple(f.db_column for f in self.stored_fields)

    @property
    def code_lists(self) -> tuple[Field, ...]:
        """Fields of several codes, each stored in a child table of its own."""
        return tuple(f for f in self.fields if f.type is FieldType.CODES)

    def legacy_fields(self) -> tuple[Field, ...]:
        """The fields an office's own sheet may hold, in the order guesses try them: the
        record's, with its first child table's (a sheet row is one leg or session)
        where the record's derived first day stands, then its lists of names."""
        out: list[Field] = []
        for f in self.fields:
            stops = [c for c in self.children if not c.scalar]
            if f.derived and f.type is FieldType.DATE and stops:
                out += stops[0].fields
            else:
                out.append(f)
        for child in self.children:  # a cell of several names (北海道、札幌市), named as the list
            if child.scalar:
                out += [dataclasses.replace(f, label=child.label) for f in child.fields]
        found = [f if f.legacy is not None else _by_label(f) for f in out if _typed(f)]
        if self.legacy_order:
            order = self.legacy_order
            found.sort(key=lambda f: order.index(f.name) if f.name in order else len(order))
        return tuple(found)

    @property
    def editable(self) -> tuple[Field, ...]:
        """What a person edits: the fields that are neither derived nor read elsewhere
        (an issue's newsletter title is the exception: a person names it)."""
        return tuple(f for f in self.fields if not f.derived and f.in_form)


SPECS: dict[RecordKind, KindSpec] = {
    s.kind: s
    for s in (
        KindSpec(RecordKind.SUPPORT_CASE, CaseRow, "kind.support_case", "noun.support_case",
                 slug="support-cases", report_label="support_cases"),
        KindSpec(RecordKind.EVENT_BOOTH, EventRow, "kind.event_booth", "noun.event_booth",
                 slug="event-booths", report_label="event_booths"),
        KindSpec(RecordKind.NEWSLETTER, NewsletterRow, "kind.newsletter", "noun.newsletter",
                 slug="newsletter-titles"),
        KindSpec(RecordKind.NEWSLETTER_ISSUE, IssueRow, "kind.newsletter_issue",
                 "noun.newsletter_issue", slug="newsletters", date_field="issue_date", has_office=False,
                 legacy_order=("title", "issue_date", "number", "contents", "reach"),
                 report_label="newsletters"),
        KindSpec(RecordKind.JETAA_EVENT, JetaaRow, "kind.jetaa_event", "noun.jetaa_event", slug="jetaa-events",
                 report_label="jetaa_events"),
        KindSpec(RecordKind.SEMINAR, SeminarRow, "kind.seminar", "noun.seminar", slug="seminars",
                 report_label="seminars"),
        KindSpec(RecordKind.PUBLICATION, PublicationRow, "kind.publication", "noun.publication", slug="publications",
                 date_field="published_on", report_label="publications"),
        KindSpec(RecordKind.MEDIA_WORK, MediaWorkRow, "kind.media_work", "noun.media_work", slug="media-work",
                 report_label="media_work"),
        KindSpec(RecordKind.COOKING_EVENT, CookingEventRow, "kind.cooking_event",
                 "noun.cooking_event", slug="cooking-events", report_label="cooking_events"),
        KindSpec(RecordKind.RESEARCH_REQUEST, ResearchRequestRow, "kind.research_request",
                 "noun.research_request", slug="research-requests", date_field="asked_on",
                 legacy_order=("subject", "requester", "asked_on", "answered_on"),
                 report_label="research_requests"),
        KindSpec(RecordKind.SECONDED_STAFF, SecondedStaffRow, "kind.seconded_staff",
                 "noun.seconded_staff", slug="seconded-staff", date_field="from_date", until="to_date",
                 legacy_order=("name", "home", "from_date", "to_date"),
                 report_label="seconded_staff"),
    )
}  # fmt: skip

# The office's other work of the year (issue #15), after the first four families.
YEAR_KINDS: tuple[RecordKind, ...] = (
    RecordKind.SEMINAR,
    RecordKind.PUBLICATION,
    RecordKind.MEDIA_WORK,
    RecordKind.COOKING_EVENT,
    RecordKind.RESEARCH_REQUEST,
    RecordKind.SECONDED_STAFF,
)
# Newsletters before their issues (an issue names its newsletter): the order of merges
# and of the workbook's record sheets.
MERGE_ORDER: tuple[RecordKind, ...] = (
    RecordKind.NEWSLETTER,
    RecordKind.NEWSLETTER_ISSUE,
    RecordKind.SUPPORT_CASE,
    RecordKind.EVENT_BOOTH,
    RecordKind.JETAA_EVENT,
    *YEAR_KINDS,
)
# What a person edits and lists in the app (a newsletter is named by its issues).
EDITED: tuple[RecordKind, ...] = (
    RecordKind.SUPPORT_CASE,
    RecordKind.EVENT_BOOTH,
    RecordKind.NEWSLETTER_ISSUE,
    RecordKind.JETAA_EVENT,
    *YEAR_KINDS,
)


def spec(kind: str) -> KindSpec:
    """The declaration of a kind given as a :class:`RecordKind` or its text."""
    return SPECS[RecordKind(kind)]


def all_children() -> Iterator[tuple[KindSpec, Child]]:
    for s in SPECS.values():
        for c in s.children:
            yield s, c


@cache
def legacy_kinds() -> dict[str, KindSpec]:
    """Every kind an office's own sheet may hold, by its command-line name
    (``event-booths``): the kinds a person edits, then the newsletters themselves."""
    return {s.slug: s for k in (*EDITED, RecordKind.NEWSLETTER)
            if (s := SPECS[k]).legacy_fields()}  # fmt: skip
