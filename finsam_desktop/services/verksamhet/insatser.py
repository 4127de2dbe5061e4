"""Insatser in the Verksamhet area: the same ``insats`` rows Budget uses, with type, phase, målgrupp, Syfte/Mål,
styrgrupp, personalresurser and co-financing. One transaction per action; every change is audited."""

from __future__ import annotations

from decimal import Decimal

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from finsam_desktop.domain.budget.insatser import InsatsStatus, validate_period
from finsam_desktop.domain.common.errors import NotFoundError, ValidationError, clip
from finsam_desktop.domain.common.money import from_ore, to_ore
from finsam_desktop.domain.verksamhet import richtext
from finsam_desktop.domain.verksamhet.insats import Finansiar, InsatsTyp, Malgrupp, typ_of
from finsam_desktop.domain.verksamhet.personal import Personalresurs
from finsam_desktop.persistence.database import Database
from finsam_desktop.persistence.models.budget import BudgetLineRow, InsatsGrantRow, InsatsRow
from finsam_desktop.persistence.models.verksamhet import (
    InsatsFinansieringRow,
    InsatsPersonalRow,
    InsatsStyrgruppRow,
)
from finsam_desktop.persistence.models.verksamhetsplan import VPlanAktivitetRow
from finsam_desktop.services.audit import record
from finsam_desktop.services.verksamhet.dto import Medfinansiering, Styrgruppsledamot, VerksamhetInsats


def _lines(text: str) -> tuple[str, ...]:
    return tuple(x.strip() for x in text.split("\n") if x.strip())


def insats_dto(s: Session, row: InsatsRow) -> VerksamhetInsats:
    personal = tuple(
        Personalresurs(p.roll, p.organisation, p.antal, Decimal(p.procent_x100) / 100, p.notering)
        for p in s.scalars(
            select(InsatsPersonalRow)
            .where(InsatsPersonalRow.insats_id == row.id)
            .order_by(InsatsPersonalRow.position, InsatsPersonalRow.id)
        )
    )
    styrgrupp = tuple(
        Styrgruppsledamot(g.namn, g.organisation, g.roll)
        for g in s.scalars(
            select(InsatsStyrgruppRow)
            .where(InsatsStyrgruppRow.insats_id == row.id)
            .order_by(InsatsStyrgruppRow.position, InsatsStyrgruppRow.id)
        )
    )
    medfin = tuple(
        Medfinansiering(f.year, Finansiar(f.finansiar), from_ore(f.amount_ore), f.namn)
        for f in s.scalars(
            select(InsatsFinansieringRow)
            .where(InsatsFinansieringRow.insats_id == row.id)
            .order_by(InsatsFinansieringRow.year, InsatsFinansieringRow.finansiar, InsatsFinansieringRow.namn)
        )
    )
    grants = s.execute(
        select(InsatsGrantRow.year, func.sum(InsatsGrantRow.amount_ore))
        .where(InsatsGrantRow.insats_id == row.id)
        .group_by(InsatsGrantRow.year)
        .order_by(InsatsGrantRow.year)
    ).all()
    children = tuple(s.scalars(select(InsatsRow.namn).where(InsatsRow.parent_id == row.id).order_by(InsatsRow.namn)))
    return VerksamhetInsats(
        id=row.id,
        namn=row.namn,
        typ=typ_of(row.line_class, row.samverkansstod),
        status=InsatsStatus(row.status),
        parent_id=row.parent_id,
        projektagare=row.projektagare,
        huvudman=row.huvudman,
        samverkansparter=row.samverkansparter,
        start=row.start,
        slut=row.slut,
        budget_kod=row.budget_kod,
        malgrupp=Malgrupp(
            row.malgrupp_alder_fran,
            row.malgrupp_alder_till,
            _lines(row.malgrupp_kommuner),
            _lines(row.malgrupp_grupper),
            row.malgrupp_text,
        ),
        syfte=row.syfte,
        mal=row.mal,
        styrgrupp=styrgrupp,
        personal=personal,
        medfinansiering=medfin,
        stated_fte=None if row.stated_fte_x100 is None else Decimal(row.stated_fte_x100) / 100,
        forbund_medel=tuple((y, from_ore(total)) for y, total in grants),
        delprojekt=children,
    )


