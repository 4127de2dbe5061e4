"""Rename and recolour the rings of the wheel."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QGridLayout, QLabel, QLineEdit, QPushButton, QVBoxLayout

from finsam_desktop.domain.arshjul.events import Category


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
