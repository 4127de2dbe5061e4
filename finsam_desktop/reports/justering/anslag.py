"""The anslag (tillkännagivande om justerat protokoll, KL 8:12) as a one-page PDF for the anslagstavla, as plain
text and as an HTML fragment for a web anslagstavla, plus the Bevis/anslag block for the justerat protocol."""

from __future__ import annotations

from html import escape as html_escape

from reportlab.lib import colors
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Paragraph, Spacer, Table, TableStyle

from finsam_desktop.domain.justering.model import AnslagNotice
from finsam_desktop.reports.common.cells import cell
from finsam_desktop.reports.common.pdf import ACCENT, FONT, escape, styles


def bevis_block(notice: AnslagNotice, *, heading: str = "Bevis/anslag", width: float = 170 * mm) -> Flowable:
    """The Bevis/anslag block as in the seed protocols: lead sentence, label/value rows, signature line."""
    st = styles()
    rows = [[cell(label, st["Bold"]), cell(value, st["Body"])] for label, value in notice.rows()]
    rows.append([Paragraph("Underskrift", st["Bold"]), ""])
    rows.append(
        [
            cell("Namnförtydligande", st["Bold"]),
            cell(f"{notice.underskrift_namn}, {notice.underskrift_roll}".strip(", "), st["Body"]),
        ]
    )
    label_w = 62 * mm
    inner = width - 12
    table = Table(rows, colWidths=[label_w, inner - label_w])
    sign_row = len(rows) - 2
    table.setStyle(
        TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, -1), FONT),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("TOPPADDING", (0, 0), (-1, -1), 3),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
                ("LINEBELOW", (0, 0), (-1, -3), 0.3, colors.HexColor("#C9D1D8")),
                ("TOPPADDING", (0, sign_row), (-1, sign_row), 16),
                ("LINEBELOW", (1, sign_row), (1, sign_row), 0.8, colors.black),
            ]
        )
    )
    box = Table(
        [[Paragraph(escape(heading), st["H2"])], [Paragraph(escape(notice.lead), st["Body"])], [table]],
        colWidths=[width],
    )
    box.setStyle(
        TableStyle(
            [
                ("BOX", (0, 0), (-1, -1), 0.8, ACCENT),
                ("LEFTPADDING", (0, 0), (-1, -1), 6),
                ("RIGHTPADDING", (0, 0), (-1, -1), 6),
                ("TOPPADDING", (0, 0), (-1, 0), 4),
            ]
        )
    )
    return KeepTogether([box])


def bevis_grid(
    rows: list[tuple[str, str]],
    lead: str,
    signer: str,
    *,
    role: str = "Enligt uppdrag",
    note: str = "",
    width: float = 170 * mm,
) -> Flowable:
    """The Bevis/anslag block of a justerat protocol as seed 004 prints it under the signatures on page 1: the lead
    sentence and a three-column grid of small labels over their values, the last row "Enligt uppdrag
    (namnteckning)" with a line and the name. ``rows`` are :meth:`AnslagNotice.rows` (avser, sammanträdesdatum,
    paragrafer, justeringsdatum, anslagsdatum, sista dag för överklagande, tas ned, förvaringsplats); an empty
    value gets a line to fill in by hand."""
    st = styles()
    label_style = ParagraphStyle("BevisLabel", parent=st["Muted"], fontSize=7.5, leading=9)
    value_style = ParagraphStyle("BevisValue", parent=st["Body"], fontSize=9.5, leading=12)

    def field_cell(label: str, value: str) -> list[Flowable]:
        return [Paragraph(escape(label), label_style), Paragraph(escape(value) or "&nbsp;", value_style)]

    avser, mote, paragrafer, justering, anslag, sista, tas_ned, forvaring = rows
    grid = [
        [field_cell(*avser), "", field_cell(*paragrafer)],
        [field_cell(*mote), field_cell(*justering), field_cell(*anslag)],
        [field_cell(*forvaring), "", field_cell(*sista)],
        [
            field_cell(*tas_ned),
            [Paragraph(escape(f"{role} (namnteckning)".strip()), label_style), Spacer(1, 7 * mm)],
            field_cell("Namnförtydligande", signer),
        ],
    ]
    inner = width - 12
    table = Table(grid, colWidths=[inner / 3] * 3)
    style = [
        ("SPAN", (0, 0), (1, 0)),
        ("SPAN", (0, 2), (1, 2)),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 3),
        ("TOPPADDING", (0, 0), (-1, -1), 2),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
        ("INNERGRID", (0, 0), (-1, -1), 0.3, colors.HexColor("#C9D1D8")),
        ("LINEBELOW", (1, 3), (1, 3), 0.8, colors.black),
    ]
    positions = {1: (0, 1), 3: (1, 1), 4: (2, 1), 5: (2, 2), 6: (0, 3)}
    for index, (col, row) in positions.items():
        if not rows[index][1]:
            style.append(("LINEBELOW", (col, row), (col, row), 0.8, colors.black))
    table.setStyle(TableStyle(style))
    content = [[Paragraph("Bevis/anslag", st["H2"])], [Paragraph(escape(lead), st["Body"])], [table]]
    if note:
        content.append([Paragraph(escape(note), st["Muted"])])
    box = Table(content, colWidths=[width])
    box.setStyle(
        TableStyle(
            [
                ("BOX", (0, 0), (-1, -1), 0.8, ACCENT),
                ("LEFTPADDING", (0, 0), (-1, -1), 6),
                ("RIGHTPADDING", (0, 0), (-1, -1), 6),
                ("TOPPADDING", (0, 0), (-1, 0), 3),
                ("BOTTOMPADDING", (0, 0), (-1, 1), 1),
            ]
        )
    )
    return KeepTogether([box])


