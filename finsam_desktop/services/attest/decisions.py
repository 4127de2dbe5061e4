"""The register of delegationsbeslut: entry with its checks against the delegationsordning, correction,
removal, attachments."""

from __future__ import annotations

import mimetypes
from datetime import date

from sqlalchemy import select

from finsam_desktop import clock
from finsam_desktop.domain.attest.delegation import Attachment, DecisionCheck, DelegationDecision
from finsam_desktop.domain.common.dates import iso
from finsam_desktop.domain.common.errors import ImmutableRecordError, NotFoundError, ValidationError
from finsam_desktop.domain.common.money import from_ore, to_ore
from finsam_desktop.persistence.database import Database
from finsam_desktop.persistence.models.attest import DelegationAttachment, DelegationDecisionModel, DelegationRowModel
from finsam_desktop.services.attest.dto import ATTACHMENT_MAX_BYTES, DecisionInput
from finsam_desktop.services.attest.lookups import check_decision_row, decision_dto, flush, pbb_map
from finsam_desktop.services.audit import record
from finsam_desktop.services.organisation.service import person_row_by_name


class DecisionsService:
    """The register of delegationsbeslut; checks are shown, not enforced (the decision exists)."""

    def __init__(self, db: Database):
        self.db = db

    def check_decision(self, entry: DecisionInput) -> DecisionCheck:
        """The warnings the entry dialog shows before saving."""
        with self.db.session() as s:
            person = person_row_by_name(s, entry.delegat_namn)
            return check_decision_row(
                s, entry.datum, entry.belopp, entry.row_id, entry.delegat_namn.strip(), person.id if person else None
            )

    def list_decisions(self, year: int | None = None) -> list[DelegationDecision]:
        with self.db.session() as s:
            q = select(DelegationDecisionModel).order_by(DelegationDecisionModel.datum, DelegationDecisionModel.id)
            if year is not None:
                q = q.where(
                    DelegationDecisionModel.datum >= date(year, 1, 1),
                    DelegationDecisionModel.datum <= date(year, 12, 31),
                )
            pbb = pbb_map(s)
            return [decision_dto(s, r, pbb) for r in s.scalars(q)]

    def decision_years(self) -> list[int]:
        with self.db.session() as s:
            return sorted({d.year for d in s.scalars(select(DelegationDecisionModel.datum))})

    def get_decision(self, decision_id: int) -> DelegationDecision:
        with self.db.session() as s:
            row = s.get(DelegationDecisionModel, decision_id)
            if row is None:
                raise NotFoundError("Delegationsbeslutet finns inte.")
            return decision_dto(s, row, pbb_map(s))

    def save_decision(self, entry: DecisionInput) -> DelegationDecision:
        """Register (id 0 or an id not in use) or correct a delegationsbeslut; the checks against the
        delegationsordning in force are computed and shown, not enforced (the decision exists)."""
        namn = (entry.delegat_namn or "").strip()
        if not namn:
            raise ValidationError("ange vem som fattade beslutet.", "Delegat")
        if not (entry.arende or "").strip():
            raise ValidationError("får inte vara tomt.", "Ärende")
        if entry.belopp is not None and entry.belopp < 0:
            raise ValidationError("kan inte vara negativt.", "Belopp")
        with self.db.session() as s:
            person = person_row_by_name(s, namn)
            if person is None:
                raise ValidationError(
                    f"”{namn}” finns inte bland personerna; lägg till personen under Förbundet.", "Delegat"
                )
            if entry.row_id is not None and s.get(DelegationRowModel, entry.row_id) is None:
                raise ValidationError("raden i delegationsordningen finns inte.", "Delegation")
            row = s.get(DelegationDecisionModel, entry.id) if entry.id else None
            if row is not None and row.anmalt_text:
                raise ImmutableRecordError(f"Beslutet är anmält vid {row.anmalt_text} och kan inte ändras.")
            if row is None:
                row = DelegationDecisionModel(id=entry.id or None, created_at=clock.now())
                s.add(row)
            row.datum = entry.datum
            row.delegat_person_id = person.id
            row.delegat_namn = person.namn
            row.row_id = entry.row_id
            row.arende = entry.arende.strip()
            row.belopp_ore = to_ore(entry.belopp) if entry.belopp is not None else None
            row.beslut = (entry.beslut or "").strip()
            row.diarienummer = (entry.diarienummer or "").strip()
            flush(s)
            record(s, "delegationsbeslut registrerat", "delegation_decision", row.id, f"{iso(row.datum)} {row.arende}")
            return decision_dto(s, row, pbb_map(s))

    def remove_decision(self, decision_id: int) -> tuple[DecisionInput, list[tuple[str, str, bytes]]]:
        """Remove an unreported decision; returns what undo needs to restore it."""
        with self.db.session() as s:
            row = s.get(DelegationDecisionModel, decision_id)
            if row is None:
                raise NotFoundError("Delegationsbeslutet finns inte.")
            if row.anmalt_text:
                raise ImmutableRecordError(f"Beslutet är anmält vid {row.anmalt_text} och kan inte tas bort.")
            snapshot = DecisionInput(
                row.datum,
                row.delegat_namn,
                row.row_id,
                row.arende,
                from_ore(row.belopp_ore),
                row.beslut,
                row.diarienummer,
                row.id,
            )
            files = [
                (a.filnamn, a.mime, a.data)
                for a in s.scalars(select(DelegationAttachment).where(DelegationAttachment.decision_id == row.id))
            ]
            s.delete(row)
            flush(s)
            record(s, "delegationsbeslut borttaget", "delegation_decision", decision_id, row.arende)
            return snapshot, files

    def add_attachment(self, decision_id: int, filnamn: str, data: bytes, mime: str = "") -> Attachment:
        if not filnamn.strip():
            raise ValidationError("filen saknar namn.", "Bilaga")
        if len(data) > ATTACHMENT_MAX_BYTES:
            raise ValidationError(f"filen är större än {ATTACHMENT_MAX_BYTES // (1024 * 1024)} MB.", filnamn)
        with self.db.session() as s:
            row = s.get(DelegationDecisionModel, decision_id)
            if row is None:
                raise NotFoundError("Delegationsbeslutet finns inte.")
            if row.anmalt_text:
                raise ImmutableRecordError(f"Beslutet är anmält vid {row.anmalt_text}; bilagor kan inte ändras.")
            mime = mime or mimetypes.guess_type(filnamn)[0] or "application/octet-stream"
            att = DelegationAttachment(
                decision_id=decision_id, filnamn=filnamn.strip(), mime=mime, storlek=len(data), data=bytes(data)
            )
            s.add(att)
            flush(s)
            record(s, "bilaga tillagd", "delegation_decision", decision_id, filnamn)
            return Attachment(att.id, att.filnamn, att.storlek, att.mime)

    def attachment_data(self, attachment_id: int) -> tuple[str, bytes]:
        with self.db.session() as s:
            att = s.get(DelegationAttachment, attachment_id)
            if att is None:
                raise NotFoundError("Bilagan finns inte.")
            return att.filnamn, bytes(att.data)

    def remove_attachment(self, attachment_id: int) -> Attachment:
        with self.db.session() as s:
            att = s.get(DelegationAttachment, attachment_id)
            if att is None:
                raise NotFoundError("Bilagan finns inte.")
            dto = Attachment(att.id, att.filnamn, att.storlek, att.mime)
            s.delete(att)
            flush(s)
            record(s, "bilaga borttagen", "delegation_decision", att.decision_id, att.filnamn)
            return dto
