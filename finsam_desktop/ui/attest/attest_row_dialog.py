"""A row of the attestordning: kind, scope, ordinarie and ersättare (role, person or external party)."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from finsam_desktop.domain.attest.rules import (
    ATTEST_TYPE_LABELS,
    AVSER_LABELS,
    SCOPE_LABELS,
    AttestRow,
    AttestType,
    Avser,
    Party,
    PartyKind,
    ScopeKind,
    validate_attest_row,
)
from finsam_desktop.domain.common.errors import ValidationError
from finsam_desktop.domain.common.money import format_number
from finsam_desktop.domain.organisation.model import ROLE_LABELS, Person, Role
from finsam_desktop.ui.attest.dialog_common import ATTEST_ROLES, enum_of, ok_cancel, optional_amount


class PartyEditor(QWidget):
    """Role (resolved through the mandates), a named person, an external party, or nobody."""

    def __init__(self, persons: list[Person], allow_none: bool, parent=None):
        super().__init__(parent)
        self.persons = persons
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.kind = QComboBox()
        if allow_none:
            self.kind.addItem("– ingen –", None)
        self.kind.addItem("Roll", PartyKind.ROLE)
        self.kind.addItem("Namngiven person", PartyKind.PERSON)
        self.kind.addItem("Extern part", PartyKind.EXTERNAL)
        self.role = QComboBox()
        for r in ATTEST_ROLES:
            self.role.addItem(ROLE_LABELS[r], r)
        self.person = QComboBox()
        for p in persons:
            self.person.addItem(p.namn, p.id)
        self.external = QLineEdit()
        self.external.setPlaceholderText("t.ex. Ekonomiservice, Ådalens kommun")
        for w in (self.kind, self.role, self.person, self.external):
            layout.addWidget(w)
        self.kind.currentIndexChanged.connect(self._sync)
        self._sync()

    def _sync(self) -> None:
        k = enum_of(PartyKind, self.kind.currentData())
        self.role.setVisible(k is PartyKind.ROLE)
        self.person.setVisible(k is PartyKind.PERSON)
        self.external.setVisible(k is PartyKind.EXTERNAL)

    def set_party(self, party: Party | None) -> None:
        idx = self.kind.findData(party.kind if party else None)
        self.kind.setCurrentIndex(max(idx, 0))
        if party is None:
            return
        if party.role is not None:
            self.role.setCurrentIndex(max(self.role.findData(party.role), 0))
        if party.person_id:
            self.person.setCurrentIndex(max(self.person.findData(party.person_id), 0))
        if party.kind is PartyKind.EXTERNAL:
            self.external.setText(party.namn)
        self._sync()

    def party(self) -> Party | None:
        k = enum_of(PartyKind, self.kind.currentData())
        if k is None:
            return None
        if k is PartyKind.ROLE:
            return Party.of_role(Role(self.role.currentData()))
        if k is PartyKind.PERSON:
            if self.person.currentData() is None:
                return Party(PartyKind.PERSON)
            return Party(PartyKind.PERSON, person_id=self.person.currentData(), namn=self.person.currentText())
        return Party.external(self.external.text())


class AttestRowDialog(QDialog):
    def __init__(self, persons: list[Person], row: AttestRow | None = None, parent=None):
        super().__init__(parent)
        self.setWindowTitle("Rad i attestordningen")
        self.setMinimumWidth(640)
        self._row = row
        form = QFormLayout()
        self.typ = QComboBox()
        for t in AttestType:
            self.typ.addItem(ATTEST_TYPE_LABELS[t], t)
        self.benamning = QLineEdit()
        self.scope_kind = QComboBox()
        for k in ScopeKind:
            self.scope_kind.addItem(SCOPE_LABELS[k], k)
        self.scope_value = QLineEdit()
        self.scope_value.setPlaceholderText("kostnadsställe, insats eller konto")
        self.avser = QComboBox()
        for a in Avser:
            self.avser.addItem(AVSER_LABELS[a], a)
        self.ordinarie = PartyEditor(persons, allow_none=True)
        self.ersattare = PartyEditor(persons, allow_none=True)
        self.signers = QComboBox()
        self.signers.addItem("En person", 1)
        self.signers.addItem("Två i förening", 2)
        self.maxbelopp = QLineEdit()
        self.maxbelopp.setPlaceholderText("tomt = inget tak")
        self.anmarkning = QLineEdit()
        scope = QHBoxLayout()
        scope.addWidget(self.scope_kind)
        scope.addWidget(self.scope_value, 1)
        for label, w in (
            ("Attesttyp", self.typ),
            ("Benämning", self.benamning),
            ("Avser", self.avser),
            ("Ordinarie", self.ordinarie),
            ("Ersättare", self.ersattare),
            ("Signering", self.signers),
            ("Maxbelopp per utbetalning", self.maxbelopp),
            ("Anmärkning", self.anmarkning),
        ):
            form.addRow(label, w)
        form.insertRow(2, "Omfattning", scope)
        self.error = QLabel()
        self.error.setStyleSheet("color: #A61B1B")
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(ok_cancel(self))
        self.scope_kind.currentIndexChanged.connect(
            lambda: self.scope_value.setEnabled(
                enum_of(ScopeKind, self.scope_kind.currentData()) is not ScopeKind.GENERELL
            )
        )
        if row is not None:
            self.typ.setCurrentIndex(self.typ.findData(row.typ))
            self.benamning.setText(row.benamning)
            self.scope_kind.setCurrentIndex(self.scope_kind.findData(row.scope_kind))
            self.scope_value.setText(row.scope_value)
            self.avser.setCurrentIndex(self.avser.findData(row.avser))
            self.ordinarie.set_party(row.ordinarie)
            self.ersattare.set_party(row.ersattare)
            self.signers.setCurrentIndex(self.signers.findData(row.signers_required))
            self.maxbelopp.setText(format_number(row.maxbelopp) if row.maxbelopp is not None else "")
            self.anmarkning.setText(row.anmarkning)
        else:
            self.ordinarie.set_party(Party.of_role(Role.ORDFORANDE))
        self.scope_value.setEnabled(enum_of(ScopeKind, self.scope_kind.currentData()) is not ScopeKind.GENERELL)
        self.result_row: AttestRow | None = None

    def accept(self) -> None:
        try:
            row = AttestRow(
                id=self._row.id if self._row else 0,
                position=self._row.position if self._row else 0,
                typ=AttestType(self.typ.currentData()),
                benamning=self.benamning.text().strip(),
                ordinarie=self.ordinarie.party(),
                ersattare=self.ersattare.party(),
                scope_kind=ScopeKind(self.scope_kind.currentData()),
                scope_value=self.scope_value.text().strip(),
                avser=Avser(self.avser.currentData()),
                signers_required=self.signers.currentData(),
                maxbelopp=optional_amount(self.maxbelopp.text(), "Maxbelopp"),
                anmarkning=self.anmarkning.text().strip(),
            )
            validate_attest_row(row)
        except ValidationError as exc:
            self.error.setText(str(exc))
            return
        self.result_row = row
        super().accept()
