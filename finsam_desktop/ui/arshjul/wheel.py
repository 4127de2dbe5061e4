"""The årshjul drawn with QPainter: month sectors from the chosen start month, one ring per
category, events as marks with short labels, week numbers on the rim, today's hand and a legend.

Hovering a mark shows its events; clicking emits ``mark_clicked`` with them.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QMouseEvent, QPainter, QPainterPath, QPen, QPolygonF
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

from finsam_desktop import clock
from finsam_desktop.domain.arshjul.occurrences import Occurrence, YearView
from finsam_desktop.domain.arshjul.overrides import Status
from finsam_desktop.domain.arshjul.wheel import (
    MONTH_NAMES,
    Bands,
    Mark,
    WheelGeometry,
    bands,
    layout_marks,
    mark_at,
    polar,
    text_rotation,
    tint,
)
from finsam_desktop.domain.common.dates import SWEDISH_WEEKDAYS

HOLIDAY_RED = QColor("#C62828")
NAVY = QColor("#1F3A56")


def _font(pixels: float, bold: bool = False) -> QFont:
    f = QFont()
    f.setPixelSize(max(int(round(pixels)), 6))
    f.setBold(bold)
    return f


def occurrence_tooltip(occs: tuple[Occurrence, ...] | list[Occurrence], category_names: dict[str, str]) -> str:
    """HTML describing one mark's events (shared by the wheel and tests)."""
    parts = []
    for o in occs[:8]:
        lines = [
            f"<b>{_esc(o.title)}</b>",
            f"{o.date_text} ({SWEDISH_WEEKDAYS[o.date.weekday()]}, vecka {o.week})"
            + (f", kl. {o.time_text}" if o.time_text else ""),
        ]
        lines.append(
            f"{_esc(category_names.get(o.category, o.category))} · {o.status.label}"
            + (f" · {_esc(o.responsible)}" if o.responsible else "")
        )
        if o.flag:
            lines.append(f"<span style='color:#C62828'>{_esc(o.flag_text)}</span>")
        if o.status_from:
            lines.append(f"<i>{_esc(o.status_from)}</i>")
        if o.adjust_text:
            lines.append(f"<i>{_esc(o.adjust_text)}</i>")
        if o.moved:
            lines.append(f"<i>Flyttad från {o.generated.isoformat()}</i>")
        if o.occurrence_note:
            lines.append(_esc(o.occurrence_note))
        parts.append("<br>".join(lines))
    if len(occs) > 8:
        parts.append(f"… och {len(occs) - 8} till")
    return "<hr>".join(parts)


