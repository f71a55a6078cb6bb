"""ORM models of the four record types, their child rows, and the local metadata.

The parents (``SupportCase``, ``EventBooth``, ``Newsletter``, ``NewsletterIssue``,
``JetaaEvent``) carry :class:`db.storage.base.SyncFields`; its ``extras`` column keeps the
values of exchange-workbook columns a newer app version wrote (migration 0005).
``EventBooth.start_date`` and ``JetaaEvent.start_date`` are the earliest leg/session
date, kept by :mod:`db.records.write` so that period filters use an index instead of
scanning the legs.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    CheckConstraint,
    Date,
    Enum,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    text,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

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
from db.storage import tally_summary  # noqa: F401 - the support-case summary table, migration 0010
from db.storage.base import Base, SyncFields, UTCDateTime, utc_now


def _enum(cls: type[Any]) -> Enum:
    """Store an enum as its text code, checked by a CHECK constraint."""
    return Enum(
        cls,
        values_callable=lambda e: [m.value for m in e],
        native_enum=False,
        create_constraint=True,
        length=32,
        name=cls.__name__.lower(),
        validate_strings=True,
    )


class Office(Base):
    __tablename__ = "office"

    code: Mapped[str] = mapped_column(String(3), primary_key=True)
    name_ja: Mapped[str] = mapped_column(String(40))
    name_en: Mapped[str] = mapped_column(String(40))
    country: Mapped[str] = mapped_column(String(2))
    sort_order: Mapped[int] = mapped_column(Integer)


class AppMeta(Base):
    """Key/value facts about this database: device id and name, Lamport clock."""

    __tablename__ = "app_meta"

    key: Mapped[str] = mapped_column(String(40), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


class SupportCase(SyncFields, Base):
    __tablename__ = "support_case"

    office_code: Mapped[str] = mapped_column(ForeignKey("office.code"))
    requester: Mapped[str] = mapped_column(String(200))
    requester_category: Mapped[RequesterCategory] = mapped_column(_enum(RequesterCategory))
    start_date: Mapped[date] = mapped_column(Date)
    end_date: Mapped[date | None] = mapped_column(Date, default=None)
    summary: Mapped[str] = mapped_column(Text, default="")
    staff: Mapped[str] = mapped_column(String(100), default="")
    status: Mapped[CaseStatus] = mapped_column(_enum(CaseStatus), default=CaseStatus.DONE)
    counted: Mapped[bool] = mapped_column(Boolean, default=True)

    types: Mapped[list[SupportCaseType]] = relationship(
        cascade="all, delete-orphan", order_by="SupportCaseType.type_code", lazy="selectin"
    )

    __table_args__ = (
        CheckConstraint("end_date IS NULL OR end_date >= start_date", name="dates_ordered"),
        # The tally counts each (office, category, counted) cell with a range seek here.
        Index(
            "ix_support_case_tally",
            "office_code",
            "requester_category",
            "counted",
            "start_date",
            sqlite_where=text("deleted = 0"),
        ),
        Index(
            "ix_support_case_period", "start_date", "office_code", sqlite_where=text("deleted = 0")
        ),
    )

    @property
    def support_types(self) -> list[SupportType]:
        return [t.type_code for t in self.types]


class SupportCaseType(Base):
    __tablename__ = "support_case_type"

    case_id: Mapped[int] = mapped_column(
        ForeignKey("support_case.id", ondelete="CASCADE"), primary_key=True
    )
    type_code: Mapped[SupportType] = mapped_column(_enum(SupportType), primary_key=True)


class EventBooth(SyncFields, Base):
    __tablename__ = "event_booth"

    office_code: Mapped[str] = mapped_column(ForeignKey("office.code"))
    name: Mapped[str] = mapped_column(String(300))
    name_en: Mapped[str] = mapped_column(String(300), default="")
    hosted: Mapped[bool] = mapped_column(Boolean, default=False)
    start_date: Mapped[date] = mapped_column(Date)
    exhibitors: Mapped[int | None] = mapped_column(Integer, default=None)
    items_shown: Mapped[int | None] = mapped_column(Integer, default=None)
    visitors: Mapped[int | None] = mapped_column(Integer, default=None)
    outline: Mapped[str] = mapped_column(Text, default="")  # schema 0016
    notes: Mapped[str] = mapped_column(Text, default="")

    legs: Mapped[list[EventLeg]] = relationship(
        cascade="all, delete-orphan", order_by="EventLeg.position", lazy="selectin"
    )
    municipalities: Mapped[list[EventMunicipality]] = relationship(
        cascade="all, delete-orphan", order_by="EventMunicipality.position", lazy="selectin"
    )

    __table_args__ = (
        CheckConstraint(
            "coalesce(exhibitors, 0) >= 0 AND coalesce(items_shown, 0) >= 0"
            " AND coalesce(visitors, 0) >= 0",
            name="counts_not_negative",
        ),
        Index(
            "ix_event_booth_period",
            "start_date",
            "office_code",
            "hosted",
            sqlite_where=text("deleted = 0"),
        ),
    )


class EventLeg(Base):
    __tablename__ = "event_leg"
    __table_args__ = (
        CheckConstraint("end_date >= start_date", name="dates_ordered"),
        CheckConstraint("length(country) = 2", name="country_alpha2"),
        Index("ix_event_leg_country", "event_id", "country"),  # covers the country tally
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("event_booth.id", ondelete="CASCADE"))
    position: Mapped[int] = mapped_column(Integer)
    start_date: Mapped[date] = mapped_column(Date)
    end_date: Mapped[date] = mapped_column(Date)
    city: Mapped[str] = mapped_column(String(200), default="")
    country: Mapped[str] = mapped_column(String(2))
    venue: Mapped[str] = mapped_column(String(300), default="")
    activity: Mapped[str] = mapped_column(Text, default="")  # schema 0016


class EventMunicipality(Base):
    """A local government that took part in an event booth, in the order entered."""

    __tablename__ = "event_municipality"

    event_id: Mapped[int] = mapped_column(
        ForeignKey("event_booth.id", ondelete="CASCADE"), primary_key=True
    )
    position: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(200))


class Newsletter(SyncFields, Base):
    __tablename__ = "newsletter"

    office_code: Mapped[str] = mapped_column(ForeignKey("office.code"))
    title: Mapped[str] = mapped_column(String(200))
    notes: Mapped[str] = mapped_column(Text, default="")

    issues: Mapped[list[NewsletterIssue]] = relationship(
        back_populates="newsletter", order_by="NewsletterIssue.issue_date"
    )


class NewsletterIssue(SyncFields, Base):
    __tablename__ = "newsletter_issue"

    newsletter_id: Mapped[int] = mapped_column(ForeignKey("newsletter.id"), index=True)
    number: Mapped[str] = mapped_column(String(40), default="")
    issue_date: Mapped[date] = mapped_column(Date)
    languages: Mapped[list[str]] = mapped_column(JSON, default=list)
    format: Mapped[NewsletterFormat] = mapped_column(
        _enum(NewsletterFormat), default=NewsletterFormat.EMAIL
    )
    contents: Mapped[str] = mapped_column(Text, default="")
    reach: Mapped[int | None] = mapped_column(Integer, default=None)

    newsletter: Mapped[Newsletter] = relationship(back_populates="issues")

    __table_args__ = (
        CheckConstraint("coalesce(reach, 0) >= 0", name="reach_not_negative"),
        Index("ix_newsletter_issue_period", "issue_date", sqlite_where=text("deleted = 0")),
    )


class JetaaEvent(SyncFields, Base):
    __tablename__ = "jetaa_event"

    office_code: Mapped[str] = mapped_column(ForeignKey("office.code"))
    name: Mapped[str] = mapped_column(String(300))
    kind: Mapped[JetaaKind] = mapped_column(_enum(JetaaKind), default=JetaaKind.OTHER)
    start_date: Mapped[date] = mapped_column(Date)
    participants: Mapped[int | None] = mapped_column(Integer, default=None)
    notes: Mapped[str] = mapped_column(Text, default="")

    sessions: Mapped[list[JetaaSession]] = relationship(
        cascade="all, delete-orphan", order_by="JetaaSession.position", lazy="selectin"
    )

    __table_args__ = (
        CheckConstraint("coalesce(participants, 0) >= 0", name="participants_not_negative"),
        Index(
            "ix_jetaa_event_period", "start_date", "office_code", sqlite_where=text("deleted = 0")
        ),
    )


class JetaaSession(Base):
    __tablename__ = "jetaa_session"
    __table_args__ = (
        CheckConstraint("end_date >= start_date", name="dates_ordered"),
        CheckConstraint("length(country) = 2", name="country_alpha2"),
        Index("ix_jetaa_session_country", "event_id", "country"),  # covers the country tally
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("jetaa_event.id", ondelete="CASCADE"))
    position: Mapped[int] = mapped_column(Integer)
    start_date: Mapped[date] = mapped_column(Date)
    end_date: Mapped[date] = mapped_column(Date)
    city: Mapped[str] = mapped_column(String(200), default="")
    country: Mapped[str] = mapped_column(String(2))
    venue: Mapped[str] = mapped_column(String(300), default="")
    mode: Mapped[VenueMode] = mapped_column(_enum(VenueMode), default=VenueMode.IN_PERSON)


# --- the office's whole year (migration 0006): seminars, publications, media work,
# cooking events, research requests, seconded staff


class Seminar(SyncFields, Base):
    __tablename__ = "seminar"

    office_code: Mapped[str] = mapped_column(ForeignKey("office.code"))
    kind: Mapped[SeminarKind] = mapped_column(_enum(SeminarKind), default=SeminarKind.OFFICE_ONLINE)
    title: Mapped[str] = mapped_column(String(300))
    theme: Mapped[str] = mapped_column(Text, default="")
    speakers: Mapped[str] = mapped_column(Text, default="")
    partner: Mapped[str] = mapped_column(String(300), default="")
    series: Mapped[str] = mapped_column(String(200), default="")
    series_round: Mapped[str] = mapped_column(String(40), default="")
    table_heading: Mapped[str] = mapped_column(String(200), default="")
    start_date: Mapped[date] = mapped_column(Date)
    report_no: Mapped[int | None] = mapped_column(Integer, default=None)
    notes: Mapped[str] = mapped_column(Text, default="")

    sessions: Mapped[list[SeminarSession]] = relationship(
        cascade="all, delete-orphan", order_by="SeminarSession.position", lazy="selectin"
    )
    hosts: Mapped[list[SeminarHost]] = relationship(
        cascade="all, delete-orphan", order_by="SeminarHost.position", lazy="selectin"
    )

    __table_args__ = (
        Index(
            "ix_seminar_period",
            "start_date",
            "office_code",
            "kind",
            sqlite_where=text("deleted = 0"),
        ),
    )


class SeminarSession(Base):
    __tablename__ = "seminar_session"
    __table_args__ = (
        CheckConstraint("end_date >= start_date", name="dates_ordered"),
        CheckConstraint("coalesce(participants, 0) >= 0", name="participants_not_negative"),
        Index("ix_seminar_session_seminar", "seminar_id"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    seminar_id: Mapped[int] = mapped_column(ForeignKey("seminar.id", ondelete="CASCADE"))
    position: Mapped[int] = mapped_column(Integer)
    start_date: Mapped[date] = mapped_column(Date)
    end_date: Mapped[date] = mapped_column(Date)
    venue: Mapped[str] = mapped_column(String(300), default="")
    country: Mapped[str | None] = mapped_column(String(2), default=None)
    mode: Mapped[SessionMode] = mapped_column(_enum(SessionMode), default=SessionMode.IN_PERSON)
    participants: Mapped[int | None] = mapped_column(Integer, default=None)
    participants_approx: Mapped[bool] = mapped_column(Boolean, default=False)


class SeminarHost(Base):
    """A local government that hosted a seminar (the executive exchange's hosts)."""

    __tablename__ = "seminar_host"

    seminar_id: Mapped[int] = mapped_column(
        ForeignKey("seminar.id", ondelete="CASCADE"), primary_key=True
    )
    position: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(200))


