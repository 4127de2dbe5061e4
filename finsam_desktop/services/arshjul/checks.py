"""``finsam check`` invariants for the årshjul."""

from __future__ import annotations

import json

from sqlalchemy import select
from sqlalchemy.orm import Session

from finsam_desktop.domain.arshjul.occurrences import check_cycles, expand_year
from finsam_desktop.domain.arshjul.recurrence import Recurrence
from finsam_desktop.domain.common.errors import FinsamError
from finsam_desktop.persistence.models.arshjul import ArshjulEvent, ArshjulOccurrence
from finsam_desktop.services.arshjul.reads import list_events, list_meetings, list_overrides
from finsam_desktop.services.arshjul.rows import forbund_settings
from finsam_desktop.services.findings import Finding

AREA = "Årshjul"


def check(session: Session) -> list[Finding]:
    findings: list[Finding] = []
    rows = list(session.scalars(select(ArshjulEvent)))
    by_id = {r.id: r for r in rows}
    bad_rule: set[int] = set()
    for r in rows:
        if r.rule:
            try:
                Recurrence.from_dict(json.loads(r.rule))
            except (FinsamError, ValueError) as exc:
                bad_rule.add(r.id)
                findings.append(Finding(AREA, f"händelse {r.id} ”{r.title}” har en ogiltig upprepningsregel: {exc}"))
        if r.anchor_event_id is not None:
            anchor = by_id.get(r.anchor_event_id)
            if anchor is not None and anchor.year != r.year:
                findings.append(Finding(AREA, f"händelse {r.id} ”{r.title}” räknas från en händelse i {anchor.year}"))
        if r.start_date is not None and r.start_date.year != r.year:
            findings.append(Finding(AREA, f"händelse {r.id} ”{r.title}” har datum {r.start_date} utanför {r.year}"))
    for year in sorted({r.year for r in rows}):
        if any(r.id in bad_rule for r in rows if r.year == year):
            continue
        events = list_events(session, year)
        try:
            check_cycles(events)
        except FinsamError as exc:
            findings.append(Finding(AREA, f"{year}: {exc}"))
            continue
        overrides = list_overrides(session, [e.id for e in events])
        meetings = list_meetings(session, year)
        occurrences = expand_year(year, events, overrides, meetings, forbund_settings(session))
        occurrences += expand_year(year, events, overrides, meetings, forbund_settings(session), spill_only=True)
        live = {(o.event_id, o.key) for o in occurrences}
        for o in overrides:
            if (o.event_id, o.key) not in live and not o.is_default:
                title = by_id[o.event_id].title
                findings.append(
                    Finding(
                        AREA,
                        f"{year}: en ändring av ”{title}” ({o.key}) gäller ett tillfälle som inte längre finns "
                        "(sammanträdet borttaget eller regeln ändrad)",
                    )
                )
    for occ in session.scalars(select(ArshjulOccurrence).where(ArshjulOccurrence.moved_to.is_not(None))):
        event = by_id.get(occ.event_id)
        if event is not None and occ.moved_to.year not in (event.year, event.year + 1):
            findings.append(Finding(AREA, f"”{event.title}” är flyttad till {occ.moved_to}, utanför {event.year}"))
    return findings
