"""The Uppföljning pane: the follow-up table (budget, prognos, utfall, avvikelse), the summary,
warnings and the two charts."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QCheckBox, QHBoxLayout, QPushButton, QSplitter, QVBoxLayout, QWidget

from finsam_desktop.domain.budget.followup import RowKind
from finsam_desktop.domain.budget.lines import LineClass, format_pct
from finsam_desktop.domain.common.money import format_kr
from finsam_desktop.services.budget.dto import FollowupView
from finsam_desktop.ui.budget.chart import GroupChart, MonthChart
from finsam_desktop.ui.budget.models import FollowupModel, OffBudgetFilter
from finsam_desktop.ui.budget.widgets import make_label, make_table
from finsam_desktop.ui.widgets.table_model import ROW_ROLE


class FollowupPane(QWidget):
    """Widgets and layout of the follow-up; the controllers connect its buttons."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        lay = QVBoxLayout(self)
        top = QHBoxLayout()
        self.only_off = QCheckBox("&Visa bara rader som avviker från budgeten")
        top.addWidget(self.only_off)
        top.addStretch(1)
        self.stated_fu_btn = QPushButton("Summor en&ligt dokumentet…")
        top.addWidget(self.stated_fu_btn)
        self.edit_entry_btn = QPushButton("Ange utfall/prognos &för raden…")
        top.addWidget(self.edit_entry_btn)
        lay.addLayout(top)
        self.followup_model = FollowupModel(self)
        self.followup_proxy = OffBudgetFilter(self)
        self.followup_proxy.setSourceModel(self.followup_model)
        self.only_off.toggled.connect(self.followup_proxy.set_only_off)
        self.followup_table = make_table(self.followup_proxy, "Budgetuppföljning per rad", stretch_col=10)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.followup_table)
        lower = QWidget()
        low = QVBoxLayout(lower)
        low.setContentsMargins(0, 0, 0, 0)
        self.summary = make_label()
        self.warnings = make_label()
        self.warnings.setStyleSheet("color: #8a4b00;")
        # Wrapped labels under-report their height to the splitter; reserve two lines for the
        # summary and show the warnings only when there are any, so the charts are never clipped.
        self.summary.setMinimumHeight(self.summary.fontMetrics().lineSpacing() * 2 + 4)
        self.warnings.setVisible(False)
        low.addWidget(self.summary)
        low.addWidget(self.warnings)
        charts = QHBoxLayout()
        self.group_chart = GroupChart()
        self.month_chart = MonthChart()
        charts.addWidget(self.group_chart, 1)
        charts.addWidget(self.month_chart, 1)
        low.addLayout(charts, 1)
        split.addWidget(lower)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        split.setSizes([560, 320])
        lay.addWidget(split, 1)

    def clear(self) -> None:
        self.followup_model.set_rows(())
        self.summary.setText("")
        self.warnings.setText("")
        self.warnings.setVisible(False)
        self.group_chart.set_data((), ("Budget", "Prognos", "Utfall"))
        self.month_chart.set_data((), None)

    def show_view(self, v: FollowupView, year: int) -> None:
        per_text = v.per.isoformat()
        self.followup_model.set_rows(v.result.rows, year, per_text)
        res = v.result.resultat
        eq = v.equity
        self.summary.setText(
            f"Årets resultat: budget {format_kr(res.budget)}, helårsprognos {format_kr(res.helar)}. "
            f"Eget kapital: {format_kr(eq.opening)} vid årets början → {format_kr(eq.closing_prognos)} vid årets slut "
            f"(prognos). {eq.verdict(eq.closing_prognos)} Individinriktade insatser: {format_pct(v.individ.pct)} av "
            f"tilldelade medel (mål {format_pct(v.individ.goal_pct, 0)})."
        )
        self.warnings.setText("\n".join("⚠ " + m.message for m in v.mismatches))
        self.warnings.setVisible(bool(v.mismatches))
        self.group_chart.set_data(
            v.result.groups, (f"Budget {year}", f"Periodiserad budget per {per_text}", f"Utfall per {per_text}")
        )
        self.month_chart.set_data(v.months, v.result.kostnader.helar)

    def selected_followup_row(self):
        idx = self.followup_table.currentIndex()
        return self.followup_proxy.data(idx, ROW_ROLE) if idx.isValid() else None

    def selected_line_class(self) -> LineClass | None:  # used by tests and the status bar
        row = self.selected_followup_row()
        return row.line_class if row else None

    def visible_kinds(self) -> list[RowKind]:
        return [
            self.followup_proxy.data(self.followup_proxy.index(r, 0), ROW_ROLE).kind
            for r in range(self.followup_proxy.rowCount())
        ]
