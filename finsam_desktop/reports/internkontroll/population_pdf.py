"""The styrelse PDF's population part of a stickprov — the figures and settings, what was not checked (said once),
the findings grouped by severity with the rule in words, rows, amount and åtgärd — and the table of åtgärder still
open from earlier years that the plan shows. Plain data in, ReportLab flowables out."""

from __future__ import annotations

from datetime import date

from reportlab.lib import colors
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, Paragraph, Spacer, TableStyle

from finsam_desktop.domain.common.money import format_kr
from finsam_desktop.domain.internkontroll.population_text import (
    by_severity,
    rows_text,
    settings_lines,
    severity_counts_text,
    verifikationer_text,
)
from finsam_desktop.domain.internkontroll.stickprov_findings import Severity
from finsam_desktop.reports.common.cells import cell
from finsam_desktop.reports.common.pdf import escape, grid_table, styles

#: A finding lists at most this many rows and verifikationer in the PDF; the workbook lists them all.
ROW_LIMIT = 12
#: Of a low-severity rule the PDF lists at most this many findings without an åtgärd (the workbook: all).
LOW_LIMIT = 10
SEVERITY_COLOURS = {Severity.HOG: "#F6D0CC", Severity.MEDEL: "#FBE7C2", Severity.LAG: "#E8ECEF"}


def _style(bold: bool = False) -> ParagraphStyle:
    base = styles()["TableHead" if bold else "TableCell"]
    return ParagraphStyle(f"pop{'b' if bold else ''}", parent=base, fontSize=7.5, leading=9.2)


def _cell(text: str, bold: bool = False) -> Paragraph:
    return cell(text, _style(bold))


def _rule_cell(label: str, text: str) -> Paragraph:
    """The rule's name in bold, then the rule in words."""
    markup = f"<b>{escape(label)}</b>" + (f"<br/>{escape(text)}" if text else "")
    return cell(markup, _style(), markup=True)


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
        story.append(CondPageBreak(30 * mm))
        story.append(Paragraph(escape(f"Allvarlighet {severity.label.lower()} ({len(group)} fynd)"), st["H2"]))
        for rule_rows in _by_rule(group):
            story.append(_rule_table(rule_rows, severity, today))
    return story


def _by_rule(group: list) -> list[list]:
    """The findings of one severity per rule, in the order the rules first occur."""
    out: dict = {}
    for r in group:
        out.setdefault(r.finding.rule, []).append(r)
    return list(out.values())


def _rule_table(rule_rows: list, severity: Severity, today: date):
    """One rule: its name and the rule in words once, then its findings. Of a low-severity rule with many findings
    the PDF lists those with an åtgärd and the first ``LOW_LIMIT`` others; the workbook lists every one."""
    first = rule_rows[0].finding
    shown = rule_rows
    left_out = 0
    if severity is Severity.LAG and len(rule_rows) > LOW_LIMIT:
        others = [r for r in rule_rows if r.atgard is None]
        keep = {id(r) for r in rule_rows if r.atgard is not None} | {id(r) for r in others[:LOW_LIMIT]}
        shown = [r for r in rule_rows if id(r) in keep]
        left_out = len(rule_rows) - len(shown)
    head = _rule_cell(f"{first.rule.label} ({len(rule_rows)} fynd)", first.rule_text)
    table_rows = [[head, "", "", ""], [_cell(h, True) for h in ("Vad", "Rader", "Belopp", "Åtgärd")]]
    for r in shown:
        f = r.finding
        where = "\n".join(
            x for x in (rows_text(f.rows, ROW_LIMIT), verifikationer_text(f.verifikationer, ROW_LIMIT)) if x
        )
        atgard = r.status_text(today) + (f"\n{r.atgard_text()}" if r.atgard else "")
        table_rows.append(
            [
                _cell(f.summary),
                _cell(where),
                _cell(format_kr(f.belopp) if f.belopp is not None else "–"),
                _cell(atgard),
            ]
        )
    if left_out:
        more = (
            f"… och {left_out} fynd till av samma slag utan registrerad åtgärd; alla finns i Excel-filens blad "
            "”Hela populationen”."
        )
        table_rows.append([_cell(more), "", "", ""])
    table = _tight(grid_table(table_rows, [78 * mm, 32 * mm, 22 * mm, 38 * mm], header_rows=2, align_right_cols=(2,)))
    commands = [
        ("SPAN", (0, 0), (-1, 0)),
        ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor(SEVERITY_COLOURS[severity])),
    ]
    if left_out:
        commands.append(("SPAN", (0, len(table_rows) - 1), (-1, len(table_rows) - 1)))
    table.setStyle(TableStyle(commands))
    return table


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
