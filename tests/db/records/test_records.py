"""The write path: UUIDs, versions, tombstones, validation, the Lamport clock."""

from __future__ import annotations

import dataclasses
from datetime import UTC, date, datetime, timedelta, timezone
from typing import TYPE_CHECKING

import pytest
from hypothesis import given
from hypothesis import strategies as st
from sqlalchemy import select

from db.records import write as records
from db.schema.enums import RequesterCategory
from db.schema.errors import ValidationError
from db.schema.kinds import CaseRow
from db.storage import clock
from db.storage.models import EventBooth, EventLeg, SupportCase
from tests.support.factories import case, event, jetaa

if TYPE_CHECKING:
    from collections.abc import Callable

    from sqlalchemy.orm import Session

    from db.storage.database import Database


@pytest.fixture
def db(ledger_db: Database) -> Database:
    """Every test here on both backends (tests/support/pg.py)."""
    return ledger_db


def test_new_record_gets_uuid_version_device_and_utc_time(db: Database) -> None:
    with db.session() as session:
        record = case(session)
        device = clock.device_id(session)
    assert len(record.uuid) == 36
    assert record.version == 1 and record.version_vector == {device: 1}
    assert record.device_id == device
    offset = record.updated_at.utcoffset()
    assert offset is not None and offset.total_seconds() == 0


def test_edit_takes_a_newer_version_and_remembers_its_base(db: Database) -> None:
    with db.session() as session:
        record = case(session)
        first = record.version
        record.summary = "アポイントメント取付け"
        records.save(session, record)
    assert record.version > first
    assert record.version_vector == {record.device_id: record.version}


def test_an_edit_of_a_version_from_elsewhere_orders_after_it(db: Database) -> None:
    with db.session() as session:
        record = case(session)
        record.version, record.device_id = 500, "other-laptop"  # as if imported
        record.version_vector = {"other-laptop": 500}
        records.save(session, record)
        assert record.version == 501
        assert record.version_vector == {"other-laptop": 500, clock.device_id(session): 501}
        assert clock.clock_value(session) == 501


def test_delete_is_a_tombstone_and_restore_brings_it_back(db: Database) -> None:
    with db.session() as session:
        record = case(session)
        records.delete(session, record)
        deleted_version = record.version
    with db.session() as session:
        row = session.execute(
            select(SupportCase).where(SupportCase.uuid == record.uuid)
        ).scalar_one()
        assert row.deleted is True and row.version == deleted_version
        records.restore(session, row)
        assert row.deleted is False and row.version > deleted_version


def test_versions_survive_reopening_the_file(db: Database) -> None:
    from db.storage.database import open_database

    with db.session() as session:
        case(session)
        case(session)
    db.close()
    again = open_database(db.path or db.url)  # the file, or the server's database
    with again.session() as session:
        assert case(session).version == 3
    again.close()


def test_event_start_date_is_its_earliest_leg(db: Database) -> None:
    with db.session() as session:
        record = event(session, legs=[(date(2023, 11, 14), "FR"), (date(2023, 10, 18), "FR")])
        assert record.start_date == date(2023, 10, 18)
        assert [leg.position for leg in record.legs] == [1, 2]


@pytest.mark.parametrize(
    ("build", "field"),
    [
        (lambda s: case(s, requester="  "), "requester"),
        (lambda s: event(s, legs=[]), "legs"),
        (lambda s: event(s, legs=[(date(2023, 5, 1), "XX")]), "legs"),  # detail: country
        (lambda s: event(s, name=""), "name"),
        (lambda s: jetaa(s, sessions=[]), "sessions"),
        (lambda s: event(s, office="TOK"), "office_code"),
    ],
)
def test_invalid_records_are_refused_and_nothing_is_written(
    db: Database, build: Callable[[Session], object], field: str
) -> None:
    with pytest.raises(ValidationError) as info, db.session() as session:
        build(session)
    assert info.value.field == field
    from db.storage.database import table_counts

    assert sum(table_counts(db).values()) == 0


def test_end_before_start_is_refused(db: Database) -> None:
    with pytest.raises(ValidationError) as info, db.session() as session:
        records.save(
            session,
            SupportCase(
                office_code="NYC",
                requester="東京都",
                requester_category=RequesterCategory.PREFECTURE_OR_CITY,
                start_date=date(2023, 5, 2),
                end_date=date(2023, 5, 1),
            ),
        )
    assert info.value.field == "end_date"


