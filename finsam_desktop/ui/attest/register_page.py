"""The register of delegationsbeslut: year, summary, the table and the buttons. Widgets and layout only;
``RegisterController`` acts on them."""

from __future__ import annotations

from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from finsam_desktop.ui.attest.models import decision_model
from finsam_desktop.ui.attest.page_support import make_table, selected
from finsam_desktop.ui.attest.register_controller import RegisterController
from finsam_desktop.ui.context import UiContext

BUTTONS = (
    ("new", "Nytt &beslut…"),
    ("edit", "&Ändra…"),
    ("remove", "&Ta bort"),
    ("attach", "Lägg till b&ilaga…"),
    ("open", "&Spara bilaga…"),
    ("agenda", "&Lägg ej anmälda på nästa dagordning"),
    ("pdf", "&PDF…"),
    ("xlsx", "&Excel…"),
)


class RegisterPage(QWidget):
    """The register of delegationsbeslut with entry dialog, warnings, attachments and anmälan."""

    def __init__(self, ctx: UiContext, undo: QUndoStack, parent=None):
        super().__init__(parent)
        self.ctx = ctx
        self.year = QComboBox()
        self.year.setAccessibleName("År")
        self.summary = QLabel()
        self.model = decision_model(self)
        self.view, self.proxy = make_table(self.model, (90, 130, 300, 250, 100, 90, 260), 7, name="Delegationsbeslut")
        self.buttons = {key: QPushButton(text) for key, text in BUTTONS}
        top = QHBoxLayout()
        year_label = QLabel("&År:")
        year_label.setBuddy(self.year)
        top.addWidget(year_label)
        top.addWidget(self.year)
        top.addWidget(self.summary, 1)
        buttons = QHBoxLayout()
        for key in ("new", "edit", "remove", "attach", "open", "agenda"):
            buttons.addWidget(self.buttons[key])
        buttons.addStretch(1)
        buttons.addWidget(self.buttons["pdf"])
        buttons.addWidget(self.buttons["xlsx"])
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.view)
        layout.addLayout(buttons)

        self.controller = c = RegisterController(self, ctx, undo)
        b = self.buttons
        self.year.currentIndexChanged.connect(lambda: c.load())
        self.view.doubleClicked.connect(lambda _i: c.edit())
        b["new"].clicked.connect(c.new)
        b["edit"].clicked.connect(c.edit)
        b["remove"].clicked.connect(c.remove)
        b["attach"].clicked.connect(c.attach)
        b["open"].clicked.connect(c.save_attachment)
        b["agenda"].clicked.connect(c.to_agenda)
        b["pdf"].clicked.connect(lambda: c.export_register("pdf"))
        b["xlsx"].clicked.connect(lambda: c.export_register("xlsx"))
        self.view.selectionModel().selectionChanged.connect(lambda *_: self.sync_buttons())
        self.reload()

    def reload(self) -> None:
        self.controller.reload()

    def current_decision(self):
        return selected(self.view, self.proxy, self.model)

    def set_years(self, years: list[int], keep: int | None) -> None:
        """ "Alla år" and ``years``; selects ``keep`` (or the first entry) without reloading twice."""
        self.year.blockSignals(True)
        self.year.clear()
        self.year.addItem("Alla år", None)
        for y in years:
            self.year.addItem(str(y), y)
        self.year.setCurrentIndex(max(self.year.findData(keep), 0))
        self.year.blockSignals(False)

    def show_decisions(self, decisions, unreported: int) -> None:
        self.model.set_rows(decisions)
        flagged = sum(1 for d in decisions if d.check.warnings)
        self.summary.setText(
            f"{len(decisions)} beslut, {flagged} med avvikelser. {unreported} ej anmälda till styrelsen."
        )
        self.sync_buttons()

    def sync_buttons(self) -> None:
        d = self.current_decision()
        ro = self.ctx.read_only
        locked = d is None or d.status.value == "anmalt"
        self.buttons["new"].setEnabled(not ro)
        for key in ("edit", "remove", "attach"):
            self.buttons[key].setEnabled(not ro and not locked)
        self.buttons["open"].setEnabled(d is not None and bool(d.attachments))
        self.buttons["agenda"].setEnabled(not ro)
