"""Controller of insatser and payouts: insatser, beviljade medel, avtal/redovisning dates and payouts."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QMessageBox, QWidget

from finsam_desktop import clock
from finsam_desktop.domain.common.money import format_kr
from finsam_desktop.services.budget.area import BudgetArea
from finsam_desktop.services.budget.dto import Grant, Insats, PaymentRow
from finsam_desktop.ui.budget.dialogs import DateDialog, GrantDialog, InsatsDialog
from finsam_desktop.ui.budget.insatser_pane import InsatserPane
from finsam_desktop.ui.budget.state import TabState, UndoRunner


class InsatserController:
    def __init__(self, parent: QWidget, bs: BudgetArea, state: TabState, runner: UndoRunner, pane: InsatserPane):
        self.parent, self.bs, self.state, self.runner, self.pane = parent, bs, state, runner, pane
        pane.new_insats_btn.clicked.connect(lambda: self.on_edit_insats(new=True))
        pane.edit_insats_btn.clicked.connect(lambda: self.on_edit_insats(new=False))
        pane.grant_btn.clicked.connect(self.on_grant)
        pane.insats_table.doubleClicked.connect(lambda _i: self.on_edit_insats(new=False))
        pane.avtal_btn.clicked.connect(lambda: self.on_grant_date("avtal"))
        pane.redov_btn.clicked.connect(lambda: self.on_grant_date("redovisning"))
        pane.paid_btn.clicked.connect(self.on_paid)

    def on_edit_insats(self, new: bool) -> None:
        insats = Insats(0, "") if new else self.pane.selected_insats()
        if insats is None:
            return
        dlg = InsatsDialog(insats, self.parent)
        if dlg.exec() != QDialog.DialogCode.Accepted:
            return
        value = dlg.value
        if new:
            self.runner.perform_created(
                f"Ny insats {value.namn}",
                lambda: self.bs.insatser.save_insats(value),
                undo=lambda created: self.bs.insatser.discard_insats(created.id),
                redo=self.bs.insatser.restore_insats,
            )
        else:
            self.runner.perform(
                f"Ändra insats {insats.namn}",
                lambda: self.bs.insatser.save_insats(value),
                lambda: self.bs.insatser.save_insats(insats),
            )

    def on_grant(self) -> None:
        insats = self.pane.selected_insats()
        if insats is None:
            QMessageBox.information(self.parent, "Välj en insats", "Markera insatsen som medlen beviljas för.")
            return
        year = self.state.year()
        dlg = GrantDialog(insats, year, self.bs.versions.agenda_choices(year), self.parent)
        if dlg.exec() != QDialog.DialogCode.Accepted:
            return
        kwargs, iid = dlg.value, insats.id
        self.runner.perform_created(
            f"Beviljade medel till {insats.namn}",
            lambda: self.bs.grants.add_grant(iid, **kwargs),
            undo=lambda grant: self.bs.grants.discard_grant(grant.id),
            redo=self.bs.grants.restore_grant,
        )

    def grant_of(self, row: PaymentRow) -> Grant | None:
        for ins in self.state.insatser:
            for g in ins.grants:
                if g.id == row.payment.grant_id:
                    return g
        return None

    def on_grant_date(self, which: str) -> None:
        row = self.pane.selected_payment()
        if row is None:
            QMessageBox.information(self.parent, "Välj en utbetalning", "Markera en rad i utbetalningsplanen.")
            return
        g = self.grant_of(row)
        label = "Avtalet tecknades" if which == "avtal" else "Styrelsen godkände redovisningen"
        dlg = DateDialog(label, "Datum", g.avtal_on if which == "avtal" else g.redovisning_on, self.parent)
        if dlg.exec() != QDialog.DialogCode.Accepted:
            return
        new = (dlg.value, g.redovisning_on) if which == "avtal" else (g.avtal_on, dlg.value)
        old = (g.avtal_on, g.redovisning_on)
        self.runner.perform(
            label,
            lambda: self.bs.grants.set_grant_dates(g.id, *new),
            lambda: self.bs.grants.set_grant_dates(g.id, *old),
        )

    def on_paid(self) -> None:
        row = self.pane.selected_payment()
        if row is None:
            QMessageBox.information(self.parent, "Välj en utbetalning", "Markera en rad i utbetalningsplanen.")
            return
        p = row.payment
        dlg = DateDialog("Utbetalning", "Utbetald den", clock.today(), self.parent)
        if dlg.exec() != QDialog.DialogCode.Accepted:
            return
        when = dlg.value
        self.runner.perform(
            f"Utbetalning {format_kr(p.amount)}",
            lambda: self.bs.grants.mark_paid(p.id, when),
            lambda: self.bs.grants.mark_paid(p.id, p.paid_on),
        )
