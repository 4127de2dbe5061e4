"""The Budget tab: composes the five panes (follow-up, budget, insatser, contributions, eget kapital)
with their controllers, and loads what they show for the chosen year. Edits are undoable."""

from __future__ import annotations

from datetime import date

from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QComboBox, QLabel, QPushButton, QSpinBox, QTabWidget, QVBoxLayout, QWidget

from finsam_desktop import clock
from finsam_desktop.ui.budget.budget_controller import BudgetController
from finsam_desktop.ui.budget.budget_pane import BudgetPane
from finsam_desktop.ui.budget.contributions_pane import ContributionsPane
from finsam_desktop.ui.budget.equity_pane import EquityPane
from finsam_desktop.ui.budget.files_controller import FilesController
from finsam_desktop.ui.budget.followup_controller import FollowupController
from finsam_desktop.ui.budget.followup_pane import FollowupPane
from finsam_desktop.ui.budget.insatser_controller import InsatserController
from finsam_desktop.ui.budget.insatser_pane import InsatserPane
from finsam_desktop.ui.budget.settings_controller import SettingsController
from finsam_desktop.ui.budget.state import TabState, UndoRunner
from finsam_desktop.ui.budget.widgets import make_label
from finsam_desktop.ui.context import UiContext
from finsam_desktop.ui.widgets.flow_layout import FlowLayout


