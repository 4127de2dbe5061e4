"""Arkiv → Delad databas (server)…: the URL built from the dialog, the password kept only in the keyring (never in
the settings or the window), the no-keyring path, a real PostgreSQL database opened, an unreachable server told in
Swedish while the open database stays open."""

from __future__ import annotations

import socket

import keyring
import pytest
from keyring.backend import KeyringBackend
from keyring.backends import fail
from PySide6.QtWidgets import QAbstractButton, QAbstractSpinBox, QDialog, QLabel, QLineEdit, QMessageBox
from sqlalchemy.engine import make_url

from finsam_desktop import app as app_module
from finsam_desktop.app import Application
from finsam_desktop.services import server_db
from finsam_desktop.ui.dialogs.server import ServerDialog
from finsam_desktop.ui.main_window import settings

PASSWORD = "p@ss:w/rd%?#"


class MemoryKeyring(KeyringBackend):
    """A keyring that keeps passwords in a dict, for the tests."""

    priority = 1

    def __init__(self):
        super().__init__()
        self.kept: dict[tuple[str, str], str] = {}

    def get_password(self, service, username):
        return self.kept.get((service, username))

    def set_password(self, service, username, password):
        self.kept[(service, username)] = password

    def delete_password(self, service, username):
        self.kept.pop((service, username), None)


@pytest.fixture
def memory_keyring():
    previous = keyring.get_keyring()
    backend = MemoryKeyring()
    keyring.set_keyring(backend)
    yield backend
    keyring.set_keyring(previous)


@pytest.fixture
def no_keyring():
    previous = keyring.get_keyring()
    keyring.set_keyring(fail.Keyring())
    yield
    keyring.set_keyring(previous)


def _closed_port() -> int:
    with socket.socket() as s:  # a port nobody listens on
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _fill(dialog: ServerDialog, host: str, port: int, database: str, user: str, password: str) -> None:
    dialog.host.setText(host)
    dialog.port.setValue(port)
    dialog.database.setText(database)
    dialog.user.setText(user)
    dialog.password.setText(password)


def _answer_dialog(monkeypatch, host, port, database, user, password, save=True):
    """ServerDialog.exec filled in and accepted as a user would; returns the dialogs shown."""
    shown = []

    def exec_(self):
        shown.append(self)
        _fill(self, host, port, database, user, password)
        self.save_password.setChecked(save and self.save_password.isEnabled())
        self.open_button.click()
        return self.result()

    monkeypatch.setattr(ServerDialog, "exec", exec_)
    return shown


def test_the_dialog_builds_the_url_with_any_character(qtbot, memory_keyring):
    dialog = ServerDialog()
    qtbot.addWidget(dialog)
    assert dialog.port.value() == 5432 and dialog.password.echoMode() == QLineEdit.EchoMode.Password
    _fill(dialog, "db.kansli.local", 5433, "finsam", "kansli@förbund", PASSWORD)
    dialog.open_button.click()
    assert dialog.result() == QDialog.DialogCode.Accepted
    url = make_url(dialog.url())
    assert (url.drivername, url.username, url.password) == ("postgresql+psycopg", "kansli@förbund", PASSWORD)
    assert (url.host, url.port, url.database) == ("db.kansli.local", 5433, "finsam")
    assert dialog.keep_password()
    assert memory_keyring.kept == {("FINSAM Kansli", "kansli@förbund@db.kansli.local:5433/finsam"): PASSWORD}


def test_a_missing_field_is_told_in_swedish(qtbot, memory_keyring):
    dialog = ServerDialog()
    qtbot.addWidget(dialog)
    _fill(dialog, "db.kansli.local", 5432, "", "kansli", "x")
    dialog.open_button.click()
    assert dialog.result() != QDialog.DialogCode.Accepted
    assert "databasens namn" in dialog.error.text() and dialog.error.isVisibleTo(dialog)


def test_the_keyring_keeps_the_password_and_the_cli_uses_it(memory_keyring, monkeypatch):
    from finsam_desktop.cli.common import Context

    server = server_db.address("dbserver", "finsam", "kansli")
    assert server_db.stored_password(server) is None
    assert server_db.store_password(server, PASSWORD)
    assert server_db.stored_password(server) == PASSWORD
    # --db URL without a password: the keyring's is used; a URL with a password of its own keeps it.
    opened = []
    monkeypatch.setattr(
        "finsam_desktop.services.workspace.open_workspace", lambda target, **kw: opened.append(target) or object()
    )
    Context("postgresql+psycopg://kansli@dbserver/finsam").workspace()
    assert make_url(opened[-1]).password == PASSWORD
    Context("postgresql+psycopg://kansli:egna@dbserver/finsam").workspace()
    assert make_url(opened[-1]).password == "egna"
    Context("postgresql+psycopg://annan@dbserver/finsam").workspace()
    assert make_url(opened[-1]).password is None


