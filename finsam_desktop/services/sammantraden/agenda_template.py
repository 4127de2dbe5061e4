"""The dagordning template (``resources/sammantraden/dagordning.json``) and the standard items it creates."""

from __future__ import annotations

import json
from functools import cache

from sqlalchemy import select
from sqlalchemy.orm import Session

from finsam_desktop import clock
from finsam_desktop.domain.sammantraden.kinds import ItemKind, UppdragStatus
from finsam_desktop.domain.sammantraden.texts import foregaende_clause, foregaende_rubrik, normalize_clause
from finsam_desktop.paths import resources_dir
from finsam_desktop.persistence.models import AgendaItem as ItemRow
from finsam_desktop.persistence.models import MeetingRow, OrganRow, PersonRow
from finsam_desktop.persistence.models.sammantraden import BilagaRefRow, BilagaRow, DecisionClause, UppdragRow
from finsam_desktop.services.sammantraden.numbering import renumber_meeting
from finsam_desktop.services.sammantraden.rows import item_rows, officer_ids, previous_meeting, set_positions
from finsam_desktop.services.sammantraden.search_index import index_items


def agenda_from_template(s: Session, meeting: MeetingRow, organ: OrganRow) -> list[ItemRow]:
    template = load_template()["punkter"]
    numbered = organ.numbered_paragraphs
    if not numbered:
        keep = {"oppnas", "arenden", "ovriga_fragor", "avslutas"}
        template = [t for t in template if t.get("nyckel") in keep]
    officers = officer_ids(s, meeting.id)
    chair = s.get(PersonRow, officers["ordforande"][0]).namn if officers.get("ordforande") else ""
    prev = previous_meeting(s, meeting)
    open_uppdrag = list(
        s.scalars(
            select(UppdragRow)
            .where(UppdragRow.organ_id == organ.id, UppdragRow.status.in_(["oppet", "pagar"]))
            .order_by(UppdragRow.deadline, UppdragRow.id)
        )
    )
    items = item_rows(s, meeting.id)
    start = len(items)
    created = []
    for entry in template:
        key = entry.get("nyckel", "")
        if key == "arenden" or "rubrik" not in entry:
            continue
        if entry.get("endast_om") == "oppna_uppdrag" and not open_uppdrag:
            continue
        if any(i.standard == key for i in items):
            continue
        rubrik = entry["rubrik"]
        body = (entry.get("text") or "").replace("{ordforande}", chair).replace("  ", " ")
        clauses = list(entry.get("att", []))
        if key == "foregaende_protokoll":
            if prev is None:
                continue
            rubrik = foregaende_rubrik(prev.datum)
            clauses = [foregaende_clause(prev.datum, organ.kind)]
        if key == "uppfoljning_uppdrag":
            lines = []
            for u in open_uppdrag:
                who = u.ansvarig or (s.get(PersonRow, u.ansvarig_person_id).namn if u.ansvarig_person_id else "")
                when = f", senast {u.deadline.isoformat()}" if u.deadline else ""
                lines.append(f"– {u.beskrivning} ({who}{when}; {UppdragStatus(u.status).label.lower()})")
            body = "Öppna uppdrag från styrelsen:\n" + "\n".join(lines)
        item = ItemRow(
            meeting_id=meeting.id,
            position=start + len(created) + 1,
            rubrik=rubrik,
            kind=ItemKind(entry.get("typ", "information")).value,
            standard=key,
            text=body,
        )
        s.add(item)
        s.flush()
        for i, c in enumerate(clauses):
            s.add(DecisionClause(agenda_item_id=item.id, part_id=None, position=i + 1, text=normalize_clause(c)))
        if key == "foregaende_protokoll" and prev is not None:
            b = BilagaRow(
                meeting_id=meeting.id,
                titel=f"Protokoll från sammanträdet {prev.datum.isoformat()}",
                filnamn=f"protokoll-{prev.datum.isoformat()}.pdf",
                mimetyp="application/pdf",
                storlek=0,
                sha256="",
                data=None,
                source_meeting_id=prev.id,
                created_at=clock.now(),
            )
            s.add(b)
            s.flush()
            s.add(BilagaRefRow(agenda_item_id=item.id, bilaga_id=b.id, position=1))
        created.append(item)
    s.flush()
    # Template order: standard items in template order, ärenden kept before the trailing items.
    order = [t.get("nyckel") for t in template]
    all_items = item_rows(s, meeting.id)

    def sort_key(it: ItemRow):
        if it.standard in order:
            idx = order.index(it.standard)
        else:
            idx = order.index("arenden") if "arenden" in order else len(order)
        return (idx, it.position)

    all_items.sort(key=sort_key)
    set_positions(s, all_items)
    renumber_meeting(s, meeting)
    index_items(s, [i.id for i in created])
    return created


@cache
def load_template() -> dict:
    """The förbund-editable dagordning template (``resources/sammantraden/dagordning.json``)."""
    return json.loads((resources_dir() / "sammantraden" / "dagordning.json").read_text(encoding="utf-8"))
