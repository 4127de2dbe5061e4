"""Dialogs of the Årshjul tab: edit an event series, one occurrence, the sammanträdesplan."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, time

from PySide6.QtCore import Qt, QTime
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QSpinBox,
    QStackedWidget,
    QTableWidget,
    QTableWidgetItem,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from finsam_desktop import clock
from finsam_desktop.domain.arshjul.model import (
    Adjust,
    Category,
    EventDef,
    Freq,
    LegalRule,
    Link,
    LinkKind,
    Occurrence,
    Recurrence,
    Relative,
)
from finsam_desktop.domain.arshjul.plan import PlanEntry, parse_plan
from finsam_desktop.domain.common.dates import SWEDISH_MONTHS, SWEDISH_WEEKDAYS
from finsam_desktop.domain.common.errors import FinsamError, ValidationError
from finsam_desktop.ui.widgets.date_edit import IsoDateEdit

ROLES = (
    "Förbundschef",
    "Sekreterare",
    "Ordförande",
    "Vice ordförande",
    "Ordförande och förbundschef",
    "Styrelsen",
    "Beredningsgruppen",
    "Revisorerna",
    "Utvecklingsledare",
    "Försäkringskassan",
)
_ORDINAL_CHOICES = ((1, "första"), (2, "andra"), (3, "tredje"), (4, "fjärde"), (-1, "sista"), (-2, "näst sista"))
ORGAN_ANCHOR = -1  # the "every styrelse meeting" entry in the anchor list


def _enum(combo: QComboBox, enum):
    """The combo's current data as ``enum`` (Qt hands StrEnum values back as plain strings)."""
    value = combo.currentData()
    return None if value is None else enum(value)


def _time_edit(value: time | None) -> QTimeEdit:
    edit = QTimeEdit()
    edit.setDisplayFormat("HH:mm")
    if value is not None:
        edit.setTime(QTime(value.hour, value.minute))
    return edit


