"""Undoable service calls for the Intern kontroll tab's undo stack."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QUndoCommand

from finsam_desktop.domain.common.errors import FinsamError


class ServiceCommand(QUndoCommand):
    """An undoable service call. A refused call (locked record, bad input) is shown to the user and
    the command marks itself obsolete, so it never lands on the stack."""

    def __init__(
        self,
        text: str,
        redo: Callable[[], None],
        undo: Callable[[], None],
        after: Callable[[], None],
        on_error: Callable[[Exception], None] | None = None,
    ):
        super().__init__(text)
        self._redo, self._undo, self._after, self._on_error = redo, undo, after, on_error

    def _call(self, fn: Callable[[], None]) -> None:
        try:
            fn()
        except FinsamError as exc:
            self.setObsolete(True)
            if self._on_error:
                self._on_error(exc)
        self._after()

    def redo(self) -> None:
        self._call(self._redo)

    def undo(self) -> None:
        self._call(self._undo)
