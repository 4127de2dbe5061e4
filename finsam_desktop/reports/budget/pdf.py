"""PDF "Budgetuppföljning per DATE" for the styrelse: the follow-up table, a chart per group and
month by month (ReportLab graphics), a comment per deviating line, årets resultat, eget kapital
and any totals in the underlying document that do not add up."""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING

from reportlab.graphics.charts.barcharts import HorizontalBarChart
from reportlab.graphics.charts.legends import Legend
from reportlab.graphics.charts.lineplots import LinePlot
from reportlab.graphics.shapes import Drawing, String
from reportlab.graphics.widgets.markers import makeMarker
from reportlab.lib import colors
from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import KeepTogether, Paragraph, Spacer, Table, TableStyle

from finsam_desktop.domain.budget.followup import RowKind
from finsam_desktop.domain.budget.lines import format_pct
from finsam_desktop.domain.budget.presentation import (
    BAD_NEWS,
    amount_text,
    avvikelse_share,
    deviation_pct_text,
    forbrukat_share,
    pct_text,
    presented_rows,
    prior_figures,
    sum_text,
    unfavourable,
)
from finsam_desktop.domain.common.dates import SWEDISH_MONTHS
from finsam_desktop.domain.common.money import format_kr, format_number
from finsam_desktop.reports.common.cells import cell
from finsam_desktop.reports.common.pdf import (
    ACCENT,
    FONT,
    FONT_BOLD,
    GREY,
    LIGHT,
    DocumentInfo,
    build_pdf,
    escape,
    grid_table,
    styles,
)

if TYPE_CHECKING:  # plain data from the budget service; reports never call services
    from finsam_desktop.services.budget.dto import FollowupView

BUDGET_COLOR = colors.HexColor("#9AA5AE")
PROGNOS_COLOR = colors.HexColor("#F2A541")
UTFALL_COLOR = ACCENT
PAGE = landscape(A4)


def _table(view: FollowupView) -> Table:
    st = styles()
    per = view.per.isoformat()
    unit = view.unit

    def n(value: Decimal | None) -> str:
        return amount_text(value, unit)

    head = [
        "",
        f"Budget {view.budget.year}",
        f"Periodiserad budget per {per}",
        f"Utfall per {per}",
        f"Avvikelse {unit.value}",
        "Avvikelse %",
        "% förbrukat",
        "Förväntat utfall helår",
        f"Utfall {view.prior_year}",
        "Kommentar",
    ]
    head_style = ParagraphStyle("BudgetHead", parent=st["TableHead"], alignment=TA_RIGHT, fontSize=7.5, leading=9)
    rows: list[list] = [[cell(h, head_style if i and i < 9 else st["TableHead"]) for i, h in enumerate(head)]]
    style: list = []
    prior = dict(zip(map(id, view.result.rows), prior_figures(view.result.rows, view.prior_utfall), strict=True))
    for row in presented_rows(view.result.rows):
        i = len(rows)
        if row.kind is RowKind.SECTION:
            rows.append([cell(f"<b>{escape(row.namn)}</b>", markup=True)] + [""] * 9)
            style.append(("BACKGROUND", (0, i), (-1, i), LIGHT))
            style.append(("SPAN", (0, i), (-1, i)))
            continue
        indent = "&nbsp;" * 6 if row.kind is RowKind.SUB else ""
        bold = row.kind in (RowKind.SUBTOTAL, RowKind.TOTAL, RowKind.RESULT)
        name = f"{indent}{escape(row.namn)}"
        utfall = n(row.utfall) if row.utfall is not None else row.utfall_note
        if row.utfall is not None and not row.utfall_complete and row.is_figure_row is False:
            utfall += " *"
        comment = "; ".join(t for t in (row.comment, row.utfall_note if row.utfall is not None else "") if t)
        cells = [
            cell(f"<b>{name}</b>" if bold else name, markup=True),
            n(row.budget),
            n(row.prognos),
            cell(utfall) if row.utfall is None else utfall,
            n(row.avvikelse),
            deviation_pct_text(row),
            "" if row.kind is RowKind.RESULT else pct_text(forbrukat_share(row), 0),
            n(row.helar),
            n(prior[id(row)]),
            cell(comment),
        ]
        rows.append(cells)
        if bold:
            style.append(("FONTNAME", (1, i), (-2, i), FONT_BOLD))
            style.append(("LINEABOVE", (0, i), (-1, i), 0.8, colors.black))
        if row.off_budget and unfavourable(row):  # red only for bad news, never for a better result
            style.append(("TEXTCOLOR", (4, i), (5, i), colors.HexColor("#B00020")))
    widths = [52 * mm, 20 * mm, 23 * mm, 23 * mm, 20 * mm, 19 * mm, 19 * mm, 21 * mm, 19 * mm, None]
    total = PAGE[0] - 30 * mm
    widths[-1] = total - sum(w for w in widths if w)
    table = grid_table(rows, col_widths=widths, zebra=False, align_right_cols=(1, 2, 3, 4, 5, 6, 7, 8))
    table.setStyle(TableStyle(style + [("FONTSIZE", (0, 0), (-1, -1), 7.5), ("ALIGN", (1, 0), (8, 0), "RIGHT")]))
    return table


