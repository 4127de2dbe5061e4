"""The lägesrapport (seed 002) as the plain blocks both the tagged PDF and the .docx lay out: aktiva uppdrag från
styrelsen, the mål- och uppföljningsrapport, the riskanalys, the lägesrapport per medlem with the chart of
participants per referring member, and the ekonomirapport in tkr. Every figure comes formatted from the data."""

from __future__ import annotations

from finsam_desktop.domain.verksamhet.aktiviteter import AktivitetTyp
from finsam_desktop.domain.verksamhet.lagesrapport import SWEDISH_MONTHS, Lagesrapport, per_text
from finsam_desktop.domain.verksamhet.masking import mask_count
from finsam_desktop.reports.common.typst_blocks import (
    Align,
    BarChart,
    Block,
    BulletList,
    Column,
    Document,
    Heading,
    Kicker,
    Para,
    Row,
    RowKind,
    Table,
)


def document(r: Lagesrapport) -> Document:
    blocks: list[Block] = [
        Kicker(r.forbund),
        Heading(1, r.title),
        Para(
            f"Lägesrapport till medlemmarna och styrelsen för perioden {r.fran.isoformat()} – {r.per.isoformat()}. "
            "Uppgifterna är hämtade ur förbundets register den dag rapporten togs fram."
        ),
    ]
    blocks += _uppdrag(r)
    blocks += _goals(r)
    blocks += _risks(r)
    blocks += _members(r)
    blocks += _ekonomi(r)
    return Document(f"{r.title} – {r.forbund}", r.forbund, r.forbund, tuple(blocks), running=r.title)


def _uppdrag(r: Lagesrapport) -> list[Block]:
    out: list[Block] = [Heading(2, "Aktiva uppdrag från styrelsen")]
    if not r.uppdrag:
        return out + [Para("Styrelsen har inga öppna uppdrag.")]
    rows = []
    for group in r.uppdrag:
        for line in group.lines:
            text = line.heading + (f" – {line.kommentar}" if line.kommentar else "")
            rows.append(Row((text, group.ansvarig)))
    columns = (Column("Aktiva uppdrag (givet vid styrelsesammanträde)", width=3), Column("Ansvarig", width=1.2))
    return out + [Table("", columns, tuple(rows))]


def _goals(r: Lagesrapport) -> list[Block]:
    out: list[Block] = [Heading(2, "Mål- och uppföljningsrapport")]
    if r.goals:
        columns = (
            Column("Insats", width=1),
            Column("Mål", width=2.6),
            Column("Mål (utfall)", Align.RIGHT),
            Column("Status"),
        )
        rows = tuple(Row((g.insats or "Förbundet", g.namn, g.text, g.status)) for g in r.goals)
        out.append(Table(f"Mål och utfall t.o.m. {r.per.isoformat()}", columns, rows))
        out.append(Para("Målet står först och utfallet inom parentes: ”240 (190)”.", small=True))
    else:
        out.append(Para("Inga mål med mätvärden för perioden."))
    held = [a for a in r.aktiviteter if a.typ not in (AktivitetTyp.INFORMATION, AktivitetTyp.ARBETSGRUPP)]
    if held:
        out.append(Heading(3, f"Aktiviteter för måluppfyllelse t.o.m. {r.per.isoformat()}"))
        out.append(BulletList(tuple(f"{a.summary} – {a.typ.label.lower()}, {a.format.label.lower()}" for a in held)))
    if r.planerade:
        out.append(Heading(3, f"Planerade aktiviteter {r.per.year}"))
        out.append(
            BulletList(tuple(f"{a.plan_text} – {a.typ.label.lower()}, {a.format.label.lower()}" for a in r.planerade))
        )
    return out


def _risks(r: Lagesrapport) -> list[Block]:
    out: list[Block] = [Heading(2, "Riskanalys")]
    if not r.risks:
        return out + [Para(f"Ingen riskanalys för {r.per.year} finns i Intern kontroll.")]
    columns = (
        Column("Område", width=1),
        Column("Risk", width=2.2),
        Column("Riskvärde", Align.RIGHT),
        Column("Åtgärd", width=2.2),
    )
    rows = tuple(Row((x.process, x.risk, str(x.varde), x.atgard)) for x in r.risks)
    return out + [Table(r.risk_title, columns, rows)]


def _members(r: Lagesrapport) -> list[Block]:
    t = r.members
    out: list[Block] = [Heading(2, "Lägesrapport per medlem", new_page=True)]
    widths = (1.25, 0.85, 0.95, 1.1, 1.45, 1.2)
    columns = tuple(Column(label, width=w) for label, w in zip(t.columns, widths, strict=True))
    rows = tuple(Row(cells, RowKind.SUM if i == 0 else RowKind.NORMAL) for i, cells in enumerate(t.rows))
    out.append(Table("", columns, rows, small=True))
    notes = [
        "Andel av population: medlemmens andel av kommunernas fördelningsnyckel.",
        "Forum: datum (dag/månad) och antal deltagare från medlemmen.",
    ]
    if t.masked:
        notes.append("Antal 1–4 visas som <5 så att ingen enskild deltagare kan pekas ut.")
    out.append(Para(" ".join(notes), small=True))
    if t.anvisade:
        out.append(Heading(3, f"{r.insats} deltagare anvisade från"))
        bars = tuple((namn, float(n), mask_count(n, t.masked)) for namn, n in t.anvisade)
        out.append(BarChart(f"Inskrivna deltagare per anvisande medlem ({t.period_text})", r.chart_alt, bars))
    return out


def _short(period: str) -> str:
    """ "Q1 2020 " for a quarter or half year (seed 002: "Ekonomirapport Q1 tom 31 mars 2020"), else "" — the end
    date says the rest."""
    return f"{period} " if period.startswith(("Q", "Halvår", "Andra halvåret", "Helår")) else ""


def _ekonomi(r: Lagesrapport) -> list[Block]:
    when = f"{r.per.day} {SWEDISH_MONTHS[r.per.month - 1]}"
    out: list[Block] = [
        Heading(2, f"Ekonomirapport {_short(r.period)}t.o.m. {per_text(r.per)}", new_page=True),
        Para(f"{r.forbund.upper()} {r.orgnr}".strip()),
    ]
    if not r.ekonomi:
        return out + [Para(r.ekonomi_note or "Ingen budgetuppföljning.")]
    for table in r.ekonomi:
        columns = (
            Column(f"{table.namn} (tkr)", width=3),
            Column(f"Budget {r.budget_year}", Align.RIGHT),
            Column(f"Prognos {when}", Align.RIGHT),
            Column(f"Utfall {when}", Align.RIGHT),
        )
        rows = tuple(
            Row(
                (f"- {x.namn}" if x.kind == "sub" else x.namn, x.budget, x.prognos, x.utfall),
                RowKind.SUM if x.kind == "sum" else RowKind.NORMAL,
            )
            for x in table.rows
        )
        out.append(Table("", columns, rows))
    out.append(Para(r.ekonomi_note, small=True))
    return out
