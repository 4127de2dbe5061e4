"""The Sammanträden tab: meetings, dagordning and protokoll, attendance, bilagor, uppdrag, search."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from finsam_desktop.ui.context import UiContext

TITLE = "Sammanträden"


def create_tab(ctx: UiContext) -> QWidget:
    from finsam_desktop.ui.sammantraden.tab import SammantradenTab

    return SammantradenTab(ctx)
