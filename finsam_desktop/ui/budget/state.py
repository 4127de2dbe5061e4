"""What the Budget tab's controllers share: the chosen year and what is shown, and the undo runner."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QMessageBox, QSpinBox, QWidget

from finsam_desktop.domain.common.errors import FinsamError
from finsam_desktop.services.budget.dto import BudgetDoc, FollowupView, Insats
from finsam_desktop.ui.widgets.undo import perform


class TabState:
    """The year box and the data last loaded into the panes (set by the tab on reload)."""

    def __init__(self, year_box: QSpinBox):
        self.year_box = year_box
        self.view_data: FollowupView | None = None
        self.doc: BudgetDoc | None = None
        self.insatser: list[Insats] = []

    def year(self) -> int:
        return self.year_box.value()


class UndoRunner:
    """Runs a change now and puts it on the tab's undo stack; errors are shown, never raised."""

    def __init__(self, parent: QWidget, undo_stack: QUndoStack, on_changed: Callable[[], None]):
        self.parent = parent
        self.undo_stack = undo_stack
        self.on_changed = on_changed

    def error(self, exc: Exception) -> None:
        QMessageBox.warning(self.parent, "Det gick inte", str(exc))

    def undo_refused(self, exc: Exception) -> None:
        QMessageBox.warning(
            self.parent, "Ångra / Gör om gick inte", f"{exc}\n\nSteget har tagits bort ur ångra-historiken."
        )

    def perform_created(
        self,
        text: str,
        action: Callable[[], object],
        undo: Callable[[object], object],
        redo: Callable[[object], object],
    ):
        """Run ``action`` now and put it on the undo stack; a refused undo/redo is reported and dropped.
        Returns the action's result, or None when it failed (the error has been shown)."""
        try:
            return perform(
                self.undo_stack,
                text,
                action,
                undo=undo,
                redo=redo,
                on_changed=self.on_changed,
                on_error=self.undo_refused,
            )
        except FinsamError as exc:
            self.error(exc)
            return None

    def perform(self, text: str, do: Callable[[], object], undo: Callable[[], object]) -> bool:
        try:
            perform(
                self.undo_stack,
                text,
                do,
                undo=lambda _r: undo(),
                redo=lambda _r: do(),
                on_changed=self.on_changed,
                on_error=self.undo_refused,
            )
        except FinsamError as exc:
            self.error(exc)
            return False
        return True