class Publication(SyncFields, Base):
    __tablename__ = "publication"

    office_code: Mapped[str] = mapped_column(ForeignKey("office.code"))
    series: Mapped[PublicationSeries] = mapped_column(
        _enum(PublicationSeries), default=PublicationSeries.CLAIR_REPORT
    )
    title: Mapped[str] = mapped_column(String(300))
    published_on: Mapped[date] = mapped_column(Date)
    topic: Mapped[str] = mapped_column(String(200), default="")
    notes: Mapped[str] = mapped_column(Text, default="")

    __table_args__ = (
        Index(
            "ix_publication_period",
            "published_on",
            "office_code",
            "series",
            sqlite_where=text("deleted = 0"),
        ),
    )


class MediaWork(SyncFields, Base):
    __tablename__ = "media_work"

    office_code: Mapped[str] = mapped_column(ForeignKey("office.code"))
    start_date: Mapped[date] = mapped_column(Date)
    end_date: Mapped[date | None] = mapped_column(Date, default=None)
    activity: Mapped[str] = mapped_column(Text)
    outlets: Mapped[str] = mapped_column(String(300), default="")
    dates_as_printed: Mapped[str] = mapped_column(Text, default="")
    report_no: Mapped[int | None] = mapped_column(Integer, default=None)
    notes: Mapped[str] = mapped_column(Text, default="")

    municipalities: Mapped[list[MediaMunicipality]] = relationship(
        cascade="all, delete-orphan", order_by="MediaMunicipality.position", lazy="selectin"
    )

    __table_args__ = (
        CheckConstraint("end_date IS NULL OR end_date >= start_date", name="dates_ordered"),
        Index(
            "ix_media_work_period", "start_date", "office_code", sqlite_where=text("deleted = 0")
        ),
    )


