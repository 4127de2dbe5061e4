"""Intern kontroll: the population report of a stickprov in the database — stored inside the stickprov's own
transaction (every finding, what was not checked, the notes and the settings), read back into the ``Stickprov``
data object with each finding's åtgärd. An åtgärd recorded on a finding of an earlier stickprov of the same year
carries over to the finding with the same key (the same rule and rows), so a re-run does not lose the review's work."""

from __future__ import annotations

import json
from dataclasses import asdict
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from finsam_desktop import clock
from finsam_desktop.domain.common.money import from_ore, to_ore
from finsam_desktop.domain.internkontroll.atgard import Atgard, AtgardStatus
from finsam_desktop.domain.internkontroll.stickprov_findings import (
    AnalysisSettings,
    NotChecked,
    PopulationFinding,
    PopulationReport,
    Rule,
    Severity,
)
from finsam_desktop.persistence.models.internkontroll import (
    IkFindingAtgard,
    IkPopulationFinding,
    IkStickprov,
    IkStickprovPopulation,
)
from finsam_desktop.services.internkontroll.dto import FindingRow

_DECIMAL_SETTINGS = frozenset(name for name, value in asdict(AnalysisSettings()).items() if isinstance(value, Decimal))


def settings_json(settings: AnalysisSettings) -> str:
    return json.dumps(
        {k: str(v) if isinstance(v, Decimal) else v for k, v in asdict(settings).items()}, ensure_ascii=False
    )


def settings_from_json(text: str) -> AnalysisSettings:
    raw = json.loads(text or "{}")
    known = set(asdict(AnalysisSettings()))
    values = {k: Decimal(v) if k in _DECIMAL_SETTINGS else v for k, v in raw.items() if k in known}
    return AnalysisSettings(**values)


def store_population(s: Session, stickprov: IkStickprov, report: PopulationReport) -> int:
    """Store ``report`` with the (flushed) stickprov row; returns how many åtgärder were carried over."""
    s.add(
        IkStickprovPopulation(
            stickprov_id=stickprov.id,
            row_count=report.row_count,
            total_ore=to_ore(report.total),
            settings_json=settings_json(report.settings),
            not_checked_json=json.dumps([[n.what, n.why] for n in report.not_checked], ensure_ascii=False),
            notes_json=json.dumps(list(report.notes), ensure_ascii=False),
        )
    )
    carried = _earlier_atgarder(s, stickprov)
    count = 0
    for pos, f in enumerate(report.findings, start=1):
        row = IkPopulationFinding(
            stickprov_id=stickprov.id,
            position=pos,
            rule=Rule(f.rule).value,
            severity=Severity(f.severity).value,
            rule_text=f.rule_text,
            summary=f.summary,
            rows=" ".join(str(r) for r in f.rows),
            verifikationer="\n".join(f.verifikationer),
            belopp_ore=to_ore(f.belopp) if f.belopp is not None else None,
            key=f.key,
        )
        s.add(row)
        previous = carried.get(f.key) if f.key else None
        if previous is not None:
            s.flush()
            s.add(
                IkFindingAtgard(
                    finding_id=row.id,
                    ansvarig=previous.ansvarig,
                    senast=previous.senast,
                    status=previous.status,
                    beskrivning=previous.beskrivning,
                    motivering=previous.motivering,
                    updated_at=clock.now(),
                )
            )
            count += 1
    s.flush()
    return count


def _earlier_atgarder(s: Session, stickprov: IkStickprov) -> dict[str, IkFindingAtgard]:
    """The newest åtgärd per finding key among the year's earlier stickprov."""
    q = (
        select(IkPopulationFinding.key, IkFindingAtgard)
        .join(IkFindingAtgard, IkFindingAtgard.finding_id == IkPopulationFinding.id)
        .join(IkStickprov, IkStickprov.id == IkPopulationFinding.stickprov_id)
        .where(IkStickprov.ar == stickprov.ar, IkStickprov.id != stickprov.id, IkPopulationFinding.key != "")
        .order_by(IkStickprov.id)
    )
    return {key: atgard for key, atgard in s.execute(q)}


def finding_dto(row: IkPopulationFinding) -> PopulationFinding:
    return PopulationFinding(
        Rule(row.rule),
        Severity(row.severity),
        row.rule_text,
        row.summary,
        tuple(int(x) for x in row.rows.split()),
        tuple(v for v in row.verifikationer.split("\n") if v),
        from_ore(row.belopp_ore),
        row.key,
    )


def atgard_dto(row: IkFindingAtgard | None) -> Atgard | None:
    if row is None:
        return None
    return Atgard(row.ansvarig, row.senast, AtgardStatus(row.status), row.beskrivning, row.motivering)


def finding_row_dto(row: IkPopulationFinding, atgard: IkFindingAtgard | None) -> FindingRow:
    return FindingRow(row.id, row.stickprov_id, finding_dto(row), atgard_dto(atgard))


def load_population(s: Session, stickprov_id: int) -> tuple[PopulationReport | None, tuple[FindingRow, ...]]:
    """The stored report (``None`` for a stickprov drawn before the analytics) and its findings with åtgärder."""
    head = s.get(IkStickprovPopulation, stickprov_id)
    if head is None:
        return None, ()
    q = (
        select(IkPopulationFinding, IkFindingAtgard)
        .outerjoin(IkFindingAtgard, IkFindingAtgard.finding_id == IkPopulationFinding.id)
        .where(IkPopulationFinding.stickprov_id == stickprov_id)
        .order_by(IkPopulationFinding.position)
    )
    rows = tuple(finding_row_dto(f, a) for f, a in s.execute(q))
    report = PopulationReport(
        head.row_count,
        from_ore(head.total_ore) or Decimal("0.00"),
        settings_from_json(head.settings_json),
        tuple(r.finding for r in rows),
        tuple(NotChecked(what, why) for what, why in json.loads(head.not_checked_json or "[]")),
        tuple(json.loads(head.notes_json or "[]")),
    )
    return report, rows
