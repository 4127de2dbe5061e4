"""The förbund, its members, persons and mandates."""

from __future__ import annotations

import json
import unicodedata
from dataclasses import replace
from datetime import date
from decimal import Decimal

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from finsam_desktop.domain.common.errors import NotFoundError, ValidationError
from finsam_desktop.domain.organisation.model import (
    Beslutforhet,
    Forbund,
    ForbundSettings,
    Mandate,
    Member,
    MemberKind,
    Person,
    Role,
    Styrelse,
    holders_on,
    split_contributions,
    styrelse_on,
    validate_mandate,
)
from finsam_desktop.domain.organisation.orgnr import normalize_orgnr
from finsam_desktop.persistence.database import Database
from finsam_desktop.persistence.models import ForbundRow, MandateRow, MemberRow, PersonRow, Setting
from finsam_desktop.services.audit import record

BESLUTFORHET_KEY = "forbund.beslutforhet"


def read_beslutforhet(s: Session) -> Beslutforhet:
    """The förbund's beslutförhet rule; the safe KL default when it was never set (or is unreadable)."""
    row = s.get(Setting, BESLUTFORHET_KEY)
    if row is None:
        return Beslutforhet.MER_AN_HALFTEN
    try:
        value = json.loads(row.value)
    except ValueError:
        value = row.value
    try:
        return Beslutforhet(value)
    except ValueError:
        return Beslutforhet.MER_AN_HALFTEN


def _write_beslutforhet(s: Session, rule: Beslutforhet) -> None:
    """Store ``rule`` and record it in the audit log."""
    old = read_beslutforhet(s)
    row = s.get(Setting, BESLUTFORHET_KEY)
    text = json.dumps(rule.value)
    if row is None:
        s.add(Setting(key=BESLUTFORHET_KEY, value=text))
    else:
        row.value = text
    record(s, "Inställning ändrad", "setting", None, f"{BESLUTFORHET_KEY} = {rule.value} (var {old.value})")


def _forbund_dto(row: ForbundRow, rule: Beslutforhet = Beslutforhet.MER_AN_HALFTEN) -> Forbund:
    return Forbund(
        id=row.id,
        namn=row.namn,
        orgnr=row.orgnr,
        sate=row.sate,
        postadress=row.postadress,
        anslagstavla=row.anslagstavla,
        forvaringsplats=row.forvaringsplats,
        settings=ForbundSettings(
            row.kallelse_dagar, row.justering_dagar, row.anslag_dagar, row.overklagande_veckor, rule
        ),
    )


def member_dto(row: MemberRow) -> Member:
    return Member(row.id, row.namn, MemberKind(row.kind), row.weight, row.orgnr)


def person_dto(row: PersonRow) -> Person:
    return Person(row.id, row.namn, row.organisation, row.titel, row.epost, row.telefon)


def mandate_dto(row: MandateRow) -> Mandate:
    return Mandate(row.id, row.person_id, Role(row.role), row.valid_from, row.valid_to, row.member_id, row.anteckning)


def _required(text: str, field: str) -> str:
    value = (text or "").strip()
    if not value:
        raise ValidationError("får inte vara tomt.", field)
    return value


def _name_key(namn: str) -> str:
    return unicodedata.normalize("NFC", " ".join((namn or "").split())).casefold()


def person_row_by_name(s: Session, namn: str) -> PersonRow | None:
    """The person called ``namn``, case and spacing aside (the first one registered if two share it).

    Compared in Python: SQLite's lower() folds only ASCII, so "birgitta öberg" never found "Birgitta Öberg".
    """
    wanted = _name_key(namn)
    if not wanted:
        return None
    for row in s.scalars(select(PersonRow).order_by(PersonRow.id)):
        if _name_key(row.namn) == wanted:
            return row
    return None


