"""Writes the årshjul use cases share: an event's row from its DTO (with validation), an occurrence's
change row, and the events and categories a template brings (all inside the caller's session)."""

from __future__ import annotations

from dataclasses import replace

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from finsam_desktop.domain.arshjul.events import EventDef, LinkKind
from finsam_desktop.domain.arshjul.legal import Adjust, LegalRule
from finsam_desktop.domain.arshjul.occurrences import check_cycles
from finsam_desktop.domain.arshjul.overrides import OccurrenceOverride
from finsam_desktop.domain.arshjul.recurrence import recurrence_json
from finsam_desktop.domain.arshjul.template import Template
from finsam_desktop.domain.common.errors import NotFoundError, ValidationError
from finsam_desktop.persistence.models import MemberRow, OrganRow
from finsam_desktop.persistence.models.arshjul import ArshjulCategory, ArshjulEvent, ArshjulOccurrence
from finsam_desktop.services.arshjul.reads import list_events
from finsam_desktop.services.arshjul.rows import override_dto


def category_id(s: Session, key: str) -> int:
    cid = s.scalar(select(ArshjulCategory.id).where(ArshjulCategory.key == key))
    if cid is None:
        raise ValidationError(f"kategorin ”{key}” finns inte.", "Kategori")
    return cid


def write_event(s: Session, row: ArshjulEvent, e: EventDef) -> None:
    row.year, row.title, row.short = e.year, e.title.strip(), e.short.strip()
    row.category_id = category_id(s, e.category)
    row.start_date, row.end_date, row.duration_days = e.start, e.end if e.start else None, e.duration_days
    row.starttid, row.sluttid = e.starttid, e.sluttid
    row.responsible, row.notes = e.responsible.strip(), e.notes.strip()
    row.rule = recurrence_json(e.recurrence)
    rel = e.relative
    row.anchor_event_id = rel.anchor_event_id if rel else None
    row.anchor_organ_id = rel.anchor_organ_id if rel else None
    row.offset_value = rel.offset if rel else 0
    row.offset_unit = rel.unit if rel else "dagar"
    row.legal_rule = LegalRule(rel.legal).value if rel and rel.legal else ""
    row.adjust = Adjust(e.adjust).value
    row.link_kind = LinkKind(e.link.kind).value if e.link else ""
    row.link_id = e.link.ref_id if e.link else None
    row.link_text = e.link.text.strip() if e.link else ""
    row.template_key = e.template_key
    row.member_id = e.member_id


def validate_event(s: Session, event: EventDef) -> None:
    event.validate()
    rel = event.relative
    if rel is not None and rel.anchor_event_id is not None:
        anchor = s.get(ArshjulEvent, rel.anchor_event_id)
        if anchor is None:
            raise ValidationError("händelsen som datumet räknas från finns inte.", "Relativt datum")
        if anchor.year != event.year:
            raise ValidationError("händelsen som datumet räknas från hör till ett annat år.", "Relativt datum")
        others = [e for e in list_events(s, event.year) if e.id != event.id]
        check_cycles(others + [replace(event, id=event.id or -1)])
    if rel is not None and rel.anchor_organ_id is not None and s.get(OrganRow, rel.anchor_organ_id) is None:
        raise ValidationError("organet finns inte.", "Relativt datum")


def override_row(s: Session, event_id: int, key: str) -> tuple[ArshjulOccurrence, OccurrenceOverride]:
    """The change row of one occurrence (a new default one when there is none) and its state before."""
    if event_id is None:  # an occurrence another area adds through the port (an aktivitet): changed where it lives
        raise ValidationError("tillfället hör inte till en händelse i årshjulet; ändra det där det registrerades.")
    if s.get(ArshjulEvent, event_id) is None:
        raise NotFoundError("Händelsen finns inte.")
    row = s.scalar(
        select(ArshjulOccurrence).where(ArshjulOccurrence.event_id == event_id, ArshjulOccurrence.key == key)
    )
    if row is None:
        row = ArshjulOccurrence(event_id=event_id, key=key, status="planerad", note="", revision=0)
        s.add(row)
        return row, OccurrenceOverride(event_id, key)
    return row, override_dto(row)


def ensure_categories(s: Session, template: Template) -> int:
    have = {r.key for r in s.scalars(select(ArshjulCategory))}
    added = 0
    position = s.scalar(select(func.max(ArshjulCategory.position))) or 0
    for c in template.categories:
        if c.key not in have:
            position += 1
            s.add(ArshjulCategory(key=c.key, namn=c.namn, farg=c.farg, position=position))
            added += 1
    s.flush()
    return added


def insert_drafts(s: Session, drafts) -> dict[str, int]:
    ids: dict[str, int] = {}
    for d in drafts:
        event = d.event
        if d.anchor_ref:
            event = replace(event, relative=replace(event.relative, anchor_event_id=ids[d.anchor_ref]))
        if event.member_id is not None and s.get(MemberRow, event.member_id) is None:
            event = replace(event, member_id=None)
        event.validate()
        row = ArshjulEvent(revision=0)
        write_event(s, row, event)
        s.add(row)
        s.flush()
        ids[d.ref] = row.id
    return ids
