"""record history

Revision ID: 0007
Revises: 0005
Create Date: 2026-11-28

Every version of every record this laptop made or received (issue #11): who, on which
laptop, through what, the fields that changed and the values of replaced versions;
where an import's versions came from is stored once per import
(``record_history_origin``).
Records already stored get one row each for the version they hold (``how`` =
``existing``), so their history starts from what the database had.
"""

from __future__ import annotations

from datetime import UTC, datetime

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None

TABLES = (
    "newsletter",
    "newsletter_issue",
    "support_case",
    "event_booth",
    "jetaa_event",
    # the office's other work (0006)
    "seminar",
    "publication",
    "media_work",
    "cooking_event",
    "research_request",
    "seconded_staff",
)


def upgrade() -> None:
    op.create_table(
        "record_history_origin",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("origin", sa.JSON(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_record_history_origin")),
    )
    op.create_table(
        "record_history",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("record_type", sa.String(length=40), nullable=False),
        sa.Column("record_uuid", sa.String(length=36), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("device_id", sa.String(length=36), nullable=False),
        sa.Column("device_name", sa.String(length=200), nullable=True),
        sa.Column("author", sa.String(length=200), nullable=True),
        sa.Column("how", sa.String(length=20), nullable=False),
        sa.Column("origin_id", sa.Integer(), nullable=True),
        sa.Column("deleted", sa.Boolean(), nullable=False),
        sa.Column("updated_at", sa.String(length=32), nullable=False),
        sa.Column("recorded_at", sa.String(length=32), nullable=False),
        sa.Column("changes", sa.JSON(), nullable=True),
        sa.Column("payload", sa.JSON(), nullable=True),
        sa.ForeignKeyConstraint(
            ["origin_id"],
            ["record_history_origin.id"],
            name=op.f("fk_record_history_origin_id_record_history_origin"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_record_history")),
    )
    with op.batch_alter_table("record_history", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_record_history_record_uuid"), ["record_uuid"], unique=False
        )
    now = datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")
    for table in TABLES:
        op.execute(
            sa.text(
                "INSERT INTO record_history (record_type, record_uuid, version, device_id,"
                " how, deleted, updated_at, recorded_at)"
                f" SELECT '{table}', uuid, version, device_id, 'existing', deleted,"
                f" updated_at, :now FROM {table} ORDER BY id"
            ).bindparams(now=now)
        )


def downgrade() -> None:
    with op.batch_alter_table("record_history", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_record_history_record_uuid"))
    op.drop_table("record_history")
    op.drop_table("record_history_origin")
