""" "Får NN attestera?" and the check of one payment that Intern kontroll's stickprov uses."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from finsam_desktop.domain.attest.rules import (
    AttestAnswer,
    AttestRow,
    AttestType,
    Directory,
    Payee,
    decide,
    transaction_findings,
)
from finsam_desktop.domain.common.dates import iso
from finsam_desktop.domain.common.errors import ValidationError
from finsam_desktop.persistence.database import Database
from finsam_desktop.persistence.models.attest import AttestRowModel
from finsam_desktop.services.attest.dto import KIND_ATTEST, attest_dto
from finsam_desktop.services.attest.lookups import in_force, role_directory, version_info


class AttestCheckService:
    """Answers from the attestordning in force on the day asked about."""

    def __init__(self, db: Database):
        self.db = db

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
        directory = directory or role_directory(s, datum)
        version = in_force(s, KIND_ATTEST, datum)
        rows: list[AttestRow] = []
        ref = None
        if version is not None:
            ref = version_info(s, version).ref
            rows = [
                attest_dto(r)
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
            directory = role_directory(s, datum)
            answers = [
                (a, self._check(s, a, AttestType.BESLUTSATTEST, belopp, datum, motpart, konto, directory))
                for a in names
            ]
            pay = None
            if utanordnare and utanordnare.strip():
                u = utanordnare.strip()
                pay = (u, self._check(s, u, AttestType.UTANORDNING, belopp, datum, motpart, konto, directory))
            required = self._signers_required(s, datum, directory, motpart, konto)
            if in_force(s, KIND_ATTEST, datum) is None:
                return [f"Ingen antagen attestordning gäller {iso(datum)}."]
            return transaction_findings(answers, pay, required)

    def _signers_required(self, s: Session, datum: date, directory: Directory, motpart: str, konto: str) -> int:
        version = in_force(s, KIND_ATTEST, datum)
        if version is None:
            return 2
        rows = [attest_dto(r) for r in s.scalars(select(AttestRowModel).where(AttestRowModel.version_id == version.id))]
        relevant = [r for r in rows if r.typ is AttestType.UTANORDNING and r.covers_scope(konto)]
        return max((r.signers_required for r in relevant), default=2)
