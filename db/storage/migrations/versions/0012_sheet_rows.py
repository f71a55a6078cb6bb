"""sheet rows

Revision ID: 0012
Revises: 0010
Create Date: 2026-12-06

Which record each row of an office's own sheet became (issue #20), per office, kind
and sheet identity (file name, sheet name, header): a sheet imported again is a new
version of the same sheet — changed rows update their records, gone rows are offered
for deletion, new rows are added. Local to this laptop (it does not travel).
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0012"
down_revision = "0010"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "sheet_row",
        sa.Column("record_uuid", sa.String(length=36), nullable=False),
        sa.Column("office_code", sa.String(length=3), nullable=False),
        sa.Column("kind", sa.String(length=40), nullable=False),
        sa.Column("file_name", sa.String(length=300), nullable=False),
        sa.Column("sheet_name", sa.String(length=200), nullable=False),
        sa.Column("header_key", sa.String(length=64), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("row_hash", sa.String(length=64), nullable=False),
        sa.Column("row_values", sa.JSON(), nullable=False),
        sa.Column("imported_at", sa.String(length=32), nullable=False),
        sa.PrimaryKeyConstraint("record_uuid", name=op.f("pk_sheet_row")),
    )
    op.create_index("ix_sheet_row_office_kind", "sheet_row", ["office_code", "kind"])


def downgrade() -> None:
    op.drop_index("ix_sheet_row_office_kind", table_name="sheet_row")
    op.drop_table("sheet_row")
