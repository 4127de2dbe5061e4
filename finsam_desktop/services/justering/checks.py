"""``finsam check`` invariants for justering: every stored protocol hash still matches the database, the
archived PDFs are unchanged, signed PDFs still verify, and the status of each protocol matches its record."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from finsam_desktop.domain.justering import model as dj
from finsam_desktop.persistence.models import MeetingRow, OrganRow
from finsam_desktop.persistence.models.justering import ProtocolJusteringRow
from finsam_desktop.services.findings import Finding
from finsam_desktop.services.justering.archive import verify_hashes

AREA = "Justering"


def _label(s: Session, meeting_id: int) -> str:
    m = s.get(MeetingRow, meeting_id)
    if m is None:
        return f"sammanträde {meeting_id}"
    organ = s.get(OrganRow, m.organ_id)
    return f"{organ.namn if organ else 'Sammanträdet'} {m.datum.isoformat()} (id {m.id})"


def check(session: Session) -> list[Finding]:
    findings: list[Finding] = []
    for result in verify_hashes(session):
        if not result.ok:
            detail = "; ".join(result.differences[:5]) or "innehållet skiljer sig"
            more = f" (och {len(result.differences) - 5} till)" if len(result.differences) > 5 else ""
            findings.append(
                Finding(
                    AREA,
                    f"Det justerade protokollet {_label(session, result.meeting_id)} har "
                    f"ändrats efter justering: {detail}{more}. Lagrad SHA-256 "
                    f"{result.stored[:12]}…, nu {result.current[:12]}…",
                )
            )
    recorded = set(session.scalars(select(ProtocolJusteringRow.meeting_id)))
    for m in session.scalars(select(MeetingRow).where(MeetingRow.status.in_(dj.IMMUTABLE_STATES))):
        if m.id not in recorded:
            findings.append(
                Finding(
                    AREA,
                    f"{_label(session, m.id)} har status {dj.STATE_LABELS[m.status]} men "
                    "ingen registrerad justering (status ändrad utanför justeringsflödet).",
                )
            )
    for rec in session.scalars(select(ProtocolJusteringRow)):
        m = session.get(MeetingRow, rec.meeting_id)
        if m is None:
            continue
        if dj.is_immutable(m.status) and rec.content_sha256 is None:
            findings.append(
                Finding(
                    AREA,
                    f"{_label(session, m.id)} har status {dj.STATE_LABELS[m.status]} men ingen lagrad kontrollsumma.",
                )
            )
        if m.status in (dj.ANSLAGET, dj.NEDTAGET) and rec.anslagsdatum is None:
            findings.append(Finding(AREA, f"{_label(session, m.id)} är anslaget men saknar anslagsdatum."))
        if rec.signed_pdf:
            from finsam_desktop.reports.common.signing import verify_pdf

            report = verify_pdf(bytes(rec.signed_pdf))
            if not report.intact:
                findings.append(
                    Finding(
                        AREA, f"Den digitalt undertecknade PDF:en för {_label(session, m.id)} verifieras inte längre."
                    )
                )
    return findings
