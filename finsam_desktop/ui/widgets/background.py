"""Run slow work (PDF, Excel, imports) off the UI thread with a busy indication.

    run_in_background(self, "Skapar PDF…", lambda: service.export(...), on_done, on_error)

``on_done(result)`` and ``on_error(exc)`` run on the UI thread, and only while ``parent`` still exists:
a result that arrives after its widget was closed and deleted is dropped (the busy cursor and the status
message are still cleared). ``wait_for_background()`` waits for running jobs and delivers their results
(the UI tests call it between tests).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, QDeadlineTimer, QObject, QRunnable, Qt, QThreadPool, QTimer, Signal
from PySide6.QtGui import QCursor, QGuiApplication
from PySide6.QtWidgets import QMainWindow, QWidget
from shiboken6 import isValid


class _Signals(QObject):
    finished = Signal(object)
    failed = Signal(object)


class _Job(QRunnable):
    def __init__(self, fn: Callable[[], Any]):
        super().__init__()
        # Owned by Python (kept in ``_running`` until its result is delivered), never deleted by the pool.
        self.setAutoDelete(False)
        self.fn = fn
        self.signals = _Signals()

    def run(self) -> None:
        try:
            result = self.fn()
        except Exception as exc:
            self.signals.failed.emit(exc)
        else:
            self.signals.finished.emit(result)


_running: set[_Job] = set()

# Finished jobs are forgotten on a later event-loop turn, never inside their own signal emission.
_reaper = QObject()


def pending_jobs() -> int:
    """Jobs started with ``run_in_background`` whose result has not been delivered yet."""
    return len(_running)


def wait_for_background(msecs: int = 30_000) -> bool:
    """Wait until every background job has finished and its result was delivered on the UI thread.

    Returns False if jobs were still running after ``msecs``."""
    deadline = QDeadlineTimer(msecs)
    while _running:
        remaining = deadline.remainingTime()
        if deadline.hasExpired():
            return False
        QThreadPool.globalInstance().waitForDone(min(remaining, 50) if remaining >= 0 else 50)
        QCoreApplication.sendPostedEvents()
        QCoreApplication.processEvents()
    return True


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

    def finish() -> bool:
        """Clear the busy state; True when the parent widget is still there to take the result."""
        QGuiApplication.restoreOverrideCursor()
        if status is not None and isValid(status):
            status.clearMessage()
        QTimer.singleShot(0, _reaper, lambda: _running.discard(job))
        return isValid(parent)

    def done(result: Any) -> None:
        if finish():
            on_done(result)

    def failed(exc: Exception) -> None:
        if not finish():
            return
        if on_error:
            on_error(exc)
        else:
            from PySide6.QtWidgets import QMessageBox

            QMessageBox.warning(parent, "Något gick fel", str(exc))

    job.signals.finished.connect(done, Qt.ConnectionType.QueuedConnection)
    job.signals.failed.connect(failed, Qt.ConnectionType.QueuedConnection)
    QThreadPool.globalInstance().start(job)
    return job
