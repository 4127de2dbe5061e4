"""The risk heat map: sannolikhet up the side, väsentlighet along the bottom, each cell coloured by its
band, with the number of risks and their numbers. Clicking a cell emits ``cell_clicked``."""

from __future__ import annotations

from PySide6.QtCore import QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFont, QMouseEvent, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from finsam_desktop.domain.internkontroll.risk import MatrixSettings, Movement, Risk, RiskMove, build_matrix


def _ink(hex_colour: str) -> QColor:
    c = QColor(hex_colour)
    return (
        QColor("#000000") if (0.299 * c.redF() + 0.587 * c.greenF() + 0.114 * c.blueF()) > 0.55 else QColor("#FFFFFF")
    )


class RiskMatrixWidget(QWidget):
    """Heat map of one analysis, inherent (``residual=False``) or after riskhantering."""

    cell_clicked = Signal(int, int)  # sannolikhet, väsentlighet (0, 0 = cleared)

    LEFT, BOTTOM, TOP = 132, 48, 26

    def __init__(self, title: str, residual: bool = False, parent: QWidget | None = None):
        super().__init__(parent)
        self.title = title
        self.residual = residual
        self.settings = MatrixSettings()
        self.risks: tuple[Risk, ...] = ()
        self.moves: dict[int, RiskMove] = {}
        self.selected: tuple[int, int] | None = None
        self.setMouseTracking(True)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumSize(300, 250)
        self.setAccessibleName(title)

    def sizeHint(self) -> QSize:
        return QSize(420, 360)

    def set_data(self, risks, settings: MatrixSettings, moves: list[RiskMove] | tuple = ()) -> None:
        self.risks = tuple(risks)
        self.settings = settings
        self.moves = {m.nummer: m for m in moves if m.nummer is not None}
        if self.selected and not all(1 <= x <= settings.size for x in self.selected):
            self.selected = None
        self._describe()
        self.update()

    def count(self, sannolikhet: int, vasentlighet: int) -> int:
        return build_matrix(self.risks, self.settings.size, self.residual).count(sannolikhet, vasentlighet)

    def band_text(self, sannolikhet: int, vasentlighet: int) -> str:
        """What a cell says in its corner: the riskvärde and its band's name ("12 röd"), so that the band is read,
        not only seen as a colour."""
        value = sannolikhet * vasentlighet
        return f"{value} {self.settings.band_for(value).name.lower()}"

    def cell_text(self, sannolikhet: int, vasentlighet: int) -> str:
        """One cell in words, as a screen reader gets it in the accessible description."""
        numbers = build_matrix(self.risks, self.settings.size, self.residual).numbers(sannolikhet, vasentlighet)
        risks = "risk nr " + ", ".join(str(n) for n in numbers) if numbers else "inga risker"
        return (
            f"Sannolikhet {sannolikhet} {self.settings.s_label(sannolikhet)}, väsentlighet {vasentlighet} "
            f"{self.settings.v_label(vasentlighet)}: riskvärde {self.band_text(sannolikhet, vasentlighet)}, {risks}."
        )

    def _describe(self) -> None:
        n = self.settings.size
        matrix = build_matrix(self.risks, n, self.residual)
        cells = [self.cell_text(s, v) for s in range(n, 0, -1) for v in range(1, n + 1) if matrix.numbers(s, v)]
        bands = "; ".join(f"{b.name} {b.low}–{b.high}" for b in self.settings.bands)
        self.setAccessibleDescription(
            f"Riskmatris {n}×{n}, färgfält: {bands}. " + (" ".join(cells) if cells else "Inga risker.")
        )

    def _geometry(self) -> tuple[float, float, float]:
        n = self.settings.size
        cell = min((self.width() - self.LEFT - 8) / n, (self.height() - self.BOTTOM - self.TOP) / n)
        return self.LEFT, self.TOP, max(cell, 20)

    def cell_rect(self, sannolikhet: int, vasentlighet: int) -> QRectF:
        left, top, cell = self._geometry()
        n = self.settings.size
        return QRectF(left + (vasentlighet - 1) * cell, top + (n - sannolikhet) * cell, cell, cell)

    def cell_at(self, x: float, y: float) -> tuple[int, int] | None:
        n = self.settings.size
        for s in range(1, n + 1):
            for v in range(1, n + 1):
                if self.cell_rect(s, v).contains(x, y):
                    return s, v
        return None

    def mousePressEvent(self, event: QMouseEvent) -> None:
        hit = self.cell_at(event.position().x(), event.position().y())
        if hit is None or hit == self.selected:
            self.selected = None
            self.cell_clicked.emit(0, 0)
        else:
            self.selected = hit
            self.cell_clicked.emit(*hit)
        self.update()

    def paintEvent(self, _event: QPaintEvent) -> None:
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        n = self.settings.size
        matrix = build_matrix(self.risks, n, self.residual)
        left, top, cell = self._geometry()
        base = QFont(self.font())
        bold = QFont(base)
        bold.setBold(True)
        p.setFont(bold)
        p.setPen(self.palette().windowText().color())
        p.drawText(
            QRectF(left, 2, n * cell, top - 4), Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, self.title
        )
        for s in range(1, n + 1):
            for v in range(1, n + 1):
                r = self.cell_rect(s, v)
                band = self.settings.band_for(s * v)
                p.fillRect(r.adjusted(1, 1, -1, -1), QColor(band.colour))
                ink = _ink(band.colour)
                p.setPen(ink)
                small = QFont(base)
                small.setPointSizeF(max(base.pointSizeF() - 2, 6))
                p.setFont(small)
                corner = self.band_text(s, v)
                if p.fontMetrics().horizontalAdvance(corner) > r.width() - 8:  # a small cell: "12 r"
                    corner = corner[: corner.index(" ") + 2]
                p.drawText(r.adjusted(4, 2, -2, -2), Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop, corner)
                numbers = matrix.numbers(s, v)
                if numbers:
                    big = QFont(bold)
                    big.setPointSizeF(base.pointSizeF() + 5)
                    p.setFont(big)
                    p.drawText(r.adjusted(0, -6, 0, -6), Qt.AlignmentFlag.AlignCenter, str(len(numbers)))
                    p.setFont(small)
                    labels = []
                    for num in numbers:
                        mv = self.moves.get(num)
                        mark = ""
                        if mv and not self.residual:
                            mark = {
                                Movement.HOJD: "↑",
                                Movement.SANKT: "↓",
                                Movement.FLYTTAD: "→",
                                Movement.NY: "*",
                            }.get(mv.movement, "")
                        labels.append(f"{num}{mark}")
                    p.drawText(
                        r.adjusted(2, 0, -2, -3),
                        Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignBottom | Qt.TextFlag.TextWordWrap,
                        ", ".join(labels),
                    )
                if self.selected == (s, v):
                    p.setPen(QPen(QColor("#1F4E79"), 3))
                    p.drawRect(r.adjusted(2, 2, -2, -2))
        p.setPen(self.palette().windowText().color())
        small = QFont(base)
        small.setPointSizeF(max(base.pointSizeF() - 1.5, 6))
        p.setFont(small)
        for s in range(1, n + 1):
            r = self.cell_rect(s, 1)
            p.drawText(
                QRectF(2, r.top(), left - 6, r.height()),
                Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter | Qt.TextFlag.TextWordWrap,
                f"{s} {self.settings.s_label(s)}",
            )
        for v in range(1, n + 1):
            r = self.cell_rect(1, v)
            p.drawText(
                QRectF(r.left(), r.bottom() + 2, r.width(), 30),
                Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop | Qt.TextFlag.TextWordWrap,
                f"{v} {self.settings.v_label(v)}",
            )
        p.setFont(bold)
        bottom = self.cell_rect(1, 1).bottom()
        p.drawText(QRectF(left, bottom + 30, n * cell, 16), Qt.AlignmentFlag.AlignHCenter, "Väsentlighet →")
        p.save()
        p.translate(12, top + n * cell / 2)
        p.rotate(-90)
        p.drawText(QRectF(-60, -8, 120, 16), Qt.AlignmentFlag.AlignCenter, "Sannolikhet →")
        p.restore()
        p.end()
