"""Small dialogs of the Sammanträden tab: new meeting, kallelse sent, uppdrag, omröstning."""

from __future__ import annotations

from datetime import date, time

from PySide6.QtCore import QDate, QTime
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from finsam_desktop import clock
from finsam_desktop.domain.sammantraden.kinds import MeetingType, UppdragStatus


def iso_date_edit(value: date | None = None, parent: QWidget | None = None) -> QDateEdit:
    edit = QDateEdit(parent)
    edit.setDisplayFormat("yyyy-MM-dd")
    edit.setCalendarPopup(True)
    d = value or clock.today()
    edit.setDate(QDate(d.year, d.month, d.day))
    return edit


def date_of(edit: QDateEdit) -> date:
    q = edit.date()
    return date(q.year(), q.month(), q.day())


def _buttons(dialog: QDialog, ok_text: str) -> QDialogButtonBox:
    box = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
    box.button(QDialogButtonBox.StandardButton.Ok).setText(ok_text)
    box.button(QDialogButtonBox.StandardButton.Cancel).setText("Avbryt")
    box.accepted.connect(dialog.accept)
    box.rejected.connect(dialog.reject)
    return box


class NewMeetingDialog(QDialog):
    """Organ, type, date, time, place or "digitalt"."""

    def __init__(self, organs, default_date: date, parent: QWidget | None = None, default_place: str = ""):
        super().__init__(parent)
        self.setWindowTitle("Nytt sammanträde")
        form = QFormLayout()
        self.organ = QComboBox()
        for o in organs:
            self.organ.addItem(o.namn, o.id)
        self.typ = QComboBox()
        for t in MeetingType:
            self.typ.addItem(t.label, t)
        self.datum = iso_date_edit(default_date)
        self.starttid = QTimeEdit(QTime(9, 0))
        self.starttid.setDisplayFormat("HH:mm")
        self.sluttid = QTimeEdit(QTime(12, 0))
        self.sluttid.setDisplayFormat("HH:mm")
        self.plats = QLineEdit(default_place)
        self.plats.setPlaceholderText("Lokal och adress")
        self.digital = QCheckBox("&Digitalt (via länk)")
        self.digital.toggled.connect(self._on_digital)
        self.mall = QCheckBox("Skapa &dagordning från mallen och fyll i närvaron från mandaten")
        self.mall.setChecked(True)
        for label, widget in (
            ("&Organ", self.organ),
            ("&Typ", self.typ),
            ("D&atum", self.datum),
            ("&Starttid", self.starttid),
            ("Sl&uttid", self.sluttid),
            ("&Plats", self.plats),
        ):
            form.addRow(label, widget)
        form.addRow("", self.digital)
        form.addRow("", self.mall)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        self.error = QLabel()
        self.error.setStyleSheet("color:#b3261e")
        self.error.setWordWrap(True)
        self.error.hide()
        layout.addWidget(self.error)
        layout.addWidget(_buttons(self, "Skapa"))

    def _on_digital(self, on: bool) -> None:
        self.plats.setPlaceholderText("Frivilligt: lokal för den som vill sitta på plats" if on else "Lokal och adress")

    def show_error(self, text: str) -> None:
        self.error.setText(text)
        self.error.show()

    def values(self) -> dict:
        st = self.starttid.time()
        sl = self.sluttid.time()
        return {
            "organ_id": self.organ.currentData(),
            "typ": MeetingType(self.typ.currentData()),
            "datum": date_of(self.datum),
            "starttid": time(st.hour(), st.minute()),
            "sluttid": time(sl.hour(), sl.minute()) if sl > st else None,
            "plats": self.plats.text().strip(),
            "digital": self.digital.isChecked(),
            "with_agenda": self.mall.isChecked(),
            "prefill_attendance": self.mall.isChecked(),
        }


