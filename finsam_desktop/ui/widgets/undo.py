"""Undoable service calls.

A user action is done once through the service (so a validation error can be shown before
anything enters the undo history); only a successful action is pushed as a ``ServiceCommand``,
whose first ``redo()`` is therefore skipped. Later undo/redo call the service again.

    perform(stack, "Lägg till person", lambda: svc.save_person(p),
            undo=lambda saved: svc.remove_person(saved.id),
            redo=lambda saved: svc.save_person(saved),
            on_changed=refresh, on_error=show)
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from PySide6.QtGui import QUndoCommand, QUndoStack

from finsam_desktop.domain.common.errors import FinsamError

R = TypeVar("R")


class ServiceCommand(QUndoCommand):
    """One undoable user action backed by service calls. Constructed after the action was done."""

    def __init__(
        self,
        text: str,
        redo_fn: Callable[[], Any],
        undo_fn: Callable[[], Any],
        on_changed: Callable[[], None] | None = None,
        on_error: Callable[[Exception], None] | None = None,
    ):
        super().__init__(text)
        self._redo_fn = redo_fn
        self._undo_fn = undo_fn
        self._on_changed = on_changed
        self._on_error = on_error
        self._first = True

    def redo(self) -> None:
        if self._first:
            self._first = False
            self._changed()
            return
        self._call(self._redo_fn)

    def undo(self) -> None:
        self._call(self._undo_fn)

    def _call(self, fn: Callable[[], Any]) -> None:
        try:
            fn()
        except FinsamError as exc:
            # The data changed underneath (e.g. elsewhere in the app): drop this step from the history.
            self.setObsolete(True)
            if self._on_error:
                self._on_error(exc)
        self._changed()

    def _changed(self) -> None:
        if self._on_changed:
            self._on_changed()


def perform(
    stack: QUndoStack,
    text: str,
    action: Callable[[], R],
    undo: Callable[[R], Any],
    redo: Callable[[R], Any],
    on_changed: Callable[[], None] | None = None,
    on_error: Callable[[Exception], None] | None = None,
) -> R:
    """Run ``action`` now; on success push a command that can undo/redo it and return its result.

    A ``FinsamError`` from ``action`` propagates and nothing is pushed.
    """
    result = action()
    stack.push(ServiceCommand(text, lambda: redo(result), lambda: undo(result), on_changed, on_error))
    return result
