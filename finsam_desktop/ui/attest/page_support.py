"""What the pages of the Attest & delegation tab share: the undoable service call, the sortable read-only
table, and ``PageActions`` — the controllers' handle on the services, the undo stack, error boxes and exports."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QSortFilterProxyModel
from PySide6.QtGui import QUndoCommand, QUndoStack
from PySide6.QtWidgets import QFileDialog, QMessageBox, QTableView, QWidget

from finsam_desktop.domain.common.errors import FinsamError
from finsam_desktop.ui.context import UiContext
from finsam_desktop.ui.widgets.background import run_in_background
from finsam_desktop.ui.widgets.table_model import SORT_ROLE
from finsam_desktop.ui.widgets.table_view import read_only_table

AREA = "attest"


class ServiceCommand(QUndoCommand):
    """An undoable service call: ``do`` runs on redo (also the first time), ``undo`` reverts it."""

    def __init__(self, text: str, do: Callable[[], object], undo: Callable[[], object], after: Callable[[], None]):
        super().__init__(text)
        self._do, self._undo, self._after = do, undo, after
        self._done = True  # the first call is made before pushing, so errors reach the caller

    def redo(self) -> None:
        if self._done:
            self._done = False
        else:
            self._do()
        self._after()

    def undo(self) -> None:
        self._undo()
        self._after()


def make_table(
    model, widths: tuple[int, ...] = (), stretch: int | None = None, *, name: str
) -> tuple[QTableView, QSortFilterProxyModel]:
    """A sortable read-only table over ``model`` and its proxy; ``name`` is the table's accessible name."""
    proxy = QSortFilterProxyModel()
    proxy.setSourceModel(model)
    proxy.setSortRole(SORT_ROLE)
    view = read_only_table(
        proxy,
        stretch=stretch,
        stretch_last=stretch is None,
        widths=widths,
        sort_column=0,
        alternating=False,
        word_wrap=True,
        name=name,
    )
    return view, proxy


def selected(view: QTableView, proxy: QSortFilterProxyModel, model):
    """The source row of the first selected line, or None."""
    rows = view.selectionModel().selectedRows() if view.selectionModel() else []
    if not rows:
        return None
    return model.row_at(proxy.mapToSource(rows[0]).row())


class PageActions:
    """A page controller's tools: the attest area, undoable calls, warnings and background exports.

    ``reload`` is the page's reload (called after every change, and after a failed call)."""

    def __init__(self, page: QWidget, ctx: UiContext, undo: QUndoStack, reload: Callable[[], None]):
        self.page, self.ctx, self.undo, self._reload = page, ctx, undo, reload

    @property
    def service(self):
        return self.ctx.services.attest

    def fail(self, exc: Exception) -> None:
        QMessageBox.warning(self.page, "Det gick inte", str(exc))

    def push(self, text: str, do, undo) -> bool:
        try:
            do()
        except FinsamError as exc:
            self.fail(exc)
            self._reload()
            return False
        self.undo.push(ServiceCommand(text, do, undo, self.changed))
        return True

    def changed(self) -> None:
        self._reload()
        self.ctx.events.area_changed.emit(AREA)

    def export(self, title: str, suggested: str, make: Callable[[], bytes]) -> None:
        page = self.page
        path, _ = QFileDialog.getSaveFileName(page, title, suggested)
        if not path:
            return

        def work() -> Path:
            Path(path).write_bytes(make())
            return Path(path)

        run_in_background(
            page,
            f"Skapar {Path(path).name}…",
            work,
            lambda p: (
                page.window().statusBar().showMessage(f"Sparade {p}", 5000)
                if hasattr(page.window(), "statusBar")
                else None
            ),
            self.fail,
        )