class RecurrenceEditor(QWidget):
    """Frequency, month, day or "N:te veckodag", ISO week."""

    def __init__(self, parent=None):
        super().__init__(parent)
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        self.freq = QComboBox()
        for f in Freq:
            self.freq.addItem(f.label, f)
        self.month = QComboBox()
        self.by_day = QRadioButton("Dag i månaden")
        self.by_weekday = QRadioButton("Veckodag")
        group = QButtonGroup(self)
        group.addButton(self.by_day)
        group.addButton(self.by_weekday)
        self.day = QSpinBox()
        self.day.setRange(-1, 31)
        self.day.setSpecialValueText("sista")
        self.day.setValue(1)
        self.nth = QComboBox()
        for n, text in _ORDINAL_CHOICES:
            self.nth.addItem(text, n)
        self.weekday = QComboBox()
        for i, name in enumerate(SWEDISH_WEEKDAYS):
            self.weekday.addItem(name, i)
        self.week = QSpinBox()
        self.week.setRange(1, 53)
        self.week.setValue(47)
        self.preview = QLabel()
        self.preview.setObjectName("recurrencePreview")
        self.preview.setWordWrap(True)
        grid.addWidget(QLabel("Upprepas"), 0, 0)
        grid.addWidget(self.freq, 0, 1, 1, 3)
        self.month_label = QLabel("Månad")
        grid.addWidget(self.month_label, 1, 0)
        grid.addWidget(self.month, 1, 1, 1, 3)
        grid.addWidget(self.by_day, 2, 0)
        grid.addWidget(self.day, 2, 1)
        grid.addWidget(self.by_weekday, 3, 0)
        grid.addWidget(self.nth, 3, 1)
        grid.addWidget(self.weekday, 3, 2)
        self.week_label = QLabel("Vecka")
        grid.addWidget(self.week_label, 4, 0)
        grid.addWidget(self.week, 4, 1)
        grid.addWidget(self.preview, 5, 0, 1, 4)
        self.by_day.setChecked(True)
        self.day.setMinimum(-1)
        for w in (self.freq, self.month, self.nth, self.weekday):
            w.currentIndexChanged.connect(self._sync)
        for w in (self.day, self.week):
            w.valueChanged.connect(self._sync)
        self.by_day.toggled.connect(self._sync)
        self._fill_months()
        self._sync()

    def _fill_months(self) -> None:
        freq = _enum(self.freq, Freq)
        self.month.blockSignals(True)
        current = self.month.currentData()
        self.month.clear()
        if freq is Freq.KVARTAL:
            for i, text in ((1, "första"), (2, "andra"), (3, "tredje")):
                self.month.addItem(f"kvartalets {text} månad", i)
        else:
            for i, name in enumerate(SWEDISH_MONTHS, start=1):
                self.month.addItem(name, i)
        idx = self.month.findData(current)
        self.month.setCurrentIndex(max(idx, 0))
        self.month.blockSignals(False)

    def _sync(self) -> None:
        freq = _enum(self.freq, Freq)
        if self.sender() is self.freq:
            self._fill_months()
        week = freq is Freq.VECKONUMMER
        self.month.setVisible(freq in (Freq.ARLIG, Freq.KVARTAL))
        self.month_label.setVisible(freq in (Freq.ARLIG, Freq.KVARTAL))
        for w in (self.by_day, self.day):
            w.setVisible(not week)
        self.nth.setVisible(not week)
        self.by_weekday.setVisible(not week)
        self.week.setVisible(week)
        self.week_label.setVisible(week)
        self.day.setEnabled(self.by_day.isChecked())
        self.nth.setEnabled(not self.by_day.isChecked())
        try:
            self.preview.setText(self.value().describe())
        except ValidationError as exc:
            self.preview.setText(exc.message)

    def value(self) -> Recurrence:
        freq = _enum(self.freq, Freq)
        if freq is Freq.VECKONUMMER:
            rec = Recurrence(freq, week=self.week.value(), weekday=self.weekday.currentData())
        else:
            month = self.month.currentData() if freq in (Freq.ARLIG, Freq.KVARTAL) else None
            if self.by_day.isChecked():
                day = self.day.value() or -1
                rec = Recurrence(freq, month=month, day=day)
            else:
                rec = Recurrence(freq, month=month, weekday=self.weekday.currentData(), nth=self.nth.currentData())
        rec.validate()
        return rec

    def set_value(self, rec: Recurrence) -> None:
        self.freq.setCurrentIndex(self.freq.findData(Freq(rec.freq)))
        self._fill_months()
        if rec.month:
            self.month.setCurrentIndex(max(self.month.findData(rec.month), 0))
        if rec.week:
            self.week.setValue(rec.week)
        if rec.weekday is not None:
            self.weekday.setCurrentIndex(rec.weekday)
        if rec.day is not None:
            self.by_day.setChecked(True)
            self.day.setValue(rec.day if rec.day > 0 else -1)
        elif rec.nth is not None:
            self.by_weekday.setChecked(True)
            self.nth.setCurrentIndex(max(self.nth.findData(rec.nth), 0))
        self._sync()


