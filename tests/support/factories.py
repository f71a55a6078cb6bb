"""Small builders for records in tests (saved through the real write path)."""

from __future__ import annotations

from datetime import date

from sqlalchemy.orm import Session

from db.records import write as records
from db.schema.enums import RequesterCategory, VenueMode
from db.schema.kinds import CaseRow
from db.storage.models import (
    EventBooth,
    EventLeg,
    JetaaEvent,
    JetaaSession,
    Newsletter,
    NewsletterIssue,
    SupportCase,
)


def case(
    session: Session,
    office: str = "NYC",
    day: date = date(2023, 6, 1),
    category: RequesterCategory = RequesterCategory.PREFECTURE_OR_CITY,
    counted: bool = True,
    requester: str = "東京都",
) -> SupportCase:
    record = SupportCase(
        office_code=office,
        requester=requester,
        requester_category=category,
        start_date=day,
        counted=counted,
    )
    records.save(session, record)
    return record


def event(
    session: Session,
    office: str = "PAR",
    legs: list[tuple[date, str]] | None = None,
    hosted: bool = False,
    name: str = "展示会",
) -> EventBooth:
    legs = [(date(2023, 10, 18), "FR")] if legs is None else legs
    record = EventBooth(
        office_code=office,
        name=name,
        hosted=hosted,
        legs=[EventLeg(start_date=d, end_date=d, country=c) for d, c in legs],
    )
    records.save(session, record)
    return record


def jetaa(
    session: Session, office: str = "SYD", sessions: list[tuple[date, str]] | None = None
) -> JetaaEvent:
    sessions = [(date(2023, 7, 1), "AU")] if sessions is None else sessions
    record = JetaaEvent(
        office_code=office,
        name="JET 参加者出発前オリエンテーション",
        sessions=[
            JetaaSession(start_date=d, end_date=d, country=c, mode=VenueMode.IN_PERSON)
            for d, c in sessions
        ],
    )
    records.save(session, record)
    return record


def newsletter_issue(
    session: Session, office: str = "SYD", day: date = date(2023, 5, 1)
) -> NewsletterIssue:
    letter = records.save(session, Newsletter(office_code=office, title="News"))
    assert isinstance(letter, Newsletter)
    issue = NewsletterIssue(newsletter=letter, issue_date=day, number="1", languages=["en"])
    records.save(session, issue)
    return issue


def a_case() -> CaseRow:
    return CaseRow(office_code="NYC", requester="東京都",
                   requester_category=RequesterCategory.PREFECTURE_OR_CITY,
                   start_date=date(2023, 6, 1))  # fmt: skip
