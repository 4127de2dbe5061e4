"""The slots of an ordning page: load versions and rows, create/copy/change/delete/adopt versions, edit rows
(undoable until the version is adopted) and export. Calls the attest area's use cases and updates the page."""

from __future__ import annotations

from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QMessageBox, QWidget

from finsam_desktop import clock
from finsam_desktop.domain.attest.rules import KIND_ATTEST
from finsam_desktop.domain.common.errors import FinsamError
from finsam_desktop.ui.attest.attest_row_dialog import AttestRowDialog
from finsam_desktop.ui.attest.delegation_row_dialog import DelegationRowDialog
from finsam_desktop.ui.attest.page_support import PageActions
from finsam_desktop.ui.attest.prisbasbelopp_dialog import PrisbasbeloppDialog
from finsam_desktop.ui.attest.version_dialogs import AdoptDialog, VersionDialog
from finsam_desktop.ui.context import UiContext


class OrdningController:
    """Built by its ``OrdningPage`` (``page.controller``); reads the page's selection and fills its widgets."""

    def __init__(self, page: QWidget, ctx: UiContext, undo: QUndoStack):
        self.page, self.ctx, self.undo = page, ctx, undo
        self.kind, self.label = page.kind, page.label
        self.actions = PageActions(page, ctx, undo, self.reload)

    @property
    def service(self):
        return self.ctx.services.attest

    # --- loading -------------------------------------------------------------------------------
    def reload(self) -> None:
        page = self.page
        keep = page.current_version()
        today = clock.today()
        current = self.service.versions.version_in_force(self.kind, today)
        page.show_in_force(current, today)
        versions = self.service.versions.list_versions(self.kind)
        page.versions.set_rows(versions)
        page.select_version(keep.id if keep else (current.id if current else (versions[0].id if versions else None)))
        self.load_rows()

    def load_rows(self) -> None:
        v = self.page.current_version()
        if v is None:
            self.page.show_rows(None, [])
        elif self.kind == KIND_ATTEST:
            self.page.show_rows(v, self.service.rows.attest_rows(v.id))
        else:
            self.page.show_rows(v, self.service.rows.delegation_rows(v.id))

    # --- versions ------------------------------------------------------------------------------
    def new_version(self) -> None:
        dlg = VersionDialog(None, self.label, clock.today().year + 1, self.page)
        if dlg.exec() and dlg.values:
            holder = {}

            def do():
                holder["v"] = self.service.versions.create_version(self.kind, **dlg.values)

            self.actions.push(
                f"Ny {self.label.lower()}", do, lambda: self.service.versions.delete_version(holder["v"].id)
            )

    def copy(self) -> None:
        v = self.page.current_version()
        if v is None:
            return
        holder = {}

        def do():
            holder["v"] = self.service.versions.copy_version(v.id)

        if self.actions.push(f"Kopiera {v.titel}", do, lambda: self.service.versions.delete_version(holder["v"].id)):
            self.page.select_version(holder["v"].id)

    def edit_version(self) -> None:
        v = self.page.current_version()
        if v is None:
            return
        dlg = VersionDialog(v, self.label, v.valid_from.year, self.page)
        if dlg.exec() and dlg.values:
            old = {"titel": v.titel, "valid_from": v.valid_from, "valid_to": v.valid_to, "adress": v.adress}
            self.actions.push(
                "Ändra versionens uppgifter",
                lambda: self.service.versions.update_version(v.id, **dlg.values),
                lambda: self.service.versions.update_version(v.id, **old),
            )

    def delete_version(self) -> None:
        v = self.page.current_version()
        if v is None:
            return
        if (
            QMessageBox.question(self.page, "Ta bort utkast", f"Ta bort utkastet {v.titel} med alla rader?")
            != QMessageBox.StandardButton.Yes
        ):
            return
        try:
            self.service.versions.delete_version(v.id)
        except FinsamError as exc:
            self.actions.fail(exc)
        self.undo.clear()  # the rows' undo history points at the removed draft
        self.actions.changed()

    def adopt(self) -> None:
        v = self.page.current_version()
        if v is None:
            return
        dlg = AdoptDialog(v, self.service.versions.styrelse_paragraphs(), self.page)
        if dlg.exec() and dlg.values:
            try:
                self.service.versions.adopt_version(v.id, **dlg.values)
            except FinsamError as exc:
                self.actions.fail(exc)
                return
            self.undo.clear()  # adoption locks the version: nothing before it can be undone
            self.actions.changed()

    # --- rows ----------------------------------------------------------------------------------
    def _row_dialog(self, row=None):
        if self.kind == KIND_ATTEST:
            dlg = AttestRowDialog(self.ctx.services.forbund.list_persons(), row, self.page)
        else:
            dlg = DelegationRowDialog(row, self.page)
        return dlg if dlg.exec() and dlg.result_row is not None else None

    def _save_row(self, version_id, row, ticked=()):
        if self.kind == KIND_ATTEST:
            return self.service.rows.save_attest_row(version_id, row)
        return self.service.rows.save_delegation_row(version_id, row, ticked)

    def _remove(self, row_id):
        if self.kind == KIND_ATTEST:
            return self.service.rows.remove_attest_row(row_id)
        return self.service.rows.remove_delegation_row(row_id)

    def add_row(self) -> None:
        v = self.page.current_version()
        dlg = self._row_dialog() if v else None
        if dlg is None:
            return
        holder = {}

        def do():
            holder["row"] = self._save_row(v.id, holder.get("row", dlg.result_row))

        self.actions.push("Lägg till rad", do, lambda: self._remove(holder["row"].id))

    def edit_row(self) -> None:
        v = self.page.current_version()
        old = self.page.current_row()
        if v is None or old is None or v.adopted or self.ctx.read_only:
            return
        dlg = self._row_dialog(old)
        if dlg is None:
            return
        new = dlg.result_row
        self.actions.push("Ändra rad", lambda: self._save_row(v.id, new), lambda: self._save_row(v.id, old))

    def remove_row(self) -> None:
        v = self.page.current_version()
        old = self.page.current_row()
        if v is None or old is None:
            return
        self.actions.push("Ta bort rad", lambda: self._remove(old.id), lambda: self._save_row(v.id, old))

    def edit_prisbasbelopp(self) -> None:
        PrisbasbeloppDialog(self.service, self.ctx.read_only, self.page).exec()

    # --- exports -------------------------------------------------------------------------------
    def export_doc(self, fmt: str) -> None:
        v = self.page.current_version()
        if v is None:
            return
        make = (
            (lambda: self.service.exports.export_attestordning(v.id, fmt))
            if self.kind == KIND_ATTEST
            else (lambda: self.service.exports.export_delegationsordning(v.id, fmt))
        )
        self.actions.export(f"Exportera {v.titel}", f"{v.titel}.{fmt}", make)

    def export_sig(self, fmt: str) -> None:
        v = self.page.current_version()
        if v is None:
            return
        doc = self.service.attestants.signature_list(v.id)
        from finsam_desktop.reports.attest.signaturlista import signaturlista_pdf, signaturlista_xlsx

        self.actions.export(
            "Exportera signaturlista",
            f"{doc.title}.{fmt}",
            lambda: signaturlista_pdf(doc) if fmt == "pdf" else signaturlista_xlsx(doc),
        )
