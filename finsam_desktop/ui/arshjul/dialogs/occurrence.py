"""One occurrence: its details, status, a moved date and a note for this time only."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QHBoxLayout, QLabel, QLineEdit, QPushButton, QVBoxLayout

from finsam_desktop.domain.arshjul.occurrences import Occurrence
from finsam_desktop.domain.common.dates import SWEDISH_WEEKDAYS
from finsam_desktop.ui.widgets.date_edit import IsoDateEdit


def _esc(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


class OccurrenceDialog(QDialog):
    """One occurrence: details, status buttons, move, edit the series."""

    (
        ACTION_DONE,
        ACTION_CANCEL,
        ACTION_PLANNED,
        ACTION_MOVE,
        ACTION_RESET,
        ACTION_EDIT,
        ACTION_DELETE,
        ACTION_NOTE,
        ACTION_GO_TO_AREA,
    ) = range(9)

    def __init__(
        self,
        occurrence: Occurrence,
        category_name: str,
        read_only: bool = False,
        parent=None,
        can_go_to_area: bool = False,
    ):
        """``can_go_to_area``: the window can show another tab, so an event whose status comes from another area
        offers to go there."""
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
        if o.status_from:
            lines.append(f"<b>{_esc(o.status_from)}</b>")
        info.setText("<br>".join(lines))
        layout.addWidget(info)
        row = QHBoxLayout()
        self.move_date = IsoDateEdit(o.date)
        self.status_buttons: list[QPushButton] = []
        self.go_to_area: QPushButton | None = None
        if o.meeting_id is None:
            for text, action in (
                ("Markera &klar", self.ACTION_DONE),
                ("Ställ &in", self.ACTION_CANCEL),
                ("&Planerad", self.ACTION_PLANNED),
            ):
                b = QPushButton(text)
                # The status of an event standing for another area's decision is that area's: the reason is shown
                # above and on the button, and the way there is offered instead.
                b.setEnabled(not read_only and not o.status_from)
                if o.status_from:
                    b.setToolTip(o.status_from)
                b.clicked.connect(lambda _=False, a=action: self._done(a))
                row.addWidget(b)
                self.status_buttons.append(b)
            if o.status_from and o.status_area and can_go_to_area:
                name = (o.status_area_name or o.status_area).replace("&", "&&")
                self.go_to_area = QPushButton(f"&Gå till fliken {name}")
                self.go_to_area.setToolTip(o.status_from)
                self.go_to_area.clicked.connect(lambda: self._done(self.ACTION_GO_TO_AREA))
                row.addWidget(self.go_to_area)
        layout.addLayout(row)
        move = QHBoxLayout()
        move.addWidget(QLabel("Flytta detta tillfälle till"))
        move.addWidget(self.move_date)
        mb = QPushButton("&Flytta")
        mb.setEnabled(not read_only)
        mb.clicked.connect(lambda: self._done(self.ACTION_MOVE))
        move.addWidget(mb)
        if o.moved:
            rb = QPushButton("Åter&ställ seriens datum")
            rb.setEnabled(not read_only)
            rb.clicked.connect(lambda: self._done(self.ACTION_RESET))
            move.addWidget(rb)
        layout.addLayout(move)
        if o.event_id is not None:
            note_row = QHBoxLayout()
            self.note = QLineEdit(o.occurrence_note)
            self.note.setPlaceholderText("Anteckning för just detta tillfälle")
            self.note.setReadOnly(read_only)
            note_button = QPushButton("Spara &anteckning")
            note_button.setEnabled(not read_only)
            note_button.clicked.connect(lambda: self._done(self.ACTION_NOTE))
            note_row.addWidget(self.note, 1)
            note_row.addWidget(note_button)
            layout.addLayout(note_row)
        bottom = QDialogButtonBox()
        if o.event_id is not None:
            edit = bottom.addButton("&Redigera serien…", QDialogButtonBox.ButtonRole.ActionRole)
            edit.setEnabled(not read_only)
            edit.clicked.connect(lambda: self._done(self.ACTION_EDIT))
            delete = bottom.addButton("&Ta bort serien", QDialogButtonBox.ButtonRole.DestructiveRole)
            delete.setEnabled(not read_only)
            delete.clicked.connect(lambda: self._done(self.ACTION_DELETE))
        close = bottom.addButton("Stäng", QDialogButtonBox.ButtonRole.RejectRole)
        close.clicked.connect(self.reject)
        layout.addWidget(bottom)

    def _done(self, action: int) -> None:
        self.action = action
        self.accept()
