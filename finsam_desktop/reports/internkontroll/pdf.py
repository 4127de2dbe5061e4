"""The styrelse's PDF for intern kontroll: the risk matrix drawn as a picture, the risk table, the
plan with its traffic lights (and the åtgärder still open from earlier years), the stickprov (population, method,
seed, sample, findings, then the analysis of every row with its findings and åtgärder from ``population_pdf.py``,
conclusion) and signature lines for the reviewers."""

from __future__ import annotations

from functools import cache

from reportlab.graphics.shapes import Circle, Drawing
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, KeepTogether, PageBreak, Paragraph, Spacer, Table, TableStyle

from finsam_desktop.domain.common.money import format_kr
from finsam_desktop.domain.internkontroll.kontrollplan import KontrollStatus, status_summary
from finsam_desktop.domain.internkontroll.risk import MatrixSettings, Movement, band_counts
from finsam_desktop.domain.internkontroll.stickprov_review import Bedomning
from finsam_desktop.reports.common.cells import cell
from finsam_desktop.reports.common.pdf import (
    FONT,
    DocumentInfo,
    build_pdf,
    escape,
    grid_table,
    styles,
)
from finsam_desktop.reports.internkontroll.matrix import legend_drawing, matrix_drawing
from finsam_desktop.reports.internkontroll.population_pdf import open_atgarder_story, population_story

FRAME_WIDTH = A4[0] - 40 * mm  # build_pdf's default margins: 20 mm left and right


def status_dot(status: KontrollStatus, size: float = 3.2 * mm) -> Drawing:
    d = Drawing(size, size)
    d.add(
        Circle(
            size / 2,
            size / 2,
            size / 2 - 0.5,
            fillColor=colors.HexColor(status.colour),
            strokeColor=colors.HexColor("#666666"),
            strokeWidth=0.3,
        )
    )
    return d


def _p(text: str, style: str = "TableCell") -> Paragraph:
    return cell(text, style)


@cache
def _small_style(bold: bool) -> ParagraphStyle:
    base = styles()["TableHead" if bold else "TableCell"]
    return ParagraphStyle(f"ik{'b' if bold else ''}", parent=base, fontSize=7.5, leading=9.2)


def _small(text: str, bold: bool = False) -> Paragraph:
    return cell(text, _small_style(bold))


def _tight(table: Table) -> Table:
    table.setStyle(TableStyle([("LEFTPADDING", (0, 0), (-1, -1), 2.5), ("RIGHTPADDING", (0, 0), (-1, -1), 2.5)]))
    return table


def _upper_first(text: str) -> str:
    return text[:1].upper() + text[1:]


