"""Dialogs of the Attest & delegation tab: attest row, delegation row (with the KL 6:38 checklist),
version header, adoption, prisbasbelopp and the entry of a delegationsbeslut (with live checks)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from finsam_desktop import clock
from finsam_desktop.domain.attest.delegation import KL_6_38, DelegationRow, Limit, LimitKind, kl638_warnings
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
)
from finsam_desktop.domain.common.dates import iso, parse_date
from finsam_desktop.domain.common.errors import FinsamError, ValidationError
from finsam_desktop.domain.common.money import format_number, parse_amount
from finsam_desktop.domain.organisation.model import ROLE_LABELS, Person, Role
from finsam_desktop.services.attest.dto import DecisionInput, VersionInfo
from finsam_desktop.ui.attest.models import prisbasbelopp_model

ATTEST_ROLES = (
    Role.ORDFORANDE,
    Role.VICE_ORDFORANDE,
    Role.FORBUNDSCHEF,
    Role.SEKRETERARE,
    Role.UTVECKLINGSLEDARE,
    Role.LEDAMOT,
)


def _enum(enum, value):
    """Combo data comes back from Qt as plain str; map it to the enum (None stays None)."""
    return None if value is None else enum(value)


def _buttons(dialog: QDialog) -> QDialogButtonBox:
    box = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
    box.accepted.connect(dialog.accept)
    box.rejected.connect(dialog.reject)
    return box


def _amount(text: str, field: str) -> Decimal | None:
    text = text.strip()
    return parse_amount(text, field) if text else None


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
        k = _enum(PartyKind, self.kind.currentData())
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
        k = _enum(PartyKind, self.kind.currentData())
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
        layout.addWidget(_buttons(self))
        self.scope_kind.currentIndexChanged.connect(
            lambda: self.scope_value.setEnabled(
                _enum(ScopeKind, self.scope_kind.currentData()) is not ScopeKind.GENERELL
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
        self.scope_value.setEnabled(_enum(ScopeKind, self.scope_kind.currentData()) is not ScopeKind.GENERELL)
        self.result_row: AttestRow | None = None

    def accept(self) -> None:
        from finsam_desktop.domain.attest.rules import validate_attest_row

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
                maxbelopp=_amount(self.maxbelopp.text(), "Maxbelopp"),
                anmarkning=self.anmarkning.text().strip(),
            )
            validate_attest_row(row)
        except ValidationError as exc:
            self.error.setText(str(exc))
            return
        self.result_row = row
        super().accept()


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
        layout.addWidget(_buttons(self))
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
        self.limit_value.setEnabled(_enum(LimitKind, self.limit_kind.currentData()) is not LimitKind.INGEN)

    def accept(self) -> None:
        from finsam_desktop.domain.attest.delegation import validate_delegation_row

        try:
            kind = LimitKind(self.limit_kind.currentData())
            value = _amount(self.limit_value.text(), "Beloppsgräns") if kind is not LimitKind.INGEN else None
            row = DelegationRow(
                id=self._row.id if self._row else 0,
                position=self._row.position if self._row else 0,
                arende=self.arende.text().strip(),
                delegat=Role(self.delegat.currentData()),
                ersattare=_enum(Role, self.ersattare.currentData()),
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


class VersionDialog(QDialog):
    """Header of a draft version: benämning, giltighet, adress (for the signaturlista)."""

    def __init__(self, version: VersionInfo | None, kind_label: str, default_year: int, parent=None):
        super().__init__(parent)
        self.setWindowTitle(f"{kind_label} – uppgifter")
        form = QFormLayout()
        self.titel = QLineEdit(version.titel if version else f"{kind_label} {default_year}")
        self.valid_from = QLineEdit(iso(version.valid_from) if version else f"{default_year}-01-01")
        self.valid_to = QLineEdit(
            iso(version.valid_to) if version and version.valid_to else ("" if version else f"{default_year}-12-31")
        )
        self.valid_to.setPlaceholderText("tomt = tills vidare")
        self.adress = QPlainTextEdit(version.adress if version else "")
        self.adress.setFixedHeight(70)
        form.addRow("Benämning", self.titel)
        form.addRow("Gäller från", self.valid_from)
        form.addRow("Gäller till", self.valid_to)
        form.addRow("Adress (signaturlista)", self.adress)
        self.error = QLabel()
        self.error.setStyleSheet("color: #A61B1B")
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(_buttons(self))
        self.values: dict | None = None

    def accept(self) -> None:
        try:
            start = parse_date(self.valid_from.text(), "Gäller från")
            end = parse_date(self.valid_to.text(), "Gäller till") if self.valid_to.text().strip() else None
            if not self.titel.text().strip():
                raise ValidationError("får inte vara tom.", "Benämning")
            if end is not None and end < start:
                raise ValidationError("slutdatum ligger före startdatum.", "Gäller till")
        except ValidationError as exc:
            self.error.setText(str(exc))
            return
        self.values = {
            "titel": self.titel.text().strip(),
            "valid_from": start,
            "valid_to": end,
            "adress": self.adress.toPlainText().strip(),
        }
        super().accept()


class AdoptDialog(QDialog):
    """Anta: pick the styrelse § (from the protocols) or write the reference."""

    def __init__(self, version: VersionInfo, paragraphs: list[tuple[int, str]], parent=None):
        super().__init__(parent)
        self.setWindowTitle(f"Anta {version.titel}")
        self.paragraph = QComboBox()
        self.paragraph.addItem("– skriv hänvisningen nedan –", None)
        for item_id, text in paragraphs:
            self.paragraph.addItem(text, item_id)
        self.text = QLineEdit()
        self.text.setPlaceholderText("t.ex. Styrelsen 2025-11-21 § 129")
        self.adopted_on = QLineEdit()
        self.adopted_on.setPlaceholderText("ÅÅÅÅ-MM-DD")
        form = QFormLayout()
        form.addRow("Antagen vid §", self.paragraph)
        form.addRow("eller hänvisning", self.text)
        form.addRow("Beslutsdatum", self.adopted_on)
        note = QLabel("En antagen version kan aldrig ändras. Ändringar görs i en ny version.")
        note.setWordWrap(True)
        self.error = QLabel()
        self.error.setStyleSheet("color: #A61B1B")
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(note)
        layout.addWidget(self.error)
        layout.addWidget(_buttons(self))
        self.values: dict | None = None

    def accept(self) -> None:
        try:
            item_id = self.paragraph.currentData()
            text = self.text.text().strip()
            if item_id is None and not text:
                raise ValidationError("välj en § eller skriv hänvisningen.", "Antagen vid")
            on = parse_date(self.adopted_on.text(), "Beslutsdatum") if self.adopted_on.text().strip() else None
        except ValidationError as exc:
            self.error.setText(str(exc))
            return
        self.values = {"agenda_item_id": item_id, "adopted_text": text, "adopted_on": on}
        super().accept()


class PrisbasbeloppDialog(QDialog):
    """The editable table of prisbasbelopp per year."""

    def __init__(self, service, read_only: bool, parent=None):
        super().__init__(parent)
        self.service = service
        self.setWindowTitle("Prisbasbelopp")
        self.model = prisbasbelopp_model(self)
        view = QTableView()
        view.setModel(self.model)
        view.horizontalHeader().setStretchLastSection(True)
        view.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.view = view
        self.year = QSpinBox()
        self.year.setRange(1990, 2100)
        self.year.setValue(clock.today().year + 1)
        self.amount = QLineEdit()
        self.amount.setPlaceholderText("belopp i kronor")
        save = QPushButton("Spara år")
        remove = QPushButton("Ta bort markerat år")
        save.clicked.connect(self._save)
        remove.clicked.connect(self._remove)
        for w in (self.year, self.amount, save, remove):
            w.setEnabled(not read_only)
        row = QHBoxLayout()
        row.addWidget(QLabel("År"))
        row.addWidget(self.year)
        row.addWidget(self.amount, 1)
        row.addWidget(save)
        self.error = QLabel()
        self.error.setStyleSheet("color: #A61B1B")
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("Gränser i prisbasbelopp räknas med beloppet för det år beslutet fattas."))
        layout.addWidget(view)
        layout.addLayout(row)
        layout.addWidget(remove)
        layout.addWidget(self.error)
        layout.addWidget(close)
        view.clicked.connect(self._pick)
        self._load(service.rows.prisbasbelopp())

    def _load(self, table: dict) -> None:
        self.model.set_rows(sorted(table.items()))

    def _pick(self, index) -> None:
        year, amount = self.model.row_at(index.row())
        self.year.setValue(year)
        self.amount.setText(format_number(amount))

    def _save(self) -> None:
        try:
            amount = parse_amount(self.amount.text(), f"Prisbasbelopp {self.year.value()}")
            self._load(self.service.rows.set_prisbasbelopp(self.year.value(), amount))
            self.error.setText("")
        except FinsamError as exc:
            self.error.setText(str(exc))

    def _remove(self) -> None:
        rows = self.view.selectionModel().selectedRows()
        if rows:
            year = self.model.row_at(rows[0].row())[0]
            self._load(self.service.rows.set_prisbasbelopp(year, None))


class DecisionDialog(QDialog):
    """Register a delegationsbeslut; checks against the delegationsordning in force are shown live."""

    def __init__(self, service, persons: list[Person], decision=None, parent=None):
        super().__init__(parent)
        self.service = service
        self.setWindowTitle("Delegationsbeslut")
        self.setMinimumWidth(620)
        self._id = decision.id if decision else 0
        form = QFormLayout()
        self.datum = QLineEdit(iso(decision.datum) if decision else iso(clock.today()))
        self.delegat = QComboBox()
        self.delegat.setEditable(False)
        for p in persons:
            self.delegat.addItem(p.namn)
        self.row = QComboBox()
        self.arende = QLineEdit(decision.arende if decision else "")
        self.belopp = QLineEdit(format_number(decision.belopp) if decision and decision.belopp is not None else "")
        self.belopp.setPlaceholderText("tomt om beslutet saknar belopp")
        self.beslut = QPlainTextEdit(decision.beslut if decision else "")
        self.beslut.setFixedHeight(80)
        self.dnr = QLineEdit(decision.diarienummer if decision else "")
        for label, w in (
            ("Datum", self.datum),
            ("Delegat", self.delegat),
            ("Delegation", self.row),
            ("Ärende", self.arende),
            ("Belopp", self.belopp),
            ("Beslut", self.beslut),
            ("Diarienummer", self.dnr),
        ):
            form.addRow(label, w)
        self.warnings = QLabel()
        self.warnings.setWordWrap(True)
        self.error = QLabel()
        self.error.setStyleSheet("color: #A61B1B")
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.warnings)
        layout.addWidget(self.error)
        layout.addWidget(_buttons(self))
        if decision:
            self.delegat.setCurrentText(decision.delegat_namn)
        self._rows_for(decision.row_id if decision else None)
        self.datum.editingFinished.connect(lambda: self._rows_for(self.row.currentData()))
        for signal in (self.delegat.currentIndexChanged, self.row.currentIndexChanged):
            signal.connect(self._recheck)
        self.belopp.textChanged.connect(self._recheck)
        self._recheck()
        self.entry: DecisionInput | None = None

    def _date(self) -> date | None:
        try:
            return parse_date(self.datum.text(), "Datum")
        except ValidationError:
            return None

    def _rows_for(self, keep: int | None) -> None:
        day = self._date()
        self.row.blockSignals(True)
        self.row.clear()
        self.row.addItem("– ingen rad –", None)
        if day is not None:
            for r in self.service.rows.delegation_rows_on(day):
                self.row.addItem(f"{r.arende} ({r.delegat_text}, {r.limit.text})", r.id)
        idx = self.row.findData(keep)
        if idx < 0 and keep is not None:
            self.row.addItem("(rad ur annan version)", keep)
            idx = self.row.count() - 1
        self.row.setCurrentIndex(max(idx, 0))
        self.row.blockSignals(False)
        self._recheck()

    def _input(self) -> DecisionInput:
        return DecisionInput(
            datum=parse_date(self.datum.text(), "Datum"),
            delegat_namn=self.delegat.currentText(),
            row_id=self.row.currentData(),
            arende=self.arende.text().strip(),
            belopp=_amount(self.belopp.text(), "Belopp"),
            beslut=self.beslut.toPlainText().strip(),
            diarienummer=self.dnr.text().strip(),
            id=self._id,
        )

    def _recheck(self) -> None:
        try:
            entry = self._input()
        except ValidationError as exc:
            self.warnings.setText(str(exc))
            return
        result = self.service.decisions.check_decision(replace(entry, arende=entry.arende or "–"))
        if result.warnings:
            self.warnings.setStyleSheet("color: #A61B1B")
            self.warnings.setText("⚠ " + "\n⚠ ".join(result.warnings))
        else:
            limit = f" (gräns {format_number(result.limit_kr)} kr)" if result.limit_kr is not None else ""
            self.warnings.setStyleSheet("color: #1E6B34")
            self.warnings.setText(f"Beslutet ryms i delegationsordningen{limit}.")

    def accept(self) -> None:
        try:
            entry = self._input()
            if not entry.arende:
                raise ValidationError("får inte vara tomt.", "Ärende")
        except ValidationError as exc:
            self.error.setText(str(exc))
            return
        result = self.service.decisions.check_decision(entry)
        if not result.ok:
            answer = QMessageBox.question(
                self,
                "Beslutet avviker från delegationsordningen",
                "\n".join(result.warnings) + "\n\nRegistrera beslutet ändå? Det visas som avvikande i registret.",
            )
            if answer != QMessageBox.StandardButton.Yes:
                return
        self.entry = entry
        super().accept()


__all__ = [
    "AdoptDialog",
    "AttestRowDialog",
    "DecisionDialog",
    "DelegationRowDialog",
    "PrisbasbeloppDialog",
    "VersionDialog",
]