class ForbundService:
    def __init__(self, db: Database):
        self.db = db

    # --- the förbund -----------------------------------------------------------------------
    def exists(self) -> bool:
        with self.db.session() as s:
            return s.get(ForbundRow, 1) is not None

    def get(self) -> Forbund:
        with self.db.session() as s:
            row = s.get(ForbundRow, 1)
            if row is None:
                raise NotFoundError("Databasen har inget förbund ännu. Kör ”finsam init”.")
            return _forbund_dto(row, read_beslutforhet(s))

    def create(self, namn: str, orgnr: str, **fields) -> Forbund:
        namn = _required(namn, "Namn")
        orgnr = normalize_orgnr(orgnr)
        with self.db.session() as s:
            if s.get(ForbundRow, 1) is not None:
                raise ValidationError("databasen har redan ett förbund.")
            row = ForbundRow(id=1, namn=namn, orgnr=orgnr, **self._clean_fields(fields))
            s.add(row)
            s.flush()
            record(s, "förbund skapat", "forbund", 1, f"{namn} {orgnr}")
            return _forbund_dto(row, read_beslutforhet(s))

    @staticmethod
    def _clean_fields(fields: dict) -> dict:
        allowed = {"sate", "postadress", "anslagstavla", "forvaringsplats"}
        unknown = set(fields) - allowed
        if unknown:
            raise ValueError(f"unknown förbund fields: {sorted(unknown)}")
        return {k: (v or "").strip() for k, v in fields.items()}

    def update(self, forbund: Forbund) -> Forbund:
        """Save all editable fields of ``forbund`` (validated) in one transaction."""
        namn = _required(forbund.namn, "Namn")
        orgnr = normalize_orgnr(forbund.orgnr)
        forbund.settings.validate()
        rule = Beslutforhet.parse(forbund.settings.beslutforhet)
        with self.db.session() as s:
            row = s.get(ForbundRow, 1)
            if row is None:
                raise NotFoundError("Databasen har inget förbund ännu.")
            row.namn, row.orgnr = namn, orgnr
            for key, value in self._clean_fields(
                {
                    "sate": forbund.sate,
                    "postadress": forbund.postadress,
                    "anslagstavla": forbund.anslagstavla,
                    "forvaringsplats": forbund.forvaringsplats,
                }
            ).items():
                setattr(row, key, value)
            st = forbund.settings
            row.kallelse_dagar, row.justering_dagar = st.kallelse_dagar, st.justering_dagar
            row.anslag_dagar, row.overklagande_veckor = st.anslag_dagar, st.overklagande_veckor
            record(s, "förbund ändrat", "forbund", 1)
            if rule is not read_beslutforhet(s):
                _write_beslutforhet(s, rule)
            return _forbund_dto(row, rule)

    def settings(self) -> ForbundSettings:
        return self.get().settings

    def beslutforhet(self) -> Beslutforhet:
        """The styrelse's beslutförhet rule (default: mer än hälften, KL 6:27)."""
        with self.db.session() as s:
            return read_beslutforhet(s)

    def set_beslutforhet(self, rule: Beslutforhet | str) -> Beslutforhet:
        """Set the beslutförhet rule from the förbundsordning; unknown values are refused."""
        rule = Beslutforhet.parse(rule)
        with self.db.session() as s:
            _write_beslutforhet(s, rule)
        return rule

    # --- members ---------------------------------------------------------------------------
    def list_members(self) -> list[Member]:
        with self.db.session() as s:
            rows = s.scalars(select(MemberRow).order_by(MemberRow.position, MemberRow.id))
            return [member_dto(r) for r in rows]

    def save_member(self, member: Member) -> Member:
        """Insert (``id == 0``, or an id not in use, as when undoing a removal) or update."""
        namn = _required(member.namn, "Namn")
        if member.weight < 0:
            raise ValidationError("kan inte vara negativ.", "Fördelningsnyckel")
        orgnr = normalize_orgnr(member.orgnr) if member.orgnr.strip() else ""
        with self.db.session() as s:
            clash = s.scalar(select(MemberRow).where(MemberRow.namn == namn, MemberRow.id != member.id))
            if clash is not None:
                raise ValidationError(f"det finns redan en medlem som heter ”{namn}”.", "Namn")
            row = s.get(MemberRow, member.id) if member.id else None
            if row is None:
                position = (s.scalar(select(func.max(MemberRow.position))) or 0) + 1
                row = MemberRow(id=member.id or None, position=position)
                s.add(row)
            row.namn, row.kind, row.weight, row.orgnr = namn, MemberKind(member.kind).value, member.weight, orgnr
            s.flush()
            record(s, "medlem sparad", "member", row.id, namn)
            return member_dto(row)

    def remove_member(self, member_id: int) -> Member:
        with self.db.session() as s:
            row = s.get(MemberRow, member_id)
            if row is None:
                raise NotFoundError("Medlemmen finns inte.")
            uses = _member_uses(s, member_id)
            if uses:
                raise ValidationError(
                    f"{row.namn} kan inte tas bort: medlemmen har {' och '.join(uses)} kopplade till sig; "
                    "ta bort eller ändra dem först."
                )
            dto = member_dto(row)
            s.delete(row)
            record(s, "medlem borttagen", "member", member_id, dto.namn)
            return dto

    # --- persons ---------------------------------------------------------------------------
    def list_persons(self) -> list[Person]:
        with self.db.session() as s:
            return [person_dto(r) for r in s.scalars(select(PersonRow).order_by(PersonRow.namn))]

    def get_person(self, person_id: int) -> Person:
        with self.db.session() as s:
            row = s.get(PersonRow, person_id)
            if row is None:
                raise NotFoundError("Personen finns inte.")
            return person_dto(row)

    def find_person(self, namn: str) -> Person | None:
        with self.db.session() as s:
            row = person_row_by_name(s, namn)
            return person_dto(row) if row else None

    def save_person(self, person: Person) -> Person:
        namn = _required(person.namn, "Namn")
        with self.db.session() as s:
            row = s.get(PersonRow, person.id) if person.id else None
            if row is None:
                row = PersonRow(id=person.id or None)
                s.add(row)
            row.namn = namn
            row.organisation = person.organisation.strip()
            row.titel = person.titel.strip()
            row.epost = person.epost.strip()
            row.telefon = person.telefon.strip()
            s.flush()
            record(s, "person sparad", "person", row.id, namn)
            return person_dto(row)

    def remove_person(self, person_id: int) -> Person:
        with self.db.session() as s:
            row = s.get(PersonRow, person_id)
            if row is None:
                raise NotFoundError("Personen finns inte.")
            used = s.scalar(select(func.count()).where(MandateRow.person_id == person_id))
            if used:
                raise ValidationError(f"{row.namn} har {used} uppdrag; ta bort dem först.")
            dto = person_dto(row)
            s.delete(row)
            record(s, "person borttagen", "person", person_id, dto.namn)
            return dto

    # --- mandates --------------------------------------------------------------------------
    def list_mandates(self) -> list[Mandate]:
        with self.db.session() as s:
            rows = s.scalars(select(MandateRow).order_by(MandateRow.valid_from, MandateRow.id))
            return [mandate_dto(r) for r in rows]

    def save_mandate(self, mandate: Mandate) -> Mandate:
        role = Role(mandate.role)
        member_id = mandate.member_id
        validate_mandate(role, mandate.valid_from, mandate.valid_to, member_id)
        with self.db.session() as s:
            if s.get(PersonRow, mandate.person_id) is None:
                raise ValidationError("personen finns inte.", "Person")
            if member_id is not None and s.get(MemberRow, member_id) is None:
                raise ValidationError("medlemmen finns inte.", "Medlem")
            row = s.get(MandateRow, mandate.id) if mandate.id else None
            if row is None:
                row = MandateRow(id=mandate.id or None)
                s.add(row)
            row.person_id, row.role, row.member_id = mandate.person_id, role.value, member_id
            row.valid_from, row.valid_to = mandate.valid_from, mandate.valid_to
            row.anteckning = (mandate.anteckning or "").strip()
            s.flush()
            record(s, "uppdrag sparat", "mandate", row.id, f"{role.value} person {mandate.person_id}")
            return mandate_dto(row)

    def remove_mandate(self, mandate_id: int) -> Mandate:
        with self.db.session() as s:
            row = s.get(MandateRow, mandate_id)
            if row is None:
                raise NotFoundError("Uppdraget finns inte.")
            dto = mandate_dto(row)
            s.delete(row)
            record(s, "uppdrag borttaget", "mandate", mandate_id)
            return dto

    # --- derived ---------------------------------------------------------------------------
    def _all(self, s: Session) -> tuple[list[Member], list[Person], list[Mandate]]:
        members = [member_dto(r) for r in s.scalars(select(MemberRow).order_by(MemberRow.position, MemberRow.id))]
        persons = [person_dto(r) for r in s.scalars(select(PersonRow))]
        mandates = [mandate_dto(r) for r in s.scalars(select(MandateRow))]
        return members, persons, mandates

    def styrelse_on(self, day: date) -> Styrelse:
        with self.db.session() as s:
            return styrelse_on(day, *self._all(s), read_beslutforhet(s))

    def holders_on(self, day: date, role: Role) -> list[Person]:
        with self.db.session() as s:
            _members, persons, mandates = self._all(s)
            return holders_on(day, role, persons, mandates)

    def contribution_split(self, state_amount: Decimal) -> dict[Member, Decimal]:
        members = self.list_members()
        split = split_contributions(state_amount, members)
        return {m: split[m.id] for m in members if m.id in split}


