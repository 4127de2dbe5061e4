"""Full-text search and the open uppdrag: the controller half of the search results and the Uppdrag pane."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex

from finsam_desktop.domain.common.errors import FinsamError
from finsam_desktop.domain.sammantraden.kinds import UppdragStatus
from finsam_desktop.ui.sammantraden.dialogs import UppdragDialog
from finsam_desktop.ui.sammantraden.store import FAILED
from finsam_desktop.ui.widgets.table_model import ROW_ROLE


class LookupMixin:
    """Methods of ``SammantradenTab`` for search hits and uppdrag (``self`` is the tab)."""

    # --- search ---------------------------------------------------------------------------------------
    def _focus_search(self) -> None:
        self.search.setFocus()
        self.search.selectAll()

    def _on_search(self) -> None:
        text = self.search.text().strip()
        if not text:
            self._show_meetings()
            return
        hits = self._run(self.svc.search.search, text)
        if hits is FAILED:
            return
        self.hit_delegate.words = [w for w in "".join(c if c.isalnum() else " " for c in text).split()]
        self.search_model.set_rows(sorted(hits, key=lambda h: (h.datum, h.item_id), reverse=True))
        n = len(hits)
        self.results_label.setText(
            f"<b>{n} träff{'ar' if n != 1 else ''}</b> för ”{text}”" if n else f"Inga träffar för ”{text}”."
        )
        self.left.setCurrentIndex(1)
        if n:
            self.results.setCurrentIndex(self.search_model.index(0, 2))

    def _show_meetings(self) -> None:
        self.left.setCurrentIndex(0)

    def _on_result(self, index: QModelIndex) -> None:
        if not index.isValid():
            return
        hit = self.search_model.row_at(index.row())
        self.goto_item(hit.meeting_id, hit.item_id)

    def goto_item(self, meeting_id: int, item_id: int | None) -> None:
        """Show ``meeting_id`` with ``item_id`` in the editor (from search hits and uppdrag)."""
        self._autosave.flush()
        try:
            summary = next((s for s in self.svc.meetings.list_meetings() if s.id == meeting_id), None)
        except FinsamError as exc:
            self._error(exc)
            return
        if summary is None:
            return
        shown = {r.id for r in self.meeting_model.rows}
        if meeting_id not in shown:
            self.year.blockSignals(True)
            self.year.setCurrentIndex(max(self.year.findData(summary.datum.year), 0))
            self.year.blockSignals(False)
            self.status_filter.blockSignals(True)
            self.status_filter.setCurrentIndex(0)
            self.status_filter.blockSignals(False)
            rows = self.svc.meetings.list_meetings(year=self.year.currentData())
            self.meeting_model.set_rows(rows)
        self.detail = None
        self.meetings.selectionModel().blockSignals(True)
        for row in range(self.meeting_proxy.rowCount()):
            idx = self.meeting_proxy.index(row, 0)
            if idx.data(ROW_ROLE).id == meeting_id:
                self.meetings.setCurrentIndex(idx)
        self.meetings.selectionModel().blockSignals(False)
        self._load_meeting(meeting_id, item_id)
        self.pages.setCurrentIndex(0)

    # --- uppdrag -----------------------------------------------------------------------------------------
    def _reload_uppdrag(self) -> None:
        try:
            rows = self.svc.uppdrag.list_uppdrag(open_only=True)
            every = self.svc.uppdrag.list_uppdrag(open_only=False)
        except FinsamError as exc:
            self._error(exc)
            return
        self.uppdrag_model.set_rows(rows)
        self._uppdrag_by_clause = {
            u.clause_id: f"Uppdrag: {u.beskrivning} – {u.ansvarig or 'ingen ansvarig'}"
            f"{', senast ' + u.deadline.isoformat() if u.deadline else ''} ({u.status.label.lower()})"
            for u in every
            if u.clause_id
        }
        late = sum(1 for u in rows if u.overdue)
        self.pages.setTabText(3, f"Öppna &uppdrag ({len(rows)})")
        self.uppdrag_label.setText(
            f"Öppna uppdrag från styrelsen: {len(rows)}" + (f", varav {late} försenade" if late else "")
        )
        for w in (self.uppdrag_edit, self.uppdrag_done):
            w.setEnabled(not self.ctx.read_only)

    def _on_uppdrag_from_clause(self, clause_id: int) -> None:
        item = self._current_item()
        if item is None:
            return
        self._autosave.flush()
        existing = next((u for u in self.svc.uppdrag.list_uppdrag(open_only=False) if u.clause_id == clause_id), None)
        if existing is not None:
            self._edit_uppdrag(existing)
            return
        if not self.editable:
            return
        clause = next((c for c in self.svc.agenda.get_item(item.id).all_clauses if c.id == clause_id), None)
        text = clause.text if clause else ""
        if text[:4].lower() == "att ":
            text = text[4:5].upper() + text[5:]
        dialog = UppdragDialog(self._persons, self, beskrivning=text)
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
                item_id=self.store.resolve("item", iid),
                clause_id=self.store.resolve("clause", self.store.canonical("clause", clause_id)),
            )
            box["id"] = u.id

        def undo():
            self.svc.uppdrag.remove_uppdrag(box["id"])

        def after_reload():
            return self.store.resolve("item", iid)

        if self._push("Nytt uppdrag", redo, undo, select=after_reload):
            self._reload_uppdrag()
            self._refresh()

    def _selected_uppdrag(self):
        idx = self.uppdrag.currentIndex()
        return idx.data(ROW_ROLE) if idx.isValid() else None

    def _on_edit_uppdrag(self) -> None:
        u = self._selected_uppdrag()
        if u is not None:
            self._edit_uppdrag(u)

    def _edit_uppdrag(self, u) -> None:
        if self.ctx.read_only:
            return
        dialog = UppdragDialog(self._persons, self, uppdrag=u)
        if not dialog.exec():
            return
        if self._run(self.svc.uppdrag.update_uppdrag, u.id, **dialog.values()) is not FAILED:
            self._reload_uppdrag()
            self._refresh()
            self._changed()

    def _on_uppdrag_done(self) -> None:
        u = self._selected_uppdrag()
        if u is None or self.ctx.read_only:
            return
        if self._run(self.svc.uppdrag.update_uppdrag, u.id, status=UppdragStatus.KLART) is not FAILED:
            self._reload_uppdrag()
            self._changed()

    def _on_uppdrag_goto(self) -> None:
        u = self._selected_uppdrag()
        if u is None or u.item_id is None:
            return
        try:
            item = self.svc.agenda.get_item(u.item_id)
        except FinsamError as exc:
            self._error(exc)
            return
        self.goto_item(item.meeting_id, item.id)
