"""Årshjul use cases: the year's events, occurrences, the standard year, the sammanträdesplan,
exports. One method = one user action = one transaction."""

from __future__ import annotations

import json
from dataclasses import dataclass, replace
from datetime import date, time

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from finsam_desktop import clock
from finsam_desktop.domain.arshjul.model import (
    Adjust,
    Category,
    EventDef,
    LegalRule,
    Link,
    LinkKind,
    MeetingInfo,
    Occurrence,
    OccurrenceOverride,
    Relative,
    Status,
    YearView,
    check_cycles,
    expand_year,
    recurrence_from_json,
    recurrence_json,
    same_week_next_year,
)
from finsam_desktop.domain.arshjul.plan import PlanEntry
from finsam_desktop.domain.arshjul.template import (
    STYRELSE_ORGAN_ID,
    Template,
    build_year,
    parse_template,
)
from finsam_desktop.domain.common import deadlines
from finsam_desktop.domain.common.errors import NotFoundError, ValidationError
from finsam_desktop.domain.organisation.model import ForbundSettings
from finsam_desktop.paths import resources_dir
from finsam_desktop.persistence.database import Database
from finsam_desktop.persistence.models import AuditLog, ForbundRow, MeetingRow, MemberRow, OrganRow, Setting
from finsam_desktop.persistence.models.arshjul import ArshjulCategory, ArshjulEvent, ArshjulOccurrence
from finsam_desktop.services.arshjul import importer as arshjul_import
from finsam_desktop.services.arshjul.importer import CalendarImport
from finsam_desktop.services.audit import record
from finsam_desktop.services.organisation.service import member_dto
from finsam_desktop.services.sammantraden.area import MeetingsArea

TEMPLATE_SETTING = "arshjul.mall"
START_MONTH_SETTING = "arshjul.startmanad"
CONDITIONS_SETTING = "arshjul.villkor"
#: The meeting statuses in which a meeting may still be moved (before the protocol is locked).
MOVABLE_MEETING_STATUSES = ("planerat", "kallat", "genomfort", "protokoll_utkast")
#: Template items that the sammanträdesplan needs (deadlines relative to every styrelse meeting).
PLAN_DEADLINE_KEYS = ("beredning", "kallelse", "justering", "anslag", "nedtagning")


def standard_template_text() -> str:
    return (resources_dir() / "arshjul" / "standardar.json").read_text(encoding="utf-8")


@dataclass(frozen=True)
class EventSnapshot:
    """A deleted event with its occurrence changes, enough to restore it (undo)."""

    event: EventDef
    overrides: tuple[OccurrenceOverride, ...]


@dataclass(frozen=True)
class CreateYearResult:
    year: int
    created: int
    carried_over: int
    categories_added: int


@dataclass(frozen=True)
class PlanResult:
    year: int
    meeting_ids: tuple[int, ...]
    deadline_rules_created: int
    warnings: tuple[str, ...]


def _category_dto(row: ArshjulCategory) -> Category:
    return Category(row.id, row.key, row.namn, row.farg, row.position)


def _event_dto(row: ArshjulEvent, category_key: str) -> EventDef:
    relative = None
    if row.anchor_event_id is not None or row.anchor_organ_id is not None:
        relative = Relative(
            row.anchor_event_id,
            row.anchor_organ_id,
            row.offset_value,
            row.offset_unit,
            LegalRule(row.legal_rule) if row.legal_rule else None,
        )
    link = Link(LinkKind(row.link_kind), row.link_id, row.link_text) if row.link_kind else None
    return EventDef(
        id=row.id,
        year=row.year,
        title=row.title,
        category=category_key,
        short=row.short,
        start=row.start_date,
        end=row.end_date,
        duration_days=row.duration_days,
        starttid=row.starttid,
        sluttid=row.sluttid,
        responsible=row.responsible,
        notes=row.notes,
        recurrence=recurrence_from_json(row.rule),
        relative=relative,
        adjust=Adjust(row.adjust),
        link=link,
        template_key=row.template_key,
        member_id=row.member_id,
        revision=row.revision,
    )


