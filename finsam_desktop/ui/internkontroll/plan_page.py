"""The Kontrollplan page of the Intern kontroll tab: the buttons (with the riskvärde limit for generated
controls), the plan's table with traffic lights, and the åtgärder still open from earlier years' stickprov. A view;
the plan controller connects the buttons."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QPushButton, QSpinBox, QVBoxLayout, QWidget

from finsam_desktop.ui.internkontroll.findings_view import open_atgarder_model
from finsam_desktop.ui.internkontroll.models import PredicateProxy, plan_model, proxy_table
from finsam_desktop.ui.widgets.flow_layout import flow_row


class PlanPage(QWidget):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        layout = QVBoxLayout(self)
        self.plan_status = QLabel()
        self.plan_status.setWordWrap(True)
        layout.addWidget(self.plan_status)
        self.b_new_plan = QPushButton("&Ny plan")
        self.min_value = QSpinBox()
        self.min_value.setRange(1, 25)
        self.min_value.setValue(6)
        self.min_value.setPrefix("riskvärde ≥ ")
        self.min_value.setAccessibleName("Lägsta riskvärde för kontroller som skapas från riskanalysen")
        self.b_generate = QPushButton("Skapa kontroller &från riskanalysen")
        self.b_add_row = QPushButton("N&y kontroll…")
        self.b_edit_row = QPushButton("&Ändra…")
        self.b_remove_row = QPushButton("Ta &bort")
        self.b_status = QPushButton("Ändra stat&us…")
        self.b_adopt_plan = QPushButton("Anta &vid §…")
        self.b_plan_version = QPushButton("Ny v&ersion")
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
        self.risk_numbers: dict[str, int] = {}
        self.event_titles: dict[int, str] = {}
        self.plan_model = plan_model(self.risk_numbers, self.event_titles)
        self.plan_proxy = PredicateProxy(self)
        self.plan_view = proxy_table(
            self.plan_model, self.plan_proxy, (40, 110, 140, 300, 130, 110, 130, 90, 170), name="Kontroller i planen"
        )
        layout.addWidget(self.plan_view, 3)
        self.open_label = QLabel()
        self.open_label.setWordWrap(True)
        layout.addWidget(self.open_label)
        self.open_model = open_atgarder_model()
        self.open_proxy = PredicateProxy(self)
        self.open_view = proxy_table(
            self.open_model,
            self.open_proxy,
            (170, 330, 220, 140, 90, 140),
            name="Öppna åtgärder från tidigare års stickprov",
        )
        layout.addWidget(self.open_view, 1)

    def show_plan(self, plan, risks, events: list[tuple[int, str]]) -> None:
        """The plan's rows, with risk keys shown as this year's risk numbers and årshjul events by title."""
        self.risk_numbers.clear()
        self.risk_numbers.update({r.key: r.nummer for r in risks})
        self.event_titles.clear()
        self.event_titles.update(dict(events))
        self.plan_model.set_rows(plan.rows if plan else ())

    def show_open_atgarder(self, items, ar: int) -> None:
        """The åtgärder (``OpenAtgard``) still open from stickprov before ``ar``; hidden when there are none."""
        self.open_model.set_rows(items)
        late = sum(1 for o in items if o.forsenad)
        self.open_label.setText(
            f"<b>Öppna åtgärder från stickprov före {ar}:</b> {len(items)}, varav {late} försenade." if items else ""
        )
        self.open_label.setVisible(bool(items))
        self.open_view.setVisible(bool(items))

    def update_enabled(self, plan, read_only: bool) -> None:
        p, ro = plan, read_only
        draft_p = p is not None and not p.locked and not ro
        for b in (self.b_generate, self.b_add_row, self.b_edit_row, self.b_remove_row, self.b_adopt_plan):
            b.setEnabled(draft_p)
        self.b_new_plan.setEnabled(p is None and not ro)
        self.b_plan_version.setEnabled(p is not None and p.locked and not ro)
        self.b_status.setEnabled(p is not None and not ro)
