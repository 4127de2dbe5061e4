"""The publication copy of a justerat protocol for the web (redacted; see reports/justering/redaction)."""

from __future__ import annotations

from finsam_desktop.domain.common.errors import ValidationError
from finsam_desktop.domain.justering import model as dj
from finsam_desktop.persistence.database import Database
from finsam_desktop.services.justering.rows import justering_record, meeting_or_raise, paragraph_ids
from finsam_desktop.services.sammantraden.area import MeetingsArea


class PublicationService:
    """Copies for publication."""

    def __init__(self, db: Database):
        self.db = db

    def publication_pdf(self, meeting_id: int, choice: dj.RedactionChoice | None = None) -> bytes:
        """A copy for the web: no signatures, chosen §§ left out, personnummer and jäv names masked, and the names
        in ``choice.extra_names`` masked everywhere (see :mod:`finsam_desktop.reports.justering.redaction`)."""
        from finsam_desktop.reports.justering.protocol_justerat import build_publication_pdf

        choice = choice or dj.RedactionChoice()
        with self.db.session() as s:
            m = meeting_or_raise(s, meeting_id)
            if not dj.is_immutable(m.status):
                raise ValidationError("Publiceringsversion görs av ett justerat protokoll.")
            rec = justering_record(s, meeting_id)
            jd = rec.justeringsdatum
            if choice.paragraphs:
                paragraph_ids(s, meeting_id, choice.paragraphs)
        doc = MeetingsArea(self.db).documents.protocol_document(meeting_id)
        return build_publication_pdf(doc, choice, justeringsdatum=jd)
