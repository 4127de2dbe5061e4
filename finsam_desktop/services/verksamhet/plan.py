"""The verksamhetsplan per plan year (with the two plan years after it): created from a template with its text
sections pre-filled from the data, or as a copy of last year's plan; texts, activity rows and a typed budget table
edited while it is an utkast; antagen at a styrelse §, when the PDF is rendered once and stored, and the plan is
locked (triggers). One transaction per action; every change is audited."""

from __future__ import annotations

import hashlib
import json
from datetime import date
from decimal import Decimal

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from finsam_desktop import clock
from finsam_desktop.domain.budget.presentation import Unit
from finsam_desktop.domain.common.dates import iso
from finsam_desktop.domain.common.errors import ImmutableRecordError, NotFoundError, ValidationError, clip
from finsam_desktop.domain.common.money import from_ore, to_ore
from finsam_desktop.domain.verksamhet import plan_budget, richtext
from finsam_desktop.domain.verksamhet.plan import (
    TEMPLATES,
    PlanStatus,
    SectionKind,
    Template,
    validate_heading,
    validate_year,
)
from finsam_desktop.domain.verksamhet.plan_publication import (
    PlanAktivitet,
    PlanEvent,
    PlanIndicator,
    PlanPublication,
    PlanRisk,
)
from finsam_desktop.persistence.database import Database
from finsam_desktop.persistence.models import AgendaItem, MeetingRow, OrganRow
from finsam_desktop.persistence.models.budget import InsatsRow
from finsam_desktop.persistence.models.verksamhetsplan import (
    VPlanAktivitetRow,
    VPlanBudgetRow,
    VPlanDocumentRow,
    VPlanRow,
    VPlanSectionRow,
)
from finsam_desktop.services.audit import record
from finsam_desktop.services.verksamhet import plan_build
from finsam_desktop.services.verksamhet.insatser import VerksamhetInsatserService
from finsam_desktop.services.verksamhet.plan_build import Gathered
from finsam_desktop.services.verksamhet.plan_dto import AdoptedPlan, PlanSection, VPlan
from finsam_desktop.services.verksamhet.uppfoljning import UppfoljningService

TABELLER = ("aktiviteter", "bevakning")


def _typed_budget(row: VPlanRow, rows: list[VPlanBudgetRow], unit: Unit) -> plan_budget.TypedBudget:
    columns = tuple(
        plan_budget.BudgetColumn(c["label"], int(c["year"]), plan_budget.ColumnKind(c.get("kind", "budget")))
        for c in (json.loads(row.budget_kolumner) if row.budget_kolumner else [])
    )
    typed = tuple(
        plan_budget.TypedRow(
            plan_budget.RowKind(r.kind),
            r.label,
            tuple(None if v is None else from_ore(v) for v in json.loads(r.belopp or "[]")),
            r.ref,
        )
        for r in rows
    )
    return plan_budget.TypedBudget(columns, typed, unit)


def plan_dto(s: Session, row: VPlanRow, forbund: str = "", unit: Unit = Unit.KR) -> VPlan:
    sections = tuple(
        PlanSection(r.key, r.level, r.heading, SectionKind(r.kind), r.body, r.typ, r.bilaga, r.numbered)
        for r in s.scalars(
            select(VPlanSectionRow)
            .where(VPlanSectionRow.plan_id == row.id)
            .order_by(VPlanSectionRow.position, VPlanSectionRow.id)
        )
    )
    akt = tuple(
        (
            a.section_key,
            PlanAktivitet(
                a.tabell, a.vad, a.vem, a.tillfallen, a.hur, a.for_vem, a.nar, a.uppfoljning, a.insats_id, insats
            ),
        )
        for a, insats in s.execute(
            select(VPlanAktivitetRow, InsatsRow.namn)
            .outerjoin(InsatsRow, InsatsRow.id == VPlanAktivitetRow.insats_id)
            .where(VPlanAktivitetRow.plan_id == row.id)
            .order_by(VPlanAktivitetRow.position, VPlanAktivitetRow.id)
        )
    )
    brows = list(
        s.scalars(select(VPlanBudgetRow).where(VPlanBudgetRow.plan_id == row.id).order_by(VPlanBudgetRow.position))
    )
    copied = s.get(VPlanRow, row.copied_from_id) if row.copied_from_id else None
    return VPlan(
        row.id,
        row.year,
        row.titel,
        Template(row.mall),
        PlanStatus(row.status),
        sections,
        akt,
        _typed_budget(row, brows, unit),
        row.adopted_text,
        row.adopted_on,
        copied.year if copied else None,
        forbund,
    )