def test_without_a_keyring_the_dialog_says_the_password_is_asked_each_time(qtbot, no_keyring):
    dialog = ServerDialog()
    qtbot.addWidget(dialog)
    assert not server_db.keyring_available()
    assert not dialog.save_password.isEnabled() and not dialog.save_password.isChecked()
    assert dialog.keyring_note.isVisibleTo(dialog) and "frågas efter varje gång" in dialog.keyring_note.text()
    _fill(dialog, "dbserver", 5432, "finsam", "kansli", PASSWORD)
    dialog.open_button.click()
    assert not dialog.keep_password()
    assert not server_db.store_password(server_db.address("dbserver", "finsam", "kansli"), PASSWORD)


def test_without_a_stored_password_opening_again_asks(qtbot, demo_workspace, no_keyring, monkeypatch):
    """The recent database (a URL without its password) on a server that refuses: the dialog asks, filled in."""
    port = _closed_port()
    monkeypatch.setattr(app_module, "_headless", lambda: False)
    asked = []

    def exec_(self):
        asked.append((self.host.text(), self.port.value(), self.database.text(), self.user.text()))
        asked.append(self.findChild(QLabel, "serverReason").text())
        return QDialog.DialogCode.Rejected

    monkeypatch.setattr(ServerDialog, "exec", exec_)
    application = Application(demo_workspace)
    qtbot.addWidget(application.window)
    application.window.open_requested.emit(f"postgresql+psycopg://kansli@127.0.0.1:{port}/finsam")
    assert asked[0] == ("127.0.0.1", port, "finsam", "kansli")
    assert "Kan inte öppna databasen finsam på servern 127.0.0.1" in asked[1]
    assert application.window.workspace is demo_workspace


def test_an_unreachable_server_is_told_in_swedish_and_the_open_database_stays(
    qtbot, demo_workspace, memory_keyring, monkeypatch
):
    port = _closed_port()
    _answer_dialog(monkeypatch, "127.0.0.1", port, "finsam", "kansli", "hemligt")
    warnings = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _parent, title, text, *a: warnings.append((title, text)))
    application = Application(demo_workspace)
    window = application.window
    qtbot.addWidget(window)
    title = window.windowTitle()
    window.action_server.trigger()
    [(heading, text)] = warnings
    assert heading == "Kan inte öppna databasen"
    assert f"Kan inte öppna databasen finsam på servern 127.0.0.1 (port {port}) som kansli" in text
    assert "hemligt" not in text and "Traceback" not in text
    assert window.workspace is demo_workspace and window.windowTitle() == title
    assert memory_keyring.kept == {}  # a password that did not open anything is not kept


@pytest.mark.postgres
def test_a_postgresql_database_opens_through_the_dialog(qtbot, demo_workspace, memory_keyring, monkeypatch, pg_server):
    from tests import pg

    url = make_url(pg.create_database(pg_server, _forbund_template(pg_server)))
    _answer_dialog(monkeypatch, url.host, url.port, url.database, url.username, PASSWORD)
    application = Application(demo_workspace)
    window = application.window
    qtbot.addWidget(window)
    window.action_server.trigger()
    try:
        assert window.workspace is not demo_workspace and window.workspace.is_server
        assert window.workspace.services.forbund.get().namn == "Samordningsförbundet Serverbygden"
        shown = f"{url.username}@{url.host}:{url.port}/{url.database}"
        assert window.windowTitle().startswith(f"Samordningsförbundet Serverbygden – {shown} – ")
        assert PASSWORD not in window.windowTitle() and PASSWORD not in window._path_label.text()
        key = f"{url.username}@{url.host}:{url.port}/{url.database}"
        assert memory_keyring.kept == {("FINSAM Kansli", key): PASSWORD}
        window.save_state()
        remembered = settings().value("main/last_db")
        assert make_url(remembered).password is None and make_url(remembered).database == url.database
        with open(settings().fileName(), encoding="utf-8") as f:
            text = f.read()
        assert "p@ss" not in text and "p%40ss" not in text
        # Opened again from the settings (no password in them): the keyring's password is used.
        assert server_db.with_stored_password(remembered) != remembered
        assert app_module.last_used_path() == remembered and window.recent()[0] == remembered
    finally:
        window.close()  # saves the window state: the server is forgotten again for the tests after this one
        window.workspace.close()
        settings().remove("main/last_db")
        settings().remove("main/recent")
        pg.drop_database(url.render_as_string(hide_password=False))


