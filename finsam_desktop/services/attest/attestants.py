"""Who attests: the signaturlista of an attestordning and the names in the one in force on a day."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select

from finsam_desktop.domain.attest.rules import KIND_ATTEST, AttestType, SignatureList, signature_lines
from finsam_desktop.persistence.database import Database
from finsam_desktop.persistence.models import ForbundRow
from finsam_desktop.persistence.models.attest import AttestRowModel
from finsam_desktop.services.attest.dto import attest_dto
from finsam_desktop.services.attest.lookups import in_force, role_directory, version_row


class AttestantsService:
    """The signaturlista and the attestants on a day."""

    def __init__(self, db: Database):
        self.db = db

    def signature_list(self, version_id: int) -> SignatureList:
        with self.db.session() as s:
            version = version_row(s, version_id, KIND_ATTEST)
            forbund = s.get(ForbundRow, 1)
            day = version.valid_from
            directory = role_directory(s, day)
            rows = [
                attest_dto(r)
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

    def attestants_on(self, datum: date) -> list[str]:
        """Names who appear in the attestordning in force on ``datum`` (for pickers)."""
        with self.db.session() as s:
            version = in_force(s, KIND_ATTEST, datum)
            if version is None:
                return []
            directory = role_directory(s, datum)
            names: list[str] = []
            for r in s.scalars(
                select(AttestRowModel).where(AttestRowModel.version_id == version.id).order_by(AttestRowModel.position)
            ):
                dto = attest_dto(r)
                for party in (dto.ordinarie, dto.ersattare):
                    for n in directory.resolve(party):
                        if n not in names:
                            names.append(n)
            return names
