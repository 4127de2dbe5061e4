"""Dialogs of the budget follow-up's inputs: a line's periodisation profile, and the sign convention of an utfall
file chosen before it is imported."""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from finsam_desktop.domain.budget.periodisation import Profile, ProfileKind, cumulative_share, parse_profile
from finsam_desktop.domain.budget.utfall_batches import SignConvention
from finsam_desktop.domain.common.dates import SWEDISH_MONTHS
from finsam_desktop.domain.common.errors import ValidationError
from finsam_desktop.ui.budget.dialogs import FormDialog

PRESETS = (
    (ProfileKind.JAMNT, "Jämnt (1/12 per månad)"),
    (ProfileKind.FOREGAENDE, "Som föregående års utfall"),
    (ProfileKind.KVARTAL_FORSKOTT, "Kvartalsvis i förskott (t.ex. lokalhyra)"),
    (ProfileKind.KVARTAL_EFTERSKOTT, "Kvartalsvis i efterskott"),
    (ProfileKind.MANADER, "Lika delar i vissa månader (t.ex. arvoden per sammanträdesmånad)"),
    (ProfileKind.PROCENT, "Egna månadsprocent"),
)


class PeriodisationDialog(FormDialog):
    """Choose how a line's budget is spread over the year; shows the cumulative share month by month."""

    def __init__(self, namn: str, kod: str, current: Profile, parent: QWidget | None = None):
        super().__init__(
            f"Periodisering – {namn}",
            parent,
            "Uppföljningen jämför utfallet med den periodiserade budgeten: så stor del av helårsbudgeten som "
            "väntas vara förbrukad vid periodens slut.",
        )
        self.setMinimumWidth(600)
        self.kind = QComboBox()
        self.kind.setAccessibleName("Periodisering")
        for kind, label in PRESETS:
            self.kind.addItem(label, kind)
        self.form.addRow("Periodisering", self.kind)
        self.values = QLineEdit()
        self.values.setAccessibleName("Månader eller procent")
        self.form.addRow("Månader / procent", self.values)
        self.preview = QLabel()
        self.preview.setWordWrap(True)
        self.preview.setAccessibleName("Förhandsvisning av periodiseringen")
        self.form.addRow("Ackumulerat", self.preview)
        idx = next((i for i, (k, _l) in enumerate(PRESETS) if k is current.kind), 0)
        self.kind.setCurrentIndex(idx)
        if current.kind in (ProfileKind.MANADER, ProfileKind.PROCENT):
            self.values.setText(current.text().partition(":")[2].strip())
        self.kind.currentIndexChanged.connect(lambda _i: self._update())
        self.values.textChanged.connect(lambda _t: self._update())
        self._update()

    def _text(self) -> str:
        kind = ProfileKind(self.kind.currentData())
        if kind in (ProfileKind.MANADER, ProfileKind.PROCENT):
            return f"{kind.value}: {self.values.text()}"
        return kind.value

    def _update(self) -> None:
        kind = ProfileKind(self.kind.currentData())
        needs_values = kind in (ProfileKind.MANADER, ProfileKind.PROCENT)
        self.values.setEnabled(needs_values)
        self.values.setPlaceholderText(
            "t.ex. 2, 4, 6, 9, 11 eller feb, apr, jun"
            if kind is ProfileKind.MANADER
            else "tolv procentsatser som summerar till 100, t.ex. 10; 8; 8; …"
            if kind is ProfileKind.PROCENT
            else ""
        )
        try:
            profile = parse_profile(self._text())
        except ValidationError as exc:
            self.preview.setText(exc.message if needs_values and self.values.text().strip() else "")
            return
        if profile.kind is ProfileKind.FOREGAENDE:
            self.preview.setText("Följer föregående års utfall för raden, månad för månad.")
            return
        parts = []
        for m in (3, 4, 6, 8, 12):
            num, den = cumulative_share(profile, m)
            parts.append(f"{SWEDISH_MONTHS[m - 1][:3]} {(num * 100 / den).quantize(Decimal('1'))} %")
        self.preview.setText(", ".join(parts))

    def collect(self) -> Profile:
        return parse_profile(self._text())


class SignDialog(FormDialog):
    """How the file signs its amounts: BAS (income negative) or as in the budget (all positive)."""

    def __init__(self, filename: str, current: SignConvention, parent: QWidget | None = None):
        super().__init__(
            "Importera utfall – teckenkonvention",
            parent,
            f"Hur är beloppen i {filename} tecknade? Exporter från ekonomisystem och SIE-filer brukar vara "
            "BAS-tecknade: intäkter negativa (kredit) och kostnader positiva (debet). Valet sparas till nästa import.",
        )
        self.group = QButtonGroup(self)
        box = QWidget()
        lay = QVBoxLayout(box)
        lay.setContentsMargins(0, 0, 0, 0)
        self.bas = QRadioButton("BAS-tecknad: intäkter negativa, kostnader positiva")
        self.bas.setAccessibleName("Teckenkonvention BAS (intäkter negativa)")
        self.budget = QRadioButton("Som i budgeten: alla belopp positiva")
        self.budget.setAccessibleName("Teckenkonvention som i budgeten (alla positiva)")
        for b in (self.bas, self.budget):
            self.group.addButton(b)
            lay.addWidget(b)
        (self.bas if current is SignConvention.BAS else self.budget).setChecked(True)
        self.form.addRow("Tecken", box)
        ok = self.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok)
        ok.setText("Importera")

    def collect(self) -> SignConvention:
        return SignConvention.BAS if self.bas.isChecked() else SignConvention.BUDGET
