"""The ledger file: its tables (SQLAlchemy models) and Alembic migrations, opening and
creating it, the one writer's lock, which laptop and which copy it is, its device
identity and clock, SQLite's checks and the ledger's invariants, backups. The one door
to the database; the floors above ask it for a session.

May import: ``db.schema`` (any library but Qt; never ``desktop``, ``exports`` nor
``office_ledger``).
"""