def _validate(s: Session, insats: VerksamhetInsats) -> None:
    if not insats.namn.strip():
        raise ValidationError("får inte vara tomt.", "Namn")
    if insats.typ is None:
        raise ValidationError("välj individinriktad, strukturell eller stöd för samverkan.", "Typ")
    InsatsTyp(insats.typ)
    validate_period(insats.start, insats.slut)
    insats.malgrupp.validate()
    for label, text in (("Syfte", insats.syfte), ("Mål", insats.mal)):
        richtext.validate(text, label)
    for i, p in enumerate(insats.personal, start=1):
        p.validate(f"Personal rad {i}")
    seen = set()
    for m in insats.medfinansiering:
        if not 1900 <= m.year <= 2200:
            raise ValidationError(f"året {m.year} är inte rimligt.", "Finansiering")
        if Decimal(m.amount) < 0:
            raise ValidationError(f"{m.year}: beloppet får inte vara negativt.", "Finansiering")
        key = (m.year, Finansiar(m.finansiar), m.namn.strip())
        if key in seen:
            raise ValidationError(
                f"{m.year} {Finansiar(m.finansiar).label} {m.namn.strip()} står två gånger.".replace("  ", " "),
                "Finansiering",
            )
        seen.add(key)
    if insats.stated_fte is not None and Decimal(insats.stated_fte) < 0:
        raise ValidationError("får inte vara negativ.", "Angiven summa årsarbetare")
    if insats.parent_id is not None:
        if insats.parent_id == insats.id:
            raise ValidationError("en insats kan inte vara delprojekt i sig själv.", "Delprojekt i")
        parent = s.get(InsatsRow, insats.parent_id)
        if parent is None:
            raise ValidationError("den insatsen finns inte.", "Delprojekt i")
        seen_ids = {insats.id}
        while parent is not None:
            if parent.id in seen_ids:
                raise ValidationError(f"”{clip(parent.namn)}” är redan ett delprojekt i denna insats.", "Delprojekt i")
            seen_ids.add(parent.id)
            parent = s.get(InsatsRow, parent.parent_id) if parent.parent_id else None


