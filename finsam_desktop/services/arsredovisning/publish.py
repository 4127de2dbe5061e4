"""The stored years in a list, the ``Publication`` of a year (årsredovisning) or a date (delårsrapport) with the
reconciliation's flags, and the adoption: a § of a styrelse protocol, after which the year is locked and sealed.
The signers are every ordinary member (ledamot) of the styrelse on the adoption date."""

from __future__ import annotations

import hashlib
import json
from datetime import date
from decimal import Decimal

from sqlalchemy import select

from finsam_desktop import clock
from finsam_desktop.domain.arsredovisning.document import Arsredovisning
from finsam_desktop.domain.arsredovisning.figures import Flag
from finsam_desktop.domain.arsredovisning.publication import DocKind, FlowRow, Publication, Signer, TextSection
from finsam_desktop.domain.arsredovisning.reconcile import reconcile
from finsam_desktop.domain.arsredovisning.statements import Kind, Statement
from finsam_desktop.domain.common.dates import iso
from finsam_desktop.domain.common.errors import ValidationError
from finsam_desktop.domain.common.money import format_kr
from finsam_desktop.persistence.database import Database
from finsam_desktop.persistence.models import AgendaItem, MeetingRow, OrganRow
from finsam_desktop.persistence.models.arsredovisning import ArDocumentRow, ArFlowRow, ArYearRow
from finsam_desktop.persistence.models.budget import InsatsRow
from finsam_desktop.reports.arsredovisning.pdf import arsredovisning_pdf
from finsam_desktop.services.arshjul.events import mark_standard_event_done
from finsam_desktop.services.arsredovisning import build
from finsam_desktop.services.arsredovisning.dto import AdoptedDocument, YearFlows, YearSummary
from finsam_desktop.services.arsredovisning.flows import flows_view, keep_flows, year_flows
from finsam_desktop.services.arsredovisning.rows import ADOPTED, kontoplan, require_draft, stored_years, year_row
from finsam_desktop.services.audit import record
from finsam_desktop.services.verksamhet.deltagare import year_totals


