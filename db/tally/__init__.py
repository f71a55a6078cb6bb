"""The figures headquarters prints: the tallies of a period per office, the office's other
work of the year, breakdowns for charts, and the one list of figures.

May import: ``db.schema``, ``db.storage``, ``db.hq`` (any library but Qt; never ``desktop``,
``exports`` nor ``office_ledger``).
"""
