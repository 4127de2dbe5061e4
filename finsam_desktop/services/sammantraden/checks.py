"""``finsam check`` invariants for sammanträden: § series without gaps or duplicates, the number
registry in step with the items, references that point somewhere."""

from __future__ import annotations

from collections import defaultdict

from sqlalchemy import select
from sqlalchemy.orm import Session

from finsam_desktop.domain.sammantraden.kinds import is_locked
from finsam_desktop.persistence.models import AgendaItem, MeetingRow, MemberRow, OrganRow
from finsam_desktop.persistence.models.sammantraden import ParagraphNumberRow, SeriesStartRow
from finsam_desktop.services.findings import Finding

AREA = "Sammanträden"


def check(session: Session) -> list[Finding]:
    findings: list[Finding] = []
    organs = {o.id: o for o in session.scalars(select(OrganRow))}
    meetings = {m.id: m for m in session.scalars(select(MeetingRow))}
    starts = {(r.organ_id, r.ar): r.first_number for r in session.scalars(select(SeriesStartRow))}
    series: dict[tuple[int, int], list[tuple[int, AgendaItem]]] = defaultdict(list)
    registry = {r.agenda_item_id: r for r in session.scalars(select(ParagraphNumberRow))}
    members = set(session.scalars(select(MemberRow.id)))
    for item in session.scalars(select(AgendaItem)):
        m = meetings[item.meeting_id]
        organ = organs[m.organ_id]
        where = f"{organ.namn} {m.datum.isoformat()} punkt {item.position}"
        if item.sokande_member_id is not None and item.sokande_member_id not in members:
            findings.append(Finding(AREA, f"{where}: den sökande medlemmen (id {item.sokande_member_id}) finns inte"))
        if not organ.numbered_paragraphs:
            continue
        if item.paragraph_number is None:
            # An unlocked meeting numbers items other areas inserted the next time it is opened.
            if is_locked(m.status):
                findings.append(Finding(AREA, f"{where} saknar §-nummer"))
            continue
        series[(organ.id, m.datum.year)].append((item.paragraph_number, item))
        reg = registry.get(item.id)
        if reg is None or reg.nummer != item.paragraph_number or reg.ar != m.datum.year or reg.organ_id != organ.id:
            findings.append(Finding(AREA, f"{where}: § {item.paragraph_number} saknas i §-registret eller skiljer sig"))
    for (organ_id, year), entries in sorted(series.items()):
        numbers = sorted(n for n, _ in entries)
        name = organs[organ_id].namn
        start = starts.get((organ_id, year), 1)
        seen = set()
        for n in numbers:
            if n in seen:
                findings.append(Finding(AREA, f"{name} {year}: § {n} förekommer flera gånger"))
            seen.add(n)
        expected = set(range(start, start + len(seen)))
        missing = sorted(expected - seen)
        if missing or (numbers and numbers[0] != start):
            gap = ", ".join(f"§ {n}" for n in missing[:10]) or f"börjar på § {numbers[0]}, inte § {start}"
            findings.append(Finding(AREA, f"{name} {year}: luckor i paragrafnumreringen ({gap})"))
        by_meeting: dict[int, list[int]] = defaultdict(list)
        for n, item in entries:
            by_meeting[item.meeting_id].append(n)
        ordered = sorted(
            by_meeting, key=lambda mid: (meetings[mid].datum, meetings[mid].starttid is not None, meetings[mid].id)
        )
        last = start - 1
        for mid in ordered:
            nums = sorted(by_meeting[mid])
            if nums[0] != last + 1:
                findings.append(
                    Finding(
                        AREA,
                        f"{name} {meetings[mid].datum.isoformat()}: börjar på § {nums[0]} men föregående slutar på § {last}",
                    )
                )
            last = nums[-1]
    return findings
