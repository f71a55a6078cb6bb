"""Records read as plain, immutable values: the lists, the small lookups the window's
widgets need, the first look before SQLAlchemy loads, search, and the requester category
suggested from a name.

May import: ``db.schema``, ``db.storage``, ``db.hq``, ``db.records``, ``db.tally`` (any library but
Qt; never ``desktop``, ``exports`` nor ``office_ledger``).
"""