def _require_draft(row: VPlanRow) -> None:
    if row.status == PlanStatus.ANTAGEN.value:
        raise ImmutableRecordError(
            f"Verksamhetsplanen {row.year} är antagen {row.adopted_text} och låst; "
            "gör nästa års plan som en kopia i stället."
        )


class PlanService:
    """``services.verksamhet.plan``: the verksamhetsplan of a year."""

    def __init__(self, db: Database, budget=None, arshjul=None):
        self.db = db
        self.budget = budget
        self.arshjul = arshjul  # the Årshjul area: its view includes what other areas add (aktiviteter)

    # --- reading ------------------------------------------------------------------------------------------------
    def _row(self, s: Session, year: int) -> VPlanRow:
        row = s.scalar(select(VPlanRow).where(VPlanRow.year == year))
        if row is None:
            raise NotFoundError(f"Det finns ingen verksamhetsplan för {year}.")
        return row

    def _names(self) -> tuple[str, str]:
        from finsam_desktop.services.organisation.service import ForbundService

        f = ForbundService(self.db).get()
        return f.namn, f.orgnr

    def _unit(self) -> Unit:
        return self.budget.settings.unit() if self.budget is not None else Unit.KR

    def years(self) -> list[int]:
        with self.db.session() as s:
            return list(s.scalars(select(VPlanRow.year).order_by(VPlanRow.year)))

    def plan(self, year: int) -> VPlan | None:
        forbund, unit = self._names()[0], self._unit()
        with self.db.session() as s:
            row = s.scalar(select(VPlanRow).where(VPlanRow.year == year))
            return plan_dto(s, row, forbund, unit) if row else None

    def get(self, year: int) -> VPlan:
        plan = self.plan(year)
        if plan is None:
            raise NotFoundError(f"Det finns ingen verksamhetsplan för {year}.")
        return plan

    # --- what the plan shows from the other areas ---------------------------------------------------------------
    def gather(self, year: int) -> Gathered:
        from finsam_desktop.services.arshjul.view import YearViewService
        from finsam_desktop.services.internkontroll.risk import RiskAnalysisService
        from finsam_desktop.services.organisation.service import ForbundService

        fs = ForbundService(self.db)
        forbund = fs.get()
        insatser = tuple(VerksamhetInsatserService(self.db).list_insatser(year))
        indicators = []
        for st in UppfoljningService(self.db).report(date(year + 2, 12, 31)):
            p = st.goal.period
            if p.till.year < year or p.fran.year > year + 2:
                continue
            indicators.append((st.goal.insats_id, PlanIndicator(st.insats, st.goal.namn, p.text, st.text)))
        unit = self._unit()
        budget_out = totals = None
        if self.budget is not None:
            doc = self.budget.versions.current_budget(year)
            if doc is not None:
                previous = self.budget.versions.current_budget(year - 1)
                budget_out = plan_build.budget_out(doc, previous, unit)
                totals = plan_build.budget_totals(doc)
        view = self.arshjul.view if self.arshjul is not None else YearViewService(self.db)
        events = tuple(PlanEvent(o.date, o.title, o.responsible, o.category) for o in view.occurrences(year))
        ra = RiskAnalysisService(self.db)
        analysis = ra.analysis(year)
        if analysis is None:
            earlier = [y for y in ra.analysis_years() if y < year]
            analysis = ra.analysis(max(earlier)) if earlier else None
        risks: tuple[PlanRisk, ...] = ()
        source = ""
        if analysis is not None:
            risks = tuple(
                PlanRisk(r.nummer, r.process, r.risk, r.vasentlighet, r.sannolikhet, r.riskhantering, r.ansvarig)
                for r in analysis.risks
            )
            source = f"Risk- och väsentlighetsanalys {analysis.ar} (version {analysis.version}, "
            source += f"{analysis.status_text.lower()})"
        return Gathered(
            forbund=forbund.namn,
            orgnr=forbund.orgnr,
            members=tuple(m.namn for m in fs.list_members()),
            insatser=insatser,
            indicators=tuple(indicators),
            budget=budget_out,
            budget_totals=totals,
            events=events,
            risks=risks,
            risk_source=source,
            unit=unit,
        )

    def budget_suggestion(self, year: int) -> plan_budget.TypedBudget | None:
        """Budget's figures for the plan year as a typed table to start the plan's own from (None: no budget)."""
        doc = self.budget.versions.current_budget(year) if self.budget is not None else None
        if doc is None:
            return None
        return plan_build.typed_from_budget(doc, self.budget.versions.current_budget(year - 1))

    def proposal(self, year: int, key: str) -> str:
        """The text the data suggests for a section (what "Återställ förslag" puts back)."""
        return plan_build.proposal(key, year, self.gather(year))

    def publication(self, year: int) -> PlanPublication:
        """The plan as the reports lay it out; a draft carries today's date and its flags."""
        plan = self.get(year)
        return plan_build.compose(
            plan, self.gather(year), draft=not plan.locked, adopted_text=plan.adopted_text, created=clock.today()
        )

    def flags(self, year: int) -> tuple[str, ...]:
        return self.publication(year).flags

    # --- creating -----------------------------------------------------------------------------------------------
    def create_plan(self, year: int, mall: Template = Template.SEED000, copy_previous: bool = True) -> VPlan:
        """A new utkast for ``year``: a copy of last year's plan (its sections, texts and activity rows; the
        headings follow the new year) when there is one and ``copy_previous``, else the template's sections with
        their texts pre-filled from the data."""
        year = validate_year(year)
        mall = Template(mall)
        gathered = self.gather(year)
        with self.db.session() as s:
            if s.scalar(select(VPlanRow.id).where(VPlanRow.year == year)) is not None:
                raise ValidationError(f"det finns redan en verksamhetsplan för {year}.", "Planår")
            prev = s.scalar(select(VPlanRow).where(VPlanRow.year == year - 1)) if copy_previous else None
            row = VPlanRow(
                year=year,
                titel="",
                mall=prev.mall if prev else mall.value,
                status=PlanStatus.UTKAST.value,
                adopted_text="",
                budget_kolumner="",
                copied_from_id=prev.id if prev else None,
                created_at=clock.now(),
            )
            s.add(row)
            s.flush()
            if prev is not None:
                self._copy(s, prev, row)
                what = f"{year}: kopia av {prev.year}"
            else:
                for pos, d in enumerate(TEMPLATES[mall]):
                    s.add(
                        VPlanSectionRow(
                            plan_id=row.id,
                            position=pos,
                            key=d.key,
                            level=d.level,
                            heading=d.heading,
                            kind=d.kind.value,
                            typ=d.typ,
                            bilaga=d.bilaga,
                            numbered=d.numbered,
                            body=plan_build.proposal(d.key, year, gathered),
                        )
                    )
                what = f"{year}: mall {mall.value}"
            s.flush()
            record(s, "verksamhetsplan skapad", "vplan", row.id, what)
            return plan_dto(s, row, gathered.forbund, gathered.unit)

    @staticmethod
    def _copy(s: Session, prev: VPlanRow, row: VPlanRow) -> None:
        for sec in s.scalars(select(VPlanSectionRow).where(VPlanSectionRow.plan_id == prev.id)):
            s.add(
                VPlanSectionRow(
                    plan_id=row.id,
                    position=sec.position,
                    key=sec.key,
                    level=sec.level,
                    heading=sec.heading,
                    kind=sec.kind,
                    typ=sec.typ,
                    bilaga=sec.bilaga,
                    numbered=sec.numbered,
                    body=sec.body,
                )
            )
        for a in s.scalars(select(VPlanAktivitetRow).where(VPlanAktivitetRow.plan_id == prev.id)):
            s.add(
                VPlanAktivitetRow(
                    plan_id=row.id,
                    section_key=a.section_key,
                    position=a.position,
                    tabell=a.tabell,
                    vad=a.vad,
                    vem=a.vem,
                    tillfallen=a.tillfallen,
                    hur=a.hur,
                    for_vem=a.for_vem,
                    nar=a.nar,
                    uppfoljning=a.uppfoljning,
                    insats_id=a.insats_id,
                )
            )

    def delete_plan(self, year: int) -> None:
        """Remove an utkast (an antagen plan stays)."""
        with self.db.session() as s:
            row = self._row(s, year)
            _require_draft(row)
            record(s, "verksamhetsplan borttagen", "vplan", row.id, str(year))
            s.delete(row)

    # --- editing ------------------------------------------------------------------------------------------------
    def _section(self, s: Session, year: int, key: str) -> tuple[VPlanRow, VPlanSectionRow]:
        row = self._row(s, year)
        _require_draft(row)
        sec = s.scalar(select(VPlanSectionRow).where(VPlanSectionRow.plan_id == row.id, VPlanSectionRow.key == key))
        if sec is None:
            raise NotFoundError(f"Avsnittet ”{key}” finns inte i planen {year}.")
        return row, sec

    def save_section(self, year: int, key: str, body: str, heading: str | None = None) -> PlanSection:
        """A section's text (and heading); ``**fet**`` and "- " lists as in Syfte/Mål."""
        with self.db.session() as s:
            row, sec = self._section(s, year, key)
            sec.body = richtext.validate(body, sec.heading.replace("{", "").replace("}", ""))
            if heading is not None:
                sec.heading = validate_heading(heading)
            record(s, "verksamhetsplan: text sparad", "vplan", row.id, f"{year}: {clip(sec.heading)}")
            return PlanSection(
                sec.key, sec.level, sec.heading, SectionKind(sec.kind), sec.body, sec.typ, sec.bilaga, sec.numbered
            )

    def reset_section(self, year: int, key: str) -> PlanSection:
        """The section's text back to what the data suggests now."""
        text = self.proposal(year, key)
        return self.save_section(year, key, text)

    def add_section(
        self, year: int, heading: str, after_key: str, level: int = 2, kind: SectionKind = SectionKind.TEXT
    ) -> PlanSection:
        heading = validate_heading(heading)
        if level not in (1, 2):
            raise ValidationError("nivån är 1 (avsnitt) eller 2 (underavsnitt).", "Nivå")
        kind = SectionKind(kind)
        with self.db.session() as s:
            row, after = self._section(s, year, after_key)
            secs = list(
                s.scalars(
                    select(VPlanSectionRow)
                    .where(VPlanSectionRow.plan_id == row.id)
                    .order_by(VPlanSectionRow.position, VPlanSectionRow.id)
                )
            )
            keys = {x.key for x in secs}
            n = 1
            while f"eget_{n}" in keys:
                n += 1
            new = VPlanSectionRow(
                plan_id=row.id,
                key=f"eget_{n}",
                level=level,
                heading=heading,
                kind=kind.value,
                typ="",
                bilaga=after.bilaga,
                numbered=True,
                body="",
            )
            ordered = []
            for x in secs:
                ordered.append(x)
                if x.key == after_key:
                    ordered.append(new)
            s.add(new)
            for pos, x in enumerate(ordered):
                x.position = pos
            record(s, "verksamhetsplan: avsnitt tillagt", "vplan", row.id, f"{year}: {clip(heading)}")
            return PlanSection(new.key, level, heading, kind)

    def remove_section(self, year: int, key: str) -> None:
        with self.db.session() as s:
            row, sec = self._section(s, year, key)
            s.execute(
                delete(VPlanAktivitetRow).where(
                    VPlanAktivitetRow.plan_id == row.id, VPlanAktivitetRow.section_key == key
                )
            )
            record(s, "verksamhetsplan: avsnitt borttaget", "vplan", row.id, f"{year}: {clip(sec.heading)}")
            s.delete(sec)

    def restore_section(self, year: int, sec: PlanSection, position: int, rows=()) -> None:
        """A removed section back at ``position`` with its key, kind and activity rows (what undo of a removal
        does)."""
        with self.db.session() as s:
            row = self._row(s, year)
            _require_draft(row)
            secs = list(
                s.scalars(
                    select(VPlanSectionRow)
                    .where(VPlanSectionRow.plan_id == row.id)
                    .order_by(VPlanSectionRow.position, VPlanSectionRow.id)
                )
            )
            if any(x.key == sec.key for x in secs):
                raise ValidationError(f"avsnittet ”{clip(sec.heading)}” finns redan i planen.", "Avsnitt")
            new = VPlanSectionRow(
                plan_id=row.id,
                **{f: getattr(sec, f) for f in ("key", "level", "heading", "body", "typ", "bilaga", "numbered")},
                kind=SectionKind(sec.kind).value,
            )
            s.add(new)
            secs.insert(max(0, min(position, len(secs))), new)
            for pos, x in enumerate(secs):
                x.position = pos
            for pos, a in enumerate(rows):
                fields = ("tabell", "vad", "vem", "tillfallen", "hur", "for_vem", "nar", "uppfoljning", "insats_id")
                s.add(
                    VPlanAktivitetRow(
                        plan_id=row.id, section_key=sec.key, position=pos, **{f: getattr(a, f) for f in fields}
                    )
                )
            record(s, "verksamhetsplan: avsnitt återställt", "vplan", row.id, f"{year}: {clip(sec.heading)}")

    def save_aktiviteter(self, year: int, section_key: str, rows: list[PlanAktivitet]) -> tuple[PlanAktivitet, ...]:
        """The activity rows of a section, replaced whole (all or nothing)."""
        clean = []
        for i, a in enumerate(rows, start=1):
            if a.tabell not in TABELLER:
                raise ValidationError(f"rad {i}: okänd tabell ”{a.tabell}”.", "Aktiviteter")
            if not a.vad.strip():
                raise ValidationError(f"rad {i}: ”Vad” får inte vara tomt.", "Aktiviteter")
            clean.append(
                PlanAktivitet(
                    *(x.strip() for x in (a.tabell, a.vad, a.vem, a.tillfallen, a.hur)),
                    a.for_vem.strip(),
                    a.nar.strip(),
                    a.uppfoljning.strip(),
                    a.insats_id,
                )
            )
        with self.db.session() as s:
            row, sec = self._section(s, year, section_key)
            for i, a in enumerate(clean, start=1):
                if a.insats_id is not None and s.get(InsatsRow, a.insats_id) is None:
                    raise ValidationError(f"rad {i}: insatsen finns inte.", "Aktiviteter")
            s.execute(
                delete(VPlanAktivitetRow).where(
                    VPlanAktivitetRow.plan_id == row.id, VPlanAktivitetRow.section_key == section_key
                )
            )
            for pos, a in enumerate(clean):
                s.add(
                    VPlanAktivitetRow(
                        plan_id=row.id,
                        section_key=section_key,
                        position=pos,
                        tabell=a.tabell,
                        vad=a.vad,
                        vem=a.vem,
                        tillfallen=a.tillfallen,
                        hur=a.hur,
                        for_vem=a.for_vem,
                        nar=a.nar,
                        uppfoljning=a.uppfoljning,
                        insats_id=a.insats_id,
                    )
                )
            record(
                s, "verksamhetsplan: aktiviteter", "vplan", row.id, f"{year}: {clip(sec.heading)}, {len(clean)} rader"
            )
        return self.get(year).rows_of(section_key)

    def set_budget_table(self, year: int, table: plan_budget.TypedBudget | None) -> tuple[plan_budget.BudgetFlag, ...]:
        """The budget table typed as a document prints it (replaces the one from Budget in the plan); None removes
        it. Returns the stated totals that the rows do not give."""
        if table is not None:
            plan_budget.validate(table)
        with self.db.session() as s:
            row = self._row(s, year)
            _require_draft(row)
            s.execute(delete(VPlanBudgetRow).where(VPlanBudgetRow.plan_id == row.id))
            if table is None or not table.rows:
                row.budget_kolumner = ""
                record(s, "verksamhetsplan: budgettabell borttagen", "vplan", row.id, str(year))
                return ()
            row.budget_kolumner = json.dumps(
                [{"label": c.label.strip(), "year": c.year, "kind": c.kind.value} for c in table.columns],
                ensure_ascii=False,
            )
            for pos, r in enumerate(table.rows):
                s.add(
                    VPlanBudgetRow(
                        plan_id=row.id,
                        position=pos,
                        kind=r.kind.value,
                        label=r.label.strip(),
                        ref=r.ref.strip(),
                        belopp=json.dumps([None if v is None else to_ore(Decimal(v)) for v in r.amounts]),
                    )
                )
            flags = tuple(plan_budget.check(table))
            record(s, "verksamhetsplan: budgettabell", "vplan", row.id, f"{year}: {len(table.rows)} rader")
            return flags

    # --- adoption -----------------------------------------------------------------------------------------------
    def adopt(self, year: int, agenda_item_id: int, adopted_on: date | None = None) -> VPlan:
        """Antagen at a styrelse § (on or before the plan year's end): the PDF is rendered now and stored whole, and
        the plan is locked. A failure anywhere leaves the plan an utkast."""
        from finsam_desktop.reports.verksamhet.plan_pdf import plan_pdf

        gathered = self.gather(year)
        with self.db.session() as s:
            row = self._row(s, year)
            _require_draft(row)
            item = s.get(AgendaItem, agenda_item_id)
            if item is None:
                raise ValidationError("paragrafen finns inte.", "Antagen vid")
            meeting = s.get(MeetingRow, item.meeting_id)
            organ = s.get(OrganRow, meeting.organ_id)
            if organ.kind != "styrelse":
                raise ValidationError("verksamhetsplanen antas av styrelsen; välj en § i ett styrelseprotokoll.")
            if meeting.datum > date(year, 12, 31):
                raise ValidationError(f"sammanträdet {iso(meeting.datum)} ligger efter planårets slut ({year}).")
            number = f"§ {item.paragraph_number}" if item.paragraph_number else f"punkt {item.position}"
            row.adopted_agenda_item_id = agenda_item_id
            row.adopted_text = f"{iso(meeting.datum)}, {number}"
            row.adopted_on = adopted_on or meeting.datum
            row.status = PlanStatus.ANTAGEN.value
            s.flush()
            plan = plan_dto(s, row, gathered.forbund, gathered.unit)
            pub = plan_build.compose(plan, gathered, draft=False, adopted_text=row.adopted_text, created=row.adopted_on)
            data = plan_pdf(pub)
            digest = hashlib.sha256(data).hexdigest()
            s.add(VPlanDocumentRow(plan_id=row.id, pdf_data=data, pdf_sha256=digest, created_at=clock.now()))
            record(
                s,
                "verksamhetsplan antagen",
                "vplan",
                row.id,
                f"{year}: {organ.namn} {row.adopted_text}; PDF SHA-256 {digest}",
            )
            return plan

    def adopted_document(self, year: int) -> AdoptedPlan | None:
        """The PDF stored when the plan was antagen (byte for byte), or None for an utkast."""
        with self.db.session() as s:
            row = self._row(s, year)
            doc = s.scalar(select(VPlanDocumentRow).where(VPlanDocumentRow.plan_id == row.id))
            if doc is None:
                return None
            return AdoptedPlan(year, row.adopted_text, bytes(doc.pdf_data), doc.pdf_sha256)


def check_documents(s: Session) -> list[str]:
    """Stored plan PDFs whose bytes no longer give their SHA-256 (``finsam check``)."""
    out = []
    for doc, year in s.execute(
        select(VPlanDocumentRow, VPlanRow.year).join(VPlanRow, VPlanRow.id == VPlanDocumentRow.plan_id)
    ):
        if hashlib.sha256(bytes(doc.pdf_data)).hexdigest() != doc.pdf_sha256:
            out.append(f"Verksamhetsplanen {year}: den lagrade PDF-filen stämmer inte med sin SHA-256.")
    return out


def check_budget_tables(s: Session) -> list[str]:
    """Every plan's typed budget table: the stated totals that its rows do not give (``finsam check``)."""
    out = []
    for row in s.scalars(select(VPlanRow).where(VPlanRow.budget_kolumner != "").order_by(VPlanRow.year)):
        rows = list(
            s.scalars(select(VPlanBudgetRow).where(VPlanBudgetRow.plan_id == row.id).order_by(VPlanBudgetRow.position))
        )
        out += [f"Verksamhetsplan {row.year}: {f.text}" for f in plan_budget.check(_typed_budget(row, rows, Unit.KR))]
    return out
