"""What a generated section of the verksamhetsplan shows after its text, as plain lines for a read-only preview:
where the data comes from (which tab to change it in) and the rows the document will print."""

from __future__ import annotations

from finsam_desktop.domain.common.money import format_number
from finsam_desktop.domain.verksamhet.plan import SectionKind
from finsam_desktop.domain.verksamhet.plan_publication import BudgetOut, PubSection

#: Where each generated kind takes its rows from.
SOURCES = {
    SectionKind.INSATSER: "Hämtas från fliken Verksamhet → Insatser: årets insatser med syfte och mål, målgrupp, "
    "finansiering och personal.",
    SectionKind.INDIKATORER: "Hämtas från fliken Verksamhet → Mål och indikatorer: målvärde med senaste utfall "
    "inom parentes.",
    SectionKind.BUDGET: "Hämtas från fliken Budget (årets gällande budget med planåren), eller från en "
    "budgettabell inskriven i planen.",
    SectionKind.ARSHJUL: "Hämtas från fliken Årshjul: årets sammanträden, rapporter och andra händelser.",
    SectionKind.RISKANALYS: "Hämtas från fliken Intern kontroll: risk- och väsentlighetsanalysen.",
    SectionKind.AKTIVITETER: "Aktivitetsraderna skrivs i tabellen nedan.",
    SectionKind.TEXT: "Avsnittet består bara av text.",
}

MAX_LINES = 60


def _amount(value) -> str:
    return "–" if value is None else format_number(value, 0)


def _budget(b: BudgetOut | None) -> list[str]:
    """The budget as aligned columns (the preview shows it in a fixed-width font)."""
    if b is None:
        return ["Det finns ingen budget för året ännu; tabellen saknas i dokumentet."]
    width = min(36, max([len(r.label) for r in b.rows] + [10]))
    col = max([13] + [len(c) + 2 for c in b.columns])
    lines = [b.source or "", f"Belopp i {b.unit.label}.", ""]
    lines.append("".ljust(width) + "".join(c.rjust(col) for c in b.columns))
    for r in b.rows:
        label = r.label if len(r.label) <= width else r.label[: width - 1] + "…"
        if r.kind == "group":
            lines.append(label.upper())
        else:
            lines.append(label.ljust(width) + "".join(_amount(v).rjust(col) for v in r.amounts))
    return [x for x in lines if x is not None]


def preview_lines(sec: PubSection) -> list[str]:
    """The generated part of ``sec`` as the document will show it, one line per row."""
    if sec.kind is SectionKind.INSATSER:
        lines = [f"{'    ' * i.depth}• {i.namn} – {i.typ}, {i.status}, {i.period}" for i in sec.insatser] or [
            "Inga insatser löper under året."
        ]
    elif sec.kind is SectionKind.INDIKATORER:
        lines = [f"• {ind.insats or 'Förbundet'}: {ind.namn} ({ind.period}): {ind.text}" for ind in sec.indicators] or [
            "Inga mål eller indikatorer för planåren."
        ]
    elif sec.kind is SectionKind.BUDGET:
        lines = _budget(sec.budget)
    elif sec.kind is SectionKind.ARSHJUL:
        lines = [
            f"{e.datum.isoformat()}  {e.titel}" + (f" ({e.ansvarig})" if e.ansvarig else "") for e in sec.events
        ] or ["Inga händelser i årshjulet för året."]
    elif sec.kind is SectionKind.RISKANALYS:
        head = [sec.risk_source] if sec.risk_source else ["Det finns ingen riskanalys ännu."]
        lines = head + [f"{r.nummer}. {r.process}: {r.risk} (riskvärde {r.riskvarde})" for r in sec.risks]
    else:
        return []
    if len(lines) > MAX_LINES:
        lines = lines[:MAX_LINES] + [f"… och {len(lines) - MAX_LINES} rader till"]
    return lines


def preview_text(sec: PubSection) -> str:
    return "\n".join(preview_lines(sec))
