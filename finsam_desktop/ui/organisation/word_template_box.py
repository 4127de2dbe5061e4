"""The Förbundet page's Word template: the förbund's own .dotx/.docx (styles, margins, header with the logo) that the
kallelse and the protocol follow when they are saved as Word files. Chosen or removed at once, through the service,
which checks the file first; a file that is no Word template is refused with the reason."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QFileDialog, QGroupBox, QHBoxLayout, QLabel, QPushButton, QVBoxLayout

from finsam_desktop.domain.common.errors import FinsamError

if TYPE_CHECKING:
    from finsam_desktop.ui.organisation.forbund_dialog import ForbundDialog

NONE_TEXT = "Ingen mall vald: Word-filerna får programmets egen formatering."


class WordTemplateBox(QGroupBox):
    def __init__(self, dialog: ForbundDialog):
        super().__init__("Word-mall för kallelser och protokoll")
        self.dialog = dialog
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.status.setAccessibleName("Vald Word-mall")
        self.choose = QPushButton("Välj &Word-mall…")
        self.choose.setAccessibleName("Välj Word-mall")
        self.choose.setToolTip(
            "En .dotx- eller .docx-fil med förbundets formatmallar, marginaler och sidhuvud med logga"
        )
        self.remove = QPushButton("K&ör utan mall")
        self.remove.setAccessibleName("Ta bort Word-mallen")
        self.remove.setToolTip("Tar bort mallen: Word-filerna får programmets egen formatering")
        row = QHBoxLayout()
        row.addWidget(self.choose)
        row.addWidget(self.remove)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.status)
        layout.addLayout(row)
        self.choose.clicked.connect(self.on_choose)
        self.remove.clicked.connect(self.on_remove)
        self.refresh()

    @property
    def service(self):
        return self.dialog.ctx.services.word_template

    def refresh(self) -> None:
        template = self.service.get()
        if template is None:
            self.status.setText(NONE_TEXT)
        else:
            self.status.setText(f"{template.filnamn} ({max(1, template.size // 1024)} kB)")
        writable = not self.dialog.read_only
        self.choose.setEnabled(writable)
        self.remove.setEnabled(writable and template is not None)

    def on_choose(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, "Välj Word-mall", str(Path.home()), "Word-mall eller dokument (*.dotx *.docx)"
        )
        if not path:
            return
        try:
            data = Path(path).read_bytes()
            template = self.service.set(Path(path).name, data)
        except OSError as exc:
            self.dialog.show_message(f"Kunde inte läsa {path}: {exc.strerror or exc}", error=True)
            return
        except FinsamError as exc:
            self.dialog.show_message(str(exc), error=True)
            return
        self.refresh()
        self.dialog.show_message(f"Word-mallen är nu {template.filnamn}.")

    def on_remove(self) -> None:
        try:
            self.service.remove()
        except FinsamError as exc:
            self.dialog.show_message(str(exc), error=True)
            return
        self.refresh()
        self.dialog.show_message("Word-mallen är borttagen.")
