"""Full-text search in all protocols: the hits replace the meeting list until Esc or “← Sammanträden”."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex

from finsam_desktop.ui.sammantraden.controller import TabController
from finsam_desktop.ui.sammantraden.store import FAILED


class SearchController(TabController):
    """The slots of the search field and the hit list."""

    # --- search ---------------------------------------------------------------------------------------
    def _focus_search(self) -> None:
        self.tab.search.setFocus()
        self.tab.search.selectAll()

    def _on_search(self) -> None:
        text = self.tab.search.text().strip()
        if not text:
            self._show_meetings()
            return
        hits = self.tab._run(self.svc.search.search, text)
        if hits is FAILED:
            return
        self.tab.hit_delegate.words = [w for w in "".join(c if c.isalnum() else " " for c in text).split()]
        self.tab.search_model.set_rows(sorted(hits, key=lambda h: (h.datum, h.item_id), reverse=True))
        n = len(hits)
        self.tab.results_label.setText(
            f"<b>{n} träff{'ar' if n != 1 else ''}</b> för ”{text}”" if n else f"Inga träffar för ”{text}”."
        )
        self.tab.left.setCurrentIndex(1)
        if n:
            self.tab.results.setCurrentIndex(self.tab.search_model.index(0, 2))

    def _show_meetings(self) -> None:
        self.tab.left.setCurrentIndex(0)

    def _on_result(self, index: QModelIndex) -> None:
        if not index.isValid():
            return
        hit = self.tab.search_model.row_at(index.row())
        self.tab.goto_item(hit.meeting_id, hit.item_id)
