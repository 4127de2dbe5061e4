"""UI-test plumbing: no background job may outlive the test that started it.

A job left running (a PDF or an import started by one test) would otherwise occupy
``QThreadPool.globalInstance()`` and deliver its result during a later test — to widgets that are gone
and after that test's monkeypatches were undone — which made later background tests time out."""

from __future__ import annotations

import pytest

from finsam_desktop.ui.widgets.background import pending_jobs, wait_for_background


@pytest.fixture(autouse=True)
def _drain_background_jobs(qapp, qtbot, monkeypatch):
    # Requesting qtbot and monkeypatch makes this teardown run before theirs: results are delivered
    # while the test's widgets and patched dialogs still exist.
    yield
    if pending_jobs():
        assert wait_for_background(30_000), "bakgrundsjobb blev inte klara inom 30 s"
