"""The page "Får NN attestera?": person, kind, scope, amount, date, payee → yes/no with the rule and the
version that decided it. ``CheckPage`` holds the form; ``CheckController`` asks the attest area."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QFormLayout, QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget

from finsam_desktop import clock
from finsam_desktop.domain.attest.rules import ATTEST_TYPE_LABELS, AttestAnswer, AttestType
from finsam_desktop.domain.common.dates import iso, parse_date
from finsam_desktop.domain.common.errors import FinsamError
from finsam_desktop.domain.common.money import parse_amount
from finsam_desktop.ui.context import UiContext


class CheckController:
    """Fills the name pickers and answers the question."""

    def __init__(self, page: CheckPage, ctx: UiContext):
        self.page, self.ctx = page, ctx

    def reload(self) -> None:
        names = [p.namn for p in self.ctx.services.forbund.list_persons()]
        extra = [n for n in self.ctx.services.attest.attestants.attestants_on(clock.today()) if n not in names]
        self.page.set_names(names + extra, [""] + names)

    def ask(self) -> None:
        page = self.page
        try:
            ans = self.ctx.services.attest.check.check(
                page.person.currentText(),
                page.typ.currentData(),
                parse_amount(page.belopp.text() or "0", "Belopp"),
                parse_date(page.datum.text(), "Datum"),
                page.mottagare.currentText(),
                page.scope.text(),
            )
        except FinsamError as exc:
            page.answer.setText(f"<span style='color:#A61B1B'>{exc}</span>")
            return
        page.show_answer(ans)


class CheckPage(QWidget):
    def __init__(self, ctx: UiContext, parent=None):
        super().__init__(parent)
        self.controller = CheckController(self, ctx)
        form = QFormLayout()
        self.person = QComboBox()
        self.person.setEditable(True)
        self.typ = QComboBox()
        for t in AttestType:
            self.typ.addItem(ATTEST_TYPE_LABELS[t], t)
        self.scope = QLineEdit()
        self.scope.setPlaceholderText("tomt = generell; annars kostnadsställe, insats eller konto")
        self.belopp = QLineEdit()
        self.belopp.setPlaceholderText("t.ex. 12 500 eller 1 840,50")
        self.datum = QLineEdit(iso(clock.today()))
        self.mottagare = QComboBox()
        self.mottagare.setEditable(True)
        for label, w in (
            ("P&erson", self.person),
            ("A&ttest", self.typ),
            ("Om&fattning", self.scope),
            ("&Belopp", self.belopp),
            ("Dat&um", self.datum),
            ("&Mottagare", self.mottagare),
        ):
            form.addRow(label, w)
        ask = QPushButton("Får &personen attestera?")
        ask.setDefault(True)
        ask.clicked.connect(self.controller.ask)
        self.answer = QLabel("Fyll i uppgifterna och fråga.")
        self.answer.setWordWrap(True)
        self.answer.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.answer.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("<h3>Får NN attestera?</h3>"))
        layout.addLayout(form)
        layout.addWidget(ask, alignment=Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self.answer, 1)
        self.reload()

    def reload(self) -> None:
        self.controller.reload()

    def set_names(self, persons: list[str], payees: list[str]) -> None:
        """The pickers' lists, keeping what is typed."""
        for combo, names in ((self.person, persons), (self.mottagare, payees)):
            text = combo.currentText()
            combo.clear()
            combo.addItems(names)
            combo.setCurrentText(text)

    def show_answer(self, ans: AttestAnswer) -> None:
        colour = "#1E6B34" if ans.allowed else "#A61B1B"
        head = "JA" if ans.allowed else "NEJ"
        reasons = "".join(f"<li>{r}</li>" for r in ans.reasons)
        two = (
            "<p>Betalningen kräver två signaturer i förening.</p>" if ans.allowed and ans.signers_required >= 2 else ""
        )
        self.answer.setText(
            f"<h2 style='color:{colour}'>{head}</h2><p><b>Regel:</b> {ans.rule}</p>"
            f"<p><b>Avgjort av:</b> {ans.version or '–'}</p><ul>{reasons}</ul>{two}"
        )
        self.last_answer = ans
