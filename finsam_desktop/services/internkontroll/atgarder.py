"""Intern kontroll, use case: the åtgärd per population finding, recorded in the review (granskning) of the
stickprov — who, by when, status, what — one transaction and one audit line per user action; the åtgärder still
open from earlier years (which the next year's kontrollplan shows) and the försenade ones (which ``finsam check``
warns about)."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from finsam_desktop import clock
from finsam_desktop.domain.common.errors import NotFoundError
from finsam_desktop.domain.internkontroll.atgard import Atgard, AtgardStatus, validate_atgard
from finsam_desktop.domain.internkontroll.population_text import severity_counts_text
from finsam_desktop.persistence.database import Database
from finsam_desktop.persistence.models.internkontroll import IkFindingAtgard, IkPopulationFinding, IkStickprov
from finsam_desktop.services.audit import record
from finsam_desktop.services.internkontroll.dto import FindingRow, OpenAtgard
from finsam_desktop.services.internkontroll.population_store import atgard_dto, finding_dto, finding_row_dto

_OPEN = (AtgardStatus.OPPEN.value, AtgardStatus.PAGAR.value)


class AtgardService:
    """The åtgärder of the population findings."""

    def __init__(self, db: Database):
        self.db = db

    def get_finding(self, finding_id: int) -> FindingRow:
        with self.db.session() as s:
            row = s.get(IkPopulationFinding, finding_id)
            if row is None:
                raise NotFoundError("Fyndet finns inte.")
            return finding_row_dto(row, s.get(IkFindingAtgard, finding_id))

    def set_atgard(self, finding_id: int, atgard: Atgard | None) -> FindingRow:
        """Record (or, with ``None``, remove) the åtgärd for one finding."""
        clean = validate_atgard(atgard) if atgard is not None else None
        with self.db.session() as s:
            finding = s.get(IkPopulationFinding, finding_id)
            if finding is None:
                raise NotFoundError("Fyndet finns inte.")
            row = s.get(IkFindingAtgard, finding_id)
            what = f"{finding_dto(finding).rule.label}: {finding.summary}"[:300]
            if clean is None:
                if row is not None:
                    s.delete(row)
                    record(s, "åtgärd borttagen", "ik_population_finding", finding_id, what)
                s.flush()
                return finding_row_dto(finding, None)
            action = "åtgärd ändrad" if row is not None else "åtgärd registrerad"
            if row is None:
                row = IkFindingAtgard(finding_id=finding_id)
                s.add(row)
            row.ansvarig, row.senast, row.status = clean.ansvarig, clean.senast, clean.status.value
            row.beskrivning, row.motivering, row.updated_at = clean.beskrivning, clean.motivering, clock.now()
            when = f", senast {clean.senast.isoformat()}" if clean.senast else ""
            record(
                s,
                action,
                "ik_population_finding",
                finding_id,
                f"{what} – {clean.status.label}{', ' + clean.ansvarig if clean.ansvarig else ''}{when}",
            )
            s.flush()
            return finding_row_dto(finding, row)

    def open_atgarder(self, before_year: int) -> tuple[OpenAtgard, ...]:
        """Åtgärder still open from stickprov of years before ``before_year``: the försenade first, then by date."""
        with self.db.session() as s:
            return open_atgarder(s, clock.today(), before_year=before_year)


def open_atgarder(s: Session, today: date, before_year: int | None = None) -> tuple[OpenAtgard, ...]:
    """The open åtgärder (öppen or pågår); a finding carried over to a later stickprov of the same year counts
    once, as its newest stickprov has it (closed there = not open)."""
    q = (
        select(IkPopulationFinding, IkFindingAtgard, IkStickprov)
        .join(IkFindingAtgard, IkFindingAtgard.finding_id == IkPopulationFinding.id)
        .join(IkStickprov, IkStickprov.id == IkPopulationFinding.stickprov_id)
        .order_by(IkStickprov.id.desc(), IkPopulationFinding.position)
    )
    if before_year is not None:
        q = q.where(IkStickprov.ar < before_year)
    seen: set[tuple[int, str]] = set()
    out = []
    for f, a, sp in s.execute(q):
        if f.key:
            if (sp.ar, f.key) in seen:
                continue
            seen.add((sp.ar, f.key))
        if a.status not in _OPEN:
            continue
        atgard = atgard_dto(a)
        out.append(OpenAtgard(f.id, sp.id, sp.ar, sp.titel, finding_dto(f), atgard, atgard.forsenad(today)))
    return tuple(sorted(out, key=lambda o: (not o.forsenad, o.atgard.senast or date.max, o.stickprov_ar)))


def population_conclusion(sp, today: date) -> str:
    """What the review says about the analysis of every row: the findings by severity and each recorded åtgärd
    ('' for a stickprov without the analysis). Part of the suggested slutsats of the granskning."""
    report = sp.population
    if report is None:
        return ""
    rows = sp.finding_rows
    if not rows:
        return f"Analysen av hela filen ({report.row_count} rader) gav inga fynd."
    lines = [
        f"Analysen av hela filen ({report.row_count} rader) gav {len(rows)} fynd "
        f"({severity_counts_text(rows, lambda r: r.finding.severity)})."
    ]
    for r in rows:
        if r.atgard is not None:
            lines.append(
                f"– {r.finding.rule.label}: {r.finding.summary.rstrip('.')}. Åtgärd: {r.atgard_text()} ({r.status_text(today).lower()})."
            )
    without = sum(1 for r in rows if r.atgard is None)
    if without:
        lines.append(f"{without} fynd saknar ännu registrerad åtgärd.")
    return "\n".join(lines)
