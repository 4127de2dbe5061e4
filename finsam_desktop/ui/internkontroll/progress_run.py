"""A long service call (import, the check of every row, the population analytics) in the background, with a
progress bar and an Avbryt button.

    run = ProgressRun(parent, "Stickprov", "Läser filen och kontrollerar varje rad…", work, on_done, on_error)
    run.start()

``work(progress)`` runs on a pool thread; ``progress(done, total)`` moves the bar and returns False once the user
has pressed Avbryt — the service then stops with ``AnalysisCancelled`` and stores nothing, and the dialog says so
in Swedish. ``on_done(result)``/``on_error(exc)`` run on the UI thread. The dialog is window-modal but does not
block the event loop (``open()``, not ``exec()``)."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, Signal
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QProgressBar, QVBoxLayout, QWidget

from finsam_desktop.domain.internkontroll.stickprov_findings import AnalysisCancelled

CANCELLED_TEXT = "Avbrutet. Inget stickprov sparades; filen och databasen är oförändrade."

#: Runs started and not yet delivered (kept alive until their result has reached the UI thread).
_active: set[ProgressRun] = set()


class _Signals(QObject):
    progressed = Signal(int, int)
    finished = Signal(object)
    failed = Signal(object)


class _Job(QRunnable):
    def __init__(self, fn: Callable[[Callable[[int, int], bool]], Any], cancel: threading.Event):
        super().__init__()
        self.setAutoDelete(False)
        self.fn, self.cancel = fn, cancel
        self.signals = _Signals()
        self._last = -1

    def progress(self, done: int, total: int) -> bool:
        permille = int(1000 * done / total) if total else 0
        if permille != self._last:  # at most a thousand updates, whatever the row count
            self._last = permille
            self.signals.progressed.emit(done, total)
        return not self.cancel.is_set()

    def run(self) -> None:
        try:
            if self.cancel.is_set():
                raise AnalysisCancelled()
            result = self.fn(self.progress)
        except Exception as exc:
            self.signals.failed.emit(exc)
        else:
            self.signals.finished.emit(result)


def active_runs() -> int:
    return len(_active)


class ProgressRun(QDialog):
    """The progress dialog and its job; ``state`` is "running", "done", "failed" or "cancelled"."""

    def __init__(
        self,
        parent: QWidget,
        title: str,
        text: str,
        work: Callable[[Callable[[int, int], bool]], Any],
        on_done: Callable[[Any], None],
        on_error: Callable[[Exception], None],
    ):
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self.on_done, self.on_error = on_done, on_error
        self.state = "running"
        self._cancel = threading.Event()
        layout = QVBoxLayout(self)
        self.label = QLabel(text)
        self.label.setWordWrap(True)
        layout.addWidget(self.label)
        self.bar = QProgressBar()
        self.bar.setRange(0, 0)  # busy until the first progress report
        self.bar.setAccessibleName("Förlopp")
        self.bar.setFormat("%p %")
        layout.addWidget(self.bar)
        self.detail = QLabel("Läser filen…")
        self.detail.setAccessibleName("Förlopp i text")
        layout.addWidget(self.detail)
        self.buttons = QDialogButtonBox()
        self.cancel_button = self.buttons.addButton("Avbryt", QDialogButtonBox.ButtonRole.RejectRole)
        self.cancel_button.setAccessibleName("Avbryt inläsningen")
        self.cancel_button.setDefault(True)
        self.cancel_button.clicked.connect(self.cancel)
        layout.addWidget(self.buttons)
        self.resize(460, 150)
        self._job = _Job(work, self._cancel)
        self._job.signals.progressed.connect(self._on_progress, Qt.ConnectionType.QueuedConnection)
        self._job.signals.finished.connect(self._on_finished, Qt.ConnectionType.QueuedConnection)
        self._job.signals.failed.connect(self._on_failed, Qt.ConnectionType.QueuedConnection)

    def start(self) -> ProgressRun:
        _active.add(self)
        self.open()
        QThreadPool.globalInstance().start(self._job)
        return self

    # --- the user -------------------------------------------------------------------------------
    def cancel(self) -> None:
        """Avbryt while running (the job stops at its next progress report); Stäng afterwards."""
        if self.state != "running":
            self.accept()
            return
        self._cancel.set()
        self.cancel_button.setEnabled(False)
        self.detail.setText("Avbryter…")

    def reject(self) -> None:  # Esc and the window's close button mean Avbryt
        self.cancel()

    # --- the job --------------------------------------------------------------------------------
    def _on_progress(self, done: int, total: int) -> None:
        if self.state != "running":
            return
        if total:
            self.bar.setRange(0, 1000)
            self.bar.setValue(int(1000 * done / total))
            self.detail.setText(f"{done:,} av {total:,} rader kontrollerade".replace(",", " "))

    def _on_finished(self, result: Any) -> None:
        _active.discard(self)
        self.state = "done"
        self.accept()
        self.on_done(result)

    def _on_failed(self, exc: Exception) -> None:
        _active.discard(self)
        if isinstance(exc, AnalysisCancelled):
            self.state = "cancelled"
            self.bar.hide()
            self.label.setText(CANCELLED_TEXT)
            self.detail.setText("")
            self.cancel_button.setText("Stäng")
            self.cancel_button.setAccessibleName("Stäng")
            self.cancel_button.setEnabled(True)
            self.cancel_button.setFocus()
            return
        self.state = "failed"
        self.accept()
        self.on_error(exc)