class MediaMunicipality(Base):
    """A local government that media work featured, in the order entered."""

    __tablename__ = "media_municipality"

    media_work_id: Mapped[int] = mapped_column(
        ForeignKey("media_work.id", ondelete="CASCADE"), primary_key=True
    )
    position: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(200))


class CookingEvent(SyncFields, Base):
    __tablename__ = "cooking_event"

    office_code: Mapped[str] = mapped_column(ForeignKey("office.code"))
    start_date: Mapped[date] = mapped_column(Date)
    end_date: Mapped[date | None] = mapped_column(Date, default=None)
    city: Mapped[str] = mapped_column(String(200), default="")
    country: Mapped[str] = mapped_column(String(2))
    ingredients: Mapped[str] = mapped_column(Text, default="")
    menu: Mapped[str] = mapped_column(Text, default="")
    notes: Mapped[str] = mapped_column(Text, default="")

    organisations: Mapped[list[CookingOrganisation]] = relationship(
        cascade="all, delete-orphan", order_by="CookingOrganisation.position", lazy="selectin"
    )

    __table_args__ = (
        CheckConstraint("end_date IS NULL OR end_date >= start_date", name="dates_ordered"),
        CheckConstraint("length(country) = 2", name="country_alpha2"),
        Index(
            "ix_cooking_event_period", "start_date", "office_code", sqlite_where=text("deleted = 0")
        ),
    )


