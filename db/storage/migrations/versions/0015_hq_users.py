"""several people at headquarters

Revision ID: 0015
Revises: 0014
Create Date: 2026-12-07

Issue #23 item 2: headquarters' staff share one database. ``imported_export`` keeps
each export workbook imported, by its export id and, for a copy edited by hand, the
digest of its content (unique: the same workbook imported by two clerks at once, or
dropped again, is imported once, and the second is told by whom and when);
``conflict.resolved_by`` and ``resolved_at`` say who settled a conflict (the second
person settling it is told). On PostgreSQL every table people change gets a
statement trigger that sends ``NOTIFY office_ledger_changes`` with the writing
connection's server process id (delivered only when the transaction commits, one
notice a transaction; the id tells a window its own writes from others'): the windows of the other HQ users
refresh (:mod:`db.hq.changes`); whatever writes — the app, a command, another version
— is heard. A table a later migration adds needs ``notify_on`` too. Additive: a new
table, two nullable columns, triggers; what another migration already made is left.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0015"
down_revision = "0014"
branch_labels = None
depends_on = None


def _inspect() -> sa.Inspector:
    return sa.inspect(op.get_bind())


CHANNEL = "office_ledger_changes"
# written only alongside another table's change (or derived): no notice of their own
QUIET = frozenset({"alembic_version", "app_meta", "support_case_day", "record_history",
                   "record_history_origin"})  # fmt: skip
NOTIFY_FUNCTION = f"""
CREATE OR REPLACE FUNCTION office_ledger_notify() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('{CHANNEL}', pg_backend_pid()::text);
    RETURN NULL;
END $$
"""


def notify_on(table: str) -> None:
    """PostgreSQL: a change of ``table`` notifies the listening windows at commit."""
    op.execute(f"DROP TRIGGER IF EXISTS {table}_notify ON {table}")
    op.execute(f"CREATE TRIGGER {table}_notify AFTER INSERT OR UPDATE OR DELETE ON {table}"
               " FOR EACH STATEMENT EXECUTE FUNCTION office_ledger_notify()")  # fmt: skip


def upgrade() -> None:
    if not _inspect().has_table("imported_export"):
        op.create_table(
            "imported_export",
            sa.Column("export_id", sa.String(length=36), nullable=False),
            sa.Column("content", sa.String(length=64), nullable=False, server_default=""),
            sa.Column("office_code", sa.String(length=3), nullable=True),
            sa.Column("file_name", sa.String(length=500), nullable=False),
            sa.Column("imported_by", sa.String(length=200), nullable=False),
            sa.Column("imported_at", sa.String(length=32), nullable=False),
            sa.PrimaryKeyConstraint("export_id", "content", name=op.f("pk_imported_export")),
        )
    have = {c["name"] for c in _inspect().get_columns("conflict")}
    new = [c for c in ("resolved_by", "resolved_at") if c not in have]
    if new:
        with op.batch_alter_table("conflict") as batch:
            for column in new:
                batch.add_column(sa.Column(column, sa.String(length=200 if column ==
                                 "resolved_by" else 32), nullable=True))  # fmt: skip
    if op.get_bind().dialect.name == "postgresql":
        op.execute(NOTIFY_FUNCTION)
        for table in sorted(set(_inspect().get_table_names()) - QUIET):
            notify_on(table)


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        for table in sorted(set(_inspect().get_table_names()) - QUIET):
            op.execute(f"DROP TRIGGER IF EXISTS {table}_notify ON {table}")
        op.execute("DROP FUNCTION IF EXISTS office_ledger_notify()")
    have = {c["name"] for c in _inspect().get_columns("conflict")}
    for column in ("resolved_at", "resolved_by"):
        if column in have and op.get_bind().dialect.name != "sqlite":
            op.drop_column("conflict", column)  # SQLite keeps them (nullable, harmless)
    if _inspect().has_table("imported_export"):
        op.drop_table("imported_export")
