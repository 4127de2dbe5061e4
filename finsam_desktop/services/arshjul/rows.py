"""Shared private helpers of the årshjul services: row → DTO converters and the settings table
(all take an open session; none opens one)."""

from __future__ import annotations

import json

from sqlalchemy.orm import Session

from finsam_desktop.domain.arshjul.events import Category, EventDef, Link, LinkKind, Relative
from finsam_desktop.domain.arshjul.legal import Adjust, LegalRule
from finsam_desktop.domain.arshjul.overrides import OccurrenceOverride, Status
from finsam_desktop.domain.arshjul.recurrence import recurrence_from_json
from finsam_desktop.domain.organisation.model import ForbundSettings
from finsam_desktop.persistence.models import ForbundRow, Setting
from finsam_desktop.persistence.models.arshjul import ArshjulCategory, ArshjulEvent, ArshjulOccurrence


def category_dto(row: ArshjulCategory) -> Category:
    return Category(row.id, row.key, row.namn, row.farg, row.position)


def event_dto(row: ArshjulEvent, category_key: str) -> EventDef:
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


def override_dto(row: ArshjulOccurrence) -> OccurrenceOverride:
    return OccurrenceOverride(row.event_id, row.key, Status(row.status), row.moved_to, row.note, row.revision)


def forbund_settings(s: Session) -> ForbundSettings:
    row = s.get(ForbundRow, 1)
    if row is None:
        return ForbundSettings()
    return ForbundSettings(row.kallelse_dagar, row.justering_dagar, row.anslag_dagar, row.overklagande_veckor)


def forbund_name(s: Session) -> tuple[str, str]:
    row = s.get(ForbundRow, 1)
    return (row.namn, row.orgnr) if row else ("", "")


def get_setting(s: Session, key: str, default):
    row = s.get(Setting, key)
    return json.loads(row.value) if row else default


def put_setting(s: Session, key: str, value) -> None:
    row = s.get(Setting, key)
    text = json.dumps(value, ensure_ascii=False)
    if row is None:
        s.add(Setting(key=key, value=text))
    else:
        row.value = text
