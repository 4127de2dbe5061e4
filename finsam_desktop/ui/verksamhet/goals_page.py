"""Mål och indikatorer: the goals of the förbund and of the year's insatser with their latest measurement on or before
the report date, written "målvärde (utfall)" as the lägesrapport does ("240 (190)", "≥ 30 (26,9) %"), how far it
has come, whether it is met, and the check's flag when a stated percentage does not match its counts. A new goal
from a standard indicator, its removal and a measurement are undoable; a measurement replaces the value at its date
(undo puts the replaced one back, or removes the new one when the date had none)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from PySide6.QtWidgets import QHBoxLayout, QLabel, QVBoxLayout, QWidget

from finsam_desktop import clock
from finsam_desktop.domain.verksamhet.indicators import check_measurement
from finsam_desktop.ui.verksamhet.goal_dialogs import GoalDialog, MeasurementDialog
from finsam_desktop.ui.verksamhet.models import GOAL_COLUMNS, GoalLine, button, table
from finsam_desktop.ui.widgets.date_edit import IsoDateEdit
from finsam_desktop.ui.widgets.table_model import ROW_ROLE


class GoalsPage(QWidget):
    def __init__(self, tab):
        super().__init__(tab)
        self.tab = tab
        self.model, self.view = table(
            GOAL_COLUMNS,
            "Mål och indikatorer",
            "Ett mål per rad: förbundet eller insatsen, målet, perioden, målvärde med utfall inom parentes, "
            "mätdatum, andel av målet, om det är uppfyllt och en flagga när en angiven procentsats inte stämmer "
            "med sina antal.",
            stretch=1,
        )
        self.per = IsoDateEdit(clock.today())
        self.per.setAccessibleName("Rapportdatum")
        per_label = QLabel("Rappor&tdatum")
        per_label.setBuddy(self.per)
        self.new_btn = button("Nytt må&l…", "Nytt mål från standardindikator")
        self.measure_btn = button("Registrera &utfall…", "Registrera utfall för markerat mål")
        self.delete_btn = button("Ta &bort mål", "Ta bort markerat mål")
        bar = QHBoxLayout()
        for b in (self.new_btn, self.measure_btn, self.delete_btn):
            bar.addWidget(b)
        bar.addStretch(1)
        bar.addWidget(per_label)
        bar.addWidget(self.per)
        self.flags = QLabel()
        self.flags.setWordWrap(True)
        self.flags.setAccessibleName("Flaggor från kontrollen")
        self.flags.setStyleSheet("color: #A61B1B")
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.flags)
        self.per.dateChanged.connect(lambda _d: self.load())
        self.new_btn.clicked.connect(self.on_new)
        self.measure_btn.clicked.connect(self.on_measure)
        self.delete_btn.clicked.connect(self.on_delete)
        self.view.selectionModel().currentRowChanged.connect(lambda *_a: self._update())
        self.view.activated.connect(lambda _i: self.on_measure())  # double-click or Enter

    # --- loading ------------------------------------------------------------------------------------------------
    def report_date(self) -> date:
        return self.per.value()

    def load(self) -> None:
        keep = self.current()
        year = self.tab.year()
        ids = {i.id for i in self.tab.insatser.insatser}
        lines = []
        for status in self.tab.vs.uppfoljning.report(self.report_date()):
            goal = status.goal
            if goal.period.till.year < year or goal.period.fran.year > year:
                continue
            if goal.insats_id is not None and goal.insats_id not in ids:
                continue
            flags = check_measurement(goal, status.measurement) if status.measurement else ()
            lines.append(GoalLine(status, " ".join(f.text for f in flags)))
        self.model.set_rows(lines)
        flagged = [f"{line.goal.namn}: {line.flag}" for line in lines if line.flag]
        self.flags.setText(("⚠ " + "\n⚠ ".join(flagged)) if flagged else "")
        self.flags.setVisible(bool(flagged))
        for row, line in enumerate(lines):
            if keep is not None and line.goal.id == keep.goal.id:
                self.view.selectRow(row)
        self._update()

    def current(self) -> GoalLine | None:
        index = self.view.currentIndex()
        return index.data(ROW_ROLE) if index.isValid() else None

    def _update(self) -> None:
        writable = self.tab.editable()
        chosen = self.current() is not None
        self.new_btn.setEnabled(writable)
        self.measure_btn.setEnabled(writable and chosen)
        self.delete_btn.setEnabled(writable and chosen)

    # --- actions ------------------------------------------------------------------------------------------------
    def on_new(self) -> None:
        up = self.tab.vs.uppfoljning
        state: dict = {}
        chosen = self.tab.insatser.current()

        def submit(goal) -> None:
            # Redo after an undo puts the same goal back under its id, so later steps that name it stay valid.
            def do():
                removed = state.pop("removed", None)
                state["goal"] = up.restore_goal(removed) if removed else up.save_goal(replace(goal, id=None))
                return state["goal"]

            def undo() -> None:
                state["removed"] = up.delete_goal(state["goal"].id)

            self.tab.push(f"Nytt mål {goal.namn[:40]}", do, undo)

        dlg = GoalDialog(
            up.standard_indicators(),
            self.tab.insatser.insatser,
            self.tab.year(),
            up.goal_from_indicator,
            submit,
            chosen.id if chosen else None,
            self,
        )
        dlg.exec()

    def on_measure(self) -> None:
        line = self.current()
        if line is None or not self.tab.editable():
            return
        up = self.tab.vs.uppfoljning
        goal_id = line.goal.id

        def submit(m) -> None:
            # The value the new one replaces at its date (None: the date had none, undo removes the new one).
            previous = next((old for old in up.measurements(goal_id) if old.per == m.per), None)

            def undo() -> None:
                if previous is None:
                    up.delete_measurement(goal_id, m.per)
                else:
                    up.save_measurement(goal_id, previous)

            self.tab.push(
                f"Utfall {line.goal.namn[:40]} per {m.per.isoformat()}", lambda: up.save_measurement(goal_id, m), undo
            )

        MeasurementDialog(line.goal, min(self.report_date(), line.goal.period.till), submit, self).exec()

    def on_delete(self) -> None:
        line = self.current()
        if line is None or not self.tab.confirm("Ta bort mål", f"Ta bort målet ”{line.goal.namn}” och dess utfall?"):
            return
        up = self.tab.vs.uppfoljning
        goal_id = line.goal.id
        state: dict = {}

        def do() -> None:
            state["removed"] = up.delete_goal(goal_id)

        def undo() -> None:
            up.restore_goal(state["removed"])

        self.tab.undoable(f"Ta bort mål {line.goal.namn[:40]}", do, undo)
