"""The main window and its start: ``run()``, the database opened once the window has
painted, the menus and the File menu's work, dropped workbooks, and the window's part in
keeping the ledger safe (one writer, backups, restore).

May import: ``desktop``, ``db``, ``exports``, ``resources``, ``office_ledger.about``,
``office_ledger.paths``, ``office_ledger.settings``, ``office_ledger.sending``,
``office_ledger.import_text`` (PySide6, ``db``, ``exports``, and of ``office_ledger``
only the app's services).
"""
