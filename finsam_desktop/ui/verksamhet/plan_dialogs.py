"""The Verksamhetsplan page's dialogs: a new plan (template, or a copy of last year's plan), a new section (heading,
level, what it shows) and the adoption at a styrelse §. Bad input is shown in the dialog, which stays open."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from finsam_desktop.domain.common.errors import FinsamError
from finsam_desktop.domain.verksamhet.plan import SectionKind, Template

PLACEHOLDERS = "{ar}, {ar1} och {ar2} blir planåren och {forbund} förbundets namn när planen visas."


class _Dialog(QDialog):
    """A form, an error line and OK/Avbryt; ``_submit`` runs on OK and a ``FinsamError`` keeps the dialog open."""

    def __init__(self, title: str, ok_text: str, parent: QWidget | None):
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setMinimumWidth(600)
        self.form = QFormLayout()
        self.note = QLabel()
        self.note.setWordWrap(True)
        self.error = QLabel()
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #A61B1B")
        self.error.setAccessibleName("Fel")
        self.box = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.ok = self.box.button(QDialogButtonBox.StandardButton.Ok)
        self.ok.setText(ok_text)
        self.ok.setAccessibleName(ok_text.replace("&", ""))
        self.box.button(QDialogButtonBox.StandardButton.Cancel).setText("Avbryt")
        self.box.accepted.connect(self.accept)
        self.box.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addWidget(self.note)
        layout.addWidget(self.error)
        layout.addWidget(self.box)

    def _submit(self) -> None:  # pragma: no cover - overridden
        raise NotImplementedError

    def accept(self) -> None:
        try:
            self._submit()
        except FinsamError as exc:
            self.error.setText(str(exc))
            return
        super().accept()


class CreatePlanDialog(_Dialog):
    """``submit(mall, copy_previous)`` creates the plan of ``year``."""

    def __init__(
        self, year: int, previous: int | None, submit: Callable[[Template, bool], object], parent: QWidget | None
    ):
        super().__init__(f"Skapa verksamhetsplan {year}", "Skapa", parent)
        self._submit_fn = submit
        self.mall = QComboBox()
        self.mall.setAccessibleName("Mall")
        for t in Template:
            self.mall.addItem(t.label, t)
        self.form.addRow("&Mall", self.mall)
        self.copy = QCheckBox(f"&Kopiera förra årets plan ({previous})" if previous else "&Kopiera förra årets plan")
        self.copy.setAccessibleName("Kopiera förra årets plan")
        self.copy.setChecked(previous is not None)
        self.copy.setEnabled(previous is not None)
        self.form.addRow("", self.copy)
        self.copy.toggled.connect(self._update)
        self._previous = previous
        self._year = year
        self._update()

    def _update(self) -> None:
        copying = self.copy.isChecked()
        self.mall.setEnabled(not copying)
        if copying:
            text = (
                f"Planen {self._year} blir en kopia av planen {self._previous}: samma avsnitt, texter och "
                "aktivitetsrader (rubrikerna följer det nya året). Insatser, mål, budget, årshjul och riskanalys "
                "hämtas för det nya året."
            )
        elif self._previous is None:
            text = (
                f"Det finns ingen plan för {self._year - 1} att kopiera. Mallens avsnitt fylls i med förslag "
                "från data (insatser, mål, budget, årshjul och riskanalys); texterna kan sedan skrivas om."
            )
        else:
            text = "Mallens avsnitt fylls i med förslag från data; texterna kan sedan skrivas om."
        self.note.setText(text)

    def _submit(self) -> None:
        self._submit_fn(self.mall.currentData(), self.copy.isChecked())


class NewSectionDialog(_Dialog):
    """``submit(heading, level, kind)`` adds a section after ``after`` (its heading as shown)."""

    def __init__(self, after: str, submit: Callable[[str, int, SectionKind], object], parent: QWidget | None):
        super().__init__("Nytt avsnitt", "Lägg till", parent)
        self._submit_fn = submit
        self.heading = QLineEdit()
        self.heading.setAccessibleName("Rubrik")
        self.heading.setToolTip(PLACEHOLDERS)
        self.level = QComboBox()
        self.level.setAccessibleName("Nivå")
        self.level.addItem("Underavsnitt (t.ex. 3.1)", 2)
        self.level.addItem("Avsnitt (t.ex. 3)", 1)
        self.kind = QComboBox()
        self.kind.setAccessibleName("Innehåll")
        for k in SectionKind:
            self.kind.addItem(k.label, k)
        self.form.addRow("&Rubrik", self.heading)
        self.form.addRow("&Nivå", self.level)
        self.form.addRow("&Innehåll", self.kind)
        self.note.setText(f"Avsnittet placeras efter ”{after}”. {PLACEHOLDERS}")

    def _submit(self) -> None:
        self._submit_fn(self.heading.text(), self.level.currentData(), self.kind.currentData())


class PlanAdoptDialog(_Dialog):
    """Anta: the styrelse § at which the plan of ``year`` is antagen (the § naming the plan is suggested)."""

    def __init__(self, year: int, paragraphs: list[tuple[int, str]], parent: QWidget | None):
        super().__init__(f"Anta verksamhetsplanen {year}", "Anta", parent)
        self.paragraph = QComboBox()
        self.paragraph.setAccessibleName("Antagen vid paragraf")
        self.paragraph.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.paragraph.setMinimumContentsLength(50)
        for item_id, text in paragraphs:
            self.paragraph.addItem(text, item_id)
        texts = [text.lower() for _id, text in paragraphs]
        named = [i for i, t in enumerate(texts) if "verksamhetsplan" in t]
        this_year = [i for i in named if str(year) in texts[i]]
        if paragraphs:
            self.paragraph.setCurrentIndex((this_year or named or [0])[0])
        self.form.addRow("Antagen vid &§", self.paragraph)
        self.note.setText(
            "När planen antas skapas PDF-filen och lagras som den antagna planen; därefter kan planen inte ändras "
            "(nästa års plan görs som en kopia). Det går inte att ångra."
            if paragraphs
            else f"Det finns inget styrelsesammanträde till och med {year}-12-31 med paragrafer. Lägg till det under "
            "fliken Sammanträden."
        )
        self.ok.setEnabled(bool(paragraphs))
        self.paragraph.currentTextChanged.connect(self.paragraph.setToolTip)
        self.paragraph.setToolTip(self.paragraph.currentText())
        self.setMinimumWidth(820)
        self.adjustSize()

    def item_id(self) -> int | None:
        return self.paragraph.currentData()

    def _submit(self) -> None:
        pass
