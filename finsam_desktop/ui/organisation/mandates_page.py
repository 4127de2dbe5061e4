"""The Förbundet dialog's page Uppdrag: mandates, and the styrelse on a chosen date with its quorum."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QSplitter, QTableView, QVBoxLayout, QWidget

from finsam_desktop import clock
from finsam_desktop.domain.organisation.model import Styrelse, styrelse_on
from finsam_desktop.ui.formatting import date_text
from finsam_desktop.ui.organisation.editors import MandateEditor
from finsam_desktop.ui.organisation.record_table import MUTED, WARNING_STYLE, RecordTable, heading
from finsam_desktop.ui.organisation.snapshot import MandateRow, Snapshot
from finsam_desktop.ui.widgets.date_edit import IsoDateEdit
from finsam_desktop.ui.widgets.table_model import Column, RowTableModel

if TYPE_CHECKING:
    from finsam_desktop.ui.organisation.forbund_dialog import ForbundDialog


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
            "&Lägg till uppdrag…",
            "Sök uppdrag…",
        )
        splitter.addWidget(self.table)

        board = QWidget()
        bl = QVBoxLayout(board)
        bl.setContentsMargins(8, 0, 0, 0)
        row = QHBoxLayout()
        row.addWidget(heading("Styrelsen på datum:"))
        self.on_date = IsoDateEdit(clock.today())
        self.on_date.setObjectName("styrelseDate")
        row.addWidget(self.on_date)
        today = QPushButton("&I dag")
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
            None, list(snap.persons), list(snap.members), self.dialog.controller.add_mandate, self, person_id=person_id
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
            lambda new: self.dialog.controller.edit_mandate(row.mandate, new),
            self,
        )
        self.dialog.open_editor(self.editor)

    def remove(self) -> None:
        row = self.table.selected()
        if row is not None:
            self.dialog.controller.remove_mandate(row.mandate)