def _override_dto(row: ArshjulOccurrence) -> OccurrenceOverride:
    return OccurrenceOverride(row.event_id, row.key, Status(row.status), row.moved_to, row.note, row.revision)


def _settings(s: Session) -> ForbundSettings:
    row = s.get(ForbundRow, 1)
    if row is None:
        return ForbundSettings()
    return ForbundSettings(row.kallelse_dagar, row.justering_dagar, row.anslag_dagar, row.overklagande_veckor)


def _setting(s: Session, key: str, default):
    row = s.get(Setting, key)
    return json.loads(row.value) if row else default


def _put_setting(s: Session, key: str, value) -> None:
    row = s.get(Setting, key)
    text = json.dumps(value, ensure_ascii=False)
    if row is None:
        s.add(Setting(key=key, value=text))
    else:
        row.value = text


class ArshjulService:
    def __init__(self, db: Database):
        self.db = db

    # --- settings and template ---------------------------------------------------------------
    def start_month(self) -> int:
        with self.db.session() as s:
            return int(_setting(s, START_MONTH_SETTING, 1))

    def set_start_month(self, month: int) -> None:
        if not 1 <= month <= 12:
            raise ValidationError("måste vara 1–12.", "Startmånad")
        with self.db.session() as s:
            _put_setting(s, START_MONTH_SETTING, month)

    def conditions(self) -> set[str]:
        """Template conditions in force, e.g. {"delarsrapport"} when the förbundsordning requires one."""
        with self.db.session() as s:
            return set(_setting(s, CONDITIONS_SETTING, []))

    def set_condition(self, key: str, on: bool) -> None:
        with self.db.session() as s:
            current = set(_setting(s, CONDITIONS_SETTING, []))
            current = current | {key} if on else current - {key}
            _put_setting(s, CONDITIONS_SETTING, sorted(current))
            record(s, "årshjul: villkor ändrat", "setting", None, f"{key}={'på' if on else 'av'}")

    def template_text(self) -> str:
        """The förbund's standard year (JSON), or the bundled one when not edited."""
        with self.db.session() as s:
            row = s.get(Setting, TEMPLATE_SETTING)
            return row.value if row else standard_template_text()

    def template(self) -> Template:
        return parse_template(self.template_text())

    def save_template(self, text: str) -> Template:
        """Replace the förbund's standard year after validating it (nothing is saved when invalid)."""
        template = parse_template(text)
        with self.db.session() as s:
            row = s.get(Setting, TEMPLATE_SETTING)
            if row is None:
                s.add(Setting(key=TEMPLATE_SETTING, value=text))
            else:
                row.value = text
            record(s, "årshjul: standardår ändrat", "setting", None, f"{len(template.items)} händelser")
        return template

    def reset_template(self) -> None:
        with self.db.session() as s:
            row = s.get(Setting, TEMPLATE_SETTING)
            if row is not None:
                s.delete(row)
                record(s, "årshjul: standardår återställt", "setting")

    # --- categories ----------------------------------------------------------------------------
    def categories(self) -> list[Category]:
        with self.db.session() as s:
            return self._categories(s)

    @staticmethod
    def _categories(s: Session) -> list[Category]:
        rows = s.scalars(select(ArshjulCategory).order_by(ArshjulCategory.position, ArshjulCategory.id))
        return [_category_dto(r) for r in rows]

    def save_category(self, category: Category) -> Category:
        namn = category.namn.strip()
        if not namn:
            raise ValidationError("får inte vara tomt.", "Kategorins namn")
        colour = category.farg.strip().upper()
        if len(colour) != 7 or not colour.startswith("#"):
            raise ValidationError("ange färgen som #RRGGBB.", "Färg")
        with self.db.session() as s:
            row = s.get(ArshjulCategory, category.id) if category.id else None
            if row is None:
                key = category.key.strip()
                if not key or s.scalar(select(ArshjulCategory).where(ArshjulCategory.key == key)):
                    raise ValidationError("nyckeln saknas eller används redan.", "Kategori")
                position = (s.scalar(select(func.max(ArshjulCategory.position))) or 0) + 1
                row = ArshjulCategory(key=key, position=position)
                s.add(row)
            row.namn, row.farg = namn, colour
            s.flush()
            record(s, "årshjul: kategori sparad", "arshjul_category", row.id, namn)
            return _category_dto(row)

    # --- reading -------------------------------------------------------------------------------
    def years(self) -> list[int]:
        """Years that have events or meetings, plus the current year."""
        with self.db.session() as s:
            ev = set(s.scalars(select(ArshjulEvent.year).distinct()))
            mt = {d.year for d in s.scalars(select(MeetingRow.datum))}
        return sorted(ev | mt | {clock.today().year})

    @staticmethod
    def _meetings(s: Session, year: int) -> list[MeetingInfo]:
        rows = s.execute(
            select(MeetingRow, OrganRow)
            .join(OrganRow, OrganRow.id == MeetingRow.organ_id)
            .where(MeetingRow.datum >= date(year, 1, 1), MeetingRow.datum <= date(year, 12, 31))
            .order_by(MeetingRow.datum, MeetingRow.starttid)
        )
        rows = list(rows)
        # Each logged change of a meeting raises its iCalendar SEQUENCE, so calendars take the new date.
        changes = (
            dict(
                s.execute(
                    select(AuditLog.entity_id, func.count())
                    .where(AuditLog.entity == "meeting", AuditLog.entity_id.in_([m.id for m, _o in rows]))
                    .group_by(AuditLog.entity_id)
                ).all()
            )
            if rows
            else {}
        )
        return [
            MeetingInfo(
                m.id,
                o.id,
                o.namn,
                o.kind,
                m.datum,
                m.starttid,
                m.sluttid,
                m.plats,
                m.typ,
                m.status,
                m.anteckning,
                changes.get(m.id, 0),
            )
            for m, o in rows
        ]

    @staticmethod
    def _events(s: Session, year: int) -> list[EventDef]:
        keys = {c.id: c.key for c in s.scalars(select(ArshjulCategory))}
        rows = s.scalars(select(ArshjulEvent).where(ArshjulEvent.year == year).order_by(ArshjulEvent.id))
        return [_event_dto(r, keys[r.category_id]) for r in rows]

    @staticmethod
    def _overrides(s: Session, event_ids: list[int]) -> list[OccurrenceOverride]:
        if not event_ids:
            return []
        rows = s.scalars(select(ArshjulOccurrence).where(ArshjulOccurrence.event_id.in_(event_ids)))
        return [_override_dto(r) for r in rows]

    def _expand(self, s: Session, year: int) -> tuple[list[EventDef], list[Occurrence]]:
        """The year's occurrences, plus those of last year's events that fall in this year."""
        settings = _settings(s)
        events = self._events(s, year)
        occurrences = expand_year(
            year, events, self._overrides(s, [e.id for e in events]), self._meetings(s, year), settings
        )
        previous = [e for e in self._events(s, year - 1) if e.relative is not None]
        if previous:
            spill = expand_year(
                year - 1,
                self._events(s, year - 1),
                self._overrides(s, [e.id for e in previous]),
                self._meetings(s, year - 1),
                settings,
                spill_only=True,
            )
            occurrences = sorted(
                occurrences + spill, key=lambda o: (o.date, o.starttid or time(0), o.category, o.title)
            )
        return events, occurrences

    def year_view(self, year: int) -> YearView:
        """Everything the wheel, the agenda and the table show for ``year``."""
        with self.db.session() as s:
            events, occurrences = self._expand(s, year)
            warnings = [f"{o.title}: {o.flag_text}" for o in occurrences if o.flag]
            return YearView(
                year,
                tuple(self._categories(s)),
                tuple(occurrences),
                tuple(events),
                int(_setting(s, START_MONTH_SETTING, 1)),
                tuple(warnings),
            )

    def occurrences(self, year: int, start: date | None = None, end: date | None = None) -> list[Occurrence]:
        with self.db.session() as s:
            _events, occs = self._expand(s, year)
        return [o for o in occs if (start is None or (o.end or o.date) >= start) and (end is None or o.date <= end)]

    def list_events(self, year: int) -> list[EventDef]:
        with self.db.session() as s:
            return self._events(s, year)

    def get_event(self, event_id: int) -> EventDef:
        with self.db.session() as s:
            row = s.get(ArshjulEvent, event_id)
            if row is None:
                raise NotFoundError("Händelsen finns inte.")
            return _event_dto(row, s.get(ArshjulCategory, row.category_id).key)

    # --- editing events ------------------------------------------------------------------------
    def _category_id(self, s: Session, key: str) -> int:
        cid = s.scalar(select(ArshjulCategory.id).where(ArshjulCategory.key == key))
        if cid is None:
            raise ValidationError(f"kategorin ”{key}” finns inte.", "Kategori")
        return cid

    def _write(self, s: Session, row: ArshjulEvent, e: EventDef) -> None:
        row.year, row.title, row.short = e.year, e.title.strip(), e.short.strip()
        row.category_id = self._category_id(s, e.category)
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

    def _validate_in_session(self, s: Session, event: EventDef) -> None:
        event.validate()
        rel = event.relative
        if rel is not None and rel.anchor_event_id is not None:
            anchor = s.get(ArshjulEvent, rel.anchor_event_id)
            if anchor is None:
                raise ValidationError("händelsen som datumet räknas från finns inte.", "Relativt datum")
            if anchor.year != event.year:
                raise ValidationError("händelsen som datumet räknas från hör till ett annat år.", "Relativt datum")
            others = [e for e in self._events(s, event.year) if e.id != event.id]
            check_cycles(others + [replace(event, id=event.id or -1)])
        if rel is not None and rel.anchor_organ_id is not None and s.get(OrganRow, rel.anchor_organ_id) is None:
            raise ValidationError("organet finns inte.", "Relativt datum")

    def save_event(self, event: EventDef) -> EventDef:
        """Insert (``id == 0``, or an unused id when undoing a removal) or update an event series."""
        with self.db.session() as s:
            self._validate_in_session(s, event)
            row = s.get(ArshjulEvent, event.id) if event.id else None
            if row is None:
                row = ArshjulEvent(id=event.id or None, revision=0)
                action = "årshjul: händelse skapad"
            else:
                row.revision = (row.revision or 0) + 1
                action = "årshjul: händelse ändrad"
            self._write(s, row, event)
            s.add(row)
            s.flush()
            record(s, action, "arshjul_event", row.id, row.title)
            return _event_dto(row, event.category)

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
                _event_dto(row, s.get(ArshjulCategory, row.category_id).key),
                tuple(self._overrides(s, [event_id])),
            )
            s.delete(row)
            record(s, "årshjul: händelse borttagen", "arshjul_event", event_id, snapshot.event.title)
            return snapshot

    def restore_event(self, snapshot: EventSnapshot) -> EventDef:
        """Undo of :meth:`delete_event`: the same id, the same occurrence changes."""
        with self.db.session() as s:
            if s.get(ArshjulEvent, snapshot.event.id) is not None:
                raise ValidationError("händelsen finns redan.", "Ångra")
            self._validate_in_session(s, snapshot.event)
            row = ArshjulEvent(id=snapshot.event.id, revision=snapshot.event.revision)
            self._write(s, row, snapshot.event)
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
            return _event_dto(row, snapshot.event.category)

    # --- occurrences ---------------------------------------------------------------------------
    def _override_row(self, s: Session, event_id: int, key: str) -> tuple[ArshjulOccurrence, OccurrenceOverride]:
        if s.get(ArshjulEvent, event_id) is None:
            raise NotFoundError("Händelsen finns inte.")
        row = s.scalar(
            select(ArshjulOccurrence).where(ArshjulOccurrence.event_id == event_id, ArshjulOccurrence.key == key)
        )
        if row is None:
            row = ArshjulOccurrence(event_id=event_id, key=key, status="planerad", note="", revision=0)
            s.add(row)
            return row, OccurrenceOverride(event_id, key)
        return row, _override_dto(row)

    def _store(self, s: Session, row: ArshjulOccurrence) -> None:
        row.revision = (row.revision or 0) + 1
        s.flush()

    def set_status(self, event_id: int, key: str, status: Status) -> OccurrenceOverride:
        """Mark one occurrence planerad/klar/inställd; returns the previous state (for undo)."""
        with self.db.session() as s:
            row, before = self._override_row(s, event_id, key)
            row.status = Status(status).value
            self._store(s, row)
            record(s, "årshjul: status ändrad", "arshjul_event", event_id, f"{key}: {Status(status).label}")
            return before

    def move_occurrence(self, event_id: int, key: str, new_date: date | None) -> OccurrenceOverride:
        """Move one occurrence (``None`` = back to the series' date); the rest of the series stays."""
        with self.db.session() as s:
            event = s.get(ArshjulEvent, event_id)
            if (
                event is not None
                and new_date is not None
                and not (new_date.year == event.year or (new_date.year == event.year + 1 and event.anchor_organ_id))
            ):
                raise ValidationError(f"{new_date.isoformat()} ligger inte i {event.year}.", "Nytt datum")
            row, before = self._override_row(s, event_id, key)
            row.moved_to = new_date
            self._store(s, row)
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
            row, before = self._override_row(s, event_id, key)
            row.note = note.strip()
            self._store(s, row)
            return before

    def mark_passed_done(self, year: int, until: date) -> list[OccurrenceOverride]:
        """ "Markera passerade som klara": every planned occurrence (not meetings) ending on or before
        ``until``. Returns the previous states (for undo)."""
        with self.db.session() as s:
            _events, occs = self._expand(s, year)
            before = []
            for o in occs:
                if o.event_id is None or o.status is not Status.PLANERAD or (o.end or o.date) > until:
                    continue
                row, prev = self._override_row(s, o.event_id, o.key)
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
                row, _ = self._override_row(s, o.event_id, o.key)
                row.status, row.moved_to, row.note = o.status.value, o.moved_to, o.note
                row.revision = (row.revision or 0) + 1
            record(s, "årshjul: tillfällen återställda", "arshjul", None, f"{len(overrides)} tillfällen")

    def restore_override(self, override: OccurrenceOverride) -> None:
        """Put an occurrence back exactly as ``override`` (the value an edit returned), for undo."""
        with self.db.session() as s:
            row, _ = self._override_row(s, override.event_id, override.key)
            row.status, row.moved_to, row.note = override.status.value, override.moved_to, override.note
            self._store(s, row)
            record(s, "årshjul: tillfälle återställt", "arshjul_event", override.event_id, override.key)

    # --- the standard year ---------------------------------------------------------------------
    def create_year(self, year: int, conditions: set[str] | None = None) -> CreateYearResult:
        """ "Skapa årshjul för ÅÅÅÅ": the standard year plus last year's own events and dates."""
        if not 2000 <= year <= 2100:
            raise ValidationError("ange ett årtal mellan 2000 och 2100.", "År")
        template = self.template()
        with self.db.session() as s:
            existing = s.scalar(select(func.count()).where(ArshjulEvent.year == year))
            if existing:
                raise ValidationError(f"årshjulet för {year} finns redan ({existing} händelser).", "År")
            conds = set(_setting(s, CONDITIONS_SETTING, [])) if conditions is None else set(conditions)
            added = self._ensure_categories(s, template)
            members = [member_dto(r) for r in s.scalars(select(MemberRow).order_by(MemberRow.position, MemberRow.id))]
            prev_events, prev_occ = self._expand(s, year - 1)
            prev_dates: dict[tuple[str, int | None], list[date]] = {}
            by_id = {e.id: e for e in prev_events}
            for o in prev_occ:
                e = by_id.get(o.event_id) if o.event_id else None
                if e is not None and e.template_key and o.status is not Status.INSTALLD:
                    prev_dates.setdefault((e.template_key, e.member_id), []).append(o.date)
            drafts = build_year(template, year, members, prev_events, prev_dates, conds)
            ids = self._insert_drafts(s, drafts)
            carried = sum(1 for d in drafts if d.ref.startswith("own#"))
            record(s, "årshjul skapat", "arshjul", None, f"{year}: {len(ids)} händelser från standardåret")
            return CreateYearResult(year, len(ids), carried, added)

    def _ensure_categories(self, s: Session, template: Template) -> int:
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

    def _insert_drafts(self, s: Session, drafts) -> dict[str, int]:
        ids: dict[str, int] = {}
        for d in drafts:
            event = d.event
            if d.anchor_ref:
                event = replace(event, relative=replace(event.relative, anchor_event_id=ids[d.anchor_ref]))
            if event.member_id is not None and s.get(MemberRow, event.member_id) is None:
                event = replace(event, member_id=None)
            event.validate()
            row = ArshjulEvent(revision=0)
            self._write(s, row, event)
            s.add(row)
            s.flush()
            ids[d.ref] = row.id
        return ids

    def import_calendar(self, data: str | bytes) -> CalendarImport:
        """Import a list ``datum;organ;typ;beskrivning`` (seed 000's årshjul; text, or a file's bytes in any
        encoding, .csv or .xlsx) as events; all or nothing, events already present are skipped."""
        return arshjul_import.import_calendar(self, data)

    # --- sammanträdesplan ----------------------------------------------------------------------
    def propose_plan(self, year: int, organ_id: int = STYRELSE_ORGAN_ID) -> list[PlanEntry]:
        """Next year's plan as a starting point: last year's meetings in the same week and weekday."""
        with self.db.session() as s:
            rows = s.scalars(
                select(MeetingRow)
                .where(
                    MeetingRow.organ_id == organ_id,
                    MeetingRow.datum >= date(year - 1, 1, 1),
                    MeetingRow.datum <= date(year - 1, 12, 31),
                )
                .order_by(MeetingRow.datum)
            )
            out = []
            for m in rows:
                d = deadlines.previous_working_day(same_week_next_year(m.datum, year))
                if d.year == year and all(e.datum != d for e in out):
                    out.append(PlanEntry(d, m.starttid, m.sluttid, m.anteckning, m.typ, m.plats))
            return out

    def create_sammantradesplan(
        self, year: int, entries: list[PlanEntry], organ_id: int = STYRELSE_ORGAN_ID, plats: str = ""
    ) -> PlanResult:
        """Create the year's meetings (bare, status planerat) and the deadline rules that follow every
        meeting (beredning, kallelse, justering, anslag, nedtagning) in one transaction."""
        if not entries:
            raise ValidationError("planen innehåller inga datum.", "Sammanträdesplan")
        warnings: list[str] = []
        seen: set[date] = set()
        for i, e in enumerate(entries, start=1):
            if e.datum.year != year:
                raise ValidationError(f"{e.datum.isoformat()} ligger inte i {year}.", f"Rad {i}")
            if e.datum in seen:
                raise ValidationError(f"{e.datum.isoformat()} står två gånger.", f"Rad {i}")
            if e.typ not in ("ordinarie", "extra", "konstituerande"):
                raise ValidationError(f"okänd mötestyp ”{e.typ}”.", f"Rad {i}")
            if e.starttid and e.sluttid and e.sluttid <= e.starttid:
                raise ValidationError("sluttiden är före starttiden.", f"Rad {i}")
            seen.add(e.datum)
            if e.weekday_warning:
                warnings.append(f"Rad {i}: {e.weekday_warning} – inte en vardag.")
        if len(entries) < 4 and organ_id == STYRELSE_ORGAN_ID:
            warnings.append(f"Planen har {len(entries)} sammanträden; styrelsen brukar behöva minst fyra per år.")
        template = self.template()
        with self.db.session() as s:
            organ = s.get(OrganRow, organ_id)
            if organ is None:
                raise ValidationError("organet finns inte.", "Organ")
            taken = set(
                s.scalars(
                    select(MeetingRow.datum).where(
                        MeetingRow.organ_id == organ_id, MeetingRow.datum.in_([e.datum for e in entries])
                    )
                )
            )
            if taken:
                raise ValidationError(
                    f"{organ.namn} har redan sammanträde " + ", ".join(sorted(d.isoformat() for d in taken)) + ".",
                    "Sammanträdesplan",
                )
            ids = []
            for e in entries:
                row = MeetingRow(
                    organ_id=organ_id,
                    datum=e.datum,
                    starttid=e.starttid,
                    sluttid=e.sluttid,
                    plats=(e.plats or plats).strip(),
                    digital=False,
                    typ=e.typ,
                    status="planerat",
                    anteckning=e.anteckning.strip(),
                )
                s.add(row)
                s.flush()
                ids.append(row.id)
            created = 0
            if organ_id == STYRELSE_ORGAN_ID:
                self._ensure_categories(s, template)
                have = set(
                    s.scalars(
                        select(ArshjulEvent.template_key).where(
                            ArshjulEvent.year == year, ArshjulEvent.anchor_organ_id == organ_id
                        )
                    )
                )
                members = []
                drafts = [
                    d
                    for d in build_year(template, year, members)
                    if d.event.template_key in PLAN_DEADLINE_KEYS
                    and d.event.template_key not in have
                    and d.event.relative is not None
                    and d.event.relative.anchor_organ_id == organ_id
                ]
                created = len(self._insert_drafts(s, drafts))
            record(
                s,
                "sammanträdesplan skapad",
                "meeting",
                None,
                f"{organ.namn} {year}: {len(ids)} sammanträden, {created} fristregler",
            )
            return PlanResult(year, tuple(ids), created, tuple(warnings))

    def move_meeting(self, meeting_id: int, new_date: date) -> date:
        """Move a meeting; its derived deadlines follow. Returns the old date (for undo)."""
        with self.db.session() as s:
            row = s.get(MeetingRow, meeting_id)
            if row is None:
                raise NotFoundError("Sammanträdet finns inte.")
            if row.status not in MOVABLE_MEETING_STATUSES:
                raise ValidationError("protokollet är låst; sammanträdet kan inte flyttas.", "Sammanträde")
            old = row.datum
            if old == new_date:
                return old
            clash = s.scalar(
                select(MeetingRow.id).where(
                    MeetingRow.organ_id == row.organ_id, MeetingRow.datum == new_date, MeetingRow.id != meeting_id
                )
            )
            if clash:
                raise ValidationError(f"det finns redan ett sammanträde {new_date.isoformat()}.", "Nytt datum")
        # Their service renumbers the §§ when the order of meetings changes.
        MeetingsArea(self.db).meetings.update_meeting(meeting_id, datum=new_date)
        with self.db.session() as s:
            record(
                s, "årshjul: sammanträde flyttat", "meeting", meeting_id, f"{old.isoformat()} → {new_date.isoformat()}"
            )
        return old

    # --- exports -------------------------------------------------------------------------------
    def _forbund_name(self) -> tuple[str, str]:
        with self.db.session() as s:
            row = s.get(ForbundRow, 1)
            return (row.namn, row.orgnr) if row else ("", "")

    def export_ics(self, year: int) -> bytes:
        from finsam_desktop.reports.arshjul.ics import build_ics

        namn, orgnr = self._forbund_name()
        return build_ics(self.year_view(year), namn, orgnr)

    def export_pdf(self, year: int, pagesize: str = "A3", today: date | None = None) -> bytes:
        from finsam_desktop.reports.arshjul.poster import build_poster_pdf

        namn, _ = self._forbund_name()
        return build_poster_pdf(self.year_view(year), namn, pagesize=pagesize, today=today or clock.today())

    def export_xlsx(self, year: int) -> bytes:
        from finsam_desktop.reports.arshjul.xlsx import build_xlsx

        namn, _ = self._forbund_name()
        return build_xlsx(self.year_view(year), namn)
