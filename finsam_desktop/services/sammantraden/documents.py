"""The kallelse and protocol documents and their PDFs."""

from __future__ import annotations

from finsam_desktop.domain.sammantraden.bilagor import render_bilaga_tokens
from finsam_desktop.domain.sammantraden.kinds import AttendanceRole, ItemKind, MeetingStatus, MeetingType, is_locked
from finsam_desktop.domain.sammantraden.texts import beslut_heading
from finsam_desktop.persistence.database import Database
from finsam_desktop.persistence.models import ForbundRow, PersonRow
from finsam_desktop.reports.sammantraden.protocol_data import (
    AttendanceLine,
    AttendanceSection,
    KallelseDocument,
    KallelseItem,
    ProtocolDocument,
    ProtocolParagraph,
    ProtocolPart,
)
from finsam_desktop.services.sammantraden.context import attendee_dto, item_dto, load_ctx, meeting_warnings
from finsam_desktop.services.sammantraden.numbering import heal
from finsam_desktop.services.sammantraden.rows import meeting_row, officer_ids, styrelse_on_day


class DocumentsService:
    """The kallelse and protocol documents and their PDFs."""

    def __init__(self, db: Database):
        self.db = db

    def protocol_document(self, meeting_id: int) -> ProtocolDocument:
        with self.db.session() as s:
            meeting = meeting_row(s, meeting_id)
            heal(s, meeting, self.db.read_only)
            ctx = load_ctx(s, meeting)
            forbund = s.get(ForbundRow, 1)
            items = [item_dto(ctx, i) for i in ctx.items]
            attendees = [attendee_dto(ctx, a) for a in ctx.attendance if a.narvarande]
            sections = []
            for roll in AttendanceRole:
                lines = []
                for a in attendees:
                    if a.roll is not roll:
                        continue
                    note = a.range_text
                    if roll is AttendanceRole.TJANSTGORANDE and a.ersatter_namn:
                        note = f"(ersätter {a.ersatter_namn})" + (f" {note}" if note else "")
                    lines.append(AttendanceLine(a.namn, a.organisation, note))
                if lines:
                    sections.append(AttendanceSection(roll.label, tuple(lines)))
            numbers = ctx.bilaga_numbers
            paragraphs = []
            for it in items:
                paragraphs.append(
                    ProtocolParagraph(
                        number=it.number if ctx.organ.numbered_paragraphs else None,
                        label=it.label,
                        rubrik=it.rubrik,
                        bilaga_ref=it.bilaga_ref_text,
                        text=render_bilaga_tokens(it.text, numbers),
                        jav=tuple(j.sentence for j in it.jav),
                        clauses=tuple(render_bilaga_tokens(c.text, numbers) for c in it.clauses),
                        parts=tuple(
                            ProtocolPart(
                                p.rubrik,
                                render_bilaga_tokens(p.text, numbers),
                                tuple(render_bilaga_tokens(c.text, numbers) for c in p.clauses),
                            )
                            for p in it.parts
                        ),
                        vote=it.vote.summary if it.vote else "",
                        reservations=tuple(r.sentence for r in it.reservations),
                        utgar=it.utgar,
                        utgar_motivering=it.utgar_motivering,
                        justeras_omedelbart=it.justeras_omedelbart,
                    )
                )
            officers = officer_ids(s, meeting.id)
            name = ctx.person_name
            numbered = [i.paragraph_number for i in ctx.items if i.paragraph_number is not None]
            if ctx.organ.kind == "styrelse":
                heading = "Sammanträdesprotokoll från styrelsemöte"
            elif ctx.organ.numbered_paragraphs:
                heading = f"Sammanträdesprotokoll – {ctx.organ.namn.lower()}"
            else:
                heading = f"Minnesanteckningar från {ctx.organ.namn.lower()}"
            return ProtocolDocument(
                meeting_id=meeting.id,
                forbund_namn=forbund.namn if forbund else "",
                organ_namn=ctx.organ.namn,
                heading=heading,
                numbered=ctx.organ.numbered_paragraphs,
                datum=meeting.datum,
                starttid=meeting.starttid,
                sluttid=meeting.sluttid,
                plats=meeting.plats,
                digital=meeting.digital,
                typ=meeting.typ,
                status=meeting.status,
                attendance=tuple(sections),
                first_paragraph=min(numbered) if numbered else None,
                last_paragraph=max(numbered) if numbered else None,
                paragraphs=tuple(paragraphs),
                ordforande=name((officers.get("ordforande") or [None])[0]),
                sekreterare=name((officers.get("sekreterare") or [None])[0]),
                justerare=tuple(name(p) for p in officers.get("justerare", [])),
                bilagor=tuple((numbers[b.id], b.titel) for b in ctx.bilagor),
                forvaringsplats=forbund.forvaringsplats if forbund else "",
                anslagstavla=forbund.anslagstavla if forbund else "",
                beslut_heading=beslut_heading(ctx.organ.namn) if ctx.organ.kind == "styrelse" else "Beslut",
                warnings=tuple(meeting_warnings(s, ctx, items)),
            )

    def kallelse_document(self, meeting_id: int) -> KallelseDocument:
        with self.db.session() as s:
            meeting = meeting_row(s, meeting_id)
            ctx = load_ctx(s, meeting)
            forbund = s.get(ForbundRow, 1)
            items = []
            for it in (item_dto(ctx, i) for i in ctx.items):
                beskrivning = it.arendebeskrivning
                if it.standard == "uppfoljning_uppdrag" or (not beskrivning and it.typ is ItemKind.ANMALAN):
                    beskrivning = it.text
                items.append(
                    KallelseItem(
                        it.position,
                        it.rubrik,
                        it.typ.label,
                        it.foredragande,
                        it.bilaga_ref_text,
                        render_bilaga_tokens(beskrivning, ctx.bilaga_numbers),
                        render_bilaga_tokens(it.forslag_till_beslut, ctx.bilaga_numbers),
                        it.diarienummer,
                        standard=bool(it.standard),
                    )
                )
            mottagare, adresser = [], []
            if ctx.organ.kind == "styrelse":
                styrelse = styrelse_on_day(s, meeting.datum)
                for seat in styrelse.seats:
                    for p in seat.ledamoter:
                        mottagare.append((p.namn, f"Ledamot, {seat.member.namn}"))
                        adresser.append((p.namn, p.epost.strip()))
                for seat in styrelse.seats:
                    for p in seat.ersattare:
                        mottagare.append((p.namn, f"Ersättare, {seat.member.namn}"))
                        adresser.append((p.namn, p.epost.strip()))
            else:
                for a in ctx.attendance:
                    person = ctx.persons.get(a.person_id)
                    mottagare.append((ctx.person_name(a.person_id), a.organisation))
                    adresser.append((ctx.person_name(a.person_id), (person.epost or "").strip() if person else ""))
            officers = officer_ids(s, meeting.id)
            sender_id = (officers.get("sekreterare") or [None])[0]
            sender = s.get(PersonRow, sender_id) if sender_id else None
            return KallelseDocument(
                meeting_id=meeting.id,
                forbund_namn=forbund.namn if forbund else "",
                forbund_adress=forbund.postadress if forbund else "",
                organ_namn=ctx.organ.namn,
                typ=MeetingType(meeting.typ).label,
                datum=meeting.datum,
                starttid=meeting.starttid,
                sluttid=meeting.sluttid,
                plats=meeting.plats,
                digital=meeting.digital,
                items=tuple(items),
                bilagor=tuple((ctx.bilaga_numbers[b.id], b.titel) for b in ctx.bilagor),
                mottagare=tuple(mottagare),
                avsandare=sender.namn if sender else "",
                avsandare_titel=sender.titel if sender else "",
                skickad=meeting.kallelse_skickad,
                adresser=tuple(adresser),
                avsandare_epost=(sender.epost or "").strip() if sender else "",
            )

    def protocol_pdf(self, meeting_id: int, draft: bool | None = None) -> bytes:
        doc = self.protocol_document(meeting_id)
        if is_draft(doc) if draft is None else draft:
            # A draft comes from the accessible pipeline (tagged, and laid out in milliseconds); the justerat
            # protocol that is signed stays ReportLab PDF/A (the justering area).
            from finsam_desktop.reports.sammantraden.protocol_blocks import draft_pdf

            return draft_pdf(doc)
        from finsam_desktop.reports.sammantraden.protocol import build_protocol_pdf

        return build_protocol_pdf(doc, draft=False)

    def protocol_docx(self, meeting_id: int) -> bytes:
        """The protocol as .docx: a draft says so at the top; a justerat one is a copy without signatures."""
        from finsam_desktop.reports.sammantraden.word import protocol_docx

        doc = self.protocol_document(meeting_id)
        return protocol_docx(doc, draft=is_draft(doc), template=self._template())

    def kallelse_docx(self, meeting_id: int) -> bytes:
        from finsam_desktop.reports.sammantraden.word import kallelse_docx

        return kallelse_docx(self.kallelse_document(meeting_id), self._template())

    def _template(self) -> bytes | None:
        """The förbund's own Word template, when one is set."""
        from finsam_desktop.services.organisation.word_template import word_template_in

        with self.db.session() as s:
            template = word_template_in(s)
            return template.data if template else None

    def kallelse_pdf(self, meeting_id: int) -> bytes:
        from finsam_desktop.reports.sammantraden.kallelse import build_kallelse_pdf

        return build_kallelse_pdf(self.kallelse_document(meeting_id))


def is_draft(doc: ProtocolDocument) -> bool:
    """Minnesanteckningar are never justerade; a protocol is a draft until it is justerat."""
    return doc.numbered and (not is_locked(doc.status) or doc.status == MeetingStatus.KLART_FOR_JUSTERING.value)


def protocol_pdf_bytes(services, meeting_id: int) -> bytes:
    """The protocol PDF the CLI exports (draft until justerat). The justering area may replace this
    hook to produce the justerat version with signatures and Bevis/anslag."""
    return services.justering.archive.protocol_pdf(meeting_id)