def anslag_story(notice: AnslagNotice) -> list[Flowable]:
    st = styles()
    title = (
        "Tillkännagivande om justerat protokollsutdrag"
        if notice.avser == "protokollsutdrag"
        else "Tillkännagivande om justerat protokoll"
    )
    story: list[Flowable] = [
        Paragraph(escape(notice.forbund.upper()), st["Muted"]),
        Spacer(1, 2 * mm),
        Paragraph(escape(title), st["Title"]),
        Paragraph(escape(f"{notice.organ} – sammanträde {notice.sammantradesdatum.isoformat()}"), st["H2"]),
        Spacer(1, 4 * mm),
        bevis_block(notice, heading="Anslag"),
        Spacer(1, 6 * mm),
        Paragraph("Överklagande", st["H2"]),
        Paragraph(escape(notice.appeal_info), st["Body"]),
    ]
    if notice.anslagstavla:
        story += [Spacer(1, 3 * mm), Paragraph(escape(f"Anslagstavla: {notice.anslagstavla}"), st["Muted"])]
    return story


def build_anslag_pdf(notice: AnslagNotice, *, pdfa: bool = True) -> bytes:
    """One-page anslag for the anslagstavla: a tagged PDF/UA-1 and PDF/A-2a (the accessible pipeline,
    ``docs/publishing.md``), created on the anslagsdatum. ``pdfa`` is kept for callers; the file is always
    PDF/A-2a."""
    from finsam_desktop.reports.justering.published import anslag_pdf

    return anslag_pdf(notice)


def anslag_text(notice: AnslagNotice) -> str:
    """Plain-text version (e-mail, text-only web board)."""
    title = "TILLKÄNNAGIVANDE OM JUSTERAT " + (
        "PROTOKOLLSUTDRAG" if notice.avser == "protokollsutdrag" else "PROTOKOLL"
    )
    rows = notice.rows()
    width = max(len(label) for label, _ in rows) + 2
    lines = [notice.forbund, "", title, "", notice.lead, ""]
    lines += [f"{(label + ':').ljust(width)} {value}" for label, value in rows]
    lines += [
        "",
        f"{'Underskrift:'.ljust(width)} {notice.underskrift_namn}, {notice.underskrift_roll}",
        "",
        "Överklagande",
        notice.appeal_info,
    ]
    if notice.anslagstavla:
        lines += ["", f"Anslagstavla: {notice.anslagstavla}"]
    return "\n".join(lines) + "\n"


def anslag_html(notice: AnslagNotice) -> str:
    """A self-contained HTML fragment (an ``<article>``) for a web anslagstavla; no scripts, no external assets."""
    e = html_escape
    title = "Tillkännagivande om justerat " + (
        "protokollsutdrag" if notice.avser == "protokollsutdrag" else "protokoll"
    )
    rows = "\n".join(
        f'    <tr><th scope="row">{e(label)}</th><td>{e(value)}</td></tr>' for label, value in notice.rows()
    )
    return (
        f'<article class="anslag" lang="sv" data-anslagsdatum="{notice.anslagsdatum.isoformat()}" '
        f'data-tas-ned="{notice.tas_ned_tidigast.isoformat()}">\n'
        f'  <p class="forbund">{e(notice.forbund)}</p>\n'
        f"  <h2>{e(title)}: {e(notice.organ)} {notice.sammantradesdatum.isoformat()}</h2>\n"
        f"  <p>{e(notice.lead)}</p>\n"
        f"  <table>\n{rows}\n"
        f'    <tr><th scope="row">Underskrift</th><td>{e(notice.underskrift_namn)}, {e(notice.underskrift_roll)}</td></tr>\n'
        f"  </table>\n"
        f"  <h3>Överklagande</h3>\n  <p>{e(notice.appeal_info)}</p>\n"
        f"</article>\n"
    )
