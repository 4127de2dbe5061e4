"""``finsam check`` invariants for intern kontroll: adopted versions unchanged (content hash), risk
scores inside the analysis' matrix, controls pointing at risks that exist, reviews complete, and a warning for
each åtgärd of a stickprov finding that is still open after its last day (försenad)."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from finsam_desktop import clock
from finsam_desktop.persistence.models.internkontroll import (
    IkGranskning,
    IkPlan,
    IkRiskAnalysis,
    IkStickprov,
    IkStickprovItem,
)
from finsam_desktop.services.findings import Finding
from finsam_desktop.services.internkontroll.atgarder import open_atgarder
from finsam_desktop.services.internkontroll.rows import analysis_dto, plan_digest, plan_dto, risk_digest

AREA = "Intern kontroll"


def check(session: Session) -> list[Finding]:
    findings: list[Finding] = []
    keys_by_year: dict[int, set[str]] = {}
    for row in session.scalars(select(IkRiskAnalysis)):
        a = analysis_dto(session, row)
        keys_by_year.setdefault(a.ar, set()).update(r.key for r in a.risks)
        if a.locked and risk_digest(a.risks) != a.content_hash:
            findings.append(Finding(AREA, f"riskanalysen {a.ar} version {a.version} har ändrats efter att den antogs"))
        for r in a.risks:
            for s_, v in ((r.sannolikhet, r.vasentlighet), (r.residual_sannolikhet, r.residual_vasentlighet)):
                if s_ is not None and not (1 <= s_ <= a.matrix_size and 1 <= v <= a.matrix_size):
                    findings.append(
                        Finding(
                            AREA,
                            f"risk {r.nummer} i analysen {a.ar} ligger utanför {a.matrix_size}×{a.matrix_size}-matrisen",
                        )
                    )
    for row in session.scalars(select(IkPlan)):
        p = plan_dto(session, row)
        if p.locked and plan_digest(p.rows) != p.content_hash:
            findings.append(
                Finding(AREA, f"kontrollplanen {p.ar} version {p.version} har ändrats efter att den antogs")
            )
        known = keys_by_year.get(p.ar, set()) | keys_by_year.get(p.ar - 1, set())
        for r in p.rows:
            missing = [k for k in r.risk_keys if k not in known]
            if missing:
                findings.append(
                    Finding(
                        AREA,
                        f"kontroll {r.nummer} ({r.process}) i planen {p.ar} pekar på risker som saknas i årets analys",
                    )
                )
    for g in session.scalars(select(IkGranskning).where(IkGranskning.stickprov_id.is_not(None))):
        open_items = session.scalars(
            select(IkStickprovItem.verifikation).where(
                IkStickprovItem.stickprov_id == g.stickprov_id, IkStickprovItem.bedomning == ""
            )
        ).all()
        if open_items:
            findings.append(
                Finding(
                    AREA,
                    f"granskningen {g.datum.isoformat()} omfattar ett stickprov med {len(open_items)} ogranskade poster",
                )
            )
    for sp in session.scalars(select(IkStickprov)):
        bad = session.scalars(
            select(IkStickprovItem.verifikation).where(
                IkStickprovItem.stickprov_id == sp.id,
                IkStickprovItem.bedomning == "avvikelse",
                IkStickprovItem.kommentar == "",
            )
        ).all()
        for ver in bad:
            findings.append(Finding(AREA, f"stickprov {sp.id}: avvikelsen för ver {ver} saknar beskrivning"))
    for o in open_atgarder(session, clock.today()):
        if o.forsenad:
            a = o.atgard
            findings.append(
                Finding(
                    AREA,
                    f"varning: åtgärden för ”{o.finding.rule.label}: {o.finding.summary}” (stickprov "
                    f"{o.stickprov_titel}) skulle vara klar {a.senast.isoformat()} men är {a.status.label.lower()}; "
                    f"ansvarig {a.ansvarig}",
                )
            )
    return findings