class CookingOrganisation(Base):
    """An organisation (a local government or another) that ran a cooking event."""

    __tablename__ = "cooking_organisation"

    cooking_event_id: Mapped[int] = mapped_column(
        ForeignKey("cooking_event.id", ondelete="CASCADE"), primary_key=True
    )
    position: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(200))


class ResearchRequest(SyncFields, Base):
    __tablename__ = "research_request"

    office_code: Mapped[str] = mapped_column(ForeignKey("office.code"))
    subject: Mapped[str] = mapped_column(String(300))
    requester: Mapped[str] = mapped_column(String(200), default="")
    asked_on: Mapped[date] = mapped_column(Date)
    answered_on: Mapped[date | None] = mapped_column(Date, default=None)
    status: Mapped[RequestStatus] = mapped_column(
        _enum(RequestStatus), default=RequestStatus.ANSWERED
    )
    report_no: Mapped[int | None] = mapped_column(Integer, default=None)
    year_requests_stated: Mapped[int | None] = mapped_column(Integer, default=None)
    year_bodies_stated: Mapped[int | None] = mapped_column(Integer, default=None)
    notes: Mapped[str] = mapped_column(Text, default="")

    answering: Mapped[list[ResearchRequestOffice]] = relationship(
        cascade="all, delete-orphan", order_by="ResearchRequestOffice.office_code", lazy="selectin"
    )

    __table_args__ = (
        CheckConstraint("answered_on IS NULL OR answered_on >= asked_on", name="dates_ordered"),
        Index(
            "ix_research_request_period",
            "asked_on",
            "office_code",
            sqlite_where=text("deleted = 0"),
        ),
    )


