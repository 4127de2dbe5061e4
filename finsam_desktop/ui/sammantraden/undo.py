"""Undo commands for the Sammanträden tab.

Every command calls the service (one transaction per step) through plain callables. A command pushed after the
change was already made (autosaved text) skips its first ``redo``. Consecutive edits of the same field merge into
one step.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from typing import Any

from PySide6.QtGui import QUndoCommand

_merge_ids: dict[Hashable, int] = {}


def merge_id_for(key: Hashable) -> int:
    """A stable small int per field key, for ``QUndoCommand.id()``."""
    return _merge_ids.setdefault(key, 1000 + len(_merge_ids))


class CallCommand(QUndoCommand):
    """Undo/redo through two callables. ``done=True``: the change is already in the database."""

    def __init__(
        self,
        text: str,
        redo: Callable[[], Any],
        undo: Callable[[], Any],
        *,
        done: bool = False,
        after: Callable[[], None] | None = None,
    ):
        super().__init__(text)
        self._redo, self._undo = redo, undo
        self._skip = done
        self._after = after

    def redo(self) -> None:
        if self._skip:
            self._skip = False
            return
        self._redo()
        if self._after:
            self._after()

    def undo(self) -> None:
        self._undo()
        if self._after:
            self._after()


class FieldEditCommand(QUndoCommand):
    """A text field changed from ``old`` to ``new`` (already saved); merges with later edits of that field."""

    def __init__(
        self,
        label: str,
        key: Hashable,
        old: str,
        new: str,
        apply: Callable[[Hashable, str], None],
    ):
        super().__init__(label)
        self.key, self.old, self.new = key, old, new
        self._apply = apply
        self._skip = True

    def id(self) -> int:
        return merge_id_for(self.key)

    def mergeWith(self, other: QUndoCommand) -> bool:
        if not isinstance(other, FieldEditCommand) or other.key != self.key:
            return False
        self.new = other.new
        return True

    def redo(self) -> None:
        if self._skip:
            self._skip = False
            return
        self._apply(self.key, self.new)

    def undo(self) -> None:
        self._apply(self.key, self.old)
