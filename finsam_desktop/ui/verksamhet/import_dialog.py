"""The preview before a deltagare import: the file's name, its columns as the import reads them (the guessed
mapping, columns with two candidates, avslut columns with an unknown reason) and the number of data rows. Importera
runs the all-or-nothing import; a refusal closes the dialog with the error kept in ``failure`` (the tab shows it in
Swedish) and nothing is saved."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QPlainTextEdit, QVBoxLayout, QWidget

from finsam_desktop.domain.common.errors import FinsamError
from finsam_desktop.domain.verksamhet.deltagare_csv import FIELDS, label_of
from finsam_desktop.services.verksamhet.deltagare import Preview, reasons


def _label(key: str) -> str:
    if key.startswith("avslut:"):
        names = {r.kod: r.namn for r in reasons()}
        return f"Avslut {names.get(key.split(':', 1)[1], key.split(':', 1)[1]).lower()}"
    return label_of(key)


def preview_text(preview: Preview) -> str:
    """One line per field: the column it is read from, then what has no column, two candidates or an unknown
    avslutsanledning."""
    lines = [f"{_label(k)} ← ”{v}”" for k, v in preview.mapping.items() if v]
    has_insats = any(preview.mapping.get(k) for k in ("insats", "insats_kod"))
    absent = [
        f.label
        for f in FIELDS
        if f.name not in preview.mapping
        and f.name not in preview.ambiguous
        and f.name != "ar"
        and not (f.name in ("insats", "insats_kod") and has_insats)
    ]
    if absent:
        lines.append("Ingen kolumn för: " + ", ".join(absent) + " (räknas som 0).")
    for key, columns in preview.ambiguous.items():
        lines.append(f"Flera kolumner passar för {_label(key)}: {', '.join(columns)}.")
    if preview.unknown_reasons:
        lines.append("Okänd avslutsanledning i kolumnen: " + ", ".join(preview.unknown_reasons) + ".")
    return "\n".join(lines)


class DeltagareImportDialog(QDialog):
    """``run()`` imports (raising ``FinsamError`` when the file is refused) and returns the result; after ``exec``
    ``result_value`` holds it, or ``failure`` the refusal."""

    def __init__(self, filename: str, preview: Preview, run: Callable[[], object], parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle("Importera deltagarstatistik")
        self.setMinimumSize(640, 380)
        self.run = run
        self.result_value = None
        self.failure: FinsamError | None = None
        head = QLabel(
            f"<b>{filename}</b>: {preview.rows} rader under rubrikraden och {len(preview.headers)} kolumner "
            "(summarader läses inte in). Rader för en insats och månad som redan finns ersätts. Filen läses in "
            "helt eller inte alls."
        )
        head.setWordWrap(True)
        head.setAccessibleName("Filen")
        self.mapping = QPlainTextEdit(preview_text(preview))
        self.mapping.setReadOnly(True)
        self.mapping.setAccessibleName("Kolumnkoppling")
        self.mapping.setTabChangesFocus(True)
        box = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.ok = box.button(QDialogButtonBox.StandardButton.Ok)
        self.ok.setText("&Importera")
        self.ok.setAccessibleName("Importera filen")
        box.button(QDialogButtonBox.StandardButton.Cancel).setText("Avbryt")
        box.accepted.connect(self.accept)
        box.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(head)
        label = QLabel("&Kolumnkoppling (gissad ur rubrikerna):")
        label.setBuddy(self.mapping)
        layout.addWidget(label)
        layout.addWidget(self.mapping, 1)
        layout.addWidget(box)

    def accept(self) -> None:
        try:
            self.result_value = self.run()
        except FinsamError as exc:
            self.failure = exc
            self.reject()
            return
        super().accept()
