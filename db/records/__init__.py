"""The write path: every change to a record, one at a time (a form's edit, an undo) or in
bulk, stamped with a version; the rules a record keeps; its history.

May import: ``db.schema``, ``db.storage``, ``db.hq`` (any library but Qt; never ``desktop``,
``exports`` nor ``office_ledger``).
"""
