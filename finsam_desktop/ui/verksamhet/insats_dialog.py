"""The insats form of the Verksamhet tab: what ``VerksamhetInsatserService.save`` takes – namn, typ (individinriktad,
strukturell, stöd för samverkan), status, projektägare, period, delprojekt i, målgrupp, Syfte and Mål (lists and
**fetstil**), personalresurser with the FTE sum, co-financing per year (the förbund's own medel are Budget's
beviljade medel, shown), the stated FTE total and the styrgrupp. Bad input is shown in the dialog in Swedish; the
dialog stays open until the save succeeds."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace
from datetime import date
from decimal import Decimal, InvalidOperation

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from finsam_desktop.domain.budget.insatser import InsatsStatus
from finsam_desktop.domain.common.errors import FinsamError, ValidationError
from finsam_desktop.domain.common.money import format_kr
from finsam_desktop.domain.verksamhet.insats import MALGRUPPER, Finansiar, InsatsTyp, Malgrupp
from finsam_desktop.domain.verksamhet.personal import Personalresurs, format_fte, fte_total
from finsam_desktop.services.verksamhet.dto import Medfinansiering, Styrgruppsledamot, VerksamhetInsats

NO_AGE = -1


def _number(text: str, field: str) -> Decimal:
    raw = text.strip().removesuffix("%").strip().replace("\u00a0", "").replace(" ", "").replace(",", ".")
    try:
        value = Decimal(raw)
    except InvalidOperation:
        raise ValidationError(f"”{text.strip()}” är inget tal.", field) from None
    if not value.is_finite():
        raise ValidationError(f"”{text.strip()}” är inget tal.", field)
    return value


def _date(text: str, field: str) -> date | None:
    if not text.strip():
        return None
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise ValidationError(f"”{text.strip()}” är inget datum; skriv t.ex. 2026-01-01.", field) from None


def _decimal_text(value: Decimal | None) -> str:
    if value is None:
        return ""
    return f"{Decimal(value).normalize():f}".replace(".", ",")


def _age_box(name: str) -> QSpinBox:
    box = QSpinBox()
    box.setRange(NO_AGE, 120)
    box.setSpecialValueText("–")
    box.setAccessibleName(name)
    return box


class RowsTable(QTableWidget):
    """An editable table of text cells with its own add/remove buttons (``bar``)."""

    def __init__(self, headers: Sequence[str], name: str, what: str):
        super().__init__(0, len(headers))
        self.setHorizontalHeaderLabels(list(headers))
        self.setAccessibleName(name)
        self.setTabKeyNavigation(False)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.verticalHeader().setVisible(False)
        self.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.add_btn = QPushButton(f"Lägg till {what}")
        self.add_btn.setAccessibleName(f"Lägg till {what}")
        self.remove_btn = QPushButton(f"Ta bort {what}")
        self.remove_btn.setAccessibleName(f"Ta bort markerad {what}")
        self.add_btn.clicked.connect(lambda: self.add_row(("",) * self.columnCount()))
        self.remove_btn.clicked.connect(self.remove_current)
        self.bar = QHBoxLayout()
        self.bar.addWidget(self.add_btn)
        self.bar.addWidget(self.remove_btn)
        self.bar.addStretch(1)

    def add_row(self, cells: Sequence[str]) -> None:
        row = self.rowCount()
        self.insertRow(row)
        for col, text in enumerate(cells):
            self.setItem(row, col, QTableWidgetItem(str(text)))
        self.setCurrentCell(row, 0)

    def remove_current(self) -> None:
        if self.currentRow() >= 0:
            self.removeRow(self.currentRow())

    def cells(self) -> list[tuple[int, list[str]]]:
        """Non-empty rows as (1-based row number, texts)."""
        out = []
        for r in range(self.rowCount()):
            texts = [(self.item(r, c).text() if self.item(r, c) else "").strip() for c in range(self.columnCount())]
            if any(texts):
                out.append((r + 1, texts))
        return out


class InsatsDialog(QDialog):
    """``submit(insats)`` saves (raising ``FinsamError`` for bad input); the dialog closes when it succeeds."""

    def __init__(
        self,
        insats: VerksamhetInsats,
        parents: Sequence[VerksamhetInsats],
        submit: Callable[[VerksamhetInsats], object],
        parent: QWidget | None = None,
    ):
        super().__init__(parent)
        self.insats = insats
        self.submit = submit
        self.setWindowTitle(f"Insats – {insats.namn}" if insats.id else "Ny insats")
        self.setMinimumSize(760, 560)
        self.pages = QTabWidget()
        self.pages.setAccessibleName("Insatsens uppgifter")
        self.pages.addTab(self._general(parents), "&Allmänt")
        self.pages.addTab(self._malgrupp(), "Mål&grupp")
        self.pages.addTab(self._texts(), "&Syfte och mål")
        self.pages.addTab(self._personal(), "&Personal")
        self.pages.addTab(self._finansiering(), "&Finansiering")
        self.pages.addTab(self._styrgrupp(), "S&tyrgrupp")
        self.error = QLabel()
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #A61B1B")
        self.error.setAccessibleName("Fel")
        box = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        box.button(QDialogButtonBox.StandardButton.Ok).setText("Spara")
        box.button(QDialogButtonBox.StandardButton.Ok).setAccessibleName("Spara insatsen")
        box.button(QDialogButtonBox.StandardButton.Cancel).setText("Avbryt")
        box.accepted.connect(self.accept)
        box.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.pages, 1)
        layout.addWidget(self.error)
        layout.addWidget(box)

    # --- pages --------------------------------------------------------------------------------------------------
    def _line(self, text: str, name: str) -> QLineEdit:
        edit = QLineEdit(text)
        edit.setAccessibleName(name)
        return edit

    def _general(self, parents: Sequence[VerksamhetInsats]) -> QWidget:
        i = self.insats
        page = QWidget()
        form = QFormLayout(page)
        self.namn = self._line(i.namn, "Namn")
        self.typ = QComboBox()
        self.typ.setAccessibleName("Typ")
        for t in InsatsTyp:
            self.typ.addItem(t.label, t)
        self.typ.setCurrentIndex(max(0, self.typ.findData(i.typ)) if i.typ else 0)
        self.status = QComboBox()
        self.status.setAccessibleName("Status")
        for s in InsatsStatus:
            self.status.addItem(s.label, s)
        self.status.setCurrentIndex(self.status.findData(i.status))
        self.projektagare = self._line(i.projektagare, "Projektägare")
        self.huvudman = self._line(i.huvudman, "Huvudman")
        self.samverkansparter = self._line(i.samverkansparter, "Samverkansparter")
        self.start = self._line(i.start.isoformat() if i.start else "", "Start")
        self.slut = self._line(i.slut.isoformat() if i.slut else "", "Slut")
        for edit in (self.start, self.slut):
            edit.setPlaceholderText("ÅÅÅÅ-MM-DD (tomt: ingen)")
        self.parent_box = QComboBox()
        self.parent_box.setAccessibleName("Delprojekt i")
        self.parent_box.addItem("(ingen – en egen insats)", None)
        for p in parents:
            if p.id != i.id:
                self.parent_box.addItem(p.namn, p.id)
        self.parent_box.setCurrentIndex(max(0, self.parent_box.findData(i.parent_id)) if i.parent_id else 0)
        for label, widget in (
            ("&Namn", self.namn),
            ("T&yp", self.typ),
            ("Stat&us", self.status),
            ("Pro&jektägare", self.projektagare),
            ("&Huvudman", self.huvudman),
            ("Samverkansparte&r", self.samverkansparter),
            ("Sta&rt", self.start),
            ("S&lut", self.slut),
            ("&Delprojekt i", self.parent_box),
        ):
            form.addRow(label, widget)
        note = QLabel("Typen ”Stöd för samverkan” är en strukturell kostnad i budgeten (samverkansstöd).")
        note.setWordWrap(True)
        form.addRow(note)
        return page

    def _malgrupp(self) -> QWidget:
        m = self.insats.malgrupp
        page = QWidget()
        form = QFormLayout(page)
        self.alder_fran = _age_box("Ålder från")
        self.alder_till = _age_box("Ålder till")
        self.alder_fran.setValue(NO_AGE if m.alder_fran is None else m.alder_fran)
        self.alder_till.setValue(NO_AGE if m.alder_till is None else m.alder_till)
        ages = QHBoxLayout()
        ages.addWidget(self.alder_fran)
        ages.addWidget(QLabel("till"))
        ages.addWidget(self.alder_till)
        ages.addWidget(QLabel("år"))
        ages.addStretch(1)
        self.kommuner = QPlainTextEdit("\n".join(m.kommuner))
        self.kommuner.setAccessibleName("Boende i (en kommun per rad)")
        self.kommuner.setTabChangesFocus(True)
        self.kommuner.setMaximumHeight(90)
        self.grupper = QListWidget()
        self.grupper.setAccessibleName("Målgrupper")
        for g in (*MALGRUPPER, *(g for g in m.grupper if g not in MALGRUPPER)):
            item = QListWidgetItem(g)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if g in m.grupper else Qt.CheckState.Unchecked)
            self.grupper.addItem(item)
        self.malgrupp_text = self._line(m.text, "Målgrupp, fritext")
        label = QLabel("Å&lder")
        label.setBuddy(self.alder_fran)
        form.addRow(label, ages)
        form.addRow("&Boende i (en per rad)", self.kommuner)
        form.addRow("&Målgrupper (kryssa)", self.grupper)
        form.addRow("&Fritext", self.malgrupp_text)
        return page

    def _texts(self) -> QWidget:
        page = QWidget()
        form = QFormLayout(page)
        self.syfte = QPlainTextEdit(self.insats.syfte)
        self.syfte.setAccessibleName("Syfte")
        self.mal = QPlainTextEdit(self.insats.mal)
        self.mal.setAccessibleName("Mål")
        for edit in (self.syfte, self.mal):
            edit.setTabChangesFocus(True)
        form.addRow("S&yfte", self.syfte)
        form.addRow("&Mål", self.mal)
        note = QLabel("Tom rad mellan stycken, ”- ” först på raden för en punktlista, **fetstil** mellan stjärnor.")
        note.setWordWrap(True)
        form.addRow(note)
        return page

    def _personal(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        self.personal = RowsTable(
            ("Roll", "Organisation", "Antal", "Procent av heltid", "Notering"), "Personalresurser", "personalrad"
        )
        for p in self.insats.personal:
            self.personal.add_row((p.roll, p.organisation, str(p.antal), _decimal_text(p.procent), p.notering))
        self.fte_label = QLabel()
        self.fte_label.setAccessibleName("Summa årsarbetare")
        self.stated = self._line(_decimal_text(self.insats.stated_fte), "Angiven summa årsarbetare")
        self.stated.setPlaceholderText("tomt: ingen angiven summa")
        form = QFormLayout()
        form.addRow("Angiven s&umma årsarbetare (som i dokumentet)", self.stated)
        layout.addLayout(self.personal.bar)
        layout.addWidget(self.personal, 1)
        layout.addWidget(self.fte_label)
        layout.addLayout(form)
        self.personal.itemChanged.connect(lambda _i: self._update_fte())
        self.personal.model().rowsRemoved.connect(lambda *_a: self._update_fte())
        self._update_fte()
        return page

    def _update_fte(self) -> None:
        try:
            rows = self.personal_rows()
        except ValidationError as exc:
            self.fte_label.setText(f"Summa: –  ({exc})")
            return
        self.fte_label.setText(f"Summa: {format_fte(fte_total(rows))} årsarbetare")

    def _finansiering(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        medel = ", ".join(f"{y}: {format_kr(a)}" for y, a in self.insats.forbund_medel) or "inga ännu"
        own = QLabel(f"Förbundets beviljade medel (från Budget): {medel}.")
        own.setWordWrap(True)
        own.setAccessibleName("Förbundets beviljade medel")
        self.medfin = RowsTable(("År", "Finansiär (ESF/Annan)", "Namn", "Belopp, kr"), "Medfinansiering", "rad")
        for m in self.insats.medfinansiering:
            self.medfin.add_row((str(m.year), Finansiar(m.finansiar).label, m.namn, _decimal_text(m.amount)))
        layout.addWidget(own)
        layout.addWidget(QLabel("Medfinansiering (ESF eller annan), per år:"))
        layout.addLayout(self.medfin.bar)
        layout.addWidget(self.medfin, 1)
        return page

    def _styrgrupp(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        self.styrgrupp = RowsTable(("Namn", "Organisation", "Roll"), "Styrgrupp", "ledamot")
        for g in self.insats.styrgrupp:
            self.styrgrupp.add_row((g.namn, g.organisation, g.roll))
        layout.addLayout(self.styrgrupp.bar)
        layout.addWidget(self.styrgrupp, 1)
        return page

    # --- reading the form ---------------------------------------------------------------------------------------
    def personal_rows(self) -> tuple[Personalresurs, ...]:
        out = []
        for n, (roll, org, antal, procent, note) in self.personal.cells():
            field = f"Personal rad {n}"
            count = _number(antal or "1", field)
            if count != count.to_integral_value():
                raise ValidationError(f"antal personer ”{antal}” är inget heltal.", field)
            out.append(Personalresurs(roll, org, int(count), _number(procent or "0", field), note))
        return tuple(out)

    def _medfinansiering(self) -> tuple[Medfinansiering, ...]:
        out = []
        for n, (year, kind, namn, amount) in self.medfin.cells():
            field = f"Finansiering rad {n}"
            y = _number(year, field)
            k = kind.strip().lower()
            if k in ("esf", "esf-medel"):
                finansiar = Finansiar.ESF
            elif k in ("annan", "annan medfinansiering", "medfinansiering", ""):
                finansiar = Finansiar.ANNAN
            else:
                raise ValidationError(f"finansiären ”{kind}” är varken ESF eller Annan.", field)
            out.append(Medfinansiering(int(y), finansiar, _number(amount or "0", field), namn))
        return tuple(out)

    def value(self) -> VerksamhetInsats:
        def age(box: QSpinBox) -> int | None:
            return None if box.value() == NO_AGE else box.value()

        grupper = tuple(
            self.grupper.item(r).text()
            for r in range(self.grupper.count())
            if self.grupper.item(r).checkState() == Qt.CheckState.Checked
        )
        stated = self.stated.text().strip()
        return replace(
            self.insats,
            namn=self.namn.text(),
            typ=self.typ.currentData(),
            status=self.status.currentData(),
            parent_id=self.parent_box.currentData(),
            projektagare=self.projektagare.text(),
            huvudman=self.huvudman.text(),
            samverkansparter=self.samverkansparter.text(),
            start=_date(self.start.text(), "Start"),
            slut=_date(self.slut.text(), "Slut"),
            malgrupp=Malgrupp(
                age(self.alder_fran),
                age(self.alder_till),
                tuple(k.strip() for k in self.kommuner.toPlainText().split("\n") if k.strip()),
                grupper,
                self.malgrupp_text.text(),
            ),
            syfte=self.syfte.toPlainText(),
            mal=self.mal.toPlainText(),
            personal=self.personal_rows(),
            medfinansiering=self._medfinansiering(),
            stated_fte=_number(stated, "Angiven summa årsarbetare") if stated else None,
            styrgrupp=tuple(Styrgruppsledamot(*cells) for _n, cells in self.styrgrupp.cells()),
        )

    def accept(self) -> None:
        try:
            self.submit(self.value())
        except FinsamError as exc:
            self.error.setText(str(exc))
            return
        super().accept()
