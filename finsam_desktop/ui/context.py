"""What every tab and dialog gets: the services, the events object and the undo group."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtGui import QUndoGroup

from finsam_desktop.services import Services
from finsam_desktop.ui.events import AppEvents


@dataclass
class UiContext:
    services: Services
    events: AppEvents
    undo_group: QUndoGroup

    @property
    def read_only(self) -> bool:
        return self.services.read_only
