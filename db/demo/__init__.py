"""The FY2023 demo year: the report's records from ``resources/fy2023`` and support cases
generated to match its counts.

May import: ``db``, ``resources`` (any library but Qt; never ``desktop``, ``exports``
nor ``office_ledger``).
"""
