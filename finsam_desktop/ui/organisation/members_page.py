"""The Förbundet dialog's page Medlemmar: members and their shares (Finsamlagen § 5), and the split of the
state's funds into member contributions."""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QGroupBox, QHBoxLayout, QHeaderView, QLabel, QLineEdit, QTableView, QVBoxLayout, QWidget

from finsam_desktop.domain.common.errors import FinsamError
from finsam_desktop.domain.common.money import format_kr, format_number, parse_amount
from finsam_desktop.domain.organisation.model import Member, MemberKind, validate_membership
from finsam_desktop.ui.organisation.editors import ERROR_STYLE, MemberEditor
from finsam_desktop.ui.organisation.record_table import WARNING_STYLE, RecordTable, hint
from finsam_desktop.ui.organisation.snapshot import PART, ContributionRow, Snapshot, share_of_total, share_text
from finsam_desktop.ui.widgets.table_model import Column, RowTableModel

if TYPE_CHECKING:
    from finsam_desktop.ui.organisation.forbund_dialog import ForbundDialog


# --- page: Medlemmar ------------------------------------------------------------------------------
class MembersPage(QWidget):
    def __init__(self, dialog: ForbundDialog):
        super().__init__()
        self.dialog = dialog
        self._members: tuple[Member, ...] = ()
        layout = QVBoxLayout(self)
        layout.addWidget(
            hint(
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
            "&Lägg till medlem…",
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
        rows = [ContributionRow(m.namn, PART[m.kind], belopp) for m, belopp in split.items()]
        self.calc_model.set_rows(rows)
        by_part: dict[str, Decimal] = {}
        for r in rows:
            by_part[r.part] = by_part.get(r.part, Decimal(0)) + r.belopp
        total = sum((r.belopp for r in rows), Decimal(0))
        parts = ", ".join(f"{p} {format_kr(v)}" for p, v in by_part.items())
        self.calc_total.setText(f"<b>Totalt {format_kr(total)}</b> ({parts})")
        self.calc_total.setStyleSheet("")

    def add(self) -> None:
        self.editor = MemberEditor(None, self.dialog.controller.add_member, self)
        self.dialog.open_editor(self.editor)

    def edit(self) -> None:
        member = self.table.selected()
        if member is None or self.dialog.read_only:
            return
        self.editor = MemberEditor(member, lambda new: self.dialog.controller.edit_member(member, new), self)
        self.dialog.open_editor(self.editor)

    def remove(self) -> None:
        member = self.table.selected()
        if member is not None:
            self.dialog.controller.remove_member(member)
