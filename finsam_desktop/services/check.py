"""``finsam check``: SQLite integrity, foreign keys and the app's own invariants.

Each area keeps its invariants in ``finsam_desktop.services.<area>.checks`` (a function
``check(session) -> list[Finding]``), listed in ``AREA_CHECKS`` below: the one registry of checks.
"""

from __future__ import annotations

from sqlalchemy import select, text
from sqlalchemy.orm import Session

from finsam_desktop.domain.organisation.model import MemberKind, validate_membership
from finsam_desktop.domain.organisation.orgnr import is_valid_orgnr
from finsam_desktop.persistence.database import Database
from finsam_desktop.persistence.models import ForbundRow, MandateRow, MemberRow
from finsam_desktop.services.findings import Finding
from finsam_desktop.services.organisation.service import member_dto


def _sqlite_checks(s: Session) -> list[Finding]:
    if s.get_bind().dialect.name != "sqlite":
        return []  # a server enforces its foreign keys at every write and checks its own pages
    findings = []
    result = [r[0] for r in s.execute(text("PRAGMA integrity_check"))]
    if result != ["ok"]:
        findings += [Finding("SQLite", f"integritetsfel: {r}") for r in result]
    for table, rowid, parent, _fk in s.execute(text("PRAGMA foreign_key_check")):
        findings.append(Finding("SQLite", f"rad {rowid} i {table} pekar på en {parent}-rad som saknas"))
    return findings


def _foundation_checks(s: Session) -> list[Finding]:
    findings = []
    forbund = s.get(ForbundRow, 1)
    if forbund is None:
        return [Finding("Förbundet", "databasen saknar förbund (kör ”finsam init”).")]
    if not is_valid_orgnr(forbund.orgnr):
        findings.append(Finding("Förbundet", f"organisationsnumret {forbund.orgnr} är ogiltigt"))
    members = [member_dto(r) for r in s.scalars(select(MemberRow))]
    findings += [Finding("Medlemmar", p) for p in validate_membership(members)]
    for kind in (MemberKind.REGION, MemberKind.KOMMUN):
        side = [m for m in members if m.kind is kind]
        if len(side) > 1 and sum(m.weight for m in side) == 0:
            findings.append(Finding("Medlemmar", f"fördelningsnyckeln för {kind.label.lower()}er summerar till noll"))
    for m in s.scalars(select(MandateRow)):
        if m.valid_to is not None and m.valid_to < m.valid_from:
            findings.append(Finding("Uppdrag", f"uppdrag {m.id} slutar före det börjar"))
    return findings


def _area_checks():
    """(area, check) in a fixed order. Imported when a check runs: the checks pull in every area's service."""
    from finsam_desktop.services.arshjul import checks as arshjul
    from finsam_desktop.services.arsredovisning import checks as arsredovisning
    from finsam_desktop.services.attest import checks as attest
    from finsam_desktop.services.budget import checks as budget
    from finsam_desktop.services.integrity import checks as integrity
    from finsam_desktop.services.internkontroll import checks as internkontroll
    from finsam_desktop.services.justering import checks as justering
    from finsam_desktop.services.sammantraden import checks as sammantraden
    from finsam_desktop.services.verksamhet import checks as verksamhet

    return (
        ("sammantraden", sammantraden.check),
        ("justering", justering.check),
        ("attest", attest.check),
        ("internkontroll", internkontroll.check),
        ("budget", budget.check),
        ("arshjul", arshjul.check),
        ("arsredovisning", arsredovisning.check),
        ("verksamhet", verksamhet.check),
        ("integrity", integrity.check),
    )


def run_checks(db: Database) -> list[Finding]:
    with db.session() as s:
        findings = _sqlite_checks(s) + _foundation_checks(s)
        for name, check in _area_checks():
            try:
                with s.begin_nested():
                    findings += check(s)
            except Exception as exc:
                findings.append(Finding(name, f"kontrollen kunde inte slutföras ({type(exc).__name__}: {exc})"))
        return findings


def rebuild_search_index(db: Database) -> int:
    """``finsam check --reparera``: rebuild the full-text index from the protocols in one transaction."""
    from finsam_desktop.services import audit
    from finsam_desktop.services.sammantraden.search_index import rebuild

    with db.session() as s:
        count = rebuild(s)
        audit.record(s, "sökindex ombyggt", "fts_paragraph", None, f"{count} paragrafer")
    return count
