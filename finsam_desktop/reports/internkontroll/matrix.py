"""The risk matrix as a picture (heat map) and its colour legend, for the intern kontroll PDF.

The geometry is computed first by the pure ``matrix_layout`` (cells, axis labels wrapped to the room they have,
every label's box), then drawn; a test checks on the layout that no two labels overlap and that every label
stays inside the picture, for 3×3, 4×4 and 5×5 and for long custom scale labels.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from reportlab.graphics.shapes import Drawing, Line, Rect, String
from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth

from finsam_desktop.domain.internkontroll.risk import MatrixSettings, Movement, Risk, RiskMove, build_matrix
from finsam_desktop.reports.common.cells import hyphenation_points
from finsam_desktop.reports.common.pdf import FONT, FONT_BOLD, register_fonts

#: The cell size when there is room; a picture given less width shrinks its cells.
CELL = 14.5 * mm
LEFT = 25 * mm
RIGHT_PAD = 4 * mm
#: Axis label font sizes tried from the first down, until every label fits in at most ``MAX_LINES`` lines.
LABEL_SIZES = (6.0, 5.5, 5.0, 4.5)
MAX_LINES = 3
LEADING = 1.2
GAP = 2.0  # points between a label and its neighbour


@dataclass(frozen=True)
class Box:
    x: float
    y: float
    w: float
    h: float

    def intersects(self, other: Box) -> bool:
        """True if the two boxes overlap (touching edges do not count)."""
        return (
            self.x < other.x + other.w
            and other.x < self.x + self.w
            and self.y < other.y + other.h
            and other.y < self.y + self.h
        )

    def inside(self, other: Box) -> bool:
        eps = 1e-6
        return (
            self.x >= other.x - eps
            and self.y >= other.y - eps
            and self.x + self.w <= other.x + other.w + eps
            and self.y + self.h <= other.y + other.h + eps
        )


@dataclass(frozen=True)
class Label:
    """Text lines drawn from ``baseline`` (first line) downwards, anchored at ``x`` ('start', 'middle', 'end')."""

    lines: tuple[str, ...]
    x: float
    baseline: float
    font: str
    size: float
    anchor: str

    @property
    def box(self) -> Box:
        width = max((stringWidth(t, self.font, self.size) for t in self.lines), default=0.0)
        x0 = {"start": self.x, "middle": self.x - width / 2, "end": self.x - width}[self.anchor]
        top = self.baseline + 0.95 * self.size
        bottom = self.baseline - (len(self.lines) - 1) * LEADING * self.size - 0.25 * self.size
        return Box(x0, bottom, width, top - bottom)


@dataclass(frozen=True)
class MatrixLayout:
    size: int
    cell: float
    left: float
    bottom: float
    width: float
    height: float
    labels: tuple[Label, ...]

    @property
    def grid(self) -> Box:
        return Box(self.left, self.bottom, self.size * self.cell, self.size * self.cell)

    @property
    def bounds(self) -> Box:
        return Box(0, 0, self.width, self.height)


def wrap_words(text: str, font: str, size: float, width: float, hyphenate: bool = True) -> list[str] | None:
    """``text`` broken into lines no wider than ``width``, between words; a word too wide for a line on its own
    is hyphenated at a Swedish dictionary point (if ``hyphenate``). None if some part still does not fit."""
    lines: list[str] = []
    for word in text.split():
        candidate = f"{lines[-1]} {word}" if lines else word
        if lines and stringWidth(candidate, font, size) <= width:
            lines[-1] = candidate
            continue
        while stringWidth(word, font, size) > width:
            points = hyphenation_points(word) if hyphenate else ()
            heads = [p for p in points if stringWidth(word[:p] + "-", font, size) <= width]
            if not heads:
                return None
            lines.append(word[: heads[-1]] + "-")
            word = word[heads[-1] :]
        lines.append(word)
    return lines


def _fit(texts: Sequence[str], font: str, width: float, height: float) -> tuple[float, list[list[str]]]:
    """The largest label size at which every text wraps into the width and the height, whole words before
    hyphenated ones; the smallest size otherwise."""
    for hyphenate in (False, True):
        for size in LABEL_SIZES:
            wrapped = [wrap_words(t, font, size, width, hyphenate) for t in texts]
            if all(w is not None and len(w) <= MAX_LINES for w in wrapped):
                lines = [w for w in wrapped if w is not None]
                if max(len(w) for w in lines) * LEADING * size <= height:
                    return size, lines
    size = LABEL_SIZES[-1]
    return size, [wrap_words(t, font, size, width) or [t] for t in texts]


def matrix_layout(settings: MatrixSettings, title: str = "", max_width: float | None = None) -> MatrixLayout:
    """Where everything of the picture goes. ``max_width`` (points) shrinks the cells so the picture fits."""
    register_fonts()
    n = settings.size
    cell = CELL if max_width is None else min(CELL, (max_width - LEFT - RIGHT_PAD) / n)
    v_size, v_lines = _fit([settings.v_label(v) for v in range(1, n + 1)], FONT, cell - GAP, 3 * LEADING * 6)
    s_size, s_lines = _fit([f"{s} {settings.s_label(s)}" for s in range(1, n + 1)], FONT, LEFT - 3 - GAP, cell - GAP)
    v_rows = max(len(lines) for lines in v_lines)
    number_row = 9.0
    axis_row = 10.0
    bottom = number_row + 2 + v_rows * LEADING * v_size + axis_row
    width = LEFT + n * cell + RIGHT_PAD
    # The title starts above the grid if it fits there, else at the picture's edge, wrapped if need be.
    title_x = LEFT if stringWidth(title, FONT_BOLD, 9) <= width - LEFT else 2
    title_lines = (wrap_words(title, FONT_BOLD, 9, width - title_x, hyphenate=False) or [title]) if title else []
    top_pad = 11.0 + 11.0 * len(title_lines) + (1.0 if title_lines else 0.0)
    height = bottom + n * cell + top_pad
    labels: list[Label] = []
    if title_lines:
        labels.append(Label(tuple(title_lines), title_x, height - 10, FONT_BOLD, 9, "start"))
    labels.append(Label(("Sannolikhet ↑",), 2, bottom + n * cell + 3, FONT_BOLD, 7, "start"))
    for v in range(1, n + 1):
        x = LEFT + (v - 0.5) * cell
        labels.append(Label((str(v),), x, bottom - number_row + 1, FONT_BOLD, 7, "middle"))
        first = bottom - number_row - 2 - v_size
        labels.append(Label(tuple(v_lines[v - 1]), x, first, FONT, v_size, "middle"))
    for s in range(1, n + 1):
        lines = s_lines[s - 1]
        centre = bottom + (s - 0.5) * cell
        block = (len(lines) - 1) * LEADING * s_size
        baseline = centre + block / 2 - 0.35 * s_size
        labels.append(Label(tuple(lines), LEFT - 3, baseline, FONT, s_size, "end"))
    labels.append(Label(("Väsentlighet (konsekvens) →",), LEFT + n * cell / 2, 3, FONT_BOLD, 7, "middle"))
    return MatrixLayout(n, cell, LEFT, bottom, width, height, tuple(labels))


def _text_colour(hex_colour: str):
    c = colors.HexColor(hex_colour)
    return colors.black if (0.299 * c.red + 0.587 * c.green + 0.114 * c.blue) > 0.55 else colors.white


def matrix_drawing(
    risks: list[Risk] | tuple[Risk, ...],
    settings: MatrixSettings,
    residual: bool = False,
    title: str = "",
    moves: tuple[RiskMove, ...] = (),
    max_width: float | None = None,
) -> Drawing:
    """A heat map: sannolikhet up the side (highest on top), väsentlighet along the bottom; each cell
    coloured by its band and showing the count and the risk numbers. Moved risks get an arrow mark."""
    layout = matrix_layout(settings, title, max_width)
    n, cell, left, bottom = layout.size, layout.cell, layout.left, layout.bottom
    m = build_matrix(risks, n, residual)
    d = Drawing(layout.width, layout.height)
    moved_up = {mv.nummer for mv in moves if mv.movement is Movement.HOJD}
    moved_down = {mv.nummer for mv in moves if mv.movement in (Movement.SANKT, Movement.FLYTTAD)}
    new = {mv.nummer for mv in moves if mv.movement is Movement.NY}
    big = 13 if cell >= 12 * mm else 11
    for s in range(1, n + 1):
        for v in range(1, n + 1):
            x = left + (v - 1) * cell
            y = bottom + (s - 1) * cell
            band = settings.band_for(s * v)
            d.add(
                Rect(
                    x, y, cell, cell, fillColor=colors.HexColor(band.colour), strokeColor=colors.white, strokeWidth=1.5
                )
            )
            ink = _text_colour(band.colour)
            d.add(String(x + 2, y + cell - 8, str(s * v), fontName=FONT, fontSize=6, fillColor=ink))
            numbers = m.numbers(s, v)
            if numbers:
                d.add(
                    String(
                        x + cell / 2,
                        y + cell / 2 - 1,
                        str(len(numbers)),
                        fontName=FONT_BOLD,
                        fontSize=big,
                        fillColor=ink,
                        textAnchor="middle",
                    )
                )
                marks = []
                for num in numbers:
                    mark = "↑" if num in moved_up else "↓" if num in moved_down else "*" if num in new else ""
                    marks.append(f"{num}{mark}")
                text = ", ".join(marks)
                size = 6.0
                while size > 4 and stringWidth(text, FONT, size) > cell - 2:
                    size -= 0.5
                # Many risks in one cell: the numbers wrap (after a comma) rather than run into the next cell.
                lines = wrap_words(text, FONT, size, cell - 2) or [text]
                for i, line in enumerate(reversed(lines)):
                    d.add(
                        String(
                            x + cell / 2,
                            y + 4 + i * LEADING * size,
                            line,
                            fontName=FONT,
                            fontSize=size,
                            fillColor=ink,
                            textAnchor="middle",
                        )
                    )
    d.add(Line(left, bottom, left + n * cell, bottom, strokeColor=colors.HexColor("#555555"), strokeWidth=0.6))
    d.add(Line(left, bottom, left, bottom + n * cell, strokeColor=colors.HexColor("#555555"), strokeWidth=0.6))
    for label in layout.labels:
        for i, line in enumerate(label.lines):
            d.add(
                String(
                    label.x,
                    label.baseline - i * LEADING * label.size,
                    line,
                    fontName=label.font,
                    fontSize=label.size,
                    textAnchor=label.anchor,
                )
            )
    return d


def legend_drawing(settings: MatrixSettings, width: float = 170 * mm) -> Drawing:
    """One line per colour band: swatch, range and meaning."""
    line = 4.2 * mm
    d = Drawing(width, line * len(settings.bands) + 1 * mm)
    for i, band in enumerate(settings.bands):
        y = (len(settings.bands) - 1 - i) * line + 1 * mm
        d.add(Rect(0, y, 5 * mm, 3.2 * mm, fillColor=colors.HexColor(band.colour), strokeColor=None))
        d.add(
            String(
                6.5 * mm, y + 0.7 * mm, f"{band.name} {band.low}–{band.high}: {band.meaning}", fontName=FONT, fontSize=7
            )
        )
    return d
