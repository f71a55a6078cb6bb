"""What every part of the window uses: translations, the background task runner, start-up
markers, fitting a window to the screen, accessible names, failures said as sentences,
the crash handler.

May import: ``db``, ``exports``, ``resources``, ``office_ledger.about``,
``office_ledger.paths``, ``office_ledger.settings``, ``office_ledger.sending``,
``office_ledger.import_text`` (PySide6, ``db``, ``exports``, and of ``office_ledger``
only the app's services).
"""
