"""The Mål och indikatorer dialogs: a new goal from a standard indicator (for the förbund or an insats, with its
target value and period), and a measurement at a report date (a value, or for a share the counts it is computed
from – the percentage is shown as it is typed). Bad input is shown in the dialog; it stays open."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from finsam_desktop.domain.common.errors import FinsamError, ValidationError
from finsam_desktop.domain.verksamhet.indicators import (
    Goal,
    Measurement,
    Period,
    StandardIndicator,
    format_value,
    parse_value,
    share_percent,
)
from finsam_desktop.services.verksamhet.dto import VerksamhetInsats
from finsam_desktop.ui.widgets.date_edit import IsoDateEdit


class _Dialog(QDialog):
    def __init__(self, title: str, ok_text: str, parent: QWidget | None):
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setMinimumWidth(560)
        self.form = QFormLayout()
        self.error = QLabel()
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #A61B1B")
        self.error.setAccessibleName("Fel")
        box = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        box.button(QDialogButtonBox.StandardButton.Ok).setText(ok_text)
        box.button(QDialogButtonBox.StandardButton.Ok).setAccessibleName(ok_text)
        box.button(QDialogButtonBox.StandardButton.Cancel).setText("Avbryt")
        box.accepted.connect(self.accept)
        box.rejected.connect(self.reject)
        self.layout_ = QVBoxLayout(self)
        self.layout_.addLayout(self.form)
        self.layout_.addWidget(self.error)
        self.layout_.addWidget(box)

    def _submit(self) -> None:  # pragma: no cover - overridden
        raise NotImplementedError

    def accept(self) -> None:
        try:
            self._submit()
        except FinsamError as exc:
            self.error.setText(str(exc))
            return
        super().accept()


class GoalDialog(_Dialog):
    """``submit(goal)`` saves a goal built from the chosen standard indicator."""

    def __init__(
        self,
        indicators: Sequence[StandardIndicator],
        insatser: Sequence[VerksamhetInsats],
        year: int,
        make_goal: Callable[[str, object, Period, int | None], Goal],
        submit: Callable[[Goal], object],
        insats_id: int | None = None,
        parent: QWidget | None = None,
    ):
        super().__init__("Nytt mål från standardindikator", "Lägg till mål", parent)
        self.make_goal, self.submit = make_goal, submit
        self.indicator = QComboBox()
        self.indicator.setAccessibleName("Standardindikator")
        for ind in indicators:
            self.indicator.addItem(ind.namn, ind)
            self.indicator.setItemData(self.indicator.count() - 1, ind.matning, 3)  # tooltip: how it is measured
        self.level = QComboBox()
        self.level.setAccessibleName("Mål för")
        self.level.addItem("Förbundet", None)
        for i in insatser:
            self.level.addItem(i.namn, i.id)
        self.level.setCurrentIndex(max(0, self.level.findData(insats_id)) if insats_id else 0)
        self.target = QLineEdit()
        self.target.setAccessibleName("Målvärde")
        self.year = QSpinBox()
        self.year.setRange(2000, 2100)
        self.year.setValue(year)
        self.year.setAccessibleName("År")
        self.about = QLabel()
        self.about.setWordWrap(True)
        self.about.setAccessibleName("Om indikatorn")
        self.form.addRow("&Indikator", self.indicator)
        self.form.addRow("Mål &för", self.level)
        self.form.addRow("&Målvärde", self.target)
        self.form.addRow("&År", self.year)
        self.layout_.insertWidget(1, self.about)
        self.indicator.currentIndexChanged.connect(lambda _i: self._describe())
        self._describe()

    def _describe(self) -> None:
        ind: StandardIndicator = self.indicator.currentData()
        if ind is None:
            return
        unit = "procent, räknas ur antal" if ind.andel else ind.enhet.value
        self.about.setText(
            f"Mäts: {ind.matning}. Enhet: {unit}. Jämförelse: {ind.jamforelse.sign.strip() or '='} ({ind.jamforelse.value.replace('hogst', 'högst')})"
        )
        self.target.setPlaceholderText("t.ex. 30" if ind.andel else "t.ex. 240")

    def _submit(self) -> None:
        ind: StandardIndicator = self.indicator.currentData()
        if ind is None:
            raise ValidationError("välj en standardindikator.", "Indikator")
        if not self.target.text().strip():
            raise ValidationError("ange ett målvärde.", "Målvärde")
        value = parse_value(self.target.text(), "Målvärde")
        self.submit(self.make_goal(ind.kod, value, Period.year(self.year.value()), self.level.currentData()))


def _count(text: str, field: str) -> int | None:
    if not text.strip():
        return None
    value = parse_value(text, field)
    if value != value.to_integral_value():
        raise ValidationError(f"”{text.strip()}” är inget heltal.", field)
    return int(value)


class MeasurementDialog(_Dialog):
    """``submit(measurement)`` stores the value at the report date (a value already there is replaced)."""

    def __init__(self, goal: Goal, per: date, submit: Callable[[Measurement], object], parent: QWidget | None = None):
        super().__init__(f"Registrera utfall – {goal.namn[:60]}", "Spara utfall", parent)
        self.goal, self.submit = goal, submit
        self.per = IsoDateEdit(per)
        self.per.setAccessibleName("Uppmätt per")
        self.taljare = QLineEdit()
        self.taljare.setAccessibleName("Antal (täljare)")
        self.namnare = QLineEdit()
        self.namnare.setAccessibleName("Antal (nämnare)")
        self.varde = QLineEdit()
        self.varde.setAccessibleName("Värde")
        self.kommentar = QLineEdit()
        self.kommentar.setAccessibleName("Kommentar")
        self.computed = QLabel()
        self.computed.setAccessibleName("Beräknad andel")
        self.form.addRow("Uppmätt &per", self.per)
        if goal.andel:
            self.taljare.setPlaceholderText("t.ex. 14 som avslutats till arbete eller studier")
            self.namnare.setPlaceholderText("t.ex. 52 avslutade")
            self.form.addRow("Antal (&täljare)", self.taljare)
            self.form.addRow("Antal (&nämnare)", self.namnare)
            self.form.addRow("Andel", self.computed)
            self.varde.setPlaceholderText("tomt: räknas ur antalen; ifyllt kontrolleras det mot dem")
            self.form.addRow("Angiven andel (%)", self.varde)
        else:
            self.form.addRow("&Värde", self.varde)
        self.form.addRow("&Kommentar", self.kommentar)
        for edit in (self.taljare, self.namnare):
            edit.textChanged.connect(lambda _t: self._compute())
        self._compute()

    def _compute(self) -> None:
        try:
            share = share_percent(_count(self.taljare.text(), "Täljare"), _count(self.namnare.text(), "Nämnare"))
        except ValidationError:
            share = None
        self.computed.setText("–" if share is None else f"{format_value(share)} %")

    def value(self) -> Measurement:
        varde = parse_value(self.varde.text(), "Värde") if self.varde.text().strip() else None
        return Measurement(
            self.per.value(),
            varde,
            _count(self.taljare.text(), "Antal (täljare)"),
            _count(self.namnare.text(), "Antal (nämnare)"),
            self.kommentar.text().strip(),
        )

    def _submit(self) -> None:
        self.submit(self.value())
