"""Deltagarflöden: the year's flows per insats as the årsredovisning prints them (inskrivna, avslutade, kvinnor/män/
annat, avslut per avslutsanledning), where they come from (Verksamhet's deltagare statistics, typed here, or kept
at the adoption), and typing one insats's flows for a year without statistics (aggregates only)."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from finsam_desktop.domain.arsredovisning.publication import FlowRow
from finsam_desktop.domain.common.errors import FinsamError
from finsam_desktop.services.verksamhet.deltagare import reasons
from finsam_desktop.ui.arsredovisning.models import button, table
from finsam_desktop.ui.widgets.table_model import Column


def _avslut_text(flow: FlowRow) -> str:
    return ", ".join(f"{name} {n}" for name, n in flow.avslut if n) or "–"


FLOW_COLUMNS = (
    Column("Insats", lambda f: f.insats),
    Column("Inskrivna", lambda f: str(f.inskrivna), align_right=True),
    Column("Avslutade", lambda f: str(f.avslutade), align_right=True),
    Column("Kvinnor", lambda f: str(f.kvinnor), align_right=True),
    Column("Män", lambda f: str(f.man), align_right=True),
    Column("Annat", lambda f: str(f.annat), align_right=True),
    Column("Avslut per anledning", _avslut_text, tooltip=_avslut_text),
)


class FlowDialog(QDialog):
    """One insats's flows of a year: the counts and the avslut per avslutsanledning (the code list)."""

    FIELDS = (("inskrivna", "&Inskrivna"), ("avslutade", "&Avslutade"), ("kvinnor", "&Kvinnor"), ("man", "&Män"))

    def __init__(self, year: int, insatser: list[tuple[int, str]], current: dict[str, FlowRow], parent=None):
        super().__init__(parent)
        self.setWindowTitle(f"Deltagarflöden {year}")
        self.setAccessibleName(f"Deltagarflöden {year}")
        self.current = current
        form = QFormLayout()
        self.insats = QComboBox()
        self.insats.setAccessibleName("Insats")
        for insats_id, namn in insatser:
            self.insats.addItem(namn, insats_id)
        form.addRow("In&sats", self.insats)
        self.counts: dict[str, QSpinBox] = {}
        for key, label in (*self.FIELDS, ("annat", "A&nnat/ej angivet kön")):
            self.counts[key] = self._spin(label.replace("&", ""))
            form.addRow(label, self.counts[key])
        self.reasons: dict[str, QSpinBox] = {}
        for reason in reasons():
            self.reasons[reason.namn] = self._spin(f"Avslut: {reason.namn}")
            form.addRow(f"Avslut: {reason.namn}", self.reasons[reason.namn])
        box = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        box.button(QDialogButtonBox.StandardButton.Ok).setText("Spara")
        box.button(QDialogButtonBox.StandardButton.Cancel).setText("Avbryt")
        box.accepted.connect(self.accept)
        box.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("Endast antal – inga uppgifter om enskilda deltagare."))
        layout.addLayout(form)
        layout.addWidget(box)
        self.insats.currentIndexChanged.connect(lambda _i: self._fill())
        self._fill()

    @staticmethod
    def _spin(name: str) -> QSpinBox:
        spin = QSpinBox()
        spin.setRange(0, 100_000)
        spin.setAccessibleName(name)
        return spin

    def _fill(self) -> None:
        flow = self.current.get(self.insats.currentText())
        for key, spin in self.counts.items():
            spin.setValue(getattr(flow, key) if flow else 0)
        given = dict(flow.avslut) if flow else {}
        for name, spin in self.reasons.items():
            spin.setValue(given.get(name, 0))

    def insats_id(self) -> int | None:
        return self.insats.currentData()

    def flow(self) -> FlowRow:
        c = {key: spin.value() for key, spin in self.counts.items()}
        avslut = tuple((name, spin.value()) for name, spin in self.reasons.items() if spin.value())
        return FlowRow(
            self.insats.currentText(), c["inskrivna"], c["avslutade"], c["kvinnor"], c["man"], c["annat"], avslut
        )


class FlowsPage(QWidget):
    def __init__(self, tab):
        super().__init__(tab)
        self.tab = tab
        self.source = QLabel()
        self.source.setWordWrap(True)
        self.source.setAccessibleName("Deltagarflödenas källa")
        self.model, self.view = table(
            FLOW_COLUMNS,
            "Deltagarflöden per insats",
            "En insats per rad: inskrivna, avslutade, kvinnor, män, annat kön och avslut per avslutsanledning. "
            "Endast antal.",
            stretch=6,
        )
        self.edit_btn = button("&Mata in deltagarflöden…", "Mata in deltagarflöden", "Antal per insats för året")
        bar = QHBoxLayout()
        bar.addWidget(self.edit_btn)
        bar.addWidget(self.source, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.view, 1)
        self.edit_btn.clicked.connect(self.on_edit)
        self.flows = None

    def load(self) -> None:
        year = self.tab.year()
        self.flows = None
        if year is not None:
            try:
                self.flows = self.tab.ar.documents.flows(year)
            except FinsamError as exc:
                self.source.setText(str(exc))
        self.model.set_rows(list(self.flows.rows) if self.flows else [])
        if self.flows is not None:
            total = sum(f.inskrivna for f in self.flows.rows)
            count = f"{len(self.flows.rows)} insatser, {total} inskrivna. " if self.flows.rows else "Inga ännu. "
            self.source.setText(count + self.flows.source_text)
        self.edit_btn.setEnabled(self.flows is not None and self.flows.editable and self.tab.editable())

    def on_edit(self) -> None:
        year = self.tab.year()
        if year is None or self.flows is None:
            return
        insatser = [(i.id, i.namn) for i in self.tab.ctx.services.budget.insatser.list_insatser()]
        current = {f.insats: f for f in self.flows.rows}
        dlg = FlowDialog(year, insatser, current, self)
        if not dlg.exec() or dlg.insats_id() is None:
            return
        insats_id, flow = dlg.insats_id(), dlg.flow()
        before = current.get(flow.insats) or FlowRow(flow.insats, 0, 0, 0, 0, 0, ())
        save = self.tab.ar.documents.save_flow
        self.tab.undoable(
            f"Deltagarflöden {flow.insats} {year}",
            lambda: save(year, insats_id, flow),
            lambda: save(year, insats_id, before),
        )