def test_negative_visitors_are_refused(db: Database) -> None:
    with pytest.raises(ValidationError, match="negative") as info, db.session() as session:
        records.save(
            session,
            EventBooth(
                office_code="PAR",
                name="x",
                visitors=-1,
                legs=[
                    EventLeg(start_date=date(2023, 5, 1), end_date=date(2023, 5, 1), country="FR")
                ],
            ),
        )
    assert info.value.field == "visitors"


def test_bulk_insert_assigns_distinct_versions_and_links_types(db: Database) -> None:
    from db.schema.enums import SupportType

    batch = [
        CaseRow(
            office_code="SIN",
            requester=f"県{n}",
            requester_category=RequesterCategory.OTHER,
            start_date=date(2023, 4, 1 + n),
            types=(SupportType.ATTEND, SupportType.ATTEND, SupportType.BOOTH),
        )
        for n in range(5)
    ]
    with db.session() as session:
        case(session)  # an existing row: bulk ids must not collide with it
        assert records.bulk_insert_cases(session, batch) == 5
    with db.session() as session:
        rows = session.execute(select(SupportCase).order_by(SupportCase.id)).scalars().all()
        assert len({r.uuid for r in rows}) == 6
        assert [r.version for r in rows] == [1, 2, 3, 4, 5, 6]
        assert rows[-1].support_types == [SupportType.ATTEND, SupportType.BOOTH]
        assert clock.clock_value(session) == 6


def test_bulk_insert_refuses_a_bad_row_and_writes_nothing(db: Database) -> None:
    good = CaseRow(
        office_code="SIN",
        requester="県",
        requester_category=RequesterCategory.OTHER,
        start_date=date(2023, 4, 1),
    )
    bad = dataclasses.replace(good, start_date=date(2023, 4, 2), end_date=date(2023, 4, 1))
    with pytest.raises(ValidationError, match="row 2"), db.session() as session:
        records.bulk_insert_cases(session, [good, bad])
    from db.storage.database import table_counts

    assert table_counts(db)["support_case"] == 0


def test_bulk_rows_read_back_through_the_orm_exactly(db: Database) -> None:
    """The bulk path writes the same storage format the ORM reads."""
    from db.schema.enums import CaseStatus, SupportType

    new = CaseRow(
        office_code="SEL",
        requester="釜山広域市",
        requester_category=RequesterCategory.OTHER,
        start_date=date(2024, 3, 31),
        end_date=date(2024, 4, 2),
        summary="通訳あっせん 🎌",
        staff="Kim",
        status=CaseStatus.IN_PROGRESS,
        counted=False,
        types=(SupportType.INTERPRETER,),
    )
    with db.session() as session:
        records.bulk_insert_cases(session, [new])
    with db.session() as session:
        row = session.execute(select(SupportCase)).scalar_one()
        assert (row.office_code, row.requester, row.requester_category) == (
            "SEL",
            "釜山広域市",
            RequesterCategory.OTHER,
        )
        assert (row.start_date, row.end_date) == (date(2024, 3, 31), date(2024, 4, 2))
        assert (row.summary, row.staff, row.status, row.counted, row.deleted) == (
            "通訳あっせん 🎌",
            "Kim",
            CaseStatus.IN_PROGRESS,
            False,
            False,
        )
        assert row.support_types == [SupportType.INTERPRETER]
        assert row.updated_at.tzinfo is not None
        assert row.version_vector == {row.device_id: row.version}


def test_bulk_insert_refuses_an_unknown_code(db: Database) -> None:
    bad = CaseRow(
        office_code="SEL",
        requester="x",
        requester_category="county",  # type: ignore[arg-type]
        start_date=date(2024, 3, 31),
    )
    with pytest.raises(ValidationError, match="'county'"), db.session() as session:
        records.bulk_insert_cases(session, [bad])


def test_new_uuids_are_distinct_version_4_uuids() -> None:
    import uuid

    values = records.new_uuids(2000)
    assert len(set(values)) == 2000
    for text in values:
        parsed = uuid.UUID(text)
        assert parsed.version == 4 and parsed.variant == uuid.RFC_4122 and str(parsed) == text


@given(st.datetimes(min_value=datetime(1990, 1, 1), max_value=datetime(2100, 1, 1),
                    timezones=st.sampled_from([UTC, timezone(timedelta(hours=9)),
                                               timezone(timedelta(hours=-5))])))  # fmt: skip
def test_fast_utc_text_is_the_stored_form(moment: datetime) -> None:
    from sqlalchemy.dialects import sqlite

    from db.records.store import utc_text
    from db.storage.base import UTCDateTime

    assert utc_text(moment) == UTCDateTime().process_bind_param(moment, sqlite.dialect())
