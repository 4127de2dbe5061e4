"""The Budget pane: the version chooser, the budget's lines (budget year and two plan years) and its totals."""

from __future__ import annotations

from collections.abc import Callable, Mapping

from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from finsam_desktop import clock
from finsam_desktop.domain.budget.lines import Line
from finsam_desktop.domain.budget.periodisation import Profile
from finsam_desktop.domain.budget.presentation import Unit
from finsam_desktop.domain.common.money import format_kr
from finsam_desktop.services.budget.dto import BudgetDoc
from finsam_desktop.ui.budget.models import LinesModel, line_columns
from finsam_desktop.ui.budget.widgets import make_label, make_table
from finsam_desktop.ui.widgets.flow_layout import FlowLayout
from finsam_desktop.ui.widgets.table_model import ROW_ROLE


def ordered_lines(doc: BudgetDoc) -> list[Line]:
    """Intäkter before kostnader, sections and lines in their positions, varav rows under their line."""
    out = []
    for sec in sorted(doc.sections, key=lambda s: (0 if s.kind.value == "intakt" else 1, s.position, s.id)):
        tops = sorted(
            (x for x in doc.lines if x.section_id == sec.id and x.parent_id is None),
            key=lambda x: (x.position, x.id),
        )
        for t in tops:
            out.append(t)
            out += sorted((x for x in doc.lines if x.parent_id == t.id), key=lambda x: (x.position, x.id))
    return out


class BudgetPane(QWidget):
    """Widgets and layout of budget editing; the controllers connect its buttons."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        lay = QVBoxLayout(self)
        bar = QHBoxLayout()
        self.version = QComboBox()
        # Long version titles are elided in the closed box instead of widening the window.
        self.version.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.version.setMinimumContentsLength(20)
        self.version.setAccessibleName("Budgetversion")
        version_label = QLabel("Version")
        version_label.setBuddy(self.version)
        bar.addWidget(version_label)
        bar.addWidget(self.version, 1)
        self.add_line_btn = QPushButton("Ny ra&d…")
        self.edit_line_btn = QPushButton("&Ändra…")
        self.del_line_btn = QPushButton("Ta b&ort")
        self.adopt_btn = QPushButton("&Fastställ…")
        self.revise_btn = QPushButton("Re&videra…")
        self.new_budget_btn = QPushButton("Ny bud&get…")
        self.add_section_btn = QPushButton("N&ytt avsnitt…")
        self.stated_btn = QPushButton("Summor en&ligt dokumentet…")
        self.periodise_btn = QPushButton("&Periodisering…")
        self.periodise_btn.setAccessibleName("Periodisering av markerad budgetrad")
        self.periodise_btn.setToolTip(
            "Hur radens budget fördelas över året i uppföljningen: jämnt, som föregående år, kvartalsvis, "
            "vissa månader eller egna månadsprocent. Kan ändras även när budgeten är fastställd."
        )
        lay.addLayout(bar)
        # The buttons flow on to a second row on a narrow window instead of widening it.
        buttons = FlowLayout()
        for b in (
            self.periodise_btn,
            self.stated_btn,
            self.add_section_btn,
            self.add_line_btn,
            self.edit_line_btn,
            self.del_line_btn,
            self.adopt_btn,
            self.revise_btn,
            self.new_budget_btn,
        ):
            buttons.addWidget(b)
        lay.addLayout(buttons)
        self.lines_model = LinesModel(line_columns({}, {}, clock.today().year), parent=self)
        self.lines_table = make_table(self.lines_model, "Budgetrader", stretch_col=1)
        lay.addWidget(self.lines_table, 1)
        self.budget_info = make_label()
        lay.addWidget(self.budget_info)

    def clear(self, year: int) -> None:
        self.lines_model.set_rows(())
        self.budget_info.setText(f"Ingen budget för {year}.")

    def show_doc(
        self,
        doc: BudgetDoc,
        year: int,
        version_of: Callable[[int | None], str],
        profiles: Mapping[str, Profile] | None = None,
        unit: Unit = Unit.KR,
    ) -> None:
        sections = {s.id: s for s in doc.sections}
        self.lines_model = LinesModel(line_columns(sections, {}, year, profiles, unit), ordered_lines(doc), parent=self)
        self.lines_table.setModel(self.lines_model)
        t = doc.totals
        info = [
            f"{doc.info.label}."
            + (
                f" Ersätter version {version_of(doc.info.previous_id)}: {doc.info.reason}"
                if doc.info.previous_id
                else ""
            ),
            "Summa intäkter: "
            + " / ".join(format_kr(x) for x in t.intakter)
            + ". Summa kostnader: "
            + " / ".join(format_kr(x) for x in t.kostnader)
            + ". Resultat: "
            + " / ".join(format_kr(x) for x in t.resultat)
            + f" ({year} / {year + 1} / {year + 2}).",
        ]
        info += ["⚠ " + m.message for m in doc.mismatches]
        info += ["⚠ " + p for p in doc.varav_problems + doc.contribution_problems]
        self.budget_info.setText("\n".join(info))

    def selected_line(self) -> Line | None:
        idx = self.lines_table.currentIndex()
        return self.lines_model.data(self.lines_model.index(idx.row(), 0), ROW_ROLE) if idx.isValid() else None
