"""The sammanträdesplan: proposing next year's meetings, creating them with the deadline rules that
follow every styrelse meeting, and moving a meeting on the wheel."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select

from finsam_desktop.domain.arshjul.plan import PlanEntry
from finsam_desktop.domain.arshjul.recurrence import same_week_next_year
from finsam_desktop.domain.arshjul.template import STYRELSE_ORGAN_ID, build_year
from finsam_desktop.domain.common import deadlines
from finsam_desktop.domain.common.errors import NotFoundError, ValidationError
from finsam_desktop.persistence.database import Database
from finsam_desktop.persistence.models import MeetingRow, OrganRow
from finsam_desktop.persistence.models.arshjul import ArshjulEvent
from finsam_desktop.services.arshjul.standard import StandardYearService
from finsam_desktop.services.arshjul.writes import ensure_categories, insert_drafts
from finsam_desktop.services.audit import record
from finsam_desktop.services.sammantraden.area import MeetingsArea

#: The meeting statuses in which a meeting may still be moved (before the protocol is locked).
MOVABLE_MEETING_STATUSES = ("planerat", "kallat", "genomfort", "protokoll_utkast")
#: Template items that the sammanträdesplan needs (deadlines relative to every styrelse meeting).
PLAN_DEADLINE_KEYS = ("beredning", "kallelse", "justering", "anslag", "nedtagning")


@dataclass(frozen=True)
class PlanResult:
    year: int
    meeting_ids: tuple[int, ...]
    deadline_rules_created: int
    warnings: tuple[str, ...]


class PlanService:
    def __init__(self, db: Database, standard: StandardYearService):
        self.db = db
        self.standard = standard

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
        template = self.standard.template()
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
                ensure_categories(s, template)
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
                created = len(insert_drafts(s, drafts))
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
