"""``finsam check`` invariants of the attest area: adopted versions unchanged (content hash),
overlapping validity, roles in today's attestordning without holders, anmälan dated before the decision.

Delegationsbeslut outside the delegationsordning are flagged in the register itself (they are facts
to report, not damaged data)."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from finsam_desktop import clock
from finsam_desktop.domain.attest.rules import KIND_ATTEST, KIND_LABELS, PartyKind
from finsam_desktop.domain.common.dates import iso
from finsam_desktop.persistence.models.attest import AttestRowModel, DelegationDecisionModel, OrdningVersion
from finsam_desktop.services.attest.dto import attest_dto
from finsam_desktop.services.attest.lookups import content_hash, in_force, role_directory
from finsam_desktop.services.findings import Finding

AREA = "Attest & delegation"


def check(session: Session) -> list[Finding]:
    findings: list[Finding] = []
    versions = list(session.scalars(select(OrdningVersion).order_by(OrdningVersion.valid_from)))
    for v in versions:
        if v.status == "antagen" and content_hash(session, v) != v.content_hash:
            findings.append(
                Finding(
                    AREA, f"{v.titel} har ändrats efter att den antogs {v.adopted_text} (kontrollsumman stämmer inte)."
                )
            )
    for kind in KIND_LABELS:
        adopted = [v for v in versions if v.kind == kind and v.status == "antagen"]
        for a, b in zip(adopted, adopted[1:]):
            if a.valid_to is not None and a.valid_to >= b.valid_from:
                findings.append(
                    Finding(AREA, f"{a.titel} och {b.titel} gäller båda {iso(b.valid_from)}; den senare gäller.")
                )
    today = clock.today()
    current = in_force(session, KIND_ATTEST, today)
    if current is None and versions:
        findings.append(Finding(AREA, f"Ingen antagen attestordning gäller i dag ({iso(today)})."))
    elif current is not None:
        roles = role_directory(session, today)
        for r in session.scalars(select(AttestRowModel).where(AttestRowModel.version_id == current.id)):
            row = attest_dto(r)
            party = row.ordinarie
            if party is not None and party.kind is PartyKind.ROLE and not roles.resolve(party):
                findings.append(
                    Finding(
                        AREA, f"{current.titel}, rad ”{row.benamning}”: ingen har rollen {party.label.lower()} i dag."
                    )
                )
    for d in session.scalars(select(DelegationDecisionModel).where(DelegationDecisionModel.anmalt_text != "")):
        if d.anmalt_datum is not None and d.anmalt_datum < d.datum:
            findings.append(
                Finding(
                    AREA,
                    f"Delegationsbeslut {iso(d.datum)} ”{d.arende}” är anmält {iso(d.anmalt_datum)}, före beslutet.",
                )
            )
    return findings
