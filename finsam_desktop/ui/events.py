"""One app-wide events object for cross-tab news. Signals are named in the past tense."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal


class AppEvents(QObject):
    #: The förbund, members, persons or mandates were edited.
    forbund_changed = Signal()
    #: Something in an area changed; the argument names the area ("sammantraden", "budget", …).
    area_changed = Signal(str)
    #: A different file (or a restored one) is now open; tabs must reload everything.
    workspace_replaced = Signal()
