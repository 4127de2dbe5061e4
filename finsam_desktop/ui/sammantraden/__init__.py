"""The Sammanträden tab."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from finsam_desktop.ui.context import UiContext
from finsam_desktop.ui.widgets.empty_state import EmptyState

TITLE = "Sammanträden"


def create_tab(ctx: UiContext) -> QWidget:
    return EmptyState(TITLE, "Inga uppgifter är registrerade här ännu.")
