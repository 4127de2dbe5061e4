"""The justering steps of a protocol: klart för justering (locked), öppna igen (with a reason), and justera
(with the anslag in the same act when dated). Deadlines are checked and late steps logged with a reason."""

from __future__ import annotations

import hashlib
from datetime import date

from sqlalchemy.exc import IntegrityError

from finsam_desktop.domain.common import deadlines as dl
from finsam_desktop.domain.common.errors import ImmutableRecordError, ValidationError
from finsam_desktop.domain.justering import model as dj
from finsam_desktop.persistence.database import Database
from finsam_desktop.persistence.models.justering import ProtocolJusteringRow
from finsam_desktop.services import audit
from finsam_desktop.services.attest.area import AttestArea
from finsam_desktop.services.justering.archive import ArchiveService
from finsam_desktop.services.justering.content import hash_of, meeting_content
from finsam_desktop.services.justering.rows import (
    agenda_items,
    check_date,
    forbund_settings,
    justering_record,
    justering_row,
    log_event,
    meeting_officers,
    meeting_or_raise,
    require_status,
    translate_integrity_error,
)


class WorkflowService:
    """The secretary's justering steps. One method = one user action = one transaction."""

    def __init__(self, db: Database, archive: ArchiveService):
        self.db = db
        self.archive = archive

    def mark_ready(self, meeting_id: int, *, user: str | None = None) -> dj.JusteringRow:
        """protokoll_utkast → klart_for_justering: the protocol is locked for editing."""
        user = user or audit.current_user()
        with self.db.session() as s:
            m = meeting_or_raise(s, meeting_id)
            require_status(m.status, dj.UTKAST, "Klart för justering")
            if not agenda_items(s, meeting_id):
                raise ValidationError("Protokollet har inga paragrafer.")
            m.status = dj.KLART
            if justering_record(s, meeting_id) is None:
                s.add(
                    ProtocolJusteringRow(
                        meeting_id=meeting_id,
                        ordforande="",
                        justerare="",
                        sekreterare="",
                        anslag_av="",
                        forvaringsplats="",
                        signers="",
                    )
                )
            log_event(s, meeting_id, dj.UTKAST, dj.KLART, None, user)
            s.flush()
            return justering_row(s, m)

    def reopen(self, meeting_id: int, reason: str, *, user: str | None = None) -> dj.JusteringRow:
        """klart_for_justering → protokoll_utkast: an explicit, logged act with a reason."""
        user = user or audit.current_user()
        if not (reason or "").strip():
            raise ValidationError("ange varför protokollet öppnas igen.", "Skäl")
        with self.db.session() as s:
            m = meeting_or_raise(s, meeting_id)
            if dj.is_immutable(m.status):
                raise ImmutableRecordError(
                    "Protokollet är justerat och kan inte öppnas igen. Rättelser görs genom ett senare beslut "
                    "som hänvisar till paragrafen."
                )
            require_status(m.status, dj.KLART, "Att öppna protokollet igen")
            m.status = dj.UTKAST
            log_event(s, meeting_id, dj.KLART, dj.UTKAST, None, user, reason.strip())
            s.flush()
            return justering_row(s, m)

    def justera(
        self,
        meeting_id: int,
        justeringsdatum: date,
        *,
        anslagsdatum: date | None = None,
        user: str | None = None,
        today: date | None = None,
    ) -> dj.JusteringRow:
        """klart_for_justering → justerat: records the date, the justerare from Val av justerare and the
        ordförande, stores the SHA-256 of the content and the archived PDF/A of the justerat protocol.

        With ``anslagsdatum`` (commonly the same day) the anslag is recorded in the same act and the archived
        PDF carries the complete Bevis/anslag block; otherwise its anslag lines are left to fill in by hand.
        """
        user = user or audit.current_user()
        if anslagsdatum is not None and anslagsdatum < justeringsdatum:
            raise ValidationError(
                f"{anslagsdatum.isoformat()} är före justeringsdatum {justeringsdatum.isoformat()}.", "Anslagsdatum"
            )
        if anslagsdatum is not None:
            check_date(anslagsdatum, "Anslagsdatum", today=today)
        with self.db.session() as s:
            m = meeting_or_raise(s, meeting_id)
            require_status(m.status, dj.KLART, "Justering")
            check_date(
                justeringsdatum, "Justeringsdatum", not_before=m.datum, before_label="sammanträdesdatum", today=today
            )
            officers = meeting_officers(s, meeting_id)
            if not officers["ordforande"]:
                raise ValidationError("Ordförande saknas för sammanträdet; ange ordförande innan justering.")
            if not officers["justerare"]:
                raise ValidationError("Justerare saknas (Val av justerare); ange justerare innan justering.")
            planned_sha, _ = hash_of(meeting_content(s, meeting_id))
        # The content is locked since klart_for_justering, so the document can be built before the transaction;
        # it carries the content hash in its metadata (compared by ``finsam check``).
        pdf = self.archive.render_justerat(meeting_id, justeringsdatum, officers, anslagsdatum, planned_sha)
        with self.db.session() as s:
            m = meeting_or_raise(s, meeting_id)
            require_status(m.status, dj.KLART, "Justering")
            fb = forbund_settings(s)
            content = meeting_content(s, meeting_id)
            sha, canonical = hash_of(content)
            if sha != planned_sha:
                raise ValidationError("Protokollet ändrades medan det justerades; försök igen.")
            rec = justering_record(s, meeting_id)
            if rec is None:
                rec = ProtocolJusteringRow(meeting_id=meeting_id, anslag_av="", signers="")
                s.add(rec)
            rec.justeringsdatum = justeringsdatum
            rec.ordforande = "; ".join(officers["ordforande"])
            rec.justerare = "; ".join(officers["justerare"])
            rec.sekreterare = "; ".join(officers["sekreterare"])
            rec.forvaringsplats = fb.forvaringsplats or fb.namn
            rec.content_sha256 = sha
            rec.canonical_json = canonical
            rec.justerat_pdf = pdf
            rec.justerat_pdf_sha256 = hashlib.sha256(pdf).hexdigest()
            m.status = dj.JUSTERAT
            limit = dl.justering_deadline(m.datum, fb.justering_dagar)
            reason = ""
            if justeringsdatum > limit:
                reason = f"Justerat {(justeringsdatum - limit).days} dagar efter fristen {limit.isoformat()}"
            log_event(s, meeting_id, dj.KLART, dj.JUSTERAT, justeringsdatum, user, reason)
            try:
                s.flush()
            except IntegrityError as exc:
                raise translate_integrity_error(exc) from None
            if anslagsdatum is not None:
                rec.anslagsdatum = anslagsdatum
                rec.anslag_av = user
                m.status = dj.ANSLAGET
                a_limit = dl.anslag_deadline(justeringsdatum, fb.anslag_dagar)
                late = (
                    f"Anslaget {(anslagsdatum - a_limit).days} dagar efter fristen {a_limit.isoformat()}"
                    if anslagsdatum > a_limit
                    else ""
                )
                log_event(s, meeting_id, dj.JUSTERAT, dj.ANSLAGET, anslagsdatum, user, late)
                s.flush()
            row = justering_row(s, m, today)
        self._after_justering(meeting_id)
        return row

    def _after_justering(self, meeting_id: int) -> None:
        """Delegationsbeslut on the protocol's "Anmälan av delegationsbeslut" become anmälda once it is justerat."""
        AttestArea(self.db).anmalan.mark_reported_for_meeting(meeting_id)