class ResearchRequestOffice(Base):
    """An office that answered a research request."""

    __tablename__ = "research_request_office"

    request_id: Mapped[int] = mapped_column(
        ForeignKey("research_request.id", ondelete="CASCADE"), primary_key=True
    )
    office_code: Mapped[OfficeCode] = mapped_column(_enum(OfficeCode), primary_key=True)


class SecondedStaff(SyncFields, Base):
    __tablename__ = "seconded_staff"

    office_code: Mapped[str] = mapped_column(ForeignKey("office.code"))
    name: Mapped[str] = mapped_column(String(100), default="")
    home: Mapped[str] = mapped_column(String(200))
    from_date: Mapped[date] = mapped_column(Date)
    to_date: Mapped[date | None] = mapped_column(Date, default=None)
    notes: Mapped[str] = mapped_column(Text, default="")

    __table_args__ = (
        CheckConstraint("to_date IS NULL OR to_date >= from_date", name="dates_ordered"),
        Index(
            "ix_seconded_staff_roster", "office_code", "from_date", sqlite_where=text("deleted = 0")
        ),
    )


SYNCED_MODELS: tuple[type[SyncFields], ...] = (
    SupportCase,
    EventBooth,
    Newsletter,
    NewsletterIssue,
    JetaaEvent,
    Seminar,
    Publication,
    MediaWork,
    CookingEvent,
    ResearchRequest,
    SecondedStaff,
)


class Conflict(Base):
    """A version that lost to a concurrent edit of the same record, kept for review."""

    __tablename__ = "conflict"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    record_type: Mapped[str] = mapped_column(String(40))
    record_uuid: Mapped[str] = mapped_column(String(36), index=True)
    winner_version: Mapped[int] = mapped_column(Integer)
    winner_device: Mapped[str] = mapped_column(String(36))
    loser_version: Mapped[int] = mapped_column(Integer)
    loser_device: Mapped[str] = mapped_column(String(36))
    loser_payload: Mapped[dict[str, Any]] = mapped_column(JSON)
    detected_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utc_now)
    resolved: Mapped[bool] = mapped_column(Boolean, default=False)
    # who settled it, and when (migration 0015; None before, or settled by an import)
    resolved_by: Mapped[str | None] = mapped_column(String(200), default=None)
    resolved_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), default=None)


class SyncLogEntry(Base):
    """One export or import: which file, when, for which office, what it changed."""

    __tablename__ = "sync_log"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utc_now)
    direction: Mapped[str] = mapped_column(String(10))
    file_name: Mapped[str] = mapped_column(String(500))
    office_code: Mapped[str | None] = mapped_column(String(3), default=None)
    export_id: Mapped[str | None] = mapped_column(String(36), default=None)
    counts: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    result: Mapped[str] = mapped_column(String(20))
    message: Mapped[str] = mapped_column(Text, default="")
    # the period the workbook covers (its manifest's); None before migration 0009
    period_start: Mapped[date | None] = mapped_column(Date, default=None)
    period_end: Mapped[date | None] = mapped_column(Date, default=None)


