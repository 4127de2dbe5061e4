"""Commands on jäv, omröstning and reservationer of the § in the editor (undoable)."""

from __future__ import annotations

from PySide6.QtCore import Qt

from finsam_desktop.domain.sammantraden.kinds import JavKind
from finsam_desktop.ui.sammantraden.controller import TabController
from finsam_desktop.ui.sammantraden.dialogs import (
    VoteDialog,
)


class DecisionController(TabController):
    """The slots of the § editor's "more" part."""

    # --- jäv, omröstning, reservation -----------------------------------------------------------
    def _on_apply_jav(self) -> None:
        item = self.tab._current_item()
        if item is None or not self.tab.editable:
            return
        self.push_replacing_children(
            "För in jävsanteckningar",
            item.id,
            lambda i: i.jav,
            self.svc.jav.apply_jav_proposals,
            self.svc.jav.remove_jav,
        )

    def _on_add_jav(self) -> None:
        item = self.tab._current_item()
        person_id = self.tab.editor.jav_person.currentData()
        kind = JavKind(self.tab.editor.jav_kind.currentData())
        if item is None or person_id is None or not self.tab.editable:
            return
        iid = item.id
        box: dict = {}

        def redo():
            box["id"] = self.svc.jav.set_jav(self.tab.store.resolve("item", iid), person_id, kind).id

        def undo():
            self.svc.jav.remove_jav(box["id"])

        self.tab._push("Lägg till jäv", redo, undo, select=lambda: self.tab.store.resolve("item", iid))

    def _on_remove_jav(self) -> None:
        self._remove_from_item(
            self.tab.editor.jav_list,
            lambda item: item.jav,
            self.svc.jav.remove_jav,
            lambda item_id, note: self.svc.jav.set_jav(item_id, note.person_id, note.kind),
            "Ta bort jäv",
        )

    def _remove_from_item(self, list_widget, records_of, remove, add_back, label: str) -> None:
        """Remove the record selected in ``list_widget`` (a jäv note, a reservation) from the current §
        as one undoable step; undo adds it back and follows its new id."""
        item = self.tab._current_item()
        current = list_widget.currentItem()
        if item is None or current is None or not self.tab.editable:
            return
        record_id = current.data(Qt.ItemDataRole.UserRole)
        record = next((r for r in records_of(item) if r.id == record_id), None)
        if record is None:
            return
        iid = item.id
        box = {"id": record_id}

        def redo():
            remove(box["id"])

        def undo():
            box["id"] = add_back(self.tab.store.resolve("item", iid), record).id

        self.tab._push(label, redo, undo, select=lambda: self.tab.store.resolve("item", iid))

    def _on_vote(self) -> None:
        item = self.tab._current_item()
        if item is None or not self.tab.editable:
            return
        dialog = VoteDialog(self.tab.item_presenter._board_people(), self.tab, item.vote)
        if not dialog.exec():
            return
        v = dialog.values()
        old = item.vote
        iid = item.id

        def undo():
            if old is None:
                self.svc.votes.clear_vote(self.tab.store.resolve("item", iid))
            else:
                self.svc.votes.set_vote(
                    self.tab.store.resolve("item", iid),
                    old.proposition,
                    votes={pid: r for pid, _n, r in old.votes} or None,
                    ja=old.ja,
                    nej=old.nej,
                    avstar=old.avstar,
                    sluten=old.sluten,
                )

        self.tab._push(
            "Omröstning",
            lambda: self.svc.votes.set_vote(
                self.tab.store.resolve("item", iid),
                v["proposition"],
                votes=v["votes"],
                ja=v["ja"],
                nej=v["nej"],
                avstar=v["avstar"],
                sluten=v["sluten"],
            ),
            undo,
            select=lambda: self.tab.store.resolve("item", iid),
        )

    def _on_clear_vote(self) -> None:
        item = self.tab._current_item()
        if item is None or item.vote is None or not self.tab.editable:
            return
        old, iid = item.vote, item.id
        self.tab._push(
            "Ta bort omröstning",
            lambda: self.svc.votes.clear_vote(self.tab.store.resolve("item", iid)),
            lambda: self.svc.votes.set_vote(
                self.tab.store.resolve("item", iid),
                old.proposition,
                votes={pid: r for pid, _n, r in old.votes} or None,
                ja=old.ja,
                nej=old.nej,
                avstar=old.avstar,
                sluten=old.sluten,
            ),
            select=lambda: self.tab.store.resolve("item", iid),
        )

    def _on_add_reservation(self) -> None:
        item = self.tab._current_item()
        pid = self.tab.editor.res_person.currentData()
        if item is None or pid is None or not self.tab.editable:
            return
        motivering = self.tab.editor.res_motivering.text().strip()
        iid = item.id
        box: dict = {}

        def redo():
            box["id"] = self.svc.votes.add_reservation(self.tab.store.resolve("item", iid), pid, motivering).id

        def undo():
            self.svc.votes.remove_reservation(box["id"])

        if self.tab._push("Reservation", redo, undo, select=lambda: self.tab.store.resolve("item", iid)):
            self.tab.editor.res_motivering.clear()

    def _on_remove_reservation(self) -> None:
        self._remove_from_item(
            self.tab.editor.reservations,
            lambda item: item.reservations,
            self.svc.votes.remove_reservation,
            lambda item_id, res: self.svc.votes.add_reservation(item_id, res.person_id, res.motivering),
            "Ta bort reservation",
        )