def _esc(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


class WheelWidget(QWidget):
    """The wheel with its legend to the right (or below when the widget is tall)."""

    mark_clicked = Signal(object)  # tuple[Occurrence, ...]

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setMouseTracking(True)
        self.setMinimumSize(420, 360)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent, False)
        self._view: YearView | None = None
        self._today: date | None = clock.today()
        self._marks: list[Mark] = []
        self._layout_key = None
        self._hover: Mark | None = None
        self._centre = QPointF()
        self._wheel: Bands | None = None
        self._font_px = 10.0
        self._legend_rect = QRectF()

    # --- public ----------------------------------------------------------------------------------
    def set_view(self, view: YearView | None, today: date | None = None) -> None:
        self._view = view
        if today is not None:
            self._today = today
        self._layout_key = None
        self._hover = None
        self.update()

    @property
    def marks(self) -> list[Mark]:
        self._ensure_layout()
        return self._marks

    def mark_position(self, mark: Mark) -> QPointF:
        """Screen position of a mark (used by tests to hover and click)."""
        self._ensure_layout()
        x, y = polar(
            self._centre.x(),
            self._centre.y(),
            mark.radius,
            mark.angle if mark.end_angle is None else (mark.angle + mark.end_angle) / 2,
        )
        return QPointF(x, y)

    def sizeHint(self) -> QSize:
        return QSize(1100, 720)

    # --- layout ----------------------------------------------------------------------------------
    def _geometry(self) -> tuple[QPointF, float, QRectF]:
        w, h = self.width(), self.height()
        legend_w = min(max(w * 0.26, 220.0), 300.0)
        if w - legend_w >= h * 0.95:
            diameter = min(h - 16, w - legend_w - 24)
            centre = QPointF(12 + diameter / 2, h / 2)
            legend = QRectF(diameter + 32, 16, w - diameter - 44, h - 32)
        else:
            legend_h = 150.0
            diameter = min(w - 16, h - legend_h - 16)
            centre = QPointF(w / 2, 8 + diameter / 2)
            legend = QRectF(12, diameter + 20, w - 24, legend_h - 12)
        return centre, max(diameter, 100.0) / 2, legend

    def _ensure_layout(self) -> None:
        key = (self.width(), self.height(), id(self._view))
        if key == self._layout_key:
            return
        self._layout_key = key
        centre, radius, legend = self._geometry()
        self._centre, self._legend_rect = centre, legend
        if self._view is None:
            self._marks, self._wheel = [], None
            return
        self._wheel = bands(radius, len(self._view.categories))
        ring_w = (self._wheel.rings[0][1] - self._wheel.rings[0][0]) if self._wheel.rings else 20
        self._font_px = max(8.5, min(12.0, ring_w / 3.6))
        metrics = QFontMetricsF(_font(self._font_px))
        cache: dict[str, float] = {}

        def measure(text: str, _size: float) -> float:
            if text not in cache:
                cache[text] = metrics.horizontalAdvance(text)
            return cache[text]

        geo = WheelGeometry(self._view.year, self._view.start_month)
        self._marks = layout_marks(
            self._view.occurrences, self._view.categories, geo, self._wheel, measure, self._font_px, padding=4.0
        )

    # --- painting --------------------------------------------------------------------------------
    def paintEvent(self, _event) -> None:
        self._ensure_layout()
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        p.setRenderHint(QPainter.RenderHint.TextAntialiasing)
        p.fillRect(self.rect(), QColor("#FFFFFF"))
        if self._view is None or self._wheel is None:
            p.setPen(QColor("#555555"))
            p.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter, "Inget årshjul att visa.")
            p.end()
            return
        self._paint_wheel(p)
        self._paint_legend(p)
        p.end()

    def _sector(self, r_in: float, r_out: float, a0: float, a1: float) -> QPainterPath:
        cx, cy = self._centre.x(), self._centre.y()
        outer = QRectF(cx - r_out, cy - r_out, 2 * r_out, 2 * r_out)
        inner = QRectF(cx - r_in, cy - r_in, 2 * r_in, 2 * r_in)
        path = QPainterPath()
        path.arcMoveTo(outer, 90 - a0)
        path.arcTo(outer, 90 - a0, -(a1 - a0))
        path.arcTo(inner, 90 - a1, a1 - a0)
        path.closeSubpath()
        return path

    def _text_on_ring(self, p: QPainter, text: str, angle: float, radius: float, font: QFont, colour: QColor) -> None:
        rot, flipped = text_rotation(angle)
        p.save()
        p.translate(self._centre)
        p.rotate(rot)
        p.setFont(font)
        p.setPen(colour)
        metrics = QFontMetricsF(font)
        w = metrics.horizontalAdvance(text)
        y = (radius if flipped else -radius) + (metrics.ascent() - metrics.descent()) / 2
        p.drawText(QPointF(-w / 2, y), text)
        p.restore()

    def _paint_wheel(self, p: QPainter) -> None:
        view, wheel = self._view, self._wheel
        cx, cy = self._centre.x(), self._centre.y()
        geo = WheelGeometry(view.year, view.start_month)
        sectors = geo.month_sectors()
        p.setPen(Qt.PenStyle.NoPen)
        for i, cat in enumerate(view.categories):
            r_in, r_out = wheel.rings[i]
            for k, (_m, a0, a1) in enumerate(sectors):
                p.setBrush(QColor(tint(cat.farg, 0.90 if k % 2 else 0.80)))
                p.drawPath(self._sector(r_in, r_out, a0, a1))
        month_font = _font(min(self._font_px * 1.25, (wheel.month[1] - wheel.month[0]) * 0.5), bold=True)
        for k, (m, a0, a1) in enumerate(sectors):
            p.setPen(Qt.PenStyle.NoPen)
            p.setBrush(QColor("#1F3A56" if k % 2 else "#2B4C6F"))
            p.drawPath(self._sector(*wheel.month, a0, a1))
            name = MONTH_NAMES[m - 1].upper()
            self._text_on_ring(p, name, (a0 + a1) / 2, sum(wheel.month) / 2, month_font, QColor("white"))
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(QColor("#F4F6F8"))
        p.drawPath(self._sector(*wheel.week, 0, 359.999))
        week_font = _font(min(self._font_px * 0.82, (wheel.week[1] - wheel.week[0]) * 0.7))
        for week, a0, a1 in geo.week_ticks():
            p.setPen(QPen(QColor("#B0BAC3"), 0.6))
            p.drawLine(QPointF(*polar(cx, cy, wheel.week[0], a0)), QPointF(*polar(cx, cy, wheel.week[1], a0)))
            if a1 - a0 > 4.0:
                self._text_on_ring(p, str(week), (a0 + a1) / 2, sum(wheel.week) / 2, week_font, QColor("#5F6B73"))
        p.setPen(QPen(QColor("white"), 1.6))
        for _m, a0, _a1 in sectors:
            p.drawLine(QPointF(*polar(cx, cy, wheel.hub, a0)), QPointF(*polar(cx, cy, wheel.month[1], a0)))
        p.setBrush(Qt.BrushStyle.NoBrush)
        p.setPen(QPen(QColor("white"), 1.0))
        for r_in, _r_out in wheel.rings:
            p.drawEllipse(self._centre, r_in, r_in)
        self._paint_hub(p)
        colour_of = {c.key: c.farg for c in view.categories}
        ring_w = wheel.rings[0][1] - wheel.rings[0][0] if wheel.rings else 20
        dot = max(2.5, min(ring_w * 0.12, 5.5))
        for m in self._marks:
            self._paint_mark(p, m, QColor(colour_of.get(m.first.category, "#555555")), dot, m is self._hover)
        label_font = _font(self._font_px)
        for m in self._marks:
            if m.labelled:
                colour = {Status.INSTALLD: QColor("#9AA0A6"), Status.KLAR: QColor("#5C6670")}.get(
                    m.status, QColor("#111111")
                )
                self._text_on_ring(p, m.label, m.label_angle, m.label_radius, label_font, colour)
        self._paint_today(p, geo)

    def _paint_hub(self, p: QPainter) -> None:
        wheel, view = self._wheel, self._view
        p.setPen(QPen(NAVY, 1.5))
        p.setBrush(QColor("white"))
        p.drawEllipse(self._centre, wheel.hub, wheel.hub)
        p.setPen(NAVY)
        year_font = _font(wheel.hub * 0.48, bold=True)
        p.setFont(year_font)
        r = QRectF(self._centre.x() - wheel.hub, self._centre.y() - wheel.hub * 0.42, 2 * wheel.hub, wheel.hub * 0.7)
        p.drawText(r, Qt.AlignmentFlag.AlignCenter, str(view.year))
        p.setFont(_font(max(wheel.hub * 0.13, 8), bold=True))
        p.setPen(QColor("#5F6B73"))
        r2 = QRectF(self._centre.x() - wheel.hub, self._centre.y() - wheel.hub * 0.7, 2 * wheel.hub, wheel.hub * 0.3)
        p.drawText(r2, Qt.AlignmentFlag.AlignCenter, "ÅRSHJUL")
        if self._today is not None and self._today.year == view.year:
            p.setFont(_font(max(wheel.hub * 0.12, 8)))
            r3 = QRectF(
                self._centre.x() - wheel.hub, self._centre.y() + wheel.hub * 0.28, 2 * wheel.hub, wheel.hub * 0.3
            )
            p.drawText(r3, Qt.AlignmentFlag.AlignCenter, f"idag {self._today.isoformat()}")

    def _paint_mark(self, p: QPainter, m: Mark, colour: QColor, dot: float, hovered: bool) -> None:
        fill = {
            Status.PLANERAD: colour,
            Status.KLAR: QColor(tint(colour.name(), 0.55)),
            Status.INSTALLD: QColor("white"),
        }[m.status]
        if m.flagged:
            pen = QPen(HOLIDAY_RED, 1.8)
        elif m.status is Status.INSTALLD:
            pen = QPen(QColor("#9AA0A6"), 1.2, Qt.PenStyle.DashLine)
        else:
            pen = QPen(QColor("white"), 1.0)
        if hovered:
            pen = QPen(QColor("#111111"), 2.0)
        p.setPen(pen)
        p.setBrush(fill)
        if m.end_angle is not None:
            p.drawPath(self._sector(m.radius - dot * 0.8, m.radius + dot * 0.8, m.angle, m.end_angle))
            return
        x, y = polar(self._centre.x(), self._centre.y(), m.radius, m.angle)
        r = dot * (1.35 if m.first.meeting_id else 1.0) * (1.25 if hovered else 1.0)
        if m.first.category == "protokoll":
            p.drawPolygon(
                QPolygonF([QPointF(x, y - r * 1.2), QPointF(x - r, y + r * 0.8), QPointF(x + r, y + r * 0.8)])
            )
        else:
            p.drawEllipse(QPointF(x, y), r, r)
        if m.status is Status.KLAR:
            p.setPen(QPen(QColor("#1B1B1B"), 1.1))
            p.drawLine(QPointF(x - r * 0.45, y), QPointF(x - r * 0.1, y + r * 0.4))
            p.drawLine(QPointF(x - r * 0.1, y + r * 0.4), QPointF(x + r * 0.5, y - r * 0.4))

    def _paint_today(self, p: QPainter, geo: WheelGeometry) -> None:
        if self._today is None or self._today.year != self._view.year:
            return
        wheel = self._wheel
        a = geo.angle(self._today)
        cx, cy = self._centre.x(), self._centre.y()
        p.setPen(QPen(HOLIDAY_RED, 2.2, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap))
        p.drawLine(QPointF(*polar(cx, cy, wheel.hub, a)), QPointF(*polar(cx, cy, wheel.week[1] + 4, a)))
        p.setBrush(HOLIDAY_RED)
        p.drawEllipse(QPointF(*polar(cx, cy, wheel.week[1] + 4, a)), 3.5, 3.5)

    def _paint_legend(self, p: QPainter) -> None:
        view = self._view
        rect = self._legend_rect
        counts: dict[str, int] = {}
        for o in view.occurrences:
            counts[o.category] = counts.get(o.category, 0) + 1
        y = rect.top() + 4
        p.setPen(NAVY)
        p.setFont(_font(15, bold=True))
        p.drawText(QPointF(rect.left(), y + 14), f"Årshjul {view.year}")
        y += 30
        p.setFont(_font(11, bold=True))
        p.setPen(QColor("#5F6B73"))
        p.drawText(QPointF(rect.left(), y + 10), "RINGAR, UTIFRÅN OCH IN")
        y += 20
        item_font = _font(12)
        metrics = QFontMetricsF(item_font)
        for cat in reversed(view.categories):
            p.setPen(Qt.PenStyle.NoPen)
            p.setBrush(QColor(cat.farg))
            p.drawRoundedRect(QRectF(rect.left(), y, 14, 14), 3, 3)
            p.setPen(QColor("#1B1B1B"))
            p.setFont(item_font)
            text = metrics.elidedText(
                f"{cat.namn} ({counts.get(cat.key, 0)})", Qt.TextElideMode.ElideRight, rect.width() - 22
            )
            p.drawText(QPointF(rect.left() + 22, y + 12), text)
            y += 21
        y += 8
        p.setFont(_font(11, bold=True))
        p.setPen(QColor("#5F6B73"))
        p.drawText(QPointF(rect.left(), y + 10), "TECKEN")
        y += 20
        p.setFont(_font(11.5))
        symbols = [
            ("dot", QColor("#1F4E79"), "planerad"),
            ("done", QColor(tint("#1F4E79", 0.55)), "klar"),
            ("cancel", QColor("white"), "inställd"),
            ("tri", QColor("#5F6B73"), "frist för kallelse, justering, anslag"),
            ("flag", QColor("#1F4E79"), "röd kant: helg eller helgdag"),
            ("hand", HOLIDAY_RED, "röd visare: idag"),
        ]
        for kind, colour, text in symbols:
            cxy = QPointF(rect.left() + 7, y + 7)
            if kind == "hand":
                p.setPen(QPen(HOLIDAY_RED, 2.2))
                p.drawLine(QPointF(rect.left(), y + 7), QPointF(rect.left() + 14, y + 7))
            elif kind == "tri":
                p.setPen(QPen(QColor("white"), 1))
                p.setBrush(colour)
                p.drawPolygon(
                    QPolygonF(
                        [
                            QPointF(cxy.x(), cxy.y() - 6),
                            QPointF(cxy.x() - 5, cxy.y() + 4),
                            QPointF(cxy.x() + 5, cxy.y() + 4),
                        ]
                    )
                )
            else:
                pen = {"flag": QPen(HOLIDAY_RED, 1.8), "cancel": QPen(QColor("#9AA0A6"), 1.2, Qt.PenStyle.DashLine)}
                p.setPen(pen.get(kind, QPen(QColor("white"), 1)))
                p.setBrush(colour)
                p.drawEllipse(cxy, 5, 5)
            p.setPen(QColor("#1B1B1B"))
            p.drawText(QPointF(rect.left() + 22, y + 11), text)
            y += 19
        hidden = sum(1 for m in self._marks if not m.labelled)
        if hidden:
            y += 8
            p.setPen(QColor("#5F6B73"))
            p.setFont(_font(11))
            p.drawText(
                QRectF(rect.left(), y, rect.width(), 60),
                Qt.TextFlag.TextWordWrap,
                f"{hidden} markeringar saknar etikett av platsskäl – håll muspekaren över dem eller se listan.",
            )

    # --- interaction -----------------------------------------------------------------------------
    def _mark_under(self, pos: QPointF) -> Mark | None:
        self._ensure_layout()
        if not self._marks or self._wheel is None:
            return None
        ring_w = self._wheel.rings[0][1] - self._wheel.rings[0][0] if self._wheel.rings else 20
        return mark_at(
            self._marks, self._centre.x(), self._centre.y(), pos.x(), pos.y(), max(7.0, min(ring_w * 0.3, 12.0))
        )

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        mark = self._mark_under(event.position())
        if mark is not self._hover:
            self._hover = mark
            self.update()
        if mark is not None:
            names = {c.key: c.namn for c in self._view.categories}
            QToolTip.showText(event.globalPosition().toPoint(), occurrence_tooltip(mark.occurrences, names), self)
            self.setCursor(Qt.CursorShape.PointingHandCursor)
        else:
            QToolTip.hideText()
            self.unsetCursor()

    def tooltip_at(self, pos: QPointF) -> str:
        """The tooltip text the wheel shows at ``pos`` ("" when over no mark)."""
        mark = self._mark_under(pos)
        if mark is None:
            return ""
        return occurrence_tooltip(mark.occurrences, {c.key: c.namn for c in self._view.categories})

    def leaveEvent(self, _event) -> None:
        if self._hover is not None:
            self._hover = None
            self.update()

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() != Qt.MouseButton.LeftButton:
            return
        mark = self._mark_under(event.position())
        if mark is not None:
            self.mark_clicked.emit(mark.occurrences)

    def resizeEvent(self, event) -> None:
        self._layout_key = None
        super().resizeEvent(event)
