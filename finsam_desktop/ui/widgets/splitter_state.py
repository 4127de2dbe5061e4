"""Splitters that remember their place: the sizes the user dragged to are stored in the settings under a key
and given back the next time the page is built (a stored state that no longer fits is ignored by Qt)."""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QSettings
from PySide6.QtWidgets import QSplitter


def remember_splitter(splitter: QSplitter, key: str) -> None:
    """Restore ``splitter``'s stored sizes (``layout/<key>``) and store them again whenever they are moved."""
    name = f"layout/{key}"
    stored = QSettings().value(name)
    if isinstance(stored, (QByteArray, bytes)):
        splitter.restoreState(QByteArray(stored))
    splitter.splitterMoved.connect(lambda _pos, _index: QSettings().setValue(name, splitter.saveState()))
