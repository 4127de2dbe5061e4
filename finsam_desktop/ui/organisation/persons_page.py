"""The Förbundet dialog's page Personer: persons and their mandates today."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QVBoxLayout, QWidget

from finsam_desktop import clock
from finsam_desktop.ui.organisation.editors import PersonEditor
from finsam_desktop.ui.organisation.record_table import RecordTable
from finsam_desktop.ui.organisation.snapshot import PersonRow, Snapshot
from finsam_desktop.ui.widgets.table_model import Column

if TYPE_CHECKING:
    from finsam_desktop.ui.organisation.forbund_dialog import ForbundDialog


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
            "&Lägg till person…",
            "Sök person…",
        )
        self.mandate_button = self.table.add_row_button("N&ytt uppdrag för personen…")
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
        self.editor = PersonEditor(None, self.dialog.controller.add_person, self)
        self.dialog.open_editor(self.editor)

    def edit(self) -> None:
        row = self.table.selected()
        if row is None or self.dialog.read_only:
            return
        self.editor = PersonEditor(row.person, lambda new: self.dialog.controller.edit_person(row.person, new), self)
        self.dialog.open_editor(self.editor)

    def remove(self) -> None:
        row = self.table.selected()
        if row is not None:
            self.dialog.controller.remove_person(row.person)
