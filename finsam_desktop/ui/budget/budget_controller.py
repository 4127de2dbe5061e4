"""Controller of budget editing: lines and sections, stated totals, new budget, revise and fastställ."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from PySide6.QtWidgets import QDialog, QInputDialog, QMessageBox, QWidget

from finsam_desktop.domain.budget.followup import summa_label
from finsam_desktop.domain.budget.lines import Line, LineClass, Measure, Scope, Section, SectionKind
from finsam_desktop.domain.common.errors import FinsamError
from finsam_desktop.services.budget.area import BudgetArea
from finsam_desktop.ui.budget.budget_pane import BudgetPane
from finsam_desktop.ui.budget.dialogs import AdoptDialog, LineDialog, SectionDialog, StatedTotalsDialog
from finsam_desktop.ui.budget.import_dialogs import PeriodisationDialog
from finsam_desktop.ui.budget.state import TabState, UndoRunner


class BudgetController:
    def __init__(
        self,
        parent: QWidget,
        bs: BudgetArea,
        state: TabState,
        runner: UndoRunner,
        pane: BudgetPane,
        after_change: Callable[[], None],
    ):
        self.parent, self.bs, self.state, self.runner, self.pane = parent, bs, state, runner, pane
        self.after_change = after_change
        pane.add_line_btn.clicked.connect(self.on_add_line)
        pane.edit_line_btn.clicked.connect(self.on_edit_line)
        pane.del_line_btn.clicked.connect(self.on_delete_line)
        pane.adopt_btn.clicked.connect(self.on_adopt)
        pane.revise_btn.clicked.connect(self.on_revise)
        pane.new_budget_btn.clicked.connect(self.on_new_budget)
        pane.add_section_btn.clicked.connect(self.on_add_section)
        pane.stated_btn.clicked.connect(lambda: self.on_stated(followup=False))
        pane.periodise_btn.clicked.connect(self.on_periodisation)
        pane.lines_table.doubleClicked.connect(lambda _i: self.on_edit_line())

    def on_periodisation(self) -> None:
        """Set the marked line's periodisation profile (undoable; allowed on a fastställd budget too)."""
        doc, line = self.state.doc, self.pane.selected_line()
        if doc is None or line is None:
            QMessageBox.information(self.parent, "Välj en rad", "Markera en budgetrad i tabellen.")
            return
        year, kod = doc.info.year, line.kod
        current = self.bs.periodisation.profile(year, kod)
        dlg = PeriodisationDialog(line.namn, kod, current, self.parent)
        if dlg.exec() != QDialog.DialogCode.Accepted:
            return
        new = dlg.value
        self.runner.perform(
            f"Periodisering {line.namn}",
            lambda: self.bs.periodisation.set_profile(year, kod, new),
            lambda: self.bs.periodisation.set_profile(year, kod, current),
        )

    def on_add_line(self) -> None:
        doc = self.state.doc
        if doc is None or not doc.sections:
            return
        current = self.pane.selected_line()
        template = Line(
            0, current.section_id if current else doc.sections[-1].id, self.bs.lines.next_code(doc.info.id), ""
        )
        dlg = LineDialog(
            template,
            doc.sections,
            doc.lines,
            doc.info.year,
            self.state.insatser,
            self.parent,
            unit=self.bs.settings.unit(),
        )
        if dlg.exec() != QDialog.DialogCode.Accepted:
            return
        bid, line = doc.info.id, dlg.value
        created: list[Line] = []

        def do():
            created[:] = [self.bs.lines.save_line(bid, replace(line, id=created[0].id) if created else line)]

        self.runner.perform(f"Ny budgetrad {line.namn}", do, lambda: self.bs.lines.delete_line(bid, created[0].id))

    def on_edit_line(self) -> None:
        doc, line = self.state.doc, self.pane.selected_line()
        if doc is None or line is None:
            return
        if doc.info.locked:
            QMessageBox.information(
                self.parent, "Fastställd budget", "Budgeten är fastställd. Gör en reviderad version för att ändra den."
            )
            return
        dlg = LineDialog(
            line, doc.sections, doc.lines, doc.info.year, self.state.insatser, self.parent, unit=self.bs.settings.unit()
        )
        if dlg.exec() != QDialog.DialogCode.Accepted:
            return
        bid, new = doc.info.id, dlg.value
        self.runner.perform(
            f"Ändra {line.namn}", lambda: self.bs.lines.save_line(bid, new), lambda: self.bs.lines.save_line(bid, line)
        )

    def on_delete_line(self) -> None:
        doc, line = self.state.doc, self.pane.selected_line()
        if doc is None or line is None:
            return
        bid = doc.info.id
        self.runner.perform(
            f"Ta bort {line.namn}",
            lambda: self.bs.lines.delete_line(bid, line.id),
            lambda: self.bs.lines.save_line(bid, line),
        )

    def on_add_section(self) -> None:
        doc = self.state.doc
        if doc is None:
            return
        dlg = SectionDialog(Section(0, "", SectionKind.KOSTNAD, 0, LineClass.INDIVIDINRIKTAD), self.parent)
        if dlg.exec() != QDialog.DialogCode.Accepted:
            return
        bid, section = doc.info.id, dlg.value
        created: list[Section] = []

        def do():
            created[:] = [self.bs.lines.save_section(bid, replace(section, id=created[0].id) if created else section)]

        self.runner.perform(
            f"Nytt avsnitt {section.namn}", do, lambda: self.bs.lines.delete_section(bid, created[0].id)
        )

    def on_stated(self, followup: bool) -> None:
        """Totals as printed in the source document, for the budget or (``followup``) the shown follow-up."""
        v = self.state.view_data if followup else None
        doc = self.bs.versions.budget(v.budget.id) if followup and v else self.state.doc
        if doc is None or (followup and (v is None or v.followup is None)):
            return
        scopes = [
            (summa_label(s.namn), Scope.AVSNITT, s.id)
            for s in sorted(doc.sections, key=lambda s: (s.kind.value != "intakt", s.position, s.id))
        ]
        scopes += [
            ("Summa intäkter", Scope.INTAKTER, None),
            ("Summa kostnader", Scope.KOSTNADER, None),
            ("Årets resultat", Scope.RESULTAT, None),
        ]
        year = doc.info.year
        if followup:
            measures = [
                (Measure.BUDGET, f"Budget {year}"),
                (Measure.PROGNOS, f"Prognos per {v.per.isoformat()}"),
                (Measure.UTFALL, f"Utfall per {v.per.isoformat()}"),
            ]
        else:
            measures = [
                (Measure.BUDGET, f"Budget {year}"),
                (Measure.PLAN1, f"Plan {year + 1}"),
                (Measure.PLAN2, f"Plan {year + 2}"),
            ]
        fid = v.followup.id if followup else None
        old = self.bs.lines.stated_totals(doc.info.id, fid)
        dlg = StatedTotalsDialog(scopes, measures, old, self.parent)
        if dlg.exec() != QDialog.DialogCode.Accepted:
            return
        new, bid = dlg.value, doc.info.id
        self.runner.perform(
            "Summor enligt dokumentet",
            lambda: self.bs.lines.set_stated_totals(bid, new, fid),
            lambda: self.bs.lines.set_stated_totals(bid, old, fid),
        )

    def on_adopt(self) -> None:
        doc = self.state.doc
        if doc is None:
            return
        dlg = AdoptDialog(self.bs.versions.agenda_choices(doc.info.year), self.parent)
        if dlg.exec() != QDialog.DialogCode.Accepted:
            return
        on, item, text = dlg.value
        try:
            self.bs.versions.adopt_budget(doc.info.id, on, item, text)
        except FinsamError as exc:
            self.runner.error(exc)
            return
        # Not on the undo stack: a decision cannot be undone. Earlier steps stay; those that would change the
        # now fastställd version are refused by the service when undone and then dropped from the history.
        self.after_change()

    def on_revise(self) -> None:
        doc = self.state.doc
        if doc is None:
            return
        reason, ok = QInputDialog.getText(self.parent, "Revidera budget", "Varför revideras budgeten?")
        if not ok:
            return
        bid = doc.info.id
        self.runner.perform_created(
            f"Reviderad budget {doc.info.year}",
            lambda: self.bs.versions.revise_budget(bid, reason),
            undo=self.bs.versions.discard_budget,
            redo=self.bs.versions.restore_budget,
        )

    def on_new_budget(self) -> None:
        year = self.state.year()
        previous = self.bs.versions.current_budget(year - 1)
        choice = "Tom mall med medlemsavgifter"
        options = [choice] + ([f"Kopiera planåret från budget {year - 1}"] if previous else [])
        item, ok = QInputDialog.getItem(self.parent, f"Ny budget {year}", "Utgå från", options, 0, False)
        if not ok:
            return
        copy_from = previous.info.id if item != choice and previous else None
        self.runner.perform_created(
            f"Ny budget {year}",
            lambda: self.bs.versions.create_budget(year, copy_from=copy_from),
            undo=self.bs.versions.discard_budget,
            redo=self.bs.versions.restore_budget,
        )
