"""Attestordning, signaturlista, delegationsordning and the register of delegationsbeslut.

One method = one user action = one transaction. Returns frozen dataclasses from the domain.
"""

from __future__ import annotations

import mimetypes
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from finsam_desktop import clock
from finsam_desktop.domain.attest.delegation import (
    Attachment,
    DecisionCheck,
    DecisionStatus,
    DelegationDecision,
    DelegationRow,
    Limit,
    LimitKind,
    check_decision,
    validate_delegation_row,
)
from finsam_desktop.domain.attest.rules import (
    AttestAnswer,
    AttestRow,
    AttestType,
    Avser,
    Directory,
    Party,
    PartyKind,
    Payee,
    PersonRef,
    ScopeKind,
    SignatureList,
    VersionRef,
    decide,
    rows_hash,
    signature_lines,
    transaction_findings,
    validate_attest_row,
)
from finsam_desktop.domain.common.dates import iso
from finsam_desktop.domain.common.errors import ImmutableRecordError, NotFoundError, ValidationError
from finsam_desktop.domain.common.money import from_ore, to_ore
from finsam_desktop.domain.organisation.model import Role
from finsam_desktop.domain.sammantraden.kinds import ItemKind
from finsam_desktop.persistence.database import Database
from finsam_desktop.persistence.models import AgendaItem, ForbundRow, MandateRow, MeetingRow, OrganRow, PersonRow
from finsam_desktop.persistence.models.attest import (
    AttestRowModel,
    DelegationAttachment,
    DelegationDecisionModel,
    DelegationRowModel,
    OrdningVersion,
    Prisbasbelopp,
)
from finsam_desktop.services.audit import record
from finsam_desktop.services.organisation.service import mandate_dto, person_dto, person_row_by_name
from finsam_desktop.services.sammantraden.area import MeetingsArea

KIND_ATTEST = "attest"
KIND_DELEGATION = "delegation"
KIND_LABELS = {KIND_ATTEST: "Attestordning", KIND_DELEGATION: "Delegationsordning"}

#: Meeting statuses from which the protocol is justerat (owned by Sammanträden/Justering).
JUSTERAD_STATUSES = ("justerat", "anslaget", "anslag_nedtaget")
ANMALAN_RUBRIK = "Anmälan av delegationsbeslut"
ATTACHMENT_MAX_BYTES = 25 * 1024 * 1024


@dataclass(frozen=True)
class VersionInfo:
    """One version of the attestordning or the delegationsordning."""

    id: int
    kind: str
    titel: str
    valid_from: date
    valid_to: date | None
    status: str
    adopted_text: str
    adopted_on: date | None
    adopted_item_id: int | None
    based_on_id: int | None
    adress: str
    content_hash: str
    row_count: int

    @property
    def adopted(self) -> bool:
        return self.status == "antagen"

    @property
    def status_text(self) -> str:
        return f"Antagen {self.adopted_text}".strip() if self.adopted else "Utkast"

    @property
    def period_text(self) -> str:
        return f"{iso(self.valid_from)} – {iso(self.valid_to) if self.valid_to else 'tills vidare'}"

    def covers(self, day: date) -> bool:
        return self.valid_from <= day and (self.valid_to is None or day <= self.valid_to)

    @property
    def ref(self) -> VersionRef:
        return VersionRef(self.id, self.titel, f"antagen {self.adopted_text}" if self.adopted_text else "")


@dataclass(frozen=True)
class DecisionInput:
    """What the entry dialog of the register hands in (id 0 = new)."""

    datum: date
    delegat_namn: str
    row_id: int | None
    arende: str
    belopp: Decimal | None = None
    beslut: str = ""
    diarienummer: str = ""
    id: int = 0


@dataclass(frozen=True)
class MeetingRef:
    id: int
    datum: date
    organ: str
    status: str

    @property
    def title(self) -> str:
        return f"{self.organ} {iso(self.datum)}"


def _version_dto(row: OrdningVersion, count: int) -> VersionInfo:
    return VersionInfo(
        row.id,
        row.kind,
        row.titel,
        row.valid_from,
        row.valid_to,
        row.status,
        row.adopted_text,
        row.adopted_on,
        row.adopted_item_id,
        row.based_on_id,
        row.adress,
        row.content_hash,
        count,
    )


def _party_of(kind: str | None, role: str | None, person_id: int | None, namn: str) -> Party | None:
    if not kind:
        return None
    k = PartyKind(kind)
    return Party(k, Role(role) if role else None, person_id, namn or "")


def _attest_dto(row: AttestRowModel) -> AttestRow:
    return AttestRow(
        id=row.id,
        position=row.position,
        typ=AttestType(row.typ),
        benamning=row.benamning,
        ordinarie=_party_of(row.ord_kind, row.ord_role, row.ord_person_id, row.ord_namn),
        ersattare=_party_of(row.ers_kind, row.ers_role, row.ers_person_id, row.ers_namn),
        scope_kind=ScopeKind(row.scope_kind),
        scope_value=row.scope_value,
        avser=Avser(row.avser),
        signers_required=row.signers_required,
        maxbelopp=from_ore(row.maxbelopp_ore),
        anmarkning=row.anmarkning,
    )


def _delegation_dto(row: DelegationRowModel) -> DelegationRow:
    kind = LimitKind(row.limit_kind)
    value = None
    if kind is LimitKind.KRONOR:
        value = from_ore(row.limit_ore)
    elif kind is LimitKind.PRISBASBELOPP and row.limit_pbb_hundredths is not None:
        value = (Decimal(row.limit_pbb_hundredths) / 100).normalize()
    return DelegationRow(
        id=row.id,
        position=row.position,
        arende=row.arende,
        delegat=Role(row.delegat_role),
        ersattare=Role(row.ersattare_role) if row.ersattare_role else None,
        limit=Limit(kind, value),
        anmalas=row.anmalas,
        anteckning=row.anteckning,
    )


def _attest_hash_rows(rows: list[AttestRow]):
    for r in rows:
        yield (
            r.position,
            r.typ.value,
            r.benamning,
            r.scope_kind.value,
            r.scope_value,
            r.avser.value,
            r.ordinarie,
            r.ersattare,
            r.signers_required,
            r.maxbelopp,
            r.anmarkning,
        )


def _delegation_hash_rows(rows: list[DelegationRow]):
    for r in rows:
        yield (
            r.position,
            r.arende,
            r.delegat.value,
            r.ersattare,
            r.limit.kind.value,
            r.limit.value,
            r.anmalas,
            r.anteckning,
        )


