"""Arkiv → Förbundet…: the förbund's details, members and shares, persons and mandates.

Every change is one ForbundService call (one transaction) pushed on the dialog's undo stack,
so Ångra/Gör om (Ctrl+Z / Ctrl+Shift+Z) work for all of it while the dialog is open.
"""

from __future__ import annotations

from collections.abc import Callable
from contextlib import suppress
from dataclasses import dataclass, replace
from datetime import date
from decimal import Decimal
from typing import Any

from PySide6.QtCore import QSortFilterProxyModel, Qt
from PySide6.QtGui import QAction, QColor, QKeySequence, QUndoStack
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QSplitter,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)
from shiboken6 import isValid

from finsam_desktop import clock
from finsam_desktop.domain.common.errors import FinsamError
from finsam_desktop.domain.common.money import format_kr, format_number, parse_amount
from finsam_desktop.domain.organisation.model import (
    STATUTORY_SHARES,
    Beslutforhet,
    Forbund,
    ForbundSettings,
    Mandate,
    Member,
    MemberKind,
    Person,
    Styrelse,
    styrelse_on,
    validate_membership,
)
from finsam_desktop.domain.organisation.orgnr import normalize_orgnr
from finsam_desktop.ui.context import UiContext
from finsam_desktop.ui.formatting import date_text
from finsam_desktop.ui.organisation.editors import (
    ERROR_STYLE,
    MandateEditor,
    MemberEditor,
    PersonEditor,
    RecordEditor,
    focus_first,
    orgnr_feedback,
    show_feedback,
)
from finsam_desktop.ui.widgets.date_edit import IsoDateEdit
from finsam_desktop.ui.widgets.table_model import (
    ROW_ROLE,
    SORT_ROLE,
    Column,
    RowTableModel,
)
from finsam_desktop.ui.widgets.undo import perform

MUTED = QColor("#7a7a7a")
WARNING_STYLE = "background: #fff4ce; color: #5c4400; padding: 6px; border-radius: 3px;"


@dataclass(frozen=True)
class Snapshot:
    """Everything the dialog shows, read once per refresh."""

    forbund: Forbund
    members: tuple[Member, ...]
    persons: tuple[Person, ...]
    mandates: tuple[Mandate, ...]

    def person(self, person_id: int) -> Person | None:
        return next((p for p in self.persons if p.id == person_id), None)

    def member(self, member_id: int | None) -> Member | None:
        return next((m for m in self.members if m.id == member_id), None)


# --- computed texts -------------------------------------------------------------------------------
def _pct(value: Decimal, decimals: int | None = None) -> str:
    if decimals is None:
        decimals = 0 if value == value.to_integral_value() else 1
    return format_number(value, decimals)


_SIDE_QUARTER = {MemberKind.REGION: "regionernas fjärdedel", MemberKind.KOMMUN: "kommunernas fjärdedel"}


def share_of_total(member: Member, members: tuple[Member, ...] | list[Member]) -> Decimal:
    """The member's share of the förbund's total financing (0–1)."""
    if member.kind is MemberKind.FORSAKRINGSKASSAN:
        return STATUTORY_SHARES[member.kind.side]
    if member.kind is MemberKind.ARBETSFORMEDLINGEN:
        return Decimal(0)
    side = [m for m in members if m.kind is member.kind]
    total = sum(m.weight for m in side)
    if total <= 0:
        return Decimal(0)
    return STATUTORY_SHARES[member.kind.side] * Decimal(member.weight) / Decimal(total)


def share_text(member: Member, members: tuple[Member, ...] | list[Member]) -> str:
    """``44 % av kommunernas fjärdedel = 11,0 % av totalen``."""
    if member.kind is MemberKind.FORSAKRINGSKASSAN:
        return "statens hälft = 50,0 % av totalen"
    if member.kind is MemberKind.ARBETSFORMEDLINGEN:
        return "ingår i statens hälft (betalas via Försäkringskassan)"
    side = [m for m in members if m.kind is member.kind]
    total = sum(m.weight for m in side)
    if total <= 0:
        return f"fördelningsnyckeln för {_SIDE_QUARTER[member.kind]} summerar till noll"
    of_total = _pct(share_of_total(member, members) * 100, 1)
    if len(side) == 1:
        return f"hela {_SIDE_QUARTER[member.kind]} = {of_total} % av totalen"
    of_side = _pct(Decimal(member.weight) * 100 / Decimal(total))
    return f"{of_side} % av {_SIDE_QUARTER[member.kind]} = {of_total} % av totalen"


@dataclass(frozen=True)
class ContributionRow:
    namn: str
    part: str
    belopp: Decimal


@dataclass(frozen=True)
class PersonRow:
    person: Person
    roles_today: str


@dataclass(frozen=True)
class MandateRow:
    mandate: Mandate
    person: str
    member: str


