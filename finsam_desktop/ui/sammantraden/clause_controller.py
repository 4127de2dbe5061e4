"""Commands on att-satser and delpunkter (undoable): add, standard phrase, remove, förslag → beslut."""

from __future__ import annotations

from contextlib import suppress

from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import QInputDialog, QWidget

from finsam_desktop.domain.common.errors import FinsamError
from finsam_desktop.ui.sammantraden.controller import TabController


def _first_gap(text: str) -> int | None:
    """Where a standard phrase leaves a blank to fill in ("med  kr", "vid ."), or None."""
    positions = [i + 1 for i in (text.find("  "), text.find(" .")) if i >= 0]
    if "…" in text:
        positions.append(text.index("…"))
    return min(positions) if positions else None


class ClauseController(TabController):
    """The slots of the § editor's decision part."""

    # --- att-satser -----------------------------------------------------------------------------
    def _focused_part(self):
        w = self.tab.focusWidget()
        for box in self.tab.editor.part_boxes:
            if w is not None and box.isAncestorOf(w):
                return box.part_id
        return None

    def _on_add_clause(self, part_id, text: str) -> None:
        item = self.tab._current_item()
        if item is None or not self.tab.editable:
            return
        iid = item.id
        pcanon = self.tab.store.canonical("part", part_id) if part_id else None
        box: dict = {}

        def redo():
            pid = self.tab.store.resolve("part", pcanon) if pcanon else None
            clause = self.svc.paragraphs.add_clause(self.tab.store.resolve("item", iid), text, part_id=pid)
            if "id" in box:
                self.tab.store.remap("clause", box["id"], clause.id)
            else:
                box["id"] = clause.id

        def undo():
            self.svc.paragraphs.remove_clause(self.tab.store.resolve("clause", box["id"]))

        if self.tab._push("Ny att-sats", redo, undo, select=lambda: self.tab.store.resolve("item", iid)):
            self._focus_clause(self.tab.store.resolve("clause", box["id"]))

    def _focus_clause(self, clause_id: int) -> None:
        rows = list(self.tab.editor.clauses.rows)
        for box in self.tab.editor.part_boxes:
            rows += box.clauses.rows
        for row in rows:
            if row.clause_id == clause_id:
                if row.edit.toPlainText().strip() == "Att":
                    with self.tab._autosave.suspended():
                        row.edit.setPlainText("Att ")
                row.edit.setFocus()
                cursor = row.edit.textCursor()
                cursor.movePosition(cursor.MoveOperation.End)
                gap = _first_gap(row.edit.toPlainText())
                if gap is not None:  # a standard phrase with blanks to fill: start at the first one
                    cursor.setPosition(gap)
                row.edit.setTextCursor(cursor)
                self.tab.editor.ensureWidgetVisible(row)

    def _on_phrase(self, part_id) -> None:
        if not self.tab.editable:
            return
        try:
            phrases = self.svc.paragraphs.list_phrases()
        except FinsamError as exc:
            self.tab._error(exc)
            return
        if not phrases:
            self.tab._status("Det finns inga standardfraser.", error=True)
            return
        labels = [f"{p.text}" + (f"   [{p.kategori}]" if p.kategori else "") for p in phrases]
        choice, ok = QInputDialog.getItem(
            self.tab, "Standardfras", "Välj en fras att lägga till som att-sats:", labels, 0, False
        )
        if ok and choice in labels:
            self._on_add_clause(part_id, phrases[labels.index(choice)].text)

    def _on_remove_clause(self, clause_id: int) -> None:
        item = self.tab._current_item()
        if item is None or not self.tab.editable:
            return
        self.tab._autosave.flush()
        clause = next((c for c in item.all_clauses if c.id == clause_id), None)
        if clause is None:
            return
        with suppress(FinsamError):  # fall back to the clause as shown
            text = self.svc.agenda.get_item(item.id)
            clause = next((c for c in text.all_clauses if c.id == clause_id), clause)
        iid = item.id
        canon = self.tab.store.canonical("clause", clause_id)
        part_id = clause.part_id or None
        pcanon = self.tab.store.canonical("part", part_id) if part_id else None
        position, ctext = clause.position, clause.text

        def redo():
            self.svc.paragraphs.remove_clause(self.tab.store.resolve("clause", canon))

        def undo():
            pid = self.tab.store.resolve("part", pcanon) if pcanon else None
            new = self.svc.paragraphs.add_clause(
                self.tab.store.resolve("item", iid), ctext, part_id=pid, position=position
            )
            self.tab.store.remap("clause", canon, new.id)

        self.tab._push("Ta bort att-sats", redo, undo, select=lambda: self.tab.store.resolve("item", iid))

    def _on_apply_forslag(self) -> None:
        item = self.tab._current_item()
        if item is None or not self.tab.editable:
            return
        self.tab._autosave.flush()
        # The förslag replaces the §'s own att-satser: undo brings the replaced ones back.
        self.push_replacing_children(
            "Gör förslaget till beslut",
            item.id,
            lambda i: i.all_clauses,
            self.svc.paragraphs.apply_forslag,
            self.svc.paragraphs.remove_clause,
            restore=lambda iid, clause: self.svc.paragraphs.add_clause(iid, clause.text),
        )

    def _on_add_part(self) -> None:
        item = self.tab._current_item()
        if item is None or not self.tab.editable:
            return
        iid = item.id
        box: dict = {}

        def redo():
            part = self.svc.paragraphs.add_part(self.tab.store.resolve("item", iid), "", "")
            if "id" in box:
                self.tab.store.remap("part", box["id"], part.id)
            else:
                box["id"] = part.id

        def undo():
            self.svc.paragraphs.remove_part(self.tab.store.resolve("part", box["id"]))

        if self.tab._push("Ny delpunkt", redo, undo, select=lambda: self.tab.store.resolve("item", iid)):
            for b in self.tab.editor.part_boxes:
                if b.part_id == self.tab.store.resolve("part", box["id"]):
                    b.rubrik.setFocus()

    def _on_remove_part(self, part_id: int) -> None:
        item = self.tab._current_item()
        if item is None or not self.tab.editable:
            return
        self.tab._autosave.flush()
        part = next((p for p in self.svc.agenda.get_item(item.id).parts if p.id == part_id), None)
        if part is None:
            return
        iid = item.id
        canon = self.tab.store.canonical("part", part_id)

        def redo():
            self.svc.paragraphs.remove_part(self.tab.store.resolve("part", canon))

        def undo():
            new = self.svc.paragraphs.add_part(self.tab.store.resolve("item", iid), part.rubrik, part.text)
            self.tab.store.remap("part", canon, new.id)
            for c in part.clauses:
                clause = self.svc.paragraphs.add_clause(new.item_id, c.text, part_id=new.id)
                self.tab.store.remap("clause", self.tab.store.canonical("clause", c.id), clause.id)

        self.tab._push("Ta bort delpunkt", redo, undo, select=lambda: self.tab.store.resolve("item", iid))


class ClauseKeys(QWidget):
    """Event filter on att-sats editors: Ctrl+Return adds the next att-sats."""

    def __init__(self, tab):
        super().__init__(tab)
        self.hide()
        self._tab = tab

    def eventFilter(self, obj, event) -> bool:
        if event.type() == QEvent.Type.KeyPress and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            if event.modifiers() == Qt.KeyboardModifier.ControlModifier:
                part = self._tab.clause_ctl._focused_part()
                self._tab.clause_ctl._on_add_clause(part, "Att ")
                return True
        return False
