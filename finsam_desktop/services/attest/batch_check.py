"""The attest check of a whole file: loads the attestordning versions in force over the file's dates, the persons
and the mandates once (one session), and hands back the pure :class:`~domain.attest.batch.AttestChecker`."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select

from finsam_desktop.domain.attest.batch import AttestChecker, Columns, MandateSpan, OrdningPeriod
from finsam_desktop.domain.attest.rules import KIND_ATTEST, PersonRef
from finsam_desktop.persistence.database import Database
from finsam_desktop.persistence.models import MandateRow, PersonRow
from finsam_desktop.persistence.models.attest import AttestRowModel, OrdningVersion
from finsam_desktop.services.attest.dto import attest_dto
from finsam_desktop.services.attest.lookups import version_info
from finsam_desktop.services.organisation.service import mandate_dto


class BatchCheckService:
    """``checker(first, last, columns)``: one checker for every payment dated ``first``…``last``."""

    def __init__(self, db: Database):
        self.db = db

    def checker(self, first: date, last: date, columns: frozenset[str] | None = None) -> AttestChecker:
        with self.db.session() as s:
            versions = s.scalars(
                select(OrdningVersion).where(
                    OrdningVersion.kind == KIND_ATTEST,
                    OrdningVersion.status == "antagen",
                    OrdningVersion.valid_from <= last,
                    (OrdningVersion.valid_to.is_(None)) | (OrdningVersion.valid_to >= first),
                )
            ).all()
            periods = [
                OrdningPeriod(
                    version_info(s, v).ref,
                    v.valid_from,
                    v.valid_to,
                    tuple(
                        attest_dto(r)
                        for r in s.scalars(
                            select(AttestRowModel)
                            .where(AttestRowModel.version_id == v.id)
                            .order_by(AttestRowModel.position, AttestRowModel.id)
                        )
                    ),
                )
                for v in versions
            ]
            persons = [PersonRef(r.id, r.namn) for r in s.scalars(select(PersonRow))]
            mandates = [
                MandateSpan(m.person_id, m.role, m.valid_from, m.valid_to)
                for m in (mandate_dto(r) for r in s.scalars(select(MandateRow)))
            ]
        return AttestChecker(
            periods, persons, mandates, first, last, Columns.of(columns) if columns is not None else Columns()
        )
