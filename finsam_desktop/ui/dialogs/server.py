"""Arkiv → Delad databas (server)…: the address of a shared kansli database on PostgreSQL and its password.

The password is typed here and, if the user ticks the box and the computer has a keyring, kept in the system
keyring (``services/server_db.py``); it is never written to the settings and never shown. Without a keyring the
dialog says so and the password is asked for each time the database is opened. The URL is built by the service
(SQLAlchemy's ``URL.create``), so any character in the user name or password works."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QWidget,
)

from finsam_desktop.domain.common.errors import ValidationError
from finsam_desktop.services import server_db
from finsam_desktop.services.server_db import ServerAddress
from finsam_desktop.ui.organisation.editors import ERROR_STYLE

NO_KEYRING = (
    "Den här datorn har ingen nyckelring där lösenordet kan sparas. Lösenordet sparas inte, utan frågas efter "
    "varje gång databasen öppnas."
)


class ServerDialog(QDialog):
    """``server``: an address to show (opened again from the settings, the password asked for)."""

    def __init__(self, parent: QWidget | None = None, server: ServerAddress | None = None, reason: str = ""):
        super().__init__(parent)
        self.setWindowTitle("Delad databas (server)")
        self.setMinimumWidth(560)
        self.keyring = server_db.keyring_available()
        form = QFormLayout(self)
        intro = QLabel(
            "Öppna kansliets gemensamma databas på en PostgreSQL-server. Fråga kansliets IT om serverns namn, "
            "databasen och ditt användarnamn."
        )
        intro.setWordWrap(True)
        form.addRow(intro)
        if reason:
            note = QLabel(reason)
            note.setObjectName("serverReason")
            note.setWordWrap(True)
            note.setStyleSheet(ERROR_STYLE)
            form.addRow(note)
        self.host = self._line(form, "&Server:", "Serverns namn eller adress", "dbserver.kansli.local")
        self.port = QSpinBox()
        self.port.setRange(1, 65535)
        self.port.setValue(server_db.DEFAULT_PORT)
        self.port.setAccessibleName("Port")
        self._row(form, "P&ort:", self.port)
        self.database = self._line(form, "&Databas:", "Databasens namn", "finsam")
        self.user = self._line(form, "&Användare:", "Användarnamn på databasservern", "")
        self.password = self._line(form, "&Lösenord:", "Lösenord", "")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.save_password = QCheckBox("Spara lösenordet i &nyckelringen")
        self.save_password.setAccessibleName("Spara lösenordet i nyckelringen")
        form.addRow("", self.save_password)
        self.keyring_note = QLabel(NO_KEYRING)
        self.keyring_note.setObjectName("serverNoKeyring")
        self.keyring_note.setWordWrap(True)
        form.addRow(self.keyring_note)
        if self.keyring:
            self.save_password.setChecked(True)
            self.keyring_note.hide()
        else:
            self.save_password.setEnabled(False)
        self.error = QLabel()
        self.error.setObjectName("serverError")
        self.error.setWordWrap(True)
        self.error.setStyleSheet(ERROR_STYLE)
        self.error.hide()
        form.addRow(self.error)
        self.buttons = QDialogButtonBox()
        self.open_button = self.buttons.addButton("Ö&ppna", QDialogButtonBox.ButtonRole.AcceptRole)
        self.open_button.setAccessibleName("Öppna den delade databasen")
        self.open_button.setDefault(True)
        self.cancel_button = self.buttons.addButton("Av&bryt", QDialogButtonBox.ButtonRole.RejectRole)
        self.cancel_button.setAccessibleName("Avbryt")
        self.buttons.accepted.connect(self._on_accept)
        self.buttons.rejected.connect(self.reject)
        form.addRow(self.buttons)
        #: Set when accepted: the address, and the password typed (None when left empty).
        self.server: ServerAddress | None = None
        self.typed_password: str | None = None
        if server is not None:
            self.host.setText(server.host)
            self.port.setValue(server.port)
            self.database.setText(server.database)
            self.user.setText(server.user)
            self.password.setFocus()

    def _row(self, form: QFormLayout, label: str, widget: QWidget) -> None:
        text = QLabel(label)
        text.setBuddy(widget)
        form.addRow(text, widget)

    def _line(self, form: QFormLayout, label: str, name: str, placeholder: str) -> QLineEdit:
        edit = QLineEdit()
        edit.setAccessibleName(name)
        if placeholder:
            edit.setPlaceholderText(placeholder)
        self._row(form, label, edit)
        return edit

    def url(self) -> str:
        """The URL to connect with, the password in it (never shown or remembered: see ``remembered_url``)."""
        assert self.server is not None
        return self.server.url(self.typed_password)

    def _on_accept(self) -> None:
        try:
            server = server_db.address(self.host.text(), self.database.text(), self.user.text(), self.port.value())
        except ValidationError as exc:
            self.error.setText(str(exc))
            self.error.show()
            return
        self.server = server
        self.typed_password = self.password.text() or None
        self.accept()

    def keep_password(self) -> bool:
        """After the database opened: keep the password in the keyring if asked to (False when it was not kept)."""
        if self.server is None or not self.typed_password or not self.save_password.isChecked():
            return False
        return server_db.store_password(self.server, self.typed_password)
