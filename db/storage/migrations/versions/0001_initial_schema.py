"""initial schema

Revision ID: 0001
Revises:
Create Date: 2026-11-25

The four record types with their child rows, the offices (seeded here) and
the local metadata (device id, Lamport clock).
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    from db.storage.pg import dialect as pg_dialect

    if pg_dialect.is_postgresql(op.get_bind()):  # SQLite's `deleted = 0` on PostgreSQL
        for sql in pg_dialect.COMPAT:
            op.execute(sql)
    op.create_table(
        "app_meta",
        sa.Column("key", sa.String(length=40), nullable=False),
        sa.Column("value", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("key", name=op.f("pk_app_meta")),
    )
    office = op.create_table(
        "office",
        sa.Column("code", sa.String(length=3), nullable=False),
        sa.Column("name_ja", sa.String(length=40), nullable=False),
        sa.Column("name_en", sa.String(length=40), nullable=False),
        sa.Column("country", sa.String(length=2), nullable=False),
        sa.Column("sort_order", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("code", name=op.f("pk_office")),
    )
    from db.schema.offices import OFFICES

    op.bulk_insert(
        office,
        [
            {
                "code": o.code,
                "name_ja": o.name_ja,
                "name_en": o.name_en,
                "country": o.country,
                "sort_order": o.sort_order,
            }
            for o in OFFICES
        ],
    )
    op.create_table(
        "event_booth",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uuid", sa.String(length=36), nullable=False),
        sa.Column("office_code", sa.String(length=3), nullable=False),
        sa.Column("name", sa.String(length=300), nullable=False),
        sa.Column("name_en", sa.String(length=300), nullable=False),
        sa.Column("hosted", sa.Boolean(), nullable=False),
        sa.Column("start_date", sa.Date(), nullable=False),
        sa.Column("exhibitors", sa.Integer(), nullable=True),
        sa.Column("items_shown", sa.Integer(), nullable=True),
        sa.Column("visitors", sa.Integer(), nullable=True),
        sa.Column("notes", sa.Text(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("device_id", sa.String(length=36), nullable=False),
        sa.Column("version_vector", sa.JSON(), nullable=False),
        sa.Column("updated_at", sa.String(length=32), nullable=False),
        sa.Column("deleted", sa.Boolean(), server_default=sa.false(), nullable=False),
        sa.CheckConstraint(
            "coalesce(exhibitors, 0) >= 0 AND coalesce(items_shown, 0) >= 0 AND coalesce(visitors, 0) >= 0",
            name=op.f("ck_event_booth_counts_not_negative"),
        ),
        sa.ForeignKeyConstraint(
            ["office_code"], ["office.code"], name=op.f("fk_event_booth_office_code_office")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_event_booth")),
        sa.UniqueConstraint("uuid", name=op.f("uq_event_booth_uuid")),
    )
    with op.batch_alter_table("event_booth", schema=None) as batch_op:
        batch_op.create_index(
            "ix_event_booth_period",
            ["start_date", "office_code"],
            unique=False,
            sqlite_where=sa.text("deleted = 0"),
        )

    op.create_table(
        "jetaa_event",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uuid", sa.String(length=36), nullable=False),
        sa.Column("office_code", sa.String(length=3), nullable=False),
        sa.Column("name", sa.String(length=300), nullable=False),
        sa.Column(
            "kind",
            sa.Enum(
                "orientation",
                "reception",
                "conference",
                "information_session",
                "career",
                "other",
                name="jetaakind",
                native_enum=False,
                create_constraint=True,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column("start_date", sa.Date(), nullable=False),
        sa.Column("participants", sa.Integer(), nullable=True),
        sa.Column("notes", sa.Text(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("device_id", sa.String(length=36), nullable=False),
        sa.Column("version_vector", sa.JSON(), nullable=False),
        sa.Column("updated_at", sa.String(length=32), nullable=False),
        sa.Column("deleted", sa.Boolean(), server_default=sa.false(), nullable=False),
        sa.CheckConstraint(
            "coalesce(participants, 0) >= 0", name=op.f("ck_jetaa_event_participants_not_negative")
        ),
        sa.ForeignKeyConstraint(
            ["office_code"], ["office.code"], name=op.f("fk_jetaa_event_office_code_office")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_jetaa_event")),
        sa.UniqueConstraint("uuid", name=op.f("uq_jetaa_event_uuid")),
    )
    with op.batch_alter_table("jetaa_event", schema=None) as batch_op:
        batch_op.create_index(
            "ix_jetaa_event_period",
            ["start_date", "office_code"],
            unique=False,
            sqlite_where=sa.text("deleted = 0"),
        )

    op.create_table(
        "newsletter",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uuid", sa.String(length=36), nullable=False),
        sa.Column("office_code", sa.String(length=3), nullable=False),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("notes", sa.Text(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("device_id", sa.String(length=36), nullable=False),
        sa.Column("version_vector", sa.JSON(), nullable=False),
        sa.Column("updated_at", sa.String(length=32), nullable=False),
        sa.Column("deleted", sa.Boolean(), server_default=sa.false(), nullable=False),
        sa.ForeignKeyConstraint(
            ["office_code"], ["office.code"], name=op.f("fk_newsletter_office_code_office")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_newsletter")),
        sa.UniqueConstraint("uuid", name=op.f("uq_newsletter_uuid")),
    )
    op.create_table(
        "support_case",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uuid", sa.String(length=36), nullable=False),
        sa.Column("office_code", sa.String(length=3), nullable=False),
        sa.Column("requester", sa.String(length=200), nullable=False),
        sa.Column(
            "requester_category",
            sa.Enum(
                "prefecture_or_designated_city",
                "municipality",
                "other",
                name="requestercategory",
                native_enum=False,
                create_constraint=True,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column("start_date", sa.Date(), nullable=False),
        sa.Column("end_date", sa.Date(), nullable=True),
        sa.Column("summary", sa.Text(), nullable=False),
        sa.Column("staff", sa.String(length=100), nullable=False),
        sa.Column(
            "status",
            sa.Enum(
                "planned",
                "in_progress",
                "done",
                "cancelled",
                name="casestatus",
                native_enum=False,
                create_constraint=True,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column("counted", sa.Boolean(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("device_id", sa.String(length=36), nullable=False),
        sa.Column("version_vector", sa.JSON(), nullable=False),
        sa.Column("updated_at", sa.String(length=32), nullable=False),
        sa.Column("deleted", sa.Boolean(), server_default=sa.false(), nullable=False),
        sa.CheckConstraint(
            "end_date IS NULL OR end_date >= start_date", name=op.f("ck_support_case_dates_ordered")
        ),
        sa.ForeignKeyConstraint(
            ["office_code"], ["office.code"], name=op.f("fk_support_case_office_code_office")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_support_case")),
        sa.UniqueConstraint("uuid", name=op.f("uq_support_case_uuid")),
    )
    with op.batch_alter_table("support_case", schema=None) as batch_op:
        batch_op.create_index(
            "ix_support_case_tally",
            ["start_date", "office_code", "requester_category", "counted"],
            unique=False,
            sqlite_where=sa.text("deleted = 0"),
        )

    op.create_table(
        "event_leg",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("event_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("start_date", sa.Date(), nullable=False),
        sa.Column("end_date", sa.Date(), nullable=False),
        sa.Column("city", sa.String(length=200), nullable=False),
        sa.Column("country", sa.String(length=2), nullable=False),
        sa.Column("venue", sa.String(length=300), nullable=False),
        sa.CheckConstraint("end_date >= start_date", name=op.f("ck_event_leg_dates_ordered")),
        sa.CheckConstraint("length(country) = 2", name=op.f("ck_event_leg_country_alpha2")),
        sa.ForeignKeyConstraint(
            ["event_id"],
            ["event_booth.id"],
            name=op.f("fk_event_leg_event_id_event_booth"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_event_leg")),
    )
    with op.batch_alter_table("event_leg", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_event_leg_event_id"), ["event_id"], unique=False)

    op.create_table(
        "event_municipality",
        sa.Column("event_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.ForeignKeyConstraint(
            ["event_id"],
            ["event_booth.id"],
            name=op.f("fk_event_municipality_event_id_event_booth"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("event_id", "position", name=op.f("pk_event_municipality")),
    )
    op.create_table(
        "jetaa_session",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("event_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("start_date", sa.Date(), nullable=False),
        sa.Column("end_date", sa.Date(), nullable=False),
        sa.Column("city", sa.String(length=200), nullable=False),
        sa.Column("country", sa.String(length=2), nullable=False),
        sa.Column("venue", sa.String(length=300), nullable=False),
        sa.Column(
            "mode",
            sa.Enum(
                "in_person",
                "online",
                "hybrid",
                name="venuemode",
                native_enum=False,
                create_constraint=True,
                length=32,
            ),
            nullable=False,
        ),
        sa.CheckConstraint("end_date >= start_date", name=op.f("ck_jetaa_session_dates_ordered")),
        sa.CheckConstraint("length(country) = 2", name=op.f("ck_jetaa_session_country_alpha2")),
        sa.ForeignKeyConstraint(
            ["event_id"],
            ["jetaa_event.id"],
            name=op.f("fk_jetaa_session_event_id_jetaa_event"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_jetaa_session")),
    )
    with op.batch_alter_table("jetaa_session", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_jetaa_session_event_id"), ["event_id"], unique=False)

    op.create_table(
        "newsletter_issue",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uuid", sa.String(length=36), nullable=False),
        sa.Column("newsletter_id", sa.Integer(), nullable=False),
        sa.Column("number", sa.String(length=40), nullable=False),
        sa.Column("issue_date", sa.Date(), nullable=False),
        sa.Column("languages", sa.JSON(), nullable=False),
        sa.Column(
            "format",
            sa.Enum(
                "email",
                "pdf",
                "printed",
                "web",
                name="newsletterformat",
                native_enum=False,
                create_constraint=True,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column("contents", sa.Text(), nullable=False),
        sa.Column("reach", sa.Integer(), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("device_id", sa.String(length=36), nullable=False),
        sa.Column("version_vector", sa.JSON(), nullable=False),
        sa.Column("updated_at", sa.String(length=32), nullable=False),
        sa.Column("deleted", sa.Boolean(), server_default=sa.false(), nullable=False),
        sa.CheckConstraint(
            "coalesce(reach, 0) >= 0", name=op.f("ck_newsletter_issue_reach_not_negative")
        ),
        sa.ForeignKeyConstraint(
            ["newsletter_id"],
            ["newsletter.id"],
            name=op.f("fk_newsletter_issue_newsletter_id_newsletter"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_newsletter_issue")),
        sa.UniqueConstraint("uuid", name=op.f("uq_newsletter_issue_uuid")),
    )
    with op.batch_alter_table("newsletter_issue", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_newsletter_issue_newsletter_id"), ["newsletter_id"], unique=False
        )
        batch_op.create_index(
            "ix_newsletter_issue_period",
            ["issue_date"],
            unique=False,
            sqlite_where=sa.text("deleted = 0"),
        )

    op.create_table(
        "support_case_type",
        sa.Column("case_id", sa.Integer(), nullable=False),
        sa.Column(
            "type_code",
            sa.Enum(
                "appointment",
                "attend",
                "interpreter",
                "booth",
                "publicity",
                "policy",
                "equipment",
                "research",
                "other",
                name="supporttype",
                native_enum=False,
                create_constraint=True,
                length=32,
            ),
            nullable=False,
        ),
        sa.ForeignKeyConstraint(
            ["case_id"],
            ["support_case.id"],
            name=op.f("fk_support_case_type_case_id_support_case"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("case_id", "type_code", name=op.f("pk_support_case_type")),
    )


def downgrade() -> None:
    op.drop_table("support_case_type")
    with op.batch_alter_table("newsletter_issue", schema=None) as batch_op:
        batch_op.drop_index("ix_newsletter_issue_period", sqlite_where=sa.text("deleted = 0"))
        batch_op.drop_index(batch_op.f("ix_newsletter_issue_newsletter_id"))

    op.drop_table("newsletter_issue")
    with op.batch_alter_table("jetaa_session", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_jetaa_session_event_id"))

    op.drop_table("jetaa_session")
    op.drop_table("event_municipality")
    with op.batch_alter_table("event_leg", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_event_leg_event_id"))

    op.drop_table("event_leg")
    with op.batch_alter_table("support_case", schema=None) as batch_op:
        batch_op.drop_index("ix_support_case_tally", sqlite_where=sa.text("deleted = 0"))

    op.drop_table("support_case")
    op.drop_table("newsletter")
    with op.batch_alter_table("jetaa_event", schema=None) as batch_op:
        batch_op.drop_index("ix_jetaa_event_period", sqlite_where=sa.text("deleted = 0"))

    op.drop_table("jetaa_event")
    with op.batch_alter_table("event_booth", schema=None) as batch_op:
        batch_op.drop_index("ix_event_booth_period", sqlite_where=sa.text("deleted = 0"))

    op.drop_table("event_booth")
    op.drop_table("office")
    op.drop_table("app_meta")
