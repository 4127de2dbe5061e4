"""A ``PlanPublication`` as one list of plain blocks, in the plan's own section order with the seed's headings and
table layouts: the activity tables ``Vad | Vem ansvarar | Tillfällena | Hur | För vem`` (and ``Vad | Vem ansvarar |
När | Uppföljning``), each insats with Syfte and Mål and its staffing table ``Personella insatser | Genomförs av |
Arbetstid`` with the FTE sum, the goals as "target (actual)", the budget with the plan years, and the årshjul and
risk analysis as bilagor. The PDF and the .docx lay out the same list."""

from __future__ import annotations

from finsam_desktop.domain.budget.presentation import amount_text
from finsam_desktop.domain.verksamhet import richtext
from finsam_desktop.domain.verksamhet.personal import (
    Personalresurs,
    format_fte,
    format_procent,
    fte_per_organisation,
    fte_total,
)
from finsam_desktop.domain.verksamhet.plan import SectionKind
from finsam_desktop.domain.verksamhet.plan_publication import BudgetOut, PlanInsats, PlanPublication, PubSection
from finsam_desktop.reports.common.typst_blocks import (
    Align,
    Block,
    BulletList,
    Column,
    Document,
    Emph,
    Fields,
    Heading,
    Para,
    RichList,
    RichPara,
    Row,
    RowKind,
    Span,
    Table,
    TitlePage,
    Toc,
)

DRAFT_MARK = "UTKAST"
R = Align.RIGHT


def document(pub: PlanPublication) -> Document:
    blocks: list[Block] = [_title_page(pub), Toc()]
    if pub.flags:
        blocks += [
            Heading(1, "Avstämning: summor som inte stämmer", new_page=True),
            Para(
                f"Programmet hittade {len(pub.flags)} uppgift(er) i planen som inte går ihop. Tabellerna visar "
                "uppgifterna så som de är inskrivna; rätta dem innan planen antas."
            ),
            BulletList(pub.flags),
        ]
    first = True
    for sec in pub.sections:
        new_page = sec.level == 1 and (first or sec.bilaga or sec.kind is SectionKind.BUDGET)
        first = first and sec.level != 1
        blocks.append(Heading(sec.level, sec.title, new_page=new_page))
        blocks += rich_blocks(sec.body)
        blocks += _generated(sec)
    return Document(
        title=f"{pub.title} – {pub.forbund}",
        author=pub.forbund,
        header=pub.forbund,
        running=pub.title,
        blocks=tuple(blocks),
        draft_mark=DRAFT_MARK if pub.draft else "",
    )


def _title_page(pub: PlanPublication) -> TitlePage:
    below = [f"Organisationsnummer {pub.orgnr}"] if pub.orgnr else []
    below.append(f"Plan för {pub.year} med prognos för {pub.year + 1} och {pub.year + 2}")
    if pub.adopted_text and not pub.draft:
        below.append(f"Antagen av styrelsen {pub.adopted_text}")
    if pub.draft:
        below.append("Utkast – inte antagen av styrelsen")
    return TitlePage((pub.forbund,), pub.title, tuple(below))


def _spans(runs: tuple[richtext.Run, ...]) -> tuple[Span, ...]:
    return tuple(Span(r.text, r.bold) for r in runs)


def rich_blocks(text: str) -> list[Block]:
    """Syfte/Mål markup as paragraphs and lists with their bold runs (``**40**`` is set bold in PDF and Word)."""
    out: list[Block] = []
    for block in richtext.parse(text):
        if isinstance(block, richtext.Paragraph):
            out.append(RichPara(_spans(block.runs)))
        else:
            out.append(RichList(tuple(_spans(item) for item in block.items)))
    return out