# --- shared pieces --------------------------------------------------------------------------------
class RecordTable(QWidget):
    """A sortable, filterable table with Lägg till / Ändra / Ta bort buttons."""

    def __init__(
        self, columns: list[Column], add_text: str, filter_text: str | None = None, sortable: bool = True, parent=None
    ):
        super().__init__(parent)
        self.model = RowTableModel(columns, parent=self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setSortRole(SORT_ROLE)
        self.proxy.setSortLocaleAware(True)
        self.proxy.setSortCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.proxy.setFilterKeyColumn(-1)
        self.view = QTableView()
        self.view.setModel(self.proxy)
        self.view.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QTableView.SelectionMode.SingleSelection)
        self.view.setAlternatingRowColors(True)
        self.view.setWordWrap(False)
        if sortable:
            self.view.setSortingEnabled(True)
            self.view.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        self.view.verticalHeader().hide()
        self.view.horizontalHeader().setStretchLastSection(True)
        self.view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.add_button = QPushButton(add_text)
        self.edit_button = QPushButton("Ändra…")
        self.remove_button = QPushButton("Ta bort")
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.edit_button)
        buttons.addWidget(self.remove_button)
        self._buttons = buttons
        self._row_buttons: list[QPushButton] = [self.edit_button, self.remove_button]
        buttons.addStretch(1)
        if filter_text:
            self.filter = QLineEdit()
            self.filter.setPlaceholderText(filter_text)
            self.filter.setClearButtonEnabled(True)
            self.filter.setMaximumWidth(260)
            self.filter.textChanged.connect(self.proxy.setFilterFixedString)
            buttons.addWidget(self.filter)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.view, 1)
        layout.addLayout(buttons)
        self.view.selectionModel().selectionChanged.connect(self._update_buttons)
        self._editable = True
        self._update_buttons()

    def add_row_button(self, text: str) -> QPushButton:
        """Another button that acts on the selected row (enabled like Ändra/Ta bort)."""
        button = QPushButton(text)
        self._buttons.insertWidget(len(self._row_buttons) + 1, button)
        self._row_buttons.append(button)
        self._update_buttons()
        return button

    def set_rows(self, rows) -> None:
        selected = self.selected()
        self.model.set_rows(rows)
        self.view.resizeColumnsToContents()
        if selected is not None:
            self.select_where(lambda r: r == selected)
        self._update_buttons()

    def set_editable(self, editable: bool) -> None:
        self._editable = editable
        self.add_button.setEnabled(editable)
        self._update_buttons()

    def selected(self) -> Any:
        rows = self.view.selectionModel().selectedRows()
        if not rows:
            return None
        return rows[0].data(ROW_ROLE)

    def select_where(self, predicate: Callable[[Any], bool]) -> bool:
        for r in range(self.proxy.rowCount()):
            index = self.proxy.index(r, 0)
            if predicate(index.data(ROW_ROLE)):
                self.view.selectRow(r)
                self.view.scrollTo(index)
                return True
        return False

    def _update_buttons(self) -> None:
        has = self.selected() is not None
        for button in self._row_buttons:
            button.setEnabled(has and self._editable)


def _heading(text: str) -> QLabel:
    label = QLabel(f"<b>{text}</b>")
    return label


def _hint(text: str, wrap: bool = True) -> QLabel:
    label = QLabel(text)
    label.setWordWrap(wrap)
    label.setStyleSheet("color: palette(mid);")
    return label


