"""Shared fixtures: real temporary SQLite files built through the migrations."""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from finsam_desktop import clock
from finsam_desktop.persistence.backup import online_copy
from finsam_desktop.services.demo import build_demo
from finsam_desktop.services.workspace import Workspace, open_workspace

DEMO_YEAR = 2026

#: The suite's "today": no test depends on the real date. Subprocesses (the CLI, the packaged app) get it
#: through ``FINSAM_TODAY``; ``tests/test_clock_dates.py`` runs the date-sensitive paths under other dates.
TODAY = date(2026, 11, 18)
clock.pin(TODAY)
os.environ[clock.ENV] = TODAY.isoformat()


@pytest.fixture(autouse=True)
def _pinned_clock():
    """Every test starts on ``TODAY``, whatever an earlier test pinned."""
    clock.pin(TODAY)
    yield
    clock.pin(TODAY)


@pytest.fixture(autouse=True)
def _isolated_settings(tmp_path_factory, monkeypatch):
    """Keep QSettings and the user data directory out of the developer's home."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / "config"))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / "data"))
    monkeypatch.delenv("FINSAM_DB", raising=False)


@pytest.fixture(scope="session")
def _empty_template(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("tpl") / "empty.sqlite"
    ws = open_workspace(path, auto_backup=False, lock=False)
    ws.services.forbund.create("Samordningsförbundet Testbygden", "222000-3079", sate="Testby")
    ws.close()
    return path


@pytest.fixture(scope="session")
def _demo_template(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("tpl") / "demo.sqlite"
    ws = open_workspace(path, auto_backup=False, lock=False)
    build_demo(ws.services, DEMO_YEAR)
    ws.close()
    return path


def _open_copy(template: Path, target: Path) -> Workspace:
    online_copy(template, target)
    return open_workspace(target, auto_backup=False)


@pytest.fixture
def workspace(_empty_template, tmp_path) -> Workspace:
    """A fresh file with a förbund and nothing else."""
    ws = _open_copy(_empty_template, tmp_path / "finsam.sqlite")
    yield ws
    ws.close()


@pytest.fixture
def demo_workspace(_demo_template, tmp_path) -> Workspace:
    """A fresh copy of the demo förbund."""
    ws = _open_copy(_demo_template, tmp_path / "demo.sqlite")
    yield ws
    ws.close()


@pytest.fixture
def services(workspace):
    return workspace.services


@pytest.fixture
def demo_services(demo_workspace):
    return demo_workspace.services
