"""Sub-dialogs of the Förbundet dialog: edit one member, person or mandate.

Each editor builds a domain object from its fields and hands it to ``submit`` (which calls the
service). An error — from the editor's own checks or from the service — is shown inside the
editor, the field it names gets the focus, and the editor stays open: nothing is half-saved.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from finsam_desktop import clock
from finsam_desktop.domain.common.errors import FinsamError, ValidationError
from finsam_desktop.domain.organisation.model import Mandate, Member, MemberKind, Person, Role
from finsam_desktop.domain.organisation.orgnr import normalize_orgnr
from finsam_desktop.ui.widgets.date_edit import IsoDateEdit

ERROR_STYLE = "color: #b3261e;"
OK_STYLE = "color: #1e6b34;"
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


def orgnr_feedback(text: str, required: bool) -> tuple[bool, str]:
    """Live check of an organisationsnummer field: (acceptable, Swedish message)."""
    if not text.strip():
        if required:
            return False, "Organisationsnummer: får inte vara tomt."
        return True, ""
    try:
        value = normalize_orgnr(text)
    except ValidationError as exc:
        return False, str(exc)
    return True, f"✓ {value} är ett giltigt organisationsnummer."


def show_feedback(label: QLabel, ok: bool, text: str) -> None:
    label.setText(text)
    label.setStyleSheet(OK_STYLE if ok else ERROR_STYLE)
    label.setVisible(bool(text))


class RecordEditor(QDialog):
    """Base: a form, an inline error line and OK/Avbryt. Subclasses implement ``build()``."""

    def __init__(self, title: str, submit: Callable[[Any], Any], parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setMinimumWidth(520)
        self._submit = submit
        self.saved: Any = None
        layout = QVBoxLayout(self)
        self.form = QFormLayout()
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        layout.addLayout(self.form)
        self.error = QLabel()
        self.error.setObjectName("editorError")
        self.error.setWordWrap(True)
        self.error.setStyleSheet(ERROR_STYLE)
        self.error.hide()
        layout.addWidget(self.error)
        self.button_box = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.button_box.accepted.connect(self.accept)
        self.button_box.rejected.connect(self.reject)
        layout.addWidget(self.button_box)
        #: field label (as used in ValidationError.field) → widget to focus
        self.fields: dict[str, QWidget] = {}

    def add_field(self, label: str, widget: QWidget, field_name: str | None = None) -> QWidget:
        self.form.addRow(f"{label}:", widget)
        self.fields[field_name or label.rstrip(" *")] = widget
        return widget

    def build(self) -> Any:  # pragma: no cover - abstract
        raise NotImplementedError

    def show_error(self, exc: Exception) -> None:
        self.error.setText(str(exc))
        self.error.show()
        self.adjustSize()  # room for a wrapped message
        widget = self.fields.get(getattr(exc, "field", None) or "")
        if widget is not None:
            widget.setFocus()

    def accept(self) -> None:
        try:
            value = self.build()
            self.saved = self._submit(value)
        except FinsamError as exc:
            self.show_error(exc)
            return
        super().accept()


class MemberEditor(RecordEditor):
    def __init__(self, member: Member | None, submit, parent=None):
        super().__init__("Ändra medlem" if member else "Ny medlem", submit, parent)
        self._id = member.id if member else 0
        self.namn = self.add_field("Namn *", QLineEdit(member.namn if member else ""), "Namn")
        self.kind = QComboBox()
        for kind in MemberKind:
            self.kind.addItem(kind.label, kind)
        self.add_field("Typ", self.kind)
        self.weight = QSpinBox()
        self.weight.setRange(0, 100_000_000)
        self.weight.setGroupSeparatorShown(True)
        self.weight.setToolTip(
            "Medlemmens del av sidans fjärdedel i förhållande till sidans övriga medlemmar, "
            "till exempel befolkning eller procent (44, 27, 29)."
        )
        self.weight.setValue(member.weight if member else 1)
        self.add_field("Fördelningsnyckel", self.weight)
        self.orgnr = QLineEdit(member.orgnr if member else "")
        self.orgnr.setPlaceholderText("NNNNNN-NNNN (frivilligt)")
        self.add_field("Organisationsnummer", self.orgnr)
        self.orgnr_feedback = QLabel()
        self.orgnr_feedback.setWordWrap(True)
        self.orgnr_feedback.hide()
        self.form.addRow("", self.orgnr_feedback)
        self.orgnr.textChanged.connect(self._on_orgnr_changed)
        self.kind.currentIndexChanged.connect(self._on_kind_changed)
        if member:
            self.kind.setCurrentIndex(self.kind.findData(member.kind))
        else:
            self.kind.setCurrentIndex(self.kind.findData(MemberKind.KOMMUN))
        self._on_kind_changed()

    def _on_kind_changed(self) -> None:
        kind = MemberKind(self.kind.currentData())
        self.weight.setEnabled(kind in (MemberKind.REGION, MemberKind.KOMMUN))

    def _on_orgnr_changed(self, text: str) -> None:
        ok, message = orgnr_feedback(text, required=False)
        show_feedback(self.orgnr_feedback, ok, message if not ok else "")
        self.adjustSize()

    def build(self) -> Member:
        kind = MemberKind(self.kind.currentData())
        return Member(self._id, self.namn.text().strip(), kind, self.weight.value(), self.orgnr.text().strip())


class PersonEditor(RecordEditor):
    def __init__(self, person: Person | None, submit, parent=None):
        super().__init__("Ändra person" if person else "Ny person", submit, parent)
        self._id = person.id if person else 0
        p = person or Person(0, "")
        self.namn = self.add_field("Namn *", QLineEdit(p.namn), "Namn")
        self.organisation = self.add_field("Organisation", QLineEdit(p.organisation))
        self.organisation.setPlaceholderText("t.ex. Norrviks kommun")
        self.titel = self.add_field("Titel", QLineEdit(p.titel))
        self.titel.setPlaceholderText("t.ex. Kommunalråd (C)")
        self.epost = self.add_field("E-post", QLineEdit(p.epost))
        self.telefon = self.add_field("Telefon", QLineEdit(p.telefon))
        note = QLabel("Spara bara de kontaktuppgifter kansliet behöver för uppdraget.")
        note.setWordWrap(True)
        note.setStyleSheet("color: palette(mid);")
        self.form.addRow("", note)

    def build(self) -> Person:
        epost = self.epost.text().strip()
        if epost and not _EMAIL.match(epost):
            raise ValidationError(f"”{epost}” är ingen giltig e-postadress.", "E-post")
        return Person(
            self._id,
            self.namn.text().strip(),
            self.organisation.text().strip(),
            self.titel.text().strip(),
            epost,
            self.telefon.text().strip(),
        )


class MandateEditor(RecordEditor):
    def __init__(
        self,
        mandate: Mandate | None,
        persons: list[Person],
        members: list[Member],
        submit,
        parent=None,
        person_id: int | None = None,
    ):
        super().__init__("Ändra uppdrag" if mandate else "Nytt uppdrag", submit, parent)
        self._id = mandate.id if mandate else 0
        self.person = QComboBox()
        self.person.addItem("– välj person –", None)
        for p in sorted(persons, key=lambda p: p.namn.casefold()):
            label = f"{p.namn} ({p.organisation})" if p.organisation else p.namn
            self.person.addItem(label, p.id)
        self.add_field("Person *", self.person, "Person")
        self.role = QComboBox()
        for role in Role:
            self.role.addItem(role.label, role)
        self.add_field("Roll", self.role)
        self.member = QComboBox()
        self.member.addItem("–", None)
        for m in members:
            self.member.addItem(m.namn, m.id)
        self.add_field("Medlem", self.member)
        self.valid_from = self.add_field("Från", IsoDateEdit(), "Från")
        until = QWidget()
        row = QHBoxLayout(until)
        row.setContentsMargins(0, 0, 0, 0)
        self.until_further = QCheckBox("tills vidare")
        self.valid_to = IsoDateEdit()
        row.addWidget(self.valid_to, 1)
        row.addWidget(self.until_further)
        self.add_field("Till", until)
        self.fields["Till"] = self.valid_to
        self.anteckning = self.add_field("Anteckning", QLineEdit())
        self.anteckning.setPlaceholderText("t.ex. vald av kommunfullmäktige 2023-02-20 § 12")
        self.until_further.toggled.connect(lambda on: self.valid_to.setEnabled(not on))
        self.role.currentIndexChanged.connect(self._on_role_changed)

        if mandate:
            self.person.setCurrentIndex(max(0, self.person.findData(mandate.person_id)))
            self.role.setCurrentIndex(self.role.findData(mandate.role))
            self.member.setCurrentIndex(max(0, self.member.findData(mandate.member_id)))
            self.valid_from.set_value(mandate.valid_from)
            self.until_further.setChecked(mandate.valid_to is None)
            self.valid_to.set_value(mandate.valid_to or mandate.valid_from)
            self.anteckning.setText(mandate.anteckning)
        else:
            if person_id is not None:
                self.person.setCurrentIndex(max(0, self.person.findData(person_id)))
            self.valid_to.set_value(date(clock.today().year, 12, 31))
            self.until_further.setChecked(True)
        self._on_role_changed()

    def _on_role_changed(self) -> None:
        role = Role(self.role.currentData())
        self.member.setEnabled(role.needs_member)
        self.member.setToolTip("" if role.needs_member else f"En {role.label.lower()} företräder ingen enskild medlem.")

    def build(self) -> Mandate:
        person_id = self.person.currentData()
        if person_id is None:
            raise ValidationError("välj vem uppdraget gäller.", "Person")
        role = Role(self.role.currentData())
        member_id = self.member.currentData() if role.needs_member else None
        valid_to = None if self.until_further.isChecked() else self.valid_to.value()
        return Mandate(
            self._id,
            person_id,
            role,
            self.valid_from.value(),
            valid_to,
            member_id,
            self.anteckning.text().strip(),
        )


def focus_first(editor: RecordEditor) -> None:
    first = next(iter(editor.fields.values()), None)
    if first is not None:
        first.setFocus(Qt.FocusReason.OtherFocusReason)
