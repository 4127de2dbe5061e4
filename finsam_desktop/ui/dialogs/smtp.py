"""Arkiv → E-postserver (SMTP)…: the server the program sends kallelser, utdrag and anslag through (the same
setting as ``finsam smtp``). Server, port, kryptering, user and sender address are saved in the data file; the
password never is — it is used for "Testa anslutning" and, when the user asks and a system keyring exists, kept in
the keyring; otherwise it is asked for each time something is sent."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from finsam_desktop.domain.common.errors import FinsamError, ValidationError
from finsam_desktop.services.organisation import smtp as smtp_mod
from finsam_desktop.ui.widgets.background import run_in_background

SECURITY_LABELS = {
    "starttls": "STARTTLS (vanligast, port 587)",
    "ssl": "SSL/TLS (port 465)",
    "ingen": "Ingen kryptering (port 25, bara inom eget nät)",
}


def _label(text: str, buddy: QWidget) -> QLabel:
    label = QLabel(text)
    label.setBuddy(buddy)
    return label


class SmtpDialog(QDialog):
    """The e-mail server setting; ``saved`` is the setting after "Spara" (None if not saved)."""

    def __init__(self, services, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle("E-postserver (SMTP)")
        self.setAccessibleName("E-postserver (SMTP)")
        self.service = services.smtp
        self.saved = None
        self._build()
        self._fill(self.service.get())

    def _line(self, name: str, placeholder: str = "") -> QLineEdit:
        edit = QLineEdit()
        edit.setAccessibleName(name)
        edit.setPlaceholderText(placeholder)
        return edit

    def _build(self) -> None:
        intro = QLabel(
            "Med en e-postserver skickar programmet kallelser, protokollsutdrag och anslag direkt. Utan den sparas "
            "meddelandena som .eml-filer att skicka från e-postprogrammet."
        )
        intro.setWordWrap(True)
        self.host = self._line("Server", "t.ex. smtp.office365.com")
        self.port = self._line("Port", "")
        self.security = QComboBox()
        self.security.setAccessibleName("Kryptering")
        for value, text in SECURITY_LABELS.items():
            self.security.addItem(text, value)
        self.security.currentIndexChanged.connect(self._on_security)
        self.user = self._line("Användare", "tomt: ingen inloggning")
        self.sender = self._line("Avsändare", "t.ex. kansli@forbundet.se")
        self.password = self._line("Lösenord", "används för att testa; sparas inte i databasen")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.keep = QCheckBox("Spara lösenordet i systemets &nyckelring")
        self.keep.setAccessibleName("Spara lösenordet i systemets nyckelring")
        has_keyring = smtp_mod.keyring_available()
        self.keep.setEnabled(has_keyring)
        note = QLabel(
            "Lösenordet sparas aldrig i databasen eller i någon fil. "
            + (
                "Kryssa i rutan för att systemets nyckelring ska hålla det; annars frågar programmet efter det vid "
                "varje utskick."
                if has_keyring
                else "Här finns ingen nyckelring, så programmet frågar efter lösenordet vid varje utskick."
            )
        )
        note.setWordWrap(True)
        form = QFormLayout()
        form.addRow(_label("Se&rver:", self.host), self.host)
        form.addRow(_label("P&ort:", self.port), self.port)
        form.addRow(_label("&Kryptering:", self.security), self.security)
        form.addRow(_label("&Användare:", self.user), self.user)
        form.addRow(_label("A&vsändare:", self.sender), self.sender)
        form.addRow(_label("&Lösenord:", self.password), self.password)
        form.addRow("", self.keep)
        form.addRow("", note)

        self.status = QLabel()
        self.status.setWordWrap(True)
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.status.setAccessibleName("Resultat")
        self.test_button = QPushButton("&Testa anslutning")
        self.test_button.setAccessibleName("Testa anslutningen till e-postservern")
        self.test_button.clicked.connect(self.on_test)
        self.save_button = QPushButton("S&para")
        self.save_button.setAccessibleName("Spara inställningen")
        self.save_button.setDefault(True)
        self.save_button.clicked.connect(self.on_save)
        self.clear_button = QPushButton("Ta &bort inställningen")
        self.clear_button.setAccessibleName("Ta bort e-postservern")
        self.clear_button.clicked.connect(self.on_clear)
        self.close_button = QPushButton("&Stäng")
        self.close_button.setAccessibleName("Stäng utan att spara")
        self.close_button.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addWidget(self.test_button)
        buttons.addWidget(self.clear_button)
        buttons.addStretch(1)
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.close_button)

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.status)
        layout.addStretch(1)
        layout.addLayout(buttons)
        self.resize(620, 440)

    def _fill(self, settings) -> None:
        self.host.setText(settings.host if settings else "")
        self.security.setCurrentIndex(max(0, self.security.findData(settings.security if settings else "starttls")))
        self.port.setText(str(settings.port) if settings else "")
        self.user.setText(settings.user if settings else "")
        self.sender.setText(settings.sender if settings else "")
        self.clear_button.setEnabled(settings is not None)
        self._on_security()
        if settings is None:
            self._info("Ingen e-postserver är inställd; meddelanden sparas som .eml.")
        else:
            self._info(f"Inställd: {settings.describe()}.")

    def _on_security(self, *_args) -> None:
        default = smtp_mod.DEFAULT_PORT[self.security.currentData()]
        self.port.setPlaceholderText(f"tomt: {default}")

    # --- actions --------------------------------------------------------------------------------------------
    def form_settings(self):
        """The setting as typed, checked (not saved); None after telling what is wrong."""
        try:
            port = smtp_mod.parse_port(self.port.text())
        except ValidationError as exc:
            self._error(exc.message[0].upper() + exc.message[1:], self.port)
            return None
        try:
            return smtp_mod.make_settings(
                self.host.text(), port, self.security.currentData(), self.user.text(), self.sender.text()
            )
        except ValidationError as exc:
            text = exc.message
            field = self.host if "server" in text else self.sender if "e-postadress" in text else self.port
            self._error(text[0].upper() + text[1:], field)
            return None

    def on_test(self) -> None:
        settings = self.form_settings()
        if settings is None:
            return
        password = self.password.text() or None
        self.test_button.setEnabled(False)
        self._info(f"Ansluter till {settings.host}:{settings.port}…")

        def done(text: str) -> None:
            self.test_button.setEnabled(True)
            self._info(text)

        def failed(exc: Exception) -> None:
            self.test_button.setEnabled(True)
            self._error(str(exc) if isinstance(exc, FinsamError) else f"Anslutningen misslyckades: {exc}")

        run_in_background(
            self, "Testar e-postservern…", lambda: smtp_mod.check_connection(settings, password), done, failed
        )

    def on_save(self) -> None:
        settings = self.form_settings()
        if settings is None:
            return
        try:
            self.saved = self.service.set(
                settings.host, settings.port, settings.security, settings.user, settings.sender
            )
        except FinsamError as exc:
            self._error(str(exc))
            return
        message = f"Sparat: {self.saved.describe()}."
        if self.keep.isChecked() and self.password.text():
            if not self.saved.user:
                self._error("Ange användare för att spara ett lösenord i nyckelringen; inställningen är sparad.")
                return
            if not smtp_mod.store_in_keyring(self.saved, self.password.text()):
                self._error("Lösenordet kunde inte sparas i nyckelringen; det frågas efter vid varje utskick.")
                return
            message += " Lösenordet finns i systemets nyckelring."
        self.clear_button.setEnabled(True)
        self._info(message)
        self.accept()

    def on_clear(self) -> None:
        self.service.clear()
        self.saved = None
        self._fill(None)
        self.password.clear()
        self._info("E-postservern är borttagen; meddelanden sparas som .eml.")

    def _error(self, text: str, field: QWidget | None = None) -> None:
        self.status.setStyleSheet("color: #a00000;")
        self.status.setText(text)
        if field is not None:
            field.setFocus()

    def _info(self, text: str) -> None:
        self.status.setStyleSheet("")
        self.status.setText(text)