def group_chart(view: FollowupView, width: float = 125 * mm, height: float = 75 * mm) -> Drawing:
    """Budget vs prognos per date vs utfall per date, one group of bars per cost group."""
    groups = [g for g in view.result.groups if g.kind.value == "kostnad"] or list(view.result.groups)
    d = Drawing(width, height)
    chart = HorizontalBarChart()
    chart.x, chart.y = 48 * mm, 18 * mm
    chart.width, chart.height = width - 54 * mm, height - 22 * mm
    chart.data = [
        [float(g.budget) / 1000 for g in groups],
        [float(g.prognos) / 1000 for g in groups],
        [float(g.utfall or 0) / 1000 for g in groups],
    ]
    chart.categoryAxis.categoryNames = [g.namn[:34] for g in groups]
    chart.categoryAxis.reverseDirection = 1
    chart.categoryAxis.labels.fontName = FONT
    chart.categoryAxis.labels.fontSize = 7
    chart.categoryAxis.labels.boxAnchor = "e"
    chart.valueAxis.labels.fontName = FONT
    chart.valueAxis.labels.fontSize = 7
    chart.valueAxis.valueMin = 0
    chart.valueAxis.labelTextFormat = lambda v: format_number(Decimal(int(v)))
    chart.bars[0].fillColor = BUDGET_COLOR
    chart.bars[1].fillColor = PROGNOS_COLOR
    chart.bars[2].fillColor = UTFALL_COLOR
    chart.bars.strokeWidth = 0
    chart.barSpacing = 0.5
    chart.groupSpacing = 5
    d.add(chart)
    d.add(String(chart.x + chart.width, 10 * mm, "tkr", fontName=FONT, fontSize=7, textAnchor="end", fillColor=GREY))
    legend = Legend()
    legend.x, legend.y = 4 * mm, 4 * mm
    legend.fontName, legend.fontSize = FONT, 7
    legend.alignment = "right"
    legend.columnMaximum = 1
    legend.deltax = 42 * mm
    legend.dx = legend.dy = 6
    legend.colorNamePairs = [
        (BUDGET_COLOR, f"Budget {view.budget.year}"),
        (PROGNOS_COLOR, f"Periodiserad budget per {view.per.isoformat()}"),
        (UTFALL_COLOR, f"Utfall per {view.per.isoformat()}"),
    ]
    d.add(legend)
    return d


