"""Guard against a reference-count defect in some PySide6 builds on CPython < 3.12.

PySide6/shiboken6 6.12.0 (the ``abi3`` wheel) returns ``None`` from every wrapped C++ method that
returns ``void`` (``QPainter.setPen``, ``QObject.setObjectName``, ``QWidget.update``, …) without
taking a reference to it. From Python 3.12 on ``None`` is immortal and nothing happens; on 3.11 each
such call lowers ``None``'s reference count by one. A process starts with roughly 5 000–90 000
references to ``None``, one paint of the Årshjul wheel makes about 2 000 such calls, so after a few
dozen repaints (hovering the wheel) or at interpreter exit Python aborts with
``Fatal Python error: none_dealloc: deallocating None``.

``protect_none()`` detects the defect by measuring it (so a fixed PySide6 is left alone) and then
does what Python 3.12 does: gives ``None`` a reference count so large that it can never reach zero.
"""

from __future__ import annotations

import ctypes
import sys

_IMMORTAL_BOOST = 1 << 40
_PROBE_CALLS = 256

_protected = False


def pyside_leaks_none() -> bool:
    """True when calling a ``void`` PySide6 method drops a reference to ``None``."""
    from PySide6.QtCore import QObject

    probe = QObject()
    before = sys.getrefcount(None)
    for _ in range(_PROBE_CALLS):
        probe.setObjectName("")
    after = sys.getrefcount(None)
    return before - after >= _PROBE_CALLS // 2


def protect_none() -> bool:
    """Make ``None`` effectively immortal if this PySide6 build needs it; True when it did so.

    Does nothing on Python 3.12+ (``None`` is immortal there), with a PySide6 that keeps its
    references straight, or on an interpreter whose object header is not the plain release layout.
    """
    global _protected
    if _protected:
        return True
    if sys.version_info >= (3, 12) or sys.implementation.name != "cpython" or hasattr(sys, "gettotalrefcount"):
        return False
    if not pyside_leaks_none():
        return False
    refcnt = ctypes.c_ssize_t.from_address(id(None))
    # sys.getrefcount counts its own argument; the header must hold exactly the remaining count.
    if refcnt.value != sys.getrefcount(None) - 1:
        return False
    refcnt.value += _IMMORTAL_BOOST
    _protected = True
    return True
