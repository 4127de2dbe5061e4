"""The building blocks of the § editor: styles, auto-growing text boxes, att-sats rows and lists, the
delpunkt box, and two list helpers (``fit_height``, ``list_item``)."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QSizePolicy,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from finsam_desktop.ui.widgets.keys import list_action

WARN_STYLE = "background:#fff4e0;border:1px solid #e8b860;border-radius:4px;padding:6px;color:#5a3d00;"
OK_STYLE = "color:#1e6b34;"
BAD_STYLE = "color:#b3261e;font-weight:600;"
SECTION_STYLE = "font-size:11pt;font-weight:600;color:#1f3a5f;margin-top:8px;"


def section_label(text: str) -> QLabel:
    label = QLabel(text)
    label.setStyleSheet(SECTION_STYLE)
    return label


class AutoTextEdit(QPlainTextEdit):
    """A plain-text box at least ``lines`` high that grows with its text up to ``grow_to`` lines (then
    scrolls). Tab moves on to the next field, as in a form."""

    def __init__(self, lines: int, grow_to: int | None = None, parent=None):
        super().__init__(parent)
        self.setTabChangesFocus(True)
        self._low, self._high = lines, max(lines, grow_to or lines + 1)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.document().documentLayout().documentSizeChanged.connect(self._fit)
        self._fit()

    def _fit(self, *_args) -> None:
        shown = int(self.document().documentLayout().documentSize().height())
        rows = min(max(shown, self._low), self._high)
        self.setFixedHeight(rows * self.fontMetrics().lineSpacing() + 2 * self.frameWidth() + 10)

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._fit()  # the wrapping depends on the width

    def showEvent(self, event) -> None:
        super().showEvent(event)
        self._fit()


class RubrikEdit(AutoTextEdit):
    """The § rubrik: wraps over up to three lines (long ansökan titles), but is one line of text —
    Return moves on instead of breaking the line. ``text``/``setText`` like a QLineEdit."""

    def __init__(self, parent=None):
        super().__init__(1, 3, parent)
        self.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)

    def keyPressEvent(self, event) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and not event.modifiers():
            self.focusNextChild()
            return
        super().keyPressEvent(event)

    def insertFromMimeData(self, source) -> None:
        self.insertPlainText(" ".join(source.text().split()))

    def text(self) -> str:
        return self.toPlainText()

    def setText(self, text: str) -> None:
        self.setPlainText(text)
        cursor = self.textCursor()
        cursor.movePosition(cursor.MoveOperation.Start)
        self.setTextCursor(cursor)


def text_box(lines: int, placeholder: str = "", grow_to: int | None = None) -> AutoTextEdit:
    box = AutoTextEdit(lines, grow_to)
    box.setPlaceholderText(placeholder)
    return box


def line(text: str = "", placeholder: str = "") -> QLineEdit:
    edit = QLineEdit(text)
    edit.setPlaceholderText(placeholder)
    return edit


def buddy(text: str, widget: QWidget) -> QLabel:
    label = QLabel(text)
    label.setBuddy(widget)
    label.setStyleSheet("color:#444;")
    return label


class ClauseRow(QWidget):
    """One att-sats: text, an uppdrag button and remove."""

    def __init__(self, clause_id: int, text: str, uppdrag_text: str, parent=None):
        super().__init__(parent)
        self.clause_id = clause_id
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.edit = text_box(1, grow_to=6)
        self.edit.setPlainText(text)
        self.edit.setAccessibleName("Att-sats")
        self.uppdrag = QToolButton()
        self.uppdrag.setText("Uppdrag…" if not uppdrag_text else "Uppdrag ✓")
        self.uppdrag.setToolTip(uppdrag_text or "Skapa ett uppdrag (vem, vad, när) från att-satsen")
        self.remove = QToolButton()
        self.remove.setText("✕")
        self.remove.setToolTip("Ta bort att-satsen")
        self.remove.setAccessibleName("Ta bort att-satsen")
        # every row has these two buttons, so no letter can be theirs: keys in the row's own text instead
        list_action(self.edit, self.uppdrag, "Ctrl+Shift+A")
        list_action(self.edit, self.remove, "Ctrl+Shift+Backspace")
        layout.addWidget(self.edit, 1)
        layout.addWidget(self.uppdrag, 0, Qt.AlignmentFlag.AlignTop)
        layout.addWidget(self.remove, 0, Qt.AlignmentFlag.AlignTop)


class ClauseList(QWidget):
    """``Styrelsen beslutade`` followed by att-satser; buttons to add one or a standard phrase."""

    add_requested = Signal(object, str)  # part_id (None = the item itself), initial text
    phrase_requested = Signal(object)  # part_id
    remove_requested = Signal(int)  # clause id
    uppdrag_requested = Signal(int)  # clause id

    def __init__(self, part_id: int | None = None, parent=None):
        super().__init__(parent)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        self.part_id = part_id
        self.rows: list[ClauseRow] = []
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        self.heading = QLabel("Styrelsen beslutade")
        self.heading.setStyleSheet("font-weight:600;")
        self.heading.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        outer.addWidget(self.heading)
        self.empty = QLabel("Inget beslut (informationsärende).")
        self.empty.setStyleSheet("color:#6b6b6b;font-style:italic;")
        outer.addWidget(self.empty)
        self.rows_box = QVBoxLayout()
        self.rows_box.setSpacing(4)
        outer.addLayout(self.rows_box)
        buttons = QHBoxLayout()
        self.add = QPushButton("+ Att-sats")
        self.add.setToolTip("Lägg till en att-sats (Ctrl+Retur i en text)")
        # the item's own list has the letter; a delpunkt's list shares the editor's keys (see ItemEditorView)
        self.phrase = QPushButton("Standard&fras…" if part_id is None else "Standardfras…")
        self.phrase.setToolTip("Välj en standardfras (Ctrl+Skift+F)")
        buttons.addWidget(self.add)
        buttons.addWidget(self.phrase)
        buttons.addStretch(1)
        outer.addLayout(buttons)
        self.add.clicked.connect(lambda: self.add_requested.emit(self.part_id, "Att "))
        self.phrase.clicked.connect(lambda: self.phrase_requested.emit(self.part_id))

    def set_clauses(self, clauses, uppdrag_texts: dict[int, str]) -> list[ClauseRow]:
        for row in self.rows:
            row.setParent(None)
            row.deleteLater()
        self.rows = []
        for c in clauses:
            row = ClauseRow(c.id, c.text, uppdrag_texts.get(c.id, ""))
            row.remove.clicked.connect(lambda _=False, cid=c.id: self.remove_requested.emit(cid))
            row.uppdrag.clicked.connect(lambda _=False, cid=c.id: self.uppdrag_requested.emit(cid))
            self.rows_box.addWidget(row)
            if self.isVisible():  # show at once, so focus and Tab reach it without an event round
                row.show()
            self.rows.append(row)
        self.empty.setVisible(not self.rows)
        return self.rows

    def set_heading(self, text: str) -> None:
        self.heading.setText(text)


class PartBox(QFrame):
    """A delpunkt (the seed's Övriga frågor with several decisions): rubrik, text, att-satser."""

    remove_requested = Signal(int)

    def __init__(self, part, parent=None):
        super().__init__(parent)
        self.part_id = part.id
        self.setFrameShape(QFrame.Shape.StyledPanel)
        layout = QVBoxLayout(self)
        top = QHBoxLayout()
        self.rubrik = line(part.rubrik, "Delpunktens rubrik")
        self.rubrik.setAccessibleName("Delpunktens rubrik")
        self.remove = QToolButton()
        self.remove.setText("Ta bort delpunkt")
        top.addWidget(self.rubrik, 1)
        top.addWidget(self.remove)
        layout.addLayout(top)
        self.text = text_box(2, "Vad som sades")
        self.text.setPlainText(part.text)
        self.text.setAccessibleName("Delpunktens text")
        layout.addWidget(self.text)
        self.clauses = ClauseList(part.id)
        layout.addWidget(self.clauses)
        for field in (self.rubrik, self.text):
            list_action(field, self.remove, "Ctrl+Shift+Backspace")
        self.remove.clicked.connect(lambda: self.remove_requested.emit(self.part_id))


def fit_height(lw: QListWidget, max_rows: int = 6) -> None:
    """Make a short list exactly as high as its rows (up to ``max_rows``)."""
    rows = max(1, min(lw.count(), max_rows))
    row_h = lw.sizeHintForRow(0) if lw.count() else lw.fontMetrics().height() + 4
    lw.setFixedHeight(rows * row_h + 2 * lw.frameWidth() + 2)


def list_item(text: str, data) -> QListWidgetItem:
    item = QListWidgetItem(text)
    item.setData(Qt.ItemDataRole.UserRole, data)
    return item
