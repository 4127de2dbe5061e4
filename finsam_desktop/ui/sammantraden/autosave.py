"""Debounced autosave for text fields.

Every keystroke records the field's text in a plain Python dict; a single-shot timer (400 ms after the last
keystroke), focus-out, switching record and the owner's destruction write the pending values through a
``save(key, text)`` callable. The dict and the callable are plain Python objects, so the flush connected to
``destroyed`` still works when the Qt widgets are already gone: killing the app loses at most the field being
typed in the last 400 ms. When a shared database server cannot be reached, the texts stay pending (and in their
fields) and are retried every few seconds until it answers.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from contextlib import suppress

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QLineEdit, QPlainTextEdit, QTextEdit, QWidget

from finsam_desktop.domain.common.errors import ConnectionLostError

DELAY_MS = 400
#: While the database server cannot be reached, pending texts are retried this often.
RETRY_MS = 5000

SaveFn = Callable[[Hashable, str], None]
ErrorFn = Callable[[Hashable, Exception], None]


class _Pending:
    """Pending values and the functions that write them (no Qt references)."""

    def __init__(self, save: SaveFn, on_error: ErrorFn | None):
        self.values: dict[Hashable, str] = {}
        self.offline = False
        self.save = save
        self.on_error = on_error

    def flush(self) -> list[tuple[Hashable, str]]:
        written = []
        self.offline = False
        while self.values:
            key, text = next(iter(self.values.items()))
            del self.values[key]
            try:
                self.save(key, text)
            except Exception as exc:
                if isinstance(exc, ConnectionLostError):
                    # The server is away: keep the text pending and try again later; nothing is lost.
                    self.values[key] = text
                    self.offline = True
                if self.on_error is not None:
                    self.on_error(key, exc)
                else:
                    raise
                if self.offline:
                    break
            else:
                written.append((key, text))
        return written


def _quiet(fn: ErrorFn) -> ErrorFn:
    """Error reporting must never raise (it may run while the UI is being torn down)."""

    def call(key: Hashable, exc: Exception) -> None:
        with suppress(Exception):
            fn(key, exc)

    return call


def _text_of(widget: QWidget) -> str:
    if isinstance(widget, QLineEdit):
        return widget.text()
    if isinstance(widget, (QPlainTextEdit, QTextEdit)):
        return widget.toPlainText()
    raise TypeError(f"unsupported widget {type(widget).__name__}")


class Autosaver(QObject):
    """Watches text widgets; ``key_for(widget)`` says which record field a widget edits right now."""

    def __init__(
        self,
        owner: QWidget,
        save: SaveFn,
        on_error: ErrorFn | None = None,
        delay_ms: int = DELAY_MS,
        on_saved: SaveFn | None = None,
    ):
        super().__init__(owner)
        self._pending = _Pending(save, on_error)
        self._on_saved = on_saved
        self._keys: dict[QWidget, Callable[[], Hashable | None]] = {}
        self._suspended = 0
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(delay_ms)
        self._delay_ms = delay_ms
        self._timer.timeout.connect(self.flush)
        pending = self._pending
        pending.on_error = None if on_error is None else _quiet(on_error)
        owner.destroyed.connect(lambda *_: pending.flush())

    def watch(self, widget: QWidget, key_for: Callable[[], Hashable | None]) -> None:
        self._keys[widget] = key_for
        widget.installEventFilter(self)
        keys = self._keys
        widget.destroyed.connect(lambda *_a, w=widget: keys.pop(w, None))
        signal = widget.textChanged
        signal.connect(lambda *_a, w=widget: self._on_changed(w))

    def suspended(self):
        """Context manager: programmatic ``setText`` inside does not count as an edit."""
        saver = self

        class _Ctx:
            def __enter__(self):
                saver._suspended += 1

            def __exit__(self, *exc):
                saver._suspended -= 1

        return _Ctx()

    def has_pending(self) -> bool:
        return bool(self._pending.values)

    def discard(self) -> None:
        self._timer.stop()
        self._pending.values.clear()

    def _on_changed(self, widget: QWidget) -> None:
        if self._suspended:
            return
        key = self._keys[widget]()
        if key is None:
            return
        self._pending.values[key] = _text_of(widget)
        self._timer.start(self._delay_ms)

    def flush(self) -> list[tuple[Hashable, str]]:
        """Write pending values now; ``on_saved(key, text)`` runs for each one written."""
        self._timer.stop()
        written = self._pending.flush()
        if self._pending.offline:
            self._timer.start(RETRY_MS)
        if self._on_saved is not None:
            for key, text in written:
                self._on_saved(key, text)
        return written

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.FocusOut and self._pending.values:
            self.flush()
        return False
