"""The open uppdrag: the Öppna uppdrag page and uppdrag made from an att-sats."""

from __future__ import annotations

from finsam_desktop.domain.common.errors import FinsamError
from finsam_desktop.domain.sammantraden.kinds import UppdragStatus
from finsam_desktop.ui.sammantraden.controller import TabController
from finsam_desktop.ui.sammantraden.dialogs import (
    UppdragDialog,
)
from finsam_desktop.ui.sammantraden.store import FAILED
from finsam_desktop.ui.widgets.table_model import ROW_ROLE


class UppdragController(TabController):
    """Fills the Öppna uppdrag page and answers its buttons."""

    # --- uppdrag -----------------------------------------------------------------------------------------
    def _reload_uppdrag(self) -> None:
        try:
            rows = self.svc.uppdrag.list_uppdrag(open_only=True)
            every = self.svc.uppdrag.list_uppdrag(open_only=False)
        except FinsamError as exc:
            self.tab._error(exc)
            return
        self.tab.uppdrag_model.set_rows(rows)
        self.tab._uppdrag_by_clause = {
            u.clause_id: f"Uppdrag: {u.beskrivning} – {u.ansvarig or 'ingen ansvarig'}"
            f"{', senast ' + u.deadline.isoformat() if u.deadline else ''} ({u.status.label.lower()})"
            for u in every
            if u.clause_id
        }
        late = sum(1 for u in rows if u.overdue)
        self.tab.pages.setTabText(3, f"Öppna &uppdrag ({len(rows)})")
        self.tab.uppdrag_label.setText(
            f"Öppna uppdrag från styrelsen: {len(rows)}" + (f", varav {late} försenade" if late else "")
        )
        for w in (self.tab.uppdrag_edit, self.tab.uppdrag_done):
            w.setEnabled(not self.ctx.read_only)

    def _on_uppdrag_from_clause(self, clause_id: int) -> None:
        item = self.tab._current_item()
        if item is None:
            return
        self.tab._autosave.flush()
        existing = next((u for u in self.svc.uppdrag.list_uppdrag(open_only=False) if u.clause_id == clause_id), None)
        if existing is not None:
            self._edit_uppdrag(existing)
            return
        if not self.tab.editable:
            return
        clause = next((c for c in self.svc.agenda.get_item(item.id).all_clauses if c.id == clause_id), None)
        text = clause.text if clause else ""
        if text[:4].lower() == "att ":
            text = text[4:5].upper() + text[5:]
        dialog = UppdragDialog(self.tab._persons, self.tab, beskrivning=text)
        if not dialog.exec():
            return
        v = dialog.values()
        iid = item.id
        box: dict = {}

        def redo():
            u = self.svc.uppdrag.add_uppdrag(
                v["beskrivning"],
                ansvarig_person_id=v["ansvarig_person_id"],
                ansvarig=v["ansvarig"],
                deadline=v["deadline"],
                item_id=self.tab.store.resolve("item", iid),
                clause_id=self.tab.store.resolve("clause", self.tab.store.canonical("clause", clause_id)),
            )
            box["id"] = u.id

        def undo():
            self.svc.uppdrag.remove_uppdrag(box["id"])

        def after_reload():
            return self.tab.store.resolve("item", iid)

        if self.tab._push("Nytt uppdrag", redo, undo, select=after_reload):
            self._reload_uppdrag()
            self.tab.meeting_loader._refresh()

    def _selected_uppdrag(self):
        idx = self.tab.uppdrag.currentIndex()
        return idx.data(ROW_ROLE) if idx.isValid() else None

    def _on_edit_uppdrag(self) -> None:
        u = self._selected_uppdrag()
        if u is not None:
            self._edit_uppdrag(u)

    def _edit_uppdrag(self, u) -> None:
        if self.ctx.read_only:
            return
        dialog = UppdragDialog(self.tab._persons, self.tab, uppdrag=u)
        if not dialog.exec():
            return
        if self.tab._run(self.svc.uppdrag.update_uppdrag, u.id, **dialog.values()) is not FAILED:
            self._reload_uppdrag()
            self.tab.meeting_loader._refresh()
            self.tab._changed()

    def _on_uppdrag_done(self) -> None:
        u = self._selected_uppdrag()
        if u is None or self.ctx.read_only:
            return
        if self.tab._run(self.svc.uppdrag.update_uppdrag, u.id, status=UppdragStatus.KLART) is not FAILED:
            self._reload_uppdrag()
            self.tab._changed()

    def _on_uppdrag_goto(self) -> None:
        u = self._selected_uppdrag()
        if u is None or u.item_id is None:
            return
        try:
            item = self.svc.agenda.get_item(u.item_id)
        except FinsamError as exc:
            self.tab._error(exc)
            return
        self.tab.goto_item(item.meeting_id, item.id)