# --- page: Förbundet ------------------------------------------------------------------------------
class ForbundPage(QWidget):
    """The förbund's details and the settings the förbundsordning decides."""

    def __init__(self, dialog: ForbundDialog):
        super().__init__()
        self.dialog = dialog
        self.loaded: Forbund | None = None
        self._loading = False
        outer = QVBoxLayout(self)
        details = QGroupBox("Uppgifter om förbundet")
        form = QFormLayout(details)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        self.namn = QLineEdit()
        self.orgnr = QLineEdit()
        self.orgnr.setPlaceholderText("NNNNNN-NNNN")
        self.orgnr.setMaximumWidth(180)
        self.orgnr_feedback = QLabel()
        self.orgnr_feedback.setObjectName("orgnrFeedback")
        self.orgnr_feedback.setWordWrap(True)
        self.sate = QLineEdit()
        self.postadress = QPlainTextEdit()
        self.postadress.setTabChangesFocus(True)
        self.postadress.setFixedHeight(self.fontMetrics().lineSpacing() * 4 + 12)
        self.anslagstavla = QLineEdit()
        self.anslagstavla.setPlaceholderText("https://… eller en plats, t.ex. kommunhusets entré")
        self.forvaringsplats = QLineEdit()
        self.forvaringsplats.setPlaceholderText("t.ex. Förbundets kansli, Storgatan 12")
        form.addRow("Namn:", self.namn)
        form.addRow("Organisationsnummer:", self.orgnr)
        form.addRow("", self.orgnr_feedback)
        form.addRow("Säte:", self.sate)
        form.addRow("Postadress:", self.postadress)
        form.addRow("Anslagstavla:", self.anslagstavla)
        form.addRow(
            "", _hint("Där justeringen av protokoll tillkännages (KL 8:12): en webbadress eller en plats.", wrap=False)
        )
        form.addRow("Förvaringsplats:", self.forvaringsplats)
        form.addRow("", _hint("Där protokollen förvaras; skrivs i tillkännagivandet om justering.", wrap=False))
        outer.addWidget(details)

        rules = QGroupBox("Enligt förbundsordningen")
        rform = QFormLayout(rules)
        rform.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.FieldsStayAtSizeHint)
        self.kallelse = self._spin(
            0,
            60,
            " dagar före sammanträdet",
            "Hur många dagar före sammanträdet kallelsen ska skickas (förbundsordningen/arbetsordningen).",
        )
        self.justering = self._spin(
            1,
            60,
            " dagar efter sammanträdet",
            "Protokollet ska justeras senast 14 dagar efter sammanträdet (KL 5:69 och 6:35).",
        )
        self.anslag = self._spin(
            0,
            30,
            " dagar efter justeringen",
            "Justeringen ska tillkännages på anslagstavlan senast andra dagen efter justeringen (KL 8:12).",
        )
        self.overklagande = self._spin(
            1,
            12,
            " veckor efter anslaget",
            "Överklagandetid: tre veckor från tillkännagivandet på anslagstavlan (KL 13:5).",
        )
        rform.addRow("Kallelse skickas:", self.kallelse)
        rform.addRow("Justering senast:", self.justering)
        rform.addRow("Anslag senast:", self.anslag)
        rform.addRow("Överklagandetid:", self.overklagande)
        self.beslutforhet = QComboBox()
        self.beslutforhet.setObjectName("beslutforhet")
        for rule in Beslutforhet:
            self.beslutforhet.addItem(rule.label, rule)
        self.beslutforhet.setToolTip(
            "Hur många ledamöter som måste delta för att styrelsen ska vara beslutför. Kommunallagen "
            "(6 kap. 27 §) kräver mer än hälften för en nämnd; välj ”minst hälften” bara om "
            "förbundsordningen säger så."
        )
        rform.addRow("Beslutförhet:", self.beslutforhet)
        rform.addRow(
            "",
            _hint(
                "Kommunallagen (6 kap. 27 §) kräver mer än hälften; välj ”minst hälften” bara om förbundsordningen säger så.",
                wrap=False,
            ),
        )
        self.defaults_button = QPushButton("Standardvärden (7, 14, 2, 3, mer än hälften)")
        self.defaults_button.clicked.connect(self._on_defaults)
        rform.addRow("", self.defaults_button)
        outer.addWidget(rules)
        outer.addStretch(1)

        buttons = QHBoxLayout()
        buttons.addStretch(1)
        self.revert_button = QPushButton("Förkasta ändringar")
        self.save_button = QPushButton("Spara ändringar")
        self.save_button.setObjectName("saveForbund")
        buttons.addWidget(self.revert_button)
        buttons.addWidget(self.save_button)
        outer.addLayout(buttons)
        self.save_button.clicked.connect(self.save)
        self.revert_button.clicked.connect(lambda: self.load(self.loaded, force=True))

        for edit in (self.namn, self.orgnr, self.sate, self.anslagstavla, self.forvaringsplats):
            edit.textChanged.connect(self._on_edited)
            edit.returnPressed.connect(self._on_return)
        self.postadress.textChanged.connect(self._on_edited)
        for spin in (self.kallelse, self.justering, self.anslag, self.overklagande):
            spin.valueChanged.connect(self._on_edited)
        self.beslutforhet.currentIndexChanged.connect(self._on_edited)

    @staticmethod
    def _spin(low: int, high: int, suffix: str, tip: str) -> QSpinBox:
        spin = QSpinBox()
        spin.setRange(low, high)
        spin.setSuffix(suffix)
        spin.setToolTip(tip)
        spin.setMinimumWidth(260)
        return spin

    def _on_return(self) -> None:
        if self.save_button.isEnabled():
            self.save()

    def _on_defaults(self) -> None:
        d = ForbundSettings()
        self.kallelse.setValue(d.kallelse_dagar)
        self.justering.setValue(d.justering_dagar)
        self.anslag.setValue(d.anslag_dagar)
        self.overklagande.setValue(d.overklagande_veckor)
        self._set_rule(d.beslutforhet)

    def _set_rule(self, rule: Beslutforhet) -> None:
        self.beslutforhet.setCurrentIndex(max(0, self.beslutforhet.findData(Beslutforhet(rule))))

    def _rule(self) -> Beslutforhet:
        data = self.beslutforhet.currentData()
        return Beslutforhet(data) if data is not None else Beslutforhet.MER_AN_HALFTEN

    def load(self, forbund: Forbund | None, force: bool = False) -> None:
        """Show ``forbund``; unsaved edits are kept unless ``force``."""
        if forbund is None or (self.is_dirty() and not force):
            self.loaded = forbund if forbund is not None else self.loaded
            self._update_state()
            return
        self.loaded = forbund
        self._loading = True
        try:
            self.namn.setText(forbund.namn)
            self.orgnr.setText(forbund.orgnr)
            self.sate.setText(forbund.sate)
            self.postadress.setPlainText(forbund.postadress)
            self.anslagstavla.setText(forbund.anslagstavla)
            self.forvaringsplats.setText(forbund.forvaringsplats)
            st = forbund.settings
            self.kallelse.setValue(st.kallelse_dagar)
            self.justering.setValue(st.justering_dagar)
            self.anslag.setValue(st.anslag_dagar)
            self.overklagande.setValue(st.overklagande_veckor)
            self._set_rule(st.beslutforhet)
        finally:
            self._loading = False
        self._update_state()

    def form_value(self) -> Forbund:
        assert self.loaded is not None
        return replace(
            self.loaded,
            namn=self.namn.text().strip(),
            orgnr=self.orgnr.text().strip(),
            sate=self.sate.text().strip(),
            postadress=self.postadress.toPlainText().strip(),
            anslagstavla=self.anslagstavla.text().strip(),
            forvaringsplats=self.forvaringsplats.text().strip(),
            settings=ForbundSettings(
                self.kallelse.value(),
                self.justering.value(),
                self.anslag.value(),
                self.overklagande.value(),
                self._rule(),
            ),
        )

    def is_dirty(self) -> bool:
        if self.loaded is None or self.dialog.read_only:
            return False
        current = self.form_value()
        with suppress(FinsamError):  # an invalid number is compared as typed
            current = replace(current, orgnr=normalize_orgnr(current.orgnr))
        return current != self.loaded

    def _on_edited(self) -> None:
        if not self._loading:
            self._update_state()

    def _update_state(self) -> None:
        ok, message = orgnr_feedback(self.orgnr.text(), required=True)
        # A valid, unchanged number needs no confirmation line.
        if ok and self.loaded is not None and self.orgnr.text().strip() == self.loaded.orgnr:
            message = ""
        show_feedback(self.orgnr_feedback, ok, message)
        dirty = self.is_dirty()
        writable = not self.dialog.read_only
        self.save_button.setEnabled(writable and dirty and ok and bool(self.namn.text().strip()))
        self.revert_button.setEnabled(writable and dirty)

    def set_editable(self, editable: bool) -> None:
        for edit in (self.namn, self.orgnr, self.sate, self.anslagstavla, self.forvaringsplats):
            edit.setReadOnly(not editable)
        self.postadress.setReadOnly(not editable)
        for spin in (self.kallelse, self.justering, self.anslag, self.overklagande):
            spin.setReadOnly(not editable)
            spin.setButtonSymbols(QSpinBox.ButtonSymbols.UpDownArrows if editable else QSpinBox.ButtonSymbols.NoButtons)
        self.beslutforhet.setEnabled(editable)
        self.defaults_button.setEnabled(editable)
        self.save_button.setVisible(editable)
        self.revert_button.setVisible(editable)
        self._update_state()

    def save(self) -> bool:
        """Validate and save through the service; on error show it and save nothing."""
        if self.dialog.read_only or self.loaded is None:
            return False
        try:
            self.dialog.save_forbund(self.form_value())
        except FinsamError as exc:
            self.dialog.show_message(str(exc), error=True)
            return False
        return True