def month_chart(view: FollowupView, width: float = 125 * mm, height: float = 75 * mm) -> Drawing:
    """Costs month by month: linear budget and cumulative utfall."""
    d = Drawing(width, height)
    plot = LinePlot()
    plot.x, plot.y = 18 * mm, 20 * mm
    plot.width, plot.height = width - 24 * mm, height - 28 * mm
    budget = [(p.month, float(p.budget_cum) / 1000) for p in view.months]
    utfall = [(p.month, float(p.utfall_cum) / 1000) for p in view.months if p.utfall_cum is not None]
    helar = view.result.kostnader.helar
    prognos = []
    if utfall and helar is not None and utfall[-1][0] < 12:
        prognos = [utfall[-1], (12, float(helar) / 1000)]
    plot.data = [budget, utfall or [(1, 0)], prognos or [(12, float(helar or 0) / 1000)]]
    plot.lines[2].strokeColor = PROGNOS_COLOR
    plot.lines[2].strokeDashArray = (2, 2)
    plot.lines[2].strokeWidth = 1.4
    plot.lines[2].symbol = makeMarker("FilledDiamond", size=4, fillColor=PROGNOS_COLOR)
    plot.lines[0].strokeColor = BUDGET_COLOR
    plot.lines[0].strokeDashArray = (3, 2)
    plot.lines[1].strokeColor = UTFALL_COLOR
    plot.lines[1].strokeWidth = 1.8
    plot.lines[1].symbol = makeMarker("FilledCircle", size=3, fillColor=UTFALL_COLOR)
    plot.xValueAxis.valueMin, plot.xValueAxis.valueMax = 1, 12
    plot.xValueAxis.valueSteps = list(range(1, 13))
    plot.xValueAxis.labelTextFormat = lambda m: SWEDISH_MONTHS[int(m) - 1][:3]
    plot.yValueAxis.valueMin = 0
    plot.yValueAxis.labelTextFormat = lambda v: format_number(Decimal(int(v)))
    for axis in (plot.xValueAxis, plot.yValueAxis):
        axis.labels.fontName = FONT
        axis.labels.fontSize = 7
    d.add(plot)
    d.add(String(2 * mm, height - 5 * mm, "Kostnader ackumulerat, tkr", fontName=FONT, fontSize=7, fillColor=GREY))
    legend = Legend()
    legend.x, legend.y = 4 * mm, 4 * mm
    legend.fontName, legend.fontSize = FONT, 7
    legend.alignment = "right"
    legend.columnMaximum = 1
    legend.deltax = 40 * mm
    legend.dx = legend.dy = 6
    legend.colorNamePairs = [
        (BUDGET_COLOR, "Budget (jämnt fördelad)"),
        (UTFALL_COLOR, "Utfall ackumulerat"),
        (PROGNOS_COLOR, "Helårsprognos"),
    ]
    d.add(legend)
    return d


def _summary(view: FollowupView) -> list:
    st = styles()
    res = view.result.resultat
    eq = view.equity
    unit = view.unit

    def kr(value: Decimal | None) -> str:
        return amount_text(value, unit, suffix=True) if value is not None else "–"

    rows = [
        ["", "Budget", f"Helårsprognos per {view.per.isoformat()}"],
        ["Summa intäkter", kr(view.result.intakter.budget), kr(view.result.intakter.helar)],
        ["Summa kostnader", kr(view.result.kostnader.budget), kr(view.result.kostnader.helar)],
        ["Årets resultat", kr(res.budget), kr(res.helar)],
        ["Eget kapital vid årets början", kr(eq.opening), kr(eq.opening)],
        ["Eget kapital vid årets slut", kr(eq.closing_budget), kr(eq.closing_prognos)],
    ]
    bold_rows = [3, 5]
    plan = eq.plan_rows()
    if plan:
        rows.append(["Planåren (eget kapital förs vidare)", "Budgeterat resultat", "Eget kapital vid årets slut"])
        bold_rows.append(len(rows) - 1)
        for p in plan:
            rows.append([f"Plan {p.year} (vid årets början {kr(p.opening)})", kr(p.result), kr(p.closing)])
    t = grid_table(rows, col_widths=[100 * mm, 40 * mm, 62 * mm], zebra=False, align_right_cols=(1, 2))
    t.setStyle(TableStyle([("FONTNAME", (0, r), (-1, r), FONT_BOLD) for r in bold_rows]))
    ind = view.individ
    notes = [
        f"Förbundets mål för eget kapital: {eq.band_text}. Årets tilldelade medel: {kr(view.tilldelade)}. "
        f"Prognos: {sum_text(eq.opening, eq.result_prognos, eq.closing_prognos, unit)}. "
        f"{eq.verdict(eq.closing_prognos)}",
        eq.limits.recommendation,
        f"Andel till individinriktade insatser i budgeten: {format_pct(ind.pct)} av tilldelade medel "
        f"(mål minst {format_number(ind.goal_pct)} %) – {'målet nås' if ind.met else 'målet nås inte'}.",
    ]
    if eq.opening_finding:
        notes.insert(0, eq.opening_finding)
    return [Paragraph("Årets resultat och eget kapital", st["H2"]), t, Spacer(1, 3 * mm)] + [
        Paragraph(escape(n), st["Small"]) for n in notes
    ]