class ImportedExport(Base):
    """An export workbook imported into this database, known by its export id and, for a
    copy edited by hand, the digest of its content (``content``; '' for the workbook as
    exported) (migration 0015): one row an export or edited copy, so the same workbook
    imported by two people at once is imported once (see :mod:`db.hq.once`)."""

    __tablename__ = "imported_export"

    export_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    content: Mapped[str] = mapped_column(String(64), primary_key=True, default="")
    office_code: Mapped[str | None] = mapped_column(String(3), default=None)
    file_name: Mapped[str] = mapped_column(String(500))
    imported_by: Mapped[str] = mapped_column(String(200))
    imported_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utc_now)


class SheetRow(Base):
    """Which record a row of an office's own sheet became (migration 0012): the sheet's
    identity (office, kind, file name, sheet name, header) and the row's values, so a
    sheet imported again updates, deletes and adds instead of adding twice."""

    __tablename__ = "sheet_row"
    __table_args__ = (Index("ix_sheet_row_office_kind", "office_code", "kind"),)

    record_uuid: Mapped[str] = mapped_column(String(36), primary_key=True)
    office_code: Mapped[str] = mapped_column(String(3))
    kind: Mapped[str] = mapped_column(String(40))
    file_name: Mapped[str] = mapped_column(String(300))
    sheet_name: Mapped[str] = mapped_column(String(200))
    header_key: Mapped[str] = mapped_column(String(64))
    position: Mapped[int] = mapped_column(Integer)
    row_hash: Mapped[str] = mapped_column(String(64))
    row_values: Mapped[dict[str, Any]] = mapped_column(JSON)
    imported_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utc_now)


class ImportMapping(Base):
    """A confirmed column mapping for an office's own spreadsheet, kept for next time.

    ``columns`` maps each field to the header text it was found under, so the mapping
    still applies when the office moves its columns around.
    """

    __tablename__ = "import_mapping"

    name: Mapped[str] = mapped_column(String(100), primary_key=True)
    kind: Mapped[str] = mapped_column(String(40))
    office_code: Mapped[str] = mapped_column(ForeignKey("office.code"))
    columns: Mapped[dict[str, str]] = mapped_column(JSON)
    saved_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utc_now)


class HistoryOrigin(Base):
    """Where the versions of one import (or one restore) came from, stored once for all
    the history rows that name it: the file, office, export id and time, the exporting
    laptop, who imported it (see :mod:`db.records.history`)."""

    __tablename__ = "record_history_origin"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    origin: Mapped[dict[str, Any]] = mapped_column(JSON)


class RecordHistory(Base):
    """One version of a record as this laptop saw it arrive: who made it, on which laptop,
    through what, which fields changed, and (once a newer version replaced it) its values.
    Written by :mod:`db.records.history` in the transaction of the change it records."""

    __tablename__ = "record_history"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    record_type: Mapped[str] = mapped_column(String(40))
    record_uuid: Mapped[str] = mapped_column(String(36), index=True)
    version: Mapped[int] = mapped_column(Integer)
    device_id: Mapped[str] = mapped_column(String(36))
    device_name: Mapped[str | None] = mapped_column(String(200), default=None)
    author: Mapped[str | None] = mapped_column(String(200), default=None)
    how: Mapped[str] = mapped_column(String(20))
    origin_id: Mapped[int | None] = mapped_column(
        ForeignKey("record_history_origin.id"), default=None
    )
    deleted: Mapped[bool] = mapped_column(Boolean, default=False)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime())
    recorded_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utc_now)
    changes: Mapped[dict[str, Any] | None] = mapped_column(JSON(none_as_null=True), default=None)
    payload: Mapped[dict[str, Any] | None] = mapped_column(JSON(none_as_null=True), default=None)