# --- page: Medlemmar ------------------------------------------------------------------------------
class MembersPage(QWidget):
    def __init__(self, dialog: ForbundDialog):
        super().__init__()
        self.dialog = dialog
        self._members: tuple[Member, ...] = ()
        layout = QVBoxLayout(self)
        layout.addWidget(
            _hint(
                "Finsamlagen § 5: staten finansierar hälften (via Försäkringskassan), regionerna en fjärdedel "
                "och kommunerna en fjärdedel. Fördelningsnyckeln delar en sidas fjärdedel mellan flera "
                "regioner eller kommuner, till exempel efter befolkning."
            )
        )
        self.table = RecordTable(
            [
                Column("Namn", lambda m: m.namn),
                Column("Typ", lambda m: m.kind.label),
                Column("Fördelningsnyckel", self._weight_text, sort_key=lambda m: m.weight, align_right=True),
                Column(
                    "Andel",
                    lambda m: share_text(m, self._members),
                    sort_key=lambda m: float(share_of_total(m, self._members)),
                ),
                Column("Organisationsnummer", lambda m: m.orgnr or "–"),
            ],
            "Lägg till medlem…",
            sortable=False,  # keep the förbundsordning's order
        )
        layout.addWidget(self.table, 1)
        self.warnings = QLabel()
        self.warnings.setObjectName("membershipWarnings")
        self.warnings.setWordWrap(True)
        self.warnings.setStyleSheet(WARNING_STYLE)
        self.warnings.hide()
        layout.addWidget(self.warnings)

        calc = QGroupBox("Statlig medelstilldelning → medlemsbidrag")
        cl = QVBoxLayout(calc)
        row = QHBoxLayout()
        row.addWidget(QLabel("Statens medel (Försäkringskassan):"))
        self.state_amount = QLineEdit()
        self.state_amount.setPlaceholderText("t.ex. 3 465 000")
        self.state_amount.setMaximumWidth(180)
        self.state_amount.setAlignment(Qt.AlignmentFlag.AlignRight)
        row.addWidget(self.state_amount)
        row.addWidget(QLabel("kr"))
        row.addStretch(1)
        cl.addLayout(row)
        self.calc_model = RowTableModel(
            [
                Column("Medlem", lambda r: r.namn),
                Column("Part", lambda r: r.part),
                Column(
                    "Medlemsbidrag", lambda r: format_kr(r.belopp), sort_key=lambda r: float(r.belopp), align_right=True
                ),
            ],
            parent=self,
        )
        self.calc_view = QTableView()
        self.calc_view.setModel(self.calc_model)
        self.calc_view.verticalHeader().hide()
        header = self.calc_view.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        self.calc_view.setMaximumHeight(200)
        self.calc_view.setSelectionMode(QTableView.SelectionMode.NoSelection)
        cl.addWidget(self.calc_view)
        self.calc_total = QLabel()
        self.calc_total.setObjectName("calcTotal")
        self.calc_total.setWordWrap(True)
        cl.addWidget(self.calc_total)
        layout.addWidget(calc)
        self.state_amount.textChanged.connect(self.recalculate)

        self.table.add_button.clicked.connect(self.add)
        self.table.edit_button.clicked.connect(self.edit)
        self.table.remove_button.clicked.connect(self.remove)
        self.table.view.doubleClicked.connect(lambda _i: self.edit())
        self.editor: MemberEditor | None = None

    @staticmethod
    def _weight_text(m: Member) -> str:
        if m.kind in (MemberKind.REGION, MemberKind.KOMMUN):
            return format_number(m.weight)
        return "–"

    def load(self, snap: Snapshot) -> None:
        self._members = snap.members
        self.table.set_rows(snap.members)
        problems = validate_membership(list(snap.members))
        self.warnings.setText("\n".join(f"⚠ {p}" for p in problems))
        self.warnings.setVisible(bool(problems))
        self.recalculate()

    def recalculate(self) -> None:
        text = self.state_amount.text().strip()
        if not text:
            self.calc_model.set_rows([])
            self.calc_total.setText("Skriv statens medel för att se vad varje medlem ska betala (2:1:1).")
            self.calc_total.setStyleSheet("")
            return
        try:
            amount = parse_amount(text, "Statens medel")
            split = self.dialog.services.forbund.contribution_split(amount)
        except FinsamError as exc:
            self.calc_model.set_rows([])
            self.calc_total.setText(str(exc))
            self.calc_total.setStyleSheet(ERROR_STYLE)
            return
        rows = [ContributionRow(m.namn, _PART[m.kind], belopp) for m, belopp in split.items()]
        self.calc_model.set_rows(rows)
        by_part: dict[str, Decimal] = {}
        for r in rows:
            by_part[r.part] = by_part.get(r.part, Decimal(0)) + r.belopp
        total = sum((r.belopp for r in rows), Decimal(0))
        parts = ", ".join(f"{p} {format_kr(v)}" for p, v in by_part.items())
        self.calc_total.setText(f"<b>Totalt {format_kr(total)}</b> ({parts})")
        self.calc_total.setStyleSheet("")

    def add(self) -> None:
        self.editor = MemberEditor(None, self.dialog.add_member, self)
        self.dialog.open_editor(self.editor)

    def edit(self) -> None:
        member = self.table.selected()
        if member is None or self.dialog.read_only:
            return
        self.editor = MemberEditor(member, lambda new: self.dialog.edit_member(member, new), self)
        self.dialog.open_editor(self.editor)

    def remove(self) -> None:
        member = self.table.selected()
        if member is not None:
            self.dialog.remove_member(member)


