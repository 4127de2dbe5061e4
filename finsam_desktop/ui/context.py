"""What every tab and dialog gets: the services, the events object and the undo group."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtGui import QUndoGroup

from finsam_desktop.ui.events import AppEvents

if TYPE_CHECKING:
    from finsam_desktop.services import Services


@dataclass
class UiContext:
    services: Services  # None only in the main window before its first file is open
    events: AppEvents
    undo_group: QUndoGroup
    #: Shows another area's tab by its key ("attest", "budget" …); set by the main window, None in a tab alone.
    go_to_area: Callable[[str], None] | None = None

    @property
    def read_only(self) -> bool:
        return self.services.read_only