_TEMPLATE: dict[str, str] = {}


def _forbund_template(pg_server: str) -> str:
    from finsam_desktop.services.workspace import open_workspace
    from tests import pg

    if pg_server not in _TEMPLATE:
        url = pg.create_database(pg_server)
        ws = open_workspace(url)
        ws.services.forbund.create("Samordningsförbundet Serverbygden", "222000-3079")
        ws.close()
        _TEMPLATE[pg_server] = url
    return _TEMPLATE[pg_server]


def test_every_control_has_an_accessible_name_and_a_unique_mnemonic(qtbot, memory_keyring):
    dialog = ServerDialog()
    qtbot.addWidget(dialog)
    controls = dialog.findChildren(QAbstractButton) + dialog.findChildren(QLineEdit)
    controls += dialog.findChildren(QAbstractSpinBox)
    controls = [c for c in controls if not c.objectName().startswith("qt_")]
    assert all(c.accessibleName() for c in controls), [type(c).__name__ for c in controls if not c.accessibleName()]
    texts = [b.text() for b in dialog.findChildren(QAbstractButton)] + [lb.text() for lb in dialog.findChildren(QLabel)]
    keys = [t[t.index("&") + 1].lower() for t in texts if "&" in t]
    assert len(keys) == len(set(keys)) and len(keys) == 8, keys
    for label in dialog.findChildren(QLabel):
        if "&" in label.text():
            assert label.buddy() is not None, label.text()


def test_render_at_1280x800(qtbot, no_keyring, tmp_path):
    dialog = ServerDialog()
    qtbot.addWidget(dialog)
    dialog.resize(1280, 800)
    _fill(dialog, "dbserver.kansli.local", 5432, "finsam", "kansli", PASSWORD)
    image = dialog.grab()
    assert not image.isNull()
    image.save(str(tmp_path / "server_dialog.png"))


def test_the_recent_list_shows_user_at_host_and_opens_with_the_keyring_password(
    qtbot, demo_workspace, memory_keyring, monkeypatch
):
    from finsam_desktop.domain.common.errors import FinsamError

    server = server_db.address("dbserver", "finsam", "kansli")
    server_db.store_password(server, PASSWORD)
    remembered = server_db.without_password(server.url(PASSWORD))
    settings().setValue("main/recent", [remembered])
    application = Application(demo_workspace)
    window = application.window
    qtbot.addWidget(window)
    try:
        window._fill_recent()
        texts = [a.text() for a in window.recent_menu.actions()]
        assert texts == ["&1 kansli@dbserver/finsam (server)"]
        assert window.recent() == [remembered]
        tried = []

        def refuse(target, **_kw):
            tried.append(target)
            raise FinsamError("connection failed")

        monkeypatch.setattr(app_module, "open_workspace", refuse)
        monkeypatch.setattr(app_module, "fatal", lambda title, text, parent=None: tried.append(text))
        window.recent_menu.actions()[0].trigger()
        assert make_url(tried[0]).password == PASSWORD
        assert "Kan inte öppna databasen finsam på servern dbserver" in tried[1] and PASSWORD not in tried[1]
        assert window.workspace is demo_workspace
    finally:
        settings().remove("main/recent")


def test_a_server_lost_mid_session_is_told_in_swedish(qtbot, monkeypatch):
    import sys
    from types import SimpleNamespace

    import psycopg
    from sqlalchemy.exc import OperationalError

    from finsam_desktop.ui.main_window import MainWindow

    passed_on = []
    monkeypatch.setattr(sys, "excepthook", lambda *args: passed_on.append(args[1]))
    warnings = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _parent, title, text, *a: warnings.append((title, text)))
    window = MainWindow(None)
    qtbot.addWidget(window)
    app_module.install_offline_notice(window)
    url = server_db.address("dbserver", "finsam", "kansli").url("hemligt")
    window.workspace = SimpleNamespace(is_server=True, path=url)
    try:
        lost = OperationalError("SELECT 1", {}, psycopg.OperationalError("server closed the connection unexpectedly"))
        sys.excepthook(type(lost), lost, None)
        [(title, text)] = warnings
        assert title == "Förbindelsen med servern är bruten"
        assert "Förbindelsen med databasen finsam på servern dbserver är bruten" in text and "hemligt" not in text
        assert passed_on == []
        other = ValueError("något annat")
        sys.excepthook(ValueError, other, None)
        assert passed_on == [other] and len(warnings) == 1
    finally:
        window.workspace = None
