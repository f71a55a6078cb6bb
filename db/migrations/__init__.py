"""Alembic migrations shipped inside the package and applied when a database opens.

``HEAD`` is the newest revision; :func:`db.database.open_database` compares it with the
database's ``alembic_version`` without importing Alembic, so an up-to-date database
opens fast. A test checks that ``HEAD`` matches the scripts in ``versions/``.
"""

HEAD = "0012"
