"""Issue 14 point 11: the risk matrix's axis labels never overlap, are never cut, and two pictures fit the page."""

from __future__ import annotations

from dataclasses import replace
from itertools import combinations

import pytest
from reportlab.graphics.shapes import Rect, String
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth

from finsam_desktop.domain.internkontroll.risk import MatrixSettings
from finsam_desktop.reports.common.cells import hyphenation_points
from finsam_desktop.reports.common.pdf import register_fonts
from finsam_desktop.reports.internkontroll.matrix import Box, matrix_layout
from finsam_desktop.reports.internkontroll.pdf import matrix_drawing

FRAME = A4[0] - 40 * mm
HALF = FRAME / 2 - 6


def _long_labels(settings: MatrixSettings) -> MatrixSettings:
    """Custom scales a förbund might type: long compounds and several words."""
    v = tuple(replace(lvl, label=f"{lvl.label} verksamhetspåverkan") for lvl in settings.vasentlighet)
    s = tuple(replace(lvl, label=f"{lvl.label} förekomstsannolikhet") for lvl in settings.sannolikhet)
    return replace(settings, vasentlighet=v, sannolikhet=s)


CASES = [
    pytest.param(MatrixSettings.for_size(n), width, id=f"{n}x{n}-{name}")
    for n in (3, 4, 5)
    for name, width in (("full", None), ("half", HALF))
] + [pytest.param(_long_labels(MatrixSettings.for_size(n)), HALF, id=f"{n}x{n}-long-labels-half") for n in (3, 4, 5)]


def _unwrap(lines: tuple[str, ...]) -> str:
    text = ""
    for line in lines:
        if text.endswith("-"):
            head = text.rsplit(" ", 1)[-1][:-1]
            tail = line.split(" ", 1)[0]
            assert len(head) in hyphenation_points(head + tail), (head, tail)
            text = text[:-1] + line
        else:
            text = f"{text} {line}".strip()
    return text


@pytest.mark.parametrize(("settings", "width"), CASES)
def test_axis_labels_do_not_overlap_and_stay_inside(settings, width):
    layout = matrix_layout(settings, title="Kvarstående risk efter åtgärd", max_width=width)
    if width is not None:
        assert layout.width <= width
    boxes = [label.box for label in layout.labels]
    for a, b in combinations(boxes, 2):
        assert not a.intersects(b), (a, b)
    for label, box in zip(layout.labels, boxes, strict=True):
        assert not box.intersects(layout.grid), label
        assert box.inside(layout.bounds), label
    # Every scale label is drawn whole: its words, or a word hyphenated at a dictionary point.
    drawn = {_unwrap(label.lines) for label in layout.labels}
    for i in range(1, settings.size + 1):
        assert settings.v_label(i) in drawn
        assert f"{i} {settings.s_label(i)}" in drawn


def _string_box(s: String) -> Box:
    w = stringWidth(s.text, s.fontName, s.fontSize)
    x0 = {"start": s.x, "middle": s.x - w / 2, "end": s.x - w}[s.textAnchor]
    return Box(x0, s.y - 0.25 * s.fontSize, w, 1.2 * s.fontSize)


@pytest.mark.parametrize("size", [4, 5])
def test_drawn_matrix_labels_do_not_overlap(size):
    """The picture as drawn (read back from the drawing): no two texts outside the grid touch, none is cut."""
    register_fonts()
    settings = MatrixSettings.for_size(size)
    d = matrix_drawing([], settings, title="Risk före åtgärd")
    rects = [c for c in d.contents if isinstance(c, Rect)]
    grid = Box(
        min(r.x for r in rects),
        min(r.y for r in rects),
        max(r.x + r.width for r in rects) - min(r.x for r in rects),
        max(r.y + r.height for r in rects) - min(r.y for r in rects),
    )
    outside = [
        c
        for c in d.contents
        if isinstance(c, String) and not (grid.x <= c.x <= grid.x + grid.w and grid.y <= c.y <= grid.y + grid.h)
    ]
    boxes = [_string_box(s) for s in outside]
    for (a, sa), (b, sb) in combinations(zip(boxes, outside, strict=True), 2):
        assert not a.intersects(b), (sa.text, sb.text)
    texts = " ".join(s.text for s in outside)
    for i in range(1, size + 1):
        for word in settings.v_label(i).split() + settings.s_label(i).split():
            assert word in texts.replace("- ", ""), word
