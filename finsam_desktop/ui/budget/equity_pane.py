"""The Eget kapital och mål pane: IB eget kapital, the förbund's limits and goals, and the year's
eget kapital by budget and by prognos."""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtWidgets import QFormLayout, QHBoxLayout, QLineEdit, QPushButton, QVBoxLayout, QWidget

from finsam_desktop.domain.budget.equity import EquityLimits
from finsam_desktop.domain.budget.lines import format_pct
from finsam_desktop.domain.common.money import format_kr
from finsam_desktop.services.budget.dto import FollowupView, YearSettings
from finsam_desktop.ui.budget.dialogs import amount_text
from finsam_desktop.ui.budget.widgets import make_label


class EquityPane(QWidget):
    """Widgets and layout of eget kapital and goals; the settings controller connects ``save_equity_btn``."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        lay = QVBoxLayout(self)
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
        form.addRow("Eget kapital vid årets början (kr)", self.ek_opening)
        form.addRow("Källa/anteckning", self.ek_note)
        form.addRow("Lägsta eget kapital (kr)", self.ek_min)
        form.addRow("Högsta andel av tilldelade medel (%)", self.ek_max)
        form.addRow("Mål: andel till individinriktade insatser (%)", self.individ_goal)
        form.addRow("Avvikelse som markeras (%)", self.threshold)
        lay.addLayout(form)
        self.save_equity_btn = QPushButton("Spara")
        row = QHBoxLayout()
        row.addWidget(self.save_equity_btn)
        row.addStretch(1)
        lay.addLayout(row)
        self.equity_info = make_label()
        lay.addWidget(self.equity_info)
        lay.addStretch(1)

    def show_settings(self, settings: YearSettings, limits: EquityLimits, goals: tuple[Decimal, Decimal]) -> None:
        goal, threshold = goals
        self.ek_opening.setText(amount_text(settings.ek_opening))
        self.ek_note.setText(settings.ek_note)
        self.ek_min.setText(amount_text(limits.min_kr))
        self.ek_max.setText(amount_text(limits.max_share_pct))
        self.individ_goal.setText(amount_text(goal))
        self.threshold.setText(amount_text(threshold))

    def show_equity(self, v: FollowupView | None) -> None:
        if v is None:
            self.equity_info.setText("")
            return
        eq = v.equity
        self.equity_info.setText(
            f"<table cellpadding=3>"
            f"<tr><td></td><td align=right><b>Budget</b></td><td align=right><b>Prognos per {v.per.isoformat()}</b></td></tr>"
            f"<tr><td>Eget kapital vid årets början</td><td align=right>{format_kr(eq.opening)}</td><td align=right>{format_kr(eq.opening)}</td></tr>"
            f"<tr><td>Årets resultat</td><td align=right>{format_kr(eq.result_budget)}</td><td align=right>{format_kr(eq.result_prognos)}</td></tr>"
            f"<tr><td><b>Eget kapital vid årets slut</b></td><td align=right><b>{format_kr(eq.closing_budget)}</b></td>"
            f"<td align=right><b>{format_kr(eq.closing_prognos)}</b></td></tr>"
            f"<tr><td>I % av tilldelade medel ({format_kr(v.tilldelade)})</td><td align=right>{format_pct(eq.pct_of_tilldelade(eq.closing_budget))}</td>"
            f"<td align=right>{format_pct(eq.pct_of_tilldelade(eq.closing_prognos))}</td></tr></table>"
            f"<p>Förbundets mål: {format_kr(eq.limits.min_kr)} – {format_kr(eq.max_kr)}. Budget: {eq.verdict(eq.closing_budget)} "
            f"Prognos: {eq.verdict(eq.closing_prognos)}</p><p><i>{eq.limits.recommendation}</i></p>"
        )
