"""The lägesrapport to the members and the styrelse (seed 002) as plain data, and the rules that make its tables.

Sections: aktiva uppdrag från styrelsen (grouped by who is responsible, each with the dates of the decisions that
gave it, "(20191126 & 20200219)"), the mål- och uppföljningsrapport ("240 (190)"), the riskanalys, the
lägesrapport per medlem (one row per member organisation: population share, informationsinsatser, forum
participants, arbetsgrupp, the individinsats's staff and its participants anvisade from the member), the chart of
participants per referring member, and the ekonomirapport in tkr.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal

from finsam_desktop.domain.common.dates import SWEDISH_MONTHS
from finsam_desktop.domain.common.money import format_number
from finsam_desktop.domain.organisation.model import MemberKind
from finsam_desktop.domain.verksamhet.aktiviteter import Aktivitet, AktivitetTyp, day_month
from finsam_desktop.domain.verksamhet.masking import mask_count
from finsam_desktop.domain.verksamhet.personal import Personalresurs


def period_label(fran: date, per: date) -> str:
    """ "Q1 2020", "Halvår 2020", "Helår 2020", else "2020-02-01 – 2020-05-31"."""
    if fran.day == 1 and fran.year == per.year and (per.month % 3 == 0) and _is_month_end(per):
        months = per.month - fran.month + 1
        if months == 3:
            return f"Q{per.month // 3} {per.year}"
        if months == 6 and fran.month in (1, 7):
            return f"{'Halvår' if fran.month == 1 else 'Andra halvåret'} {per.year}"
        if months == 12:
            return f"Helår {per.year}"
        if fran.month == 1:
            return f"Januari–{SWEDISH_MONTHS[per.month - 1]} {per.year}"
    return f"{fran.isoformat()} – {per.isoformat()}"


def _is_month_end(d: date) -> bool:
    return (d + timedelta(days=1)).month != d.month


def per_text(per: date) -> str:
    """ "31 mars 2020"."""
    return f"{per.day} {SWEDISH_MONTHS[per.month - 1]} {per.year}"


def yyyymmdd(d: date) -> str:
    """ "20191126" (seed 002's form of a decision reference)."""
    return f"{d:%Y%m%d}"


def tkr_text(amount: Decimal | None) -> str:
    """Kronor as tkr the way seed 002 writes them: whole, or with the decimals a quarter needs ("57,5", "6,25")."""
    if amount is None:
        return ""
    value = (Decimal(amount) / 1000).quantize(Decimal("0.01"), ROUND_HALF_UP)
    if value == value.to_integral_value():
        return format_number(value, 0)
    return format_number(value, -value.normalize().as_tuple().exponent)


# --- uppdrag ------------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class UppdragLine:
    text: str
    decided: tuple[date, ...]
    kommentar: str = ""

    @property
    def reference(self) -> str:
        """ "(20191126 & 20200219)"; "" when the uppdrag was not given at a §."""
        if not self.decided:
            return ""
        return "(" + " & ".join(yyyymmdd(d) for d in self.decided) + ")"

    @property
    def heading(self) -> str:
        return f"{self.text} {self.reference}".strip()


@dataclass(frozen=True)
class UppdragGroup:
    ansvarig: str
    lines: tuple[UppdragLine, ...]


def _key(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip().casefold()


def group_uppdrag(items: Iterable[tuple[str, str, date | None, str]]) -> tuple[UppdragGroup, ...]:
    """``(beskrivning, ansvarig, beslutsdatum, kommentar)`` → groups by ansvarig (in first-seen order), the oldest
    uppdrag first; the same uppdrag given again at a later meeting is one line with both dates; comments joined."""
    groups: dict[str, dict[str, list]] = {}
    for text, ansvarig, decided, kommentar in items:
        group = groups.setdefault(ansvarig.strip() or "Ej angiven", {})
        line = group.setdefault(_key(text), [text.strip(), [], []])
        if decided is not None and decided not in line[1]:
            line[1].append(decided)
        if kommentar.strip() and kommentar.strip() not in line[2]:
            line[2].append(kommentar.strip())
    out = []
    for ansvarig, lines in groups.items():
        made = [UppdragLine(t, tuple(sorted(ds)), " ".join(ks)) for t, ds, ks in lines.values()]
        made.sort(key=lambda line: line.decided[:1] or (date.max,))  # the oldest uppdrag first, as the seed
        out.append(UppdragGroup(ansvarig, tuple(made)))
    return tuple(out)


# --- mål- och uppföljning ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class GoalLine:
    insats: str  # "" for a goal of the förbund
    namn: str
    text: str  # "≥ 240 (190)"
    met: bool | None

    @property
    def status(self) -> str:
        return {True: "Uppnått", False: "Ej uppnått", None: "Ej mätt"}[self.met]


# --- riskanalys ---------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class RiskLine:
    process: str
    risk: str
    varde: int
    atgard: str


# --- per medlem ---------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class MemberInfo:
    id: int
    namn: str
    kind: MemberKind
    weight: int = 1


_ALIASES = {
    MemberKind.FORSAKRINGSKASSAN: {"fk", "försäkringskassan", "forsakringskassan"},
    MemberKind.ARBETSFORMEDLINGEN: {"af", "arbetsförmedlingen", "arbetsformedlingen"},
    MemberKind.REGION: {"regionen", "region"},
}
_NOISE = re.compile(r"\b(kommun|kommuns|stad|stads|kommunen|staden)\b")


def _norm(text: str) -> str:
    return re.sub(r"\s+", " ", _NOISE.sub("", text.casefold())).strip()


def _variants(organisation: str) -> set[str]:
    """ "Danderyds kommun" → {"danderyds", "danderyd"}: the genitive s before kommun/stad may go."""
    org = _norm(organisation)
    out = {org}
    if _NOISE.search(organisation.casefold()) and org.endswith("s"):
        out.add(org[:-1])
    return out


def organisation_is(member: MemberInfo, organisation: str) -> bool:
    """Whether an organisation as written elsewhere (a staffing row, a CSV column) is this member: "Täby kommun" is
    Täby, "AF" is Arbetsförmedlingen, "Region Stockholm" and "Regionen" are the region."""
    variants = _variants(organisation) - {""}
    if not variants:
        return False
    if _norm(member.namn) in variants:
        return True
    aliases = _ALIASES.get(member.kind, set())
    return bool(variants & aliases) or (
        member.kind is MemberKind.REGION and any(v.startswith("region") for v in variants)
    )


@dataclass(frozen=True)
class MemberTable:
    columns: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]  # the first row is "Gemensamt" (totals)
    anvisade: tuple[tuple[str, int], ...]  # per member, for the chart (every member with a count)
    period_text: str  # "201704-202004"
    masked: bool


def _pct(part: int, whole: int) -> int:
    """Whole per cent, rounded half up (seed 002 truncated its shares, so they summed to 97 %)."""
    return int((Decimal(part) * 100 / whole).to_integral_value(ROUND_HALF_UP)) if whole else 0


def _staff_text(rows: Sequence[Personalresurs]) -> str:
    """ "2 x12,5% team 25% kursled." (seed 002's notation)."""
    parts = []
    for r in rows:
        pct = f"{Decimal(r.procent).normalize():f}".replace(".", ",")
        parts.append(f"{r.antal} x{pct}% {r.roll}" if r.antal > 1 else f"{pct}% {r.roll}")
    return " ".join(parts)


def member_table(
    members: Sequence[MemberInfo],
    aktiviteter: Sequence[Aktivitet],
    insats: str,
    personal: Sequence[Personalresurs],
    anvisade: dict[str, int],
    period_text: str,
    masking: bool = True,
) -> MemberTable:
    """Seed 002's "Lägesrapport per medlem": per member its share of the kommuner's population (the kommun key),
    the dates of informationsinsatser, forum participants ("6/5 2st"), "JA" in an arbetsgrupp, the insats's staff
    from the member and the participants anvisade from it with their share; the first row sums what sums."""
    kommun_weight = sum(m.weight for m in members if m.kind is MemberKind.KOMMUN)
    info = [a for a in aktiviteter if a.typ is AktivitetTyp.INFORMATION]
    forum = [a for a in aktiviteter if a.typ in (AktivitetTyp.FORUM, AktivitetTyp.FRUKOSTMOTE, AktivitetTyp.KONFERENS)]
    groups = [a for a in aktiviteter if a.typ is AktivitetTyp.ARBETSGRUPP]
    group_name = groups[0].titel if len({a.titel for a in groups}) == 1 else "arbetsgrupp"
    per_member: dict[int, int] = {}
    for m in members:
        per_member[m.id] = sum(n for org, n in anvisade.items() if organisation_is(m, org))
    total = sum(anvisade.values())
    others = total - sum(per_member.values())  # referred by someone who is not a member (or not recognised)
    columns = (
        "Medlem (andel av population)",
        "INFO insats hos medlem",
        "Antal deltagare på forum",
        f"Aktiva i {group_name}",
        f"{insats} personal" if insats else "Personal i insatsen",
        f"Inskrivna deltagare per medlem i {insats} ({period_text}), andel" if insats else "Inskrivna deltagare",
    )
    rows = [("Gemensamt", "", _forum_total(forum), "", "", f"Totalt {mask_count(total, masking)}" if total else "")]
    for m in members:
        share = (
            f" {round(Decimal(m.weight) * 100 / kommun_weight)}%"
            if m.kind is MemberKind.KOMMUN and kommun_weight
            else ""
        )
        info_cell = " ".join(day_month(a.datum) for a in info if _took_part(a, m.id))
        forum_cell = " ".join(d.cell_text(a.datum) for a in forum if (d := a.for_member(m.id)) and d.faktiskt)
        group_cell = ""
        for a in groups:
            d = a.for_member(m.id)
            if d is not None and (d.faktiskt or d.planerat):
                group_cell = "JA" + (f", {d.anteckning}" if d.anteckning else "")
        staff = _staff_text([p for p in personal if organisation_is(m, p.organisation)])
        n = per_member[m.id]
        deltagare = f"{mask_count(n, masking)} {_pct(n, total)}%" if n else ""
        rows.append((f"{m.namn}{share}", info_cell, forum_cell, group_cell, staff, deltagare))
    chart = tuple((m.namn, per_member[m.id]) for m in members if per_member[m.id])
    if others > 0:
        rows.append(("Övriga anvisare", "", "", "", "", f"{mask_count(others, masking)} {_pct(others, total)}%"))
        chart += (("Övriga anvisare", others),)
    return MemberTable(columns, tuple(rows), chart, period_text, masking)


def _took_part(a: Aktivitet, member_id: int) -> bool:
    d = a.for_member(member_id)
    return d is not None and (d.faktiskt is None or d.faktiskt > 0)


def _forum_total(forum: Sequence[Aktivitet]) -> str:
    n = sum(a.faktiskt or 0 for a in forum)
    return f"Totalt {n}" if n else ""


# --- ekonomi ------------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class EkonomiRow:
    namn: str
    budget: str
    prognos: str
    utfall: str
    kind: str = "line"  # "line", "sub" (a varav row), "sum"


@dataclass(frozen=True)
class EkonomiTable:
    namn: str
    rows: tuple[EkonomiRow, ...]


# --- the whole report ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Lagesrapport:
    forbund: str
    orgnr: str
    fran: date
    per: date
    uppdrag: tuple[UppdragGroup, ...]
    goals: tuple[GoalLine, ...]
    aktiviteter: tuple[Aktivitet, ...]
    risk_title: str
    risks: tuple[RiskLine, ...]
    members: MemberTable
    insats: str
    budget_year: int
    ekonomi: tuple[EkonomiTable, ...]
    ekonomi_note: str = ""
    flags: tuple[str, ...] = ()
    #: The year's aktiviteter after ``per`` (seed 002 lists the coming forum with their planned numbers).
    planerade: tuple[Aktivitet, ...] = ()

    @property
    def period(self) -> str:
        return period_label(self.fran, self.per)

    @property
    def title(self) -> str:
        return f"Lägesrapport {self.period}"

    @property
    def chart_alt(self) -> str:
        """The chart in words (its alternative text): every bar's label and value."""
        parts = ", ".join(f"{namn} {mask_count(n, self.members.masked)}" for namn, n in self.members.anvisade)
        return f"Stapeldiagram: {self.insats} deltagare anvisade från respektive medlem ({self.members.period_text}): {parts}."
