"""A row of the delegationsordning, with the KL 6:38 checklist of what may not be delegated."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
)

from finsam_desktop.domain.attest.delegation import (
    KL_6_38,
    DelegationRow,
    Limit,
    LimitKind,
    kl638_warnings,
    validate_delegation_row,
)
from finsam_desktop.domain.common.errors import ValidationError
from finsam_desktop.domain.organisation.model import ROLE_LABELS, Role
from finsam_desktop.ui.attest.dialog_common import ATTEST_ROLES, enum_of, ok_cancel, optional_amount


class DelegationRowDialog(QDialog):
    def __init__(self, row: DelegationRow | None = None, parent=None):
        super().__init__(parent)
        self.setWindowTitle("Rad i delegationsordningen")
        self.setMinimumWidth(600)
        self._row = row
        form = QFormLayout()
        self.arende = QLineEdit()
        self.delegat = QComboBox()
        self.ersattare = QComboBox()
        self.ersattare.addItem("– ingen –", None)
        for r in ATTEST_ROLES:
            self.delegat.addItem(ROLE_LABELS[r], r)
            self.ersattare.addItem(ROLE_LABELS[r], r)
        self.limit_kind = QComboBox()
        for k in LimitKind:
            self.limit_kind.addItem(k.label, k)
        self.limit_value = QLineEdit()
        self.limit_value.setPlaceholderText("kronor eller antal prisbasbelopp, t.ex. 1 eller 0,5")
        self.anmalas = QCheckBox("Beslut anmäls till styrelsen")
        self.anmalas.setChecked(True)
        self.anteckning = QLineEdit()
        limit = QHBoxLayout()
        limit.addWidget(self.limit_kind)
        limit.addWidget(self.limit_value, 1)
        form.addRow("Ärende", self.arende)
        form.addRow("Delegat", self.delegat)
        form.addRow("Ersättare", self.ersattare)
        form.addRow("Beloppsgräns", limit)
        form.addRow("", self.anmalas)
        form.addRow("Anteckning", self.anteckning)
        box = QGroupBox("Får inte delegeras (kommunallagen 6 kap. 38 §) – kryssa om ärendet avser något av detta")
        box_layout = QVBoxLayout(box)
        self.kl = {}
        for code, label in KL_6_38:
            cb = QCheckBox(label)
            self.kl[code] = cb
            box_layout.addWidget(cb)
        self.warning = QLabel()
        self.warning.setWordWrap(True)
        self.warning.setStyleSheet("color: #8A5A00")
        self.error = QLabel()
        self.error.setStyleSheet("color: #A61B1B")
        self.error.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(box)
        layout.addWidget(self.warning)
        layout.addWidget(self.error)
        layout.addWidget(ok_cancel(self))
        self.arende.textChanged.connect(lambda t: self.warning.setText("\n".join(kl638_warnings(t))))
        self.limit_kind.currentIndexChanged.connect(self._sync)
        if row is not None:
            self.arende.setText(row.arende)
            self.delegat.setCurrentIndex(self.delegat.findData(row.delegat))
            self.ersattare.setCurrentIndex(max(self.ersattare.findData(row.ersattare), 0))
            self.limit_kind.setCurrentIndex(self.limit_kind.findData(row.limit.kind))
            if row.limit.value is not None:
                self.limit_value.setText(format(row.limit.value.normalize(), "f").replace(".", ","))
            self.anmalas.setChecked(row.anmalas)
            self.anteckning.setText(row.anteckning)
        self._sync()
        self.result_row: DelegationRow | None = None
        self.ticked: tuple[str, ...] = ()

    def _sync(self) -> None:
        self.limit_value.setEnabled(enum_of(LimitKind, self.limit_kind.currentData()) is not LimitKind.INGEN)

    def accept(self) -> None:
        try:
            kind = LimitKind(self.limit_kind.currentData())
            value = optional_amount(self.limit_value.text(), "Beloppsgräns") if kind is not LimitKind.INGEN else None
            row = DelegationRow(
                id=self._row.id if self._row else 0,
                position=self._row.position if self._row else 0,
                arende=self.arende.text().strip(),
                delegat=Role(self.delegat.currentData()),
                ersattare=enum_of(Role, self.ersattare.currentData()),
                limit=Limit(kind, value),
                anmalas=self.anmalas.isChecked(),
                anteckning=self.anteckning.text().strip(),
            )
            ticked = tuple(code for code, cb in self.kl.items() if cb.isChecked())
            validate_delegation_row(row, ticked)
        except ValidationError as exc:
            self.error.setText(str(exc))
            return
        self.result_row = row
        super().accept()
