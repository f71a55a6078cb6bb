"""Headquarters' ledger on a PostgreSQL server (issue #23): what ``--db`` names (a file or
a server URL), connecting with the password from the keyring and one-line refusals,
PostgreSQL's counterparts of the SQLite-only pieces (operators and functions the raw SQL
needs, the summary's trigger), and backups with ``pg_dump`` / ``pg_restore``.

May import: ``db.schema``, ``db.storage`` (any library but Qt; never ``desktop``,
``exports`` nor ``office_ledger``).
"""
