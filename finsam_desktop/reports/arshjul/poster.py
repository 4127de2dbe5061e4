"""The årshjul as a poster: the wheel with a month-by-month list beside it (A4 or A3 landscape),
followed by the full list of the year's occurrences.

The wheel is drawn with ReportLab graphics from the same geometry as the screen
(``domain.arshjul_wheel``).
"""

from __future__ import annotations

from datetime import date

from reportlab.graphics.shapes import Circle, Drawing, Group, Line, Polygon, String, Wedge, mmult, rotate, translate
from reportlab.lib import colors
from reportlab.lib.pagesizes import A3, A4, landscape
from reportlab.lib.units import mm
from reportlab.lib.utils import simpleSplit
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, PageBreak, Paragraph, Spacer

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
    polar,
    text_rotation,
    tint,
)
from finsam_desktop.domain.common.dates import SWEDISH_WEEKDAYS
from finsam_desktop.reports.common.cells import cell
from finsam_desktop.reports.common.pdf import (
    FONT,
    FONT_BOLD,
    GREY,
    DocumentInfo,
    build_pdf,
    escape,
    grid_table,
    register_fonts,
    styles,
)

PAGE_SIZES = {"A4": landscape(A4), "A3": landscape(A3)}
HOLIDAY_RED = "#C62828"


def _c(hex_colour: str) -> colors.Color:
    return colors.HexColor(hex_colour)


def _measure(text: str, size: float) -> float:
    return stringWidth(text, FONT, size)


def _rotated_text(
    text: str, cx: float, cy: float, angle: float, radius: float, size: float, font: str, colour: colors.Color
) -> Group:
    """Text centred on ``radius`` at ``angle``, running along the circle, never upside down."""
    rot, flipped = text_rotation(angle)
    y = -radius - size * 0.35 if flipped else radius - size * 0.35
    s = String(0, y, text, fontName=font, fontSize=size, fillColor=colour, textAnchor="middle")
    g = Group(s)
    g.transform = mmult(translate(cx, cy), rotate(-rot))
    return g


def _rl_angle(angle: float) -> float:
    """Our angle (clockwise from the top) → ReportLab's (counter-clockwise from three o'clock)."""
    return 90.0 - angle


def _annulus(cx, cy, r_in, r_out, a0, a1, fill, stroke=None, width=0.0) -> Wedge:
    return Wedge(
        cx, cy, r_out, _rl_angle(a1), _rl_angle(a0), radius1=r_in, fillColor=fill, strokeColor=stroke, strokeWidth=width
    )


