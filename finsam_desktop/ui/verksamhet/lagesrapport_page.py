"""Lägesrapport: the förbundschef picks the period (a quarter, a half year or the whole of the tab's year, or any
från–till; the report is made per the period's last day) and optionally the insats the per-member table reports,
sees what the report will contain – aktiva uppdrag, goals "målvärde (utfall)", the aktiviteter, the riskanalys, the
table per member and the ekonomirapport's totals – and saves it as PDF or Word.

The preview is written from the ``Lagesrapport`` that ``LagesrapportService.build`` returns, the same object the
files are made from (``reports.verksamhet.lagesrapport_file``, also used by ``finsam export lagesrapport``); nothing
is computed here. The masking box is the förbund's setting for published reports (the same as on Deltagare)."""

from __future__ import annotations

from datetime import date, timedelta
from html import escape
from pathlib import Path

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFileDialog,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from finsam_desktop import clock
from finsam_desktop.domain.common.errors import FinsamError
from finsam_desktop.domain.verksamhet.lagesrapport import Lagesrapport
from finsam_desktop.ui.verksamhet.models import button
from finsam_desktop.ui.widgets.background import run_in_background
from finsam_desktop.ui.widgets.date_edit import IsoDateEdit

#: The periods of the tab's year: (label, first month, last month); ``None`` is the free från–till range.
PERIODS: tuple[tuple[str, tuple[int, int] | None], ...] = (
    ("Kvartal 1", (1, 3)),
    ("Kvartal 2", (4, 6)),
    ("Kvartal 3", (7, 9)),
    ("Kvartal 4", (10, 12)),
    ("Halvår 1", (1, 6)),
    ("Halvår 2", (7, 12)),
    ("Helår", (1, 12)),
    ("Eget datumintervall", None),
)
FILTERS = {"pdf": "PDF (*.pdf)", "docx": "Word (*.docx)"}
MASKING_TEXT = "Maskera antal under 5"


def month_range(year: int, months: tuple[int, int]) -> tuple[date, date]:
    first, last = months
    end = date(year + 1, 1, 1) if last == 12 else date(year, last + 1, 1)
    return date(year, first, 1), end - timedelta(days=1)


def default_period(year: int, today: date) -> int:
    """The index in ``PERIODS`` of the latest quarter of ``year`` that has ended (a past year: Helår)."""
    if year < today.year:
        return 6
    ended = [i for i in range(4) if month_range(year, PERIODS[i][1])[1] < today]
    return ended[-1] if ended and year == today.year else 0


def _table(headers: tuple[str, ...], rows, right: set[int] = frozenset()) -> str:
    head = "".join(f"<th align='{'right' if i in right else 'left'}'>{escape(h)}</th>" for i, h in enumerate(headers))
    body = "".join(
        "<tr>"
        + "".join(f"<td align='{'right' if i in right else 'left'}'>{escape(c)}</td>" for i, c in enumerate(r))
        + "</tr>"
        for r in rows
    )
    return f"<table cellpadding='3' border='1' cellspacing='0'><tr>{head}</tr>{body}</table>"