def build_internkontroll_pdf(report) -> bytes:
    """``report`` is an ``InternkontrollReport`` (plain data from the service)."""
    st = styles()
    a, plan, sp, g = report.analysis, report.plan, report.stickprov, report.granskning
    settings: MatrixSettings = report.settings
    story: list = [
        Paragraph(escape(f"Intern styrning och kontroll {report.ar}"), st["Title"]),
        Paragraph(escape(report.forbund), st["Muted"]),
        Spacer(1, 4 * mm),
    ]

    if a is not None:
        story.append(Paragraph(escape(a.titel), st["H1"]))
        story.append(Paragraph(escape(f"Version {a.version}. {a.status_text}."), st["Muted"]))
        both = any(r.has_residual for r in a.risks)
        # Two pictures share the frame's width (less the table's right padding); one may use all of it.
        room = (FRAME_WIDTH / 2 if both else FRAME_WIDTH) - 6
        pictures = [matrix_drawing(a.risks, settings, title="Risk före åtgärd", moves=report.moves, max_width=room)]
        if both:
            pictures.append(
                matrix_drawing(a.risks, settings, residual=True, title="Kvarstående risk efter åtgärd", max_width=room)
            )
        story.append(
            Table(
                [pictures],
                hAlign="LEFT",
                style=TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (-1, -1), 0)]),
            )
        )
        story.append(legend_drawing(settings))
        counts = band_counts(a.risks, settings)
        story.append(
            Paragraph(
                escape(
                    f"{len(a.risks)} risker – "
                    + ", ".join(f"{k.lower()}: {v}" for k, v in counts.items())
                    + ". Siffran i rutan är antalet risker, under den riskernas nummer."
                    + (" ↑/↓ = flyttad sedan förra årets analys, * = ny." if report.moves else "")
                ),
                st["Small"],
            )
        )
        scale_rows = [[_p("Nivå", "TableHead"), _p("Väsentlighet", "TableHead"), _p("Sannolikhet", "TableHead")]]
        for i in range(settings.size):
            v, s_ = settings.vasentlighet[i], settings.sannolikhet[i]
            scale_rows.append(
                [
                    _p(str(i + 1)),
                    _p(f"{v.label}{' – ' + v.description if v.description else ''}"),
                    _p(f"{s_.label}{' – ' + s_.description if s_.description else ''}"),
                ]
            )
        story += [
            Spacer(1, 2 * mm),
            grid_table(scale_rows, [12 * mm, 79 * mm, 79 * mm], zebra=False),
            Spacer(1, 3 * mm),
        ]
        story.append(CondPageBreak(40 * mm))
        story.append(Paragraph("Risker", st["H2"]))
        head = ["Nr", "Process/rutin", "Risk", "V", "S", "Värde", "Riskhantering", "Ansvarig"]
        has_res = any(r.has_residual for r in a.risks)
        if has_res:
            head.append("Efter")
        rows = [[_p(h, "TableHead") for h in head]]
        band_cmds = []
        for i, r in enumerate(a.risks, start=1):
            row = [
                _p(str(r.nummer)),
                _p(r.process),
                _p(r.risk),
                _p(str(r.vasentlighet)),
                _p(str(r.sannolikhet)),
                _p(str(r.riskvarde), "TableHead"),
                _p(r.riskhantering),
                _p(r.ansvarig),
            ]
            if has_res:
                row.append(_p(str(r.residual_varde) if r.has_residual else "–"))
            rows.append(row)
            band_cmds.append(("BACKGROUND", (5, i), (5, i), colors.HexColor(settings.band_for(r.riskvarde).colour)))
            if has_res and r.has_residual:
                band_cmds.append(
                    ("BACKGROUND", (8, i), (8, i), colors.HexColor(settings.band_for(r.residual_varde).colour))
                )
        widths = [8 * mm, 28 * mm, 42 * mm, 6 * mm, 6 * mm, 11 * mm, 46 * mm, 23 * mm]
        if has_res:
            widths = [8 * mm, 26 * mm, 36 * mm, 6 * mm, 6 * mm, 12 * mm, 41 * mm, 22 * mm, 13 * mm]
        table = _tight(grid_table(rows, widths, zebra=False))
        table.setStyle(TableStyle(band_cmds))
        story.append(table)
        story.append(
            Paragraph(
                escape(
                    "V = väsentlighet, S = sannolikhet, Värde = riskvärde V × S"
                    + (", Efter = riskvärde efter riskhantering (kvarstående risk)." if has_res else ".")
                ),
                st["Small"],
            )
        )
        moved = [mv for mv in report.moves if mv.movement is not Movement.OFORANDRAD]
        if moved:
            story.append(Spacer(1, 3 * mm))
            story.append(Paragraph(escape(f"Förändringar jämfört med {report.previous_year}"), st["H2"]))
            mrows = [[_p("Risk", "TableHead"), _p("Förändring", "TableHead")]]
            for mv in moved:
                label = f"{mv.nummer}. {mv.titel}" if mv.nummer else mv.titel
                mrows.append([_p(label), _p(mv.text)])
            story.append(grid_table(mrows, [90 * mm, 80 * mm]))

    if plan is not None:
        story.append(PageBreak() if a is not None else Spacer(1, 2 * mm))
        story.append(Paragraph(escape(plan.titel), st["H1"]))
        story.append(Paragraph(escape(f"Version {plan.version}. {plan.status_text}."), st["Muted"]))
        head = [
            "",
            "Process/ rutin",
            "Kontrollmoment",
            "Kontrollansvarig",
            "Frekvens",
            "Rapportering till",
            "Metod",
            "Status",
        ]
        rows = [[_small(h, bold=True) for h in head]]
        risk_no = {r.key: r.nummer for r in a.risks} if a else {}
        for r in plan.rows:
            covers = ", ".join(str(risk_no[k]) for k in r.risk_keys if k in risk_no)
            moment = r.kontrollmoment + (f"\n(risk {covers})" if covers else "")
            when = f"{r.frekvens}{' – ' + r.tidpunkt if r.tidpunkt else ''}"
            status = r.status.label + (f": {r.status_kommentar}" if r.status_kommentar else "")
            rows.append(
                [
                    status_dot(r.status),
                    _small(r.process),
                    _small(moment),
                    _small(r.kontrollansvarig),
                    _small(when),
                    _small(r.rapportering_till),
                    _small(r.metod.label),
                    _small(status),
                ]
            )
        # 7.5 pt and these widths hold every column head and the demo's words whole within the 170 mm frame.
        widths = [6 * mm, 22 * mm, 31 * mm, 27 * mm, 22 * mm, 22 * mm, 18 * mm, 22 * mm]
        story.append(_tight(grid_table(rows, widths)))
        summary = status_summary(plan.rows)
        story.append(
            Paragraph(escape("Status: " + ", ".join(f"{k.label.lower()} {v}" for k, v in summary.items())), st["Small"])
        )
    story += open_atgarder_story(report.open_atgarder, report.ar)

    if sp is not None:
        story.append(PageBreak())
        story.append(Paragraph(escape(f"Stickprov: {sp.titel}"), st["H1"]))
        facts = [
            (
                "Fil",
                f"{sp.filnamn} ({sp.file_count} verifikationer; SHA-256 {sp.fil_sha256[:16]}…)"
                if sp.fil_sha256
                else f"{sp.filnamn} ({sp.file_count} verifikationer)",
            ),
            ("Population", f"{sp.population_count} verifikationer, {format_kr(sp.population_sum)} ({sp.filter.text})"),
            ("Metod", sp.method_text),
            ("Slumpfrö", f"{sp.seed} – samma fil, urval och frö ger alltid samma stickprov"),
            (
                "Kontroll",
                "Varje post prövad mot attestordningen som gällde på verifikationens datum "
                "(behörig attestant, beloppsgräns, egen utgift, två i förening vid utbetalning).",
            ),
            (
                "Resultat",
                f"{len(sp.items)} poster, {sp.findings_count} med automatiska anmärkningar, "
                f"{sp.reviewed_count} granskade, {len(sp.avvikelser)} avvikelser",
            ),
        ]
        story.append(
            grid_table([[_p(k, "TableHead"), _p(v)] for k, v in facts], [28 * mm, 142 * mm], header_rows=0, zebra=False)
        )
        story.append(Spacer(1, 3 * mm))
        head = ["#", "Ver", "Datum", "Belopp", "Motpart", "Attest / utanordning", "Automatisk kontroll", "Bedömning"]
        rows = [[_small(h, bold=True) for h in head]]
        marks = []
        for i, it in enumerate(sp.items, start=1):
            t = it.transaction
            signers = ", ".join(t.attestanter) + (f" / {t.utanordnare}" if t.utanordnare else "")
            auto = "\n".join(it.auto_findings) or "Inga anmärkningar"
            judgement = it.bedomning.label
            if it.bedomning is not Bedomning.EJ_GRANSKAD:
                judgement += f" – {it.granskad_av}"
                if it.kommentar and it.bedomning is Bedomning.AVVIKELSE:
                    judgement += f"\n{it.kommentar}"
                if it.atgard:
                    judgement += f"\nÅtgärd: {it.atgard}"
            over = " *" if it.urval.value == "over" else ""
            rows.append(
                [
                    _small(f"{i}{over}"),
                    _small(t.verifikation),
                    _small(t.datum.isoformat()),
                    _small(format_kr(t.belopp)),
                    _small(t.motpart),
                    _small(signers),
                    _small(auto),
                    _small(judgement),
                ]
            )
            if it.auto_findings:
                marks.append(("TEXTCOLOR", (6, i), (6, i), colors.HexColor("#A0261D")))
            if it.bedomning is Bedomning.AVVIKELSE:
                marks.append(("BACKGROUND", (7, i), (7, i), colors.HexColor("#F6D0CC")))
        table = _tight(
            grid_table(
                rows, [7 * mm, 17 * mm, 19 * mm, 19 * mm, 24 * mm, 26 * mm, 32 * mm, 28 * mm], align_right_cols=(3,)
            )
        )
        table.setStyle(TableStyle(marks))
        story.append(table)
        if sp.over_belopp is not None:
            story.append(
                Paragraph(escape(f"* = med eftersom beloppet överstiger {format_kr(sp.over_belopp)}."), st["Small"])
            )
        story += population_story(sp, report.as_of or sp.created_at.date())

    if g is not None:
        story.append(CondPageBreak(70 * mm))
        story.append(Paragraph("Granskning", st["H1"]))
        who = []
        if g.ordforande:
            who.append(f"ordförande {g.ordforande}")
        if g.vice_ordforande:
            who.append(f"vice ordförande {g.vice_ordforande}")
        text = (
            f"{_upper_first(' och '.join(who))} genomförde den {g.datum.isoformat()} på {g.plats} "
            f"stickprovskontroll av de processer som anges i planen för intern styrning och kontroll."
        )
        if g.forbundschef:
            text += f" Förbundschef {g.forbundschef} var närvarande."
        story.append(Paragraph(escape(text), st["Body"]))
        if plan is not None and g.plan_row_ids:
            covered = [r for r in plan.rows if r.id in g.plan_row_ids]
            if covered:
                story.append(
                    Paragraph(
                        escape(
                            "Granskade kontroller: "
                            + "; ".join(f"{r.process} – {r.kontrollmoment}" for r in covered)
                            + "."
                        ),
                        st["Body"],
                    )
                )
        story.append(Spacer(1, 2 * mm))
        story.append(Paragraph("<b>Slutsats</b>", st["Body"]))
        story.append(Paragraph(escape(g.slutsats), st["Body"]))
        if g.reported_text:
            story.append(Paragraph(escape(f"Rapporterad till styrelsen {g.reported_text}."), st["Muted"]))
        signers = [(n, r) for n, r in ((g.ordforande, "Ordförande"), (g.vice_ordforande, "Vice ordförande")) if n]
        story.append(Spacer(1, 12 * mm))
        names = [f"{n}, {r}" for n, r in signers]
        cells = [names[0], "", names[1]] if len(names) == 2 else names
        widths = [70 * mm, 15 * mm, 70 * mm] if len(names) == 2 else [70 * mm]
        lines = [("LINEABOVE", (0, 0), (0, 0), 0.6, colors.black)]
        if len(names) == 2:
            lines.append(("LINEABOVE", (2, 0), (2, 0), 0.6, colors.black))
        sig = Table(
            [cells],
            colWidths=widths,
            hAlign="LEFT",
            style=TableStyle(
                lines
                + [
                    ("FONTNAME", (0, 0), (-1, -1), FONT),
                    ("FONTSIZE", (0, 0), (-1, -1), 9),
                    ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ]
            ),
        )
        story.append(
            KeepTogether(
                [
                    Paragraph(escape(f"Ort och datum: {g.plats}, {g.datum.isoformat()}"), st["Small"]),
                    Spacer(1, 8 * mm),
                    sig,
                ]
            )
        )

    info = DocumentInfo(
        title=f"Intern styrning och kontroll {report.ar}",
        author=report.forbund,
        subject="Risk- och väsentlighetsanalys, kontrollplan och stickprov",
        keywords=("intern kontroll", "riskanalys", "stickprov", str(report.ar)),
        header_left=report.forbund,
        header_right=f"Intern kontroll {report.ar}",
        footer_left="Underlag till styrelsen",
    )
    return build_pdf(story, info, pagesize=A4)
