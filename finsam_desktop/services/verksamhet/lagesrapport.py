"""The lägesrapport per period (a quarter, a half year; any ``fran``–``per``) as plain data, asked from the areas that
own each part: the uppdrag register (Sammanträden), goals and deltagare statistics (Verksamhet), the aktiviteter,
the risk analysis (Intern kontroll) and the budget follow-up at the period end (Budget). Nothing is copied or
stored: the same data and date give the same report."""

from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import select

from finsam_desktop.domain.budget.followup import RowKind
from finsam_desktop.domain.budget.lines import SectionKind
from finsam_desktop.domain.budget.presentation import presented_rows
from finsam_desktop.domain.common.errors import NotFoundError, ValidationError
from finsam_desktop.domain.organisation.model import MemberKind
from finsam_desktop.domain.verksamhet.insats import InsatsTyp
from finsam_desktop.domain.verksamhet.lagesrapport import (
    SWEDISH_MONTHS,
    EkonomiRow,
    EkonomiTable,
    GoalLine,
    Lagesrapport,
    MemberInfo,
    RiskLine,
    group_uppdrag,
    member_table,
    tkr_text,
)
from finsam_desktop.persistence.models import AgendaItem, ForbundRow, MeetingRow, MemberRow


class LagesrapportService:
    """``build(per)``: the report from the start of ``per``'s year (or ``fran``) to ``per``."""

    def __init__(self, area, meetings=None, internkontroll=None):
        self.area = area  # the Verksamhet area (insatser, uppfoljning, deltagare, aktiviteter, budget)
        self.meetings = meetings
        self.internkontroll = internkontroll

    def build(self, per: date, fran: date | None = None, insats_id: int | None = None) -> Lagesrapport:
        fran = fran or date(per.year, 1, 1)
        if fran > per:
            raise ValidationError("periodens början ligger efter dess slut.", "Från")
        db = self.area.db
        with db.session() as s:
            forbund = s.get(ForbundRow, 1)
            members = [
                MemberInfo(m.id, m.namn, MemberKind(m.kind), m.weight)
                for m in s.scalars(select(MemberRow).order_by(MemberRow.position, MemberRow.id))
            ]
        insats = self._insats(per, insats_id)
        deltagare = self.area.deltagare
        months = [p for p in deltagare.periods(insats.id) if p.period <= per] if insats else []
        anvisade: dict[str, int] = {}
        for p in months:
            for org, n in p.anvisade:
                anvisade[org] = anvisade.get(org, 0) + n
        period_text = f"{months[0].period:%Y%m}-{months[-1].period:%Y%m}" if months else ""
        aktiviteter = tuple(self.area.aktiviteter.between(fran, per))
        table = member_table(
            members,
            aktiviteter,
            insats.namn if insats else "",
            insats.personal if insats else (),
            anvisade,
            period_text,
            deltagare.masking_enabled(),
        )
        ekonomi, note, flags = self._ekonomi(per)
        risk_title, risks = self._risks(per.year)
        return Lagesrapport(
            forbund.namn if forbund else "",
            forbund.orgnr if forbund else "",
            fran,
            per,
            self._uppdrag(per),
            self._goals(fran, per),
            aktiviteter,
            risk_title,
            risks,
            table,
            insats.namn if insats else "",
            per.year,
            ekonomi,
            note,
            flags,
            tuple(self.area.aktiviteter.between(per + timedelta(days=1), date(per.year, 12, 31))),
        )

    # --- parts ------------------------------------------------------------------------------------------------------
    def _insats(self, per: date, insats_id: int | None):
        """The individinsats the per-member table reports: the one given, else the individinriktad insats running at
        ``per`` with the most participants in the statistics (seed 002: MIA)."""
        svc = self.area.insatser
        if insats_id is not None:
            return svc.get(insats_id)
        candidates = [
            i
            for i in svc.list_insatser()
            if i.typ is InsatsTyp.INDIVIDINRIKTAD
            and i.parent_id is None
            and (i.start is None or i.start <= per)
            and (i.slut is None or i.slut.year >= per.year)
        ]
        if not candidates:
            return None

        def inskrivna(i) -> int:
            return sum(p.inskrivna for p in self.area.deltagare.periods(i.id) if p.period <= per)

        return max(candidates, key=lambda i: (inskrivna(i), -(i.id or 0)))

    def _uppdrag(self, per: date):
        if self.meetings is None:
            return ()
        items = []
        db = self.area.db
        with db.session() as s:
            for u in self.meetings.uppdrag.list_uppdrag(open_only=True, today=per):
                decided = None
                if u.item_id is not None:
                    decided = s.scalar(
                        select(MeetingRow.datum)
                        .join(AgendaItem, AgendaItem.meeting_id == MeetingRow.id)
                        .where(AgendaItem.id == u.item_id)
                    )
                if decided is not None and decided > per:
                    continue
                items.append((u.beskrivning, u.ansvarig, decided, u.kommentar))
        return group_uppdrag(items)

    def _goals(self, fran: date, per: date) -> tuple[GoalLine, ...]:
        return tuple(
            GoalLine(g.insats, g.goal.namn, g.text, g.met)
            for g in self.area.uppfoljning.report(per)
            if g.goal.period.fran <= per and g.goal.period.till >= fran
        )

    def _risks(self, year: int) -> tuple[str, tuple[RiskLine, ...]]:
        if self.internkontroll is None:
            return "", ()
        analysis = self.internkontroll.risk.analysis(year)
        if analysis is None:
            return "", ()
        risks = sorted(analysis.risks, key=lambda r: (-r.riskvarde, r.nummer))
        title = analysis.titel or f"Riskanalys {year}"
        return title, tuple(RiskLine(r.process, r.risk, r.riskvarde, r.riskhantering) for r in risks)

    def _ekonomi(self, per: date) -> tuple[tuple[EkonomiTable, ...], str, tuple[str, ...]]:
        budget = self.area.budget
        if budget is None:
            return (), "", ()
        try:
            view = budget.followup.followup_view(per.year, per)
        except NotFoundError:
            return (), f"Det finns ingen budget för {per.year}.", ()
        tables: list[EkonomiTable] = []
        current: list[EkonomiRow] | None = None
        for row in presented_rows(view.result.rows):
            if row.kind is RowKind.SECTION:
                current = [] if row.section_kind is SectionKind.KOSTNAD else None
                if current is not None:
                    tables.append(EkonomiTable(row.namn, ()))
                continue
            if row.kind in (RowKind.TOTAL, RowKind.RESULT) or current is None:
                continue
            utfall = tkr_text(row.utfall) if row.utfall is not None else row.utfall_note
            kind = {RowKind.SUB: "sub", RowKind.SUBTOTAL: "sum"}.get(row.kind, "line")
            current.append(EkonomiRow(row.namn, tkr_text(row.budget), tkr_text(row.prognos), utfall, kind))
            tables[-1] = EkonomiTable(tables[-1].namn, tuple(current))
        k = view.result.kostnader
        tables.append(
            EkonomiTable(
                "Totalt",
                (EkonomiRow("Summa kostnader", tkr_text(k.budget), tkr_text(k.prognos), tkr_text(k.utfall), "sum"),),
            )
        )
        note = (
            f"Belopp i tusental kronor (tkr). Prognos = budgeten periodiserad till {per.day} "
            f"{SWEDISH_MONTHS[per.month - 1]}; utfall enligt bokföringen eller uppföljningen per samma dag."
        )
        return tuple(tables), note, tuple(m.message for m in view.mismatches)