def preview_html(r: Lagesrapport) -> str:
    """What the report will contain, in brief: every part from ``r`` as the files print it."""
    parts = [f"<h2>{escape(r.title)}</h2><p>{escape(r.forbund)} · {r.fran.isoformat()} – {r.per.isoformat()}</p>"]
    parts.append("<h3>Aktiva uppdrag från styrelsen</h3>")
    if r.uppdrag:
        for g in r.uppdrag:
            items = "".join(
                f"<li>{escape(line.heading)}{' – ' + escape(line.kommentar) if line.kommentar else ''}</li>"
                for line in g.lines
            )
            parts.append(f"<p><b>{escape(g.ansvarig)}</b></p><ul>{items}</ul>")
    else:
        parts.append("<p><i>Inga aktiva uppdrag.</i></p>")
    parts.append("<h3>Mål och uppföljning</h3>")
    if r.goals:
        rows = [(g.insats or "Förbundet", g.namn, g.text, g.status) for g in r.goals]
        parts.append(_table(("Nivå", "Mål", "Målvärde (utfall)", "Status"), rows, {2}))
    else:
        parts.append("<p><i>Inga mål för perioden.</i></p>")
    parts.append("<h3>Aktiviteter under perioden</h3>")
    done = "".join(f"<li>{escape(a.summary)}</li>" for a in r.aktiviteter)
    parts.append(f"<ul>{done}</ul>" if done else "<p><i>Inga aktiviteter under perioden.</i></p>")
    if r.planerade:
        coming = "".join(f"<li>{escape(a.plan_text)}</li>" for a in r.planerade)
        parts.append(f"<p>Planerade resten av året:</p><ul>{coming}</ul>")
    if r.risk_title:
        top = "".join(f"<li>{escape(x.risk)} ({escape(x.process)}), riskvärde {x.varde}</li>" for x in r.risks[:3])
        parts.append(f"<h3>Riskanalys</h3><p>{escape(r.risk_title)}: {len(r.risks)} risker, högst värderade:</p>")
        parts.append(f"<ul>{top}</ul>")
    parts.append("<h3>Lägesrapport per medlem</h3>")
    if r.insats:
        parts.append(f"<p>Individinsats i tabellen: {escape(r.insats)}.</p>")
    parts.append(_table(r.members.columns, r.members.rows))
    if r.members.masked:
        parts.append("<p>Antal 1–4 skrivs som &lt;5.</p>")
    parts.append(f"<h3>Ekonomirapport {r.budget_year}</h3>")
    if r.ekonomi:
        rows = []
        for t in r.ekonomi:
            sums = [x for x in t.rows if x.kind == "sum"] or list(t.rows)
            rows += [(x.namn, x.budget, x.prognos, x.utfall) for x in sums]
        parts.append(_table(("Del", "Budget (tkr)", "Prognos (tkr)", "Utfall (tkr)"), rows, {1, 2, 3}))
    if r.ekonomi_note:
        parts.append(f"<p>{escape(r.ekonomi_note)}</p>")
    for flag in r.flags:
        parts.append(f"<p style='color:#8A5A00'>⚠ {escape(flag)}</p>")
    return "".join(parts)


