"""Dialogs of the Intern kontroll tab: risk, plan row, adoption at a §, matrix settings, the stickprov
import (column mapping), the draw, the per-item review and the granskning record."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPlainTextEdit,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from finsam_desktop import clock
from finsam_desktop.domain.common.errors import FinsamError, ValidationError
from finsam_desktop.domain.common.money import parse_amount
from finsam_desktop.domain.internkontroll.kontrollplan import KontrollStatus, Metod, PlanRow
from finsam_desktop.domain.internkontroll.risk import Band, MatrixSettings, Risk
from finsam_desktop.domain.internkontroll.stickprov import (
    FIELDS,
    Bedomning,
    ItemReview,
    PopulationFilter,
    new_seed,
    size_guidance,
)
from finsam_desktop.ui.widgets.date_edit import IsoDateEdit


class _Dialog(QDialog):
    """OK/Avbryt; ``accept`` runs ``_collect`` and shows a Swedish error instead of closing on bad input."""

    def __init__(self, title: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(title)
        self.layout_ = QVBoxLayout(self)
        self.form = QFormLayout()
        self.layout_.addLayout(self.form)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText("OK")
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("Avbryt")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.result_value = None

    def finish(self) -> None:
        self.layout_.addWidget(self.buttons)

    def _collect(self):
        raise NotImplementedError

    def accept(self) -> None:
        try:
            self.result_value = self._collect()
        except FinsamError as exc:
            QMessageBox.warning(self, "Kontrollera uppgifterna", str(exc))
            return
        super().accept()


def _scale_combo(levels, value: int | None, allow_none: bool = False) -> QComboBox:
    box = QComboBox()
    if allow_none:
        box.addItem("–", None)
    for lvl in levels:
        box.addItem(f"{lvl.value} {lvl.label}", lvl.value)
    box.setCurrentIndex(max(box.findData(value), 0))
    return box


class RiskDialog(_Dialog):
    def __init__(self, risk: Risk | None, settings: MatrixSettings, parent=None):
        super().__init__("Risk" if risk is None else f"Risk {risk.nummer}", parent)
        self.risk = risk or Risk(0, 0, "", "", 1, 1)
        r = self.risk
        self.process = QLineEdit(r.process)
        self.text = QPlainTextEdit(r.risk)
        self.text.setFixedHeight(60)
        self.v = _scale_combo(settings.vasentlighet, r.vasentlighet)
        self.s = _scale_combo(settings.sannolikhet, r.sannolikhet)
        self.handling = QPlainTextEdit(r.riskhantering)
        self.handling.setFixedHeight(60)
        self.ansvarig = QLineEdit(r.ansvarig)
        self.rv = _scale_combo(settings.vasentlighet, r.residual_vasentlighet, allow_none=True)
        self.rs = _scale_combo(settings.sannolikhet, r.residual_sannolikhet, allow_none=True)
        self.value = QLabel()
        for w in (self.v, self.s):
            w.currentIndexChanged.connect(self._update_value)
        self.form.addRow("Process/rutin", self.process)
        self.form.addRow("Risk", self.text)
        self.form.addRow("Väsentlighet", self.v)
        self.form.addRow("Sannolikhet", self.s)
        self.form.addRow("Riskvärde", self.value)
        self.form.addRow("Riskhantering", self.handling)
        self.form.addRow("Ansvarig", self.ansvarig)
        self.form.addRow("Väsentlighet efter åtgärd", self.rv)
        self.form.addRow("Sannolikhet efter åtgärd", self.rs)
        self.settings = settings
        self._update_value()
        self.finish()
        self.resize(520, 480)

    def _update_value(self) -> None:
        value = self.v.currentData() * self.s.currentData()
        band = self.settings.band_for(value)
        self.value.setText(f"<b>{value}</b> ({band.name.lower()}: {band.meaning})")

    def _collect(self) -> Risk:
        return replace(
            self.risk,
            process=self.process.text(),
            risk=self.text.toPlainText(),
            vasentlighet=self.v.currentData(),
            sannolikhet=self.s.currentData(),
            riskhantering=self.handling.toPlainText(),
            ansvarig=self.ansvarig.text(),
            residual_vasentlighet=self.rv.currentData(),
            residual_sannolikhet=self.rs.currentData(),
        )


class AdoptDialog(_Dialog):
    """ "Antagen vid §": pick a styrelse paragraph or type the reference; the date."""

    def __init__(self, what: str, choices, parent=None):
        super().__init__(f"Anta {what}", parent)
        self.layout_.insertWidget(0, QLabel(f"När {what} antas låses den. Ändringar därefter görs i en ny version."))
        self.item = QComboBox()
        self.item.addItem("(ingen paragraf i databasen – skriv hänvisningen)", None)
        for c in choices:
            self.item.addItem(c.text, (c.agenda_item_id, c.datum))
        self.text = QLineEdit()
        self.text.setPlaceholderText("t.ex. § 126, 2025-11-21")
        self.datum = IsoDateEdit(clock.today())
        self.item.currentIndexChanged.connect(self._picked)
        self.form.addRow("Paragraf", self.item)
        self.form.addRow("Hänvisning", self.text)
        self.form.addRow("Beslutsdatum", self.datum)
        self.finish()
        self.resize(560, 200)

    def _picked(self) -> None:
        data = self.item.currentData()
        if data:
            self.datum.set_value(data[1])

    def _collect(self):
        data = self.item.currentData()
        if data is None and not self.text.text().strip():
            raise ValidationError("välj en paragraf eller skriv hänvisningen.", "Antagen vid")
        return (self.text.text(), self.datum.value(), data[0] if data else None)


class PlanRowDialog(_Dialog):
    def __init__(self, row: PlanRow | None, risks: tuple[Risk, ...], events: list[tuple[int, str]] = (), parent=None):
        super().__init__("Kontroll", parent)
        self.row = row or PlanRow(0, 0, "", "")
        r = self.row
        self.process = QLineEdit(r.process)
        self.moment = QPlainTextEdit(r.kontrollmoment)
        self.moment.setFixedHeight(60)
        self.ansvarig = QLineEdit(r.kontrollansvarig)
        self.frekvens = QLineEdit(r.frekvens)
        self.till = QLineEdit(r.rapportering_till)
        self.metod = QComboBox()
        for m in Metod:
            self.metod.addItem(m.label, m)
        self.metod.setCurrentIndex(self.metod.findData(r.metod))
        self.tidpunkt = QLineEdit(r.tidpunkt)
        self.event_id = QComboBox()
        self.event_id.addItem("(ingen)", None)
        for event_id, text in events:
            self.event_id.addItem(text, event_id)
        if r.arshjul_event_id is not None and self.event_id.findData(r.arshjul_event_id) < 0:
            self.event_id.addItem(f"Händelse {r.arshjul_event_id} (finns inte i årets årshjul)", r.arshjul_event_id)
        self.event_id.setCurrentIndex(max(self.event_id.findData(r.arshjul_event_id), 0))
        self.storlek = QSpinBox()
        self.storlek.setRange(0, 500)
        self.storlek.setSpecialValueText("–")
        self.storlek.setValue(r.stickprov_storlek or 0)
        self.risks = QListWidget()
        for risk in risks:
            item = QListWidgetItem(f"{risk.nummer}. {risk.process}: {risk.risk} ({risk.riskvarde})")
            item.setData(Qt.ItemDataRole.UserRole, risk.key)
            item.setCheckState(Qt.CheckState.Checked if risk.key in r.risk_keys else Qt.CheckState.Unchecked)
            self.risks.addItem(item)
        self.risks.setFixedHeight(120)
        for label, w in (
            ("Process/ rutin", self.process),
            ("Kontrollmoment", self.moment),
            ("Kontrollansvarig", self.ansvarig),
            ("Frekvens", self.frekvens),
            ("Rapportering till", self.till),
            ("Metod", self.metod),
            ("När", self.tidpunkt),
            ("Årshjulshändelse", self.event_id),
            ("Stickprovsstorlek", self.storlek),
            ("Risker som kontrollen täcker", self.risks),
        ):
            self.form.addRow(label, w)
        self.finish()
        self.resize(560, 560)

    def _collect(self) -> PlanRow:
        keys = tuple(
            self.risks.item(i).data(Qt.ItemDataRole.UserRole)
            for i in range(self.risks.count())
            if self.risks.item(i).checkState() == Qt.CheckState.Checked
        )
        return replace(
            self.row,
            process=self.process.text(),
            kontrollmoment=self.moment.toPlainText(),
            kontrollansvarig=self.ansvarig.text(),
            frekvens=self.frekvens.text(),
            rapportering_till=self.till.text(),
            metod=self.metod.currentData(),
            tidpunkt=self.tidpunkt.text(),
            arshjul_event_id=self.event_id.currentData(),
            stickprov_storlek=self.storlek.value() or None,
            risk_keys=keys,
        )


class StatusDialog(_Dialog):
    def __init__(self, row: PlanRow, parent=None):
        super().__init__(f"Status: {row.process}", parent)
        self.status = QComboBox()
        for st in KontrollStatus:
            self.status.addItem(st.label, st)
        self.status.setCurrentIndex(self.status.findData(row.status))
        self.comment = QPlainTextEdit(row.status_kommentar)
        self.comment.setFixedHeight(70)
        self.form.addRow("Status", self.status)
        self.form.addRow("Kommentar", self.comment)
        self.finish()

    def _collect(self):
        return self.status.currentData(), self.comment.toPlainText()


class MatrixSettingsDialog(_Dialog):
    """Size, labels of both scales and the band limits."""

    def __init__(self, settings: MatrixSettings, parent=None):
        super().__init__("Riskmatris", parent)
        self.size = QComboBox()
        for n in (3, 4, 5):
            self.size.addItem(f"{n}×{n}", n)
        self.size.setCurrentIndex(self.size.findData(settings.size))
        self.form.addRow("Storlek", self.size)
        self.labels = QTableWidget(0, 2)
        self.labels.setHorizontalHeaderLabels(["Väsentlighet", "Sannolikhet"])
        self.labels.horizontalHeader().setStretchLastSection(True)
        self.labels.setColumnWidth(0, 200)
        self.form.addRow("Benämningar", self.labels)
        self.green = QSpinBox()
        self.yellow = QSpinBox()
        self.form.addRow("Grön till och med", self.green)
        self.form.addRow("Gul till och med", self.yellow)
        self._settings = settings
        self._load(settings)
        self.size.currentIndexChanged.connect(lambda: self._load(MatrixSettings.for_size(self.size.currentData())))
        self.finish()
        self.resize(520, 420)

    def _load(self, settings: MatrixSettings) -> None:
        self._settings = settings
        self.labels.setRowCount(settings.size)
        for i in range(settings.size):
            self.labels.setItem(i, 0, QTableWidgetItem(settings.vasentlighet[i].label))
            self.labels.setItem(i, 1, QTableWidgetItem(settings.sannolikhet[i].label))
            self.labels.setVerticalHeaderItem(i, QTableWidgetItem(str(i + 1)))
        top = settings.max_value
        for box in (self.green, self.yellow):
            box.setRange(1, top - 1)
        self.green.setValue(settings.bands[0].high)
        self.yellow.setValue(settings.bands[1].high if len(settings.bands) > 1 else top - 1)

    def _collect(self) -> MatrixSettings:
        s = self._settings
        n = s.size
        g, y = self.green.value(), self.yellow.value()
        if y <= g:
            raise ValidationError("gul måste sluta på ett högre riskvärde än grön.", "Färgfält")
        v = tuple(replace(s.vasentlighet[i], label=self.labels.item(i, 0).text().strip()) for i in range(n))
        sa = tuple(replace(s.sannolikhet[i], label=self.labels.item(i, 1).text().strip()) for i in range(n))
        old = {b.name: b for b in s.bands}
        bands = (
            Band(1, g, "Grön", old.get("Grön", s.bands[0]).colour, old.get("Grön", s.bands[0]).meaning),
            Band(g + 1, y, "Gul", old.get("Gul", s.bands[1]).colour, old.get("Gul", s.bands[1]).meaning),
            Band(y + 1, n * n, "Röd", old.get("Röd", s.bands[-1]).colour, old.get("Röd", s.bands[-1]).meaning),
        )
        result = MatrixSettings(n, v, sa, bands)
        result.validate()
        return result


class ImportDialog(_Dialog):
    """Map the file's columns to the fields; the preview shows the first rows."""

    def __init__(self, preview, parent=None):
        super().__init__(f"Importera {preview.filnamn}", parent)
        self.preview = preview
        self.layout_.insertWidget(
            0,
            QLabel(
                f"{preview.row_count} rader. Välj vilken kolumn som innehåller vad; kopplingen sparas till nästa gång."
            ),
        )
        self.boxes: dict[str, QComboBox] = {}
        for f in FIELDS:
            box = QComboBox()
            box.addItem("(ingen)" if not f.required else "(välj kolumn)", "")
            for h in preview.headers:
                box.addItem(h, h)
            box.setCurrentIndex(max(box.findData(preview.mapping.get(f.name, "")), 0))
            self.boxes[f.name] = box
            self.form.addRow(f.label + (" *" if f.required else ""), box)
        table = QTableWidget(len(preview.rows), len(preview.headers))
        table.setHorizontalHeaderLabels(list(preview.headers))
        for r, cells in enumerate(preview.rows):
            for c, value in enumerate(cells[: len(preview.headers)]):
                table.setItem(r, c, QTableWidgetItem(value))
        table.setMinimumHeight(180)
        self.layout_.addWidget(QLabel("Förhandsvisning"))
        self.layout_.addWidget(table)
        self.finish()
        self.resize(760, 600)

    def _collect(self) -> dict[str, str]:
        mapping = {name: box.currentData() for name, box in self.boxes.items() if box.currentData()}
        from finsam_desktop.domain.internkontroll.stickprov import validate_mapping

        return validate_mapping(mapping, self.preview.headers)


class DrawDialog(_Dialog):
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
        self.storlek.setRange(1, 500)
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
        from finsam_desktop.domain.internkontroll.stickprov import population, suggested_size

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


class ItemReviewDialog(_Dialog):
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
        from finsam_desktop.domain.internkontroll.stickprov import validate_item_review

        review = ItemReview(
            self.who.currentText(),
            self.datum.value(),
            self.bedomning.currentData(),
            self.kommentar.toPlainText(),
            self.atgard.toPlainText(),
        )
        return validate_item_review(review, ())


class GranskningDialog(_Dialog):
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
        from finsam_desktop.services.internkontroll.dto import Granskning

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
