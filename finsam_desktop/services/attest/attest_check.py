""" "Får NN attestera?" and the check of one payment that Intern kontroll's stickprov uses."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from finsam_desktop.domain.attest.batch import Columns
from finsam_desktop.domain.attest.payment import Fault, PaymentFinding, payment_findings
from finsam_desktop.domain.attest.rules import (
    KIND_ATTEST,
    AttestAnswer,
    AttestRow,
    AttestType,
    Directory,
    Payee,
    ScopeKind,
    decide,
)
from finsam_desktop.domain.common.dates import iso
from finsam_desktop.domain.common.errors import ValidationError
from finsam_desktop.persistence.database import Database
from finsam_desktop.persistence.models.attest import AttestRowModel
from finsam_desktop.services.attest.dto import attest_dto
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
        scope: str | dict[ScopeKind, str | None],
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
        *,
        kostnadsstalle: str = "",
        mottagningsattest: Sequence[str] = (),
        columns: frozenset[str] | None = None,
    ) -> list[str]:
        """Swedish findings for one payment (empty list = OK): self-attest, maxbelopp, två i förening, one person in
        two steps, attestant without a valid mandate/row in the attestordning in force on ``datum``.

        ``columns`` (field names the file has a column for) makes absent fields *not checked* and matches rows
        scoped by kostnadsställe/insats against ``kostnadsstalle`` and rows scoped by konto against ``konto``;
        without it ``konto`` is compared with every kind of scope. Row by row, one session each: the reference
        the fast whole-file check (``batch_check``) must agree with."""
        return [f.text for f in self.payment_findings(datum, belopp, motpart, attestanter, utanordnare, konto,
                                                      kostnadsstalle, mottagningsattest, columns)]  # fmt: skip

    def payment_findings(
        self,
        datum: date,
        belopp: Decimal,
        motpart: str,
        attestanter: Sequence[str],
        utanordnare: str | None = None,
        konto: str = "",
        kostnadsstalle: str = "",
        mottagningsattest: Sequence[str] = (),
        columns: frozenset[str] | None = None,
    ) -> list[PaymentFinding]:
        cols = Columns.of(columns) if columns is not None else Columns()
        if not (cols.attestanter or cols.utanordnare or cols.mottagningsattest):
            return []
        belopp = Decimal(belopp)
        scope: str | dict[ScopeKind, str | None] = konto
        if columns is not None:
            kst = kostnadsstalle if cols.kostnadsstalle else None
            scope = {
                ScopeKind.KOSTNADSSTALLE: kst,
                ScopeKind.INSATS: kst,
                ScopeKind.KONTO: konto if cols.konto else None,
            }
        motpart = motpart if cols.motpart else ""
        names = [a.strip() for a in attestanter if a and a.strip()] if cols.attestanter else []
        received = [a.strip() for a in mottagningsattest if a and a.strip()] if cols.mottagningsattest else []
        with self.db.session() as s:
            if in_force(s, KIND_ATTEST, datum) is None:
                return [PaymentFinding(Fault.NO_ORDNING, f"Ingen antagen attestordning gäller {iso(datum)}.")]
            directory = role_directory(s, datum)

            def ask(name: str, typ: AttestType) -> tuple[str, AttestAnswer]:
                return name, self._check(s, name, typ, belopp, datum, motpart, scope, directory)

            beslut = [ask(a, AttestType.BESLUTSATTEST) for a in names] if cols.attestanter else None
            pay = None
            if cols.utanordnare and utanordnare and utanordnare.strip():
                pay = ask(utanordnare.strip(), AttestType.UTANORDNING)
            mott = [ask(a, AttestType.MOTTAGNINGSATTEST) for a in received]
            required = self._signers_required(s, datum, scope) if cols.utanordnare else None
            return payment_findings(beslut, pay, required, mott)

    def _signers_required(self, s: Session, datum: date, scope: str | dict[ScopeKind, str | None]) -> int:
        version = in_force(s, KIND_ATTEST, datum)
        if version is None:
            return 2
        rows = [attest_dto(r) for r in s.scalars(select(AttestRowModel).where(AttestRowModel.version_id == version.id))]
        relevant = [r for r in rows if r.typ is AttestType.UTANORDNING and r.covers_scope(scope)]
        return max((r.signers_required for r in relevant), default=2)
