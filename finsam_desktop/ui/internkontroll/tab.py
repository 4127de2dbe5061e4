"""The Intern kontroll tab: a controller over three pages — Riskanalys (heat maps + risk table),
Kontrollplan (traffic lights) and Stickprov (import, draw, review, granskning) — and the exports.

Edits go through ``undo_stack`` (added to the app's undo group) until a version is adopted."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QUndoCommand, QUndoStack
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QSplitter,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from finsam_desktop import clock
from finsam_desktop.domain.common.errors import FinsamError
from finsam_desktop.domain.internkontroll.kontrollplan import status_summary
from finsam_desktop.domain.internkontroll.risk import MatrixSettings, Movement, band_counts
from finsam_desktop.ui.context import UiContext
from finsam_desktop.ui.internkontroll.dialogs import (
    AdoptDialog,
    DrawDialog,
    GranskningDialog,
    ImportDialog,
    ItemReviewDialog,
    MatrixSettingsDialog,
    PlanRowDialog,
    RiskDialog,
    StatusDialog,
)
from finsam_desktop.ui.internkontroll.matrix_widget import RiskMatrixWidget
from finsam_desktop.ui.internkontroll.models import (
    PredicateProxy,
    plan_model,
    risk_model,
    sample_model,
)
from finsam_desktop.ui.widgets.background import run_in_background
from finsam_desktop.ui.widgets.flow_layout import flow_row
from finsam_desktop.ui.widgets.table_model import ROW_ROLE
from finsam_desktop.ui.widgets.table_view import read_only_table

AREA = "internkontroll"


class ServiceCommand(QUndoCommand):
    """An undoable service call. A refused call (locked record, bad input) is shown to the user and
    the command marks itself obsolete, so it never lands on the stack."""

    def __init__(
        self,
        text: str,
        redo: Callable[[], None],
        undo: Callable[[], None],
        after: Callable[[], None],
        on_error: Callable[[Exception], None] | None = None,
    ):
        super().__init__(text)
        self._redo, self._undo, self._after, self._on_error = redo, undo, after, on_error

    def _call(self, fn: Callable[[], None]) -> None:
        try:
            fn()
        except FinsamError as exc:
            self.setObsolete(True)
            if self._on_error:
                self._on_error(exc)
        self._after()

    def redo(self) -> None:
        self._call(self._redo)

    def undo(self) -> None:
        self._call(self._undo)


def _table(model, proxy: PredicateProxy, widths: tuple[int, ...] = ()) -> QTableView:
    proxy.setSourceModel(model)
    return read_only_table(proxy, stretch_last=True, widths=widths, sort_column=0)


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
        self._transactions = None
        self._file = None

        top = QHBoxLayout()
        top.addWidget(QLabel("År:"))
        self.year = QSpinBox()
        self.year.setRange(2000, 2200)
        self.year.setValue(self._default_year())
        self.year.valueChanged.connect(self.reload)
        top.addWidget(self.year)
        self.summary = QLabel()
        top.addWidget(self.summary, 1)
        self.pdf_button = QPushButton("Rapport till styrelsen (PDF)…")
        self.pdf_button.clicked.connect(self._on_export_pdf)
        self.xlsx_button = QPushButton("Risktabell (Excel)…")
        self.xlsx_button.clicked.connect(self._on_export_risk_xlsx)
        top.addWidget(self.pdf_button)
        top.addWidget(self.xlsx_button)

        self.pages = QTabWidget()
        self.pages.addTab(self._build_risk_page(), "Riskanalys")
        self.pages.addTab(self._build_plan_page(), "Kontrollplan")
        self.pages.addTab(self._build_sample_page(), "Stickprov")
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

    # --- pages ------------------------------------------------------------------------------
    def _build_risk_page(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        self.analysis_status = QLabel()
        self.analysis_status.setWordWrap(True)
        layout.addWidget(self.analysis_status)
        self.b_new_analysis = QPushButton("Ny analys")
        self.b_new_analysis.clicked.connect(self._on_new_analysis)
        self.b_add_risk = QPushButton("Ny risk…")
        self.b_add_risk.clicked.connect(self._on_add_risk)
        self.b_edit_risk = QPushButton("Ändra…")
        self.b_edit_risk.clicked.connect(self._on_edit_risk)
        self.b_remove_risk = QPushButton("Ta bort")
        self.b_remove_risk.clicked.connect(self._on_remove_risk)
        self.b_adopt = QPushButton("Anta vid §…")
        self.b_adopt.clicked.connect(self._on_adopt_analysis)
        self.b_version = QPushButton("Ny version")
        self.b_version.clicked.connect(self._on_new_version)
        self.b_copy = QPushButton("Kopiera till nästa år")
        self.b_copy.clicked.connect(self._on_copy_next_year)
        self.b_matrix = QPushButton("Matrisinställningar…")
        self.b_matrix.clicked.connect(self._on_matrix_settings)
        layout.addWidget(
            flow_row(
                self.b_new_analysis,
                self.b_add_risk,
                self.b_edit_risk,
                self.b_remove_risk,
                self.b_adopt,
                self.b_version,
                self.b_copy,
                self.b_matrix,
            )
        )
        split = QSplitter(Qt.Orientation.Vertical)
        # The two heat maps and the comparison text share the width through a splitter; the comparison
        # scrolls rather than widening the window.
        maps = QSplitter(Qt.Orientation.Horizontal)
        maps.setChildrenCollapsible(False)
        self.matrix = RiskMatrixWidget("Risk före åtgärd")
        self.residual_matrix = RiskMatrixWidget("Kvarstående risk efter åtgärd", residual=True)
        self.matrix.cell_clicked.connect(lambda s, v: self._on_cell(s, v, residual=False))
        self.residual_matrix.cell_clicked.connect(lambda s, v: self._on_cell(s, v, residual=True))
        maps.addWidget(self.matrix)
        maps.addWidget(self.residual_matrix)
        self.moves_label = QLabel()
        self.moves_label.setWordWrap(True)
        self.moves_label.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.moves_label.setContentsMargins(6, 6, 6, 6)
        moves_scroll = QScrollArea()
        moves_scroll.setWidgetResizable(True)
        moves_scroll.setFrameShape(QFrame.Shape.NoFrame)
        moves_scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        moves_scroll.setWidget(self.moves_label)
        moves_scroll.setMinimumWidth(180)
        maps.addWidget(moves_scroll)
        maps.setStretchFactor(0, 3)
        maps.setStretchFactor(1, 3)
        maps.setStretchFactor(2, 2)
        split.addWidget(maps)
        table_box = QWidget()
        tl = QVBoxLayout(table_box)
        tl.setContentsMargins(0, 0, 0, 0)
        self.filter_label = QLabel()
        self.filter_label.setWordWrap(True)
        tl.addWidget(self.filter_label)
        self.risk_model = risk_model(self._settings_ref, self._moves)  # type: ignore[arg-type]
        self.risk_proxy = PredicateProxy(self)
        self.risk_view = _table(self.risk_model, self.risk_proxy, (36, 140, 240, 100, 120, 70, 260, 120, 80))
        self.risk_view.doubleClicked.connect(self._on_edit_risk)
        tl.addWidget(self.risk_view)
        split.addWidget(table_box)
        split.setSizes([380, 320])
        layout.addWidget(split)
        return page

    def _build_plan_page(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        self.plan_status = QLabel()
        self.plan_status.setWordWrap(True)
        layout.addWidget(self.plan_status)
        self.b_new_plan = QPushButton("Ny plan")
        self.b_new_plan.clicked.connect(self._on_new_plan)
        self.min_value = QSpinBox()
        self.min_value.setRange(1, 25)
        self.min_value.setValue(6)
        self.min_value.setPrefix("riskvärde ≥ ")
        self.b_generate = QPushButton("Skapa kontroller från riskanalysen")
        self.b_generate.clicked.connect(self._on_generate)
        self.b_add_row = QPushButton("Ny kontroll…")
        self.b_add_row.clicked.connect(self._on_add_row)
        self.b_edit_row = QPushButton("Ändra…")
        self.b_edit_row.clicked.connect(self._on_edit_row)
        self.b_remove_row = QPushButton("Ta bort")
        self.b_remove_row.clicked.connect(self._on_remove_row)
        self.b_status = QPushButton("Ändra status…")
        self.b_status.clicked.connect(self._on_status)
        self.b_adopt_plan = QPushButton("Anta vid §…")
        self.b_adopt_plan.clicked.connect(self._on_adopt_plan)
        self.b_plan_version = QPushButton("Ny version")
        self.b_plan_version.clicked.connect(self._on_new_plan_version)
        layout.addWidget(
            flow_row(
                self.b_new_plan,
                self.min_value,
                self.b_generate,
                self.b_add_row,
                self.b_edit_row,
                self.b_remove_row,
                self.b_status,
                self.b_adopt_plan,
                self.b_plan_version,
            )
        )
        self._risk_numbers: dict[str, int] = {}
        self._event_titles: dict[int, str] = {}
        self.plan_model = plan_model(self._risk_numbers, self._event_titles)
        self.plan_proxy = PredicateProxy(self)
        self.plan_view = _table(self.plan_model, self.plan_proxy, (40, 110, 140, 300, 130, 110, 130, 90, 170))
        self.plan_view.doubleClicked.connect(self._on_edit_row)
        layout.addWidget(self.plan_view)
        return page

    def _build_sample_page(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        bar = QHBoxLayout()
        bar.addWidget(QLabel("Stickprov:"))
        self.sample_box = QComboBox()
        # Long sample titles are elided in the closed box, not allowed to widen the window.
        self.sample_box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.sample_box.setMinimumContentsLength(24)
        self.sample_box.currentIndexChanged.connect(self._show_sample)
        bar.addWidget(self.sample_box, 1)
        self.b_import = QPushButton("Importera verifikationer och dra…")
        self.b_import.clicked.connect(self._on_import)
        self.b_review = QPushButton("Granska post…")
        self.b_review.clicked.connect(self._on_review)
        self.b_granskning = QPushButton("Granskning och slutsats…")
        self.b_granskning.clicked.connect(self._on_granskning)
        self.b_reproduce = QPushButton("Kontrollera att urvalet går att återskapa")
        self.b_reproduce.clicked.connect(self._on_reproduce)
        self.b_sample_xlsx = QPushButton("Excel…")
        self.b_sample_xlsx.clicked.connect(self._on_export_sample_xlsx)
        layout.addLayout(bar)
        layout.addWidget(
            flow_row(self.b_import, self.b_review, self.b_granskning, self.b_reproduce, self.b_sample_xlsx)
        )
        self.sample_info = QLabel()
        self.sample_info.setWordWrap(True)
        self.sample_info.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.sample_info)
        self.sample_model = sample_model()
        self.sample_proxy = PredicateProxy(self)
        self.sample_view = _table(
            self.sample_model, self.sample_proxy, (36, 100, 76, 86, 96, 140, 80, 120, 130, 170, 110, 110, 100, 220)
        )
        self.sample_view.doubleClicked.connect(self._on_review)
        layout.addWidget(self.sample_view)
        self.granskning_label = QLabel()
        self.granskning_label.setWordWrap(True)
        layout.addWidget(self.granskning_label)
        return page

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
        self._moves.clear()
        if self.analysis:
            for m in self.ik.risk.comparison(self.analysis.id):
                if m.nummer is not None:
                    self._moves[m.nummer] = m
        risks = self.analysis.risks if self.analysis else ()
        self.risk_model.set_rows(risks)
        self.matrix.set_data(risks, self.settings, list(self._moves.values()))
        self.residual_matrix.set_data(risks, self.settings)
        self.residual_matrix.setVisible(any(r.has_residual for r in risks))
        self._show_moves()
        self._risk_numbers.clear()
        self._risk_numbers.update({r.key: r.nummer for r in risks})
        self._event_titles.clear()
        self._event_titles.update(dict(self._arshjul_events()))
        self.plan_model.set_rows(self.plan.rows if self.plan else ())
        self._apply_cell_filter()
        self._load_samples()
        self._update_texts()
        self._update_enabled()

    def _arshjul_events(self) -> list[tuple[int, str]]:
        """The year's årshjul events to link a control to (empty if the årshjul has none)."""
        try:
            events = self.ctx.services.arshjul.list_events(self.year.value())
        except (FinsamError, ImportError, AttributeError):
            return []
        out = []
        for e in events:
            when = f" ({e.start.isoformat()})" if getattr(e, "start", None) else ""
            out.append((e.id, f"{e.title}{when}"))
        return out

    def _show_moves(self) -> None:
        moved = [m for m in self._moves.values() if m.movement is not Movement.OFORANDRAD]
        if not self.analysis:
            self.moves_label.setText("")
            return
        prev = self.ik.risk.previous_analysis(self.analysis)
        if prev is None:
            self.moves_label.setText("<i>Ingen analys för föregående år att jämföra med.</i>")
            return
        removed = [m for m in self.ik.risk.comparison(self.analysis.id) if m.movement is Movement.BORTTAGEN]
        lines = [f"<b>Jämfört med {prev.ar}</b>"]
        lines += [f"{m.nummer}. {m.titel}: {m.text}" for m in moved] or ["Inga förändringar."]
        lines += [f"– {m.titel}: {m.text}" for m in removed]
        lines.append("<small>↑ högre, ↓ lägre, → flyttad, * ny</small>")
        self.moves_label.setText("<br>".join(lines))

    def _update_texts(self) -> None:
        a = self.analysis
        if a is None:
            self.analysis_status.setText(f"Ingen riskanalys för {self.year.value()}.")
            self.summary.setText("")
        else:
            counts = band_counts(a.risks, self.settings)
            self.analysis_status.setText(
                f"<b>{a.titel}</b> – version {a.version}, {a.status_text.lower() if not a.locked else a.status_text}"
                f" ({self.settings.size}×{self.settings.size})"
            )
            self.summary.setText(f"{len(a.risks)} risker: " + ", ".join(f"{k.lower()} {v}" for k, v in counts.items()))
        p = self.plan
        if p is None:
            self.plan_status.setText(f"Ingen kontrollplan för {self.year.value()}.")
        else:
            s = status_summary(p.rows)
            self.plan_status.setText(
                f"<b>{p.titel}</b> – version {p.version}, {p.status_text}. "
                + ", ".join(f"{k.label.lower()} {v}" for k, v in s.items() if v)
            )

    def _update_enabled(self) -> None:
        ro = self.ctx.read_only
        a, p = self.analysis, self.plan
        draft_a = a is not None and not a.locked and not ro
        for b in (self.b_add_risk, self.b_edit_risk, self.b_remove_risk, self.b_adopt):
            b.setEnabled(draft_a)
        self.b_new_analysis.setEnabled(a is None and not ro)
        self.b_version.setEnabled(a is not None and a.locked and not ro)
        self.b_copy.setEnabled(a is not None and not ro)
        self.b_matrix.setEnabled(not ro)
        draft_p = p is not None and not p.locked and not ro
        for b in (self.b_generate, self.b_add_row, self.b_edit_row, self.b_remove_row, self.b_adopt_plan):
            b.setEnabled(draft_p)
        self.b_new_plan.setEnabled(p is None and not ro)
        self.b_plan_version.setEnabled(p is not None and p.locked and not ro)
        self.b_status.setEnabled(p is not None and not ro)
        self.b_import.setEnabled(not ro)
        has_sample = self.sample_box.currentData() is not None
        self.b_review.setEnabled(has_sample and not ro)
        self.b_granskning.setEnabled(has_sample and not ro)
        self.b_reproduce.setEnabled(has_sample)
        self.b_sample_xlsx.setEnabled(has_sample)

    # --- matrix filter ----------------------------------------------------------------------
    def _on_cell(self, s: int, v: int, residual: bool) -> None:
        other = self.residual_matrix if not residual else self.matrix
        other.selected = None
        other.update()
        self._cell_filter = (s, v, residual) if s else None
        self._apply_cell_filter()

    def _apply_cell_filter(self) -> None:
        flt = getattr(self, "_cell_filter", None)
        if flt is None:
            self.risk_proxy.set_predicate(None)
            self.filter_label.setText("Alla risker. Klicka på en ruta i matrisen för att visa bara dess risker.")
            return
        s, v, residual = flt
        self.risk_proxy.set_predicate(lambda r: r.cell(residual) == (s, v))
        kind = "efter åtgärd" if residual else "före åtgärd"
        self.filter_label.setText(
            f"Visar risker i rutan sannolikhet {s} × väsentlighet {v} ({kind}), riskvärde {s * v}. "
            "Klicka igen på rutan för att visa alla."
        )

    # --- helpers ----------------------------------------------------------------------------
    def _error(self, exc: Exception) -> None:
        QMessageBox.warning(self, "Intern kontroll", str(exc))

    def _run(self, fn: Callable[[], object]) -> object | None:
        try:
            return fn()
        except FinsamError as exc:
            self._error(exc)
            return None

    def _changed(self) -> None:
        self.reload()
        self.ctx.events.area_changed.emit(AREA)

    def _push(self, text: str, redo: Callable[[], None], undo: Callable[[], None]) -> None:
        self.undo_stack.push(ServiceCommand(text, redo, undo, self._changed, self._error))

    def _selected(self, view: QTableView):
        idx = view.currentIndex()
        return idx.data(ROW_ROLE) if idx.isValid() else None

    # --- risk actions -----------------------------------------------------------------------
    def _on_new_analysis(self) -> None:
        if self._run(lambda: self.ik.risk.create_analysis(self.year.value())):
            self.undo_stack.clear()
            self._changed()

    def _on_add_risk(self) -> None:
        dlg = RiskDialog(None, self.settings, self)
        if not dlg.exec():
            return
        aid = self.analysis.id
        saved: list = []

        def redo() -> None:
            risk = dlg.result_value if not saved else saved[0]
            saved[:] = [self.ik.risk.save_risk(aid, risk)]

        self._push("Ny risk", redo, lambda: self.ik.risk.remove_risk(saved[0].id))

    def _on_edit_risk(self, *_args) -> None:
        risk = self._selected(self.risk_view)
        if risk is None or not self.b_edit_risk.isEnabled():
            return
        dlg = RiskDialog(risk, self.settings, self)
        if not dlg.exec():
            return
        aid, new = self.analysis.id, dlg.result_value
        self._push(
            f"Ändra risk {risk.nummer}",
            lambda: self.ik.risk.save_risk(aid, new),
            lambda: self.ik.risk.save_risk(aid, risk),
        )

    def _on_remove_risk(self) -> None:
        risk = self._selected(self.risk_view)
        if risk is None:
            return
        aid = self.analysis.id
        self._push(
            f"Ta bort risk {risk.nummer}",
            lambda: self.ik.risk.remove_risk(risk.id),
            lambda: self.ik.risk.save_risk(aid, risk),
        )

    def _on_adopt_analysis(self) -> None:
        dlg = AdoptDialog("riskanalysen", self.ik.lookups.agenda_choices(self.year.value()), self)
        if dlg.exec():
            text, datum, item_id = dlg.result_value
            if self._run(lambda: self.ik.risk.adopt_analysis(self.analysis.id, text, datum, item_id)):
                self.undo_stack.clear()
                self._changed()

    def _on_new_version(self) -> None:
        if self._run(lambda: self.ik.risk.new_analysis_version(self.analysis.id)):
            self._changed()

    def _on_copy_next_year(self) -> None:
        if self._run(lambda: self.ik.risk.copy_to_next_year(self.analysis.id)):
            self.year.setValue(self.year.value() + 1)
            self._changed()

    def _on_matrix_settings(self) -> None:
        dlg = MatrixSettingsDialog(self.ik.risk.matrix_settings(), self)
        if dlg.exec():
            if self._run(lambda: self.ik.risk.save_matrix_settings(dlg.result_value)):
                self._changed()

    # --- plan actions -----------------------------------------------------------------------
    def _on_new_plan(self) -> None:
        if self._run(lambda: self.ik.kontrollplan.create_plan(self.year.value())):
            self._changed()

    def _on_generate(self) -> None:
        if self.analysis is None:
            self._error(FinsamError("Det finns ingen riskanalys för året att skapa kontroller från."))
            return
        rows = self._run(
            lambda: self.ik.kontrollplan.generate_plan_rows(self.plan.id, self.analysis.id, self.min_value.value())
        )
        if rows is not None:
            if not rows:
                QMessageBox.information(self, "Intern kontroll", "Alla risker över gränsen har redan en kontroll.")
            self.undo_stack.clear()
            self._changed()

    def _on_add_row(self) -> None:
        dlg = PlanRowDialog(None, self.analysis.risks if self.analysis else (), self._arshjul_events(), self)
        if not dlg.exec():
            return
        pid = self.plan.id
        saved: list = []

        def redo() -> None:
            saved[:] = [self.ik.kontrollplan.save_plan_row(pid, dlg.result_value if not saved else saved[0])]

        self._push("Ny kontroll", redo, lambda: self.ik.kontrollplan.remove_plan_row(saved[0].id))

    def _on_edit_row(self, *_args) -> None:
        row = self._selected(self.plan_view)
        if row is None:
            return
        if not self.b_edit_row.isEnabled():
            self._on_status()
            return
        dlg = PlanRowDialog(row, self.analysis.risks if self.analysis else (), self._arshjul_events(), self)
        if dlg.exec():
            pid, new = self.plan.id, dlg.result_value
            self._push(
                f"Ändra kontroll {row.nummer}",
                lambda: self.ik.kontrollplan.save_plan_row(pid, new),
                lambda: self.ik.kontrollplan.save_plan_row(pid, row),
            )

    def _on_remove_row(self) -> None:
        row = self._selected(self.plan_view)
        if row is None:
            return
        pid = self.plan.id
        self._push(
            f"Ta bort kontroll {row.nummer}",
            lambda: self.ik.kontrollplan.remove_plan_row(row.id),
            lambda: self.ik.kontrollplan.save_plan_row(pid, row),
        )

    def _on_status(self) -> None:
        row = self._selected(self.plan_view)
        if row is None:
            return
        dlg = StatusDialog(row, self)
        if dlg.exec():
            status, comment = dlg.result_value
            self._push(
                f"Status {row.process}",
                lambda: self.ik.kontrollplan.set_control_status(row.id, status, comment),
                lambda: self.ik.kontrollplan.set_control_status(row.id, row.status, row.status_kommentar),
            )

    def _on_adopt_plan(self) -> None:
        dlg = AdoptDialog("kontrollplanen", self.ik.lookups.agenda_choices(self.year.value()), self)
        if dlg.exec():
            text, datum, item_id = dlg.result_value
            if self._run(lambda: self.ik.kontrollplan.adopt_plan(self.plan.id, text, datum, item_id)):
                self.undo_stack.clear()
                self._changed()

    def _on_new_plan_version(self) -> None:
        if self._run(lambda: self.ik.kontrollplan.new_plan_version(self.plan.id)):
            self._changed()

    # --- stickprov --------------------------------------------------------------------------
    def _load_samples(self) -> None:
        current = self.sample_box.currentData()
        self.sample_box.blockSignals(True)
        self.sample_box.clear()
        for sp in self.ik.stickprov.list_stickprov(self.year.value()):
            self.sample_box.addItem(f"{sp.titel} ({sp.created_at:%Y-%m-%d}, frö {sp.seed})", sp.id)
        index = self.sample_box.findData(current)
        self.sample_box.setCurrentIndex(index if index >= 0 else (0 if self.sample_box.count() else -1))
        self.sample_box.blockSignals(False)
        self._show_sample()

    def current_sample(self):
        sid = self.sample_box.currentData()
        return self.ik.stickprov.get_stickprov(sid) if sid is not None else None

    def _show_sample(self) -> None:
        sp = self.current_sample()
        self.sample_model.set_rows(sp.items if sp else ())
        if sp is None:
            self.sample_info.setText("Inget stickprov för året. Importera en verifikationslista ur ekonomisystemet.")
            self.granskning_label.setText("")
        else:
            from finsam_desktop.ui.formatting import format_kr

            self.sample_info.setText(
                f"<b>{sp.filnamn}</b>: {sp.file_count} verifikationer, population {sp.population_count} "
                f"({format_kr(sp.population_sum)}). {sp.method_text} "
                f"<br>{sp.findings_count} poster med anmärkning från attestkontrollen; "
                f"{sp.reviewed_count} av {len(sp.items)} granskade; {len(sp.avvikelser)} avvikelser."
            )
            reviews = [g for g in self.ik.granskning.granskningar(self.year.value()) if g.stickprov_id == sp.id]
            if reviews:
                g = reviews[0]
                self.granskning_label.setText(
                    f"<b>Granskning {g.datum.isoformat()}</b>, {g.plats}: {g.ordforande}, {g.vice_ordforande}"
                    f"{' (förbundschef ' + g.forbundschef + ' närvarande)' if g.forbundschef else ''}.<br>"
                    + g.slutsats.replace("\n", "<br>")
                )
            else:
                self.granskning_label.setText("<i>Ingen granskning registrerad för stickprovet ännu.</i>")
        self._update_enabled()

    def _on_import(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, "Välj verifikationslista", "", "Verifikationer (*.xlsx *.csv *.txt);;Alla filer (*)"
        )
        if path:
            self.import_file(Path(path))

    def import_file(self, path: Path, ask: bool = True) -> None:
        """Preview → column mapping → parse (all or nothing) → draw dialog → stored stickprov."""
        try:
            data = path.read_bytes()
            preview = self.ik.stickprov.preview_file(data, path.name)
        except (OSError, FinsamError) as exc:
            self._error(exc)
            return
        dlg = ImportDialog(preview, self)
        if ask and not dlg.exec():
            return
        mapping = dlg.result_value if ask else dlg._collect()
        transactions = self._run(lambda: self.ik.stickprov.load_file(data, path.name, mapping))
        if transactions is None:
            return
        plan_rows = self.plan.rows if self.plan else ()
        stick_row = next((r for r in plan_rows if r.metod.value == "stickprov"), None)
        draw = DrawDialog(transactions, plan_rows, stick_row.stickprov_storlek if stick_row else None, self)
        if stick_row is not None:
            draw.control.setCurrentIndex(draw.control.findData(stick_row.id))
        if ask and not draw.exec():
            return
        flt, storlek, seed, over, row_id, titel = draw.result_value if ask else draw._collect()
        ar = self.year.value()

        def work():
            return self.ik.stickprov.create_stickprov(
                data, path.name, mapping, flt, storlek, seed, over, ar, row_id, titel
            )

        def done(sp) -> None:
            self._changed()
            self.sample_box.setCurrentIndex(self.sample_box.findData(sp.id))
            self.pages.setCurrentIndex(2)

        if ask:
            run_in_background(self, "Drar och kontrollerar stickprovet…", work, done, self._error)
        else:
            done(work())

    def _on_review(self, *_args) -> None:
        item = self._selected(self.sample_view)
        if item is None:
            return
        holders = self.ik.lookups.role_holders(clock.today())
        reviewers = [n for n in (holders["ordforande"], holders["vice_ordforande"]) if n]
        dlg = ItemReviewDialog(item, reviewers, self)
        if dlg.exec():
            review = dlg.result_value
            self._push(
                f"Granska ver {item.transaction.verifikation}",
                lambda: self.ik.granskning.review_item(item.id, review),
                lambda: self.ik.granskning.review_item(item.id, item.review),
            )

    def _on_granskning(self) -> None:
        sp = self.current_sample()
        if sp is None:
            return
        dlg = GranskningDialog(
            self.year.value(),
            self.ik.lookups.role_holders(clock.today()),
            self.plan.rows if self.plan else (),
            sp,
            self.ik.granskning.suggested_slutsats(sp.id),
            self,
        )
        if dlg.exec():
            if self._run(lambda: self.ik.granskning.save_granskning(dlg.result_value)):
                self._changed()

    def _on_reproduce(self) -> None:
        sp = self.current_sample()
        if sp is None:
            return
        ok = self._run(lambda: self.ik.stickprov.reproduce(sp.id))
        if ok is True:
            QMessageBox.information(
                self, "Stickprov", f"Samma fil, urval och frö ({sp.seed}) ger exakt samma {len(sp.items)} poster."
            )
        elif ok is False:
            QMessageBox.warning(self, "Stickprov", "Urvalet gick inte att återskapa – kontrollera filen.")

    # --- exports ----------------------------------------------------------------------------
    def _save(self, title: str, default: str, pattern: str, fn: Callable[[], bytes]) -> None:
        path, _ = QFileDialog.getSaveFileName(self, title, default, pattern)
        if not path:
            return

        def done(data: bytes) -> None:
            Path(path).write_bytes(data)
            window = self.window()
            if hasattr(window, "statusBar"):
                window.statusBar().showMessage(f"Sparade {path}", 5000)

        run_in_background(self, "Skapar fil…", fn, done, self._error)

    def _on_export_pdf(self) -> None:
        ar = self.year.value()
        sid = self.sample_box.currentData()
        self._save(
            "Spara rapport", f"intern_kontroll_{ar}.pdf", "PDF (*.pdf)", lambda: self.ik.exports.export_pdf(ar, sid)
        )

    def _on_export_risk_xlsx(self) -> None:
        ar = self.year.value()
        self._save(
            "Spara risktabell", f"riskanalys_{ar}.xlsx", "Excel (*.xlsx)", lambda: self.ik.exports.export_risk_xlsx(ar)
        )

    def _on_export_sample_xlsx(self) -> None:
        sid = self.sample_box.currentData()
        if sid is not None:
            self._save(
                "Spara stickprov",
                f"stickprov_{sid}.xlsx",
                "Excel (*.xlsx)",
                lambda: self.ik.exports.export_stickprov_xlsx(sid),
            )


__all__ = ["InternkontrollTab"]
