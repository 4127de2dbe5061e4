"""Dialogs of the Budget tab. They collect and validate input; the tab calls the services."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import date
from decimal import Decimal

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from finsam_desktop import clock
from finsam_desktop.domain.budget.insatser import PAYOUT_RULE_LABELS, InsatsStatus, PayoutRule
from finsam_desktop.domain.budget.lines import (
    LINE_CLASS_LABELS,
    MEASURE_LABELS,
    Line,
    LineClass,
    LineFollowup,
    Measure,
    Scope,
    Section,
    SectionKind,
    StatedTotal,
)
from finsam_desktop.domain.budget.presentation import Unit
from finsam_desktop.domain.common.dates import parse_date
from finsam_desktop.domain.common.errors import ValidationError
from finsam_desktop.domain.common.money import format_number, parse_amount
from finsam_desktop.services.budget.dto import AgendaChoice, Insats


def amount_text(value: Decimal | None) -> str:
    if value is None:
        return ""
    return format_number(value, 0 if value == value.to_integral_value() else 2)


def parse_optional_amount(text: str, field: str, unit: Unit = Unit.KR) -> Decimal | None:
    """A typed amount (in ``unit``: kr or tkr) as kronor; ``None`` when blank."""
    text = text.strip()
    return None if not text else unit.to_kr(parse_amount(text, field))


def unit_text(value: Decimal | None, unit: Unit = Unit.KR) -> str:
    """An amount in kronor as it is typed in ``unit``, exactly (1 234 567,89 kr → ``1 234,56789`` tkr), so that
    saving an unchanged form never rounds it."""
    if value is None:
        return ""
    shown = unit.from_kr(value)
    return format_number(shown, max(0, -shown.normalize().as_tuple().exponent))


class FormDialog(QDialog):
    """A form with OK/Avbryt; ``collect()`` returns the value or raises ValidationError."""

    def __init__(self, title: str, parent: QWidget | None = None, intro: str = ""):
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setMinimumWidth(460)
        layout = QVBoxLayout(self)
        if intro:
            label = QLabel(intro)
            label.setWordWrap(True)
            layout.addWidget(label)
        self.form = QFormLayout()
        layout.addLayout(self.form)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Spara")
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("Avbryt")
        buttons.accepted.connect(self._on_accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.value = None

    def line(self, label: str, text: str = "", placeholder: str = "") -> QLineEdit:
        edit = QLineEdit(text)
        edit.setPlaceholderText(placeholder)
        self.form.addRow(label, edit)
        return edit

    def date_edit(self, label: str, value: date | None) -> QLineEdit:
        return self.line(label, value.isoformat() if value else "", "ÅÅÅÅ-MM-DD (tomt = inte ännu)")

    def collect(self):  # pragma: no cover - overridden
        raise NotImplementedError

    def _on_accept(self) -> None:
        try:
            self.value = self.collect()
        except ValidationError as exc:
            QMessageBox.warning(self, "Kontrollera uppgifterna", str(exc))
            return
        self.accept()


def optional_date(edit: QLineEdit, field: str) -> date | None:
    text = edit.text().strip()
    return parse_date(text, field) if text else None


class FollowupEntryDialog(FormDialog):
    """Utfall (or a note instead), prognos override and helårsprognos for one line."""

    def __init__(
        self,
        namn: str,
        entry: LineFollowup,
        default_prognos: Decimal | None,
        budget: Decimal | None,
        per: date,
        parent=None,
        unit: Unit = Unit.KR,
    ):
        self.unit = unit
        super().__init__(
            f"Uppföljning per {per.isoformat()}: {namn}",
            parent,
            "Lämna utfall tomt om det inte är känt ännu (det räknas inte som noll). "
            "Tom prognos = den periodiserade budgeten (jämnt eller radens periodisering).",
        )
        self.entry = entry
        u = unit.value
        self.utfall = self.line(f"Utfall ({u})", unit_text(entry.utfall, unit))
        self.note = self.line("Notering i stället för belopp", entry.utfall_note, "t.ex. Faktureras per kvartal")
        self.prognos = self.line(
            f"Prognos per {per.isoformat()} ({u})",
            unit_text(entry.prognos, unit),
            f"standard {unit_text(default_prognos, unit)}",
        )
        self.prognos_comment = self.line("Kommentar till prognosen", entry.prognos_comment)
        self.helar = self.line(
            f"Helårsprognos ({u})", unit_text(entry.helar, unit), f"standard = budget {unit_text(budget, unit)}"
        )
        self.helar_comment = self.line("Kommentar till helårsprognosen", entry.helar_comment)

    def collect(self) -> LineFollowup:
        value = LineFollowup(
            self.entry.kod,
            parse_optional_amount(self.utfall.text(), "Utfall", self.unit),
            self.note.text().strip(),
            parse_optional_amount(self.prognos.text(), "Prognos", self.unit),
            self.prognos_comment.text().strip(),
            parse_optional_amount(self.helar.text(), "Helårsprognos", self.unit),
            self.helar_comment.text().strip(),
        )
        if value.prognos is not None and not value.prognos_comment:
            raise ValidationError("skriv varför prognosen avviker från budgeten.", "Kommentar till prognosen")
        if value.helar is not None and not value.helar_comment:
            raise ValidationError(
                "skriv varför helårsprognosen avviker från budgeten.", "Kommentar till helårsprognosen"
            )
        return value


class LineDialog(FormDialog):
    def __init__(
        self,
        line: Line,
        sections: Sequence[Section],
        lines: Sequence[Line],
        year: int,
        insatser: Sequence[Insats] = (),
        parent=None,
        unit: Unit = Unit.KR,
    ):
        self.unit = unit
        super().__init__("Budgetrad" if line.id else "Ny budgetrad", parent)
        self.original = line
        self.section = QComboBox()
        for s in sections:
            self.section.addItem(f"{s.namn} ({s.kind.label.lower()})", s.id)
        self.section.setCurrentIndex(max(0, self.section.findData(line.section_id)))
        self.form.addRow("Avsnitt", self.section)
        self.parent_combo = QComboBox()
        self.parent_combo.addItem("– (egen rad)", None)
        for x in lines:
            if x.parent_id is None and x.id != line.id:
                self.parent_combo.addItem(f"{x.kod} {x.namn}", x.id)
        self.parent_combo.setCurrentIndex(max(0, self.parent_combo.findData(line.parent_id)))
        self.form.addRow("Varav-rad till", self.parent_combo)
        self.kod = self.line("Kod", line.kod, "kort kod som kontokopplingen pekar på")
        self.namn = self.line("Benämning", line.namn)
        self.klass = QComboBox()
        self.klass.addItem("Avsnittets klass", None)
        for cls, label in LINE_CLASS_LABELS.items():
            self.klass.addItem(label, cls.value)
        self.klass.setCurrentIndex(max(0, self.klass.findData(line.line_class.value if line.line_class else None)))
        self.form.addRow("Klass", self.klass)
        self._year = year
        self.budget = self.line(f"Budget {year} ({unit.value})", unit_text(line.budget, unit))
        self.plan1 = self.line(f"Plan {year + 1} ({unit.value})", unit_text(line.plan1, unit))
        self.plan2 = self.line(f"Plan {year + 2} ({unit.value})", unit_text(line.plan2, unit))
        self.insats = QComboBox()
        self.insats.addItem("–", None)
        for i in insatser:
            self.insats.addItem(i.namn, i.id)
        self.insats.setCurrentIndex(max(0, self.insats.findData(line.insats_id)))
        self.form.addRow("Insats", self.insats)
        self.note = self.line("Anteckning", line.note)

    def collect(self) -> Line:
        klass = self.klass.currentData()
        return replace(
            self.original,
            section_id=self.section.currentData(),
            parent_id=self.parent_combo.currentData(),
            kod=self.kod.text().strip(),
            namn=self.namn.text().strip(),
            line_class=LineClass(klass) if klass else None,
            budget=parse_optional_amount(self.budget.text(), f"Budget {self._year}", self.unit),
            plan1=parse_optional_amount(self.plan1.text(), f"Plan {self._year + 1}", self.unit),
            plan2=parse_optional_amount(self.plan2.text(), f"Plan {self._year + 2}", self.unit),
            insats_id=self.insats.currentData(),
            note=self.note.text().strip(),
        )


class SectionDialog(FormDialog):
    """A group of lines (avsnitt): intäkter or kostnader, with the class its lines get by default."""

    def __init__(self, section: Section, parent=None):
        super().__init__("Avsnitt" if section.id else "Nytt avsnitt", parent)
        self.original = section
        self.namn = self.line("Namn", section.namn, "t.ex. Strukturella insatser")
        self.kind = QComboBox()
        for kind in SectionKind:
            self.kind.addItem(kind.label, kind.value)
        self.kind.setCurrentIndex(max(0, self.kind.findData(section.kind.value)))
        self.form.addRow("Slag", self.kind)
        self.klass = QComboBox()
        self.klass.addItem("–", None)
        for cls, label in LINE_CLASS_LABELS.items():
            self.klass.addItem(label, cls.value)
        self.klass.setCurrentIndex(
            max(0, self.klass.findData(section.default_class.value if section.default_class else None))
        )
        self.form.addRow("Radernas klass", self.klass)

    def collect(self) -> Section:
        if not self.namn.text().strip():
            raise ValidationError("får inte vara tomt.", "Namn")
        klass = self.klass.currentData()
        kind = SectionKind(self.kind.currentData())
        if kind is SectionKind.KOSTNAD and klass is None:
            raise ValidationError(
                "välj om kostnaderna är administration, strukturella eller individinriktade.", "Radernas klass"
            )
        return replace(
            self.original, namn=self.namn.text().strip(), kind=kind, default_class=LineClass(klass) if klass else None
        )


class AdoptDialog(FormDialog):
    def __init__(self, choices: Sequence[AgendaChoice], parent=None):
        super().__init__(
            "Fastställ budget",
            parent,
            "En fastställd budget kan inte ändras; ändringar görs som en reviderad version.\n"
            "Fastställandet är ett beslut och kan inte ångras med Ångra (Ctrl+Z).",
        )
        self.paragraph = QComboBox()
        self.paragraph.addItem("– ange paragrafen som text nedan –", None)
        for c in choices:
            self.paragraph.addItem(c.label, c.id)
        self.form.addRow("Beslut vid §", self.paragraph)
        self.text = self.line("Beslut (text)", "", "t.ex. § 138, styrelsen 2026-11-27")
        self.datum = self.line("Fastställd den", clock.today().isoformat())

    def collect(self) -> tuple[date, int | None, str]:
        return parse_date(self.datum.text(), "Fastställd den"), self.paragraph.currentData(), self.text.text().strip()


class InsatsDialog(FormDialog):
    def __init__(self, insats: Insats, parent=None):
        super().__init__("Insats" if insats.id else "Ny insats", parent)
        self.original = insats
        self.namn = self.line("Namn", insats.namn)
        self.huvudman = self.line("Huvudman/sökande", insats.huvudman)
        self.parter = self.line("Samverkansparter", insats.samverkansparter)
        self.start = self.date_edit("Start", insats.start)
        self.slut = self.date_edit("Slut", insats.slut)
        self.klass = QComboBox()
        for cls, label in LINE_CLASS_LABELS.items():
            self.klass.addItem(label, cls.value)
        self.klass.setCurrentIndex(max(0, self.klass.findData(insats.line_class.value)))
        self.form.addRow("Klass", self.klass)
        self.kod = self.line("Budgetrad (kod)", insats.budget_kod)
        self.status = QComboBox()
        for st in InsatsStatus:
            self.status.addItem(st.label, st.value)
        self.status.setCurrentIndex(max(0, self.status.findData(insats.status.value)))
        self.form.addRow("Status", self.status)
        self.beskrivning = QPlainTextEdit(insats.beskrivning)
        self.beskrivning.setFixedHeight(70)
        self.form.addRow("Beskrivning", self.beskrivning)

    def collect(self) -> Insats:
        if not self.namn.text().strip():
            raise ValidationError("får inte vara tomt.", "Namn")
        return replace(
            self.original,
            namn=self.namn.text().strip(),
            huvudman=self.huvudman.text().strip(),
            samverkansparter=self.parter.text().strip(),
            start=optional_date(self.start, "Start"),
            slut=optional_date(self.slut, "Slut"),
            line_class=LineClass(self.klass.currentData()),
            budget_kod=self.kod.text().strip(),
            status=InsatsStatus(self.status.currentData()),
            beskrivning=self.beskrivning.toPlainText().strip(),
            grants=(),
        )


class GrantDialog(FormDialog):
    def __init__(self, insats: Insats, year: int, choices: Sequence[AgendaChoice], parent=None):
        super().__init__(f"Bevilja medel: {insats.namn}", parent)
        self.year = self.line("År", str(year))
        self.amount = self.line("Beviljat belopp (kr)", "")
        self.mottagare = self.line("Mottagare", insats.huvudman)
        self.paragraph = QComboBox()
        self.paragraph.addItem("– ange beslutet som text nedan –", None)
        for c in choices:
            self.paragraph.addItem(c.label, c.id)
        self.form.addRow("Beslut vid §", self.paragraph)
        self.beslut = self.line("Beslut (text)", "", "t.ex. § 134, 2022-11-25")
        self.villkor = self.line("Villkor", "", "t.ex. under förutsättning att förbundet får bidrag från huvudmännen")
        self.rule = QComboBox()
        for rule, label in PAYOUT_RULE_LABELS.items():
            self.rule.addItem(label, rule.value)
        self.form.addRow("Utbetalning", self.rule)
        self.villkorad = QCheckBox("Villkorat beviljande")
        self.form.addRow("", self.villkorad)

    def collect(self) -> dict:
        try:
            year = int(self.year.text().strip())
        except ValueError:
            raise ValidationError("skriv året med fyra siffror.", "År") from None
        amount = parse_amount(self.amount.text(), "Beviljat belopp") if self.amount.text().strip() else None
        if amount is None or amount <= 0:
            raise ValidationError("måste vara större än noll.", "Beviljat belopp")
        if self.paragraph.currentData() is None and not self.beslut.text().strip():
            raise ValidationError("ange vid vilken paragraf medlen beviljades.", "Beslut")
        return {
            "year": year,
            "amount": amount,
            "rule": PayoutRule(self.rule.currentData()),
            "agenda_item_id": self.paragraph.currentData(),
            "beslut_text": self.beslut.text().strip(),
            "villkor": self.villkor.text().strip(),
            "villkorad": self.villkorad.isChecked(),
            "mottagare": self.mottagare.text().strip(),
        }


class StatedTotalsDialog(FormDialog):
    """Totals as printed in an old document, kept beside the computed ones (blank = not stated)."""

    def __init__(
        self,
        scopes: Sequence[tuple[str, Scope, int | None]],
        measures: Sequence[tuple[Measure, str]],
        existing: Sequence[StatedTotal],
        parent=None,
    ):
        super().__init__(
            "Summor enligt dokumentet",
            parent,
            "Skriv in summorna så som de står i underlaget. Programmet räknar alltid själv och "
            "flaggar de summor som inte stämmer med raderna.",
        )
        self.setMinimumWidth(820)
        self.measures = list(measures)
        self.edits: dict[tuple[Scope, int | None, Measure], QLineEdit] = {}
        have = {(st.scope, st.section_id, st.measure): st.amount for st in existing}
        header = QHBoxLayout()
        for _m, label in self.measures:
            lab = QLabel(f"<b>{label}</b>")
            lab.setWordWrap(True)
            lab.setMinimumWidth(160)
            header.addWidget(lab)
        self.form.addRow("", header)
        for label, scope, section_id in scopes:
            row = QHBoxLayout()
            for m, _label in self.measures:
                edit = QLineEdit(amount_text(have.get((scope, section_id, m))))
                edit.setMinimumWidth(160)
                row.addWidget(edit)
                self.edits[(scope, section_id, m)] = edit
            self.form.addRow(label, row)

    def collect(self) -> list[StatedTotal]:
        out = []
        for (scope, section_id, m), edit in self.edits.items():
            value = parse_optional_amount(edit.text(), dict(self.measures).get(m, MEASURE_LABELS[m]))
            if value is not None:
                out.append(StatedTotal(scope, m, value, section_id))
        return out


class DateDialog(FormDialog):
    def __init__(self, title: str, label: str, value: date | None, parent=None, allow_empty: bool = False):
        super().__init__(title, parent)
        self.allow_empty = allow_empty
        self.edit = QDateEdit(QDate.currentDate() if value is None else QDate(value.year, value.month, value.day))
        self.edit.setCalendarPopup(True)
        self.edit.setDisplayFormat("yyyy-MM-dd")
        self.form.addRow(label, self.edit)

    def collect(self) -> date:
        d = self.edit.date()
        return date(d.year(), d.month(), d.day())