class VerksamhetInsatserService:
    def __init__(self, db: Database):
        self.db = db

    def list_insatser(self, year: int | None = None) -> list[VerksamhetInsats]:
        """Every insats, or those active some time in ``year`` (by start and slut), by name."""
        with self.db.session() as s:
            out = [insats_dto(s, r) for r in s.scalars(select(InsatsRow).order_by(InsatsRow.namn, InsatsRow.id))]
        return [i for i in out if year is None or i.active_in(year)]

    def get(self, insats_id: int) -> VerksamhetInsats:
        with self.db.session() as s:
            row = s.get(InsatsRow, insats_id)
            if row is None:
                raise NotFoundError("Insatsen finns inte.")
            return insats_dto(s, row)

    def save(self, insats: VerksamhetInsats) -> VerksamhetInsats:
        """Create (``id`` None) or update an insats with all its parts; the grants stay Budget's."""
        with self.db.session() as s:
            _validate(s, insats)
            row = s.get(InsatsRow, insats.id) if insats.id else None
            if insats.id and row is None:
                raise NotFoundError("Insatsen finns inte längre.")
            if row is None:
                row = InsatsRow()
                s.add(row)
            typ = InsatsTyp(insats.typ)
            row.namn, row.projektagare = insats.namn.strip(), insats.projektagare.strip()
            row.huvudman, row.samverkansparter = insats.huvudman.strip(), insats.samverkansparter.strip()
            row.line_class, row.samverkansstod = typ.line_class.value, typ is InsatsTyp.STOD_FOR_SAMVERKAN
            row.status, row.parent_id = InsatsStatus(insats.status).value, insats.parent_id
            row.start, row.slut, row.budget_kod = insats.start, insats.slut, insats.budget_kod.strip()
            m = insats.malgrupp
            row.malgrupp_alder_fran, row.malgrupp_alder_till = m.alder_fran, m.alder_till
            row.malgrupp_kommuner = "\n".join(k.strip() for k in m.kommuner if k.strip())
            row.malgrupp_grupper = "\n".join(g.strip() for g in m.grupper if g.strip())
            row.malgrupp_text = m.text.strip()
            row.syfte, row.mal = richtext.validate(insats.syfte, "Syfte"), richtext.validate(insats.mal, "Mål")
            row.stated_fte_x100 = None if insats.stated_fte is None else int(Decimal(insats.stated_fte) * 100)
            if row.beskrivning is None:
                row.beskrivning = ""
            s.flush()
            for table in (InsatsPersonalRow, InsatsStyrgruppRow, InsatsFinansieringRow):
                s.execute(delete(table).where(table.insats_id == row.id))
            for pos, p in enumerate(insats.personal):
                s.add(
                    InsatsPersonalRow(
                        insats_id=row.id,
                        position=pos,
                        roll=p.roll.strip(),
                        organisation=p.organisation.strip(),
                        antal=p.antal,
                        procent_x100=int((Decimal(p.procent) * 100).to_integral_value()),
                        notering=p.notering.strip(),
                    )
                )
            for pos, g in enumerate(insats.styrgrupp):
                if g.namn.strip() or g.organisation.strip():
                    s.add(
                        InsatsStyrgruppRow(
                            insats_id=row.id,
                            position=pos,
                            namn=g.namn.strip(),
                            organisation=g.organisation.strip(),
                            roll=g.roll.strip(),
                        )
                    )
            for f in insats.medfinansiering:
                s.add(
                    InsatsFinansieringRow(
                        insats_id=row.id,
                        year=f.year,
                        finansiar=Finansiar(f.finansiar).value,
                        namn=f.namn.strip(),
                        amount_ore=to_ore(f.amount),
                    )
                )
            s.flush()
            record(s, "insats sparad (verksamhet)", "insats", row.id, row.namn)
            return insats_dto(s, row)

    def set_status(self, insats_id: int, status: InsatsStatus) -> VerksamhetInsats:
        with self.db.session() as s:
            row = s.get(InsatsRow, insats_id)
            if row is None:
                raise NotFoundError("Insatsen finns inte.")
            try:
                new = InsatsStatus(status)
            except ValueError:
                raise ValidationError(f"”{status}” är ingen status för en insats.", "Status") from None
            old = InsatsStatus(row.status)
            row.status = new.value
            record(s, "insats status", "insats", row.id, f"{row.namn}: {old.label} → {new.label}")
            return insats_dto(s, row)

    def delete(self, insats_id: int) -> VerksamhetInsats:
        """Remove an insats that nothing uses: refused when a budget line, beviljade medel or a delprojekt
        points to it."""
        with self.db.session() as s:
            row = s.get(InsatsRow, insats_id)
            if row is None:
                raise NotFoundError("Insatsen finns inte.")
            name = clip(row.namn)
            if s.scalar(select(func.count()).where(BudgetLineRow.insats_id == insats_id)):
                raise ValidationError(f"Insatsen ”{name}” används av en budgetrad och tas inte bort.")
            if s.scalar(select(func.count()).where(InsatsGrantRow.insats_id == insats_id)):
                raise ValidationError(f"Insatsen ”{name}” har beviljade medel och tas inte bort.")
            if s.scalar(select(func.count()).where(InsatsRow.parent_id == insats_id)):
                raise ValidationError(f"Insatsen ”{name}” har delprojekt; ta bort eller flytta dem först.")
            if s.scalar(select(func.count()).where(VPlanAktivitetRow.insats_id == insats_id)):
                raise ValidationError(f"Insatsen ”{name}” har aktiviteter i en verksamhetsplan och tas inte bort.")
            dto = insats_dto(s, row)
            s.delete(row)
            record(s, "insats borttagen (verksamhet)", "insats", insats_id, row.namn)
            return dto
