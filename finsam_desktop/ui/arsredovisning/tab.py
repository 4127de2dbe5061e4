"""The Årsredovisning tab: the year selector over the stored years and five sub-tabs (Bokföring, Kontoplan,
Förvaltningsberättelse, Deltagarflöden, Dokument). Text, mapping and typed flows go on the tab's undo stack (in the
window's undo group); imports, removals and the adoption replace or lock data and clear it."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QMessageBox, QTabWidget, QVBoxLayout, QWidget

from finsam_desktop.domain.common.errors import FinsamError
from finsam_desktop.services.arsredovisning.dto import YearSummary
from finsam_desktop.ui.arsredovisning.books_page import BooksPage
from finsam_desktop.ui.arsredovisning.documents_page import DocumentsPage
from finsam_desktop.ui.arsredovisning.flows_page import FlowsPage
from finsam_desktop.ui.arsredovisning.mapping_page import MappingPage
from finsam_desktop.ui.arsredovisning.texts_page import TextsPage
from finsam_desktop.ui.context import UiContext
from finsam_desktop.ui.widgets.undo import perform


class ArsredovisningTab(QWidget):
    def __init__(self, ctx: UiContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.ar = ctx.services.arsredovisning
        self.undo_stack = QUndoStack(self)
        ctx.undo_group.addStack(self.undo_stack)
        self.summaries: list[YearSummary] = []
        root = QVBoxLayout(self)
        bar = QHBoxLayout()
        label = QLabel("Räkenskaps&år")
        self.year_box = QComboBox()
        self.year_box.setAccessibleName("Räkenskapsår")
        self.year_box.setMinimumWidth(120)
        label.setBuddy(self.year_box)
        bar.addWidget(label)
        bar.addWidget(self.year_box)
        self.status = QLabel()
        self.status.setAccessibleName("Årets status")
        self.status.setWordWrap(True)
        bar.addWidget(self.status, 1)
        root.addLayout(bar)
        self.tabs = QTabWidget()
        self.tabs.setAccessibleName("Årsredovisningens delar")
        self.books = BooksPage(self)
        self.mapping = MappingPage(self)
        self.texts = TextsPage(self)
        self.flows = FlowsPage(self)
        self.documents = DocumentsPage(self)
        # Alt+letter reaches each part (letters no page below uses for its own controls).
        for page, title in (
            (self.books, "B&okföring"),
            (self.mapping, "Kontop&lan"),
            (self.texts, "Förvaltningsb&erättelse"),
            (self.flows, "Deltagarfl&öden"),
            (self.documents, "Dok&ument"),
        ):
            page.setAccessibleName(title.replace("&", ""))
            self.tabs.addTab(page, title)
        root.addWidget(self.tabs, 1)
        self.year_box.currentIndexChanged.connect(lambda _i: self.load_year())
        ctx.events.workspace_replaced.connect(self.reload)
        ctx.events.forbund_changed.connect(self.reload)
        self.reload()

    # --- state ------------------------------------------------------------------------------------------------
    def year(self) -> int | None:
        return self.year_box.currentData()

    def summary(self) -> YearSummary | None:
        year = self.year()
        return next((y for y in self.summaries if y.year == year), None)

    def adopted(self) -> bool:
        s = self.summary()
        return s is not None and s.adopted

    def editable(self) -> bool:
        return not self.ctx.read_only and self.year() is not None and not self.adopted()

    # --- loading ----------------------------------------------------------------------------------------------
    def reload(self, select: int | None = None) -> None:
        keep = select if select is not None else self.year()
        self.summaries = self.ar.documents.years()
        self.year_box.blockSignals(True)
        self.year_box.clear()
        for y in self.summaries:
            self.year_box.addItem(f"{y.year}" + (" (fastställd)" if y.adopted else ""), y.year)
        index = self.year_box.findData(keep) if keep is not None else -1
        self.year_box.setCurrentIndex(index if index >= 0 else self.year_box.count() - 1)
        self.year_box.blockSignals(False)
        self.books.show_years(self.summaries)
        self.mapping.load()
        self.load_year()

    def load_year(self) -> None:
        s = self.summary()
        if s is None:
            self.status.setText("Inga år har bokföring ännu. Importera en SIE-fil eller mata in saldon.")
        elif s.adopted:
            self.status.setText(f"<b>{s.year}</b>: fastställd {s.adopted_text} – låst.")
        else:
            self.status.setText(f"<b>{s.year}</b>: utkast – {s.figures_text}.")
        self.books.select_year(self.year())
        self.mapping.show_unmapped()
        self.texts.load()
        self.flows.load()
        self.documents.load()

    def changed(self, select: int | None = None) -> None:
        self.reload(select)
        self.ctx.events.area_changed.emit("arsredovisning")

    # --- messages and undo ------------------------------------------------------------------------------------
    def error(self, exc: Exception, title: str = "Det gick inte") -> None:
        QMessageBox.warning(self, title, str(exc))

    def info(self, title: str, text: str) -> None:
        QMessageBox.information(self, title, text)

    def confirm(self, title: str, text: str) -> bool:
        answer = QMessageBox.question(self, title, text)
        return answer == QMessageBox.StandardButton.Yes

    def undoable(
        self,
        text: str,
        do: Callable[[], object],
        undo: Callable[[], object],
        on_changed: Callable[[], None] | None = None,
    ) -> bool:
        """Run ``do`` now and put it on the undo stack (``on_changed`` after each step, a full reload by default);
        an error is shown and nothing is pushed."""
        try:
            perform(
                self.undo_stack,
                text,
                do,
                undo=lambda _r: undo(),
                redo=lambda _r: do(),
                on_changed=on_changed or self.changed,
                on_error=lambda exc: self.error(exc, "Ångra / Gör om gick inte"),
            )
        except FinsamError as exc:
            self.error(exc)
            return False
        return True

    def locked_change(self) -> None:
        """After an import, a removal or an adoption: earlier steps may point at data that is gone or locked."""
        self.undo_stack.clear()
