"""Deltagare: the year's statistics per insats and month (inskrivna, pågående, avslutade, kvinnor/män/annat kön,
stegförflyttningar, avslut per avslutsanledning) with a year total per insats and for all, the import of the
follow-up system's export (preview of the guessed column mapping and the row count, then all rows or none), and the
masking setting for published reports. Aggregates only: no personal data."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QCheckBox, QFileDialog, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from finsam_desktop.domain.common.errors import FinsamError
from finsam_desktop.domain.verksamhet.deltagare_csv import DeltagarPeriod
from finsam_desktop.services.verksamhet.deltagare import reasons
from finsam_desktop.ui.verksamhet.import_dialog import DeltagareImportDialog
from finsam_desktop.ui.verksamhet.models import DELTAGARE_COLUMNS, StatModel, StatRow, button
from finsam_desktop.ui.widgets.table_view import ResizeMode, read_only_table

MASKING_TEXT = "Visa 1–4 som <5 i publicerade rapporter"


def _avslut_text(pairs, labels: dict[str, str]) -> str:
    return ", ".join(f"{labels.get(k, k)} {n}" for k, n in pairs if n)


def stat_rows(periods: list[DeltagarPeriod], totals, year: int) -> list[StatRow]:
    """The months of each insats followed by its year total (from ``year_totals``), and a total of all."""
    labels = {r.kod: r.namn for r in reasons()}
    by_insats: dict[str, list[DeltagarPeriod]] = {}
    for p in periods:
        by_insats.setdefault(p.insats, []).append(p)
    totals_by = {t.insats: t for t in totals}
    rows: list[StatRow] = []
    all_steg = 0
    for namn, months in by_insats.items():
        for n, p in enumerate(months):
            rows.append(
                StatRow(
                    namn,
                    f"{p.period:%Y-%m}",
                    p.inskrivna,
                    p.pagaende,
                    p.avslutade,
                    p.kvinnor,
                    p.man,
                    p.annat,
                    p.stegforflyttning,
                    _avslut_text(p.avslut, labels),
                    first=n == 0,
                )
            )
        t = totals_by.get(namn)
        steg = sum(p.stegforflyttning for p in months)
        all_steg += steg
        if t is not None:
            avslut = ", ".join(f"{label} {n}" for label, n in t.avslut if n)
            rows.append(
                StatRow(namn, str(year), t.inskrivna, None, t.avslutade, t.kvinnor, t.man, t.annat, steg, avslut, True)
            )
    if totals:
        rows.append(
            StatRow(
                "",
                str(year),
                sum(t.inskrivna for t in totals),
                None,
                sum(t.avslutade for t in totals),
                sum(t.kvinnor for t in totals),
                sum(t.man for t in totals),
                sum(t.annat for t in totals),
                all_steg,
                "",
                True,
            )
        )
    return rows


class DeltagarePage(QWidget):
    def __init__(self, tab):
        super().__init__(tab)
        self.tab = tab
        self.periods: list[DeltagarPeriod] = []
        self.model = StatModel(DELTAGARE_COLUMNS)
        self.view = read_only_table(self.model, resize=ResizeMode.ResizeToContents, stretch=9, row_height=22)
        self.view.setAccessibleName("Deltagarstatistik per insats och månad")
        self.view.setAccessibleDescription(
            "En rad per insats och månad, sedan insatsens summa för året i fetstil och sist totalen för alla "
            "insatser: inskrivna, pågående, avslutade, kvinnor, män, annat kön, stegförflyttningar och avslut per "
            "avslutsanledning. Pågående saknas i summaraderna (det är ett läge, ingen summa)."
        )
        self.import_btn = button(
            "Im&portera…", "Importera deltagarstatistik", "En export (CSV eller Excel) ur uppföljningssystemet"
        )
        self.masking = QCheckBox("&" + MASKING_TEXT)
        self.masking.setAccessibleName(MASKING_TEXT)
        self.masking.setToolTip("Gäller verksamhetsplan, lägesrapport och årsredovisning; här visas verkliga antal.")
        self.note = QLabel()
        self.note.setAccessibleName("Om statistiken")
        self.note.setWordWrap(True)
        bar = QHBoxLayout()
        bar.addWidget(self.import_btn)
        bar.addSpacing(16)
        bar.addWidget(self.masking)
        bar.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.note)
        self.import_btn.clicked.connect(self.on_import)
        self.masking.toggled.connect(self.on_masking)

    def load(self) -> None:
        year = self.tab.year()
        dl = self.tab.vs.deltagare
        self.periods = dl.periods(year=year)
        self.model.set_rows(stat_rows(self.periods, dl.year_totals(year), year))
        self.masking.blockSignals(True)
        self.masking.setChecked(dl.masking_enabled())
        self.masking.blockSignals(False)
        writable = self.tab.editable()
        self.import_btn.setEnabled(writable)
        self.masking.setEnabled(writable)
        if self.periods:
            self.note.setText(
                f"Aggregerade antal ur uppföljningssystemet, {self.months_text()}. Inga personuppgifter lagras."
            )
        else:
            self.note.setText(f"Ingen deltagarstatistik för {year}. Importera en export ur uppföljningssystemet.")

    def months_text(self) -> str:
        months = sorted({p.period for p in self.periods})
        if not months:
            return "inga månader"
        return f"{months[0]:%Y-%m}" if len(months) == 1 else f"{months[0]:%Y-%m} – {months[-1]:%Y-%m}"

    # --- actions ------------------------------------------------------------------------------------------------
    def on_masking(self, checked: bool) -> None:
        try:
            self.tab.vs.deltagare.set_masking(checked)
        except FinsamError as exc:
            self.tab.error(exc)
        self.load()

    def on_import(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self,
            "Importera deltagarstatistik",
            "",
            "Export ur uppföljningssystemet (*.csv *.txt *.xlsx);;Alla filer (*)",
        )
        if not path:
            return
        dl = self.tab.vs.deltagare
        name = Path(path).name
        try:
            data = Path(path).read_bytes()
            preview = dl.preview_file(data, name)
        except (FinsamError, OSError) as exc:
            self.tab.error(exc, "Filen importerades inte")
            return
        dlg = DeltagareImportDialog(name, preview, lambda: dl.import_file(data, name), self)
        dlg.exec()
        if dlg.failure is not None:
            self.tab.error(
                Exception(f"{dlg.failure}\n\nFilen importerades inte; inget har sparats."), "Filen importerades inte"
            )
            return
        result = dlg.result_value
        if result is None:
            return
        years = sorted({p.period.year for p in result.imported})
        if years and self.tab.year() not in years:
            self.tab.choose_year(years[-1])
        self.tab.changed()
        text = result.summary
        if result.notes:
            text += "\n\n" + "\n".join(result.notes)
        self.tab.info("Deltagarstatistik importerad", text)