_PART = {
    MemberKind.FORSAKRINGSKASSAN: "Staten",
    MemberKind.ARBETSFORMEDLINGEN: "Staten",
    MemberKind.REGION: "Regioner",
    MemberKind.KOMMUN: "Kommuner",
}


# --- page: Personer -------------------------------------------------------------------------------
class PersonsPage(QWidget):
    def __init__(self, dialog: ForbundDialog):
        super().__init__()
        self.dialog = dialog
        layout = QVBoxLayout(self)
        self.table = RecordTable(
            [
                Column("Namn", lambda r: r.person.namn, sort_key=lambda r: r.person.namn.casefold()),
                Column("Organisation", lambda r: r.person.organisation),
                Column("Titel", lambda r: r.person.titel),
                Column("E-post", lambda r: r.person.epost),
                Column("Telefon", lambda r: r.person.telefon),
                Column("Uppdrag i dag", lambda r: r.roles_today or "–"),
            ],
            "Lägg till person…",
            "Sök person…",
        )
        self.mandate_button = self.table.add_row_button("Nytt uppdrag för personen…")
        layout.addWidget(self.table, 1)
        self.table.add_button.clicked.connect(self.add)
        self.table.edit_button.clicked.connect(self.edit)
        self.table.remove_button.clicked.connect(self.remove)
        self.mandate_button.clicked.connect(self.new_mandate)
        self.table.view.doubleClicked.connect(lambda _i: self.edit())
        self.editor: PersonEditor | None = None

    def new_mandate(self) -> None:
        row = self.table.selected()
        if row is not None:
            self.dialog.pages.setCurrentWidget(self.dialog.mandates_page)
            self.dialog.mandates_page.add(person_id=row.person.id)

    def load(self, snap: Snapshot) -> None:
        today = clock.today()
        rows = []
        for p in snap.persons:
            roles = []
            for m in snap.mandates:
                if m.person_id == p.id and m.valid_on(today):
                    member = snap.member(m.member_id)
                    roles.append(f"{m.role.label} ({member.namn})" if member else m.role.label)
            rows.append(PersonRow(p, ", ".join(roles)))
        self.table.set_rows(rows)

    def add(self) -> None:
        self.editor = PersonEditor(None, self.dialog.add_person, self)
        self.dialog.open_editor(self.editor)

    def edit(self) -> None:
        row = self.table.selected()
        if row is None or self.dialog.read_only:
            return
        self.editor = PersonEditor(row.person, lambda new: self.dialog.edit_person(row.person, new), self)
        self.dialog.open_editor(self.editor)

    def remove(self) -> None:
        row = self.table.selected()
        if row is not None:
            self.dialog.remove_person(row.person)