def wheel_drawing(
    view: YearView, diameter: float, forbund_namn: str = "", today: date | None = None, font_size: float | None = None
) -> tuple[Drawing, list[Mark]]:
    """The wheel as a ReportLab ``Drawing`` of ``diameter`` points, and the marks it placed."""
    register_fonts()
    size = diameter
    cx = cy = size / 2
    radius = size / 2 - 2
    geo = WheelGeometry(view.year, view.start_month)
    wheel: Bands = bands(radius, len(view.categories))
    ring_w = (wheel.rings[0][1] - wheel.rings[0][0]) if wheel.rings else 20
    fs = font_size or max(5.0, min(8.0, ring_w / 4.6))
    d = Drawing(size, size)
    sectors = geo.month_sectors()
    # Rings: a tinted band per category, alternating per month.
    for i, cat in enumerate(view.categories):
        r_in, r_out = wheel.rings[i]
        for k, (_m, a0, a1) in enumerate(sectors):
            d.add(_annulus(cx, cy, r_in, r_out, a0, a1, _c(tint(cat.farg, 0.90 if k % 2 else 0.82))))
    # Month band and week rim.
    for k, (m, a0, a1) in enumerate(sectors):
        d.add(_annulus(cx, cy, *wheel.month, a0, a1, _c("#1F3A56" if k % 2 else "#2B4C6F")))
        d.add(
            _rotated_text(
                MONTH_NAMES[m - 1].upper(),
                cx,
                cy,
                (a0 + a1) / 2,
                sum(wheel.month) / 2,
                min(fs * 1.35, (wheel.month[1] - wheel.month[0]) * 0.55),
                FONT_BOLD,
                colors.white,
            )
        )
    d.add(_annulus(cx, cy, *wheel.week, 0, 359.999, _c("#F4F6F8")))
    week_fs = min(fs * 0.8, (wheel.week[1] - wheel.week[0]) * 0.62)
    for week, a0, a1 in geo.week_ticks():
        x0, y0 = polar(cx, cy, wheel.week[0], a0, y_down=False)
        x1, y1 = polar(cx, cy, wheel.week[1], a0, y_down=False)
        d.add(Line(x0, y0, x1, y1, strokeColor=_c("#B0BAC3"), strokeWidth=0.3))
        if a1 - a0 > 4.0:
            d.add(_rotated_text(str(week), cx, cy, (a0 + a1) / 2, sum(wheel.week) / 2, week_fs, FONT, GREY))
    # Month separators through the rings.
    for _m, a0, _a1 in sectors:
        x0, y0 = polar(cx, cy, wheel.hub, a0, y_down=False)
        x1, y1 = polar(cx, cy, wheel.month[1], a0, y_down=False)
        d.add(Line(x0, y0, x1, y1, strokeColor=colors.white, strokeWidth=1.2))
    for r_in, _r_out in wheel.rings:
        d.add(Circle(cx, cy, r_in, fillColor=None, strokeColor=colors.white, strokeWidth=0.8))
    # Hub.
    d.add(Circle(cx, cy, wheel.hub, fillColor=colors.white, strokeColor=_c("#1F3A56"), strokeWidth=1.2))
    year_fs = wheel.hub * 0.5
    d.add(
        String(
            cx,
            cy - year_fs * 0.2,
            str(view.year),
            fontName=FONT_BOLD,
            fontSize=year_fs,
            fillColor=_c("#1F3A56"),
            textAnchor="middle",
        )
    )
    if forbund_namn:
        small = min(wheel.hub * 0.13, 8.0)
        words = forbund_namn.replace("Samordningsförbundet ", "Samordningsförbundet\n").split("\n")
        for j, line in enumerate(words):
            d.add(
                String(
                    cx,
                    cy - year_fs * 0.2 - small * (1.6 + 1.25 * j),
                    line,
                    fontName=FONT,
                    fontSize=small,
                    fillColor=GREY,
                    textAnchor="middle",
                )
            )
    d.add(
        String(
            cx,
            cy + year_fs * 0.75,
            "ÅRSHJUL",
            fontName=FONT_BOLD,
            fontSize=min(wheel.hub * 0.14, 9),
            fillColor=GREY,
            textAnchor="middle",
        )
    )
    # Marks and labels.
    marks = layout_marks(view.occurrences, view.categories, geo, wheel, _measure, fs)
    colour_of = {c.key: c.farg for c in view.categories}
    dot = max(1.6, min(ring_w * 0.11, 4.0))
    for m in marks:
        colour = colour_of.get(m.first.category, "#555555")
        _draw_mark(d, cx, cy, m, colour, dot)
    for m in marks:
        if m.labelled:
            text_colour = _c("#9AA0A6") if m.status is Status.INSTALLD else _c("#111111")
            d.add(_rotated_text(m.label, cx, cy, m.label_angle, m.label_radius, fs, FONT, text_colour))
    if today is not None and today.year == view.year:
        a = geo.angle(today)
        x0, y0 = polar(cx, cy, wheel.hub, a, y_down=False)
        x1, y1 = polar(cx, cy, wheel.week[1], a, y_down=False)
        d.add(Line(x0, y0, x1, y1, strokeColor=_c(HOLIDAY_RED), strokeWidth=1.4))
    return d, marks