def _generated(sec: PubSection) -> list[Block]:
    if sec.kind is SectionKind.AKTIVITETER:
        return _aktiviteter(sec)
    if sec.kind is SectionKind.INSATSER:
        return _insatser(sec)
    if sec.kind is SectionKind.INDIKATORER:
        return _indicators(sec)
    if sec.kind is SectionKind.BUDGET:
        return budget_blocks(sec.budget)
    if sec.kind is SectionKind.ARSHJUL:
        return _arshjul(sec)
    if sec.kind is SectionKind.RISKANALYS:
        return _risks(sec)
    return []


def _aktiviteter(sec: PubSection) -> list[Block]:
    """The rows of no (listed) insats first; then each insats with its Syfte/Mål and its own tables (seed 000
    §5.1.1 Kunskapshöjande insatser, §5.1.2 Omvärldsbevakning)."""
    names = {i.namn for i in sec.insatser}
    out = aktivitet_tables([a for a in sec.aktiviteter if a.insats not in names])
    level = min(sec.level + 1, 3)
    for n, ins in enumerate(sec.insatser, start=1):
        out += _insats_blocks(ins, level, f"{sec.number}.{n}" if sec.number else "")
        out += aktivitet_tables([a for a in sec.aktiviteter if a.insats == ins.namn])
    return out


def aktivitet_tables(rows) -> list[Block]:
    out: list[Block] = []
    akt = [a for a in rows if a.tabell == "aktiviteter"]
    bev = [a for a in rows if a.tabell == "bevakning"]
    if akt:
        cols = (
            Column("Vad", width=3.2),
            Column("Vem ansvarar", width=1.6),
            Column("Tillfällena", R),
            Column("Hur", width=1.4),
            Column("För vem", width=1.8),
        )
        rows = tuple(Row((a.vad, a.vem, a.tillfallen, a.hur, a.for_vem)) for a in akt)
        out.append(Table("", cols, rows, small=True))
    if bev:
        cols = (
            Column("Vad", width=3.0),
            Column("Vem ansvarar", width=1.4),
            Column("När"),
            Column("Uppföljning", width=1.6),
        )
        out.append(Table("", cols, tuple(Row((a.vad, a.vem, a.nar, a.uppfoljning)) for a in bev), small=True))
    return out


def arbetstid(p: Personalresurs) -> str:
    if not p.procent:
        return p.notering or "–"
    text = f"{p.antal} x {format_procent(p.procent)}" if p.antal > 1 else format_procent(p.procent)
    return f"{text} ({p.notering})" if p.notering else text


def staffing_table(personal: tuple[Personalresurs, ...]) -> Table:
    cols = (Column("Personella insatser", width=2.2), Column("Genomförs av", width=1.6), Column("Arbetstid", R))
    rows = [Row((p.roll, p.organisation, arbetstid(p))) for p in personal]
    total = fte_total(personal)
    rows.append(Row(("Summa", "", f"{format_procent(total * 100)} = {format_fte(total)} årsarbetare"), RowKind.SUM))
    return Table("", cols, tuple(rows))


def _insats_blocks(ins: PlanInsats, level: int, number: str) -> list[Block]:
    heading = f"{number} {ins.namn}" if number else ins.namn
    out: list[Block] = [Heading(level, heading)]
    facts = [("Typ", ins.typ), ("Status", ins.status), ("Period", ins.period)]
    facts += [(k, v) for k, v in (("Projektägare", ins.projektagare), ("Målgrupp", ins.malgrupp)) if v]
    facts += [(f"Finansiering {y}", text) for y, text in ins.finansiering]
    if ins.styrgrupp:
        facts.append(("Styrgrupp", ins.styrgrupp))
    out.append(Fields(tuple(facts), label_width=3.6))
    if ins.syfte.strip():
        out += [Emph("Syfte:"), *rich_blocks(ins.syfte)]
    if ins.mal.strip():
        out += [Emph("Mål:"), *rich_blocks(ins.mal)]
    if ins.personal:
        out.append(staffing_table(ins.personal))
        per_org = fte_per_organisation(ins.personal)
        if len(per_org) > 1:
            parts = ", ".join(f"{org} {format_fte(v)}" for org, v in per_org.items())
            out.append(Para(f"Årsarbetare per organisation: {parts}.", small=True))
    return out


