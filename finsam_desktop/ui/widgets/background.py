"""Run slow work (PDF, Excel, imports) off the UI thread with a busy indication.

    run_in_background(self, "Skapar PDF…", lambda: service.export(...), on_done, on_error)

``on_done(result)`` and ``on_error(exc)`` run on the UI thread.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, Signal
from PySide6.QtGui import QCursor, QGuiApplication
from PySide6.QtWidgets import QMainWindow, QWidget


class _Signals(QObject):
    finished = Signal(object)
    failed = Signal(object)


class _Job(QRunnable):
    def __init__(self, fn: Callable[[], Any]):
        super().__init__()
        self.fn = fn
        self.signals = _Signals()

    def run(self) -> None:
        try:
            result = self.fn()
        except Exception as exc:  # noqa: BLE001 - handed to the UI thread
            self.signals.failed.emit(exc)
        else:
            self.signals.finished.emit(result)


_running: set[_Job] = set()


def run_in_background(
    parent: QWidget,
    label: str,
    fn: Callable[[], Any],
    on_done: Callable[[Any], None],
    on_error: Callable[[Exception], None] | None = None,
) -> _Job:
    window = parent.window()
    status = window.statusBar() if isinstance(window, QMainWindow) else None
    if status:
        status.showMessage(label)
    QGuiApplication.setOverrideCursor(QCursor(Qt.CursorShape.BusyCursor))
    job = _Job(fn)
    _running.add(job)

    def finish() -> None:
        _running.discard(job)
        QGuiApplication.restoreOverrideCursor()
        if status:
            status.clearMessage()

    def done(result: Any) -> None:
        finish()
        on_done(result)

    def failed(exc: Exception) -> None:
        finish()
        if on_error:
            on_error(exc)
        else:
            from PySide6.QtWidgets import QMessageBox

            QMessageBox.warning(parent, "Något gick fel", str(exc))

    job.signals.finished.connect(done, Qt.ConnectionType.QueuedConnection)
    job.signals.failed.connect(failed, Qt.ConnectionType.QueuedConnection)
    QThreadPool.globalInstance().start(job)
    return job
