"""Dialogs of the Stickprov page: the import (column mapping), the draw, the per-item review and the
granskning record."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
)

from finsam_desktop import clock
from finsam_desktop.domain.common.errors import FinsamError, ValidationError
from finsam_desktop.domain.common.money import parse_amount
from finsam_desktop.domain.internkontroll.stickprov_draw import new_seed, size_guidance
from finsam_desktop.domain.internkontroll.stickprov_mapping import FIELD_BY_NAME, FIELDS, quoted
from finsam_desktop.domain.internkontroll.stickprov_population import PopulationFilter
from finsam_desktop.domain.internkontroll.stickprov_review import Bedomning, ItemReview
from finsam_desktop.services.internkontroll.dto import Granskning
from finsam_desktop.ui.internkontroll.dialog_base import FormDialog
from finsam_desktop.ui.widgets.date_edit import IsoDateEdit


class ImportDialog(FormDialog):
    """The column mapping before the import: the guessed (or remembered) column per field, editable; a field
    the guess left open (two equally good columns) is highlighted and must be chosen; a field without a
    column shows "(saknas – kontrolleras inte)". The preview shows the first rows."""

    CHOOSE = "(välj kolumn)"
    ABSENT = "(saknas – kontrolleras inte)"
    HIGHLIGHT = "QComboBox { background-color: #fff1c2; border: 2px solid #c77c02; border-radius: 3px; }"

    def __init__(self, preview, parent=None):
        super().__init__(f"Importera {preview.filnamn}", parent)
        self.preview = preview
        self.ambiguous = dict(getattr(preview, "ambiguous", {}) or {})
        intro = QLabel(
            f"{preview.row_count} rader. Kontrollera vilken kolumn som innehåller vad innan filen läses in; "
            "kopplingen sparas till nästa gång. Fält med * krävs; ett fält utan kolumn kontrolleras inte."
        )
        intro.setWordWrap(True)
        self.layout_.insertWidget(0, intro)
        position = 1
        if self.ambiguous:
            warn = QLabel(
                "<b>Välj kolumn:</b> flera kolumner passar för "
                + "; ".join(f"{FIELD_BY_NAME[k].label} ({quoted(v)})" for k, v in self.ambiguous.items())
                + ". Programmet gissar inte mellan dem."
            )
            warn.setWordWrap(True)
            warn.setAccessibleName("Fält att välja kolumn för")
            self.layout_.insertWidget(position, warn)
            position += 1
        for note in getattr(preview, "notes", ()) or ():
            label = QLabel(note)
            label.setWordWrap(True)
            self.layout_.insertWidget(position, label)
            position += 1
        self.boxes: dict[str, QComboBox] = {}
        for f in FIELDS:
            box = QComboBox()
            open_role = f.name in self.ambiguous
            if f.required or open_role:
                box.addItem(self.CHOOSE, None)
            if not f.required:
                box.addItem(self.ABSENT, "")
            for h in preview.headers:
                box.addItem(h, h)
            current = preview.mapping.get(f.name, "")
            box.setCurrentIndex(max(box.findData(current), 0) if current else 0)
            box.setAccessibleName(f"Kolumn för {f.label}")
            label = f.label + (" *" if f.required else "")
            if open_role:
                box.setStyleSheet(self.HIGHLIGHT)
                box.setToolTip("Välj en av " + quoted(self.ambiguous[f.name]) + ".")
                box.setAccessibleDescription("Flera kolumner passar: " + quoted(self.ambiguous[f.name]))
                label = f"<b>{label} – välj</b>"
            self.boxes[f.name] = box
            self.form.addRow(label, box)
        table = QTableWidget(len(preview.rows), len(preview.headers))
        table.setAccessibleName("Förhandsvisning av filens första rader")
        table.setHorizontalHeaderLabels(list(preview.headers))
        for r, cells in enumerate(preview.rows):
            for c, value in enumerate(cells[: len(preview.headers)]):
                table.setItem(r, c, QTableWidgetItem(value))
        table.setMinimumHeight(160)
        self.layout_.addWidget(QLabel("Förhandsvisning"))
        self.layout_.addWidget(table)
        self.finish()
        self.resize(760, 720)

    def _collect(self) -> dict[str, str]:
        from finsam_desktop.domain.internkontroll.stickprov_mapping import validate_mapping

        unchosen = [f for f in FIELDS if self.boxes[f.name].currentData() is None]
        if unchosen:
            raise ValidationError(
                "; ".join(
                    f"välj kolumn för {f.label}: {quoted(self.ambiguous[f.name])}"
                    if f.name in self.ambiguous
                    else f"välj en kolumn för {f.label}"
                    for f in unchosen
                )
                + ".",
                "Kolumnkoppling",
            )
        mapping = {name: box.currentData() for name, box in self.boxes.items() if box.currentData()}
        return validate_mapping(mapping, self.preview.headers)


class DrawDialog(FormDialog):
    """The population filter, size (with guidance), "samtliga över" and the seed."""

    def __init__(self, transactions, plan_rows, default_size: int | None, parent=None):
        super().__init__("Dra stickprov", parent)
        self.transactions = transactions
        dates = [t.datum for t in transactions]
        self.titel = QLineEdit()
        self.use_period = QCheckBox("Begränsa till perioden")
        self.fran = IsoDateEdit(min(dates))
        self.till = IsoDateEdit(max(dates))
        period = QHBoxLayout()
        period.addWidget(self.use_period)
        period.addWidget(self.fran)
        period.addWidget(QLabel("–"))
        period.addWidget(self.till)
        self.konto = QLineEdit()
        self.konto.setPlaceholderText("t.ex. 6110, Kansli (börjar med)")
        self.min_belopp = QLineEdit()
        self.min_belopp.setPlaceholderText("0")
        self.storlek = QSpinBox()
        self.storlek.setRange(1, max(1, len(transactions)))  # no fixed cap: the whole file may be drawn
        self.over = QLineEdit()
        self.over.setPlaceholderText("t.ex. 100 000 (tomt = inget)")
        self.seed = QSpinBox()
        self.seed.setRange(0, 2_000_000_000)
        self.seed.setValue(new_seed())
        self.control = QComboBox()
        self.control.addItem("(ingen kontroll)", None)
        for r in plan_rows:
            self.control.addItem(f"{r.nummer}. {r.process} – {r.kontrollmoment}"[:90], r.id)
        self.guidance = QLabel()
        self.guidance.setWordWrap(True)
        self.plan_size = default_size
        for w in (self.use_period,):
            w.toggled.connect(self._update)
        for w in (self.fran, self.till):
            w.dateChanged.connect(self._update)
        self.konto.textChanged.connect(self._update)
        self.min_belopp.textChanged.connect(self._update)
        self.form.addRow("Rubrik", self.titel)
        self.form.addRow("Period", period)
        self.form.addRow("Konto/kostnadsställe", self.konto)
        self.form.addRow("Lägsta belopp", self.min_belopp)
        self.form.addRow("Stickprovsstorlek", self.storlek)
        self.form.addRow("", self.guidance)
        self.form.addRow("Därtill samtliga över (kr)", self.over)
        self.form.addRow("Slumpfrö", self.seed)
        self.form.addRow("Kontroll i planen", self.control)
        self._update(first=True)
        self.finish()
        self.resize(620, 420)

    def _filter(self) -> PopulationFilter:
        mb = self.min_belopp.text().strip()
        return PopulationFilter(
            self.fran.value() if self.use_period.isChecked() else None,
            self.till.value() if self.use_period.isChecked() else None,
            self.konto.text(),
            parse_amount(mb, "Lägsta belopp") if mb else None,
        )

    def _update(self, *_args, first: bool = False) -> None:
        from finsam_desktop.domain.internkontroll.stickprov_draw import suggested_size
        from finsam_desktop.domain.internkontroll.stickprov_population import population

        try:
            n = len(population(self.transactions, self._filter()))
        except FinsamError:
            return
        self.guidance.setText(f"Population: {n} verifikationer. " + size_guidance(n, self.plan_size))
        if first:
            self.storlek.setValue(max(1, suggested_size(n, self.plan_size)))

    def _collect(self):
        flt = self._filter()
        flt.validate()
        over_text = self.over.text().strip()
        over = parse_amount(over_text, "Samtliga över") if over_text else None
        return flt, self.storlek.value(), self.seed.value(), over, self.control.currentData(), self.titel.text()


class ItemReviewDialog(FormDialog):
    def __init__(self, item, reviewers: list[str], parent=None):
        t = item.transaction
        super().__init__(f"Granska ver {t.verifikation}", parent)
        info = QLabel(
            f"<b>{t.verifikation}</b> {t.datum.isoformat()} – {t.motpart} – {t.belopp} kr<br>"
            f"Attest: {', '.join(t.attestanter) or '–'}; utanordning: {t.utanordnare or '–'}<br>"
            f"<b>Automatisk kontroll:</b> {'<br>'.join(item.auto_findings) or 'Inga anmärkningar'}"
        )
        info.setWordWrap(True)
        self.layout_.insertWidget(0, info)
        self.who = QComboBox()
        self.who.setEditable(True)
        self.who.addItems(reviewers)
        if item.granskad_av:
            self.who.setCurrentText(item.granskad_av)
        self.datum = IsoDateEdit(item.granskad_datum or clock.today())
        self.bedomning = QComboBox()
        self.bedomning.addItem("OK", Bedomning.OK)
        self.bedomning.addItem("Avvikelse", Bedomning.AVVIKELSE)
        default = (
            item.bedomning
            if item.bedomning is not Bedomning.EJ_GRANSKAD
            else (Bedomning.AVVIKELSE if item.auto_findings else Bedomning.OK)
        )
        self.bedomning.setCurrentIndex(self.bedomning.findData(default))
        self.kommentar = QPlainTextEdit(item.kommentar or ("\n".join(item.auto_findings) if item.auto_findings else ""))
        self.kommentar.setFixedHeight(70)
        self.atgard = QPlainTextEdit(item.atgard)
        self.atgard.setFixedHeight(50)
        self.form.addRow("Granskad av", self.who)
        self.form.addRow("Datum", self.datum)
        self.form.addRow("Bedömning", self.bedomning)
        self.form.addRow("Kommentar", self.kommentar)
        self.form.addRow("Åtgärd", self.atgard)
        self.finish()
        self.resize(560, 440)

    def _collect(self) -> ItemReview:
        from finsam_desktop.domain.internkontroll.stickprov_review import validate_item_review

        review = ItemReview(
            self.who.currentText(),
            self.datum.value(),
            self.bedomning.currentData(),
            self.kommentar.toPlainText(),
            self.atgard.toPlainText(),
        )
        return validate_item_review(review, ())


class GranskningDialog(FormDialog):
    def __init__(self, ar: int, holders: dict[str, str], plan_rows, stickprov, slutsats: str, parent=None):
        super().__init__("Granskning", parent)
        self.ar = ar
        self.datum = IsoDateEdit(clock.today())
        self.plats = QLineEdit("Förbundets kansli")
        self.ordf = QLineEdit(holders.get("ordforande", ""))
        self.vice = QLineEdit(holders.get("vice_ordforande", ""))
        self.chef = QLineEdit(holders.get("forbundschef", ""))
        self.stickprov_id = stickprov.id if stickprov else None
        self.rows = QListWidget()
        for r in plan_rows:
            item = QListWidgetItem(f"{r.nummer}. {r.process} – {r.kontrollmoment}")
            item.setData(Qt.ItemDataRole.UserRole, r.id)
            checked = stickprov is not None and stickprov.plan_row_id == r.id
            item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)
            self.rows.addItem(item)
        self.rows.setFixedHeight(110)
        self.slutsats = QPlainTextEdit(slutsats)
        self.slutsats.setFixedHeight(110)
        group = QGroupBox("Stickprov")
        QVBoxLayout(group).addWidget(QLabel(stickprov.titel if stickprov else "Inget stickprov valt"))
        for label, w in (
            ("Datum", self.datum),
            ("Plats", self.plats),
            ("Ordförande", self.ordf),
            ("Vice ordförande", self.vice),
            ("Förbundschef (närvarande)", self.chef),
            ("Kontroller som granskats", self.rows),
            ("Slutsats", self.slutsats),
        ):
            self.form.addRow(label, w)
        self.layout_.addWidget(group)
        self.finish()
        self.resize(620, 560)

    def _collect(self):
        ids = tuple(
            self.rows.item(i).data(Qt.ItemDataRole.UserRole)
            for i in range(self.rows.count())
            if self.rows.item(i).checkState() == Qt.CheckState.Checked
        )
        return Granskning(
            0,
            self.ar,
            self.datum.value(),
            self.plats.text(),
            self.ordf.text(),
            self.vice.text(),
            self.chef.text(),
            self.stickprov_id,
            ids,
            self.slutsats.toPlainText(),
        )
