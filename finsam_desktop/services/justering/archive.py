"""The archive of a justerat protocol: building the justerat PDF/A (with its content hash), the stored or
signed PDF, PAdES signatures, and the check of stored content hashes against the database now."""

from __future__ import annotations

import hashlib
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from finsam_desktop.domain.common.errors import ValidationError
from finsam_desktop.domain.justering import model as dj
from finsam_desktop.persistence.database import Database
from finsam_desktop.persistence.models.justering import (
    OmedelbarJusteringItemRow,
    OmedelbarJusteringRow,
    ProtocolJusteringRow,
)
from finsam_desktop.services import audit
from finsam_desktop.services.justering.content import (
    describe_difference,
    hash_of,
    items_content,
    meeting_content,
    stored_version,
    with_snapshot_names,
)
from finsam_desktop.services.justering.rows import (
    corrections_text,
    forbund_settings,
    justering_record,
    meeting_or_raise,
    now,
    paragraph_text,
    read_takedown_style,
)
from finsam_desktop.services.sammantraden.area import MeetingsArea


class ArchiveService:
    """The archived justerat PDF/A, its digital signatures, and the content hash checks."""

    def __init__(self, db: Database):
        self.db = db

    def render_justerat(
        self,
        meeting_id: int,
        justeringsdatum: date,
        officers: dict[str, list[str]],
        anslagsdatum: date | None = None,
        content_sha256: str = "",
    ) -> bytes:
        from finsam_desktop.reports.justering.protocol_justerat import JusteringInfo, build_justerat_pdf

        doc = MeetingsArea(self.db).documents.protocol_document(meeting_id)
        with self.db.session() as s:
            style = read_takedown_style(s)
        with self.db.session() as s:
            fb = forbund_settings(s)
            corrections = corrections_text(s, meeting_id)
            paragrafer = paragraph_text(s, meeting_id)
        place = fb.forvaringsplats or fb.namn
        notice = None
        if anslagsdatum is not None:
            notice = dj.AnslagNotice(
                forbund=fb.namn,
                organ=doc.organ_namn,
                sammantradesdatum=doc.datum,
                paragrafer=paragrafer,
                justeringsdatum=justeringsdatum,
                anslagsdatum=anslagsdatum,
                forvaringsplats=place,
                underskrift_namn=officers["sekreterare"][0] if officers["sekreterare"] else "",
                anslagstavla=fb.anslagstavla,
                style=style.value,
                overklagande_veckor=fb.overklagande_veckor,
            )
        info = JusteringInfo(
            justeringsdatum=justeringsdatum,
            ordforande=tuple(officers["ordforande"]),
            justerare=tuple(officers["justerare"]),
            sekreterare=tuple(officers["sekreterare"]),
            anslag=notice,
            corrections=corrections,
            forvaringsplats=place,
            content_sha256=content_sha256,
        )
        return build_justerat_pdf(doc, info)

    def protocol_pdf(self, meeting_id: int) -> bytes:
        """The justerat protocol as archived (signed version when signed); the draft before justering."""
        with self.db.session() as s:
            m = meeting_or_raise(s, meeting_id)
            rec = justering_record(s, meeting_id)
            if dj.is_immutable(m.status) and rec is not None and rec.justerat_pdf:
                return bytes(rec.signed_pdf or rec.justerat_pdf)
        return MeetingsArea(self.db).documents.protocol_pdf(meeting_id)

    def sign(self, meeting_id: int, pkcs12: bytes, passphrase: str, role: str, *, user: str | None = None) -> list[str]:
        """Add one digital signature to the justerat protocol (incremental update); returns the signers so far."""
        from finsam_desktop.reports.common.signing import sign_pdf, verify_pdf

        user = user or audit.current_user()
        with self.db.session() as s:
            m = meeting_or_raise(s, meeting_id)
            rec = justering_record(s, meeting_id)
            if not dj.is_immutable(m.status) or rec is None or not rec.justerat_pdf:
                raise ValidationError("Bara ett justerat protokoll kan skrivas under digitalt.")
            source = bytes(rec.signed_pdf or rec.justerat_pdf)
            fb = forbund_settings(s)
            signed = sign_pdf(source, pkcs12, passphrase, role=role, location=fb.sate or "")
            report = verify_pdf(signed)
            if not report.intact:
                raise ValidationError("Den underskrivna filen kunde inte verifieras; underskriften sparades inte.")
            rec.signed_pdf = signed
            rec.signed_at = now()
            rec.signers = "; ".join(f"{sig.signer} ({role_of(sig.reason)})" for sig in report.signatures)
            audit.record(
                s,
                "Protokoll: digital underskrift",
                "meeting",
                meeting_id,
                f"{report.signatures[-1].signer} som {role} (av {user})",
            )
            return [sig.signer for sig in report.signatures]

    def verify_hashes(self, meeting_id: int | None = None) -> list[dj.HashCheck]:
        """Recompute the canonical content of every justerat protocol (and omedelbar extract) and compare."""
        with self.db.session() as s:
            return verify_hashes(s, meeting_id)


def role_of(reason: str) -> str:
    """The role in parentheses at the end of a signature reason ("Justering av protokoll (Justerare)")."""
    if reason.endswith(")") and "(" in reason:
        return reason[reason.rfind("(") + 1 : -1]
    return reason


def verify_hashes(s: Session, meeting_id: int | None = None) -> list[dj.HashCheck]:
    """Compare stored content hashes with the database now (used by the service and by ``finsam check``)."""
    out: list[dj.HashCheck] = []
    stmt = select(ProtocolJusteringRow).where(ProtocolJusteringRow.content_sha256.is_not(None))
    if meeting_id is not None:
        stmt = stmt.where(ProtocolJusteringRow.meeting_id == meeting_id)
    for rec in s.scalars(stmt):
        current = with_snapshot_names(meeting_content(s, rec.meeting_id, stored_version(rec.canonical_json)), rec)
        sha, _ = hash_of(current)
        diffs = () if sha == rec.content_sha256 else tuple(describe_difference(rec.canonical_json or "{}", current))
        out.append(dj.HashCheck(rec.meeting_id, sha == rec.content_sha256, rec.content_sha256, sha, diffs))
        if rec.justerat_pdf is not None and hashlib.sha256(rec.justerat_pdf).hexdigest() != rec.justerat_pdf_sha256:
            out.append(
                dj.HashCheck(
                    rec.meeting_id,
                    False,
                    rec.justerat_pdf_sha256 or "",
                    hashlib.sha256(rec.justerat_pdf).hexdigest(),
                    ("den arkiverade PDF-filen har ändrats",),
                )
            )
    ex_stmt = select(OmedelbarJusteringRow)
    if meeting_id is not None:
        ex_stmt = ex_stmt.where(OmedelbarJusteringRow.meeting_id == meeting_id)
    for ex in s.scalars(ex_stmt):
        ids = list(
            s.scalars(
                select(OmedelbarJusteringItemRow.agenda_item_id).where(OmedelbarJusteringItemRow.justering_id == ex.id)
            )
        )
        current = with_snapshot_names(items_content(s, ids, stored_version(ex.canonical_json)), ex)
        sha, _ = hash_of(current)
        diffs = () if sha == ex.content_sha256 else tuple(describe_difference(ex.canonical_json, current))
        out.append(
            dj.HashCheck(
                ex.meeting_id,
                sha == ex.content_sha256,
                ex.content_sha256,
                sha,
                tuple(f"(omedelbart justerat {ex.paragrafer}) {d}" for d in diffs),
            )
        )
    return out
