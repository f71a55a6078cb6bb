"""import mappings

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-25

Column mappings of offices' own spreadsheets, confirmed once and reused (legacy import).
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "import_mapping",
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("kind", sa.String(length=40), nullable=False),
        sa.Column("office_code", sa.String(length=3), nullable=False),
        sa.Column("columns", sa.JSON(), nullable=False),
        sa.Column("saved_at", sa.String(length=32), nullable=False),
        sa.ForeignKeyConstraint(
            ["office_code"], ["office.code"], name=op.f("fk_import_mapping_office_code_office")
        ),
        sa.PrimaryKeyConstraint("name", name=op.f("pk_import_mapping")),
    )


def downgrade() -> None:
    op.drop_table("import_mapping")
