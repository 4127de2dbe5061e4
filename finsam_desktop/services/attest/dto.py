"""Constants and plain data of the attest area: the version DTO, the register's input, meeting references, and
the converters from stored rows to the domain's frozen dataclasses."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from finsam_desktop.domain.attest.delegation import DelegationRow, Limit, LimitKind
from finsam_desktop.domain.attest.rules import (
    AttestRow,
    AttestType,
    Avser,
    Party,
    PartyKind,
    ScopeKind,
    VersionRef,
)
from finsam_desktop.domain.common.dates import iso
from finsam_desktop.domain.common.money import from_ore
from finsam_desktop.domain.organisation.model import Role
from finsam_desktop.persistence.models.attest import AttestRowModel, DelegationRowModel, OrdningVersion

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


def version_dto(row: OrdningVersion, count: int) -> VersionInfo:
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


def party_of(kind: str | None, role: str | None, person_id: int | None, namn: str) -> Party | None:
    if not kind:
        return None
    k = PartyKind(kind)
    return Party(k, Role(role) if role else None, person_id, namn or "")


def attest_dto(row: AttestRowModel) -> AttestRow:
    return AttestRow(
        id=row.id,
        position=row.position,
        typ=AttestType(row.typ),
        benamning=row.benamning,
        ordinarie=party_of(row.ord_kind, row.ord_role, row.ord_person_id, row.ord_namn),
        ersattare=party_of(row.ers_kind, row.ers_role, row.ers_person_id, row.ers_namn),
        scope_kind=ScopeKind(row.scope_kind),
        scope_value=row.scope_value,
        avser=Avser(row.avser),
        signers_required=row.signers_required,
        maxbelopp=from_ore(row.maxbelopp_ore),
        anmarkning=row.anmarkning,
    )


def delegation_dto(row: DelegationRowModel) -> DelegationRow:
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


def attest_hash_rows(rows: list[AttestRow]):
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


def delegation_hash_rows(rows: list[DelegationRow]):
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
