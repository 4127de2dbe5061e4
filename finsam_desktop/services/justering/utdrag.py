"""Protokollsutdrag: bestyrkta copies of justerade §§, recorded in the register."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from datetime import date

from sqlalchemy import select

from finsam_desktop import clock
from finsam_desktop.domain.common.errors import ValidationError
from finsam_desktop.domain.justering import model as dj
from finsam_desktop.persistence.database import Database
from finsam_desktop.persistence.models.justering import OmedelbarJusteringItemRow, OmedelbarJusteringRow, UtdragRow
from finsam_desktop.services import audit
from finsam_desktop.services.justering.rows import (
    corrections_text,
    justering_record,
    meeting_officers,
    meeting_or_raise,
    now,
    paragraph_ids,
)
from finsam_desktop.services.sammantraden.area import MeetingsArea


class UtdragService:
    """Protokollsutdrag and their register."""

    def __init__(self, db: Database):
        self.db = db

    def utdrag_pdf(
        self,
        meeting_id: int,
        paragraphs: Iterable[int],
        *,
        mottagare: str = "",
        bestyrkt_av: str | None = None,
        datum: date | None = None,
        user: str | None = None,
    ) -> bytes:
        """A protokollsutdrag of justerade §§ ("Utdrag bestyrkes"), recorded in the register."""
        from finsam_desktop.reports.justering.protocol_justerat import UtdragInfo, build_utdrag_pdf

        user = user or audit.current_user()
        datum = datum or clock.today()
        paragraphs = sorted(set(paragraphs))
        with self.db.session() as s:
            m = meeting_or_raise(s, meeting_id)
            ids = paragraph_ids(s, meeting_id, paragraphs)
            omedelbar = set(
                s.scalars(
                    select(OmedelbarJusteringItemRow.agenda_item_id).where(
                        OmedelbarJusteringItemRow.agenda_item_id.in_(ids)
                    )
                )
            )
            if not dj.is_immutable(m.status) and set(ids) - omedelbar:
                raise ValidationError(
                    "Utdrag kan bara göras ur ett justerat protokoll (eller av paragrafer som justerats omedelbart)."
                )
            officers = meeting_officers(s, meeting_id)
            name = bestyrkt_av or (officers["sekreterare"][0] if officers["sekreterare"] else user)
            rec = justering_record(s, meeting_id)
            justeringsdatum = rec.justeringsdatum if rec and rec.justeringsdatum else None
            if justeringsdatum is None:
                justeringsdatum = s.scalar(
                    select(OmedelbarJusteringRow.justeringsdatum)
                    .join(OmedelbarJusteringItemRow, OmedelbarJusteringItemRow.justering_id == OmedelbarJusteringRow.id)
                    .where(OmedelbarJusteringItemRow.agenda_item_id.in_(ids))
                )
        doc = MeetingsArea(self.db).documents.protocol_document(meeting_id)
        with self.db.session() as s:
            corrections = corrections_text(s, meeting_id)
        info = UtdragInfo(
            paragraphs=tuple(paragraphs),
            bestyrkt_av=name,
            datum=datum,
            mottagare=mottagare,
            justeringsdatum=justeringsdatum,
            corrections=corrections,
        )
        pdf = build_utdrag_pdf(doc, info)
        with self.db.session() as s:
            s.add(
                UtdragRow(
                    meeting_id=meeting_id,
                    paragrafer=dj.paragraph_range_text(paragraphs),
                    mottagare=mottagare,
                    datum=datum,
                    bestyrkt_av=name,
                    pdf_sha256=hashlib.sha256(pdf).hexdigest(),
                    created_at=now(),
                    user=user,
                )
            )
            audit.record(
                s,
                "Protokollsutdrag",
                "meeting",
                meeting_id,
                f"{dj.paragraph_range_text(paragraphs)} till {mottagare or '(ingen mottagare angiven)'}",
            )
        return pdf

    def list_utdrag(self, meeting_id: int | None = None) -> list[dj.UtdragEntry]:
        with self.db.session() as s:
            stmt = select(UtdragRow).order_by(UtdragRow.id)
            if meeting_id is not None:
                stmt = stmt.where(UtdragRow.meeting_id == meeting_id)
            return [
                dj.UtdragEntry(
                    r.id, r.meeting_id, r.paragrafer, r.mottagare, r.datum, r.bestyrkt_av, r.pdf_sha256, r.user
                )
                for r in s.scalars(stmt)
            ]
