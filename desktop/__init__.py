"""The Qt desktop app; the only package that imports PySide6, and nothing imports it but
the command line's GUI entry. Its rooms: ``shell`` (the window, its start and menus),
``pages`` (the tabs), ``forms``, ``dialogs``, ``models`` (Qt models of records), ``kit``
(what they all use).

Importing it first mends PySide6 6.12's reference count of ``True`` in ``emit()``
(:mod:`desktop.signal_refs`), before any of the app's signals is emitted.

May import: ``desktop``, ``db``, ``exports``, ``resources``, ``office_ledger.about``,
``office_ledger.paths``, ``office_ledger.settings``, ``office_ledger.sending``,
``office_ledger.import_text`` (PySide6, ``db``, ``exports``, and of ``office_ledger``
only the app's services).
"""

from desktop.signal_refs import install as _mend_emit

_mend_emit()
