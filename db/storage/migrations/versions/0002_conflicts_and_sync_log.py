"""conflicts and sync log

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-25

The tables the Excel exchange merges into: versions that lost a concurrent edit
(kept for a person to review) and the log of every export and import.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "conflict",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("record_type", sa.String(length=40), nullable=False),
        sa.Column("record_uuid", sa.String(length=36), nullable=False),
        sa.Column("winner_version", sa.Integer(), nullable=False),
        sa.Column("winner_device", sa.String(length=36), nullable=False),
        sa.Column("loser_version", sa.Integer(), nullable=False),
        sa.Column("loser_device", sa.String(length=36), nullable=False),
        sa.Column("loser_payload", sa.JSON(), nullable=False),
        sa.Column("detected_at", sa.String(length=32), nullable=False),
        sa.Column("resolved", sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_conflict")),
    )
    with op.batch_alter_table("conflict", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_conflict_record_uuid"), ["record_uuid"], unique=False)

    op.create_table(
        "sync_log",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("at", sa.String(length=32), nullable=False),
        sa.Column("direction", sa.String(length=10), nullable=False),
        sa.Column("file_name", sa.String(length=500), nullable=False),
        sa.Column("office_code", sa.String(length=3), nullable=True),
        sa.Column("export_id", sa.String(length=36), nullable=True),
        sa.Column("counts", sa.JSON(), nullable=False),
        sa.Column("result", sa.String(length=20), nullable=False),
        sa.Column("message", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_sync_log")),
    )


def downgrade() -> None:
    op.drop_table("sync_log")
    with op.batch_alter_table("conflict", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_conflict_record_uuid"))

    op.drop_table("conflict")
