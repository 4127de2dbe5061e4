"""The Riskanalys page of the Intern kontroll tab: the buttons, the two heat maps with last year's moves beside
them, and the risk table filtered by the clicked matrix cell. A view: it shows what it is given and filters its
own table; the risk controller connects the buttons."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QLabel, QPushButton, QScrollArea, QSplitter, QVBoxLayout, QWidget

from finsam_desktop.domain.internkontroll.risk import MatrixSettings, Movement, RiskMove
from finsam_desktop.ui.internkontroll.matrix_widget import RiskMatrixWidget
from finsam_desktop.ui.internkontroll.models import PredicateProxy, proxy_table, risk_model
from finsam_desktop.ui.widgets.flow_layout import flow_row


class RiskPage(QWidget):
    def __init__(self, settings_ref: list[MatrixSettings], moves: dict[int, RiskMove], parent: QWidget | None = None):
        super().__init__(parent)
        self._cell_filter: tuple[int, int, bool] | None = None
        layout = QVBoxLayout(self)
        self.analysis_status = QLabel()
        self.analysis_status.setWordWrap(True)
        layout.addWidget(self.analysis_status)
        self.b_new_analysis = QPushButton("&Ny analys")
        self.b_add_risk = QPushButton("N&y risk…")
        self.b_edit_risk = QPushButton("&Ändra…")
        self.b_remove_risk = QPushButton("Ta &bort")
        self.b_adopt = QPushButton("Anta &vid §…")
        self.b_version = QPushButton("Ny v&ersion")
        self.b_copy = QPushButton("K&opiera till nästa år")
        self.b_matrix = QPushButton("&Matrisinställningar…")
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
        self.risk_model = risk_model(settings_ref, moves)  # type: ignore[arg-type]
        self.risk_proxy = PredicateProxy(self)
        self.risk_view = proxy_table(
            self.risk_model, self.risk_proxy, (36, 140, 240, 100, 120, 70, 260, 120, 80), name="Risker i analysen"
        )
        tl.addWidget(self.risk_view)
        split.addWidget(table_box)
        split.setSizes([380, 320])
        layout.addWidget(split)

    def show_analysis(self, risks, settings: MatrixSettings, moves: list[RiskMove]) -> None:
        self.risk_model.set_rows(risks)
        self.matrix.set_data(risks, settings, moves)
        self.residual_matrix.set_data(risks, settings)
        self.residual_matrix.setVisible(any(r.has_residual for r in risks))

    def show_moves(
        self, moved: list[RiskMove], previous_year: int | None, removed: list[RiskMove], has_analysis: bool
    ) -> None:
        """Last year's comparison beside the maps (``has_analysis``: there is one this year)."""
        moved = [m for m in moved if m.movement is not Movement.OFORANDRAD]
        if not has_analysis:
            self.moves_label.setText("")
            return
        if previous_year is None:
            self.moves_label.setText("<i>Ingen analys för föregående år att jämföra med.</i>")
            return
        lines = [f"<b>Jämfört med {previous_year}</b>"]
        lines += [f"{m.nummer}. {m.titel}: {m.text}" for m in moved] or ["Inga förändringar."]
        lines += [f"– {m.titel}: {m.text}" for m in removed]
        lines.append("<small>↑ högre, ↓ lägre, → flyttad, * ny</small>")
        self.moves_label.setText("<br>".join(lines))

    def update_enabled(self, analysis, read_only: bool) -> None:
        a, ro = analysis, read_only
        draft_a = a is not None and not a.locked and not ro
        for b in (self.b_add_risk, self.b_edit_risk, self.b_remove_risk, self.b_adopt):
            b.setEnabled(draft_a)
        self.b_new_analysis.setEnabled(a is None and not ro)
        self.b_version.setEnabled(a is not None and a.locked and not ro)
        self.b_copy.setEnabled(a is not None and not ro)
        self.b_matrix.setEnabled(not ro)

    # --- matrix filter ----------------------------------------------------------------------
    def _on_cell(self, s: int, v: int, residual: bool) -> None:
        other = self.residual_matrix if not residual else self.matrix
        other.selected = None
        other.update()
        self._cell_filter = (s, v, residual) if s else None
        self.apply_cell_filter()

    def apply_cell_filter(self) -> None:
        flt = self._cell_filter
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
