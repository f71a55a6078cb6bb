"""Several people at headquarters on one database (issue #23 item 2): units of work
that retry when another person's transaction got in the way, an export imported once
however many clerks import it, who made a change, and a watcher that hears when
someone else wrote. Dialect-neutral where it can be (PostgreSQL and SQLite), with
PostgreSQL's and SQLite's own means behind one interface; no Qt.

May import: ``db.schema``, ``db.storage`` (any library but Qt; never ``desktop``,
``exports`` nor ``office_ledger``).
"""
