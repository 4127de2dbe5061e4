"""run_in_background: results reach the UI thread, never a deleted widget, and wait_for_background
drains every job (what the UI conftest relies on between tests)."""

from __future__ import annotations

import threading

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QApplication, QWidget

from finsam_desktop.ui.widgets.background import pending_jobs, run_in_background, wait_for_background


def test_result_is_delivered_on_the_ui_thread(qtbot):
    parent = QWidget()
    qtbot.addWidget(parent)
    seen = []
    run_in_background(
        parent, "Räknar…", lambda: threading.get_ident(), lambda worker: seen.append((worker, threading.get_ident()))
    )
    assert wait_for_background(10_000)
    assert pending_jobs() == 0
    ((worker, ui),) = seen
    assert worker != ui and ui == threading.get_ident()
    assert QApplication.overrideCursor() is None


def test_errors_go_to_on_error(qtbot):
    parent = QWidget()
    qtbot.addWidget(parent)
    errors = []

    def boom():
        raise ValueError("fel i filen")

    run_in_background(parent, "Läser…", boom, lambda _r: None, errors.append)
    assert wait_for_background(10_000)
    assert [str(e) for e in errors] == ["fel i filen"]


def test_a_result_for_a_deleted_widget_is_dropped(qtbot):
    parent = QWidget()
    gate = threading.Event()
    seen = []
    run_in_background(parent, "Väntar…", lambda: gate.wait(5) and "klart", seen.append)
    parent.deleteLater()
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    gate.set()
    assert wait_for_background(10_000)
    assert seen == [] and pending_jobs() == 0
    assert QApplication.overrideCursor() is None
