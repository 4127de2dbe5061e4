"""Anmälan of delegationsbeslut to the styrelse (KL 6:40): the dagordning item and its bilaga (through the
Sammanträden service), marking decisions anmälda once the protocol is justerat (called by Justering), and
registering older anmälningar by hand."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from finsam_desktop.domain.attest.delegation import DecisionStatus, DelegationDecision
from finsam_desktop.domain.common.dates import iso
from finsam_desktop.domain.common.errors import ImmutableRecordError, NotFoundError, ValidationError
from finsam_desktop.domain.common.money import format_kr, from_ore
from finsam_desktop.domain.sammantraden.kinds import ItemKind
from finsam_desktop.persistence.database import Database
from finsam_desktop.persistence.models import AgendaItem, MeetingRow, OrganRow
from finsam_desktop.persistence.models.attest import DelegationDecisionModel
from finsam_desktop.services.attest.dto import ANMALAN_RUBRIK, JUSTERAD_STATUSES, MeetingRef
from finsam_desktop.services.attest.lookups import (
    anmalan_item,
    decision_dto,
    flush,
    forbund_name,
    meeting_and_organ,
    paragraph,
    pbb_map,
    reindex,
    reportable,
)
from finsam_desktop.services.audit import record
from finsam_desktop.services.sammantraden.area import MeetingsArea


class AnmalanService:
    """Delegationsbeslut on the way to the styrelse: dagordning item, bilaga, anmält vid §."""

    def __init__(self, db: Database):
        self.db = db

    def unreported_decisions(self, until: date) -> list[DelegationDecision]:
        """Decisions taken up to ``until`` that must be anmälda and are not yet (ej anmält), including
        those already placed on a dagordning whose protocol is not justerat."""
        with self.db.session() as s:
            pbb = pbb_map(s)
            out = [decision_dto(s, r, pbb) for r in s.scalars(reportable(s, until))]
            return [d for d in out if d.status is not DecisionStatus.ANMALT]

    def sync_reported(self) -> int:
        """Mark as anmälda the decisions listed on every protocol that has been justerat since (the
        same as ``mark_reported_for_meeting`` for all such meetings). Returns how many were marked."""
        with self.db.session() as s:
            ids = sorted(
                set(
                    s.scalars(
                        select(MeetingRow.id)
                        .join(AgendaItem, AgendaItem.meeting_id == MeetingRow.id)
                        .join(DelegationDecisionModel, DelegationDecisionModel.anmalan_item_id == AgendaItem.id)
                        .where(DelegationDecisionModel.anmalt_text == "", MeetingRow.status.in_(JUSTERAD_STATUSES))
                    )
                )
            )
        return sum(self.mark_reported_for_meeting(i) for i in ids)

    def styrelse_meetings(self, year: int) -> list[MeetingRef]:
        """The styrelse meetings of ``year`` in date order."""
        with self.db.session() as s:
            rows = s.execute(
                select(MeetingRow, OrganRow)
                .join(OrganRow, OrganRow.id == MeetingRow.organ_id)
                .where(
                    OrganRow.kind == "styrelse",
                    MeetingRow.datum >= date(year, 1, 1),
                    MeetingRow.datum <= date(year, 12, 31),
                )
                .order_by(MeetingRow.datum, MeetingRow.id)
            )
            return [MeetingRef(m.id, m.datum, o.namn, m.status) for m, o in rows]

    def report_reference(self, meeting_id: int, standard: str = "kansliet_informerar") -> tuple[str, date, int | None]:
        """(text, date, agenda item id) for registering decisions as anmälda at an already justerat
        meeting under one of its standing items (default "Kansliet informerar")."""
        with self.db.session() as s:
            meeting, organ = meeting_and_organ(s, meeting_id)
            items = list(
                s.scalars(select(AgendaItem).where(AgendaItem.meeting_id == meeting_id).order_by(AgendaItem.position))
            )
            item = next((i for i in items if getattr(i, "standard", "") == standard), None)
            where = f"{paragraph(item)} " if item is not None else ""
            return f"{where}({organ.namn} {iso(meeting.datum)})", meeting.datum, item.id if item else None

    def add_anmalan_item(self, meeting_id: int) -> int | None:
        """Put "Anmälan av delegationsbeslut" on a styrelse meeting's dagordning with every decision not
        yet anmält or placed on another dagordning. Returns the agenda item's id, or None when there is
        nothing to report. Idempotent: a second call adds newer decisions to the same item.

        The item itself is created through the Sammanträden service so that it gets its § number and
        its place before the closing standing items."""
        with self.db.session() as s:
            meeting, organ = meeting_and_organ(s, meeting_id)
            if organ.kind != "styrelse":
                raise ValidationError(f"delegationsbeslut anmäls till styrelsen, inte till {organ.namn.lower()}.")
            if meeting.status in JUSTERAD_STATUSES or meeting.status == "klart_for_justering":
                raise ImmutableRecordError(f"Protokollet för {organ.namn} {iso(meeting.datum)} är låst.")
            has_pending = any(r.anmalan_item_id is None for r in s.scalars(reportable(s, meeting.datum)))
            existing = anmalan_item(s, meeting_id)
        if existing is None:
            if not has_pending:
                return None
            MeetingsArea(self.db).agenda.add_item(meeting_id, ANMALAN_RUBRIK, ItemKind.ANMALAN)
        with self.db.session() as s:
            meeting, _organ = meeting_and_organ(s, meeting_id)
            item = anmalan_item(s, meeting_id)
            pending = [r for r in s.scalars(reportable(s, meeting.datum)) if r.anmalan_item_id is None]
            for r in pending:
                r.anmalan_item_id = item.id
            s.flush()
            self._write_item_text(s, item)
            record(s, "anmälan av delegationsbeslut på dagordning", "agenda_item", item.id, f"{len(pending)} beslut")
            item_id, changed = item.id, bool(pending)
        if changed:
            self._attach_bilaga(meeting_id, item_id)
        return item_id

    def _attach_bilaga(self, meeting_id: int, item_id: int) -> None:
        """The list as a bilaga to the §, through the Sammanträden service (replacing an older one)."""
        for old in MeetingsArea(self.db).bilagor.list_bilagor(meeting_id):
            if old.titel == ANMALAN_RUBRIK:
                MeetingsArea(self.db).bilagor.remove_bilaga(old.id)
        pdf = self.anmalan_bilaga_pdf(item_id)
        bilaga = MeetingsArea(self.db).bilagor.add_bilaga(
            meeting_id, ANMALAN_RUBRIK, "anmalan-av-delegationsbeslut.pdf", pdf, item_id=item_id
        )
        token = MeetingsArea(self.db).bilagor.bilaga_token(bilaga.id)
        with self.db.session() as s:
            columns = AgendaItem.__table__.columns
            if "text" in columns:
                s.execute(
                    AgendaItem.__table__.update()
                    .where(columns["id"] == item_id)
                    .values(text=f"Förteckning över delegationsbeslut som anmäls, se {token}.")
                )
                reindex(s, item_id)

    def _write_item_text(self, s: Session, item: AgendaItem) -> None:
        """Fill the § body with the list, when the Sammanträden columns exist."""
        columns = AgendaItem.__table__.columns
        decisions = list(
            s.scalars(
                select(DelegationDecisionModel)
                .where(DelegationDecisionModel.anmalan_item_id == item.id)
                .order_by(DelegationDecisionModel.datum, DelegationDecisionModel.id)
            )
        )
        text = anmalan_text(decisions)
        for name in ("arendebeskrivning",):
            if name in columns:
                s.execute(AgendaItem.__table__.update().where(columns["id"] == item.id).values({name: text}))
        reindex(s, item.id)

    def decisions_for_item(self, agenda_item_id: int) -> list[DelegationDecision]:
        """The decisions listed under an "Anmälan av delegationsbeslut" § (for the § and the bilaga)."""
        with self.db.session() as s:
            pbb = pbb_map(s)
            rows = s.scalars(
                select(DelegationDecisionModel)
                .where(DelegationDecisionModel.anmalan_item_id == agenda_item_id)
                .order_by(DelegationDecisionModel.datum, DelegationDecisionModel.id)
            )
            return [decision_dto(s, r, pbb) for r in rows]

    def anmalan_text(self, agenda_item_id: int) -> str:
        """The list for the § text: one line per decision."""
        with self.db.session() as s:
            rows = list(
                s.scalars(
                    select(DelegationDecisionModel)
                    .where(DelegationDecisionModel.anmalan_item_id == agenda_item_id)
                    .order_by(DelegationDecisionModel.datum, DelegationDecisionModel.id)
                )
            )
            return anmalan_text(rows)

    def mark_reported_for_meeting(self, meeting_id: int) -> int:
        """After the protocol is justerat: the decisions on its "Anmälan av delegationsbeslut" become
        anmälda vid that §. Returns how many were marked."""
        with self.db.session() as s:
            meeting, organ = meeting_and_organ(s, meeting_id)
            if meeting.status not in JUSTERAD_STATUSES:
                raise ValidationError(
                    f"protokollet för {organ.namn} {iso(meeting.datum)} är inte justerat än; "
                    "delegationsbesluten blir anmälda när det är justerat."
                )
            count = 0
            items = list(s.scalars(select(AgendaItem).where(AgendaItem.meeting_id == meeting_id)))
            for item in items:
                decisions = list(
                    s.scalars(
                        select(DelegationDecisionModel).where(
                            DelegationDecisionModel.anmalan_item_id == item.id,
                            DelegationDecisionModel.anmalt_text == "",
                        )
                    )
                )
                number = paragraph(item)
                for d in decisions:
                    d.anmalt_text = f"{number} ({organ.namn} {iso(meeting.datum)})"
                    d.anmalt_datum = meeting.datum
                    count += 1
            s.flush()
            if count:
                record(s, "delegationsbeslut anmälda", "meeting", meeting_id, f"{count} beslut")
            return count

    def record_reported(
        self, decision_id: int, anmalt_vid: str, datum: date, agenda_item_id: int | None = None
    ) -> DelegationDecision:
        """Register that a decision was anmält before it was entered here (older paper protocols)."""
        text = (anmalt_vid or "").strip()
        if not text:
            raise ValidationError("ange vid vilket sammanträde och vilken § beslutet anmäldes.", "Anmält vid")
        with self.db.session() as s:
            row = s.get(DelegationDecisionModel, decision_id)
            if row is None:
                raise NotFoundError("Delegationsbeslutet finns inte.")
            if row.anmalt_text:
                raise ImmutableRecordError(f"Beslutet är redan anmält vid {row.anmalt_text}.")
            if datum < row.datum:
                raise ValidationError("beslutet kan inte anmälas före det fattades.", "Anmält datum")
            if agenda_item_id is not None and s.get(AgendaItem, agenda_item_id) is None:
                raise ValidationError("paragrafen finns inte.", "Anmält vid")
            row.anmalan_item_id = agenda_item_id
            row.anmalt_text = text
            row.anmalt_datum = datum
            flush(s)
            record(s, "delegationsbeslut registrerat som anmält", "delegation_decision", row.id, text)
            return decision_dto(s, row, pbb_map(s))

    def next_styrelse_meeting(self, after: date) -> MeetingRef | None:
        """The next styrelse meeting on or after ``after`` whose protocol is still open."""
        with self.db.session() as s:
            found = s.execute(
                select(MeetingRow, OrganRow)
                .join(OrganRow, OrganRow.id == MeetingRow.organ_id)
                .where(
                    OrganRow.kind == "styrelse",
                    MeetingRow.datum >= after,
                    MeetingRow.status.notin_(JUSTERAD_STATUSES + ("klart_for_justering",)),
                )
                .order_by(MeetingRow.datum)
                .limit(1)
            ).first()
            if not found:
                return None
            meeting, organ = found
            return MeetingRef(meeting.id, meeting.datum, organ.namn, meeting.status)

    def anmalan_bilaga_pdf(self, agenda_item_id: int) -> bytes:
        """The bilaga "Anmälan av delegationsbeslut" for the meeting's protocol."""
        from finsam_desktop.reports.attest.delegation import RegisterDocument, register_pdf

        with self.db.session() as s:
            item = s.get(AgendaItem, agenda_item_id)
            if item is None:
                raise NotFoundError("Punkten finns inte.")
            meeting, organ = meeting_and_organ(s, item.meeting_id)
            title = f"Anmälan av delegationsbeslut – {organ.namn} {iso(meeting.datum)}"
        return register_pdf(
            RegisterDocument(forbund_name(self.db), title, tuple(self.decisions_for_item(agenda_item_id)), anmalan=True)
        )


def anmalan_text(decisions) -> str:
    """ "2026-03-02 Direktupphandling av … (Eva Forsberg), 45 000 kr, dnr 2026/12" per line."""
    lines = []
    for d in decisions:
        parts = [f"{iso(d.datum)} {d.arende} ({d.delegat_namn})"]
        if d.belopp_ore is not None:
            parts.append(format_kr(from_ore(d.belopp_ore)))
        if d.diarienummer:
            parts.append(f"dnr {d.diarienummer}")
        lines.append("– " + ", ".join(parts))
    return "\n".join(lines)
