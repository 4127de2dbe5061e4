"""The Årshjul tab: the governance year as a wheel, a list by month and a filtered table."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from finsam_desktop.ui.context import UiContext

TITLE = "Årshjul"


def create_tab(ctx: UiContext) -> QWidget:
    from finsam_desktop.ui.arshjul.tab import ArshjulTab

    return ArshjulTab(ctx)
