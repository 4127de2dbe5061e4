"""The Insatser och utbetalningar pane: insatser, their payout plan and the year's payout figures."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from decimal import Decimal

from PySide6.QtCore import QSortFilterProxyModel
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from finsam_desktop.domain.common.money import format_kr
from finsam_desktop.services.budget.dto import Insats, PaymentRow
from finsam_desktop.ui.budget.widgets import make_label, make_table
from finsam_desktop.ui.widgets.table_model import ROW_ROLE, Column, RowTableModel


class InsatserPane(QWidget):
    """Widgets and layout of insatser and payouts; ``year_of`` gives the chosen budget year."""

    def __init__(self, year_of: Callable[[], int], parent: QWidget | None = None):
        super().__init__(parent)
        lay = QVBoxLayout(self)
        bar = QHBoxLayout()
        self.new_insats_btn = QPushButton("N&y insats…")
        self.edit_insats_btn = QPushButton("&Ändra…")
        self.grant_btn = QPushButton("Be&vilja medel…")
        for b in (self.new_insats_btn, self.edit_insats_btn, self.grant_btn):
            bar.addWidget(b)
        bar.addStretch(1)
        lay.addLayout(bar)
        self.insats_model = RowTableModel(
            [
                Column("Insats", lambda i: i.namn),
                Column("Huvudman/sökande", lambda i: i.huvudman),
                Column(
                    "Period",
                    lambda i: f"{i.start.isoformat() if i.start else ''} – {i.slut.isoformat() if i.slut else ''}",
                ),
                Column("Klass", lambda i: i.line_class.label),
                Column("Budgetrad", lambda i: i.budget_kod),
                Column(
                    "Beviljat i år",
                    lambda i: format_kr(i.granted(year_of())),
                    lambda i: i.granted(year_of()),
                    align_right=True,
                ),
                Column("Status", lambda i: i.status.label),
            ],
            parent=self,
        )
        self.insats_proxy = QSortFilterProxyModel(self)
        self.insats_proxy.setSourceModel(self.insats_model)
        self.insats_table = make_table(self.insats_proxy, "Insatser", stretch_col=0)
        lay.addWidget(self.insats_table, 2)
        pbar = QHBoxLayout()
        pbar.addWidget(QLabel("<b>Utbetalningsplan</b>"))
        pbar.addStretch(1)
        self.avtal_btn = QPushButton("Avtal te&cknat…")
        self.redov_btn = QPushButton("Redovisning &godkänd…")
        self.paid_btn = QPushButton("Markera utbeta&ld…")
        for b in (self.avtal_btn, self.redov_btn, self.paid_btn):
            pbar.addWidget(b)
        lay.addLayout(pbar)
        self.payment_model = RowTableModel(
            [
                Column("Insats", lambda r: r.insats_namn),
                Column("År", lambda r: str(r.year)),
                Column("Beslut", lambda r: r.beslut_text + (" (villkorat)" if r.villkorad else "")),
                Column("Mottagare", lambda r: r.mottagare),
                Column("Del", lambda r: r.payment.label),
                Column("Belopp", lambda r: format_kr(r.payment.amount), lambda r: r.payment.amount, align_right=True),
                Column("Status", lambda r: r.payment.status.label),
                Column("Utbetald", lambda r: r.payment.paid_on.isoformat() if r.payment.paid_on else ""),
            ],
            parent=self,
        )
        self.payment_table = make_table(self.payment_model, "Utbetalningsplan", stretch_col=4)
        lay.addWidget(self.payment_table, 2)
        self.payment_info = make_label()
        lay.addWidget(self.payment_info)

    def show_data(self, insatser: Sequence[Insats], rows: Sequence[PaymentRow], year: int) -> None:
        self.insats_model.set_rows(insatser)
        self.payment_model.set_rows(rows)
        this_year = [r for r in rows if r.year == year]
        paid = sum((r.payment.amount for r in this_year if r.payment.paid_on), Decimal(0))
        due = sum((r.payment.amount for r in this_year if r.payment.status.value == "att_betala"), Decimal(0))
        total = sum((r.payment.amount for r in this_year), Decimal(0))
        self.payment_info.setText(
            f"Beviljat för {year}: {format_kr(total)}, varav utbetalt {format_kr(paid)} "
            f"och att betala nu {format_kr(due)}."
        )

    def selected_insats(self) -> Insats | None:
        idx = self.insats_table.currentIndex()
        return self.insats_proxy.data(idx, ROW_ROLE) if idx.isValid() else None

    def selected_payment(self) -> PaymentRow | None:
        idx = self.payment_table.currentIndex()
        return self.payment_model.data(self.payment_model.index(idx.row(), 0), ROW_ROLE) if idx.isValid() else None