class BudgetTab(QWidget):
    """The tab widget: the year/per bar, the panes in sub-tabs, and loading them."""

    def __init__(self, ctx: UiContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.bs = ctx.services.budget
        self.undo_stack = QUndoStack(self)
        ctx.undo_group.addStack(self.undo_stack)
        self._build()
        self.state = TabState(self.year)
        self._default_per: date | None = None
        self.runner = UndoRunner(self, self.undo_stack, self.after_change)
        self.followup_ctl = FollowupController(
            self, self.bs, self.state, self.runner, self.followup_pane, self.select_per
        )
        self.budget_ctl = BudgetController(self, self.bs, self.state, self.runner, self.budget_pane, self.after_change)
        self.insatser_ctl = InsatserController(self, self.bs, self.state, self.runner, self.insatser_pane)
        self.settings_ctl = SettingsController(
            self.bs, self.state, self.runner, self.contributions_pane, self.equity_pane
        )
        self.files_ctl = FilesController(self, self.bs, self.state, self.runner, self.after_change)
        self._connect()
        years = self.bs.versions.years()
        this_year = clock.today().year
        self.year.setValue(this_year if this_year in years or not years else years[-1])
        self.year.valueChanged.connect(lambda _v: self.reload())
        ctx.events.workspace_replaced.connect(self.reload)
        ctx.events.forbund_changed.connect(self.reload)
        ctx.events.area_changed.connect(self._on_area_changed)
        self.reload()

    def _on_area_changed(self, area: str) -> None:
        # The insatser are Verksamhet's too (a rename, a status, a delprojekt). ``reload`` emits nothing, so the
        # Verksamhet tab, which reloads on "budget", is not set off again.
        if area == "verksamhet":
            self.reload()

    # ------------------------------------------------------------------------------------------
    # Layout and wiring
    # ------------------------------------------------------------------------------------------
    def _build(self) -> None:
        root = QVBoxLayout(self)
        # A flow: on a narrow window the buttons go on to a second row instead of widening the window.
        bar = FlowLayout()
        year_label = QLabel("&Budgetår")
        bar.addWidget(year_label)
        self.year = QSpinBox()
        self.year.setRange(2000, 2100)
        self.year.setAccessibleName("Budgetår")
        year_label.setBuddy(self.year)
        bar.addWidget(self.year)
        per_label = QLabel("Uppföljning per")
        bar.addWidget(per_label)
        self.per = QComboBox()
        self.per.setAccessibleName("Uppföljning per datum")
        per_label.setBuddy(self.per)
        self.per.setMinimumWidth(150)
        bar.addWidget(self.per)
        self.new_followup_btn = QPushButton("&Ny uppföljning…")
        bar.addWidget(self.new_followup_btn)
        bar.addStretch()
        self.import_btn = QPushButton("&Importera utfall…")
        self.undo_import_btn = QPushButton("&Ångra senaste import…")
        self.undo_import_btn.setAccessibleName("Ångra senaste utfallsimport")
        self.undo_import_btn.setToolTip("Tar bort det den senaste importen lade till och återställer det den ersatte.")
        self.mapping_btn = QPushButton("&Kontokoppling…")
        self.xlsx_btn = QPushButton("E&xportera Excel…")
        self.pdf_btn = QPushButton("PDF till &styrelsen…")
        for b in (self.import_btn, self.undo_import_btn, self.mapping_btn, self.xlsx_btn, self.pdf_btn):
            bar.addWidget(b)
        root.addLayout(bar)
        self.status = make_label()
        root.addWidget(self.status)
        self.tabs = QTabWidget()
        root.addWidget(self.tabs, 1)
        self.followup_pane = FollowupPane(self)
        self.budget_pane = BudgetPane(self)
        self.insatser_pane = InsatserPane(self.year.value, self)
        self.contributions_pane = ContributionsPane(self)
        self.equity_pane = EquityPane(self)
        self.tabs.addTab(self.followup_pane, "&Uppföljning")
        self.tabs.addTab(self.budget_pane, "Budget")
        self.tabs.addTab(self.insatser_pane, "Insa&tser och utbetalningar")
        self.tabs.addTab(self.contributions_pane, "&Medlemsavgifter")
        self.tabs.addTab(self.equity_pane, "&Eget kapital och mål")

    def _connect(self) -> None:
        self.per.currentIndexChanged.connect(lambda _i: self.reload_followup())
        self.budget_pane.version.currentIndexChanged.connect(lambda _i: self.reload_budget())
        self.new_followup_btn.clicked.connect(self.followup_ctl.on_new_followup)
        self.followup_pane.stated_fu_btn.clicked.connect(lambda: self.budget_ctl.on_stated(followup=True))
        self.import_btn.clicked.connect(self.files_ctl.on_import)
        self.undo_import_btn.clicked.connect(lambda: self.files_ctl.on_undo_import())
        self.mapping_btn.clicked.connect(self.files_ctl.on_mapping)
        self.xlsx_btn.clicked.connect(lambda: self.files_ctl.on_export("xlsx"))
        self.pdf_btn.clicked.connect(lambda: self.files_ctl.on_export("pdf"))

    # ------------------------------------------------------------------------------------------
    # Loading
    # ------------------------------------------------------------------------------------------
    def reload(self) -> None:
        year = self.year.value()
        self.per.blockSignals(True)
        current = self.per.currentData()
        self.per.clear()
        default = self.bs.followup.default_per(year)
        imported = self.bs.utfall.imported_months(year)
        dates = {fu.per: fu.per.isoformat() for fu in self.bs.followup.list_followups(year)}
        if imported and default not in dates:
            dates[default] = f"{default.isoformat()} (utfall t.o.m.)"
        dates.setdefault(date(year, 12, 31), f"{year}-12-31 (helår)")
        for per in sorted(dates):
            self.per.addItem(dates[per], per)
        # Keep a date the user chose; follow the default (e.g. a new import's last month) otherwise.
        keep = current is not None and current != self._default_per
        idx = self._per_index(current) if keep else -1
        self.per.setCurrentIndex(idx if idx >= 0 else max(0, self._per_index(default)))
        self._default_per = default
        self.per.blockSignals(False)
        version = self.budget_pane.version
        version.blockSignals(True)
        version.clear()
        for info in self.bs.versions.list_budgets(year):
            version.addItem(info.label, info.id)
        current_doc = self.bs.versions.current_budget(year)
        if current_doc:
            version.setCurrentIndex(max(0, version.findData(current_doc.info.id)))
        version.blockSignals(False)
        self.reload_followup()
        self.reload_budget()
        self.reload_insatser()
        self.reload_contributions()
        self.reload_equity()
        self.apply_read_only()

    def _per_index(self, per: date | None) -> int:
        """Index of the follow-up date ``per`` in the Per list, -1 if absent (findData cannot compare dates)."""
        return next((i for i in range(self.per.count()) if self.per.itemData(i) == per), -1)

    def select_per(self, per: date) -> None:
        self.per.setCurrentIndex(max(0, self._per_index(per)))

    def apply_read_only(self) -> None:
        ro = self.ctx.read_only
        doc, v = self.state.doc, self.state.view_data
        fp, bp, ip = self.followup_pane, self.budget_pane, self.insatser_pane
        locked = doc is not None and doc.info.locked
        for b in (
            self.new_followup_btn,
            self.import_btn,
            self.undo_import_btn,
            self.mapping_btn,
            bp.periodise_btn,
            fp.edit_entry_btn,
            ip.new_insats_btn,
            ip.edit_insats_btn,
            ip.grant_btn,
            ip.avtal_btn,
            ip.redov_btn,
            ip.paid_btn,
            self.contributions_pane.save_state_btn,
            self.equity_pane.save_equity_btn,
            bp.new_budget_btn,
        ):
            b.setEnabled(not ro)
        for b in (bp.add_line_btn, bp.edit_line_btn, bp.del_line_btn, bp.adopt_btn, bp.stated_btn, bp.add_section_btn):
            b.setEnabled(not ro and doc is not None and not locked)
        fp.stated_fu_btn.setEnabled(not ro and v is not None and v.followup is not None)
        bp.revise_btn.setEnabled(not ro and doc is not None)

    def reload_followup(self) -> None:
        year = self.year.value()
        per = self.per.currentData()
        if self.bs.versions.current_budget(year) is None:
            self.state.view_data = None
            self.followup_pane.clear()
            self.status.setText(f"Det finns ingen budget för {year}. Skapa en under fliken Budget.")
            return
        v = self.bs.followup.followup_view(year, per)
        self.state.view_data = v
        self.followup_pane.followup_model.set_context(v.prior_utfall, v.prior_year, v.unit)
        self.followup_pane.show_view(v, year)
        followup_note = (
            ""
            if v.followup
            else " Ingen sparad uppföljning per detta datum – skapa en för att ange prognoser och noteringar."
        )
        equity_note = f" ⚠ {v.equity.opening_finding}" if v.equity.opening_finding else ""
        self.status.setText(f"<b>{v.title}</b> – {v.budget.label}.{followup_note}{equity_note}")
        self.apply_read_only()  # "Summor enligt dokumentet" needs a saved follow-up at the chosen date

    def reload_budget(self) -> None:
        year = self.year.value()
        bid = self.budget_pane.version.currentData()
        self.state.doc = self.bs.versions.budget(bid) if bid else None
        if self.state.doc is None:
            self.budget_pane.clear(year)
            return
        self.budget_pane.show_doc(
            self.state.doc, year, self._version_of, self.bs.periodisation.profiles(year), self.bs.settings.unit()
        )
        self.apply_read_only()

    def _version_of(self, budget_id: int | None) -> str:
        for info in self.bs.versions.list_budgets(self.year.value()):
            if info.id == budget_id:
                return str(info.version)
        return "?"

    def reload_insatser(self) -> None:
        self.state.insatser = self.bs.insatser.list_insatser()
        self.insatser_pane.show_data(self.state.insatser, self.bs.grants.payout_schedule(), self.year.value())

    def reload_contributions(self) -> None:
        settings = self.bs.settings.year_settings(self.year.value())
        self.contributions_pane.show_settings(settings)
        self.settings_ctl.show_contributions(settings.state_allocation)

    def reload_equity(self) -> None:
        settings = self.bs.settings
        self.equity_pane.show_settings(
            settings.year_settings(self.year.value()), settings.equity_limits(), settings.goals(), settings.unit()
        )
        self.equity_pane.show_equity(self.state.view_data)

    def after_change(self) -> None:
        self.reload()
        self.ctx.events.area_changed.emit("budget")
