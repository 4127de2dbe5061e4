"""The Attest & delegation tab: attestordning and delegationsordning (versions in force, history,
draft editing, adoption, copy to a new year), the check tool "Får NN attestera?" and the register of
delegationsbeslut. Edits go through a QUndoStack until a version is adopted."""

from __future__ import annotations

from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QTabWidget, QVBoxLayout, QWidget

from finsam_desktop.domain.attest.rules import KIND_ATTEST, KIND_DELEGATION
from finsam_desktop.ui.attest.check_page import CheckPage
from finsam_desktop.ui.attest.ordning_page import OrdningPage
from finsam_desktop.ui.attest.register_page import RegisterPage
from finsam_desktop.ui.context import UiContext


class AttestTab(QWidget):
    """The whole tab; ``undo_stack`` is activated by the main window for Ångra/Gör om."""

    def __init__(self, ctx: UiContext, parent=None):
        super().__init__(parent)
        self.ctx = ctx
        self.undo_stack = QUndoStack(self)
        ctx.undo_group.addStack(self.undo_stack)
        self.attest = OrdningPage(ctx, self.undo_stack, KIND_ATTEST)
        self.delegation = OrdningPage(ctx, self.undo_stack, KIND_DELEGATION)
        self.check = CheckPage(ctx)
        self.register = RegisterPage(ctx, self.undo_stack)
        self.tabs = QTabWidget()
        self.tabs.addTab(self.attest, "Attest&ordning")
        self.tabs.addTab(self.delegation, "&Delegationsordning")
        self.tabs.addTab(self.check, "Får &NN attestera?")
        self.tabs.addTab(self.register, "Dele&gationsbeslut")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.tabs)
        ctx.events.forbund_changed.connect(self.reload)
        ctx.events.workspace_replaced.connect(self.reload)
        ctx.events.area_changed.connect(self._on_area_changed)

    def _on_area_changed(self, area: str) -> None:
        if area in ("sammantraden", "justering"):
            self.register.reload()

    def reload(self) -> None:
        for page in (self.attest, self.delegation, self.check, self.register):
            page.reload()
