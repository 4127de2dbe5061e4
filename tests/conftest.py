"""Shared fixtures: real temporary SQLite files built through the migrations, and (``engine_*``, marked
``postgres``) the same on a throw-away PostgreSQL server (``tests/pg.py``)."""

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
from tests import pg

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
def engine(request) -> str:
    """The engine of ``workspace`` and ``demo_workspace``: SQLite; in a module that sets ``BOTH_ENGINES = True``
    each test runs on SQLite and on PostgreSQL (``pytest_generate_tests``)."""
    return getattr(request, "param", "sqlite")


@pytest.fixture
def workspace(request, engine, tmp_path) -> Workspace:
    """A fresh file (or server database) with a förbund and nothing else."""
    ws, url = _workspace_on(request, tmp_path, "empty", engine, "finsam.sqlite")
    yield ws
    ws.close()
    if url:
        pg.drop_database(url)


@pytest.fixture
def demo_workspace(request, engine, tmp_path) -> Workspace:
    """A fresh copy of the demo förbund."""
    ws, url = _workspace_on(request, tmp_path, "demo", engine, "demo.sqlite")
    yield ws
    ws.close()
    if url:
        pg.drop_database(url)


@pytest.fixture
def services(workspace):
    return workspace.services


@pytest.fixture
def demo_services(demo_workspace):
    return demo_workspace.services


# --- both engines (docs/postgresql.md) ---------------------------------------------------------------------------

ENGINES = ["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)]


def pytest_collection_modifyitems(config, items):
    """A test marked ``sqlite_only`` (it opens the file with ``sqlite3`` or uses SQLite's own SQL) runs only on
    SQLite in a module whose fixtures run on both engines; its PostgreSQL variant is deselected, not skipped."""
    dropped = [
        item
        for item in items
        if item.get_closest_marker("sqlite_only") and "[postgres" in item.nodeid and "postgres" in item.keywords
    ]
    if dropped:
        config.hook.pytest_deselected(items=dropped)
        items[:] = [item for item in items if item not in dropped]


@pytest.fixture(scope="session")
def pg_server():
    """The server's maintenance URL: ``FINSAM_TEST_PG_URL``, or a server started for the session. Skips (with
    the reason) where there is neither."""
    reason = pg.unavailable_reason()
    if reason:
        pytest.skip(reason)
    if os.environ.get(pg.ENV_URL):
        yield os.environ[pg.ENV_URL]
        return
    server = pg.PgServer(pg.find_bindir())
    server.start()
    try:
        yield server.url
    finally:
        server.stop()


@pytest.fixture
def pg_url(pg_server):
    """A fresh, empty PostgreSQL database for one test."""
    url = pg.create_database(pg_server)
    yield url
    pg.drop_database(url)


@pytest.fixture(scope="session")
def _pg_empty_template(pg_server) -> str:
    url = pg.create_database(pg_server)
    ws = open_workspace(url)
    ws.services.forbund.create("Samordningsförbundet Testbygden", "222000-3079", sate="Testby")
    ws.close()
    return url


@pytest.fixture(scope="session")
def _pg_demo_template(pg_server) -> str:
    """The demo förbund made by the CLI (``finsam --db URL demo``), as a user would."""
    from finsam_desktop.cli import main

    url = pg.create_database(pg_server)
    assert main(["--db", url, "demo", "--year", str(DEMO_YEAR)]) == 0
    return url


def _workspace_on(request, tmp_path, kind: str, engine: str, name: str):
    """A fresh copy of the ``kind`` template ("empty" or "demo") on ``engine``, and its URL on PostgreSQL."""
    if engine == "sqlite":
        return _open_copy(request.getfixturevalue(f"_{kind}_template"), tmp_path / name), None
    url = pg.create_database(request.getfixturevalue("pg_server"), request.getfixturevalue(f"_pg_{kind}_template"))
    return open_workspace(url), url


def _engine_workspace(request, tmp_path, kind: str):
    return _workspace_on(request, tmp_path, kind, request.param, f"{kind}.sqlite")


def pytest_generate_tests(metafunc):
    """``BOTH_ENGINES = True`` in a module: its tests on ``workspace``/``demo_workspace`` run on both engines."""
    if getattr(metafunc.module, "BOTH_ENGINES", False) and "engine" in metafunc.fixturenames:
        metafunc.parametrize("engine", ENGINES, indirect=True)


@pytest.fixture(params=ENGINES)
def engine_workspace(request, tmp_path) -> Workspace:
    """``workspace`` on each engine: a fresh database with a förbund and nothing else."""
    ws, url = _engine_workspace(request, tmp_path, "empty")
    yield ws
    ws.close()
    if url:
        pg.drop_database(url)


@pytest.fixture(params=ENGINES)
def engine_demo_workspace(request, tmp_path) -> Workspace:
    """``demo_workspace`` on each engine: a fresh copy of the demo förbund."""
    ws, url = _engine_workspace(request, tmp_path, "demo")
    yield ws
    ws.close()
    if url:
        pg.drop_database(url)
