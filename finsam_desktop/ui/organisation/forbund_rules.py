"""The Förbundet dialog's "Enligt förbundsordningen": the deadlines (kallelse, justering, anslag, överklagandetid)
and the beslutförhet rule, with a button for the standard values."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QFormLayout, QGroupBox, QPushButton, QSpinBox

from finsam_desktop.domain.organisation.model import Beslutforhet, ForbundSettings
from finsam_desktop.ui.organisation.record_table import hint


class RulesBox(QGroupBox):
    """The settings the förbundsordning decides."""

    def __init__(self):
        super().__init__("Enligt förbundsordningen")
        rform = QFormLayout(self)
        rform.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.FieldsStayAtSizeHint)
        self.kallelse = self._spin(
            0,
            60,
            " dagar före sammanträdet",
            "Hur många dagar före sammanträdet kallelsen ska skickas (förbundsordningen/arbetsordningen).",
        )
        self.justering = self._spin(
            1,
            60,
            " dagar efter sammanträdet",
            "Protokollet ska justeras senast 14 dagar efter sammanträdet (KL 5:69 och 6:35).",
        )
        self.anslag = self._spin(
            0,
            30,
            " dagar efter justeringen",
            "Justeringen ska tillkännages på anslagstavlan senast andra dagen efter justeringen (KL 8:12).",
        )
        self.overklagande = self._spin(
            1,
            12,
            " veckor efter anslaget",
            "Överklagandetid: tre veckor från tillkännagivandet på anslagstavlan (KL 13:5).",
        )
        rform.addRow("&Kallelse skickas:", self.kallelse)
        rform.addRow("&Justering senast:", self.justering)
        rform.addRow("Ans&lag senast:", self.anslag)
        rform.addRow("Ö&verklagandetid:", self.overklagande)
        self.beslutforhet = QComboBox()
        self.beslutforhet.setObjectName("beslutforhet")
        for rule in Beslutforhet:
            self.beslutforhet.addItem(rule.label, rule)
        self.beslutforhet.setToolTip(
            "Hur många ledamöter som måste delta för att styrelsen ska vara beslutför. Kommunallagen "
            "(6 kap. 27 §) kräver mer än hälften för en nämnd; välj ”minst hälften” bara om "
            "förbundsordningen säger så."
        )
        rform.addRow("&Beslutförhet:", self.beslutforhet)
        rform.addRow(
            "",
            hint(
                "Kommunallagen (6 kap. 27 §) kräver mer än hälften; välj ”minst hälften” bara om förbundsordningen säger så.",
                wrap=False,
            ),
        )
        self.defaults_button = QPushButton("Standar&dvärden (7, 14, 2, 3, mer än hälften)")
        self.defaults_button.clicked.connect(lambda: self.load(ForbundSettings()))
        rform.addRow("", self.defaults_button)

    @staticmethod
    def _spin(low: int, high: int, suffix: str, tip: str) -> QSpinBox:
        spin = QSpinBox()
        spin.setRange(low, high)
        spin.setSuffix(suffix)
        spin.setToolTip(tip)
        spin.setMinimumWidth(260)
        return spin

    @property
    def spins(self) -> tuple[QSpinBox, ...]:
        return (self.kallelse, self.justering, self.anslag, self.overklagande)

    def _set_rule(self, rule: Beslutforhet) -> None:
        self.beslutforhet.setCurrentIndex(max(0, self.beslutforhet.findData(Beslutforhet(rule))))

    def _rule(self) -> Beslutforhet:
        data = self.beslutforhet.currentData()
        return Beslutforhet(data) if data is not None else Beslutforhet.MER_AN_HALFTEN

    def load(self, st: ForbundSettings) -> None:
        self.kallelse.setValue(st.kallelse_dagar)
        self.justering.setValue(st.justering_dagar)
        self.anslag.setValue(st.anslag_dagar)
        self.overklagande.setValue(st.overklagande_veckor)
        self._set_rule(st.beslutforhet)

    def value(self) -> ForbundSettings:
        return ForbundSettings(
            self.kallelse.value(),
            self.justering.value(),
            self.anslag.value(),
            self.overklagande.value(),
            self._rule(),
        )

    def set_editable(self, editable: bool) -> None:
        for spin in self.spins:
            spin.setReadOnly(not editable)
            spin.setButtonSymbols(QSpinBox.ButtonSymbols.UpDownArrows if editable else QSpinBox.ButtonSymbols.NoButtons)
        self.beslutforhet.setEnabled(editable)
        self.defaults_button.setEnabled(editable)