# --- page: Uppdrag --------------------------------------------------------------------------------
class MandatesPage(QWidget):
    def __init__(self, dialog: ForbundDialog):
        super().__init__()
        self.dialog = dialog
        self._snap: Snapshot | None = None
        layout = QVBoxLayout(self)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        layout.addWidget(splitter, 1)

        self.table = RecordTable(
            [
                Column(
                    "Person",
                    lambda r: r.person,
                    sort_key=lambda r: f"{r.person}\t{r.mandate.valid_from.isoformat()}",
                    foreground=self._muted,
                ),
                Column("Roll", lambda r: r.mandate.role.label, foreground=self._muted),
                Column("Medlem", lambda r: r.member or "–", foreground=self._muted),
                Column(
                    "Från",
                    lambda r: date_text(r.mandate.valid_from),
                    sort_key=lambda r: r.mandate.valid_from.toordinal(),
                    foreground=self._muted,
                ),
                Column(
                    "Till",
                    lambda r: date_text(r.mandate.valid_to) if r.mandate.valid_to else "tills vidare",
                    sort_key=lambda r: (r.mandate.valid_to or date.max).toordinal(),
                    foreground=self._muted,
                ),
                Column("Anteckning", lambda r: r.mandate.anteckning, foreground=self._muted),
            ],
            "Lägg till uppdrag…",
            "Sök uppdrag…",
        )
        splitter.addWidget(self.table)

        board = QWidget()
        bl = QVBoxLayout(board)
        bl.setContentsMargins(8, 0, 0, 0)
        row = QHBoxLayout()
        row.addWidget(_heading("Styrelsen på datum:"))
        self.on_date = IsoDateEdit(clock.today())
        self.on_date.setObjectName("styrelseDate")
        row.addWidget(self.on_date)
        today = QPushButton("I dag")
        today.clicked.connect(lambda: self.on_date.set_value(clock.today()))
        row.addWidget(today)
        row.addStretch(1)
        bl.addLayout(row)
        self.seat_model = RowTableModel(
            [
                Column("Medlem", lambda s: s.member.namn),
                Column("Ledamot", lambda s: ", ".join(p.namn for p in s.ledamoter) or "–"),
                Column("Ersättare", lambda s: ", ".join(p.namn for p in s.ersattare) or "–"),
            ],
            parent=self,
        )
        self.seat_view = QTableView()
        self.seat_view.setModel(self.seat_model)
        self.seat_view.verticalHeader().hide()
        self.seat_view.horizontalHeader().setStretchLastSection(True)
        self.seat_view.setSelectionMode(QTableView.SelectionMode.NoSelection)
        bl.addWidget(self.seat_view, 1)
        self.summary = QLabel()
        self.summary.setObjectName("styrelseSummary")
        self.summary.setWordWrap(True)
        self.summary.setTextFormat(Qt.TextFormat.RichText)
        bl.addWidget(self.summary)
        self.board_warnings = QLabel()
        self.board_warnings.setWordWrap(True)
        self.board_warnings.setStyleSheet(WARNING_STYLE)
        self.board_warnings.hide()
        bl.addWidget(self.board_warnings)
        splitter.addWidget(board)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)

        self.on_date.dateChanged.connect(lambda _d: self._update_board())
        self.table.add_button.clicked.connect(lambda: self.add())
        self.table.edit_button.clicked.connect(self.edit)
        self.table.remove_button.clicked.connect(self.remove)
        self.table.view.doubleClicked.connect(lambda _i: self.edit())
        self.editor: MandateEditor | None = None
        self.styrelse: Styrelse | None = None

    def _muted(self, r: MandateRow) -> QColor | None:
        return None if r.mandate.valid_on(self.on_date.value()) else MUTED

    def load(self, snap: Snapshot) -> None:
        self._snap = snap
        rows = []
        for m in snap.mandates:
            person = snap.person(m.person_id)
            member = snap.member(m.member_id)
            rows.append(
                MandateRow(m, person.namn if person else f"(person {m.person_id})", member.namn if member else "")
            )
        self.table.set_rows(rows)
        self._update_board()

    def _update_board(self) -> None:
        if self._snap is None:
            return
        day = self.on_date.value()
        snap = self._snap
        self.styrelse = styrelse_on(
            day, list(snap.members), list(snap.persons), list(snap.mandates), snap.forbund.settings.beslutforhet
        )
        st = self.styrelse
        self.seat_model.set_rows(st.seats)
        self.seat_view.resizeColumnsToContents()
        n = len(st.ledamoter)
        lines = [
            f"Ordförande: <b>{st.ordforande.namn if st.ordforande else '–'}</b>",
            f"Vice ordförande: <b>{st.vice_ordforande.namn if st.vice_ordforande else '–'}</b>",
            f"{n} ledamöter och {len(st.ersattare)} ersättare. "
            + (
                f"Beslutför med <b>{st.quorum}</b> ledamöter närvarande ({st.beslutforhet.short})."
                if n
                else "Ingen styrelse detta datum."
            ),
        ]
        self.summary.setText("<br>".join(lines))
        warnings = []
        seated = {s.member.id: s for s in st.seats}
        if n:
            for member in snap.members:
                seat = seated.get(member.id)
                if seat is None or not seat.ledamoter:
                    warnings.append(f"{member.namn} har ingen ledamot {date_text(day)}.")
            if st.ordforande is None:
                warnings.append(f"Ingen ordförande {date_text(day)}.")
            if st.vice_ordforande is None:
                warnings.append(f"Ingen vice ordförande {date_text(day)}.")
        self.board_warnings.setText("\n".join(f"⚠ {w}" for w in warnings))
        self.board_warnings.setVisible(bool(warnings))
        # Greyed rows follow the chosen date.
        self.table.view.viewport().update()

    def add(self, person_id: int | None = None) -> None:
        snap = self._snap
        assert snap is not None
        if not snap.persons:
            self.dialog.show_message("Lägg först till personen under fliken Personer.", error=True)
            return
        self.editor = MandateEditor(
            None, list(snap.persons), list(snap.members), self.dialog.add_mandate, self, person_id=person_id
        )
        self.dialog.open_editor(self.editor)

    def edit(self) -> None:
        row = self.table.selected()
        if row is None or self.dialog.read_only or self._snap is None:
            return
        self.editor = MandateEditor(
            row.mandate,
            list(self._snap.persons),
            list(self._snap.members),
            lambda new: self.dialog.edit_mandate(row.mandate, new),
            self,
        )
        self.dialog.open_editor(self.editor)

    def remove(self) -> None:
        row = self.table.selected()
        if row is not None:
            self.dialog.remove_mandate(row.mandate)


