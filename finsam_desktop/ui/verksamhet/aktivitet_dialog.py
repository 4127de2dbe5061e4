"""The aktivitet form of the Verksamhet tab: what ``AktiviteterService.save_aktivitet`` takes – datum, titel, typ,
arrangör, format, målgrupp, the planned number in all (empty: the members' planned numbers added up), participants
from outside the members, a note, and one row per member organisation of the förbund with its planned and present
participants (counts only). The totals are shown as they are typed. Bad input is shown in the dialog in Swedish (the
service's message); the dialog stays open until the save succeeds."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from finsam_desktop.domain.common.errors import FinsamError, ValidationError
from finsam_desktop.domain.organisation.model import Member
from finsam_desktop.domain.verksamhet.aktiviteter import (
    MAX_COUNT,
    Aktivitet,
    AktivitetTyp,
    Deltagande,
    Format,
)
from finsam_desktop.ui.widgets.date_edit import IsoDateEdit

#: The participant table's columns.
MEMBER_COL, PLANNED_COL, PRESENT_COL, NOTE_COL = range(4)
MEMBER_ROLE = Qt.ItemDataRole.UserRole + 1


def parse_count(text: str, field: str) -> int | None:
    """ "12" → 12, "" → None; anything else is refused in Swedish naming ``field``."""
    raw = text.strip().replace("\u00a0", "").replace(" ", "")
    if not raw:
        return None
    try:
        return int(raw)
    except ValueError:
        raise ValidationError(f"”{text.strip()}” är inget heltal.", field) from None


def _text(n: int | None) -> str:
    return "" if n is None else str(n)


class AktivitetDialog(QDialog):
    """``submit(aktivitet)`` saves; a ``FinsamError`` from it is shown and the dialog stays open."""

    def __init__(
        self,
        aktivitet: Aktivitet,
        members: Sequence[Member],
        submit: Callable[[Aktivitet], object],
        parent: QWidget | None = None,
    ):
        super().__init__(parent)
        self.aktivitet, self.submit = aktivitet, submit
        self.setWindowTitle("Ny aktivitet" if aktivitet.id is None else f"Ändra aktivitet – {aktivitet.titel[:60]}")
        self.setMinimumWidth(640)
        self.datum = IsoDateEdit(aktivitet.datum)
        self.datum.setAccessibleName("Datum")
        self.titel = QLineEdit(aktivitet.titel)
        self.titel.setAccessibleName("Titel")
        self.titel.setPlaceholderText("t.ex. Digitalt samverkansforum")
        self.typ = QComboBox()
        self.typ.setAccessibleName("Typ av aktivitet")
        for t in AktivitetTyp:
            self.typ.addItem(t.label, t)
        self.typ.setCurrentIndex(self.typ.findData(aktivitet.typ))
        self.arrangor = QLineEdit(aktivitet.arrangor)
        self.arrangor.setAccessibleName("Arrangör")
        self.format = QComboBox()
        self.format.setAccessibleName("Format")
        for f in Format:
            self.format.addItem(f.label, f)
        self.format.setCurrentIndex(self.format.findData(aktivitet.format))
        self.malgrupp = QLineEdit(aktivitet.malgrupp)
        self.malgrupp.setAccessibleName("Målgrupp")
        self.planerat = QLineEdit(_text(aktivitet.planerat))
        self.planerat.setAccessibleName("Planerat antal totalt")
        self.planerat.setPlaceholderText("tomt: medlemmarnas planerade antal sammanlagt")
        self.ovriga = QSpinBox()
        self.ovriga.setRange(0, MAX_COUNT)
        self.ovriga.setValue(aktivitet.ovriga)
        self.ovriga.setAccessibleName("Övriga deltagare (utanför medlemmarna)")
        self.table = self._participants(aktivitet, members)
        self.totals = QLabel()
        self.totals.setAccessibleName("Summa deltagare")
        self.anteckning = QPlainTextEdit(aktivitet.anteckning)
        self.anteckning.setAccessibleName("Anteckning")
        self.anteckning.setFixedHeight(56)
        self.anteckning.setTabChangesFocus(True)
        form = QFormLayout()
        for text, widget in (
            ("&Datum", self.datum),
            ("&Titel", self.titel),
            ("T&yp", self.typ),
            ("A&rrangör", self.arrangor),
            ("&Format", self.format),
            ("&Målgrupp", self.malgrupp),
            ("&Planerat antal totalt", self.planerat),
            ("Ö&vriga deltagare", self.ovriga),
        ):
            form.addRow(text, widget)
        table_label = QLabel("Deltagare per medl&em (planerat och faktiskt antal; tomt = okänt)")
        table_label.setBuddy(self.table)
        note_label = QLabel("A&nteckning")
        note_label.setBuddy(self.anteckning)
        self.error = QLabel()
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #A61B1B")
        self.error.setAccessibleName("Fel")
        box = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        ok = box.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText("&Spara")
        ok.setAccessibleName("Spara aktiviteten")
        cancel = box.button(QDialogButtonBox.StandardButton.Cancel)
        cancel.setText("Avbryt")
        cancel.setAccessibleName("Avbryt")
        box.accepted.connect(self.accept)
        box.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(table_label)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.totals)
        layout.addWidget(note_label)
        layout.addWidget(self.anteckning)
        layout.addWidget(self.error)
        layout.addWidget(box)
        self.table.itemChanged.connect(lambda _i: self._update_totals())
        self.planerat.textChanged.connect(lambda _t: self._update_totals())
        self.ovriga.valueChanged.connect(lambda _v: self._update_totals())
        self._update_totals()

    def _participants(self, aktivitet: Aktivitet, members: Sequence[Member]) -> QTableWidget:
        """One row per member organisation (in the förbund's order); a stored row for an organisation that is no
        longer a member is kept at the end so that nothing is dropped unseen."""
        rows: list[tuple[int, str]] = [(m.id, m.namn) for m in members]
        known = {m.id for m in members}
        rows += [
            (d.member_id, d.member or f"Medlem {d.member_id}") for d in aktivitet.deltagande if d.member_id not in known
        ]
        table = QTableWidget(len(rows), 4)
        table.setAccessibleName("Deltagare per medlem")
        table.setAccessibleDescription(
            "En rad per medlemsorganisation: planerat antal, antal som deltog och en anteckning (t.ex. enhet)."
        )
        table.setHorizontalHeaderLabels(["Medlem", "Planerat", "Deltog", "Anteckning"])
        table.verticalHeader().setVisible(False)
        table.setTabKeyNavigation(False)
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        header = table.horizontalHeader()
        header.setSectionResizeMode(MEMBER_COL, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(PLANNED_COL, QHeaderView.ResizeMode.Fixed)
        header.setSectionResizeMode(PRESENT_COL, QHeaderView.ResizeMode.Fixed)
        header.setSectionResizeMode(NOTE_COL, QHeaderView.ResizeMode.Stretch)
        table.setColumnWidth(PLANNED_COL, 90)
        table.setColumnWidth(PRESENT_COL, 90)
        for r, (member_id, namn) in enumerate(rows):
            d = aktivitet.for_member(member_id)
            name_item = QTableWidgetItem(namn)
            name_item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
            name_item.setData(MEMBER_ROLE, member_id)
            table.setItem(r, MEMBER_COL, name_item)
            for col, text in (
                (PLANNED_COL, _text(d.planerat) if d else ""),
                (PRESENT_COL, _text(d.faktiskt) if d else ""),
                (NOTE_COL, d.anteckning if d else ""),
            ):
                item = QTableWidgetItem(text)
                if col != NOTE_COL:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                table.setItem(r, col, item)
        table.resizeRowsToContents()
        height = table.horizontalHeader().height() + sum(table.rowHeight(r) for r in range(len(rows))) + 4
        table.setMinimumHeight(min(height, 320))
        return table

    def set_count(self, member: str, planerat: str = "", faktiskt: str = "", anteckning: str = "") -> None:
        """Fill ``member``'s row (what a user types in the table's cells)."""
        for r in range(self.table.rowCount()):
            if self.table.item(r, MEMBER_COL).text() == member:
                self.table.item(r, PLANNED_COL).setText(planerat)
                self.table.item(r, PRESENT_COL).setText(faktiskt)
                self.table.item(r, NOTE_COL).setText(anteckning)
                return
        raise KeyError(member)

    def _deltagande(self) -> tuple[Deltagande, ...]:
        out = []
        for r in range(self.table.rowCount()):
            name_item = self.table.item(r, MEMBER_COL)
            namn = name_item.text()
            planerat = parse_count(self.table.item(r, PLANNED_COL).text(), f"Planerat antal för {namn} (rad {r + 1})")
            faktiskt = parse_count(self.table.item(r, PRESENT_COL).text(), f"Antal deltagare för {namn} (rad {r + 1})")
            note = self.table.item(r, NOTE_COL).text().strip()
            if planerat is None and faktiskt is None and not note:
                continue
            out.append(Deltagande(name_item.data(MEMBER_ROLE), planerat, faktiskt, note, namn))
        return tuple(out)

    def value(self) -> Aktivitet:
        """The aktivitet as typed; a count that is not a whole number raises ``ValidationError``."""
        return Aktivitet(
            self.aktivitet.id,
            self.datum.value(),
            self.titel.text(),
            self.typ.currentData(),
            self.arrangor.text(),
            self.format.currentData(),
            self.malgrupp.text(),
            parse_count(self.planerat.text(), "Planerat antal totalt"),
            self.ovriga.value(),
            self.anteckning.toPlainText(),
            self._deltagande(),
        )

    def _update_totals(self) -> None:
        try:
            a = self.value()
        except ValidationError as exc:
            self.totals.setText(f"Summa: – ({exc})")
            return
        planned = "–" if a.planerat_totalt is None else str(a.planerat_totalt)
        present = "–" if a.faktiskt is None else str(a.faktiskt)
        self.totals.setText(f"Summa: planerat {planned}, deltog {present} (medlemmarna och övriga).")

    def accept(self) -> None:
        try:
            self.submit(self.value())
        except FinsamError as exc:
            self.error.setText(str(exc))
            return
        super().accept()