class LagesrapportPage(QWidget):
    def __init__(self, tab):
        super().__init__(tab)
        self.tab = tab
        self.rapport: Lagesrapport | None = None
        self._dirty = True
        self._year: int | None = None
        self.period = QComboBox()
        self.period.setAccessibleName("Period")
        for text, months in PERIODS:
            self.period.addItem(text, months)
        self.fran = IsoDateEdit()
        self.fran.setAccessibleName("Från och med")
        self.per = IsoDateEdit()
        self.per.setAccessibleName("Till och med (rapportdatum)")
        self.insats = QComboBox()
        self.insats.setAccessibleName("Insats i tabellen per medlem")
        self.insats.setMinimumWidth(260)
        self.masking = QCheckBox("Maskera antal &under 5")
        self.masking.setAccessibleName(MASKING_TEXT)
        self.masking.setToolTip(
            "Antal 1–4 skrivs som <5 i lägesrapporten. Samma inställning som på Deltagare; den gäller alla "
            "publicerade rapporter."
        )
        self.pdf_btn = button("Exportera &PDF…", "Exportera lägesrapporten som PDF")
        self.docx_btn = button("Exportera &Word…", "Exportera lägesrapporten som Word-dokument")
        self.preview = QTextBrowser()
        self.preview.setAccessibleName("Förhandsvisning av lägesrapporten")
        self.preview.setOpenLinks(False)
        grid = QGridLayout()
        for col, (text, widget) in enumerate(
            (
                ("Peri&od", self.period),
                ("&Från", self.fran),
                ("&Till och med", self.per),
                ("I&nsats i tabellen per medlem", self.insats),
            )
        ):
            label = QLabel(text)
            label.setBuddy(widget)
            grid.addWidget(label, 0, col)
            grid.addWidget(widget, 1, col)
        grid.setColumnStretch(4, 1)
        bar = QHBoxLayout()
        bar.addWidget(self.masking)
        bar.addStretch(1)
        bar.addWidget(self.pdf_btn)
        bar.addWidget(self.docx_btn)
        layout = QVBoxLayout(self)
        layout.addLayout(grid)
        layout.addLayout(bar)
        layout.addWidget(self.preview, 1)
        self.period.currentIndexChanged.connect(lambda _i: self._period_chosen())
        self.fran.dateChanged.connect(lambda _d: self._dates_typed())
        self.per.dateChanged.connect(lambda _d: self._dates_typed())
        self.insats.currentIndexChanged.connect(lambda _i: self.refresh())
        self.masking.toggled.connect(self.on_masking)
        self.pdf_btn.clicked.connect(lambda: self.on_export("pdf"))
        self.docx_btn.clicked.connect(lambda: self.on_export("docx"))

    # --- loading ------------------------------------------------------------------------------------------------
    def load(self) -> None:
        """The tab's year or data changed: the choices follow the year; the preview is made when shown."""
        year = self.tab.year()
        keep = self.insats.currentData()
        self.insats.blockSignals(True)
        self.insats.clear()
        self.insats.addItem("Automatiskt (individinsatsen med flest deltagare)", None)
        for i in self.tab.vs.insatser.list_insatser(year):
            self.insats.addItem(i.namn, i.id)
        self.insats.setCurrentIndex(max(0, self.insats.findData(keep)))
        self.insats.blockSignals(False)
        if year != self._year:
            self._year = year
            self.period.blockSignals(True)
            self.period.setCurrentIndex(default_period(year, clock.today()))
            self.period.blockSignals(False)
            self._period_chosen(refresh=False)
        self.masking.blockSignals(True)
        self.masking.setChecked(self.tab.vs.deltagare.masking_enabled())
        self.masking.setEnabled(self.tab.editable())
        self.masking.blockSignals(False)
        self._dirty = True
        if self.isVisible():
            self.refresh()

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if self._dirty:
            self.refresh()

    def _set_dates(self, fran: date, per: date) -> None:
        for edit, value in ((self.fran, fran), (self.per, per)):
            edit.blockSignals(True)
            edit.set_value(value)
            edit.blockSignals(False)

    def _period_chosen(self, refresh: bool = True) -> None:
        months = self.period.currentData()
        if months is not None:
            self._set_dates(*month_range(self.tab.year(), months))
        if refresh:
            self.refresh()

    def _dates_typed(self) -> None:
        """A date typed by hand makes the period "Eget datumintervall" (unless it is exactly a named period)."""
        fran, per = self.fran.value(), self.per.value()
        chosen = len(PERIODS) - 1
        if fran.year == self.tab.year():
            for i, (_text, months) in enumerate(PERIODS):
                if months is not None and month_range(fran.year, months) == (fran, per):
                    chosen = i
                    break
        self.period.blockSignals(True)
        self.period.setCurrentIndex(chosen)
        self.period.blockSignals(False)
        self.refresh()

    def refresh(self) -> None:
        """Build the report for the chosen period and show what it will contain."""
        self._dirty = False
        try:
            self.rapport = self.tab.vs.lagesrapport.build(
                self.per.value(), fran=self.fran.value(), insats_id=self.insats.currentData()
            )
        except FinsamError as exc:
            self.rapport = None
            self.preview.setHtml(f"<p style='color:#A61B1B'>{escape(str(exc))}</p>")
        else:
            self.preview.setHtml(preview_html(self.rapport))
        for b in (self.pdf_btn, self.docx_btn):
            b.setEnabled(self.rapport is not None)

    # --- actions ------------------------------------------------------------------------------------------------
    def on_masking(self, checked: bool) -> None:
        try:
            self.tab.vs.deltagare.set_masking(checked)
        except FinsamError as exc:
            self.tab.error(exc)
        self.tab.changed()  # the Deltagare page shows the same setting

    def on_export(self, kind: str) -> None:
        rapport = self.rapport
        if rapport is None:
            return
        stem = f"Lagesrapport-{rapport.fran.isoformat()}-{rapport.per.isoformat()}"
        path, _ = QFileDialog.getSaveFileName(self, "Exportera lägesrapporten", f"{stem}.{kind}", FILTERS[kind])
        if not path:
            return
        target = Path(path)
        if target.suffix.lower() != f".{kind}":
            target = target.with_name(f"{target.name}.{kind}")
        created = clock.today()

        def work() -> Path:
            from finsam_desktop.reports.verksamhet.lagesrapport_file import lagesrapport_document

            target.write_bytes(lagesrapport_document(rapport, kind, created))
            return target

        def done(saved: Path) -> None:
            window = self.window()
            if hasattr(window, "statusBar"):
                window.statusBar().showMessage(f"Sparade {saved}", 5000)

        run_in_background(
            self,
            "Skapar lägesrapporten…",
            work,
            done,
            lambda exc: self.tab.error(exc, "Lägesrapporten skapades inte"),
        )
