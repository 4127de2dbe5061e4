"""The standard year: the förbund's template (JSON), the conditions it is built under, and "Skapa
årshjul för ÅÅÅÅ"."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import func, select

from finsam_desktop.domain.arshjul.overrides import Status
from finsam_desktop.domain.arshjul.template import Template, build_year, parse_template
from finsam_desktop.domain.common.errors import ValidationError
from finsam_desktop.paths import resources_dir
from finsam_desktop.persistence.database import Database
from finsam_desktop.persistence.models import MemberRow, Setting
from finsam_desktop.persistence.models.arshjul import ArshjulEvent
from finsam_desktop.services.arshjul.reads import expand
from finsam_desktop.services.arshjul.rows import get_setting, put_setting
from finsam_desktop.services.arshjul.writes import ensure_categories, insert_drafts
from finsam_desktop.services.audit import record
from finsam_desktop.services.organisation.service import member_dto

TEMPLATE_SETTING = "arshjul.mall"
CONDITIONS_SETTING = "arshjul.villkor"


def standard_template_text() -> str:
    return (resources_dir() / "arshjul" / "standardar.json").read_text(encoding="utf-8")


@dataclass(frozen=True)
class CreateYearResult:
    year: int
    created: int
    carried_over: int
    categories_added: int


class StandardYearService:
    def __init__(self, db: Database):
        self.db = db

    def conditions(self) -> set[str]:
        """Template conditions in force, e.g. {"delarsrapport"} when the förbundsordning requires one."""
        with self.db.session() as s:
            return set(get_setting(s, CONDITIONS_SETTING, []))

    def set_condition(self, key: str, on: bool) -> None:
        with self.db.session() as s:
            current = set(get_setting(s, CONDITIONS_SETTING, []))
            current = current | {key} if on else current - {key}
            put_setting(s, CONDITIONS_SETTING, sorted(current))
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

    def create_year(self, year: int, conditions: set[str] | None = None) -> CreateYearResult:
        """ "Skapa årshjul för ÅÅÅÅ": the standard year plus last year's own events and dates."""
        if not 2000 <= year <= 2100:
            raise ValidationError("ange ett årtal mellan 2000 och 2100.", "År")
        template = self.template()
        with self.db.session() as s:
            existing = s.scalar(select(func.count()).where(ArshjulEvent.year == year))
            if existing:
                raise ValidationError(f"årshjulet för {year} finns redan ({existing} händelser).", "År")
            conds = set(get_setting(s, CONDITIONS_SETTING, [])) if conditions is None else set(conditions)
            added = ensure_categories(s, template)
            members = [member_dto(r) for r in s.scalars(select(MemberRow).order_by(MemberRow.position, MemberRow.id))]
            prev_events, prev_occ = expand(s, year - 1)
            prev_dates: dict[tuple[str, int | None], list[date]] = {}
            by_id = {e.id: e for e in prev_events}
            for o in prev_occ:
                e = by_id.get(o.event_id) if o.event_id else None
                if e is not None and e.template_key and o.status is not Status.INSTALLD:
                    prev_dates.setdefault((e.template_key, e.member_id), []).append(o.date)
            drafts = build_year(template, year, members, prev_events, prev_dates, conds)
            ids = insert_drafts(s, drafts)
            carried = sum(1 for d in drafts if d.ref.startswith("own#"))
            record(s, "årshjul skapat", "arshjul", None, f"{year}: {len(ids)} händelser från standardåret")
            return CreateYearResult(year, len(ids), carried, added)
