"""The rows of a draft attestordning or delegationsordning, and the prisbasbelopp the delegation limits use."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from sqlalchemy import func, select

from finsam_desktop.domain.attest.delegation import DelegationRow, LimitKind, validate_delegation_row
from finsam_desktop.domain.attest.rules import (
    KIND_ATTEST,
    KIND_DELEGATION,
    AttestRow,
    AttestType,
    Avser,
    ScopeKind,
    validate_attest_row,
)
from finsam_desktop.domain.common.errors import NotFoundError, ValidationError
from finsam_desktop.domain.common.money import from_ore, to_ore
from finsam_desktop.domain.organisation.model import Role
from finsam_desktop.persistence.database import Database
from finsam_desktop.persistence.models.attest import (
    AttestRowModel,
    DelegationDecisionModel,
    DelegationRowModel,
    Prisbasbelopp,
)
from finsam_desktop.services.attest.dto import attest_dto, delegation_dto
from finsam_desktop.services.attest.lookups import draft_row, flush, in_force, require_draft, set_party, version_row
from finsam_desktop.services.audit import record


class OrdningRowsService:
    """Rows of a draft version (refused once adopted) and the prisbasbelopp table."""

    def __init__(self, db: Database):
        self.db = db

    def attest_rows(self, version_id: int) -> list[AttestRow]:
        with self.db.session() as s:
            version_row(s, version_id, KIND_ATTEST)
            rows = s.scalars(
                select(AttestRowModel)
                .where(AttestRowModel.version_id == version_id)
                .order_by(AttestRowModel.position, AttestRowModel.id)
            )
            return [attest_dto(r) for r in rows]

    def save_attest_row(self, version_id: int, row: AttestRow) -> AttestRow:
        """Insert (``id == 0`` or an id not in use, as when undoing a removal) or update a row of a draft."""
        validate_attest_row(row)
        with self.db.session() as s:
            model = draft_row(s, AttestRowModel, KIND_ATTEST, version_id, row.id, row.position)
            model.typ = AttestType(row.typ).value
            model.benamning = row.benamning.strip()
            model.scope_kind = ScopeKind(row.scope_kind).value
            model.scope_value = row.scope_value.strip() if row.scope_kind is not ScopeKind.GENERELL else ""
            model.avser = Avser(row.avser).value
            set_party(s, model, "ord", row.ordinarie)
            set_party(s, model, "ers", row.ersattare)
            model.signers_required = row.signers_required
            model.maxbelopp_ore = to_ore(row.maxbelopp) if row.maxbelopp is not None else None
            model.anmarkning = row.anmarkning.strip()
            flush(s)
            record(s, "attestrad sparad", "attest_row", model.id, model.benamning)
            return attest_dto(model)

    def remove_attest_row(self, row_id: int) -> AttestRow:
        with self.db.session() as s:
            model = s.get(AttestRowModel, row_id)
            if model is None:
                raise NotFoundError("Raden finns inte.")
            require_draft(version_row(s, model.version_id))
            dto = attest_dto(model)
            s.delete(model)
            flush(s)
            record(s, "attestrad borttagen", "attest_row", row_id, dto.benamning)
            return dto

    def delegation_rows(self, version_id: int) -> list[DelegationRow]:
        with self.db.session() as s:
            version_row(s, version_id, KIND_DELEGATION)
            rows = s.scalars(
                select(DelegationRowModel)
                .where(DelegationRowModel.version_id == version_id)
                .order_by(DelegationRowModel.position, DelegationRowModel.id)
            )
            return [delegation_dto(r) for r in rows]

    def save_delegation_row(
        self, version_id: int, row: DelegationRow, kl638_ticked: tuple[str, ...] = ()
    ) -> DelegationRow:
        validate_delegation_row(row, kl638_ticked)
        with self.db.session() as s:
            model = draft_row(s, DelegationRowModel, KIND_DELEGATION, version_id, row.id, row.position)
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
            flush(s)
            record(s, "delegationsrad sparad", "delegation_row", model.id, model.arende)
            return delegation_dto(model)

    def remove_delegation_row(self, row_id: int) -> DelegationRow:
        with self.db.session() as s:
            model = s.get(DelegationRowModel, row_id)
            if model is None:
                raise NotFoundError("Raden finns inte.")
            require_draft(version_row(s, model.version_id))
            used = s.scalar(select(func.count()).where(DelegationDecisionModel.row_id == row_id))
            if used:
                raise ValidationError(f"{used} delegationsbeslut hänvisar till raden; den kan inte tas bort.")
            dto = delegation_dto(model)
            s.delete(model)
            flush(s)
            record(s, "delegationsrad borttagen", "delegation_row", row_id, dto.arende)
            return dto

    def delegation_rows_on(self, datum: date) -> list[DelegationRow]:
        """Rows of the delegationsordning in force on ``datum`` (for the entry dialog)."""
        with self.db.session() as s:
            version = in_force(s, KIND_DELEGATION, datum)
            if version is None:
                return []
            return [
                delegation_dto(r)
                for r in s.scalars(
                    select(DelegationRowModel)
                    .where(DelegationRowModel.version_id == version.id)
                    .order_by(DelegationRowModel.position)
                )
            ]

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
