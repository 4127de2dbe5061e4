"""The Attest & delegation tab."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from finsam_desktop.ui.context import UiContext

TITLE = "Attest & delegation"


def create_tab(ctx: UiContext) -> QWidget:
    from finsam_desktop.ui.attest.tab import AttestTab

    return AttestTab(ctx)
