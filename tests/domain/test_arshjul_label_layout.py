"""The wheel's labels never overlap: each label is a straight box along its ring, and no two boxes share any area —
on a crowded synthetic year here, on the demo year on the screen and on the poster (``tests/ui``, ``tests/reports``).

The rectangles and the overlap test are computed here from the marks' own radius, angle and size, independently of
the layout code."""

from __future__ import annotations

import math
from datetime import date, timedelta

from finsam_desktop.domain.arshjul.events import Category
from finsam_desktop.domain.arshjul.occurrences import Occurrence
from finsam_desktop.domain.arshjul.overrides import Status
from finsam_desktop.domain.arshjul.wheel import Mark, WheelGeometry, bands, layout_marks


def rectangle(m: Mark, height: float) -> list[tuple[float, float]]:
    """Corners of the label of ``m`` (centre of the wheel at 0, 0; y down)."""
    a = math.radians(m.label_angle)
    cx, cy = m.label_radius * math.sin(a), -m.label_radius * math.cos(a)
    along, out = (math.cos(a), math.sin(a)), (math.sin(a), -math.cos(a))
    w, h = m.label_width / 2, height / 2
    return [
        (cx + i * w * along[0] + j * h * out[0], cy + i * w * along[1] + j * h * out[1])
        for i, j in ((-1, -1), (1, -1), (1, 1), (-1, 1))
    ]


def overlap(a, b) -> bool:
    for poly in (a, b):
        for k in range(4):
            (x0, y0), (x1, y1) = poly[k], poly[(k + 1) % 4]
            n = (y0 - y1, x1 - x0)
            pa = [n[0] * x + n[1] * y for x, y in a]
            pb = [n[0] * x + n[1] * y for x, y in b]
            if max(pa) <= min(pb) + 1e-6 or max(pb) <= min(pa) + 1e-6:
                return False
    return True


def overlapping_labels(marks: list[Mark], height: float) -> list[tuple[str, str]]:
    boxes = [(m.label, rectangle(m, height)) for m in marks if m.labelled]
    return [(la, lb) for i, (la, a) in enumerate(boxes) for lb, b in boxes[i + 1 :] if overlap(a, b)]


def _occurrence(n: int, category: str, day: date, label: str) -> Occurrence:
    return Occurrence(
        uid=f"u{n}", event_id=n, key=day.isoformat(), title=label, short=label, category=category, date=day, end=None,
        starttid=None, sluttid=None, responsible="", notes="", status=Status.PLANERAD, generated=day,
    )  # fmt: skip


CATEGORIES = [Category(i + 1, f"k{i}", f"Ring {i}", "#1F4E79", i) for i in range(6)]


def crowded_year() -> list[Occurrence]:
    """Six rings, every ring with an event every other day of November–December, long and short labels."""
    out, n = [], 0
    for ring in range(6):
        day = date(2026, 11, 1) + timedelta(days=ring % 2)
        while day.year == 2026:
            n += 1
            label = ("Justering", "Anslag ned", "Budgetuppföljning", "Kallelse", "Månadsavstämning")[n % 5]
            out.append(_occurrence(n, f"k{ring}", day, label))
            day += timedelta(days=2)
    return out


def test_crowded_november_december_labels_never_overlap():
    size = 9.0
    measure = lambda text, s: len(text) * s * 0.6  # noqa: E731
    for radius in (250.0, 330.0, 420.0):
        wheel = bands(radius, len(CATEGORIES))
        marks = layout_marks(crowded_year(), CATEGORIES, WheelGeometry(2026), wheel, measure, size)
        assert sum(m.count for m in marks) == len(crowded_year())
        assert not overlapping_labels(marks, size * 1.2), radius
        assert sum(m.labelled for m in marks) >= 20  # the wheel still names what it can
        outer = wheel.rings[-1][1]
        for m in marks:
            if m.labelled:  # never out over the month names
                assert max(math.hypot(x, y) for x, y in rectangle(m, size * 1.2)) <= outer + 1e-6, m.label
