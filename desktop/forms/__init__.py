"""A record's form: what every form shares, each kind's form (made from its declaration, or
by hand for the first four kinds), dates typed as text, legs and sessions, and the
History panel.

May import: ``desktop.kit``, ``desktop.models``, ``db``, ``exports``,
``office_ledger.about``, ``office_ledger.paths``, ``office_ledger.settings``,
``office_ledger.sending``, ``office_ledger.import_text`` (PySide6, ``db``, ``exports``,
and of ``office_ledger`` only the app's services).
"""