class PublicationService:
    def __init__(self, db: Database, forbund, budget, texts):
        self.db = db
        self.forbund = forbund
        self.budget = budget
        self.texts = texts

    # --- the list -------------------------------------------------------------------------------------------------
    def years(self, year: int | None = None) -> list[YearSummary]:
        with self.db.session() as s:
            return [_summary(s, r) for r in stored_years(s) if year is None or r.year == year]

    def flags(self, year: int) -> list[Flag]:
        with self.db.session() as s:
            return list(reconcile(build.report(s, year_row(s, year))))

    # --- publications ---------------------------------------------------------------------------------------------
    def publication(self, year: int) -> Publication:
        """The årsredovisning of ``year`` as the reports lay it out (a draft prints its flags)."""
        sections = self.texts.sections(year)
        with self.db.session() as s:
            return self._publication(s, year_row(s, year), sections)

    def _publication(self, s, row: ArYearRow, sections) -> Publication:
        year = row.year
        build.statements(s, row)  # a clear error when there is nothing to show, or an account is unmapped
        doc = build.report(s, row)
        flows = year_flows(s, row)
        adopted = row.status == ADOPTED
        adopted_text = f"Fastställd av styrelsen {row.adopted_text}" if adopted else ""
        on = row.adopted_on
        forbund = self.forbund.get()
        return Publication(
            DocKind.ARSREDOVISNING,
            forbund.namn,
            forbund.orgnr,
            year,
            date(year, 12, 31),
            doc,
            sections=sections,
            flows=flows,
            signers=self.signers(on or date(year + 1, 3, 31)),
            ort=forbund.sate,
            adopted_text=adopted_text,
            draft=not adopted,
            flags=tuple(reconcile(doc)),
        )

    def adopted_document(self, year: int) -> AdoptedDocument | None:
        """The PDF stored when ``year`` was fastställd (byte for byte), or None for a draft year."""
        with self.db.session() as s:
            row = year_row(s, year)
            stored = s.scalar(select(ArDocumentRow).where(ArDocumentRow.year_id == row.id))
            if stored is None:
                return None
            return AdoptedDocument(year, row.adopted_text, bytes(stored.pdf_data), stored.pdf_sha256)

    def interim(self, per: date) -> Publication:
        """The delårsrapport per ``per`` (its month's end): the statements from the monthly movements, with Budget's
        helårsprognos as ``prognos`` beside the resultaträkning and a short förvaltningsberättelse."""
        with self.db.session() as s:
            row = year_row(s, per.year)
            rr, br, kf = build.interim_statements(s, row, per)
        doc = Arsredovisning(per.year, rr=rr, br=br, kf=kf)
        prognos = self._prognos(per)
        forbund = self.forbund.get()
        result = rr.value(per.year, "rr_arets_resultat")
        text = f"Periodens resultat per {per.isoformat()} är {_kr(result)}."
        if prognos is not None:
            text += f" Prognosen för helåret är {_kr(prognos.value(per.year, 'rr_arets_resultat'))}."
        return Publication(
            DocKind.DELARSRAPPORT,
            forbund.namn,
            forbund.orgnr,
            per.year,
            per,
            doc,
            sections=(TextSection("god_ekonomisk_hushallning", "Ekonomiskt resultat och prognos", text),),
            ort=forbund.sate,
            prognos=prognos,
            flags=tuple(reconcile(doc)),
        )

    def _prognos(self, per: date) -> Statement | None:
        try:
            view = self.budget.followup.followup_view(per.year, per)
        except Exception:  # no budget for the year: the delårsrapport has no prognos column
            return None
        income, costs = view.result.intakter.helar, view.result.kostnader.helar
        if income is None or costs is None:
            return None
        stmt = Statement(Kind.RR, ())
        stmt.set(per.year, "rr_intakter", income)
        stmt.set(per.year, "rr_kostnader", -costs)
        return stmt

    def signers(self, day: date) -> tuple[Signer, ...]:
        styrelse = self.forbund.styrelse_on(day)
        out = []
        for seat in styrelse.seats:
            for p in seat.ledamoter:
                role = "Ledamot"
                if styrelse.ordforande and styrelse.ordforande.id == p.id:
                    role = "Ordförande"
                elif styrelse.vice_ordforande and styrelse.vice_ordforande.id == p.id:
                    role = "Vice ordförande"
                out.append(Signer(p.namn, role, seat.member.namn))
        order = {"Ordförande": 0, "Vice ordförande": 1, "Ledamot": 2}
        return tuple(sorted(out, key=lambda x: order[x.roll]))

    # --- adoption -------------------------------------------------------------------------------------------------
    def adopt(self, year: int, agenda_item_id: int, adopted_on: date | None = None) -> YearSummary:
        """Fastställ the årsredovisning at a styrelse § (a justerat or still open protocol): the year, its books,
        texts and deltagarflöden are locked from now on and sealed; the mapping in force is kept with it."""
        sections = self.texts.sections(year)  # the texts exist (pre-filled) before they are locked
        with self.db.session() as s:
            row = year_row(s, year)
            require_draft(row)
            missing = build.unmapped(s, row)
            if missing:
                raise ValidationError(
                    f"{len(missing)} konto med saldo saknar rad i årsredovisningen ({', '.join(missing)}); "
                    "koppla dem innan årsredovisningen fastställs."
                )
            build.statements(s, row)
            item = s.get(AgendaItem, agenda_item_id)
            if item is None:
                raise ValidationError("paragrafen finns inte.", "Fastställd vid")
            meeting = s.get(MeetingRow, item.meeting_id)
            organ = s.get(OrganRow, meeting.organ_id)
            if organ.kind != "styrelse":
                raise ValidationError("årsredovisningen fastställs av styrelsen; välj en § i ett styrelseprotokoll.")
            if meeting.datum <= date(year, 12, 31):
                raise ValidationError(f"sammanträdet {iso(meeting.datum)} ligger före räkenskapsårets slut.")
            number = f"§ {item.paragraph_number}" if item.paragraph_number else f"punkt {item.position}"
            row.kontoplan_text = kontoplan(s, row).to_text()
            keep_flows(s, row)
            row.adopted_agenda_item_id = agenda_item_id
            row.adopted_text = f"{iso(meeting.datum)}, {number}"
            row.adopted_on = adopted_on or meeting.datum
            row.status = ADOPTED
            s.flush()
            # The final document, rendered now and kept whole: a later layout change cannot alter what was
            # adopted. A failure here rolls the whole adoption back.
            data = arsredovisning_pdf(self._publication(s, row, sections), created=clock.today())
            digest = hashlib.sha256(data).hexdigest()
            s.add(ArDocumentRow(year_id=row.id, pdf_data=data, pdf_sha256=digest, created_at=clock.now()))
            record(
                s,
                "årsredovisning fastställd",
                "ar_year",
                row.id,
                f"{year}: {organ.namn} {row.adopted_text}; PDF SHA-256 {digest}",
            )
            # One truth: the Årshjul's "Årsredovisning upprättas av styrelsen" of the next year is done now.
            mark_standard_event_done(s, year + 1, "arsredovisning", f"Fastställd av styrelsen {row.adopted_text}")
            return _summary(s, row)

    # --- deltagarflöden -------------------------------------------------------------------------------------------
    def flows(self, year: int) -> YearFlows:
        """The deltagarflöden of ``year`` as the årsredovisning prints them, with where they come from."""
        with self.db.session() as s:
            return flows_view(s, year_row(s, year))

    def save_flow(self, year: int, insats_id: int, flow: FlowRow) -> FlowRow:
        """Deltagarflöden of one insats in a year (aggregates only)."""
        counts = (flow.inskrivna, flow.avslutade, flow.kvinnor, flow.man, flow.annat, *(n for _k, n in flow.avslut))
        if any(n < 0 for n in counts):
            raise ValidationError("antal kan inte vara negativa.", "Deltagarflöden")
        with self.db.session() as s:
            row = year_row(s, year, create=True)
            require_draft(row)
            if year_totals(s, year):
                raise ValidationError(
                    f"deltagarflödena {year} kommer från Verksamhets deltagarstatistik; rätta dem där.",
                    "Deltagarflöden",
                )
            if s.get(InsatsRow, insats_id) is None:
                raise ValidationError("insatsen finns inte.", "Deltagarflöden")
            stored = s.scalar(select(ArFlowRow).where(ArFlowRow.year_id == row.id, ArFlowRow.insats_id == insats_id))
            if stored is None:
                stored = ArFlowRow(year_id=row.id, insats_id=insats_id)
                s.add(stored)
            stored.inskrivna, stored.avslutade = flow.inskrivna, flow.avslutade
            stored.kvinnor, stored.man, stored.annat = flow.kvinnor, flow.man, flow.annat
            stored.avslut = json.dumps(dict(flow.avslut), ensure_ascii=False)
            record(s, "deltagarflöden sparade", "ar_deltagarflode", None, f"{year}: insats {insats_id}")
            return flow


