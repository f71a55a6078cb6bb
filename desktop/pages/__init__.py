"""The window's tabs: the tallies, one list page class for every record kind (with its
per-kind table of hooks), sync (with who has sent what) and conflicts, and the undoable
commands their edits make.

May import: ``desktop.kit``, ``desktop.models``, ``desktop.forms``, ``desktop.dialogs``,
``db``, ``exports``, ``office_ledger.about``, ``office_ledger.paths``,
``office_ledger.settings``, ``office_ledger.sending``, ``office_ledger.import_text``
(PySide6, ``db``, ``exports``, and of ``office_ledger`` only the app's services).
"""
