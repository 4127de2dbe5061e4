"""Controller of the follow-up: a new follow-up per a date and utfall/prognos for one line (undoable)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtWidgets import QDialog, QMessageBox, QWidget

from finsam_desktop import clock
from finsam_desktop.services.budget.area import BudgetArea
from finsam_desktop.ui.budget.dialogs import DateDialog, FollowupEntryDialog
from finsam_desktop.ui.budget.followup_pane import FollowupPane
from finsam_desktop.ui.budget.state import TabState, UndoRunner


class FollowupController:
    def __init__(
        self,
        parent: QWidget,
        bs: BudgetArea,
        state: TabState,
        runner: UndoRunner,
        pane: FollowupPane,
        select_per: Callable[[date], None],
    ):
        self.parent, self.bs, self.state, self.runner, self.pane = parent, bs, state, runner, pane
        self.select_per = select_per
        pane.edit_entry_btn.clicked.connect(self.on_edit_entry)
        pane.followup_table.doubleClicked.connect(lambda _i: self.on_edit_entry())

    def on_new_followup(self) -> None:
        year = self.state.year()
        dlg = DateDialog(
            "Ny budgetuppföljning",
            "Per",
            date(year, min(clock.today().month, 12), 1) if year == clock.today().year else date(year, 12, 31),
            self.parent,
        )
        if dlg.exec() != QDialog.DialogCode.Accepted:
            return
        per = dlg.value
        fu = self.runner.perform_created(
            f"Ny uppföljning per {per.isoformat()}",
            lambda: self.bs.followup.create_followup(year, per),
            undo=lambda fu: self.bs.followup.discard_followup(fu.id),
            redo=lambda fu: self.bs.followup.create_followup(fu.year, fu.per, fu.comment, followup_id=fu.id),
        )
        if fu is not None:
            self.select_per(fu.per)

    def on_edit_entry(self) -> None:
        row = self.pane.selected_followup_row()
        v = self.state.view_data
        if row is None or v is None or not row.is_figure_row:
            QMessageBox.information(self.parent, "Välj en rad", "Markera en budgetrad i tabellen.")
            return
        if v.followup is None:
            QMessageBox.information(
                self.parent,
                "Ingen uppföljning",
                f"Det finns ingen uppföljning per {v.per.isoformat()}. Skapa den med ”Ny uppföljning…”.",
            )
            return
        fid = v.followup.id
        entry = self.bs.followup.followup_entry(fid, row.kod)
        default = row.periodiserad  # the periodised budget (linear or the line's profile)
        dlg = FollowupEntryDialog(row.namn, entry, default, row.budget, v.per, self.parent, unit=v.unit)
        if dlg.exec() != QDialog.DialogCode.Accepted:
            return
        new = dlg.value
        self.runner.perform(
            f"Uppföljning {row.namn}",
            lambda: self.bs.followup.save_followup_entry(fid, new),
            lambda: self.bs.followup.save_followup_entry(fid, entry),
        )