class AttestService:
    def __init__(self, db: Database):
        self.db = db

    # ------------------------------------------------------------------------------------------
    # helpers
    @staticmethod
    def _directory(s: Session, day: date) -> Directory:
        persons = [person_dto(r) for r in s.scalars(select(PersonRow))]
        mandates = [mandate_dto(r) for r in s.scalars(select(MandateRow))]
        refs = {p.id: PersonRef(p.id, p.namn) for p in persons}
        holders: dict[Role, list[PersonRef]] = {}
        for m in mandates:
            if m.valid_on(day):
                bucket = holders.setdefault(m.role, [])
                if all(x.id != m.person_id for x in bucket):
                    bucket.append(refs[m.person_id])
        return Directory(day, tuple(refs.values()), {k: tuple(v) for k, v in holders.items()})

    @staticmethod
    def _version_row(s: Session, version_id: int, kind: str | None = None) -> OrdningVersion:
        row = s.get(OrdningVersion, version_id)
        if row is None or (kind is not None and row.kind != kind):
            raise NotFoundError("Versionen finns inte.")
        return row

    @staticmethod
    def _count(s: Session, row: OrdningVersion) -> int:
        model = AttestRowModel if row.kind == KIND_ATTEST else DelegationRowModel
        return s.scalar(select(func.count()).where(model.version_id == row.id)) or 0

    def _dto(self, s: Session, row: OrdningVersion) -> VersionInfo:
        return _version_dto(row, self._count(s, row))

    @staticmethod
    def _in_force(s: Session, kind: str, day: date) -> OrdningVersion | None:
        return s.scalar(
            select(OrdningVersion)
            .where(
                OrdningVersion.kind == kind,
                OrdningVersion.status == "antagen",
                OrdningVersion.valid_from <= day,
                (OrdningVersion.valid_to.is_(None)) | (OrdningVersion.valid_to >= day),
            )
            .order_by(OrdningVersion.valid_from.desc(), OrdningVersion.id.desc())
            .limit(1)
        )

    @staticmethod
    def _draft(row: OrdningVersion) -> None:
        if row.status == "antagen":
            raise ImmutableRecordError(
                f"{row.titel} är antagen {row.adopted_text} och kan inte ändras; kopiera den till en ny version."
            )

    @staticmethod
    def _flush(s: Session) -> None:
        try:
            s.flush()
        except IntegrityError as exc:
            text = str(exc.orig)
            if "kan inte ändras" in text:
                raise ImmutableRecordError(text.split("\n")[0]) from None
            raise

    # ------------------------------------------------------------------------------------------
    # versions
    def list_versions(self, kind: str) -> list[VersionInfo]:
        with self.db.session() as s:
            rows = s.scalars(
                select(OrdningVersion)
                .where(OrdningVersion.kind == kind)
                .order_by(OrdningVersion.valid_from.desc(), OrdningVersion.id.desc())
            )
            return [self._dto(s, r) for r in rows]

    def get_version(self, version_id: int) -> VersionInfo:
        with self.db.session() as s:
            return self._dto(s, self._version_row(s, version_id))

    def version_in_force(self, kind: str, day: date) -> VersionInfo | None:
        with self.db.session() as s:
            row = self._in_force(s, kind, day)
            return self._dto(s, row) if row else None

    def version_for_year(self, kind: str, year: int, include_drafts: bool = True) -> VersionInfo | None:
        """The adopted version for ``year`` (in force on the latest day of the year it covers), else
        the newest draft starting in the year when ``include_drafts``."""
        with self.db.session() as s:
            first, last = date(year, 1, 1), date(year, 12, 31)
            adopted = s.scalars(
                select(OrdningVersion)
                .where(
                    OrdningVersion.kind == kind,
                    OrdningVersion.status == "antagen",
                    OrdningVersion.valid_from <= last,
                    (OrdningVersion.valid_to.is_(None)) | (OrdningVersion.valid_to >= first),
                )
                .order_by(OrdningVersion.valid_from.desc(), OrdningVersion.id.desc())
            ).first()
            if adopted is not None:
                return self._dto(s, adopted)
            if include_drafts:
                draft = s.scalars(
                    select(OrdningVersion)
                    .where(
                        OrdningVersion.kind == kind,
                        OrdningVersion.valid_from >= first,
                        OrdningVersion.valid_from <= last,
                    )
                    .order_by(OrdningVersion.id.desc())
                ).first()
                if draft is not None:
                    return self._dto(s, draft)
            return None

    def create_version(
        self, kind: str, titel: str, valid_from: date, valid_to: date | None = None, adress: str = ""
    ) -> VersionInfo:
        if kind not in KIND_LABELS:
            raise ValueError(kind)
        titel = (titel or "").strip()
        if not titel:
            raise ValidationError("får inte vara tom.", "Benämning")
        if valid_to is not None and valid_to < valid_from:
            raise ValidationError("slutdatum ligger före startdatum.", "Gäller till")
        with self.db.session() as s:
            row = OrdningVersion(
                kind=kind,
                titel=titel,
                valid_from=valid_from,
                valid_to=valid_to,
                status="utkast",
                adress=(adress or "").strip(),
                created_at=clock.now(),
            )
            s.add(row)
            s.flush()
            record(s, f"{KIND_LABELS[kind].lower()} skapad", "ordning_version", row.id, titel)
            return self._dto(s, row)

    def update_version(
        self,
        version_id: int,
        *,
        titel: str | None = None,
        valid_from: date | None = None,
        valid_to: date | bool | None = False,
        adress: str | None = None,
    ) -> VersionInfo:
        """Change a draft's header (only the given keywords; ``valid_to=None`` means tills vidare)."""
        with self.db.session() as s:
            row = self._version_row(s, version_id)
            self._draft(row)
            if titel is not None:
                if not titel.strip():
                    raise ValidationError("får inte vara tom.", "Benämning")
                row.titel = titel.strip()
            if valid_from is not None:
                row.valid_from = valid_from
            if valid_to is not False:
                row.valid_to = valid_to  # type: ignore[assignment]
            if row.valid_to is not None and row.valid_to < row.valid_from:
                raise ValidationError("slutdatum ligger före startdatum.", "Gäller till")
            if adress is not None:
                row.adress = adress.strip()
            self._flush(s)
            record(s, "version ändrad", "ordning_version", row.id, row.titel)
            return self._dto(s, row)

    def delete_version(self, version_id: int) -> VersionInfo:
        with self.db.session() as s:
            row = self._version_row(s, version_id)
            self._draft(row)
            if row.kind == KIND_DELEGATION:
                used = s.scalar(
                    select(func.count())
                    .select_from(DelegationDecisionModel)
                    .join(DelegationRowModel, DelegationRowModel.id == DelegationDecisionModel.row_id)
                    .where(DelegationRowModel.version_id == row.id)
                )
                if used:
                    raise ValidationError(f"{used} delegationsbeslut hänvisar till versionens rader.")
            dto = self._dto(s, row)
            s.delete(row)
            self._flush(s)
            record(s, "utkast borttaget", "ordning_version", version_id, dto.titel)
            return dto

    def copy_version(
        self,
        version_id: int,
        titel: str | None = None,
        valid_from: date | None = None,
        valid_to: date | bool | None = False,
    ) -> VersionInfo:
        """A new draft with the rows of ``version_id`` (the way a new year starts)."""
        with self.db.session() as s:
            src = self._version_row(s, version_id)
            years = max(1, (src.valid_to.year - src.valid_from.year + 1) if src.valid_to else 1)
            start = valid_from or date(src.valid_from.year + years, src.valid_from.month, src.valid_from.day)
            if valid_to is False:
                end = date(src.valid_to.year + years, src.valid_to.month, src.valid_to.day) if src.valid_to else None
            else:
                end = valid_to  # type: ignore[assignment]
            if titel is None:
                titel = src.titel.replace(str(src.valid_from.year), str(start.year))
                if titel == src.titel:
                    titel = f"{src.titel} ({start.year})"
            row = OrdningVersion(
                kind=src.kind,
                titel=titel,
                valid_from=start,
                valid_to=end,
                status="utkast",
                based_on_id=src.id,
                adress=src.adress,
                created_at=clock.now(),
            )
            s.add(row)
            s.flush()
            if src.kind == KIND_ATTEST:
                for r in s.scalars(select(AttestRowModel).where(AttestRowModel.version_id == src.id)):
                    data = {
                        c.name: getattr(r, c.name)
                        for c in AttestRowModel.__table__.columns
                        if c.name not in ("id", "version_id")
                    }
                    s.add(AttestRowModel(version_id=row.id, **data))
            else:
                for r in s.scalars(select(DelegationRowModel).where(DelegationRowModel.version_id == src.id)):
                    data = {
                        c.name: getattr(r, c.name)
                        for c in DelegationRowModel.__table__.columns
                        if c.name not in ("id", "version_id")
                    }
                    s.add(DelegationRowModel(version_id=row.id, **data))
            s.flush()
            record(s, "version kopierad", "ordning_version", row.id, f"från {src.id}: {titel}")
            return self._dto(s, row)

    def adopt_version(
        self,
        version_id: int,
        *,
        agenda_item_id: int | None = None,
        adopted_text: str = "",
        adopted_on: date | None = None,
    ) -> VersionInfo:
        """Lock a draft: adopted at a styrelse § (``agenda_item_id``) or a written reference."""
        with self.db.session() as s:
            row = self._version_row(s, version_id)
            self._draft(row)
            if self._count(s, row) == 0:
                raise ValidationError("versionen har inga rader att anta.")
            text = (adopted_text or "").strip()
            if agenda_item_id is not None:
                item = s.get(AgendaItem, agenda_item_id)
                if item is None:
                    raise ValidationError("paragrafen finns inte.", "Antagen vid")
                meeting = s.get(MeetingRow, item.meeting_id)
                organ = s.get(OrganRow, meeting.organ_id)
                number = f"§ {item.paragraph_number}" if item.paragraph_number else f"punkt {item.position}"
                text = text or f"{organ.namn} {iso(meeting.datum)} {number}"
                adopted_on = adopted_on or meeting.datum
            if not text:
                raise ValidationError("ange vid vilket sammanträde och vilken § versionen antogs.", "Antagen vid")
            clash = s.scalar(
                select(OrdningVersion).where(
                    OrdningVersion.kind == row.kind,
                    OrdningVersion.status == "antagen",
                    OrdningVersion.valid_from == row.valid_from,
                    OrdningVersion.id != row.id,
                )
            )
            if clash is not None:
                raise ValidationError(
                    f"{clash.titel} gäller redan från {iso(clash.valid_from)}; välj ett annat startdatum.",
                    "Gäller från",
                )
            row.content_hash = self._hash(s, row)
            row.status = "antagen"
            row.adopted_item_id = agenda_item_id
            row.adopted_text = text
            row.adopted_on = adopted_on
            self._flush(s)
            record(s, f"{KIND_LABELS[row.kind].lower()} antagen", "ordning_version", row.id, f"{row.titel}: {text}")
            return self._dto(s, row)

    def _hash(self, s: Session, row: OrdningVersion) -> str:
        header = [row.kind, row.titel, iso(row.valid_from), iso(row.valid_to), row.adress]
        if row.kind == KIND_ATTEST:
            rows = [
                _attest_dto(r)
                for r in s.scalars(
                    select(AttestRowModel)
                    .where(AttestRowModel.version_id == row.id)
                    .order_by(AttestRowModel.position, AttestRowModel.id)
                )
            ]
            return rows_hash(header, _attest_hash_rows(rows))
        rows2 = [
            _delegation_dto(r)
            for r in s.scalars(
                select(DelegationRowModel)
                .where(DelegationRowModel.version_id == row.id)
                .order_by(DelegationRowModel.position, DelegationRowModel.id)
            )
        ]
        return rows_hash(header, _delegation_hash_rows(rows2))

    def verify_hash(self, version_id: int) -> bool:
        with self.db.session() as s:
            row = self._version_row(s, version_id)
            return row.status != "antagen" or self._hash(s, row) == row.content_hash

    def styrelse_paragraphs(self, since: date | None = None) -> list[tuple[int, str]]:
        """(agenda_item id, "Styrelsen 2022-11-25 § 129 Rubrik") for the "antagen vid" picker."""
        with self.db.session() as s:
            q = (
                select(AgendaItem, MeetingRow, OrganRow)
                .join(MeetingRow, MeetingRow.id == AgendaItem.meeting_id)
                .join(OrganRow, OrganRow.id == MeetingRow.organ_id)
                .where(OrganRow.kind == "styrelse")
                .order_by(MeetingRow.datum.desc(), AgendaItem.position)
            )
            if since is not None:
                q = q.where(MeetingRow.datum >= since)
            out = []
            for item, meeting, organ in s.execute(q):
                number = f"§ {item.paragraph_number}" if item.paragraph_number else f"punkt {item.position}"
                out.append((item.id, f"{organ.namn} {iso(meeting.datum)} {number} {item.rubrik}"))
            return out

    # ------------------------------------------------------------------------------------------
    # attest rows
    def attest_rows(self, version_id: int) -> list[AttestRow]:
        with self.db.session() as s:
            self._version_row(s, version_id, KIND_ATTEST)
            rows = s.scalars(
                select(AttestRowModel)
                .where(AttestRowModel.version_id == version_id)
                .order_by(AttestRowModel.position, AttestRowModel.id)
            )
            return [_attest_dto(r) for r in rows]

    @staticmethod
    def _set_party(s: Session, row: AttestRowModel, prefix: str, party: Party | None) -> None:
        if party is None:
            values = (None, None, None, "")
        else:
            namn = party.namn
            if party.kind is PartyKind.PERSON:
                person = s.get(PersonRow, party.person_id)
                if person is None:
                    raise ValidationError("personen finns inte.", "Ordinarie" if prefix == "ord" else "Ersättare")
                namn = person.namn
            values = (party.kind.value, party.role.value if party.role else None, party.person_id, namn)
        for name, value in zip(("kind", "role", "person_id", "namn"), values, strict=True):
            setattr(row, f"{prefix}_{name}", value)

    def _draft_row(self, s: Session, model_cls, kind: str, version_id: int, row_id: int, position: int):
        """The row ``row_id`` of a draft version, or a new one (``row_id`` 0, or an unused id when a
        removal is undone) placed at ``position`` or last. Adopted versions are refused."""
        self._draft(self._version_row(s, version_id, kind))
        model = s.get(model_cls, row_id) if row_id else None
        if model is not None and model.version_id != version_id:
            raise ValidationError("raden hör till en annan version.")
        if model is None:
            last = s.scalar(select(func.max(model_cls.position)).where(model_cls.version_id == version_id))
            model = model_cls(id=row_id or None, version_id=version_id, position=position or (last or 0) + 1)
            s.add(model)
        elif position:
            model.position = position
        return model

    def save_attest_row(self, version_id: int, row: AttestRow) -> AttestRow:
        """Insert (``id == 0`` or an id not in use, as when undoing a removal) or update a row of a draft."""
        validate_attest_row(row)
        with self.db.session() as s:
            model = self._draft_row(s, AttestRowModel, KIND_ATTEST, version_id, row.id, row.position)
            model.typ = AttestType(row.typ).value
            model.benamning = row.benamning.strip()
            model.scope_kind = ScopeKind(row.scope_kind).value
            model.scope_value = row.scope_value.strip() if row.scope_kind is not ScopeKind.GENERELL else ""
            model.avser = Avser(row.avser).value
            self._set_party(s, model, "ord", row.ordinarie)
            self._set_party(s, model, "ers", row.ersattare)
            model.signers_required = row.signers_required
            model.maxbelopp_ore = to_ore(row.maxbelopp) if row.maxbelopp is not None else None
            model.anmarkning = row.anmarkning.strip()
            self._flush(s)
            record(s, "attestrad sparad", "attest_row", model.id, model.benamning)
            return _attest_dto(model)

    def remove_attest_row(self, row_id: int) -> AttestRow:
        with self.db.session() as s:
            model = s.get(AttestRowModel, row_id)
            if model is None:
                raise NotFoundError("Raden finns inte.")
            self._draft(self._version_row(s, model.version_id))
            dto = _attest_dto(model)
            s.delete(model)
            self._flush(s)
            record(s, "attestrad borttagen", "attest_row", row_id, dto.benamning)
            return dto

    # ------------------------------------------------------------------------------------------
    # the check tool
    def check(
        self,
        person_name: str,
        typ: AttestType,
        belopp: Decimal,
        datum: date,
        mottagare: str = "",
        scope: str = "",
    ) -> AttestAnswer:
        """Får ``person_name`` attestera? Names the rule and the version that decided it."""
        if not (person_name or "").strip():
            raise ValidationError("ange vem som ska attestera.", "Person")
        belopp = Decimal(belopp)
        if belopp < 0:
            raise ValidationError("beloppet kan inte vara negativt.", "Belopp")
        with self.db.session() as s:
            return self._check(s, person_name.strip(), AttestType(typ), belopp, datum, mottagare, scope)

    def _check(
        self,
        s: Session,
        person_name: str,
        typ: AttestType,
        belopp: Decimal,
        datum: date,
        mottagare: str,
        scope: str,
        directory: Directory | None = None,
    ) -> AttestAnswer:
        directory = directory or self._directory(s, datum)
        version = self._in_force(s, KIND_ATTEST, datum)
        rows: list[AttestRow] = []
        ref = None
        if version is not None:
            ref = self._dto(s, version).ref
            rows = [
                _attest_dto(r)
                for r in s.scalars(
                    select(AttestRowModel)
                    .where(AttestRowModel.version_id == version.id)
                    .order_by(AttestRowModel.position, AttestRowModel.id)
                )
            ]
        payee = Payee((mottagare or "").strip(), directory.find(mottagare) if mottagare else None)
        return decide(
            version=ref,
            rows=rows,
            directory=directory,
            person_name=person_name,
            typ=typ,
            belopp=belopp,
            payee=payee,
            scope=scope,
        )

    def check_transaction(
        self,
        datum: date,
        belopp: Decimal,
        motpart: str,
        attestanter: list[str],
        utanordnare: str | None = None,
        konto: str = "",
    ) -> list[str]:
        """Swedish findings for one payment (empty list = OK): self-attest, maxbelopp, två i
        förening, attestant without a valid mandate/row in the attestordning in force on ``datum``."""
        belopp = Decimal(belopp)
        names = [a.strip() for a in attestanter if a and a.strip()]
        with self.db.session() as s:
            directory = self._directory(s, datum)
            answers = [
                (a, self._check(s, a, AttestType.BESLUTSATTEST, belopp, datum, motpart, konto, directory))
                for a in names
            ]
            pay = None
            if utanordnare and utanordnare.strip():
                u = utanordnare.strip()
                pay = (u, self._check(s, u, AttestType.UTANORDNING, belopp, datum, motpart, konto, directory))
            required = self._signers_required(s, datum, directory, motpart, konto)
            if self._in_force(s, KIND_ATTEST, datum) is None:
                return [f"Ingen antagen attestordning gäller {iso(datum)}."]
            return transaction_findings(answers, pay, required)

    def _signers_required(self, s: Session, datum: date, directory: Directory, motpart: str, konto: str) -> int:
        version = self._in_force(s, KIND_ATTEST, datum)
        if version is None:
            return 2
        rows = [
            _attest_dto(r) for r in s.scalars(select(AttestRowModel).where(AttestRowModel.version_id == version.id))
        ]
        relevant = [r for r in rows if r.typ is AttestType.UTANORDNING and r.covers_scope(konto)]
        return max((r.signers_required for r in relevant), default=2)

    def attestants_on(self, datum: date) -> list[str]:
        """Names who appear in the attestordning in force on ``datum`` (for pickers)."""
        with self.db.session() as s:
            version = self._in_force(s, KIND_ATTEST, datum)
            if version is None:
                return []
            directory = self._directory(s, datum)
            names: list[str] = []
            for r in s.scalars(
                select(AttestRowModel).where(AttestRowModel.version_id == version.id).order_by(AttestRowModel.position)
            ):
                dto = _attest_dto(r)
                for party in (dto.ordinarie, dto.ersattare):
                    for n in directory.resolve(party):
                        if n not in names:
                            names.append(n)
            return names

    # ------------------------------------------------------------------------------------------
    # signaturlista
    def signature_list(self, version_id: int) -> SignatureList:
        with self.db.session() as s:
            version = self._version_row(s, version_id, KIND_ATTEST)
            forbund = s.get(ForbundRow, 1)
            day = version.valid_from
            directory = self._directory(s, day)
            rows = [
                _attest_dto(r)
                for r in s.scalars(
                    select(AttestRowModel)
                    .where(AttestRowModel.version_id == version.id)
                    .order_by(AttestRowModel.position, AttestRowModel.id)
                )
            ]
            lines = signature_lines(rows, directory)
            executed = []
            for r in rows:
                if r.typ in (AttestType.UTANORDNING, AttestType.BOKFORINGSORDER, AttestType.DEKLARATIONSOMBUD):
                    who = ", ".join(n for party in (r.ordinarie, r.ersattare) for n in directory.resolve(party))
                    sign = (
                        " Signering av två i förening."
                        if r.signers_required == 2
                        else (" Signering av en person." if r.typ is AttestType.BOKFORINGSORDER else "")
                    )
                    executed.append((r.benamning, f"{who}.{sign}".strip(". ") + ("." if who or sign else "")))
            stamp = (version.adopted_on or version.valid_from).strftime("%y%m%d")
            adress = version.adress or (forbund.postadress if forbund else "")
            return SignatureList(
                forbund=forbund.namn if forbund else "",
                title=f"Signaturlista {version.valid_from.year}",
                adress=adress,
                version=f"{version.titel}"
                + (f", antagen {version.adopted_text}" if version.adopted_text else " (utkast)"),
                stamp=stamp,
                lines=tuple(lines),
                draft=version.status != "antagen",
                executed_by=tuple(executed),
            )

    # ------------------------------------------------------------------------------------------
    # delegation rows and prisbasbelopp
    def delegation_rows(self, version_id: int) -> list[DelegationRow]:
        with self.db.session() as s:
            self._version_row(s, version_id, KIND_DELEGATION)
            rows = s.scalars(
                select(DelegationRowModel)
                .where(DelegationRowModel.version_id == version_id)
                .order_by(DelegationRowModel.position, DelegationRowModel.id)
            )
            return [_delegation_dto(r) for r in rows]

    def save_delegation_row(
        self, version_id: int, row: DelegationRow, kl638_ticked: tuple[str, ...] = ()
    ) -> DelegationRow:
        validate_delegation_row(row, kl638_ticked)
        with self.db.session() as s:
            model = self._draft_row(s, DelegationRowModel, KIND_DELEGATION, version_id, row.id, row.position)
            model.arende = row.arende.strip()
            model.delegat_role = Role(row.delegat).value
            model.ersattare_role = Role(row.ersattare).value if row.ersattare else None
            model.limit_kind = row.limit.kind.value
            model.limit_ore = to_ore(row.limit.value) if row.limit.kind is LimitKind.KRONOR else None
            model.limit_pbb_hundredths = (
                int((row.limit.value * 100).to_integral_value()) if row.limit.kind is LimitKind.PRISBASBELOPP else None
            )
            model.anmalas = bool(row.anmalas)
            model.anteckning = row.anteckning.strip()
            self._flush(s)
            record(s, "delegationsrad sparad", "delegation_row", model.id, model.arende)
            return _delegation_dto(model)

    def remove_delegation_row(self, row_id: int) -> DelegationRow:
        with self.db.session() as s:
            model = s.get(DelegationRowModel, row_id)
            if model is None:
                raise NotFoundError("Raden finns inte.")
            self._draft(self._version_row(s, model.version_id))
            used = s.scalar(select(func.count()).where(DelegationDecisionModel.row_id == row_id))
            if used:
                raise ValidationError(f"{used} delegationsbeslut hänvisar till raden; den kan inte tas bort.")
            dto = _delegation_dto(model)
            s.delete(model)
            self._flush(s)
            record(s, "delegationsrad borttagen", "delegation_row", row_id, dto.arende)
            return dto

    def prisbasbelopp(self) -> dict[int, Decimal]:
        with self.db.session() as s:
            return {
                r.year: from_ore(r.belopp_ore) for r in s.scalars(select(Prisbasbelopp).order_by(Prisbasbelopp.year))
            }

    def set_prisbasbelopp(self, year: int, belopp: Decimal | None) -> dict[int, Decimal]:
        """Add or change a year's prisbasbelopp (None removes the year)."""
        if not 1990 <= int(year) <= 2100:
            raise ValidationError("ange ett år mellan 1990 och 2100.", "År")
        with self.db.session() as s:
            row = s.get(Prisbasbelopp, int(year))
            if belopp is None:
                if row is not None:
                    s.delete(row)
                record(s, "prisbasbelopp borttaget", "prisbasbelopp", int(year))
            else:
                belopp = Decimal(belopp)
                if belopp <= 0:
                    raise ValidationError("måste vara större än noll.", f"Prisbasbelopp {year}")
                if row is None:
                    row = Prisbasbelopp(year=int(year), belopp_ore=to_ore(belopp))
                    s.add(row)
                else:
                    row.belopp_ore = to_ore(belopp)
                record(s, "prisbasbelopp sparat", "prisbasbelopp", int(year), str(belopp))
            s.flush()
            return {
                r.year: from_ore(r.belopp_ore) for r in s.scalars(select(Prisbasbelopp).order_by(Prisbasbelopp.year))
            }

    # ------------------------------------------------------------------------------------------
    # delegationsbeslut
    def _pbb(self, s: Session) -> dict[int, Decimal]:
        return {r.year: from_ore(r.belopp_ore) for r in s.scalars(select(Prisbasbelopp))}

    def _check_decision(
        self,
        s: Session,
        datum: date,
        belopp: Decimal | None,
        row_id: int | None,
        delegat_namn: str,
        person_id: int | None,
        pbb: dict[int, Decimal] | None = None,
    ) -> DecisionCheck:
        version = self._in_force(s, KIND_DELEGATION, datum)
        row_model = s.get(DelegationRowModel, row_id) if row_id else None
        directory = self._directory(s, datum)
        roles = directory.roles_of(person_id) if person_id else ()
        return check_decision(
            datum=datum,
            belopp=belopp,
            row=_delegation_dto(row_model) if row_model else None,
            row_in_force=bool(version and row_model and row_model.version_id == version.id),
            version_title=version.titel if version else None,
            delegat_namn=delegat_namn,
            delegat_roles=roles,
            pbb=pbb if pbb is not None else self._pbb(s),
        )

    def check_decision(self, entry: DecisionInput) -> DecisionCheck:
        """The warnings the entry dialog shows before saving."""
        with self.db.session() as s:
            person = self._person_by_name(s, entry.delegat_namn)
            return self._check_decision(
                s, entry.datum, entry.belopp, entry.row_id, entry.delegat_namn.strip(), person.id if person else None
            )

    def delegation_rows_on(self, datum: date) -> list[DelegationRow]:
        """Rows of the delegationsordning in force on ``datum`` (for the entry dialog)."""
        with self.db.session() as s:
            version = self._in_force(s, KIND_DELEGATION, datum)
            if version is None:
                return []
            return [
                _delegation_dto(r)
                for r in s.scalars(
                    select(DelegationRowModel)
                    .where(DelegationRowModel.version_id == version.id)
                    .order_by(DelegationRowModel.position)
                )
            ]

    @staticmethod
    def _person_by_name(s: Session, namn: str) -> PersonRow | None:
        return person_row_by_name(s, namn)

    def _decision_dto(self, s: Session, row: DelegationDecisionModel, pbb: dict[int, Decimal]) -> DelegationDecision:
        drow = s.get(DelegationRowModel, row.row_id) if row.row_id else None
        belopp = from_ore(row.belopp_ore)
        check = self._check_decision(s, row.datum, belopp, row.row_id, row.delegat_namn, row.delegat_person_id, pbb)
        if row.anmalt_text:
            status, text = DecisionStatus.ANMALT, f"Anmält vid {row.anmalt_text}"
        elif drow is not None and not drow.anmalas:
            status, text = DecisionStatus.ANMALS_EJ, "Anmäls ej"
        elif row.anmalan_item_id is not None:
            item = s.get(AgendaItem, row.anmalan_item_id)
            meeting = s.get(MeetingRow, item.meeting_id) if item else None
            if meeting is not None and meeting.status in JUSTERAD_STATUSES:
                # justerat but not yet written back by mark_reported_for_meeting: already anmält
                organ = s.get(OrganRow, meeting.organ_id)
                status, text = (
                    DecisionStatus.ANMALT,
                    f"Anmält vid {_paragraph(item)} ({organ.namn} {iso(meeting.datum)})",
                )
            else:
                status = DecisionStatus.PA_DAGORDNING
                text = f"Ej anmält – på dagordningen {iso(meeting.datum)}" if meeting else "Ej anmält"
        else:
            status, text = DecisionStatus.EJ_ANMALT, "Ej anmält"
        attachments = tuple(
            Attachment(a.id, a.filnamn, a.storlek, a.mime)
            for a in s.scalars(
                select(DelegationAttachment)
                .where(DelegationAttachment.decision_id == row.id)
                .order_by(DelegationAttachment.id)
            )
        )
        return DelegationDecision(
            id=row.id,
            datum=row.datum,
            delegat_person_id=row.delegat_person_id,
            delegat_namn=row.delegat_namn,
            row_id=row.row_id,
            row_arende=drow.arende if drow else "",
            arende=row.arende,
            belopp=belopp,
            beslut=row.beslut,
            diarienummer=row.diarienummer,
            status=status,
            status_text=text,
            check=check,
            attachments=attachments,
            anmalan_item_id=row.anmalan_item_id,
        )

    def list_decisions(self, year: int | None = None) -> list[DelegationDecision]:
        with self.db.session() as s:
            q = select(DelegationDecisionModel).order_by(DelegationDecisionModel.datum, DelegationDecisionModel.id)
            if year is not None:
                q = q.where(
                    DelegationDecisionModel.datum >= date(year, 1, 1),
                    DelegationDecisionModel.datum <= date(year, 12, 31),
                )
            pbb = self._pbb(s)
            return [self._decision_dto(s, r, pbb) for r in s.scalars(q)]

    def decision_years(self) -> list[int]:
        with self.db.session() as s:
            return sorted({d.year for d in s.scalars(select(DelegationDecisionModel.datum))})

    def get_decision(self, decision_id: int) -> DelegationDecision:
        with self.db.session() as s:
            row = s.get(DelegationDecisionModel, decision_id)
            if row is None:
                raise NotFoundError("Delegationsbeslutet finns inte.")
            return self._decision_dto(s, row, self._pbb(s))

    def save_decision(self, entry: DecisionInput) -> DelegationDecision:
        """Register (id 0 or an id not in use) or correct a delegationsbeslut; the checks against the
        delegationsordning in force are computed and shown, not enforced (the decision exists)."""
        namn = (entry.delegat_namn or "").strip()
        if not namn:
            raise ValidationError("ange vem som fattade beslutet.", "Delegat")
        if not (entry.arende or "").strip():
            raise ValidationError("får inte vara tomt.", "Ärende")
        if entry.belopp is not None and entry.belopp < 0:
            raise ValidationError("kan inte vara negativt.", "Belopp")
        with self.db.session() as s:
            person = self._person_by_name(s, namn)
            if person is None:
                raise ValidationError(
                    f"”{namn}” finns inte bland personerna; lägg till personen under Förbundet.", "Delegat"
                )
            if entry.row_id is not None and s.get(DelegationRowModel, entry.row_id) is None:
                raise ValidationError("raden i delegationsordningen finns inte.", "Delegation")
            row = s.get(DelegationDecisionModel, entry.id) if entry.id else None
            if row is not None and row.anmalt_text:
                raise ImmutableRecordError(f"Beslutet är anmält vid {row.anmalt_text} och kan inte ändras.")
            if row is None:
                row = DelegationDecisionModel(id=entry.id or None, created_at=clock.now())
                s.add(row)
            row.datum = entry.datum
            row.delegat_person_id = person.id
            row.delegat_namn = person.namn
            row.row_id = entry.row_id
            row.arende = entry.arende.strip()
            row.belopp_ore = to_ore(entry.belopp) if entry.belopp is not None else None
            row.beslut = (entry.beslut or "").strip()
            row.diarienummer = (entry.diarienummer or "").strip()
            self._flush(s)
            record(s, "delegationsbeslut registrerat", "delegation_decision", row.id, f"{iso(row.datum)} {row.arende}")
            return self._decision_dto(s, row, self._pbb(s))

    def remove_decision(self, decision_id: int) -> tuple[DecisionInput, list[tuple[str, str, bytes]]]:
        """Remove an unreported decision; returns what undo needs to restore it."""
        with self.db.session() as s:
            row = s.get(DelegationDecisionModel, decision_id)
            if row is None:
                raise NotFoundError("Delegationsbeslutet finns inte.")
            if row.anmalt_text:
                raise ImmutableRecordError(f"Beslutet är anmält vid {row.anmalt_text} och kan inte tas bort.")
            snapshot = DecisionInput(
                row.datum,
                row.delegat_namn,
                row.row_id,
                row.arende,
                from_ore(row.belopp_ore),
                row.beslut,
                row.diarienummer,
                row.id,
            )
            files = [
                (a.filnamn, a.mime, a.data)
                for a in s.scalars(select(DelegationAttachment).where(DelegationAttachment.decision_id == row.id))
            ]
            s.delete(row)
            self._flush(s)
            record(s, "delegationsbeslut borttaget", "delegation_decision", decision_id, row.arende)
            return snapshot, files

    def add_attachment(self, decision_id: int, filnamn: str, data: bytes, mime: str = "") -> Attachment:
        if not filnamn.strip():
            raise ValidationError("filen saknar namn.", "Bilaga")
        if len(data) > ATTACHMENT_MAX_BYTES:
            raise ValidationError(f"filen är större än {ATTACHMENT_MAX_BYTES // (1024 * 1024)} MB.", filnamn)
        with self.db.session() as s:
            row = s.get(DelegationDecisionModel, decision_id)
            if row is None:
                raise NotFoundError("Delegationsbeslutet finns inte.")
            if row.anmalt_text:
                raise ImmutableRecordError(f"Beslutet är anmält vid {row.anmalt_text}; bilagor kan inte ändras.")
            mime = mime or mimetypes.guess_type(filnamn)[0] or "application/octet-stream"
            att = DelegationAttachment(
                decision_id=decision_id, filnamn=filnamn.strip(), mime=mime, storlek=len(data), data=bytes(data)
            )
            s.add(att)
            self._flush(s)
            record(s, "bilaga tillagd", "delegation_decision", decision_id, filnamn)
            return Attachment(att.id, att.filnamn, att.storlek, att.mime)

    def attachment_data(self, attachment_id: int) -> tuple[str, bytes]:
        with self.db.session() as s:
            att = s.get(DelegationAttachment, attachment_id)
            if att is None:
                raise NotFoundError("Bilagan finns inte.")
            return att.filnamn, bytes(att.data)

    def remove_attachment(self, attachment_id: int) -> Attachment:
        with self.db.session() as s:
            att = s.get(DelegationAttachment, attachment_id)
            if att is None:
                raise NotFoundError("Bilagan finns inte.")
            dto = Attachment(att.id, att.filnamn, att.storlek, att.mime)
            s.delete(att)
            self._flush(s)
            record(s, "bilaga borttagen", "delegation_decision", att.decision_id, att.filnamn)
            return dto

    # ------------------------------------------------------------------------------------------
    # anmälan to the styrelse (contract with Sammanträden/Justering)
    @staticmethod
    def _reportable(s: Session, until: date):
        return (
            select(DelegationDecisionModel)
            .outerjoin(DelegationRowModel, DelegationRowModel.id == DelegationDecisionModel.row_id)
            .where(
                DelegationDecisionModel.anmalt_text == "",
                DelegationDecisionModel.datum <= until,
                (DelegationRowModel.id.is_(None)) | (DelegationRowModel.anmalas.is_(True)),
            )
            .order_by(DelegationDecisionModel.datum, DelegationDecisionModel.id)
        )

    def unreported_decisions(self, until: date) -> list[DelegationDecision]:
        """Decisions taken up to ``until`` that must be anmälda and are not yet (ej anmält), including
        those already placed on a dagordning whose protocol is not justerat."""
        with self.db.session() as s:
            pbb = self._pbb(s)
            out = [self._decision_dto(s, r, pbb) for r in s.scalars(self._reportable(s, until))]
            return [d for d in out if d.status is not DecisionStatus.ANMALT]

    def sync_reported(self) -> int:
        """Mark as anmälda the decisions listed on every protocol that has been justerat since (the
        same as ``mark_reported_for_meeting`` for all such meetings). Returns how many were marked."""
        with self.db.session() as s:
            ids = sorted(
                set(
                    s.scalars(
                        select(MeetingRow.id)
                        .join(AgendaItem, AgendaItem.meeting_id == MeetingRow.id)
                        .join(DelegationDecisionModel, DelegationDecisionModel.anmalan_item_id == AgendaItem.id)
                        .where(DelegationDecisionModel.anmalt_text == "", MeetingRow.status.in_(JUSTERAD_STATUSES))
                    )
                )
            )
        return sum(self.mark_reported_for_meeting(i) for i in ids)

    def styrelse_meetings(self, year: int) -> list[MeetingRef]:
        """The styrelse meetings of ``year`` in date order."""
        with self.db.session() as s:
            rows = s.execute(
                select(MeetingRow, OrganRow)
                .join(OrganRow, OrganRow.id == MeetingRow.organ_id)
                .where(
                    OrganRow.kind == "styrelse",
                    MeetingRow.datum >= date(year, 1, 1),
                    MeetingRow.datum <= date(year, 12, 31),
                )
                .order_by(MeetingRow.datum, MeetingRow.id)
            )
            return [MeetingRef(m.id, m.datum, o.namn, m.status) for m, o in rows]

    def report_reference(self, meeting_id: int, standard: str = "kansliet_informerar") -> tuple[str, date, int | None]:
        """(text, date, agenda item id) for registering decisions as anmälda at an already justerat
        meeting under one of its standing items (default "Kansliet informerar")."""
        with self.db.session() as s:
            meeting, organ = self._meeting(s, meeting_id)
            items = list(
                s.scalars(select(AgendaItem).where(AgendaItem.meeting_id == meeting_id).order_by(AgendaItem.position))
            )
            item = next((i for i in items if getattr(i, "standard", "") == standard), None)
            where = f"{_paragraph(item)} " if item is not None else ""
            return f"{where}({organ.namn} {iso(meeting.datum)})", meeting.datum, item.id if item else None

    def _meeting(self, s: Session, meeting_id: int) -> tuple[MeetingRow, OrganRow]:
        meeting = s.get(MeetingRow, meeting_id)
        if meeting is None:
            raise NotFoundError("Sammanträdet finns inte.")
        return meeting, s.get(OrganRow, meeting.organ_id)

    @staticmethod
    def _anmalan_item(s: Session, meeting_id: int) -> AgendaItem | None:
        return s.scalar(
            select(AgendaItem).where(
                AgendaItem.meeting_id == meeting_id, AgendaItem.kind == "anmalan", AgendaItem.rubrik == ANMALAN_RUBRIK
            )
        )

    def add_anmalan_item(self, meeting_id: int) -> int | None:
        """Put "Anmälan av delegationsbeslut" on a styrelse meeting's dagordning with every decision not
        yet anmält or placed on another dagordning. Returns the agenda item's id, or None when there is
        nothing to report. Idempotent: a second call adds newer decisions to the same item.

        The item itself is created through the Sammanträden service so that it gets its § number and
        its place before the closing standing items."""
        with self.db.session() as s:
            meeting, organ = self._meeting(s, meeting_id)
            if organ.kind != "styrelse":
                raise ValidationError(f"delegationsbeslut anmäls till styrelsen, inte till {organ.namn.lower()}.")
            if meeting.status in JUSTERAD_STATUSES or meeting.status == "klart_for_justering":
                raise ImmutableRecordError(f"Protokollet för {organ.namn} {iso(meeting.datum)} är låst.")
            has_pending = any(r.anmalan_item_id is None for r in s.scalars(self._reportable(s, meeting.datum)))
            existing = self._anmalan_item(s, meeting_id)
        if existing is None:
            if not has_pending:
                return None
            MeetingsArea(self.db).agenda.add_item(meeting_id, ANMALAN_RUBRIK, ItemKind.ANMALAN)
        with self.db.session() as s:
            meeting, _organ = self._meeting(s, meeting_id)
            item = self._anmalan_item(s, meeting_id)
            pending = [r for r in s.scalars(self._reportable(s, meeting.datum)) if r.anmalan_item_id is None]
            for r in pending:
                r.anmalan_item_id = item.id
            s.flush()
            self._write_item_text(s, item)
            record(s, "anmälan av delegationsbeslut på dagordning", "agenda_item", item.id, f"{len(pending)} beslut")
            item_id, changed = item.id, bool(pending)
        if changed:
            self._attach_bilaga(meeting_id, item_id)
        return item_id

    def _attach_bilaga(self, meeting_id: int, item_id: int) -> None:
        """The list as a bilaga to the §, through the Sammanträden service (replacing an older one)."""
        meetings = MeetingsArea(self.db)
        for old in meetings.bilagor.list_bilagor(meeting_id):
            if old.titel == ANMALAN_RUBRIK:
                meetings.bilagor.remove_bilaga(old.id)
        pdf = self.anmalan_bilaga_pdf(item_id)
        bilaga = meetings.bilagor.add_bilaga(
            meeting_id, ANMALAN_RUBRIK, "anmalan-av-delegationsbeslut.pdf", pdf, item_id=item_id
        )
        token = meetings.bilagor.bilaga_token(bilaga.id)
        with self.db.session() as s:
            columns = AgendaItem.__table__.columns
            if "text" in columns:
                s.execute(
                    AgendaItem.__table__.update()
                    .where(columns["id"] == item_id)
                    .values(text=f"Förteckning över delegationsbeslut som anmäls, se {token}.")
                )
                _reindex(s, item_id)

    def _write_item_text(self, s: Session, item: AgendaItem) -> None:
        """Fill the § body with the list, when the Sammanträden columns exist."""
        columns = AgendaItem.__table__.columns
        decisions = list(
            s.scalars(
                select(DelegationDecisionModel)
                .where(DelegationDecisionModel.anmalan_item_id == item.id)
                .order_by(DelegationDecisionModel.datum, DelegationDecisionModel.id)
            )
        )
        text = anmalan_text(decisions)
        for name in ("arendebeskrivning",):
            if name in columns:
                s.execute(AgendaItem.__table__.update().where(columns["id"] == item.id).values({name: text}))
        _reindex(s, item.id)

    def decisions_for_item(self, agenda_item_id: int) -> list[DelegationDecision]:
        """The decisions listed under an "Anmälan av delegationsbeslut" § (for the § and the bilaga)."""
        with self.db.session() as s:
            pbb = self._pbb(s)
            rows = s.scalars(
                select(DelegationDecisionModel)
                .where(DelegationDecisionModel.anmalan_item_id == agenda_item_id)
                .order_by(DelegationDecisionModel.datum, DelegationDecisionModel.id)
            )
            return [self._decision_dto(s, r, pbb) for r in rows]

    def anmalan_text(self, agenda_item_id: int) -> str:
        """The list for the § text: one line per decision."""
        with self.db.session() as s:
            rows = list(
                s.scalars(
                    select(DelegationDecisionModel)
                    .where(DelegationDecisionModel.anmalan_item_id == agenda_item_id)
                    .order_by(DelegationDecisionModel.datum, DelegationDecisionModel.id)
                )
            )
            return anmalan_text(rows)

    def mark_reported_for_meeting(self, meeting_id: int) -> int:
        """After the protocol is justerat: the decisions on its "Anmälan av delegationsbeslut" become
        anmälda vid that §. Returns how many were marked."""
        with self.db.session() as s:
            meeting, organ = self._meeting(s, meeting_id)
            if meeting.status not in JUSTERAD_STATUSES:
                raise ValidationError(
                    f"protokollet för {organ.namn} {iso(meeting.datum)} är inte justerat än; "
                    "delegationsbesluten blir anmälda när det är justerat."
                )
            count = 0
            items = list(s.scalars(select(AgendaItem).where(AgendaItem.meeting_id == meeting_id)))
            for item in items:
                decisions = list(
                    s.scalars(
                        select(DelegationDecisionModel).where(
                            DelegationDecisionModel.anmalan_item_id == item.id,
                            DelegationDecisionModel.anmalt_text == "",
                        )
                    )
                )
                number = _paragraph(item)
                for d in decisions:
                    d.anmalt_text = f"{number} ({organ.namn} {iso(meeting.datum)})"
                    d.anmalt_datum = meeting.datum
                    count += 1
            s.flush()
            if count:
                record(s, "delegationsbeslut anmälda", "meeting", meeting_id, f"{count} beslut")
            return count

    def record_reported(
        self, decision_id: int, anmalt_vid: str, datum: date, agenda_item_id: int | None = None
    ) -> DelegationDecision:
        """Register that a decision was anmält before it was entered here (older paper protocols)."""
        text = (anmalt_vid or "").strip()
        if not text:
            raise ValidationError("ange vid vilket sammanträde och vilken § beslutet anmäldes.", "Anmält vid")
        with self.db.session() as s:
            row = s.get(DelegationDecisionModel, decision_id)
            if row is None:
                raise NotFoundError("Delegationsbeslutet finns inte.")
            if row.anmalt_text:
                raise ImmutableRecordError(f"Beslutet är redan anmält vid {row.anmalt_text}.")
            if datum < row.datum:
                raise ValidationError("beslutet kan inte anmälas före det fattades.", "Anmält datum")
            if agenda_item_id is not None and s.get(AgendaItem, agenda_item_id) is None:
                raise ValidationError("paragrafen finns inte.", "Anmält vid")
            row.anmalan_item_id = agenda_item_id
            row.anmalt_text = text
            row.anmalt_datum = datum
            self._flush(s)
            record(s, "delegationsbeslut registrerat som anmält", "delegation_decision", row.id, text)
            return self._decision_dto(s, row, self._pbb(s))

    def next_styrelse_meeting(self, after: date) -> MeetingRef | None:
        """The next styrelse meeting on or after ``after`` whose protocol is still open."""
        with self.db.session() as s:
            found = s.execute(
                select(MeetingRow, OrganRow)
                .join(OrganRow, OrganRow.id == MeetingRow.organ_id)
                .where(
                    OrganRow.kind == "styrelse",
                    MeetingRow.datum >= after,
                    MeetingRow.status.notin_(JUSTERAD_STATUSES + ("klart_for_justering",)),
                )
                .order_by(MeetingRow.datum)
                .limit(1)
            ).first()
            if not found:
                return None
            meeting, organ = found
            return MeetingRef(meeting.id, meeting.datum, organ.namn, meeting.status)

    # ------------------------------------------------------------------------------------------
    # exports (bytes)
    def _require(self, kind: str, year: int) -> VersionInfo:
        version = self.version_for_year(kind, year)
        if version is None:
            raise NotFoundError(f"Det finns ingen {KIND_LABELS[kind].lower()} för {year}.")
        return version

    def export_signaturlista(self, year: int, fmt: str = "pdf") -> bytes:
        from finsam_desktop.reports.attest.signaturlista import signaturlista_pdf, signaturlista_xlsx

        doc = self.signature_list(self._require(KIND_ATTEST, year).id)
        return signaturlista_pdf(doc) if fmt == "pdf" else signaturlista_xlsx(doc)

    def attest_document(self, version_id: int):
        from finsam_desktop.reports.attest.attestordning import AttestDocument

        version = self.get_version(version_id)
        forbund = self._forbund_name()
        with self.db.session() as s:
            directory = self._directory(s, version.valid_from)
        rows = self.attest_rows(version_id)
        return AttestDocument(
            forbund,
            version.titel,
            version.period_text,
            version.status_text,
            not version.adopted,
            tuple(
                (r, ", ".join(directory.resolve(r.ordinarie)), ", ".join(directory.resolve(r.ersattare))) for r in rows
            ),
        )

    def export_attestordning(self, version_id: int, fmt: str = "pdf") -> bytes:
        from finsam_desktop.reports.attest.attestordning import attestordning_pdf, attestordning_xlsx

        doc = self.attest_document(version_id)
        return attestordning_pdf(doc) if fmt == "pdf" else attestordning_xlsx(doc)

    def delegation_document(self, version_id: int):
        from finsam_desktop.reports.attest.delegation import DelegationDocument

        version = self.get_version(version_id)
        pbb = self.prisbasbelopp()
        return DelegationDocument(
            self._forbund_name(),
            version.titel,
            version.period_text,
            version.status_text,
            not version.adopted,
            tuple(self.delegation_rows(version_id)),
            pbb.get(version.valid_from.year),
            version.valid_from.year,
        )

    def export_delegationsordning(self, version_id: int, fmt: str = "pdf") -> bytes:
        from finsam_desktop.reports.attest.delegation import delegationsordning_pdf, delegationsordning_xlsx

        doc = self.delegation_document(version_id)
        return delegationsordning_pdf(doc) if fmt == "pdf" else delegationsordning_xlsx(doc)

    def export_register(self, year: int | None, fmt: str = "pdf") -> bytes:
        from finsam_desktop.reports.attest.delegation import RegisterDocument, register_pdf, register_xlsx

        title = f"Delegationsbeslut {year}" if year else "Delegationsbeslut"
        doc = RegisterDocument(self._forbund_name(), title, tuple(self.list_decisions(year)))
        return register_pdf(doc) if fmt == "pdf" else register_xlsx(doc)

    def anmalan_bilaga_pdf(self, agenda_item_id: int) -> bytes:
        """The bilaga "Anmälan av delegationsbeslut" for the meeting's protocol."""
        from finsam_desktop.reports.attest.delegation import RegisterDocument, register_pdf

        with self.db.session() as s:
            item = s.get(AgendaItem, agenda_item_id)
            if item is None:
                raise NotFoundError("Punkten finns inte.")
            meeting, organ = self._meeting(s, item.meeting_id)
            title = f"Anmälan av delegationsbeslut – {organ.namn} {iso(meeting.datum)}"
        return register_pdf(
            RegisterDocument(self._forbund_name(), title, tuple(self.decisions_for_item(agenda_item_id)), anmalan=True)
        )

    def _forbund_name(self) -> str:
        with self.db.session() as s:
            row = s.get(ForbundRow, 1)
            return row.namn if row else ""


def _paragraph(item) -> str:
    return f"§ {item.paragraph_number}" if item.paragraph_number else f"punkt {item.position}"


def anmalan_text(decisions) -> str:
    """ "2026-03-02 Direktupphandling av … (Eva Forsberg), 45 000 kr, dnr 2026/12" per line."""
    from finsam_desktop.domain.common.money import format_kr

    lines = []
    for d in decisions:
        parts = [f"{iso(d.datum)} {d.arende} ({d.delegat_namn})"]
        if d.belopp_ore is not None:
            parts.append(format_kr(from_ore(d.belopp_ore)))
        if d.diarienummer:
            parts.append(f"dnr {d.diarienummer}")
        lines.append("– " + ", ".join(parts))
    return "\n".join(lines)


def _reindex(s: Session, item_id: int) -> None:
    """Keep the search index in step with a § body written here (``finsam check`` compares them)."""
    from finsam_desktop.services.sammantraden.search_index import index_items

    s.flush()
    item = s.get(AgendaItem, item_id)
    if item is not None:
        s.expire(item)  # the § was written with a core UPDATE; read it afresh
    index_items(s, [item_id])
