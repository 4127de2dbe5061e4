"""The sammanträdesplan: the year's meeting dates, pasted or proposed, checked before creating."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
)

from finsam_desktop.domain.arshjul.plan import PlanEntry, parse_plan
from finsam_desktop.domain.common.dates import SWEDISH_MONTHS, SWEDISH_WEEKDAYS
from finsam_desktop.domain.common.errors import FinsamError


class PlanDialog(QDialog):
    """Enter the styrelse's sammanträdesplan for a year (text as in the protocol), preview, create."""

    def __init__(self, year: int, proposal: list[PlanEntry], parent=None):
        super().__init__(parent)
        self.setWindowTitle(f"Sammanträdesplan {year}")
        self.year = year
        self.entries: list[PlanEntry] = []
        layout = QVBoxLayout(self)
        intro = QLabel(
            "Skriv eller klistra in styrelsens sammanträdesplan, en rad per möte, till exempel "
            "”17 mars  Styrelsemöte, beslut om årsredovisningen”. En rad med ”kl. 09.00-12.00” sätter "
            "standardtiden; ”heldag” ger heldagstid. Sammanträdena skapas i fliken Sammanträden och "
            "beredning, kallelse, justering och anslag räknas fram för varje möte."
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        form = QFormLayout()
        self.default_time = QLineEdit("09:00-12:00")
        self.place = QLineEdit()
        form.addRow("Standardtid", self.default_time)
        form.addRow("Plats", self.place)
        layout.addLayout(form)
        self.text = QPlainTextEdit()
        self.text.setMinimumHeight(160)
        if proposal:
            self.text.setPlainText(
                "\n".join(
                    f"{e.datum.day} {SWEDISH_MONTHS[e.datum.month - 1]}  Styrelsemöte"
                    + (f", {e.anteckning}" if e.anteckning else "")
                    for e in proposal
                )
            )
            if proposal[0].plats:
                self.place.setText(proposal[0].plats)
        layout.addWidget(self.text)
        self.table = QTableWidget(0, 4)
        self.table.setHorizontalHeaderLabels(["Datum", "Dag", "Tid", "Anteckning"])
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.verticalHeader().setVisible(False)
        layout.addWidget(self.table)
        self.message = QLabel()
        self.message.setWordWrap(True)
        layout.addWidget(self.message)
        buttons = QDialogButtonBox()
        self.preview_button = buttons.addButton("Förhandsgranska", QDialogButtonBox.ButtonRole.ActionRole)
        self.create_button = buttons.addButton("Skapa sammanträden", QDialogButtonBox.ButtonRole.AcceptRole)
        cancel = buttons.addButton("Avbryt", QDialogButtonBox.ButtonRole.RejectRole)
        self.preview_button.clicked.connect(self.preview)
        self.create_button.clicked.connect(self._accept)
        cancel.clicked.connect(self.reject)
        layout.addWidget(buttons)
        self.resize(640, 620)
        self.text.textChanged.connect(lambda: self.message.setText(""))

    def preview(self) -> bool:
        try:
            entries = parse_plan(self.text.toPlainText(), self.year, self.default_time.text())
        except FinsamError as exc:
            self.message.setStyleSheet("color: #C62828")
            self.message.setText(str(exc))
            self.table.setRowCount(0)
            return False
        place = self.place.text().strip()
        self.entries = [replace(e, plats=place) for e in entries]
        self.table.setRowCount(len(entries))
        warnings = []
        for r, e in enumerate(entries):
            tid = f"{e.starttid:%H.%M}–{e.sluttid:%H.%M}" if e.starttid and e.sluttid else ""
            for c, text in enumerate(
                (
                    e.datum.isoformat(),
                    SWEDISH_WEEKDAYS[e.datum.weekday()],
                    tid,
                    e.anteckning + (" (konstituerande)" if e.typ == "konstituerande" else ""),
                )
            ):
                item = QTableWidgetItem(text)
                if e.weekday_warning:
                    item.setForeground(Qt.GlobalColor.red)
                self.table.setItem(r, c, item)
            if e.weekday_warning:
                warnings.append(e.weekday_warning)
        self.table.resizeColumnsToContents()
        self.message.setStyleSheet("color: #C62828" if warnings else "")
        self.message.setText(
            f"{len(entries)} sammanträden." + (" Obs: " + "; ".join(warnings) + "." if warnings else "")
        )
        return True

    def _accept(self) -> None:
        if self.preview():
            self.accept()
