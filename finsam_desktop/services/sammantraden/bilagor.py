"""Bilagor of a meeting and the §§ that refer to them."""

from __future__ import annotations

import hashlib
import mimetypes

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from finsam_desktop import clock
from finsam_desktop.domain.common.errors import NotFoundError, ValidationError
from finsam_desktop.domain.sammantraden.bilagor import bilaga_token
from finsam_desktop.domain.sammantraden.items import AgendaItem, Bilaga
from finsam_desktop.persistence.database import Database
from finsam_desktop.persistence.models import MeetingRow
from finsam_desktop.persistence.models.sammantraden import BILAGA_MAX_BYTES, BilagaRefRow, BilagaRow
from finsam_desktop.services.audit import record
from finsam_desktop.services.sammantraden.context import bilaga_dto, item_dto_for, load_ctx
from finsam_desktop.services.sammantraden.documents import DocumentsService
from finsam_desktop.services.sammantraden.rows import clean, editable_item, editable_meeting, item_row, meeting_row


class BilagorService:
    """Bilagor of a meeting and the §§ that refer to them."""

    def __init__(self, db: Database, documents: DocumentsService):
        self.db = db
        # A bilaga copied from another meeting's protocol is that protocol's PDF, made when it is read.
        self._documents = documents

    def add_bilaga(self, meeting_id: int, titel: str, filnamn: str, data: bytes, item_id: int | None = None) -> Bilaga:
        titel = clean(titel) or clean(filnamn)
        if not titel:
            raise ValidationError("ange en titel.", "Bilaga")
        size = len(data or b"")
        if size > BILAGA_MAX_BYTES:
            raise ValidationError(
                f"filen {filnamn} är {size / 1024 / 1024:.1f} MB; en bilaga får vara högst "
                f"{BILAGA_MAX_BYTES // 1024 // 1024} MB. Dela upp den eller spara en mindre PDF.",
                "Bilaga",
            )
        with self.db.session() as s:
            meeting = editable_meeting(s, meeting_id)
            mimetype = mimetypes.guess_type(filnamn)[0] or "application/octet-stream"
            row = BilagaRow(
                meeting_id=meeting.id,
                titel=titel[:300],
                filnamn=clean(filnamn)[:255],
                mimetyp=mimetype,
                storlek=size,
                sha256=hashlib.sha256(data or b"").hexdigest(),
                data=data or b"",
                source_meeting_id=None,
                created_at=clock.now(),
            )
            s.add(row)
            s.flush()
            if item_id is not None:
                self._attach(s, meeting, item_id, row.id)
            record(s, "bilaga tillagd", "bilaga", row.id, f"{titel} ({size} byte)")
            ctx = load_ctx(s, meeting)
            return bilaga_dto(ctx, row)

    def _attach(self, s: Session, meeting: MeetingRow, item_id: int, bilaga_id: int) -> None:
        item = item_row(s, item_id)
        bilaga = s.get(BilagaRow, bilaga_id)
        if bilaga is None:
            raise NotFoundError("Bilagan finns inte.")
        if item.meeting_id != meeting.id or bilaga.meeting_id != meeting.id:
            raise ValidationError("bilagan och punkten hör till olika sammanträden.", "Bilaga")
        if s.scalar(
            select(BilagaRefRow).where(BilagaRefRow.agenda_item_id == item.id, BilagaRefRow.bilaga_id == bilaga_id)
        ):
            return
        pos = (s.scalar(select(func.max(BilagaRefRow.position)).where(BilagaRefRow.agenda_item_id == item.id)) or 0) + 1
        s.add(BilagaRefRow(agenda_item_id=item.id, bilaga_id=bilaga_id, position=pos))
        s.flush()

    def attach_bilaga(self, item_id: int, bilaga_id: int) -> AgendaItem:
        with self.db.session() as s:
            item, meeting = editable_item(s, item_id)
            self._attach(s, meeting, item_id, bilaga_id)
            return item_dto_for(s, item)

    def detach_bilaga(self, item_id: int, bilaga_id: int) -> AgendaItem:
        with self.db.session() as s:
            item, _meeting = editable_item(s, item_id)
            s.execute(
                delete(BilagaRefRow).where(BilagaRefRow.agenda_item_id == item.id, BilagaRefRow.bilaga_id == bilaga_id)
            )
            return item_dto_for(s, item)

    def rename_bilaga(self, bilaga_id: int, titel: str) -> Bilaga:
        titel = clean(titel)
        if not titel:
            raise ValidationError("titeln får inte vara tom.", "Bilaga")
        with self.db.session() as s:
            row = s.get(BilagaRow, bilaga_id)
            if row is None:
                raise NotFoundError("Bilagan finns inte.")
            meeting = editable_meeting(s, row.meeting_id)
            row.titel = titel[:300]
            s.flush()
            return bilaga_dto(load_ctx(s, meeting), row)

    def remove_bilaga(self, bilaga_id: int) -> None:
        with self.db.session() as s:
            row = s.get(BilagaRow, bilaga_id)
            if row is None:
                raise NotFoundError("Bilagan finns inte.")
            editable_meeting(s, row.meeting_id)
            s.delete(row)
            record(s, "bilaga borttagen", "bilaga", bilaga_id, row.titel)

    def list_bilagor(self, meeting_id: int) -> list[Bilaga]:
        with self.db.session() as s:
            ctx = load_ctx(s, meeting_row(s, meeting_id))
            return [bilaga_dto(ctx, b) for b in ctx.bilagor]

    def bilaga_bytes(self, bilaga_id: int) -> tuple[str, bytes]:
        with self.db.session() as s:
            row = s.get(BilagaRow, bilaga_id)
            if row is None:
                raise NotFoundError("Bilagan finns inte.")
            if row.source_meeting_id is None:
                return row.filnamn, row.data or b""
            source, filnamn = row.source_meeting_id, row.filnamn
        return filnamn, self._documents.protocol_pdf(source)

    @staticmethod
    def bilaga_token(bilaga_id: int) -> str:
        return bilaga_token(bilaga_id)
