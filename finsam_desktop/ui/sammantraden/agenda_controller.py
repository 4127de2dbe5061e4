"""Commands on the dagordning's paragraphs (undoable): new §, move, utgår, remove (and restore), typ,
sökande, justeras omedelbart, dagordning from the template.
"""

from __future__ import annotations

from PySide6.QtWidgets import QInputDialog

from finsam_desktop.domain.common.errors import FinsamError
from finsam_desktop.domain.sammantraden.kinds import ItemKind
from finsam_desktop.ui.sammantraden.controller import TabController


class AgendaController(TabController):
    """The slots of the § list and of the § editor's head."""

    # --- items ---------------------------------------------------------------------------------
    def _on_add_item(self) -> None:
        if not self.tab.editable:
            return
        current = self.tab._current_item()
        position = current.position + 1 if current else None
        box: dict = {}
        mid = self.tab.detail.meeting.id

        def redo():
            item = self.svc.agenda.add_item(mid, "Ny punkt", ItemKind.BESLUT, position=position)
            if "id" in box:
                self.tab.store.remap("item", box["id"], item.id)
            else:
                box["id"] = item.id

        def undo():
            self.svc.agenda.delete_item(self.tab.store.resolve("item", box["id"]))

        if self.tab._push("Ny §", redo, undo, select=lambda: self.tab.store.resolve("item", box["id"])):
            self.tab.editor.rubrik.setFocus()
            self.tab.editor.rubrik.selectAll()

    def _on_move(self, delta: int) -> None:
        item = self.tab._current_item()
        if item is None or not self.tab.editable:
            return
        target = item.position + delta
        if not 1 <= target <= len(self.tab.detail.items):
            return
        self._move_to(item, target)
        self.tab.paragraphs.setFocus() if self.tab.paragraphs.hasFocus() else None

    def _move_row(self, src: int, dst: int) -> None:
        if self.tab.detail is None or not self.tab.editable:
            return
        item = self.tab.detail.items[src]
        self._move_to(item, self.tab.detail.items[dst].position)

    def _move_to(self, item, to_position: int) -> None:
        iid, old = item.id, item.position
        self.tab._push(
            f"Flytta {item.label}".strip(),
            lambda: self.svc.agenda.move_item(self.tab.store.resolve("item", iid), to_position),
            lambda: self.svc.agenda.move_item(self.tab.store.resolve("item", iid), old),
            select=lambda: self.tab.store.resolve("item", iid),
        )

    def _step_item(self, delta: int) -> None:
        row = self.tab.paragraphs.currentIndex().row() + delta
        if 0 <= row < self.tab.para_model.rowCount():
            self.tab.paragraphs.setCurrentIndex(self.tab.para_model.index(row, 1))

    def _on_strike(self) -> None:
        item = self.tab._current_item()
        if item is None or not self.tab.editable:
            self.tab.editor.utgar.setChecked(bool(item and item.utgar))
            return
        iid = item.id
        if item.utgar:
            motivering = item.utgar_motivering
            self.tab._push(
                "Ta tillbaka punkt",
                lambda: self.svc.agenda.unstrike_item(self.tab.store.resolve("item", iid)),
                lambda: self.svc.agenda.strike_item(self.tab.store.resolve("item", iid), motivering),
                select=lambda: self.tab.store.resolve("item", iid),
            )
            return
        motivering, ok = QInputDialog.getText(
            self.tab, "Punkten utgår", f"Varför utgår {item.label} {item.rubrik}?\n(Numret behålls i protokollet.)"
        )
        if not ok:
            self.tab.editor.utgar.setChecked(False)
            return
        self.tab._push(
            "Punkten utgår",
            lambda: self.svc.agenda.strike_item(self.tab.store.resolve("item", iid), motivering.strip()),
            lambda: self.svc.agenda.unstrike_item(self.tab.store.resolve("item", iid)),
            select=lambda: self.tab.store.resolve("item", iid),
        )

    def _on_remove_item(self) -> None:
        item = self.tab._current_item()
        if item is None or not self.tab.editable:
            return
        self.tab._autosave.flush()
        try:
            item = self.svc.agenda.get_item(item.id)
        except FinsamError as exc:
            self.tab._error(exc)
            return
        canon = self.tab.store.canonical("item", item.id)
        mid = self.tab.detail.meeting.id
        rows = self.tab.para_model.rowCount()
        row = self.tab.para_model.row_of(item.id)
        box: dict = {}

        def redo():
            box["deleted"] = self.svc.agenda.delete_item(self.tab.store.resolve("item", canon))
            if box["deleted"].uppdrag:
                self.tab.uppdrag_ctl._reload_uppdrag()

        def undo():
            self._restore_item(mid, box["deleted"])
            if box["deleted"].uppdrag:
                self.tab.uppdrag_ctl._reload_uppdrag()

        def select():
            if self.tab.detail is None or not self.tab.detail.items:
                return None
            items = self.svc.agenda.list_items(mid)
            if len(items) < rows:  # after the removal: the row that took its place
                return items[min(row, len(items) - 1)].id if items else None
            return self.tab.store.resolve("item", canon)

        self.tab._push(f"Ta bort {item.label} {item.rubrik}".strip(), redo, undo, select=select)

    def _restore_item(self, meeting_id: int, deleted) -> None:
        """Undo of a removal: the service brings the § back with its ids, uppdrag and references. Only a
        record whose id was taken in the meantime comes back under a new id; the store maps that one."""
        new = self.svc.agenda.restore_item(meeting_id, deleted)
        old = deleted.item
        self.tab.store.remap("item", self.tab.store.canonical("item", old.id), new.id)
        pairs = list(zip(old.clauses, new.clauses))
        for p_old, p_new in zip(old.parts, new.parts):
            self.tab.store.remap("part", self.tab.store.canonical("part", p_old.id), p_new.id)
            pairs += zip(p_old.clauses, p_new.clauses)
        for c_old, c_new in pairs:
            self.tab.store.remap("clause", self.tab.store.canonical("clause", c_old.id), c_new.id)

    def _on_typ(self, _index: int) -> None:
        item = self.tab._current_item()
        new = ItemKind(self.tab.editor.typ.currentData())  # Qt hands enum data back as str
        if item is None or not self.tab.editable or new == item.typ:
            return
        iid, old = item.id, item.typ
        self.tab._push(
            f"Ändra typ till {new.label.lower()}",
            lambda: self.svc.agenda.update_item(self.tab.store.resolve("item", iid), typ=new),
            lambda: self.svc.agenda.update_item(self.tab.store.resolve("item", iid), typ=old),
            select=lambda: self.tab.store.resolve("item", iid),
        )

    def _on_sokande(self, _index: int) -> None:
        item = self.tab._current_item()
        new = self.tab.editor.sokande.currentData()
        if item is None or not self.tab.editable or new == item.sokande_member_id:
            return
        iid, old, old_org = item.id, item.sokande_member_id, item.sokande_organisation
        new_org = self.tab.editor.sokande.currentText() if new else ""
        self.tab._push(
            "Ändra sökande",
            lambda: self.svc.agenda.update_item(
                self.tab.store.resolve("item", iid), sokande_member_id=new, sokande_organisation=new_org
            ),
            lambda: self.svc.agenda.update_item(
                self.tab.store.resolve("item", iid), sokande_member_id=old, sokande_organisation=old_org
            ),
            select=lambda: self.tab.store.resolve("item", iid),
        )

    def _on_justeras_omedelbart(self, on: bool) -> None:
        item = self.tab._current_item()
        if item is None or not self.tab.editable:
            return
        iid = item.id
        self.tab._push(
            "Justeras omedelbart" if on else "Inte omedelbar justering",
            lambda: self.svc.agenda.update_item(self.tab.store.resolve("item", iid), justeras_omedelbart=on),
            lambda: self.svc.agenda.update_item(self.tab.store.resolve("item", iid), justeras_omedelbart=not on),
            select=lambda: self.tab.store.resolve("item", iid),
        )

    def _on_from_template(self) -> None:
        if self.tab.detail is None or not self.tab.editable:
            return
        mid = self.tab.detail.meeting.id
        box: dict = {}

        def redo():
            box["ids"] = [i.id for i in self.svc.agenda.create_agenda_from_template(mid)]

        def undo():
            for iid in reversed(box.get("ids", [])):
                self.svc.agenda.delete_item(iid)

        self.tab._push("Skapa dagordning från mall", redo, undo)
