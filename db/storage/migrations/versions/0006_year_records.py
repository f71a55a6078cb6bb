"""the office's whole year

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-28

Six record types beside the first four (issue #15): seminars with their sessions and
host local governments, publications (CLAIR Reports), media work with the local
governments it featured, cooking-experience events with their organisations, research
requests with the offices that answered, and the roster of seconded staff. Each
synced table carries the sync fields and ``extras`` like the others.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "cooking_event",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uuid", sa.String(length=36), nullable=False),
        sa.Column("office_code", sa.String(length=3), nullable=False),
        sa.Column("start_date", sa.Date(), nullable=False),
        sa.Column("end_date", sa.Date(), nullable=True),
        sa.Column("city", sa.String(length=200), nullable=False),
        sa.Column("country", sa.String(length=2), nullable=False),
        sa.Column("ingredients", sa.Text(), nullable=False),
        sa.Column("menu", sa.Text(), nullable=False),
        sa.Column("notes", sa.Text(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("device_id", sa.String(length=36), nullable=False),
        sa.Column("version_vector", sa.JSON(), nullable=False),
        sa.Column("updated_at", sa.String(length=32), nullable=False),
        sa.Column("deleted", sa.Boolean(), server_default=sa.false(), nullable=False),
        sa.Column("extras", sa.JSON(), nullable=True),
        sa.CheckConstraint(
            "end_date IS NULL OR end_date >= start_date",
            name=op.f("ck_cooking_event_dates_ordered"),
        ),
        sa.CheckConstraint("length(country) = 2", name=op.f("ck_cooking_event_country_alpha2")),
        sa.ForeignKeyConstraint(
            ["office_code"], ["office.code"], name=op.f("fk_cooking_event_office_code_office")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_cooking_event")),
        sa.UniqueConstraint("uuid", name=op.f("uq_cooking_event_uuid")),
    )
    with op.batch_alter_table("cooking_event", schema=None) as batch_op:
        batch_op.create_index(
            "ix_cooking_event_period",
            ["start_date", "office_code"],
            unique=False,
            sqlite_where=sa.text("deleted = 0"),
        )

    op.create_table(
        "media_work",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uuid", sa.String(length=36), nullable=False),
        sa.Column("office_code", sa.String(length=3), nullable=False),
        sa.Column("start_date", sa.Date(), nullable=False),
        sa.Column("end_date", sa.Date(), nullable=True),
        sa.Column("activity", sa.Text(), nullable=False),
        sa.Column("outlets", sa.String(length=300), nullable=False),
        sa.Column("notes", sa.Text(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("device_id", sa.String(length=36), nullable=False),
        sa.Column("version_vector", sa.JSON(), nullable=False),
        sa.Column("updated_at", sa.String(length=32), nullable=False),
        sa.Column("deleted", sa.Boolean(), server_default=sa.false(), nullable=False),
        sa.Column("extras", sa.JSON(), nullable=True),
        sa.CheckConstraint(
            "end_date IS NULL OR end_date >= start_date", name=op.f("ck_media_work_dates_ordered")
        ),
        sa.ForeignKeyConstraint(
            ["office_code"], ["office.code"], name=op.f("fk_media_work_office_code_office")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_media_work")),
        sa.UniqueConstraint("uuid", name=op.f("uq_media_work_uuid")),
    )
    with op.batch_alter_table("media_work", schema=None) as batch_op:
        batch_op.create_index(
            "ix_media_work_period",
            ["start_date", "office_code"],
            unique=False,
            sqlite_where=sa.text("deleted = 0"),
        )

    op.create_table(
        "publication",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uuid", sa.String(length=36), nullable=False),
        sa.Column("office_code", sa.String(length=3), nullable=False),
        sa.Column(
            "series",
            sa.Enum(
                "clair_report",
                name="publicationseries",
                native_enum=False,
                create_constraint=True,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column("title", sa.String(length=300), nullable=False),
        sa.Column("published_on", sa.Date(), nullable=False),
        sa.Column("topic", sa.String(length=200), nullable=False),
        sa.Column("notes", sa.Text(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("device_id", sa.String(length=36), nullable=False),
        sa.Column("version_vector", sa.JSON(), nullable=False),
        sa.Column("updated_at", sa.String(length=32), nullable=False),
        sa.Column("deleted", sa.Boolean(), server_default=sa.false(), nullable=False),
        sa.Column("extras", sa.JSON(), nullable=True),
        sa.ForeignKeyConstraint(
            ["office_code"], ["office.code"], name=op.f("fk_publication_office_code_office")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_publication")),
        sa.UniqueConstraint("uuid", name=op.f("uq_publication_uuid")),
    )
    with op.batch_alter_table("publication", schema=None) as batch_op:
        batch_op.create_index(
            "ix_publication_period",
            ["published_on", "office_code", "series"],
            unique=False,
            sqlite_where=sa.text("deleted = 0"),
        )

    op.create_table(
        "research_request",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uuid", sa.String(length=36), nullable=False),
        sa.Column("office_code", sa.String(length=3), nullable=False),
        sa.Column("subject", sa.String(length=300), nullable=False),
        sa.Column("requester", sa.String(length=200), nullable=False),
        sa.Column("asked_on", sa.Date(), nullable=False),
        sa.Column("answered_on", sa.Date(), nullable=True),
        sa.Column(
            "status",
            sa.Enum(
                "requested",
                "in_progress",
                "answered",
                "cancelled",
                name="requeststatus",
                native_enum=False,
                create_constraint=True,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column("notes", sa.Text(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("device_id", sa.String(length=36), nullable=False),
        sa.Column("version_vector", sa.JSON(), nullable=False),
        sa.Column("updated_at", sa.String(length=32), nullable=False),
        sa.Column("deleted", sa.Boolean(), server_default=sa.false(), nullable=False),
        sa.Column("extras", sa.JSON(), nullable=True),
        sa.CheckConstraint(
            "answered_on IS NULL OR answered_on >= asked_on",
            name=op.f("ck_research_request_dates_ordered"),
        ),
        sa.ForeignKeyConstraint(
            ["office_code"], ["office.code"], name=op.f("fk_research_request_office_code_office")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_research_request")),
        sa.UniqueConstraint("uuid", name=op.f("uq_research_request_uuid")),
    )
    with op.batch_alter_table("research_request", schema=None) as batch_op:
        batch_op.create_index(
            "ix_research_request_period",
            ["asked_on", "office_code"],
            unique=False,
            sqlite_where=sa.text("deleted = 0"),
        )

    op.create_table(
        "seconded_staff",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uuid", sa.String(length=36), nullable=False),
        sa.Column("office_code", sa.String(length=3), nullable=False),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("home", sa.String(length=200), nullable=False),
        sa.Column("from_date", sa.Date(), nullable=False),
        sa.Column("to_date", sa.Date(), nullable=True),
        sa.Column("notes", sa.Text(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("device_id", sa.String(length=36), nullable=False),
        sa.Column("version_vector", sa.JSON(), nullable=False),
        sa.Column("updated_at", sa.String(length=32), nullable=False),
        sa.Column("deleted", sa.Boolean(), server_default=sa.false(), nullable=False),
        sa.Column("extras", sa.JSON(), nullable=True),
        sa.CheckConstraint(
            "to_date IS NULL OR to_date >= from_date", name=op.f("ck_seconded_staff_dates_ordered")
        ),
        sa.ForeignKeyConstraint(
            ["office_code"], ["office.code"], name=op.f("fk_seconded_staff_office_code_office")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_seconded_staff")),
        sa.UniqueConstraint("uuid", name=op.f("uq_seconded_staff_uuid")),
    )
    with op.batch_alter_table("seconded_staff", schema=None) as batch_op:
        batch_op.create_index(
            "ix_seconded_staff_roster",
            ["office_code", "from_date"],
            unique=False,
            sqlite_where=sa.text("deleted = 0"),
        )

    op.create_table(
        "seminar",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uuid", sa.String(length=36), nullable=False),
        sa.Column("office_code", sa.String(length=3), nullable=False),
        sa.Column(
            "kind",
            sa.Enum(
                "office_online",
                "policy_pr_abroad",
                "posted_staff",
                "executive_exchange",
                name="seminarkind",
                native_enum=False,
                create_constraint=True,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column("title", sa.String(length=300), nullable=False),
        sa.Column("theme", sa.Text(), nullable=False),
        sa.Column("speakers", sa.Text(), nullable=False),
        sa.Column("partner", sa.String(length=300), nullable=False),
        sa.Column("series", sa.String(length=200), nullable=False),
        sa.Column("series_round", sa.String(length=40), nullable=False),
        sa.Column("start_date", sa.Date(), nullable=False),
        sa.Column("notes", sa.Text(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("device_id", sa.String(length=36), nullable=False),
        sa.Column("version_vector", sa.JSON(), nullable=False),
        sa.Column("updated_at", sa.String(length=32), nullable=False),
        sa.Column("deleted", sa.Boolean(), server_default=sa.false(), nullable=False),
        sa.Column("extras", sa.JSON(), nullable=True),
        sa.ForeignKeyConstraint(
            ["office_code"], ["office.code"], name=op.f("fk_seminar_office_code_office")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_seminar")),
        sa.UniqueConstraint("uuid", name=op.f("uq_seminar_uuid")),
    )
    with op.batch_alter_table("seminar", schema=None) as batch_op:
        batch_op.create_index(
            "ix_seminar_period",
            ["start_date", "office_code", "kind"],
            unique=False,
            sqlite_where=sa.text("deleted = 0"),
        )

    op.create_table(
        "cooking_organisation",
        sa.Column("cooking_event_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.ForeignKeyConstraint(
            ["cooking_event_id"],
            ["cooking_event.id"],
            name=op.f("fk_cooking_organisation_cooking_event_id_cooking_event"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint(
            "cooking_event_id", "position", name=op.f("pk_cooking_organisation")
        ),
    )
    op.create_table(
        "media_municipality",
        sa.Column("media_work_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.ForeignKeyConstraint(
            ["media_work_id"],
            ["media_work.id"],
            name=op.f("fk_media_municipality_media_work_id_media_work"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("media_work_id", "position", name=op.f("pk_media_municipality")),
    )
    op.create_table(
        "research_request_office",
        sa.Column("request_id", sa.Integer(), nullable=False),
        sa.Column(
            "office_code",
            sa.Enum(
                "NYC",
                "LON",
                "PAR",
                "SIN",
                "SEL",
                "SYD",
                "BEJ",
                "HQ",
                name="officecode",
                native_enum=False,
                create_constraint=True,
                length=32,
            ),
            nullable=False,
        ),
        sa.ForeignKeyConstraint(
            ["request_id"],
            ["research_request.id"],
            name=op.f("fk_research_request_office_request_id_research_request"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint(
            "request_id", "office_code", name=op.f("pk_research_request_office")
        ),
    )
    op.create_table(
        "seminar_host",
        sa.Column("seminar_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.ForeignKeyConstraint(
            ["seminar_id"],
            ["seminar.id"],
            name=op.f("fk_seminar_host_seminar_id_seminar"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("seminar_id", "position", name=op.f("pk_seminar_host")),
    )
    op.create_table(
        "seminar_session",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("seminar_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("start_date", sa.Date(), nullable=False),
        sa.Column("end_date", sa.Date(), nullable=False),
        sa.Column("venue", sa.String(length=300), nullable=False),
        sa.Column("country", sa.String(length=2), nullable=True),
        sa.Column(
            "mode",
            sa.Enum(
                "in_person",
                "online",
                "hybrid",
                "on_demand",
                name="sessionmode",
                native_enum=False,
                create_constraint=True,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column("participants", sa.Integer(), nullable=True),
        sa.Column("participants_approx", sa.Boolean(), nullable=False),
        sa.CheckConstraint(
            "coalesce(participants, 0) >= 0",
            name=op.f("ck_seminar_session_participants_not_negative"),
        ),
        sa.CheckConstraint("end_date >= start_date", name=op.f("ck_seminar_session_dates_ordered")),
        sa.ForeignKeyConstraint(
            ["seminar_id"],
            ["seminar.id"],
            name=op.f("fk_seminar_session_seminar_id_seminar"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_seminar_session")),
    )
    with op.batch_alter_table("seminar_session", schema=None) as batch_op:
        batch_op.create_index("ix_seminar_session_seminar", ["seminar_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("seminar_session", schema=None) as batch_op:
        batch_op.drop_index("ix_seminar_session_seminar")

    op.drop_table("seminar_session")
    op.drop_table("seminar_host")
    op.drop_table("research_request_office")
    op.drop_table("media_municipality")
    op.drop_table("cooking_organisation")
    with op.batch_alter_table("seminar", schema=None) as batch_op:
        batch_op.drop_index("ix_seminar_period", sqlite_where=sa.text("deleted = 0"))

    op.drop_table("seminar")
    with op.batch_alter_table("seconded_staff", schema=None) as batch_op:
        batch_op.drop_index("ix_seconded_staff_roster", sqlite_where=sa.text("deleted = 0"))

    op.drop_table("seconded_staff")
    with op.batch_alter_table("research_request", schema=None) as batch_op:
        batch_op.drop_index("ix_research_request_period", sqlite_where=sa.text("deleted = 0"))

    op.drop_table("research_request")
    with op.batch_alter_table("publication", schema=None) as batch_op:
        batch_op.drop_index("ix_publication_period", sqlite_where=sa.text("deleted = 0"))

    op.drop_table("publication")
    with op.batch_alter_table("media_work", schema=None) as batch_op:
        batch_op.drop_index("ix_media_work_period", sqlite_where=sa.text("deleted = 0"))

    op.drop_table("media_work")
    with op.batch_alter_table("cooking_event", schema=None) as batch_op:
        batch_op.drop_index("ix_cooking_event_period", sqlite_where=sa.text("deleted = 0"))

    op.drop_table("cooking_event")
