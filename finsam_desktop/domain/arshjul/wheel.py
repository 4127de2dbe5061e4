"""Geometry of the årshjul, shared by the screen (QPainter) and the poster (ReportLab).

Angles are degrees clockwise from twelve o'clock; the chosen start month sits at the top. Radii
are in whatever unit the caller draws in (pixels or points). Text widths come from the caller's
font metrics (``measure(text, size) -> width``), so both renderers place labels identically.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from finsam_desktop.domain.arshjul.events import Category
from finsam_desktop.domain.arshjul.occurrences import Occurrence
from finsam_desktop.domain.arshjul.overrides import Status

MONTH_SHORT = ("jan", "feb", "mar", "apr", "maj", "jun", "jul", "aug", "sep", "okt", "nov", "dec")
MONTH_NAMES = (
    "Januari",
    "Februari",
    "Mars",
    "April",
    "Maj",
    "Juni",
    "Juli",
    "Augusti",
    "September",
    "Oktober",
    "November",
    "December",
)

Measure = Callable[[str, float], float]


@dataclass(frozen=True)
class WheelGeometry:
    """Maps dates of ``year`` to angles, with ``start_month`` at the top."""

    year: int
    start_month: int = 1

    @property
    def days(self) -> int:
        return (date(self.year + 1, 1, 1) - date(self.year, 1, 1)).days

    def _offset(self) -> int:
        return (date(self.year, self.start_month, 1) - date(self.year, 1, 1)).days

    def angle(self, d: date, fraction: float = 0.5) -> float:
        """Angle of ``d`` (``fraction`` 0 = the day's start, 0.5 its middle)."""
        if d.year != self.year:
            d = date(self.year, 1, 1) if d.year < self.year else date(self.year, 12, 31)
            fraction = 0.0 if d.month == 1 and d.day == 1 else 1.0
        index = (d - date(self.year, 1, 1)).days - self._offset()
        return ((index + fraction) % self.days) / self.days * 360.0

    def month_sectors(self) -> list[tuple[int, float, float]]:
        """(month 1–12, start angle, end angle) in display order."""
        out = []
        for i in range(12):
            m = (self.start_month - 1 + i) % 12 + 1
            start = self.angle(date(self.year, m, 1), 0.0)
            nxt = date(self.year + (m == 12), m % 12 + 1, 1)
            end = start + (nxt - date(self.year, m, 1)).days / self.days * 360.0
            out.append((m, start, end))
        return out

    def week_ticks(self) -> list[tuple[int, float, float]]:
        """(ISO week, start angle, end angle) for each week starting (Monday) in the year.

        Week 1 and the last week are clipped to the year.
        """
        out = []
        d = date(self.year, 1, 1)
        d -= timedelta(days=d.weekday())
        while d.year <= self.year:
            start, end = max(d, date(self.year, 1, 1)), min(d + timedelta(days=6), date(self.year, 12, 31))
            if start <= end and start.year == self.year:
                a0 = self.angle(start, 0.0)
                out.append((d.isocalendar().week, a0, a0 + ((end - start).days + 1) / self.days * 360.0))
            d += timedelta(days=7)
        return out


def polar(cx: float, cy: float, radius: float, angle: float, y_down: bool = True) -> tuple[float, float]:
    """Point at ``radius`` and ``angle`` (clockwise from the top) around (cx, cy)."""
    rad = math.radians(angle)
    x = cx + radius * math.sin(rad)
    y = cy - radius * math.cos(rad) if y_down else cy + radius * math.cos(rad)
    return x, y


def text_rotation(angle: float) -> tuple[float, bool]:
    """Rotation (degrees, clockwise) for tangential text at ``angle`` and whether it is flipped.

    Text in the lower half is turned half a turn so it never reads upside down.
    """
    a = angle % 360
    if 90 < a < 270:
        return a - 180, True
    return a, False


@dataclass(frozen=True)
class Bands:
    """Radii of the wheel's parts, inside out."""

    hub: float
    rings: tuple[tuple[float, float], ...]
    month: tuple[float, float]
    week: tuple[float, float]

    @property
    def outer(self) -> float:
        return self.week[1]


def bands(radius: float, ring_count: int, hub_share: float = 0.2) -> Bands:
    """Split ``radius``: a hub for the year, one ring per category, a month band and a week rim."""
    week_w = max(radius * 0.045, 7.0)
    month_w = max(radius * 0.075, 12.0)
    hub = radius * hub_share
    ring_space = radius - week_w - month_w - hub
    n = max(ring_count, 1)
    w = ring_space / n
    rings = tuple((hub + i * w, hub + (i + 1) * w) for i in range(ring_count))
    month = (hub + ring_space, hub + ring_space + month_w)
    return Bands(hub, rings, month, (month[1], radius))


@dataclass(frozen=True)
class Mark:
    """One mark on the wheel: the occurrences of one ring on one date (or one range)."""

    occurrences: tuple[Occurrence, ...]
    ring: int
    angle: float
    end_angle: float | None
    radius: float
    label: str
    label_radius: float | None = None
    label_angle: float | None = None
    label_width: float = 0.0
    label_height: float = 0.0

    @property
    def first(self) -> Occurrence:
        return self.occurrences[0]

    @property
    def count(self) -> int:
        return len(self.occurrences)

    @property
    def status(self) -> Status:
        statuses = {o.status for o in self.occurrences}
        if statuses == {Status.KLAR}:
            return Status.KLAR
        if statuses == {Status.INSTALLD}:
            return Status.INSTALLD
        return Status.PLANERAD

    @property
    def flagged(self) -> bool:
        return any(o.flag for o in self.occurrences)

    @property
    def labelled(self) -> bool:
        return self.label_radius is not None

    def label_box(self, cx: float = 0.0, cy: float = 0.0) -> Box:
        """The four corners of the label's rectangle around the centre (cx, cy), y down; () when unlabelled."""
        if self.label_radius is None or self.label_angle is None:
            return ()
        return label_box(cx, cy, self.label_radius, self.label_angle, self.label_width, self.label_height)


#: A label's rectangle as its four corners (turned along the ring).
Box = tuple[tuple[float, float], ...]


def label_box(cx: float, cy: float, radius: float, angle: float, width: float, height: float) -> Box:
    """Corners of a ``width`` × ``height`` text box centred on ``radius`` at ``angle`` and running along the
    circle (as both renderers draw a label: :func:`text_rotation`), y down."""
    x, y = polar(cx, cy, radius, angle)
    rad = math.radians(angle)
    tx, ty = math.cos(rad), math.sin(rad)  # along the ring
    ux, uy = math.sin(rad), -math.cos(rad)  # outwards
    w, h = width / 2, height / 2
    return tuple((x + sx * w * tx + sy * h * ux, y + sx * w * ty + sy * h * uy) for sx, sy in _CORNERS)


_CORNERS = ((-1, -1), (1, -1), (1, 1), (-1, 1))


def boxes_overlap(a: Box, b: Box) -> bool:
    """Whether two convex boxes share any area (separating axis test; touching edges do not count)."""
    if not a or not b:
        return False
    for box in (a, b):
        for i in range(len(box)):
            x0, y0 = box[i]
            x1, y1 = box[(i + 1) % len(box)]
            nx, ny = y0 - y1, x1 - x0
            pa = [nx * x + ny * y for x, y in a]
            pb = [nx * x + ny * y for x, y in b]
            if max(pa) <= min(pb) + 1e-9 or max(pb) <= min(pa) + 1e-9:
                return False
    return True


def _reach(box: Box) -> tuple[float, float, float]:
    """(centre x, centre y, radius) of a circle around the box, for a quick no-overlap test."""
    x = sum(p[0] for p in box) / len(box)
    y = sum(p[1] for p in box) / len(box)
    return x, y, max(math.hypot(p[0] - x, p[1] - y) for p in box)


def _overlaps(a: tuple[float, float], b: tuple[float, float]) -> bool:
    """Angular intervals overlap (with wrap-around)."""
    for shift in (-360.0, 0.0, 360.0):
        if a[0] < b[1] + shift and b[0] + shift < a[1]:
            return True
    return False


def _group_label(occs: Sequence[Occurrence]) -> str:
    labels = []
    for o in occs:
        if o.label not in labels:
            labels.append(o.label)
    if len(labels) == 1:
        return labels[0] + (f" ×{len(occs)}" if len(occs) > 1 else "")
    if len(labels) == 2:
        return f"{labels[0]}, {labels[1].lower() if labels[1][1:2].islower() else labels[1]}"
    return f"{labels[0]} +{len(labels) - 1}"


#: How far (degrees) a label may move along its ring from its mark, tried nearest first.
NUDGES = (0.0, 1.5, -1.5, 3.0, -3.0, 4.5, -4.5, 6.0, -6.0, 8.0, -8.0)


def layout_marks(
    occurrences: Sequence[Occurrence],
    categories: Sequence[Category],
    geometry: WheelGeometry,
    wheel: Bands,
    measure: Measure,
    font_size: float,
    padding: float = 3.0,
    lanes: int = 2,
) -> list[Mark]:
    """Place every occurrence as a mark in its category's ring and give labels a place where they fit.

    Occurrences of the same ring on the same date become one mark ("Ansvarsfrihet +5"). Labels run
    along the ring, centred on their mark; each ring has ``lanes`` lanes. A label goes in the first lane and
    nudge (up to a few degrees along the ring, :data:`NUDGES`) where its rectangle — a straight box, which
    reaches out of its ring at the ends — overlaps no label placed before it in any ring and stays inside the
    rings (never over the month names); if there is no such place it is left out (the mark, its tooltip and the
    list still show the event). So no two labels ever overlap, on the screen or on the poster.
    """
    ring_of = {c.key: i for i, c in enumerate(categories)}
    groups: dict[tuple[int, date, date | None], list[Occurrence]] = {}
    for o in occurrences:
        ring = ring_of.get(o.category)
        if ring is None:
            continue
        groups.setdefault((ring, o.date, o.end), []).append(o)
    marks: list[Mark] = []
    placed: list[tuple[Box, tuple[float, float, float]]] = []
    inner = wheel.hub
    outer = wheel.rings[-1][1] if wheel.rings else wheel.hub
    height = font_size * 1.2
    # Ring by ring from the inside, then by angle.
    order = sorted(groups.items(), key=lambda kv: (kv[0][0], geometry.angle(kv[0][1])))
    for (ring, start, end), occs in order:
        r_in, r_out = wheel.rings[ring]
        mid = (r_in + r_out) / 2
        angle = geometry.angle(start)
        end_angle = None
        if end is not None and end != start:
            end_angle = geometry.angle(end, 1.0)
            if end_angle < angle:
                end_angle += 360
            angle = geometry.angle(start, 0.0)
        label = _group_label(occs)
        width = measure(label, font_size)
        lane_radii = [r_out - (k + 0.5) * (r_out - r_in) / lanes for k in range(lanes)]
        centre = (angle + end_angle) / 2 if end_angle is not None else angle
        chosen = None
        if (r_out - r_in) / lanes >= height * 0.85:
            chosen = _free_place(lane_radii, centre, width + padding, height, inner, outer, placed)
        if chosen:
            lr, la, box = chosen
            placed.append((box, _reach(box)))
            marks.append(Mark(tuple(occs), ring, angle, end_angle, mid, label, lr, la, width, height))
        else:
            marks.append(Mark(tuple(occs), ring, angle, end_angle, mid, label))
    return marks


def _free_place(
    lane_radii: Sequence[float],
    centre: float,
    width: float,
    height: float,
    inner: float,
    outer: float,
    placed: Sequence[tuple[Box, tuple[float, float, float]]],
) -> tuple[float, float, Box] | None:
    """(radius, angle, box) of the first lane and nudge where the label box is free, or None."""
    for nudge in NUDGES:
        for lr in lane_radii:
            if math.degrees(width / max(lr, 1.0)) > 150:
                continue
            box = label_box(0.0, 0.0, lr, centre + nudge, width, height)
            if max(math.hypot(x, y) for x, y in box) > outer or lr - height / 2 < inner:
                continue
            x, y, reach = _reach(box)
            if any(
                math.hypot(x - ox, y - oy) < reach + oreach and boxes_overlap(box, other)
                for other, (ox, oy, oreach) in placed
            ):
                continue
            return lr, centre + nudge, box
    return None


def mark_at(marks: Sequence[Mark], cx: float, cy: float, x: float, y: float, tolerance: float) -> Mark | None:
    """The mark nearest to (x, y) within ``tolerance`` (screen coordinates, y down), for hover/click."""
    best, best_d = None, tolerance
    for m in marks:
        if m.end_angle is not None:
            r = math.hypot(x - cx, y - cy)
            a = math.degrees(math.atan2(x - cx, -(y - cy))) % 360
            inside = m.angle <= a <= m.end_angle or m.angle <= a + 360 <= m.end_angle
            if inside and abs(r - m.radius) <= tolerance:
                d = abs(r - m.radius)
                if d < best_d:
                    best, best_d = m, d
            continue
        mx, my = polar(cx, cy, m.radius, m.angle)
        d = math.hypot(x - mx, y - my)
        if d <= best_d:
            best, best_d = m, d
    return best


def angle_to_date(geometry: WheelGeometry, angle: float) -> date:
    """The date at ``angle`` (inverse of :meth:`WheelGeometry.angle`)."""
    index = int((angle % 360) / 360.0 * geometry.days) + geometry._offset()
    return date(geometry.year, 1, 1) + timedelta(days=index % geometry.days)


def hex_to_rgb(colour: str) -> tuple[int, int, int]:
    c = colour.lstrip("#")
    return int(c[0:2], 16), int(c[2:4], 16), int(c[4:6], 16)


def tint(colour: str, amount: float) -> str:
    """Mix ``colour`` with white (``amount`` 0 = unchanged, 1 = white)."""
    r, g, b = hex_to_rgb(colour)
    mix = [round(v + (255 - v) * amount) for v in (r, g, b)]
    return "#{:02X}{:02X}{:02X}".format(*mix)