def with_settings(forbund: Forbund, **changes) -> Forbund:
    """Convenience for callers: a copy of ``forbund`` with changed settings."""
    return replace(forbund, settings=replace(forbund.settings, **changes))


# What the other areas keep about a member that stops its removal (ON DELETE RESTRICT), in the user's words.
_MEMBER_USES = {
    "mandate": ("uppdrag", "uppdrag"),
    "budget_line": ("budgetrad", "budgetrader"),
    "verksamhet_aktivitet_deltagare": ("aktivitet med deltagare", "aktiviteter med deltagare"),
}


def _member_uses(s: Session, member_id: int) -> list[str]:
    """Counts such as "3 uppdrag" and "1 budgetrad" for every table whose rows hold the member with ON DELETE RESTRICT — found from
    the schema itself, so a new area's reference is never met as a raw foreign-key error."""
    member = MemberRow.__table__
    out = []
    for table in sorted(member.metadata.sorted_tables, key=lambda t: t.name):
        for fk in table.foreign_keys:
            if fk.column.table is not member or (fk.ondelete or "").upper() != "RESTRICT":
                continue
            n = s.scalar(select(func.count()).select_from(table).where(fk.parent == member_id)) or 0
            if n:
                one, many = _MEMBER_USES.get(table.name, ("rad i " + table.name, "rader i " + table.name))
                out.append(f"{n} {one if n == 1 else many}")
    return out
