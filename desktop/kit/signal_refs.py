"""A work-around for PySide6 6.12's ``SignalInstance.emit``, which returns ``True``
without owning a reference to it: every ``emit()`` made from Python took one of
``True``'s references away, and after some thousands (an afternoon's typing, or
``scripts/screenshots.py`` after every form) Python freed ``True`` itself and aborted
("bool_dealloc: deallocating True or False", exit code 134), at exit or in the middle
of work.

:func:`install` checks whether the installed PySide has the fault (a few emits of a
probe signal, counting ``True``'s references) and, only then, wraps ``emit`` so the
reference it lacks is added back. It is installed when the ``desktop`` package is
imported, before any signal of the app is emitted. With it installed, connect a signal
to another signal itself (``a.connect(b)``), not to ``b.emit``: PySide cannot hold a
Python function of a signal weakly.
"""

from __future__ import annotations

import ctypes
import sys
from typing import Any

from PySide6.QtCore import QObject, Signal, SignalInstance

PROBES = 16
_installed: list[bool] = []


class _Probe(QObject):
    ping = Signal()


def loses_references() -> bool:
    """Whether ``emit()`` takes a reference of ``True`` away (PySide6 6.12)."""
    probe = _Probe()
    before = sys.getrefcount(True)
    for _ in range(PROBES):
        probe.ping.emit()
    lost = before - sys.getrefcount(True)
    if lost > 0:  # give back what the probe took
        for _ in range(lost):
            ctypes.pythonapi.Py_IncRef(ctypes.py_object(True))
    return lost >= PROBES


def install() -> bool:
    """Wrap ``SignalInstance.emit`` when it loses references (once); whether it does."""
    if _installed:
        return _installed[0]
    faulty = loses_references()
    _installed.append(faulty)
    if faulty:
        emit = SignalInstance.emit

        def owned_emit(self: SignalInstance, *args: Any) -> Any:
            result = emit(self, *args)
            if isinstance(result, bool):  # the reference PySide did not take
                ctypes.pythonapi.Py_IncRef(ctypes.py_object(result))
            return result

        SignalInstance.emit = owned_emit  # type: ignore[method-assign]
    return faulty