# --- the dialog -----------------------------------------------------------------------------------
class ForbundDialog(QDialog):
    """Arkiv → Förbundet…: edit the förbund, members, persons and mandates, with undo."""

    def __init__(self, ctx: UiContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.services = ctx.services
        self.read_only = ctx.read_only
        self.snapshot: Snapshot | None = None
        self.setWindowTitle("Förbundet")
        self.setObjectName("forbundDialog")
        self.resize(1180, 760)

        self.undo_stack = QUndoStack(self)
        ctx.undo_group.addStack(self.undo_stack)
        self.undo_stack.setActive(True)

        layout = QVBoxLayout(self)
        if self.read_only:
            banner = QLabel("Filen är öppen skrivskyddad: uppgifterna visas men kan inte ändras.")
            banner.setObjectName("readOnlyBanner")
            banner.setStyleSheet(WARNING_STYLE)
            layout.addWidget(banner)
        self.pages = QTabWidget()
        self.forbund_page = ForbundPage(self)
        self.members_page = MembersPage(self)
        self.persons_page = PersonsPage(self)
        self.mandates_page = MandatesPage(self)
        self.pages.addTab(self.forbund_page, "Förbundet")
        self.pages.addTab(self.members_page, "Medlemmar")
        self.pages.addTab(self.persons_page, "Personer")
        self.pages.addTab(self.mandates_page, "Uppdrag")
        layout.addWidget(self.pages, 1)

        bottom = QHBoxLayout()
        self.undo_button = QPushButton("Ångra")
        self.redo_button = QPushButton("Gör om")
        for button in (self.undo_button, self.redo_button):
            button.setAutoDefault(False)
        self.undo_button.clicked.connect(self.undo_stack.undo)
        self.redo_button.clicked.connect(self.undo_stack.redo)
        bottom.addWidget(self.undo_button)
        bottom.addWidget(self.redo_button)
        self.message = QLabel()
        self.message.setObjectName("dialogMessage")
        self.message.setWordWrap(True)
        bottom.addWidget(self.message, 1)
        box = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        box.rejected.connect(self.reject)
        box.button(QDialogButtonBox.StandardButton.Close).setAutoDefault(False)
        bottom.addWidget(box)
        layout.addLayout(bottom)

        self.undo_action = QAction("Ångra", self)
        self.undo_action.setShortcuts([QKeySequence(QKeySequence.StandardKey.Undo)])
        self.undo_action.triggered.connect(self.undo_stack.undo)
        self.redo_action = QAction("Gör om", self)
        redo_keys = [QKeySequence(QKeySequence.StandardKey.Redo), QKeySequence("Ctrl+Shift+Z")]
        self.redo_action.setShortcuts(list(dict.fromkeys(k.toString() for k in redo_keys if not k.isEmpty())))
        self.redo_action.triggered.connect(self.undo_stack.redo)
        for action in (self.undo_action, self.redo_action):
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            self.addAction(action)
        self.undo_stack.canUndoChanged.connect(self._update_undo_buttons)
        self.undo_stack.canRedoChanged.connect(self._update_undo_buttons)
        self.undo_stack.indexChanged.connect(self._update_undo_buttons)

        # Enter in a field must not close the dialog or press an arbitrary button.
        for button in self.findChildren(QPushButton):
            button.setAutoDefault(False)
            button.setDefault(False)
        self.refresh(force_forbund=True)
        editable = not self.read_only
        self.forbund_page.set_editable(editable)
        for page in (self.members_page, self.persons_page, self.mandates_page):
            page.table.set_editable(editable)
        self.undo_button.setVisible(editable)
        self.redo_button.setVisible(editable)
        self._update_undo_buttons()

    # --- state ----------------------------------------------------------------------------
    def refresh(self, force_forbund: bool = False) -> None:
        svc = self.services.forbund
        self.snapshot = Snapshot(
            svc.get(), tuple(svc.list_members()), tuple(svc.list_persons()), tuple(svc.list_mandates())
        )
        self.forbund_page.load(self.snapshot.forbund, force=force_forbund)
        self.members_page.load(self.snapshot)
        self.persons_page.load(self.snapshot)
        self.mandates_page.load(self.snapshot)

    def _update_undo_buttons(self, *_args) -> None:
        stack = self.undo_stack
        if not (isValid(stack) and isValid(self.undo_button)):
            return  # emitted while the dialog is being destroyed
        self.undo_button.setEnabled(stack.canUndo())
        self.redo_button.setEnabled(stack.canRedo())
        self.undo_button.setToolTip(f"Ångra: {stack.undoText()}" if stack.canUndo() else "")
        self.redo_button.setToolTip(f"Gör om: {stack.redoText()}" if stack.canRedo() else "")

    def show_message(self, text: str, error: bool = False) -> None:
        self.message.setText(text)
        self.message.setStyleSheet(ERROR_STYLE if error else "")

    def open_editor(self, editor: RecordEditor) -> None:
        """Open a sub-dialog window-modally; it saves through its own ``accept``."""
        if self.read_only:
            return
        editor.setWindowModality(Qt.WindowModality.WindowModal)
        editor.open()
        focus_first(editor)

    def _changed(self, force_forbund: bool = False) -> None:
        self.refresh(force_forbund=force_forbund)
        self.ctx.events.forbund_changed.emit()

    def _undo_failed(self, exc: Exception) -> None:
        self.show_message(f"Kunde inte ångra/göra om: {exc}", error=True)

    def _do(self, text: str, action, undo, redo, force_forbund: bool = False):
        if self.read_only:
            raise FinsamError("Filen är öppen skrivskyddad.")
        result = perform(
            self.undo_stack,
            text,
            action,
            undo,
            redo,
            on_changed=lambda: self._changed(force_forbund),
            on_error=self._undo_failed,
        )
        self.show_message(f"{text}. Ctrl+Z ångrar.")
        return result

    # --- operations (each one service call = one transaction) ------------------------------
    def save_forbund(self, new: Forbund) -> Forbund:
        svc = self.services.forbund
        old = svc.get()
        return self._do(
            "Ändra förbundets uppgifter",
            lambda: svc.update(new),
            undo=lambda _saved: svc.update(old),
            redo=lambda saved: svc.update(saved),
            force_forbund=True,
        )

    def _add(self, noun: str, obj, save, remove, label: Callable[[Any], str]):
        return self._do(
            f"Lägg till {noun} ”{label(obj)}”",
            lambda: save(obj),
            undo=lambda saved: remove(saved.id),
            redo=lambda saved: save(saved),
        )

    def _edit(self, noun: str, old, new, save, label: Callable[[Any], str]):
        return self._do(
            f"Ändra {noun} ”{label(new)}”",
            lambda: save(new),
            undo=lambda _saved: save(old),
            redo=lambda saved: save(saved),
        )

    def _remove(self, noun: str, obj, save, remove, label: str) -> None:
        try:
            self._do(
                f"Ta bort {noun} ”{label}”",
                lambda: remove(obj.id),
                undo=lambda removed: save(removed),
                redo=lambda removed: remove(removed.id),
            )
        except FinsamError as exc:
            self.show_message(str(exc), error=True)

    def add_member(self, member: Member) -> Member:
        svc = self.services.forbund
        return self._add("medlem", member, svc.save_member, svc.remove_member, lambda m: m.namn)

    def edit_member(self, old: Member, new: Member) -> Member:
        svc = self.services.forbund
        return self._edit("medlem", old, new, svc.save_member, lambda m: m.namn)

    def remove_member(self, member: Member) -> None:
        svc = self.services.forbund
        self._remove("medlem", member, svc.save_member, svc.remove_member, member.namn)

    def add_person(self, person: Person) -> Person:
        svc = self.services.forbund
        return self._add("person", person, svc.save_person, svc.remove_person, lambda p: p.namn)

    def edit_person(self, old: Person, new: Person) -> Person:
        svc = self.services.forbund
        return self._edit("person", old, new, svc.save_person, lambda p: p.namn)

    def remove_person(self, person: Person) -> None:
        svc = self.services.forbund
        self._remove("person", person, svc.save_person, svc.remove_person, person.namn)

    def _mandate_label(self, m: Mandate) -> str:
        person = self.snapshot.person(m.person_id) if self.snapshot else None
        return f"{person.namn if person else m.person_id}, {m.role.label.lower()}"

    def add_mandate(self, mandate: Mandate) -> Mandate:
        svc = self.services.forbund
        return self._add("uppdrag", mandate, svc.save_mandate, svc.remove_mandate, self._mandate_label)

    def edit_mandate(self, old: Mandate, new: Mandate) -> Mandate:
        svc = self.services.forbund
        return self._edit("uppdrag", old, new, svc.save_mandate, self._mandate_label)

    def remove_mandate(self, mandate: Mandate) -> None:
        svc = self.services.forbund
        self._remove("uppdrag", mandate, svc.save_mandate, svc.remove_mandate, self._mandate_label(mandate))

    # --- closing --------------------------------------------------------------------------
    def done(self, result: int) -> None:
        if self.forbund_page.is_dirty():
            answer = QMessageBox.question(
                self,
                "Osparade ändringar",
                "Förbundets uppgifter har ändrats men inte sparats. Spara dem nu?",
                QMessageBox.StandardButton.Save
                | QMessageBox.StandardButton.Discard
                | QMessageBox.StandardButton.Cancel,
                QMessageBox.StandardButton.Save,
            )
            if answer == QMessageBox.StandardButton.Cancel:
                return
            if answer == QMessageBox.StandardButton.Save and not self.forbund_page.save():
                self.pages.setCurrentWidget(self.forbund_page)
                return
        self.ctx.undo_group.removeStack(self.undo_stack)
        super().done(result)
