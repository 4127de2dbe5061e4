"""The styrelse PDF's population part of a stickprov — the figures and settings, what was not checked (said once),
the findings grouped by severity with the rule in words, rows, amount and åtgärd — and the table of åtgärder still
open from earlier years that the plan shows. Plain data in, ReportLab flowables out."""

from __future__ import annotations

from datetime import date

from reportlab.lib import colors
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, KeepTogether, Paragraph, Spacer, TableStyle

from finsam_desktop.domain.common.money import format_kr
from finsam_desktop.domain.internkontroll.population_text import (
    by_severity,
    rows_text,
    settings_lines,
    severity_counts_text,
    verifikationer_text,
)
from finsam_desktop.domain.internkontroll.stickprov_findings import Severity
from finsam_desktop.reports.common.pdf import escape, grid_table, styles

#: A finding lists at most this many rows and verifikationer in the PDF; the workbook lists them all.
ROW_LIMIT = 12
SEVERITY_COLOURS = {Severity.HOG: "#F6D0CC", Severity.MEDEL: "#FBE7C2", Severity.LAG: "#E8ECEF"}


def _cell(text: str, bold: bool = False) -> Paragraph:
    base = styles()["TableHead" if bold else "TableCell"]
    return Paragraph(escape(text), ParagraphStyle(f"pop{'b' if bold else ''}", parent=base, fontSize=7.5, leading=9.2))


def _rule_cell(label: str, text: str) -> Paragraph:
    """The rule's name in bold, then the rule in words."""
    base = styles()["TableCell"]
    markup = f"<b>{escape(label)}</b>" + (f"<br/>{escape(text)}" if text else "")
    return Paragraph(markup, ParagraphStyle("poprule", parent=base, fontSize=7.5, leading=9.2))


def _tight(table):
    table.setStyle(TableStyle([("LEFTPADDING", (0, 0), (-1, -1), 2.5), ("RIGHTPADDING", (0, 0), (-1, -1), 2.5)]))
    return table


def population_story(sp, today: date) -> list:
    """The population analysis of stickprov ``sp`` (a ``Stickprov``); ``today`` decides what is försenad."""
    st = styles()
    story: list = [CondPageBreak(60 * mm), Paragraph("Hela populationen: varje rad kontrollerad", st["H2"])]
    report = sp.population
    if report is None:
        story.append(Paragraph("Ingen analys av hela filen finns för detta stickprov.", st["Small"]))
        return story
    rows = sp.finding_rows
    with_atgard = [r for r in rows if r.atgard is not None]
    open_ = [r for r in with_atgard if r.atgard.status.is_open]
    late = [r for r in open_ if r.atgard.forsenad(today)]
    facts = [
        ("Rader", f"{report.row_count} rader i filen, summa {format_kr(report.total)}"),
        *settings_lines(report.settings),
        (
            "Resultat",
            f"{len(rows)} fynd ({severity_counts_text(rows, lambda r: r.finding.severity)}); "
            f"åtgärd registrerad för {len(with_atgard)}, varav {len(open_)} öppna och {len(late)} försenade",
        ),
    ]
    story.append(
        grid_table([[_cell(k, True), _cell(v)] for k, v in facts], [38 * mm, 132 * mm], header_rows=0, zebra=False)
    )
    if report.not_checked:
        story.append(Spacer(1, 2 * mm))
        story.append(Paragraph("<b>Inte kontrollerat</b>", st["Small"]))
        for n in report.not_checked:
            story.append(Paragraph(escape(f"– {n.what}: {n.why}."), st["Small"]))
    for note in report.notes:
        story.append(Paragraph(escape(note), st["Small"]))
    if not rows:
        story.append(Spacer(1, 2 * mm))
        story.append(Paragraph("Analysen av hela filen gav inga fynd.", st["Body"]))
        return story
    for severity, group in by_severity(rows, lambda r: r.finding.severity):
        story.append(Spacer(1, 3 * mm))
        heading = Paragraph(escape(f"Allvarlighet {severity.label.lower()} ({len(group)} fynd)"), st["H2"])
        table_rows = [[_cell(h, True) for h in ("Regel", "Vad", "Rader", "Belopp", "Åtgärd")]]
        for r in group:
            f = r.finding
            where = "\n".join(
                x for x in (rows_text(f.rows, ROW_LIMIT), verifikationer_text(f.verifikationer, ROW_LIMIT)) if x
            )
            atgard = r.status_text(today) + (f"\n{r.atgard_text()}" if r.atgard else "")
            table_rows.append(
                [
                    _rule_cell(f.rule.label, f.rule_text),
                    _cell(f.summary),
                    _cell(where),
                    _cell(format_kr(f.belopp) if f.belopp is not None else "–"),
                    _cell(atgard),
                ]
            )
        table = _tight(grid_table(table_rows, [38 * mm, 48 * mm, 27 * mm, 20 * mm, 37 * mm], align_right_cols=(3,)))
        table.setStyle(TableStyle([("BACKGROUND", (0, 1), (0, -1), colors.HexColor(SEVERITY_COLOURS[severity]))]))
        story.append(KeepTogether([heading, table]))  # the heading never alone at the foot of a page
    return story


def open_atgarder_story(items, ar: int) -> list:
    """The åtgärder (``OpenAtgard``) still open from stickprov before ``ar``: försenade first."""
    if not items:
        return []
    st = styles()
    story: list = [
        Spacer(1, 4 * mm),
        Paragraph(escape(f"Öppna åtgärder från stickprov före {ar}"), st["H2"]),
    ]
    table_rows = [[_cell(h, True) for h in ("Stickprov", "Fynd", "Åtgärd", "Ansvarig", "Senast", "Status")]]
    late_rows = []
    for i, o in enumerate(items, start=1):
        a = o.atgard
        status = f"Försenad ({a.status.label.lower()})" if o.forsenad else a.status.label
        table_rows.append(
            [
                _cell(f"{o.stickprov_titel} ({o.stickprov_ar})"),
                _cell(f"{o.finding.rule.label}: {o.finding.summary}"),
                _cell(a.beskrivning),
                _cell(a.ansvarig),
                _cell(a.senast.isoformat() if a.senast else "–"),
                _cell(status, bold=o.forsenad),
            ]
        )
        if o.forsenad:
            late_rows.append(("BACKGROUND", (5, i), (5, i), colors.HexColor(SEVERITY_COLOURS[Severity.HOG])))
    table = _tight(grid_table(table_rows, [26 * mm, 48 * mm, 34 * mm, 22 * mm, 20 * mm, 20 * mm]))
    table.setStyle(TableStyle(late_rows))
    story.append(table)
    return story
