"""Charts drawn with QPainter (QtCharts is not part of PySide6-Essentials): budget vs prognos vs
utfall per group, and costs month by month."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPainterPath, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from finsam_desktop.domain.budget.followup import GroupFigures
from finsam_desktop.domain.common.dates import SWEDISH_MONTHS
from finsam_desktop.domain.common.money import format_number
from finsam_desktop.services.budget.dto import MonthPoint

BUDGET = QColor("#9AA5AE")
PROGNOS = QColor("#F2A541")
UTFALL = QColor("#1F4E79")
GRID = QColor("#D9DEE2")
TEXT = QColor("#333333")


def _nice_max(value: float) -> float:
    if value <= 0:
        return 1.0
    magnitude = 10 ** (len(str(int(value))) - 1)
    for step in (1, 2, 2.5, 4, 5, 8, 10):
        if value <= step * magnitude:
            return step * magnitude
    return 10 * magnitude


def _ticks(vmax: float) -> int:
    """How many grid intervals give round steps (5 000 → 5 × 1 000; 2 000 → 4 × 500)."""
    for n in (5, 4, 2):
        step = vmax / n
        if step == int(step) and len(str(int(step)).rstrip("0")) <= 1:
            return n
    return 4


def _tkr(value: float) -> str:
    return format_number(Decimal(int(round(value / 1000))))


class GroupChart(QWidget):
    """Horizontal bars per cost group: budget, prognos per date and utfall per date (tkr)."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self._groups: tuple[GroupFigures, ...] = ()
        self._labels = ("Budget", "Prognos", "Utfall")
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumHeight(220)

    def sizeHint(self) -> QSize:
        return QSize(520, 300)

    def set_data(self, groups: Sequence[GroupFigures], labels: tuple[str, str, str]) -> None:
        self._groups = tuple(g for g in groups if g.kind.value == "kostnad") or tuple(groups)
        self._labels = labels
        self.update()

    def paintEvent(self, _event) -> None:
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        p.fillRect(self.rect(), Qt.GlobalColor.white)
        font = QFont(self.font())
        font.setPointSizeF(8.5)
        p.setFont(font)
        fm = p.fontMetrics()
        title = "Kostnader per grupp (tkr)"
        p.setPen(TEXT)
        p.drawText(QPointF(8, fm.ascent() + 6), title)
        if not self._groups:
            p.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter, "Ingen budget att visa.")
            return
        label_w = min(max(fm.horizontalAdvance(g.namn) for g in self._groups) + 12, self.width() * 0.38)
        top, bottom = fm.height() * 2 + 14, self.height() - fm.height() - 10
        left, right = label_w + 8, self.width() - 16
        vmax = _nice_max(max(float(max(g.budget, g.prognos, g.utfall or 0, g.helar)) for g in self._groups))
        # Grid and axis labels.
        n = _ticks(vmax)
        for i in range(n + 1):
            x = left + (right - left) * i / n
            p.setPen(QPen(GRID, 1))
            p.drawLine(QPointF(x, top), QPointF(x, bottom))
            p.setPen(TEXT)
            text = _tkr(vmax * i / n)
            p.drawText(QPointF(x - fm.horizontalAdvance(text) / 2, bottom + fm.ascent() + 3), text)
        band = (bottom - top) / len(self._groups)
        bar_h = min(12.0, band / 4.2)
        for i, g in enumerate(self._groups):
            y0 = top + band * i + (band - 3 * bar_h) / 2
            p.setPen(TEXT)
            name = fm.elidedText(g.namn, Qt.TextElideMode.ElideRight, int(label_w - 8))
            p.drawText(
                QRectF(4, y0, label_w - 8, 3 * bar_h), Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, name
            )
            for j, (value, color) in enumerate(((g.budget, BUDGET), (g.prognos, PROGNOS), (g.utfall, UTFALL))):
                if value is None:
                    continue
                w = (right - left) * float(value) / vmax
                p.fillRect(QRectF(left, y0 + j * bar_h, max(w, 0), bar_h - 1), color)
        _legend(p, fm, tuple(zip(self._labels, (BUDGET, PROGNOS, UTFALL), strict=True)), self.width() - 8)
        p.end()


