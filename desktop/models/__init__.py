"""Qt models of records: one table model for every record list of every kind, its columns
and searched text from the kind's declaration, and the conflicts side by side.

May import: ``desktop.kit``, ``db``, ``exports``, ``office_ledger.about``,
``office_ledger.paths``, ``office_ledger.settings``, ``office_ledger.sending``,
``office_ledger.import_text`` (PySide6, ``db``, ``exports``, and of ``office_ledger``
only the app's services).
"""
