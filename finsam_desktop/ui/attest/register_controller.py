"""The slots of the register of delegationsbeslut: load a year, register/correct/remove decisions and their
attachments (undoable), put unreported decisions on the next styrelse dagordning, export."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QFileDialog, QInputDialog, QMessageBox, QWidget

from finsam_desktop import clock
from finsam_desktop.domain.common.errors import FinsamError
from finsam_desktop.services.attest.dto import DecisionInput
from finsam_desktop.ui.attest.decision_dialog import DecisionDialog
from finsam_desktop.ui.attest.page_support import PageActions
from finsam_desktop.ui.context import UiContext


class RegisterController:
    """Built by its ``RegisterPage`` (``page.controller``); reads the page's selection and fills its widgets."""

    def __init__(self, page: QWidget, ctx: UiContext, undo: QUndoStack):
        self.page, self.ctx = page, ctx
        self.actions = PageActions(page, ctx, undo, self.reload)

    @property
    def service(self):
        return self.ctx.services.attest

    def reload(self) -> None:
        if not self.ctx.read_only:
            self.service.anmalan.sync_reported()  # protocols justerade since the last look
        current = self.page.year.currentData()
        years = sorted(set(self.service.decisions.decision_years()) | {clock.today().year}, reverse=True)
        self.page.set_years(years, current if current is not None else clock.today().year)
        self.load()

    def load(self) -> None:
        decisions = self.service.decisions.list_decisions(self.page.year.currentData())
        unreported = len(self.service.anmalan.unreported_decisions(clock.today()))
        self.page.show_decisions(decisions, unreported)

    def _persons(self):
        return self.ctx.services.forbund.list_persons()

    def new(self) -> None:
        dlg = DecisionDialog(self.service, self._persons(), None, self.page)
        if dlg.exec() and dlg.entry:
            holder = {}

            def do():
                entry = dlg.entry if "id" not in holder else replace(dlg.entry, id=holder["id"])
                holder["id"] = self.service.decisions.save_decision(entry).id

            self.actions.push(
                "Registrera delegationsbeslut", do, lambda: self.service.decisions.remove_decision(holder["id"])
            )

    def edit(self) -> None:
        d = self.page.current_decision()
        if d is None or d.status.value == "anmalt" or self.ctx.read_only:
            return
        dlg = DecisionDialog(self.service, self._persons(), d, self.page)
        if dlg.exec() and dlg.entry:
            old = DecisionInput(d.datum, d.delegat_namn, d.row_id, d.arende, d.belopp, d.beslut, d.diarienummer, d.id)
            self.actions.push(
                "Ändra delegationsbeslut",
                lambda: self.service.decisions.save_decision(dlg.entry),
                lambda: self.service.decisions.save_decision(old),
            )

    def remove(self) -> None:
        d = self.page.current_decision()
        if d is None:
            return
        holder = {}

        def do():
            holder["snap"] = self.service.decisions.remove_decision(d.id)

        def undo():
            snapshot, files = holder["snap"]
            self.service.decisions.save_decision(snapshot)
            for name, mime, data in files:
                self.service.decisions.add_attachment(snapshot.id, name, data, mime)

        self.actions.push("Ta bort delegationsbeslut", do, undo)

    def attach(self) -> None:
        d = self.page.current_decision()
        if d is None:
            return
        path, _ = QFileDialog.getOpenFileName(self.page, "Välj bilaga")
        if not path:
            return
        data = Path(path).read_bytes()
        holder = {}

        def do():
            holder["a"] = self.service.decisions.add_attachment(d.id, Path(path).name, data)

        self.actions.push("Lägg till bilaga", do, lambda: self.service.decisions.remove_attachment(holder["a"].id))

    def save_attachment(self) -> None:
        d = self.page.current_decision()
        if d is None or not d.attachments:
            return
        att = d.attachments[0]
        if len(d.attachments) > 1:
            names = [f"{a.filnamn} ({a.storlek // 1024 + 1} kB)" for a in d.attachments]
            choice, ok = QInputDialog.getItem(self.page, "Spara bilaga", "Bilaga:", names, 0, False)
            if not ok:
                return
            att = d.attachments[names.index(choice)]
        path, _ = QFileDialog.getSaveFileName(self.page, "Spara bilaga", att.filnamn)
        if path:
            Path(path).write_bytes(self.service.decisions.attachment_data(att.id)[1])

    def to_agenda(self) -> None:
        meeting = self.service.anmalan.next_styrelse_meeting(clock.today())
        if meeting is None:
            QMessageBox.information(
                self.page, "Ingen dagordning", "Det finns inget kommande styrelsesammanträde med öppen dagordning."
            )
            return
        try:
            item = self.service.anmalan.add_anmalan_item(meeting.id)
        except FinsamError as exc:
            self.actions.fail(exc)
            return
        text = (
            "Inget att anmäla."
            if item is None
            else f"”Anmälan av delegationsbeslut” finns på dagordningen för {meeting.title}."
        )
        QMessageBox.information(self.page, "Anmälan av delegationsbeslut", text)
        self.actions.changed()

    def export_register(self, fmt: str) -> None:
        year = self.page.year.currentData()
        name = f"Delegationsbeslut {year}" if year else "Delegationsbeslut"
        self.actions.export(
            "Exportera registret", f"{name}.{fmt}", lambda: self.service.exports.export_register(year, fmt)
        )
