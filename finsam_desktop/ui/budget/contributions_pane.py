"""The Medlemsavgifter pane: the statlig medelstilldelning, the lowest-party offers and every member's
contribution compared with the budget."""

from __future__ import annotations

from PySide6.QtWidgets import QFormLayout, QHBoxLayout, QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget

from finsam_desktop.domain.budget.lines import format_pct
from finsam_desktop.domain.common.money import format_kr
from finsam_desktop.services.budget.dto import ContributionView, YearSettings
from finsam_desktop.ui.budget.dialogs import amount_text
from finsam_desktop.ui.budget.widgets import make_label, make_table
from finsam_desktop.ui.widgets.table_model import Column, RowTableModel


class ContributionsPane(QWidget):
    """Widgets and layout of the member contributions; the controllers connect its buttons."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        lay = QVBoxLayout(self)
        intro = make_label(
            "Statens medelstilldelning (Försäkringskassans besked, senast vecka 47) ger medlemmarnas bidrag: "
            "regionen en fjärdedel och kommunerna en fjärdedel fördelad efter förbundets nyckel (2:1:1)."
        )
        lay.addWidget(intro)
        form = QFormLayout()
        self.state_amount = QLineEdit()
        self.state_amount.setPlaceholderText("t.ex. 3 680 000")
        self.besked = QLineEdit()
        self.besked.setPlaceholderText("ÅÅÅÅ-MM-DD")
        for edit in (self.state_amount, self.besked):
            edit.setMaximumWidth(240)
        form.addRow("Statlig medelstilldelning (kr)", self.state_amount)
        form.addRow("Beskedets datum", self.besked)
        lay.addLayout(form)
        b = QHBoxLayout()
        self.calc_btn = QPushButton("Ber&äkna")
        self.save_state_btn = QPushButton("Spara &för året")
        b.addWidget(self.calc_btn)
        b.addWidget(self.save_state_btn)
        b.addStretch(1)
        lay.addLayout(b)
        offers = QHBoxLayout()
        self.offer_state, self.offer_region, self.offer_kommun = QLineEdit(), QLineEdit(), QLineEdit()
        for label, party, edit in (
            ("Lägsta parten styr – erbjudanden (kr): staten", "staten", self.offer_state),
            ("regionen", "regionen", self.offer_region),
            ("kommunerna", "kommunerna", self.offer_kommun),
        ):
            buddy = QLabel(label)
            buddy.setBuddy(edit)
            edit.setAccessibleName(f"Erbjudande från {party} (kr)")
            edit.setMaximumWidth(140)
            offers.addWidget(buddy)
            offers.addWidget(edit)
        self.binding_btn = QPushButton("Beräkna bindande ni&vå")
        offers.addWidget(self.binding_btn)
        offers.addStretch(1)
        lay.addLayout(offers)
        self.contrib_model = RowTableModel(
            [
                Column("Medlem", lambda r: r[0].namn),
                Column("Part", lambda r: r[0].kind.label),
                Column(
                    "Bidrag enligt tilldelningen",
                    lambda r: format_kr(r[0].amount),
                    lambda r: r[0].amount,
                    align_right=True,
                ),
                Column("Andel av alla bidrag", lambda r: format_pct(r[0].share_of_total_pct), align_right=True),
                Column("Andel inom parten", lambda r: format_pct(r[0].share_of_side_pct), align_right=True),
                Column("I budgeten", lambda r: format_kr(r[1]) if r[1] is not None else "–", align_right=True),
            ],
            parent=self,
        )
        self.contrib_table = make_table(self.contrib_model, "Medlemmarnas bidrag", stretch_col=0)
        lay.addWidget(self.contrib_table, 1)
        self.contrib_info = make_label()
        lay.addWidget(self.contrib_info)

    def show_settings(self, settings: YearSettings) -> None:
        self.state_amount.setText(amount_text(settings.state_allocation))
        self.besked.setText(settings.besked_datum.isoformat() if settings.besked_datum else "")

    def show_contributions(self, view: ContributionView) -> None:
        if view.plan is None:
            self.contrib_model.set_rows(())
            self.contrib_info.setText("Ange statens medelstilldelning för att beräkna bidragen.")
            return
        self.contrib_model.set_rows([(r, view.budgeted.get(r.member_id)) for r in view.plan.rows])
        text = f"Summa bidrag: {format_kr(view.plan.total)}."
        if view.problems:
            text += "\n" + "\n".join("⚠ " + p for p in view.problems)
        elif view.budgeted:
            text += " Budgetens medlemsavgifter följer 2:1:1 och fördelningsnyckeln."
        self.contrib_info.setText(text)