def _comments(view: FollowupView) -> list:
    st = styles()
    off = view.result.off_budget_rows()
    out = [Paragraph(f"Kommentarer till rader som avviker mer än {format_number(view.threshold_pct)} %", st["H2"])]
    if not off:
        out.append(Paragraph("Inga rader avviker från budgeten.", st["Body"]))
        return out
    for r in off:
        parts = []
        if r.avvikelse is not None:
            parts.append(
                f"utfall {format_kr(r.utfall)} mot prognos {format_kr(r.prognos)} "
                f"({'+' if r.avvikelse > 0 else ''}{format_kr(r.avvikelse)}, {pct_text(avvikelse_share(r))})"
            )
        if r.helar_avvikelse:
            parts.append(f"helårsprognos {format_kr(r.helar)} mot budget {format_kr(r.budget)}")
        comment = r.comment or r.utfall_note or "Ingen kommentar angiven."
        out.append(
            Paragraph(f"<b>{escape(r.namn)}</b>: {escape('; '.join(parts))}. <i>{escape(comment)}</i>", st["Body"])
        )
    return out


def build_budget_pdf(view: FollowupView) -> bytes:
    st = styles()
    story: list = [
        Paragraph(escape(view.forbund_namn), st["Muted"]),
        Paragraph(f"Budgetuppföljning per {view.per.isoformat()}", st["Title"]),
        Paragraph(
            escape(
                f"{view.budget.label}. Belopp i {view.unit.label}. Periodiserad budget per datum = budget × "
                f"{view.result.months}/12 eller radens periodisering om inget annat anges; tomt utfall = ännu inte känt. "
                f"{BAD_NEWS} = avvikelse till det sämre, större än {format_number(view.threshold_pct)} %."
            ),
            st["Muted"],
        ),
        Spacer(1, 4 * mm),
        _table(view),
        Spacer(1, 5 * mm),
    ]
    charts = Table([[group_chart(view), month_chart(view)]], colWidths=[133 * mm, 133 * mm])
    charts.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (-1, -1), 0)]))
    story += [
        KeepTogether([Paragraph("Budget, prognos och utfall per grupp och månad", st["H2"]), charts]),
        Spacer(1, 4 * mm),
    ]
    story += _comments(view)
    story += [KeepTogether(_summary(view))]
    if view.mismatches:
        story.append(Paragraph("Summor i underlaget som inte stämmer", st["H2"]))
        story += [Paragraph(escape(m.message), st["Body"]) for m in view.mismatches]
    info = DocumentInfo(
        title=f"Budgetuppföljning per {view.per.isoformat()}",
        author=view.forbund_namn,
        subject=f"Budget {view.budget.year}",
        keywords=("budgetuppföljning", str(view.budget.year)),
        header_left=view.forbund_namn,
        header_right=f"Budgetuppföljning per {view.per.isoformat()}",
        footer_left="Till styrelsen",
    )
    return build_pdf(story, info, pagesize=PAGE, margins_mm=(20, 15, 20, 15))