def _legend(p: QPainter, fm, items, right: float) -> None:
    """Colour keys right-aligned on the line under the title, where no layout can clip them."""
    y = fm.height() + 8
    widths = [24 + fm.horizontalAdvance(label) for label, _color in items]
    x = max(8.0, right - sum(widths) + 10)
    for (label, color), w in zip(items, widths, strict=True):
        p.fillRect(QRectF(x, y + 2, 10, 10), color)
        p.setPen(TEXT)
        p.drawText(QPointF(x + 14, y + fm.ascent()), label)
        x += w


class MonthChart(QWidget):
    """Costs month by month: linear budget, cumulative utfall and the way to the helårsprognos."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self._points: tuple[MonthPoint, ...] = ()
        self._helar: Decimal | None = None
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumHeight(220)

    def sizeHint(self) -> QSize:
        return QSize(520, 300)

    def set_data(self, points: Sequence[MonthPoint], helar: Decimal | None) -> None:
        self._points = tuple(points)
        self._helar = helar
        self.update()

    def paintEvent(self, _event) -> None:
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        p.fillRect(self.rect(), Qt.GlobalColor.white)
        font = QFont(self.font())
        font.setPointSizeF(8.5)
        p.setFont(font)
        fm = p.fontMetrics()
        p.setPen(TEXT)
        p.drawText(QPointF(8, fm.ascent() + 6), "Kostnader ackumulerat per månad (tkr)")
        if not self._points:
            p.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter, "Inget att visa.")
            return
        values = [float(x.budget_cum) for x in self._points] + [
            float(x.utfall_cum) for x in self._points if x.utfall_cum is not None
        ]
        if self._helar is not None:
            values.append(float(self._helar))
        vmax = _nice_max(max(values))
        left = fm.horizontalAdvance(_tkr(vmax)) + 14
        top, bottom, right = fm.height() * 2 + 14, self.height() - fm.height() - 10, self.width() - 14

        def pos(month: float, value: float) -> QPointF:
            return QPointF(left + (right - left) * (month - 1) / 11, bottom - (bottom - top) * value / vmax)

        n = _ticks(vmax)
        for i in range(n + 1):
            y = bottom - (bottom - top) * i / n
            p.setPen(QPen(GRID, 1))
            p.drawLine(QPointF(left, y), QPointF(right, y))
            p.setPen(TEXT)
            text = _tkr(vmax * i / n)
            p.drawText(QPointF(left - 6 - fm.horizontalAdvance(text), y + fm.ascent() / 2 - 1), text)
        for m in range(1, 13):
            pt = pos(m, 0)
            label = SWEDISH_MONTHS[m - 1][:3]
            p.drawText(QPointF(pt.x() - fm.horizontalAdvance(label) / 2, bottom + fm.ascent() + 3), label)
        path = QPainterPath(pos(1, float(self._points[0].budget_cum)))
        for x in self._points[1:]:
            path.lineTo(pos(x.month, float(x.budget_cum)))
        pen = QPen(BUDGET, 1.5, Qt.PenStyle.DashLine)
        p.setPen(pen)
        p.drawPath(path)
        known = [x for x in self._points if x.utfall_cum is not None]
        if known:
            path = QPainterPath(pos(known[0].month, float(known[0].utfall_cum)))
            for x in known[1:]:
                path.lineTo(pos(x.month, float(x.utfall_cum)))
            p.setPen(QPen(UTFALL, 2.2))
            p.drawPath(path)
            p.setBrush(UTFALL)
            for x in known:
                p.drawEllipse(pos(x.month, float(x.utfall_cum)), 2.8, 2.8)
            if self._helar is not None and known[-1].month < 12:
                p.setPen(QPen(PROGNOS, 1.8, Qt.PenStyle.DotLine))
                p.drawLine(pos(known[-1].month, float(known[-1].utfall_cum)), pos(12, float(self._helar)))
                p.setBrush(PROGNOS)
                p.drawEllipse(pos(12, float(self._helar)), 3.2, 3.2)
        _legend(
            p,
            fm,
            (("Budget (periodiserad)", BUDGET), ("Utfall", UTFALL), ("Helårsprognos", PROGNOS)),
            self.width() - 8,
        )
        p.end()