class KallelseSentDialog(QDialog):
    def __init__(self, meeting_date: date, days_before: int, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle("Kallelsen skickad")
        layout = QVBoxLayout(self)
        info = QLabel(
            f"Sammanträdet hålls {meeting_date.isoformat()}. Enligt förbundets inställning ska kallelsen gå ut "
            f"senast {days_before} dagar före."
        )
        info.setWordWrap(True)
        layout.addWidget(info)
        form = QFormLayout()
        self.sent = iso_date_edit(min(clock.today(), meeting_date))
        form.addRow("&Skickad den", self.sent)
        layout.addLayout(form)
        layout.addWidget(_buttons(self, "Registrera"))

    def value(self) -> date:
        return date_of(self.sent)


class UppdragDialog(QDialog):
    """Who, what, by when, status."""

    def __init__(self, persons, parent: QWidget | None = None, *, beskrivning: str = "", uppdrag=None):
        super().__init__(parent)
        self.setWindowTitle("Uppdrag" if uppdrag else "Nytt uppdrag")
        form = QFormLayout()
        self.beskrivning = QPlainTextEdit(uppdrag.beskrivning if uppdrag else beskrivning)
        self.beskrivning.setTabChangesFocus(True)
        self.beskrivning.setFixedHeight(80)
        self.ansvarig = QComboBox()
        self.ansvarig.setEditable(True)
        self.ansvarig.addItem("", None)
        for p in persons:
            self.ansvarig.addItem(p.namn, p.id)
        self.har_deadline = QCheckBox("Har &slutdatum")
        self.deadline = iso_date_edit(uppdrag.deadline if uppdrag and uppdrag.deadline else clock.today())
        self.har_deadline.setChecked(bool(uppdrag and uppdrag.deadline) or uppdrag is None)
        self.deadline.setEnabled(self.har_deadline.isChecked())
        self.har_deadline.toggled.connect(self.deadline.setEnabled)
        self.status = QComboBox()
        for s in UppdragStatus:
            self.status.addItem(s.label, s)
        self.kommentar = QLineEdit(uppdrag.kommentar if uppdrag else "")
        if uppdrag:
            i = self.ansvarig.findData(uppdrag.ansvarig_person_id) if uppdrag.ansvarig_person_id else -1
            if i >= 0:
                self.ansvarig.setCurrentIndex(i)
            else:
                self.ansvarig.setEditText(uppdrag.ansvarig)
            self.status.setCurrentIndex(self.status.findData(uppdrag.status))
        form.addRow("&Vad", self.beskrivning)
        form.addRow("&Ansvarig", self.ansvarig)
        form.addRow("", self.har_deadline)
        form.addRow("&Klart senast", self.deadline)
        form.addRow("S&tatus", self.status)
        form.addRow("K&ommentar", self.kommentar)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(_buttons(self, "Spara"))

    def values(self) -> dict:
        text = self.ansvarig.currentText().strip()
        index = self.ansvarig.findText(text)
        person_id = self.ansvarig.itemData(index) if index >= 0 else None
        return {
            "beskrivning": self.beskrivning.toPlainText().strip(),
            "ansvarig_person_id": person_id,
            "ansvarig": text,
            "deadline": date_of(self.deadline) if self.har_deadline.isChecked() else None,
            "status": UppdragStatus(self.status.currentData()),
            "kommentar": self.kommentar.text().strip(),
        }


class VoteDialog(QDialog):
    """Omröstning: the proposition and the counts (open votes may be recorded by name)."""

    def __init__(self, voters, parent: QWidget | None = None, vote=None):
        super().__init__(parent)
        from finsam_desktop.domain.sammantraden.kinds import Rost

        self.setWindowTitle("Omröstning")
        form = QFormLayout()
        self.proposition = QLineEdit(vote.proposition if vote else "")
        self.proposition.setPlaceholderText("Ja för förslaget, nej för …")
        self.sluten = QCheckBox("&Sluten omröstning (inga namn)")
        form.addRow("&Proposition", self.proposition)
        form.addRow("", self.sluten)
        self.by_name: dict[int, QComboBox] = {}
        for person_id, namn in voters:
            combo = QComboBox()
            combo.addItem("–", None)
            for r, label in ((Rost.JA, "Ja"), (Rost.NEJ, "Nej"), (Rost.AVSTAR, "Avstår")):
                combo.addItem(label, r)
            if vote:
                for pid, _n, rost in vote.votes:
                    if pid == person_id:
                        combo.setCurrentIndex(combo.findData(rost))
            combo.currentIndexChanged.connect(self._recount)
            self.by_name[person_id] = combo
            form.addRow(namn, combo)
        self.ja, self.nej, self.avstar = QSpinBox(), QSpinBox(), QSpinBox()
        for spin, label, value in (
            (self.ja, "&Ja", vote.ja if vote else 0),
            (self.nej, "&Nej", vote.nej if vote else 0),
            (self.avstar, "A&vstår", vote.avstar if vote else 0),
        ):
            spin.setRange(0, 99)
            spin.setValue(value)
            form.addRow(label, spin)
        if vote:
            self.sluten.setChecked(vote.sluten)
        self.sluten.toggled.connect(self._on_sluten)
        self._on_sluten(self.sluten.isChecked())
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(_buttons(self, "Spara"))

    def _on_sluten(self, on: bool) -> None:
        for combo in self.by_name.values():
            combo.setEnabled(not on)
        self._recount()

    def _named(self) -> dict:
        from finsam_desktop.domain.sammantraden.kinds import Rost

        if self.sluten.isChecked():
            return {}
        # Qt hands enum item data back as plain strings
        return {pid: Rost(c.currentData()) for pid, c in self.by_name.items() if c.currentData() is not None}

    def _recount(self) -> None:
        named = self._named()
        by_name = bool(named)
        for spin in (self.ja, self.nej, self.avstar):
            spin.setReadOnly(by_name)
        if by_name:
            values = [str(v) for v in named.values()]
            self.ja.setValue(values.count("ja"))
            self.nej.setValue(values.count("nej"))
            self.avstar.setValue(values.count("avstar"))

    def values(self) -> dict:
        named = self._named()
        return {
            "proposition": self.proposition.text().strip(),
            "votes": named or None,
            "ja": self.ja.value(),
            "nej": self.nej.value(),
            "avstar": self.avstar.value(),
            "sluten": self.sluten.isChecked(),
        }


class PhraseDialog(QDialog):
    """The förbund's library of standard phrases (att-satser): add, change, remove."""

    def __init__(self, service, parent: QWidget | None = None, read_only: bool = False):
        from PySide6.QtWidgets import QHBoxLayout, QListWidget, QListWidgetItem, QMessageBox, QPushButton

        super().__init__(parent)
        self._svc = service
        self._item_cls = QListWidgetItem
        self._box = QMessageBox
        self.setWindowTitle("Standardfraser")
        self.resize(640, 460)
        layout = QVBoxLayout(self)
        info = QLabel("Fraserna kan väljas som att-satser i protokollet (Ctrl+Skift+F). Ändringar sparas direkt.")
        info.setWordWrap(True)
        layout.addWidget(info)
        self.list = QListWidget()
        self.list.setAccessibleName("Standardfraser")
        layout.addWidget(self.list, 1)
        form = QFormLayout()
        self.kategori = QLineEdit()
        self.kategori.setPlaceholderText("t.ex. Information, Ekonomi, Ansökningar")
        self.text = QLineEdit()
        self.text.setPlaceholderText("Att …")
        form.addRow("&Kategori", self.kategori)
        form.addRow("&Fras", self.text)
        layout.addLayout(form)
        row = QHBoxLayout()
        self.new = QPushButton("&Ny")
        self.save = QPushButton("&Spara frasen")
        self.remove = QPushButton("&Ta bort")
        for b in (self.new, self.save, self.remove):
            row.addWidget(b)
            b.setEnabled(not read_only)
        row.addStretch(1)
        self.error = QLabel()
        self.error.setStyleSheet("color:#b3261e")
        row.addWidget(self.error)
        layout.addLayout(row)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.button(QDialogButtonBox.StandardButton.Close).setText("Stäng")
        close.rejected.connect(self.reject)
        layout.addWidget(close)
        self.list.currentRowChanged.connect(self._on_row)
        self.new.clicked.connect(self._on_new)
        self.save.clicked.connect(self._on_save)
        self.remove.clicked.connect(self._on_remove)
        self._phrases = []
        self._current_id = 0
        self.reload()

    def reload(self, select_id: int | None = None) -> None:
        self._phrases = self._svc.paragraphs.list_phrases()
        self.list.clear()
        for p in self._phrases:
            item = self._item_cls(f"{p.text}" + (f"   [{p.kategori}]" if p.kategori else ""))
            self.list.addItem(item)
        ids = [p.id for p in self._phrases]
        if select_id in ids:
            self.list.setCurrentRow(ids.index(select_id))
        elif ids:
            self.list.setCurrentRow(0)

    def _on_row(self, row: int) -> None:
        if 0 <= row < len(self._phrases):
            p = self._phrases[row]
            self._current_id = p.id
            self.kategori.setText(p.kategori)
            self.text.setText(p.text)
        self.error.clear()

    def _on_new(self) -> None:
        self._current_id = 0
        self.list.clearSelection()
        self.text.setText("Att ")
        self.text.setFocus()

    def _on_save(self) -> None:
        from finsam_desktop.domain.common.errors import FinsamError
        from finsam_desktop.domain.sammantraden.items import StandardPhrase

        try:
            saved = self._svc.paragraphs.save_phrase(
                StandardPhrase(self._current_id, self.kategori.text(), self.text.text())
            )
        except FinsamError as exc:
            self.error.setText(str(exc))
            return
        self.reload(saved.id)

    def _on_remove(self) -> None:
        from finsam_desktop.domain.common.errors import FinsamError

        if not self._current_id:
            return
        try:
            self._svc.paragraphs.remove_phrase(self._current_id)
        except FinsamError as exc:
            self.error.setText(str(exc))
            return
        self._current_id = 0
        self.reload()
