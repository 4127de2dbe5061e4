"""Keyboard shortcuts for buttons on crowded pages, where the letters for mnemonics have run out."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QAbstractButton, QWidget


def _shown(sequence: QKeySequence) -> str:
    return sequence.toString(QKeySequence.SequenceFormat.NativeText).replace("Shift", "Skift")


def _with_key_in_tip(button: QAbstractButton, sequence: QKeySequence) -> None:
    shown = _shown(sequence)
    tip = button.toolTip()
    if shown not in tip:
        button.setToolTip(f"{tip} ({shown})" if tip else shown)


def give_shortcut(button: QAbstractButton, keys: str) -> None:
    """``button`` answers ``keys`` (e.g. "Ctrl+Shift+T") while it is shown; the tooltip says so."""
    sequence = QKeySequence(keys)
    button.setShortcut(sequence)
    _with_key_in_tip(button, sequence)


#: The dynamic property naming the action whose shortcut is a button's key (read by tests/ui/test_keyboard.py).
SHARED_ACTION = "sharedAction"


def share_action(button: QAbstractButton, action: QAction) -> None:
    """``button`` does what ``action`` does, so the action's shortcut is the button's key too; the tooltip
    says so. (Not ``button.addAction``: a tool button would show its actions as a drop-down menu.)"""
    button.setProperty(SHARED_ACTION, action)
    if not action.shortcut().isEmpty():
        _with_key_in_tip(button, action.shortcut())


def list_action(view: QWidget, button: QAbstractButton, keys: str) -> QAction:
    """``keys`` pressed in ``view`` (a list or table, or the field a button acts on) press ``button``: e.g.
    Return opens, Delete removes."""
    action = QAction(button.text().replace("&", ""), view)
    action.setShortcut(QKeySequence(keys))
    action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
    action.triggered.connect(lambda: button.isEnabled() and button.isVisible() and button.click())
    view.addAction(action)
    share_action(button, action)
    return action


def with_mnemonic(text: str, taken: set[str]) -> str:
    """``text`` with a mnemonic on its first letter not in ``taken`` (word starts first), which is added to
    ``taken``; unchanged if every letter is taken. For menus built from data, e.g. the statuses."""
    words = [i for i, ch in enumerate(text) if ch.isalpha() and (i == 0 or not text[i - 1].isalpha())]
    for i in words + [i for i, ch in enumerate(text) if ch.isalpha() and i not in words]:
        letter = text[i].upper()
        if letter not in taken:
            taken.add(letter)
            return text[:i] + "&" + text[i:]
    return text
