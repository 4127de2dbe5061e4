"""The Intern kontroll tab: risk analysis with heat maps, kontrollplan with traffic lights, stickprov."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from finsam_desktop.ui.context import UiContext

TITLE = "Intern kontroll"


def create_tab(ctx: UiContext) -> QWidget:
    from finsam_desktop.ui.internkontroll.tab import InternkontrollTab

    return InternkontrollTab(ctx)
