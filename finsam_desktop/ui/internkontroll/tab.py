"""The Intern kontroll tab: composes three pages — Riskanalys (heat maps + risk table), Kontrollplan (traffic
lights) and Stickprov (import, draw, review, granskning) — each with its controller, and the exports.

The tab owns what the pages share: the year, the loaded analysis and plan, the matrix settings, and the
``undo_stack`` (added to the app's undo group) through which edits go until a version is adopted."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from finsam_desktop import clock
from finsam_desktop.domain.common.errors import FinsamError
from finsam_desktop.domain.internkontroll.kontrollplan import status_summary
from finsam_desktop.domain.internkontroll.risk import MatrixSettings, band_counts
from finsam_desktop.ui.context import UiContext
from finsam_desktop.ui.internkontroll.commands import ServiceCommand
from finsam_desktop.ui.internkontroll.exports_controller import ExportsController
from finsam_desktop.ui.internkontroll.plan_controller import PlanController
from finsam_desktop.ui.internkontroll.plan_page import PlanPage
from finsam_desktop.ui.internkontroll.risk_controller import RiskController
from finsam_desktop.ui.internkontroll.risk_page import RiskPage
from finsam_desktop.ui.internkontroll.sample_controller import SampleController
from finsam_desktop.ui.internkontroll.sample_page import SamplePage
from finsam_desktop.ui.widgets.table_model import ROW_ROLE

AREA = "internkontroll"


class InternkontrollTab(QWidget):
    def __init__(self, ctx: UiContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.ik = ctx.services.internkontroll
        self.undo_stack = QUndoStack(self)
        ctx.undo_group.addStack(self.undo_stack)
        self.analysis = None
        self.plan = None
        self.settings = MatrixSettings()
        self._settings_ref = [self.settings]
        self._moves: dict[int, object] = {}

        top = QHBoxLayout()
        year_label = QLabel("&År:")
        top.addWidget(year_label)
        self.year = QSpinBox()
        self.year.setAccessibleName("År")
        year_label.setBuddy(self.year)
        self.year.setRange(2000, 2200)
        self.year.setValue(self._default_year())
        self.year.valueChanged.connect(self.reload)
        top.addWidget(self.year)
        self.summary = QLabel()
        top.addWidget(self.summary, 1)
        self.pdf_button = QPushButton("Ra&pport till styrelsen (PDF)…")
        self.xlsx_button = QPushButton("Risk&tabell (Excel)…")
        top.addWidget(self.pdf_button)
        top.addWidget(self.xlsx_button)

        self.risk_page = RiskPage(self._settings_ref, self._moves)  # type: ignore[arg-type]
        self.plan_page = PlanPage()
        self.sample_page = SamplePage()
        self.pages = QTabWidget()
        self.pages.addTab(self.risk_page, "R&iskanalys")
        self.pages.addTab(self.plan_page, "&Kontrollplan")
        self.pages.addTab(self.sample_page, "&Stickprov")
        self.risks = RiskController(self, self.risk_page)
        self.plans = PlanController(self, self.plan_page)
        self.samples = SampleController(self, self.sample_page)
        self.exports = ExportsController(self)
        self.pdf_button.clicked.connect(self.exports.on_export_pdf)
        self.xlsx_button.clicked.connect(self.exports.on_export_risk_xlsx)
        self.sample_page.b_sample_xlsx.clicked.connect(self.exports.on_export_sample_xlsx)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.pages)
        ctx.events.workspace_replaced.connect(self.reload)
        ctx.events.area_changed.connect(self._on_area_changed)
        self.reload()

    def _default_year(self) -> int:
        years = self.ik.risk.analysis_years()
        today = clock.today().year
        return today if today in years or not years else max(y for y in years if y <= today + 1)

    # --- loading ----------------------------------------------------------------------------
    def _on_area_changed(self, area: str) -> None:
        if area in ("attest", "sammantraden"):
            self.reload()

    def reload(self) -> None:
        ar = self.year.value()
        self.analysis = self.ik.risk.analysis(ar)
        self.plan = self.ik.kontrollplan.plan(ar)
        self.settings = self.ik.risk.settings_for(self.analysis) if self.analysis else self.ik.risk.matrix_settings()
        self._settings_ref[0] = self.settings
        self.risks.show(self._moves)
        self.plans.show()
        self.risk_page.apply_cell_filter()
        self.samples.load_samples()
        self._update_texts()
        self.update_enabled()

    def _update_texts(self) -> None:
        a = self.analysis
        if a is None:
            self.risk_page.analysis_status.setText(f"Ingen riskanalys för {self.year.value()}.")
            self.summary.setText("")
        else:
            counts = band_counts(a.risks, self.settings)
            self.risk_page.analysis_status.setText(
                f"<b>{a.titel}</b> – version {a.version}, {a.status_text.lower() if not a.locked else a.status_text}"
                f" ({self.settings.size}×{self.settings.size})"
            )
            self.summary.setText(f"{len(a.risks)} risker: " + ", ".join(f"{k.lower()} {v}" for k, v in counts.items()))
        p = self.plan
        if p is None:
            self.plan_page.plan_status.setText(f"Ingen kontrollplan för {self.year.value()}.")
        else:
            s = status_summary(p.rows)
            self.plan_page.plan_status.setText(
                f"<b>{p.titel}</b> – version {p.version}, {p.status_text}. "
                + ", ".join(f"{k.label.lower()} {v}" for k, v in s.items() if v)
            )

    def update_enabled(self) -> None:
        ro = self.ctx.read_only
        self.risk_page.update_enabled(self.analysis, ro)
        self.plan_page.update_enabled(self.plan, ro)
        self.sample_page.update_enabled(ro)

    # --- what the controllers share -----------------------------------------------------------
    def error(self, exc: Exception) -> None:
        QMessageBox.warning(self, "Intern kontroll", str(exc))

    def run(self, fn: Callable[[], object]) -> object | None:
        """Call a service; a refusal is shown to the user and gives None."""
        try:
            return fn()
        except FinsamError as exc:
            self.error(exc)
            return None

    def changed(self) -> None:
        self.reload()
        self.ctx.events.area_changed.emit(AREA)

    def push(self, text: str, redo: Callable[[], None], undo: Callable[[], None]) -> None:
        self.undo_stack.push(ServiceCommand(text, redo, undo, self.changed, self.error))

    def selected(self, view: QTableView):
        idx = view.currentIndex()
        return idx.data(ROW_ROLE) if idx.isValid() else None


__all__ = ["InternkontrollTab"]