def _draw_mark(d: Drawing, cx: float, cy: float, m: Mark, colour: str, dot: float) -> None:
    fill = {Status.PLANERAD: _c(colour), Status.KLAR: _c(tint(colour, 0.55)), Status.INSTALLD: colors.white}[m.status]
    stroke = _c(HOLIDAY_RED) if m.flagged else (_c("#9AA0A6") if m.status is Status.INSTALLD else colors.white)
    if m.end_angle is not None:
        d.add(_annulus(cx, cy, m.radius - dot * 0.8, m.radius + dot * 0.8, m.angle, m.end_angle, fill, stroke, 0.6))
        return
    x, y = polar(cx, cy, m.radius, m.angle, y_down=False)
    r = dot * (1.35 if m.first.meeting_id else 1.0)
    if m.first.category == "protokoll":
        d.add(
            Polygon(
                [x, y + r * 1.2, x - r, y - r * 0.8, x + r, y - r * 0.8],
                fillColor=fill,
                strokeColor=stroke,
                strokeWidth=0.6,
            )
        )
    else:
        d.add(Circle(x, y, r, fillColor=fill, strokeColor=stroke, strokeWidth=0.8 if m.flagged else 0.6))


def _day(o: Occurrence) -> str:
    """``30/1``, ``18–19/4``, ``30/9–2/10``."""
    if not o.end or o.end == o.date:
        return f"{o.date.day}/{o.date.month}"
    if o.end.month == o.date.month:
        return f"{o.date.day}–{o.end.day}/{o.date.month}"
    return f"{o.date.day}/{o.date.month}–{o.end.day}/{o.end.month}"


