"""Arkiv → E-postserver (SMTP)…: the setting ``finsam smtp`` keeps, made in a dialog — tried against a real
server on 127.0.0.1, saved through the same service, bad input refused in Swedish, the password in no file."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QComboBox, QLineEdit
from test_keyboard import page_keys

from finsam_desktop.ui.dialogs.smtp import SmtpDialog
from finsam_desktop.ui.main_window import MainWindow
from tests.services.test_smtp_send import Inbox, _free_port


@pytest.fixture
def server():
    from aiosmtpd.controller import Controller

    logins: list[tuple[str, str]] = []

    def authenticator(_server, _session, _envelope, _mechanism, auth_data):
        from aiosmtpd.smtp import AuthResult

        login, password = auth_data.login.decode(), auth_data.password.decode()
        logins.append((login, password))
        return AuthResult(success=password == "hemligt-123", handled=False)

    controller = Controller(
        Inbox(), hostname="127.0.0.1", port=_free_port(), authenticator=authenticator, auth_require_tls=False
    )
    controller.start()
    controller.logins = logins
    yield controller
    controller.stop()


def _dialog(qtbot, services) -> SmtpDialog:
    dialog = SmtpDialog(services)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def _fill(qtbot, dialog, host="127.0.0.1", port="", security="ingen", user="", sender="") -> None:
    for edit, text in ((dialog.host, host), (dialog.port, port), (dialog.user, user), (dialog.sender, sender)):
        edit.clear()
        qtbot.keyClicks(edit, text)
    dialog.security.setCurrentIndex(dialog.security.findData(security))


def test_testa_anslutning_logs_in_and_spara_keeps_the_setting_without_the_password(
    qtbot, demo_workspace, server, monkeypatch
):
    from finsam_desktop.services.organisation import smtp as smtp_mod

    monkeypatch.setattr(smtp_mod, "keyring_available", lambda: False)  # a computer without a keyring
    services = demo_workspace.services
    dialog = _dialog(qtbot, services)
    assert "Ingen e-postserver är inställd" in dialog.status.text()
    _fill(qtbot, dialog, port=str(server.port), user="kansli", sender="kansli@exempelbygden.example")
    qtbot.keyClicks(dialog.password, "fel")
    qtbot.mouseClick(dialog.test_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "inloggningen" in dialog.status.text(), timeout=20000)
    assert "godtog inte inloggningen för kansli" in dialog.status.text()
    dialog.password.clear()
    qtbot.keyClicks(dialog.password, "hemligt-123")
    qtbot.mouseClick(dialog.test_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "fungerar" in dialog.status.text(), timeout=20000)
    assert dialog.status.text() == (
        f"Anslutningen till 127.0.0.1:{server.port} fungerar (utan kryptering, inloggad som kansli)."
    )
    assert server.logins[-1] == ("kansli", "hemligt-123")
    assert services.smtp.get() is None  # testing saves nothing
    assert not dialog.keep.isEnabled()  # no keyring here: the password is asked for when sending
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    saved = services.smtp.get()
    assert (saved.host, saved.port, saved.security, saved.user, saved.sender) == (
        "127.0.0.1",
        server.port,
        "ingen",
        "kansli",
        "kansli@exempelbygden.example",
    )
    assert dialog.result() == SmtpDialog.DialogCode.Accepted
    files = [p for p in demo_workspace.path.parent.iterdir() if p.name.startswith(demo_workspace.path.name)]
    assert files and not any(b"hemligt-123" in p.read_bytes() for p in files)  # the file and its WAL
    # Opened again it shows the setting, as `finsam smtp` does, and no password.
    again = _dialog(qtbot, services)
    assert (again.host.text(), again.port.text(), again.security.currentData()) == (
        "127.0.0.1",
        str(server.port),
        "ingen",
    )
    assert again.password.text() == ""


def test_bad_input_is_refused_in_swedish_and_nothing_is_saved(qtbot, demo_workspace):
    services = demo_workspace.services
    dialog = _dialog(qtbot, services)
    _fill(qtbot, dialog, port="abc", security="starttls")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert dialog.status.text() == "Porten ”abc” är inget tal; skriv t.ex. 587, eller lämna tomt."
    _fill(qtbot, dialog, host="", port="587")
    qtbot.mouseClick(dialog.test_button, Qt.MouseButton.LeftButton)
    assert dialog.status.text() == "Ange e-postserverns namn, t.ex. smtp.office365.com."
    _fill(qtbot, dialog, port="70000")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert "Porten 70000 finns inte (1–65535)." == dialog.status.text()
    _fill(qtbot, dialog, sender="kansliet")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert dialog.status.text() == "”kansliet” är ingen e-postadress."
    assert services.smtp.get() is None and dialog.isVisible()
    # An empty port takes the usual one for the kryptering chosen.
    _fill(qtbot, dialog, security="ssl")
    assert dialog.port.placeholderText() == "tomt: 465"
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert services.smtp.get().port == 465


def test_a_server_that_is_down_is_told_and_the_setting_can_be_removed(qtbot, demo_workspace):
    services = demo_workspace.services
    services.smtp.set("127.0.0.1", _free_port(), "ingen")
    dialog = _dialog(qtbot, services)
    assert dialog.status.text().startswith("Inställd: 127.0.0.1:")
    qtbot.mouseClick(dialog.test_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "svarar inte" in dialog.status.text(), timeout=20000)
    assert dialog.test_button.isEnabled()
    qtbot.mouseClick(dialog.clear_button, Qt.MouseButton.LeftButton)
    assert services.smtp.get() is None and dialog.host.text() == ""
    assert "sparas som .eml" in dialog.status.text()


def test_every_control_is_named_with_its_own_key_and_the_menu_opens_it(qtbot, demo_workspace, monkeypatch, tmp_path):
    dialog = _dialog(qtbot, demo_workspace.services)
    controls = dialog.findChildren(QAbstractButton) + dialog.findChildren(QComboBox) + dialog.findChildren(QLineEdit)
    controls = [c for c in controls if not c.objectName().startswith("qt_") and not isinstance(c.parent(), QComboBox)]
    assert controls and all(c.accessibleName() for c in controls)
    owners, keyless = page_keys(dialog)
    assert keyless == [] and len(owners) >= 10
    assert {k: n for k, n in owners.items() if len(n) > 1} == {}
    dialog.resize(1280, 800)
    dialog.grab().save(str(tmp_path / "smtp.png"))
    window = MainWindow(demo_workspace)
    qtbot.addWidget(window)
    opened = []
    monkeypatch.setattr(SmtpDialog, "exec", lambda self: opened.append(self.windowTitle()) or 0)
    window.action_smtp.trigger()
    assert opened == ["E-postserver (SMTP)"] and window.action_smtp.text() == "E-&postserver (SMTP)…"


def test_with_a_keyring_the_password_goes_there_and_nowhere_else(qtbot, demo_workspace, monkeypatch):
    from finsam_desktop.services.organisation import smtp as smtp_mod

    kept: dict[str, str] = {}
    monkeypatch.setattr(smtp_mod, "keyring_available", lambda: True)
    monkeypatch.setattr(smtp_mod, "store_in_keyring", lambda st, pw: kept.update({f"{st.user}@{st.host}": pw}) is None)
    services = demo_workspace.services
    dialog = _dialog(qtbot, services)
    assert dialog.keep.isEnabled()
    _fill(qtbot, dialog, host="smtp.exempel.se", security="starttls", user="kansli")
    qtbot.keyClicks(dialog.password, "hemligt-456")
    dialog.keep.setChecked(True)
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert kept == {"kansli@smtp.exempel.se": "hemligt-456"}
    assert services.smtp.get().port == 587
    files = [p for p in demo_workspace.path.parent.iterdir() if p.name.startswith(demo_workspace.path.name)]
    assert not any(b"hemligt-456" in p.read_bytes() for p in files)
