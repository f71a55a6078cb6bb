"""The Qt desktop app; the only package that imports PySide6, and nothing imports it.

Importing it first mends PySide6 6.12's reference count of ``True`` in ``emit()``
(:mod:`desktop.signal_refs`), before any of the app's signals is emitted.
"""

from desktop.signal_refs import install as _mend_emit

_mend_emit()
