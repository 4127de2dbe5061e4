"""Bilagor: add a file to the §, refer to or drop a bilaga, open, rename and remove bilagor."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QInputDialog, QMessageBox

from finsam_desktop.domain.common.errors import FinsamError
from finsam_desktop.ui.sammantraden.controller import TabController
from finsam_desktop.ui.sammantraden.store import FAILED
from finsam_desktop.ui.widgets.background import run_in_background


class BilagaController(TabController):
    """The slots of the Bilagor page and of the § editor's bilaga list."""

    # --- bilagor ---------------------------------------------------------------------------------
    def _on_add_file(self) -> None:
        item = self.tab._current_item()
        if item is None or not self.tab.editable:
            return
        path, _ = QFileDialog.getOpenFileName(self.tab, "Lägg till bilaga", str(Path.home()), "Alla filer (*)")
        if path:
            self.add_bilaga_file(Path(path))

    def add_bilaga_file(self, path: Path, titel: str | None = None) -> None:
        """Store ``path`` as a bilaga referenced by the current §."""
        item = self.tab._current_item()
        if item is None:
            return
        try:
            data = path.read_bytes()
        except OSError as exc:
            self.tab._error(FinsamError(f"Filen {path.name} kunde inte läsas: {exc.strerror or exc}"))
            return
        iid, mid = item.id, self.tab.detail.meeting.id
        box: dict = {}
        title = titel or path.stem

        def redo():
            if "id" in box:
                self.svc.bilagor.attach_bilaga(self.tab.store.resolve("item", iid), box["id"])
            else:
                box["id"] = self.svc.bilagor.add_bilaga(
                    mid, title, path.name, data, item_id=self.tab.store.resolve("item", iid)
                ).id

        def undo():
            self.svc.bilagor.detach_bilaga(self.tab.store.resolve("item", iid), box["id"])

        self.tab._push(f"Bilaga {path.name}", redo, undo, select=lambda: self.tab.store.resolve("item", iid))

    def _on_link_bilaga(self) -> None:
        item = self.tab._current_item()
        if item is None or not self.tab.editable:
            return
        choices = [b for b in self.tab.detail.bilagor if b.id not in item.bilaga_ids]
        if not choices:
            self.tab._status("Sammanträdet har inga andra bilagor att hänvisa till.", error=True)
            return
        labels = [f"Bilaga {b.number or '–'}: {b.titel}" for b in choices]
        choice, ok = QInputDialog.getItem(self.tab, "Hänvisa till bilaga", "Bilaga:", labels, 0, False)
        if not ok:
            return
        bid = choices[labels.index(choice)].id
        iid = item.id
        self.tab._push(
            "Hänvisa till bilaga",
            lambda: self.svc.bilagor.attach_bilaga(self.tab.store.resolve("item", iid), bid),
            lambda: self.svc.bilagor.detach_bilaga(self.tab.store.resolve("item", iid), bid),
            select=lambda: self.tab.store.resolve("item", iid),
        )

    def _on_unlink_bilaga(self) -> None:
        item = self.tab._current_item()
        current = self.tab.editor.bilagor.currentItem()
        if item is None or current is None or current.data(Qt.ItemDataRole.UserRole) is None or not self.tab.editable:
            return
        bid = current.data(Qt.ItemDataRole.UserRole)
        iid = item.id
        self.tab._push(
            "Ta bort hänvisning till bilaga",
            lambda: self.svc.bilagor.detach_bilaga(self.tab.store.resolve("item", iid), bid),
            lambda: self.svc.bilagor.attach_bilaga(self.tab.store.resolve("item", iid), bid),
            select=lambda: self.tab.store.resolve("item", iid),
        )

    def _on_open_item_bilaga(self) -> None:
        current = self.tab.editor.bilagor.currentItem()
        if current is not None and current.data(Qt.ItemDataRole.UserRole) is not None:
            self._open_bilaga(current.data(Qt.ItemDataRole.UserRole))

    def _selected_bilaga(self):
        idx = self.tab.bilagor.currentIndex()
        return self.tab.bilaga_model.row_at(idx.row()) if idx.isValid() else None

    def _on_open_bilaga(self) -> None:
        b = self._selected_bilaga()
        if b is not None:
            self._open_bilaga(b.id)

    def _open_bilaga(self, bilaga_id: int) -> None:
        def done(result):
            name, data = result
            self.tab.export_ctl._open_bytes(name, data)

        run_in_background(
            self.tab, "Hämtar bilagan…", lambda: self.svc.bilagor.bilaga_bytes(bilaga_id), done, self.tab._error
        )

    def _on_rename_bilaga(self) -> None:
        b = self._selected_bilaga()
        if b is None or not self.tab.editable:
            return
        titel, ok = QInputDialog.getText(self.tab, "Byt titel", "Bilagans titel:", text=b.titel)
        if ok and titel.strip() and titel.strip() != b.titel:
            old = b.titel
            self.tab._push(
                "Byt titel på bilaga",
                lambda: self.svc.bilagor.rename_bilaga(b.id, titel.strip()),
                lambda: self.svc.bilagor.rename_bilaga(b.id, old),
            )

    def _on_remove_bilaga(self) -> None:
        b = self._selected_bilaga()
        if b is None or not self.tab.editable:
            return
        answer = QMessageBox.question(
            self.tab,
            "Ta bort bilaga",
            f"Ta bort bilagan ”{b.titel}” ({b.filnamn}) från sammanträdet?\n"
            "Filen tas bort ur databasen och övriga bilagor numreras om. Det går inte att ångra.",
        )
        if (
            answer == QMessageBox.StandardButton.Yes
            and self.tab._run(self.svc.bilagor.remove_bilaga, b.id) is not FAILED
        ):
            self.tab.meeting_loader._refresh()
            self.tab._changed()
