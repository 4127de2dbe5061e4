"""The Eget kapital och mål pane: IB eget kapital, the förbund's limits and goals, and the year's
eget kapital by budget and by prognos."""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from finsam_desktop.domain.budget.equity import EquityLimits
from finsam_desktop.domain.budget.lines import format_pct
from finsam_desktop.domain.budget.presentation import Unit, sum_text
from finsam_desktop.domain.budget.presentation import amount_text as unit_amount
from finsam_desktop.domain.common.errors import FinsamError
from finsam_desktop.domain.common.money import parse_amount
from finsam_desktop.services.budget.dto import FollowupView, YearSettings
from finsam_desktop.ui.budget.dialogs import amount_text
from finsam_desktop.ui.budget.widgets import make_label


class EquityPane(QWidget):
    """Widgets and layout of eget kapital and goals; the settings controller connects ``save_equity_btn``."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        # The pane scrolls rather than ask for the height of its wrapped text: the tab fits a 768-pixel laptop.
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        QVBoxLayout(self).addWidget(scroll)
        self.layout().setContentsMargins(0, 0, 0, 0)
        inner = QWidget()
        scroll.setWidget(inner)
        lay = QVBoxLayout(inner)
        form = QFormLayout()
        self.ek_opening = QLineEdit()
        self.ek_note = QLineEdit()
        self.ek_min = QLineEdit()
        self.ek_max = QLineEdit()
        self.individ_goal = QLineEdit()
        self.threshold = QLineEdit()
        for edit in (self.ek_opening, self.ek_min, self.ek_max, self.individ_goal, self.threshold):
            edit.setMaximumWidth(240)
        self.ek_note.setMaximumWidth(560)
        self.unit = QComboBox()
        self.unit.addItem("kronor (kr)", Unit.KR.value)
        self.unit.addItem("tusental kronor (tkr)", Unit.TKR.value)
        self.unit.setAccessibleName("Belopp i kr eller tkr")
        self.unit.setToolTip("Hur budgetens belopp visas och skrivs in: i kronor eller i tusental kronor.")
        self.unit.setMaximumWidth(240)
        self.opening_label = QLabel()
        self.min_label = QLabel()
        self.opening_label.setBuddy(self.ek_opening)
        self.min_label.setBuddy(self.ek_min)
        self._shown_unit = Unit.KR
        self.unit.currentIndexChanged.connect(self._on_unit_changed)
        form.addRow("Belopp i", self.unit)
        form.addRow(self.opening_label, self.ek_opening)
        form.addRow("Källa/anteckning", self.ek_note)
        form.addRow(self.min_label, self.ek_min)
        form.addRow("Högsta andel av tilldelade medel (%)", self.ek_max)
        form.addRow("Mål: andel till individinriktade insatser (%)", self.individ_goal)
        form.addRow("Avvikelse som markeras (%)", self.threshold)
        lay.addLayout(form)
        self.save_equity_btn = QPushButton("S&para")
        row = QHBoxLayout()
        row.addWidget(self.save_equity_btn)
        row.addStretch(1)
        lay.addLayout(row)
        self.equity_info = make_label()
        lay.addWidget(self.equity_info)
        lay.addStretch(1)

    def _on_unit_changed(self) -> None:
        """The typed amounts keep their value in kronor when the unit changes (1 150 000 kr → 1 150 tkr)."""
        new = self.selected_unit()
        for edit in (self.ek_opening, self.ek_min):
            try:
                value = parse_amount(edit.text(), "") if edit.text().strip() else None
            except FinsamError:
                continue
            if value is not None:
                edit.setText(amount_text(new.from_kr(self._shown_unit.to_kr(value))))
        self._shown_unit = new
        self._label_units(new)

    def _label_units(self, unit: Unit) -> None:
        self.opening_label.setText(f"Eget kapital vid årets början ({unit.value})")
        self.min_label.setText(f"Lägsta eget kapital ({unit.value})")

    def selected_unit(self) -> Unit:
        return Unit(self.unit.currentData())

    def show_settings(
        self, settings: YearSettings, limits: EquityLimits, goals: tuple[Decimal, Decimal], unit: Unit = Unit.KR
    ) -> None:
        goal, threshold = goals
        self.unit.blockSignals(True)
        self.unit.setCurrentIndex(max(0, self.unit.findData(Unit(unit).value)))
        self.unit.blockSignals(False)
        self._shown_unit = Unit(unit)
        self._label_units(unit)
        opening = None if settings.ek_opening is None else unit.from_kr(settings.ek_opening)
        self.ek_opening.setText(amount_text(opening))
        self.ek_note.setText(settings.ek_note)
        self.ek_min.setText(amount_text(unit.from_kr(limits.min_kr)))
        self.ek_max.setText(amount_text(limits.max_share_pct))
        self.individ_goal.setText(amount_text(goal))
        self.threshold.setText(amount_text(threshold))

    def show_equity(self, v: FollowupView | None) -> None:
        if v is None:
            self.equity_info.setText("")
            return
        eq, u = v.equity, v.unit

        def kr(value) -> str:
            return unit_amount(value, u, suffix=True) if value is not None else "–"

        plan_rows = eq.plan_rows()
        plan = (
            "<p><b>Planåren – eget kapital förs vidare från årets prognos</b></p><table cellpadding=3>"
            "<tr><td></td><td align=right><b>Vid årets början</b></td><td align=right><b>Budgeterat resultat</b></td>"
            "<td align=right><b>Vid årets slut</b></td></tr>"
            + "".join(
                f"<tr><td>Plan {p.year}</td><td align=right>{kr(p.opening)}</td><td align=right>{kr(p.result)}</td>"
                f"<td align=right>{kr(p.closing)}</td></tr>"
                for p in plan_rows
            )
            + "</table>"
            if plan_rows
            else ""
        )
        verdicts = (
            ""
            if eq.impossible
            else f" Budget: {eq.verdict(eq.closing_budget)} Prognos: {eq.verdict(eq.closing_prognos)}"
        )
        finding = f"<p style='color:#8a4b00'>⚠ {eq.opening_finding}</p>" if eq.opening_finding else ""
        self.equity_info.setText(
            f"<table cellpadding=3>"
            f"<tr><td></td><td align=right><b>Budget</b></td><td align=right><b>Prognos per {v.per.isoformat()}</b></td></tr>"
            f"<tr><td>Eget kapital vid årets början</td><td align=right>{kr(eq.opening)}</td><td align=right>{kr(eq.opening)}</td></tr>"
            f"<tr><td>Årets resultat</td><td align=right>{kr(eq.result_budget)}</td><td align=right>{kr(eq.result_prognos)}</td></tr>"
            f"<tr><td><b>Eget kapital vid årets slut</b></td><td align=right><b>{kr(eq.closing_budget)}</b></td>"
            f"<td align=right><b>{kr(eq.closing_prognos)}</b></td></tr>"
            f"<tr><td>I % av tilldelade medel ({kr(v.tilldelade)})</td><td align=right>{format_pct(eq.pct_of_tilldelade(eq.closing_budget))}</td>"
            f"<td align=right>{format_pct(eq.pct_of_tilldelade(eq.closing_prognos))}</td></tr></table>{plan}"
            f"{finding}<p>Prognos: {sum_text(eq.opening, eq.result_prognos, eq.closing_prognos, u)}.</p>"
            f"<p>Förbundets mål: {eq.band_text}.{verdicts}</p><p><i>{eq.limits.recommendation}</i></p>"
        )