class EventDialog(QDialog):
    """Create or edit an event series."""

    def __init__(
        self,
        year: int,
        categories: list[Category],
        anchors: list[EventDef],
        event: EventDef | None = None,
        responsibles: list[str] = (),
        parent=None,
    ):
        super().__init__(parent)
        self.setWindowTitle("Ny händelse" if event is None or not event.id else "Redigera händelse")
        # An event keeps its own year (a deadline of last December's meeting may show in January).
        self.year = event.year if event is not None and event.id else year
        self._event = event
        layout = QVBoxLayout(self)
        form = QFormLayout()
        self.title = QLineEdit()
        self.short = QLineEdit()
        self.short.setMaxLength(24)
        self.short.setPlaceholderText("syns i hjulet, högst 24 tecken")
        self.category = QComboBox()
        for c in categories:
            self.category.addItem(c.namn, c.key)
        self.responsible = QComboBox()
        self.responsible.setEditable(True)
        for r in list(ROLES) + [x for x in responsibles if x not in ROLES]:
            self.responsible.addItem(r)
        self.responsible.setCurrentText("")
        form.addRow("Rubrik", self.title)
        form.addRow("Kort etikett", self.short)
        form.addRow("Kategori (ring)", self.category)
        form.addRow("Ansvarig", self.responsible)
        layout.addLayout(form)

        when = QGroupBox("När")
        wl = QVBoxLayout(when)
        kinds = QHBoxLayout()
        self.kind_single = QRadioButton("Datum")
        self.kind_recurring = QRadioButton("Återkommande")
        self.kind_relative = QRadioButton("Relativt en annan händelse")
        for b in (self.kind_single, self.kind_recurring, self.kind_relative):
            kinds.addWidget(b)
        wl.addLayout(kinds)
        self.stack = QStackedWidget()
        single = QWidget()
        sf = QFormLayout(single)
        self.start = IsoDateEdit(date(year, clock.today().month, 1) if clock.today().year == year else date(year, 1, 1))
        self.has_end = QCheckBox("Flera dagar, till och med")
        self.end = IsoDateEdit(self.start.value())
        self.end.setEnabled(False)
        self.has_end.toggled.connect(self.end.setEnabled)
        sf.addRow("Datum", self.start)
        sf.addRow(self.has_end, self.end)
        self.recurrence = RecurrenceEditor()
        relative = QWidget()
        rf = QFormLayout(relative)
        self.anchor = QComboBox()
        self.anchor.addItem("Varje styrelsemöte", ORGAN_ANCHOR)
        for a in anchors:
            if event is None or a.id != event.id:
                self.anchor.addItem(a.title, a.id)
        self.offset = QSpinBox()
        self.offset.setRange(0, 365)
        self.unit = QComboBox()
        self.unit.addItem("dagar", "dagar")
        self.unit.addItem("veckor", "veckor")
        self.direction = QComboBox()
        self.direction.addItem("före", -1)
        self.direction.addItem("efter", 1)
        offset_row = QHBoxLayout()
        offset_row.addWidget(self.offset)
        offset_row.addWidget(self.unit)
        offset_row.addWidget(self.direction)
        self.legal = QComboBox()
        self.legal.addItem("Ingen – räkna dagar/veckor", None)
        for rule in LegalRule:
            self.legal.addItem(rule.label, rule)
        rf.addRow("Räknas från", self.anchor)
        rf.addRow("Förskjutning", offset_row)
        rf.addRow("Lagstadgad frist", self.legal)
        self.stack.addWidget(single)
        self.stack.addWidget(self.recurrence)
        self.stack.addWidget(relative)
        wl.addWidget(self.stack)
        adjust_row = QFormLayout()
        self.adjust = QComboBox()
        for a in Adjust:
            self.adjust.addItem(a.label, a)
        adjust_row.addRow("Om datumet inte är en vardag", self.adjust)
        times = QHBoxLayout()
        self.has_time = QCheckBox("Klockslag")
        self.starttid = _time_edit(time(9, 0))
        self.sluttid = _time_edit(time(12, 0))
        times.addWidget(self.has_time)
        times.addWidget(self.starttid)
        times.addWidget(QLabel("–"))
        times.addWidget(self.sluttid)
        times.addStretch(1)
        self.has_time.toggled.connect(self.starttid.setEnabled)
        self.has_time.toggled.connect(self.sluttid.setEnabled)
        adjust_row.addRow("Tid", times)
        wl.addLayout(adjust_row)
        layout.addWidget(when)

        more = QFormLayout()
        self.link_kind = QComboBox()
        self.link_kind.addItem("–", None)
        for k in LinkKind:
            self.link_kind.addItem(k.label, k)
        self.link_text = QLineEdit()
        self.link_text.setPlaceholderText("t.ex. Årsredovisning 2025, Plan för intern kontroll 2027")
        self.notes = QPlainTextEdit()
        self.notes.setFixedHeight(70)
        more.addRow("Gäller", self.link_kind)
        more.addRow("", self.link_text)
        more.addRow("Anteckning", self.notes)
        layout.addLayout(more)
        self.error = QLabel()
        self.error.setObjectName("dialogError")
        self.error.setStyleSheet("color: #C62828")
        self.error.setWordWrap(True)
        layout.addWidget(self.error)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Save).setText("Spara")
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("Avbryt")
        buttons.accepted.connect(self._accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        for i, b in enumerate((self.kind_single, self.kind_recurring, self.kind_relative)):
            b.toggled.connect(lambda on, i=i: on and self.stack.setCurrentIndex(i))
        self.kind_single.setChecked(True)
        self.has_time.setChecked(False)
        self.starttid.setEnabled(False)
        self.sluttid.setEnabled(False)
        self.result_event: EventDef | None = None
        if event is not None:
            self._load(event)

    def _load(self, e: EventDef) -> None:
        self.title.setText(e.title)
        self.short.setText(e.short)
        self.category.setCurrentIndex(max(self.category.findData(e.category), 0))
        self.responsible.setCurrentText(e.responsible)
        if e.start is not None:
            self.kind_single.setChecked(True)
            self.start.set_value(e.start)
            if e.end:
                self.has_end.setChecked(True)
                self.end.set_value(e.end)
        elif e.recurrence is not None:
            self.kind_recurring.setChecked(True)
            self.recurrence.set_value(e.recurrence)
        elif e.relative is not None:
            self.kind_relative.setChecked(True)
            rel = e.relative
            self.anchor.setCurrentIndex(
                max(self.anchor.findData(ORGAN_ANCHOR if rel.anchor_organ_id is not None else rel.anchor_event_id), 0)
            )
            self.offset.setValue(abs(rel.offset))
            self.unit.setCurrentIndex(max(self.unit.findData(rel.unit), 0))
            self.direction.setCurrentIndex(0 if rel.offset < 0 else 1)
            if rel.legal:
                self.legal.setCurrentIndex(max(self.legal.findData(LegalRule(rel.legal)), 0))
        self.adjust.setCurrentIndex(max(self.adjust.findData(Adjust(e.adjust)), 0))
        if e.starttid:
            self.has_time.setChecked(True)
            self.starttid.setTime(QTime(e.starttid.hour, e.starttid.minute))
            if e.sluttid:
                self.sluttid.setTime(QTime(e.sluttid.hour, e.sluttid.minute))
        if e.link:
            self.link_kind.setCurrentIndex(max(self.link_kind.findData(LinkKind(e.link.kind)), 0))
            self.link_text.setText(e.link.text)
        self.notes.setPlainText(e.notes)

    def value(self) -> EventDef:
        start = end = recurrence = relative = None
        if self.kind_single.isChecked():
            start = self.start.value()
            end = self.end.value() if self.has_end.isChecked() else None
        elif self.kind_recurring.isChecked():
            recurrence = self.recurrence.value()
        else:
            anchor = self.anchor.currentData()
            offset = self.offset.value() * self.direction.currentData()
            legal = _enum(self.legal, LegalRule)
            if anchor == ORGAN_ANCHOR:
                relative = Relative(anchor_organ_id=1, offset=offset, unit=self.unit.currentData(), legal=legal)
            else:
                relative = Relative(anchor_event_id=anchor, offset=offset, unit=self.unit.currentData(), legal=legal)
        starttid = sluttid = None
        if self.has_time.isChecked():
            t0, t1 = self.starttid.time(), self.sluttid.time()
            starttid, sluttid = time(t0.hour(), t0.minute()), time(t1.hour(), t1.minute())
        link_kind = _enum(self.link_kind, LinkKind)
        link = Link(link_kind, None, self.link_text.text().strip()) if link_kind else None
        base = self._event or EventDef(0, self.year, "", "")
        event = replace(
            base,
            year=self.year,
            title=self.title.text().strip(),
            short=self.short.text().strip(),
            category=self.category.currentData(),
            start=start,
            end=end,
            recurrence=recurrence,
            relative=relative,
            starttid=starttid,
            sluttid=sluttid,
            responsible=self.responsible.currentText().strip(),
            notes=self.notes.toPlainText().strip(),
            adjust=_enum(self.adjust, Adjust),
            link=link,
        )
        event.validate()
        return event

    def _accept(self) -> None:
        try:
            self.result_event = self.value()
        except ValidationError as exc:
            self.error.setText(str(exc))
            return
        self.accept()


class OccurrenceDialog(QDialog):
    """One occurrence: details, status buttons, move, edit the series."""

    (ACTION_DONE, ACTION_CANCEL, ACTION_PLANNED, ACTION_MOVE, ACTION_RESET, ACTION_EDIT, ACTION_DELETE, ACTION_NOTE) = (
        range(8)
    )

    def __init__(self, occurrence: Occurrence, category_name: str, read_only: bool = False, parent=None):
        super().__init__(parent)
        o = occurrence
        self.occurrence = o
        self.action: int | None = None
        self.setWindowTitle(o.title)
        layout = QVBoxLayout(self)
        info = QLabel()
        info.setTextFormat(Qt.TextFormat.RichText)
        info.setWordWrap(True)
        lines = [
            f"<h3>{_esc(o.title)}</h3>",
            f"<b>{o.date_text}</b> ({SWEDISH_WEEKDAYS[o.date.weekday()]}, vecka {o.week})"
            + (f", kl. {o.time_text}" if o.time_text else ""),
            f"{_esc(category_name)} · {o.kind_text} · status <b>{o.status.label}</b>",
        ]
        if o.responsible:
            lines.append(f"Ansvarig: {_esc(o.responsible)}")
        if o.link:
            lines.append(_esc(o.link.label))
        if o.plats:
            lines.append(f"Plats: {_esc(o.plats)}")
        if o.flag:
            lines.append(f"<span style='color:#C62828'><b>{_esc(o.flag_text)}</b></span>")
        if o.adjust_text:
            lines.append(f"<i>{_esc(o.adjust_text)}</i>")
        if o.moved:
            lines.append(f"<i>Flyttad; seriens datum är {o.generated.isoformat()}</i>")
        if o.notes:
            lines.append(_esc(o.notes).replace("\n", "<br>"))
        if o.occurrence_note:
            lines.append(f"Anteckning för detta tillfälle: {_esc(o.occurrence_note)}")
        if o.meeting_id is not None:
            lines.append("<i>Sammanträdet hanteras i fliken Sammanträden; här kan det flyttas.</i>")
        info.setText("<br>".join(lines))
        layout.addWidget(info)
        row = QHBoxLayout()
        self.move_date = IsoDateEdit(o.date)
        if o.meeting_id is None:
            for text, action in (
                ("Markera klar", self.ACTION_DONE),
                ("Ställ in", self.ACTION_CANCEL),
                ("Planerad", self.ACTION_PLANNED),
            ):
                b = QPushButton(text)
                b.setEnabled(not read_only)
                b.clicked.connect(lambda _=False, a=action: self._done(a))
                row.addWidget(b)
        layout.addLayout(row)
        move = QHBoxLayout()
        move.addWidget(QLabel("Flytta detta tillfälle till"))
        move.addWidget(self.move_date)
        mb = QPushButton("Flytta")
        mb.setEnabled(not read_only)
        mb.clicked.connect(lambda: self._done(self.ACTION_MOVE))
        move.addWidget(mb)
        if o.moved:
            rb = QPushButton("Återställ seriens datum")
            rb.setEnabled(not read_only)
            rb.clicked.connect(lambda: self._done(self.ACTION_RESET))
            move.addWidget(rb)
        layout.addLayout(move)
        if o.event_id is not None:
            note_row = QHBoxLayout()
            self.note = QLineEdit(o.occurrence_note)
            self.note.setPlaceholderText("Anteckning för just detta tillfälle")
            self.note.setReadOnly(read_only)
            note_button = QPushButton("Spara anteckning")
            note_button.setEnabled(not read_only)
            note_button.clicked.connect(lambda: self._done(self.ACTION_NOTE))
            note_row.addWidget(self.note, 1)
            note_row.addWidget(note_button)
            layout.addLayout(note_row)
        bottom = QDialogButtonBox()
        if o.event_id is not None:
            edit = bottom.addButton("Redigera serien…", QDialogButtonBox.ButtonRole.ActionRole)
            edit.setEnabled(not read_only)
            edit.clicked.connect(lambda: self._done(self.ACTION_EDIT))
            delete = bottom.addButton("Ta bort serien", QDialogButtonBox.ButtonRole.DestructiveRole)
            delete.setEnabled(not read_only)
            delete.clicked.connect(lambda: self._done(self.ACTION_DELETE))
        close = bottom.addButton("Stäng", QDialogButtonBox.ButtonRole.RejectRole)
        close.clicked.connect(self.reject)
        layout.addWidget(bottom)

    def _done(self, action: int) -> None:
        self.action = action
        self.accept()


class PlanDialog(QDialog):
    """Enter the styrelse's sammanträdesplan for a year (text as in the protocol), preview, create."""

    def __init__(self, year: int, proposal: list[PlanEntry], parent=None):
        super().__init__(parent)
        self.setWindowTitle(f"Sammanträdesplan {year}")
        self.year = year
        self.entries: list[PlanEntry] = []
        layout = QVBoxLayout(self)
        intro = QLabel(
            "Skriv eller klistra in styrelsens sammanträdesplan, en rad per möte, till exempel "
            "”17 mars  Styrelsemöte, beslut om årsredovisningen”. En rad med ”kl. 09.00-12.00” sätter "
            "standardtiden; ”heldag” ger heldagstid. Sammanträdena skapas i fliken Sammanträden och "
            "beredning, kallelse, justering och anslag räknas fram för varje möte."
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        form = QFormLayout()
        self.default_time = QLineEdit("09:00-12:00")
        self.place = QLineEdit()
        form.addRow("Standardtid", self.default_time)
        form.addRow("Plats", self.place)
        layout.addLayout(form)
        self.text = QPlainTextEdit()
        self.text.setMinimumHeight(160)
        if proposal:
            self.text.setPlainText(
                "\n".join(
                    f"{e.datum.day} {SWEDISH_MONTHS[e.datum.month - 1]}  Styrelsemöte"
                    + (f", {e.anteckning}" if e.anteckning else "")
                    for e in proposal
                )
            )
            if proposal[0].plats:
                self.place.setText(proposal[0].plats)
        layout.addWidget(self.text)
        self.table = QTableWidget(0, 4)
        self.table.setHorizontalHeaderLabels(["Datum", "Dag", "Tid", "Anteckning"])
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.verticalHeader().setVisible(False)
        layout.addWidget(self.table)
        self.message = QLabel()
        self.message.setWordWrap(True)
        layout.addWidget(self.message)
        buttons = QDialogButtonBox()
        self.preview_button = buttons.addButton("Förhandsgranska", QDialogButtonBox.ButtonRole.ActionRole)
        self.create_button = buttons.addButton("Skapa sammanträden", QDialogButtonBox.ButtonRole.AcceptRole)
        cancel = buttons.addButton("Avbryt", QDialogButtonBox.ButtonRole.RejectRole)
        self.preview_button.clicked.connect(self.preview)
        self.create_button.clicked.connect(self._accept)
        cancel.clicked.connect(self.reject)
        layout.addWidget(buttons)
        self.resize(640, 620)
        self.text.textChanged.connect(lambda: self.message.setText(""))

    def preview(self) -> bool:
        try:
            entries = parse_plan(self.text.toPlainText(), self.year, self.default_time.text())
        except FinsamError as exc:
            self.message.setStyleSheet("color: #C62828")
            self.message.setText(str(exc))
            self.table.setRowCount(0)
            return False
        place = self.place.text().strip()
        self.entries = [replace(e, plats=place) for e in entries]
        self.table.setRowCount(len(entries))
        warnings = []
        for r, e in enumerate(entries):
            tid = f"{e.starttid:%H.%M}–{e.sluttid:%H.%M}" if e.starttid and e.sluttid else ""
            for c, text in enumerate(
                (
                    e.datum.isoformat(),
                    SWEDISH_WEEKDAYS[e.datum.weekday()],
                    tid,
                    e.anteckning + (" (konstituerande)" if e.typ == "konstituerande" else ""),
                )
            ):
                item = QTableWidgetItem(text)
                if e.weekday_warning:
                    item.setForeground(Qt.GlobalColor.red)
                self.table.setItem(r, c, item)
            if e.weekday_warning:
                warnings.append(e.weekday_warning)
        self.table.resizeColumnsToContents()
        self.message.setStyleSheet("color: #C62828" if warnings else "")
        self.message.setText(
            f"{len(entries)} sammanträden." + (" Obs: " + "; ".join(warnings) + "." if warnings else "")
        )
        return True

    def _accept(self) -> None:
        if self.preview():
            self.accept()


def ask_year(parent: QWidget, title: str, label: str, default: int) -> int | None:
    from PySide6.QtWidgets import QInputDialog

    value, ok = QInputDialog.getInt(parent, title, label, default, 2000, 2100)
    return value if ok else None


def show_error(parent: QWidget, exc: Exception) -> None:
    QMessageBox.warning(parent, "Det gick inte", str(exc))


def _esc(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


__all__ = [
    "CategoriesDialog",
    "EventDialog",
    "OccurrenceDialog",
    "PlanDialog",
    "RecurrenceEditor",
    "ask_year",
    "show_error",
]


class CategoriesDialog(QDialog):
    """Rename and recolour the rings."""

    def __init__(self, categories: list[Category], parent=None):
        super().__init__(parent)
        self.setWindowTitle("Ringar och färger")
        self._categories = list(categories)
        layout = QVBoxLayout(self)
        layout.addWidget(
            QLabel("Ringarna visas inifrån och ut i den här ordningen. Klicka på en färg för att byta den.")
        )
        grid = QGridLayout()
        self.names: list[QLineEdit] = []
        self.colours: list[str] = []
        self.buttons: list[QPushButton] = []
        for row, c in enumerate(self._categories):
            name = QLineEdit(c.namn)
            button = QPushButton(c.farg)
            button.setStyleSheet(self._style(c.farg))
            button.clicked.connect(lambda _=False, r=row: self._pick(r))
            grid.addWidget(QLabel(f"{row + 1}."), row, 0)
            grid.addWidget(name, row, 1)
            grid.addWidget(button, row, 2)
            self.names.append(name)
            self.colours.append(c.farg)
            self.buttons.append(button)
        layout.addLayout(grid)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Save).setText("Spara")
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("Avbryt")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    @staticmethod
    def _style(colour: str) -> str:
        return f"background:{colour}; color:white; font-weight:bold; padding:3px 10px;"

    def _pick(self, row: int) -> None:
        from PySide6.QtGui import QColor
        from PySide6.QtWidgets import QColorDialog

        colour = QColorDialog.getColor(QColor(self.colours[row]), self, "Välj färg")
        if colour.isValid():
            self.set_colour(row, colour.name().upper())

    def set_colour(self, row: int, colour: str) -> None:
        self.colours[row] = colour
        self.buttons[row].setText(colour)
        self.buttons[row].setStyleSheet(self._style(colour))

    def changed(self) -> list[tuple[Category, Category]]:
        """(before, after) for every ring the user changed."""
        out = []
        for c, name, colour in zip(self._categories, self.names, self.colours, strict=True):
            new = replace(c, namn=name.text().strip(), farg=colour)
            if new != c:
                out.append((c, new))
        return out