class PosterPage(Flowable):
    """The whole first page: the wheel, its legend and the month-by-month list."""

    def __init__(self, view: YearView, forbund_namn: str, width: float, height: float):
        super().__init__()
        self.view, self.namn = view, forbund_namn
        self.width, self.height = width, height

    def wrap(self, avail_width, avail_height):
        return self.width, self.height

    def draw(self) -> None:
        c = self.canv
        w, h = self.width, self.height
        title_h = 10 * mm
        c.setFont(FONT_BOLD, 16 if w > 300 * mm else 13)
        c.setFillColor(_c("#1F3A56"))
        c.drawString(0, h - 6 * mm, f"Årshjul {self.view.year}")
        c.setFont(FONT, 9)
        c.setFillColor(GREY)
        c.drawRightString(w, h - 6 * mm, self.namn)
        diameter = min(h - title_h - 2 * mm, w * 0.6)
        drawing, _marks = wheel_drawing(self.view, diameter, self.namn)
        drawing.drawOn(c, 0, h - title_h - diameter)
        x0 = diameter + 8 * mm
        list_w = w - x0
        legend_h = self._legend(c, x0, h - title_h, list_w)
        self._list(c, x0, h - title_h - legend_h - 3 * mm, list_w, h - title_h - legend_h - 3 * mm)

    def _legend(self, c, x: float, top: float, width: float) -> float:
        counts = {}
        for o in self.view.occurrences:
            counts[o.category] = counts.get(o.category, 0) + 1
        y = top - 4 * mm
        c.setFont(FONT_BOLD, 8.5)
        c.setFillColor(_c("#1F3A56"))
        c.drawString(x, y, "Ringarna inifrån och ut")
        y -= 4.2 * mm
        per_row = 2 if width > 120 * mm else 1
        col_w = width / per_row
        for i, cat in enumerate(self.view.categories):
            cx = x + (i % per_row) * col_w
            cy = y - (i // per_row) * 4.2 * mm
            c.setFillColor(_c(cat.farg))
            c.rect(cx, cy - 0.6 * mm, 3 * mm, 3 * mm, stroke=0, fill=1)
            c.setFillColor(colors.black)
            c.setFont(FONT, 7.5)
            c.drawString(cx + 4.5 * mm, cy, f"{i + 1}. {cat.namn} ({counts.get(cat.key, 0)})")
        rows = (len(self.view.categories) + per_row - 1) // per_row
        y -= rows * 4.2 * mm + 1 * mm
        c.setFont(FONT, 7)
        c.setFillColor(GREY)
        c.drawString(x, y, "●  planerad     ◐  klar (ljusare)     ○  inställd     ▲  frist för kallelse/protokoll")
        y -= 3.4 * mm
        c.setFillColor(_c(HOLIDAY_RED))
        c.drawString(x, y, "Röd kant eller röd text: datumet är en helgdag eller helg")
        c.setStrokeColor(_c("#B8C2CA"))
        c.setLineWidth(0.5)
        c.line(x, y - 2.5 * mm, x + width, y - 2.5 * mm)
        return top - (y - 2.5 * mm)

    def _summarised(self) -> dict[int, str]:
        """Series listed once with their rule instead of per month: monthly rules and dates that
        follow every meeting."""
        out = {}
        for e in self.view.events:
            monthly = e.recurrence is not None and e.recurrence.freq == "manad"
            per_meeting = e.relative is not None and e.relative.anchor_organ_id is not None
            if monthly or per_meeting:
                out[e.id] = e.rule_text(settings=self.view.settings)
        return out

    def _list(self, c, x: float, top: float, width: float, height: float) -> None:
        summarised = self._summarised()
        colour_of = {cat.key: cat.farg for cat in self.view.categories}
        rules = [(e, summarised[e.id]) for e in self.view.events if e.id in summarised]
        if rules:
            size = 7.2
            leading = size * 1.35
            c.setFont(FONT_BOLD, size + 0.6)
            c.setFillColor(_c("#1F3A56"))
            c.drawString(x, top - leading, "Återkommande")
            row = 2
            for event, rule in rules:
                self._dot(c, x, top - row * leading, size, colour_of.get(event.category, "#555555"))
                c.setFillColor(colors.black)
                c.setFont(FONT, size)
                # A printed rule wraps; it is never cut short.
                for line in simpleSplit(f"{event.label}: {rule[:1].lower()}{rule[1:]}", FONT, size, width - 5 * mm):
                    c.drawString(x + 3.2 * mm, top - row * leading, line)
                    row += 1
            used = (row - 1) * leading + 2.5 * mm
            top -= used
            height -= used
        occ = [o for o in self.view.occurrences if o.event_id not in summarised]
        by_month: dict[int, list[Occurrence]] = {}
        for o in occ:
            by_month.setdefault(o.date.month, []).append(o)
        lines: list[tuple[str, object]] = []
        for m in [(self.view.start_month - 1 + i) % 12 + 1 for i in range(12)]:
            if m not in by_month:
                continue
            lines.append(("month", MONTH_NAMES[m - 1]))
            # One line for the same event on the same day (ansvarsfrihet per member).
            grouped: dict[tuple[date, str], list[Occurrence]] = {}
            for o in by_month[m]:
                grouped.setdefault((o.date, o.label), []).append(o)
            lines += [("item", group) for group in grouped.values()]
        columns, size = 1, 8.0
        while True:
            rows = self._rows(lines, size, width / columns)
            per_col = max(int(height / (size * 1.32)), 1)
            if len(rows) <= per_col * columns or (columns == 2 and size <= 6.3):
                break
            if size > 6.0 and columns == 1:
                size -= 0.25
            elif columns == 1:
                columns, size = 2, 7.4
            else:
                size -= 0.25
        col_w = width / columns
        leading = size * 1.32
        day_w = stringWidth("30–31/12", FONT, size) + 1.5 * mm
        for idx, (kind, payload, text) in enumerate(rows[: per_col * columns]):
            col, row = divmod(idx, per_col)
            lx = x + col * col_w
            ly = top - (row + 1) * leading
            if kind == "month":
                c.setFont(FONT_BOLD, size + 0.6)
                c.setFillColor(_c("#1F3A56"))
                c.drawString(lx, ly, text)
                continue
            o = payload[0]
            if kind == "item":
                self._dot(c, lx, ly, size, colour_of.get(o.category, "#555555"))
            c.setFont(FONT, size)
            c.setFillColor(_c("#9AA0A6") if o.status is Status.INSTALLD else colors.black)
            if kind == "item":
                c.drawString(lx + 3.2 * mm, ly, _day(o))
            if o.flag:
                c.setFillColor(_c(HOLIDAY_RED))
            c.drawString(lx + 3.2 * mm + day_w, ly, text)
        lines = rows
        if len(lines) > per_col * columns:
            c.setFont(FONT, 6.5)
            c.setFillColor(GREY)
            c.drawString(x, top - height, f"… {len(lines) - per_col * columns} rader till: se listan på nästa sida.")

    @staticmethod
    def _dot(c, x: float, y: float, size: float, colour: str) -> None:
        c.setFillColor(_c(colour))
        c.circle(x + 1.2 * mm, y + size * 0.33, size * 0.26, stroke=0, fill=1)

    @staticmethod
    def _rows(lines: list[tuple[str, object]], size: float, col_w: float) -> list[tuple[str, object, str]]:
        """The printed rows of the month list at ``size`` in columns ``col_w`` wide: a month name, or an
        occurrence whose title wraps onto continuation rows (a printed list never cuts a title short)."""
        day_w = stringWidth("30–31/12", FONT, size) + 1.5 * mm
        available = col_w - 3.2 * mm - day_w - 2 * mm
        rows: list[tuple[str, object, str]] = []
        for kind, payload in lines:
            if kind == "month":
                rows.append(("month", payload, str(payload)))
                continue
            group: list[Occurrence] = payload  # type: ignore[assignment]
            o = group[0]
            suffix = (" (inställd)" if o.status is Status.INSTALLD else "") + (" ✓" if o.status is Status.KLAR else "")
            if len(group) > 1:
                title = f"{o.label} ({len(group)} st.)"
            elif stringWidth(o.title + suffix, FONT, size) <= available or not o.label:
                title = o.title
            else:
                title = o.label  # the short label of the same event when the whole title needs two rows
            wrapped = simpleSplit(title + suffix, FONT, size, available) or [""]
            rows.append(("item", group, wrapped[0]))
            rows += [("more", group, line) for line in wrapped[1:]]
        return rows


def _table_rows(view: YearView) -> list[list]:
    names = {c.key: c.namn for c in view.categories}
    rows: list[list] = [["Datum", "V.", "Dag", "Händelse", "Kategori", "Ansvarig", "Status"]]
    for o in view.occurrences:
        remark = []
        if o.time_text:
            remark.append(o.time_text)
        if o.flag:
            remark.append(f"<font color='{HOLIDAY_RED}'>{escape(o.flag_text)}</font>")
        if o.adjust_text:
            remark.append(escape(o.adjust_text))
        if o.moved:
            remark.append(f"flyttad (ursprungligen {o.generated.isoformat()})")
        if o.occurrence_note:
            remark.append(escape(o.occurrence_note))
        text = f"<b>{escape(o.title)}</b>" + (
            f"<br/><font size='7' color='#555555'>{'; '.join(remark)}</font>" if remark else ""
        )
        rows.append(
            [
                o.date_text.replace(" – ", "–\n"),
                str(o.week),
                SWEDISH_WEEKDAYS[o.date.weekday()][:3],
                cell(text, markup=True),
                cell(names.get(o.category, o.category)),
                cell(o.responsible),
                cell(o.status.label),
            ]
        )
    return rows


def build_poster_pdf(view: YearView, forbund_namn: str, pagesize: str = "A3", today: date | None = None) -> bytes:
    """Page 1: the wheel with legend and list; then every occurrence in a table."""
    if pagesize not in PAGE_SIZES:
        raise ValueError(f"unknown page size {pagesize}")
    size = PAGE_SIZES[pagesize]
    # Frame = page − margins (16, 12, 20, 12 mm) − the frame's own 6 pt padding on each side.
    frame_w, frame_h = size[0] - 24 * mm - 12, size[1] - 36 * mm - 12
    st = styles()
    story: list = [PosterPage(view, forbund_namn, frame_w, frame_h - 2), PageBreak()]
    story.append(Paragraph(f"Årshjul {view.year}: alla händelser", st["H1"]))
    story.append(
        Paragraph(
            f"{len(view.occurrences)} händelser. Datum som inte är vardagar är markerade; genererade datum "
            "flyttas till närmast föregående vardag om inget annat anges.",
            st["Muted"],
        )
    )
    story.append(Spacer(1, 3 * mm))
    widths = [0.10, 0.04, 0.05, 0.43, 0.15, 0.15, 0.08]
    story.append(grid_table(_table_rows(view), [w * frame_w for w in widths]))
    info = DocumentInfo(
        title=f"Årshjul {view.year}",
        author=forbund_namn,
        subject=f"Årshjul {view.year} – {forbund_namn}",
        keywords=("årshjul", str(view.year)),
        header_left=forbund_namn,
        header_right=f"Årshjul {view.year}",
        footer_left=f"Utskrivet {(today or clock.today()).isoformat()}",
    )
    return build_pdf(story, info, pagesize=size, margins_mm=(16, 12, 20, 12))