def _insatser(sec: PubSection) -> list[Block]:
    if not sec.insatser:
        return [Para("Inga insatser av detta slag pågår under planåret.")]
    out: list[Block] = []
    level = min(sec.level + 1, 3)
    top = sub = 0
    for ins in sec.insatser:
        if ins.depth == 0:
            top, sub = top + 1, 0
            out += _insats_blocks(ins, level, f"{sec.number}.{top}" if sec.number else "")
        else:
            sub += 1
            out += _insats_blocks(ins, min(level + 1, 3), f"{sec.number}.{top}.{sub}" if sec.number else "")
    return out


def _indicators(sec: PubSection) -> list[Block]:
    if not sec.indicators:
        return [Para("Inga mål eller indikatorer är registrerade för planåren.", small=True)]
    cols = (Column("Insats", width=1.6), Column("Mål", width=2.6), Column("Period"), Column("Mål (utfall)", R))
    rows = tuple(Row((i.insats or "Förbundet", i.namn, i.period, i.text)) for i in sec.indicators)
    return [Table("", cols, rows)]


def budget_blocks(budget: BudgetOut | None) -> list[Block]:
    if budget is None:
        return [Para("Det finns ingen budget för planåret i Budget ännu.", small=True)]
    n = len(budget.columns)
    cols = (Column(budget.unit.value.capitalize() if budget.unit.value == "tkr" else "Kronor", width=1.0),)
    cols += tuple(Column(c, R) for c in budget.columns)
    rows = []
    for r in budget.rows:
        if r.kind == "group":
            rows.append(Row((r.label,) + ("",) * n, RowKind.GROUP))
            continue
        cells = tuple(amount_text(a, budget.unit) for a in r.amounts) + ("",) * (n - len(r.amounts))
        rows.append(Row((r.label,) + cells, RowKind.SUM if r.kind == "sum" else RowKind.NORMAL))
    out: list[Block] = [Table("", cols, tuple(rows), small=n > 4)]
    if budget.source:
        out.append(Para(f"Källa: {budget.source}. Belopp i {budget.unit.label}.", small=True))
    if budget.flags:
        out += [Emph("Summor i tabellen som inte stämmer:"), BulletList(budget.flags)]
    return out


def _arshjul(sec: PubSection) -> list[Block]:
    if not sec.events:
        return [Para("Årshjulet har inga händelser för året.", small=True)]
    cols = (Column("Datum"), Column("Händelse", width=3.0), Column("Ansvarig", width=1.2))
    rows = tuple(
        Row((f"{e.datum.day}/{e.datum.month}", e.titel, e.ansvarig)) for e in sorted(sec.events, key=lambda e: e.datum)
    )
    return [Table("", cols, rows, small=True)]


def _risks(sec: PubSection) -> list[Block]:
    if not sec.risks:
        return [Para("Det finns ingen risk- och väsentlighetsanalys för året i Intern kontroll.", small=True)]
    legend = "Väsentl. = väsentlighet, Sannol. = sannolikhet, Värde = riskvärde (väsentlighet × sannolikhet)."
    cols = (
        Column("Nr", R),
        Column("Process", width=1.2),
        Column("Risk", width=2.2),
        Column("Väsentl.", R),
        Column("Sannol.", R),
        Column("Värde", R),
        Column("Riskhantering", width=2.8),
    )
    rows = tuple(
        Row(
            (
                str(r.nummer),
                r.process,
                r.risk,
                str(r.vasentlighet),
                str(r.sannolikhet),
                str(r.riskvarde),
                r.riskhantering + (f" ({r.ansvarig})" if r.ansvarig else ""),
            )
        )
        for r in sorted(sec.risks, key=lambda r: r.nummer)
    )
    return [Table("", cols, rows, small=True), Para(f"{legend} Källa: {sec.risk_source}.", small=True)]
