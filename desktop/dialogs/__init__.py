"""The dialogs: an office sheet's column mapping, restore from a backup, first run and
settings, the PDF summary's preview, the user guide.

May import: ``desktop.kit``, ``desktop.models``, ``desktop.forms``, ``db``, ``exports``,
``resources``, ``office_ledger.about``, ``office_ledger.paths``,
``office_ledger.settings``, ``office_ledger.sending``, ``office_ledger.import_text``
(PySide6, ``db``, ``exports``, and of ``office_ledger`` only the app's services).
"""
