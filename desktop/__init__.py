"""The Qt desktop app; the only package that imports PySide6, and nothing imports it but
the command line's GUI entry. Its rooms: ``shell`` (the window, its start and menus),
``pages`` (the tabs), ``forms``, ``dialogs``, ``models`` (Qt models of records), ``kit``
(what they all use).

May import: ``desktop``, ``db``, ``exports``, ``resources``, ``office_ledger.about``,
``office_ledger.paths``, ``office_ledger.settings``, ``office_ledger.sending``,
``office_ledger.import_text`` (PySide6, ``db``, ``exports``, and of ``office_ledger``
only the app's services).
"""

from desktop.kit.signal_refs import install as _mend_emit

_mend_emit()
