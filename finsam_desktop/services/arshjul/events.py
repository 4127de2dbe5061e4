"""Editing the year's events and their single occurrences: save, delete (and undo), status, notes,
moving one occurrence, "markera passerade som klara"."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from finsam_desktop.domain.arshjul.events import EventDef
from finsam_desktop.domain.arshjul.overrides import OccurrenceOverride, Status
from finsam_desktop.domain.common.errors import NotFoundError, ValidationError
from finsam_desktop.persistence.database import Database
from finsam_desktop.persistence.models.arshjul import ArshjulCategory, ArshjulEvent, ArshjulOccurrence
from finsam_desktop.services.arshjul.ports import Decision, DecisionSource
from finsam_desktop.services.arshjul.reads import expand, list_events, list_overrides
from finsam_desktop.services.arshjul.rows import event_dto
from finsam_desktop.services.arshjul.writes import override_row, validate_event, write_event
from finsam_desktop.services.audit import record


@dataclass(frozen=True)
class EventSnapshot:
    """A deleted event with its occurrence changes, enough to restore it (undo)."""

    event: EventDef
    overrides: tuple[OccurrenceOverride, ...]


def _store(s: Session, row: ArshjulOccurrence) -> None:
    row.revision = (row.revision or 0) + 1
    s.flush()


def mark_standard_event_done(s: Session, year: int, template_key: str, note: str) -> int:
    """Another area did what a standard event asks (the årsredovisning fastställd): its occurrences in ``year``
    that are not inställda become klar, noted with ``note`` (a note already written stays). Returns how many."""
    events, occurrences = expand(s, year)
    ids = {e.id for e in events if e.template_key == template_key}
    marked = 0
    for o in occurrences:
        if o.event_id in ids and o.status is not Status.INSTALLD:
            row, _before = override_row(s, o.event_id, o.key)
            row.status = Status.KLAR.value
            row.note = row.note or note
            _store(s, row)
            record(s, "årshjul: status ändrad", "arshjul_event", o.event_id, f"{o.key}: Klar ({note})")
            marked += 1
    return marked


class EventsService:
    """``decisions``: the port through which the areas that own a decision say what the Årshjul events standing for
    it show (see ``ports.py``); the status of such an event is theirs and cannot be set here."""

    def __init__(self, db: Database, decisions: Sequence[DecisionSource] = ()):
        self.db = db
        self.decisions = tuple(decisions)

    def _decided(self, year: int) -> dict[str, Decision]:
        """Per standard-year key, what the owning areas say about the events of ``year`` standing for a decision."""
        said: dict[str, Decision] = {}
        for source in self.decisions:
            said.update(source(year))
        return said

    def decision_for(self, event_id: int | None) -> Decision | None:
        """What the owning area says about the event ``event_id`` when it stands for a decision taken there,
        otherwise None (the Årshjul's own status applies)."""
        if event_id is None or not self.decisions:
            return None
        with self.db.session() as s:
            row = s.get(ArshjulEvent, event_id)
            year, key = (row.year, row.template_key) if row is not None else (0, "")
        return self._decided(year).get(key) if key else None

    # --- event series --------------------------------------------------------------------------
    def list_events(self, year: int) -> list[EventDef]:
        with self.db.session() as s:
            return list_events(s, year)

    def get_event(self, event_id: int) -> EventDef:
        with self.db.session() as s:
            row = s.get(ArshjulEvent, event_id)
            if row is None:
                raise NotFoundError("Händelsen finns inte.")
            return event_dto(row, s.get(ArshjulCategory, row.category_id).key)

    def save_event(self, event: EventDef) -> EventDef:
        """Insert (``id == 0``, or an unused id when undoing a removal) or update an event series."""
        with self.db.session() as s:
            validate_event(s, event)
            row = s.get(ArshjulEvent, event.id) if event.id else None
            if row is None:
                row = ArshjulEvent(id=event.id or None, revision=0)
                action = "årshjul: händelse skapad"
            else:
                row.revision = (row.revision or 0) + 1
                action = "årshjul: händelse ändrad"
            write_event(s, row, event)
            s.add(row)
            s.flush()
            record(s, action, "arshjul_event", row.id, row.title)
            return event_dto(row, event.category)

    def delete_event(self, event_id: int) -> EventSnapshot:
        with self.db.session() as s:
            row = s.get(ArshjulEvent, event_id)
            if row is None:
                raise NotFoundError("Händelsen finns inte.")
            dependants = list(s.scalars(select(ArshjulEvent.title).where(ArshjulEvent.anchor_event_id == event_id)))
            if dependants:
                raise ValidationError(
                    "andra händelser räknas från den: "
                    + ", ".join(f"”{t}”" for t in dependants)
                    + ". Ändra eller ta bort dem först.",
                    "Ta bort",
                )
            snapshot = EventSnapshot(
                event_dto(row, s.get(ArshjulCategory, row.category_id).key),
                tuple(list_overrides(s, [event_id])),
            )
            s.delete(row)
            record(s, "årshjul: händelse borttagen", "arshjul_event", event_id, snapshot.event.title)
            return snapshot

    def restore_event(self, snapshot: EventSnapshot) -> EventDef:
        """Undo of :meth:`delete_event`: the same id, the same occurrence changes."""
        with self.db.session() as s:
            if s.get(ArshjulEvent, snapshot.event.id) is not None:
                raise ValidationError("händelsen finns redan.", "Ångra")
            validate_event(s, snapshot.event)
            row = ArshjulEvent(id=snapshot.event.id, revision=snapshot.event.revision)
            write_event(s, row, snapshot.event)
            s.add(row)
            s.flush()
            for o in snapshot.overrides:
                s.add(
                    ArshjulOccurrence(
                        event_id=row.id,
                        key=o.key,
                        status=o.status.value,
                        moved_to=o.moved_to,
                        note=o.note,
                        revision=o.revision,
                    )
                )
            record(s, "årshjul: händelse återställd", "arshjul_event", row.id, row.title)
            return event_dto(row, snapshot.event.category)

    # --- single occurrences --------------------------------------------------------------------
    def set_status(self, event_id: int, key: str, status: Status) -> OccurrenceOverride:
        """Mark one occurrence planerad/klar/inställd; returns the previous state (for undo). Refused for an event
        that stands for a decision in another area: its status comes from there."""
        decision = self.decision_for(event_id)
        if decision is not None:
            raise ValidationError(decision.reason)
        with self.db.session() as s:
            row, before = override_row(s, event_id, key)
            row.status = Status(status).value
            _store(s, row)
            record(s, "årshjul: status ändrad", "arshjul_event", event_id, f"{key}: {Status(status).label}")
            return before

    def move_occurrence(self, event_id: int, key: str, new_date: date | None) -> OccurrenceOverride:
        """Move one occurrence (``None`` = back to the series' date); the rest of the series stays."""
        with self.db.session() as s:
            event = s.get(ArshjulEvent, event_id) if event_id is not None else None
            if (
                event is not None
                and new_date is not None
                and not (new_date.year == event.year or (new_date.year == event.year + 1 and event.anchor_organ_id))
            ):
                raise ValidationError(f"{new_date.isoformat()} ligger inte i {event.year}.", "Nytt datum")
            row, before = override_row(s, event_id, key)
            row.moved_to = new_date
            _store(s, row)
            record(
                s,
                "årshjul: tillfälle flyttat",
                "arshjul_event",
                event_id,
                f"{key} → {new_date.isoformat() if new_date else 'seriens datum'}",
            )
            return before

    def set_occurrence_note(self, event_id: int, key: str, note: str) -> OccurrenceOverride:
        with self.db.session() as s:
            row, before = override_row(s, event_id, key)
            row.note = note.strip()
            _store(s, row)
            return before

    def mark_passed_done(self, year: int, until: date) -> list[OccurrenceOverride]:
        """ "Markera passerade som klara": every planned occurrence (not meetings) ending on or before
        ``until``, except those standing for a decision in another area (their status comes from there). Returns
        the previous states (for undo)."""
        decided = self._decided(year)
        with self.db.session() as s:
            events, occs = expand(s, year)
            elsewhere = {e.id for e in events if e.template_key in decided}
            before = []
            for o in occs:
                if o.event_id is None or o.status is not Status.PLANERAD or (o.end or o.date) > until:
                    continue
                if o.event_id in elsewhere:
                    continue
                row, prev = override_row(s, o.event_id, o.key)
                row.status = Status.KLAR.value
                row.revision = (row.revision or 0) + 1
                before.append(prev)
            s.flush()
            record(
                s,
                "årshjul: passerade markerade klara",
                "arshjul",
                None,
                f"{year} t.o.m. {until.isoformat()}: {len(before)} tillfällen",
            )
            return before

    def restore_overrides(self, overrides: list[OccurrenceOverride]) -> None:
        """Undo of :meth:`mark_passed_done` (all in one transaction)."""
        with self.db.session() as s:
            for o in overrides:
                row, _ = override_row(s, o.event_id, o.key)
                row.status, row.moved_to, row.note = o.status.value, o.moved_to, o.note
                row.revision = (row.revision or 0) + 1
            record(s, "årshjul: tillfällen återställda", "arshjul", None, f"{len(overrides)} tillfällen")

    def restore_override(self, override: OccurrenceOverride) -> None:
        """Put an occurrence back exactly as ``override`` (the value an edit returned), for undo."""
        with self.db.session() as s:
            row, _ = override_row(s, override.event_id, override.key)
            row.status, row.moved_to, row.note = override.status.value, override.moved_to, override.note
            _store(s, row)
            record(s, "årshjul: tillfälle återställt", "arshjul_event", override.event_id, override.key)