def _summary(s, row: ArYearRow) -> YearSummary:
    missing = build.unmapped(s, row)
    rr = br = None
    flags: tuple[Flag, ...] = ()
    if not missing:
        try:
            doc = build.report(s, row)
            rr, br = doc.rr, doc.br
            flags = tuple(reconcile(doc))
        except ValidationError:
            pass
    y = row.year
    return YearSummary(
        year=y,
        source=row.source,
        filename=row.sie_filename,
        verifikationer=row.verifikationer,
        imported_at=row.imported_at.strftime("%Y-%m-%d %H:%M") if row.imported_at else "",
        intakter=rr.value(y, "rr_intakter") if rr else None,
        kostnader=rr.value(y, "rr_kostnader") if rr else None,
        resultat=rr.value(y, "rr_arets_resultat") if rr else None,
        eget_kapital=br.value(y, "br_eget_kapital") if br else None,
        tillgangar=br.value(y, "br_summa_tillgangar") if br else None,
        adopted=row.status == ADOPTED,
        adopted_text=row.adopted_text,
        adopted_on=row.adopted_on,
        flags=flags,
        unmapped=tuple(missing),
        anstallda=None if row.anstallda_hundradelar is None else Decimal(row.anstallda_hundradelar) / 100,
    )


def _kr(amount) -> str:
    return format_kr(amount)
