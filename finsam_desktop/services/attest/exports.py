"""Exports as bytes (PDF or Excel): signaturlista, attestordning, delegationsordning and the register.

The report modules are imported when an export is made (ReportLab is slow to load at start)."""

from __future__ import annotations

from finsam_desktop.domain.attest.rules import KIND_ATTEST, KIND_LABELS
from finsam_desktop.domain.common.errors import NotFoundError
from finsam_desktop.persistence.database import Database
from finsam_desktop.services.attest.attestants import AttestantsService
from finsam_desktop.services.attest.decisions import DecisionsService
from finsam_desktop.services.attest.dto import VersionInfo
from finsam_desktop.services.attest.lookups import forbund_name, role_directory
from finsam_desktop.services.attest.ordning_rows import OrdningRowsService
from finsam_desktop.services.attest.versions import VersionsService


class ExportsService:
    """Documents built from the other use cases (handed in by ``AttestArea``)."""

    def __init__(
        self,
        db: Database,
        versions: VersionsService,
        rows: OrdningRowsService,
        attestants: AttestantsService,
        decisions: DecisionsService,
    ):
        self.db = db
        self._versions = versions
        self._rows = rows
        self._attestants = attestants
        self._decisions = decisions

    def _require(self, kind: str, year: int) -> VersionInfo:
        version = self._versions.version_for_year(kind, year)
        if version is None:
            raise NotFoundError(f"Det finns ingen {KIND_LABELS[kind].lower()} för {year}.")
        return version

    def export_signaturlista(self, year: int, fmt: str = "pdf") -> bytes:
        from finsam_desktop.reports.attest.signaturlista import signaturlista_pdf, signaturlista_xlsx

        doc = self._attestants.signature_list(self._require(KIND_ATTEST, year).id)
        return signaturlista_pdf(doc) if fmt == "pdf" else signaturlista_xlsx(doc)

    def attest_document(self, version_id: int):
        from finsam_desktop.reports.attest.attestordning import AttestDocument

        version = self._versions.get_version(version_id)
        forbund = forbund_name(self.db)
        with self.db.session() as s:
            directory = role_directory(s, version.valid_from)
        rows = self._rows.attest_rows(version_id)
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

        version = self._versions.get_version(version_id)
        pbb = self._rows.prisbasbelopp()
        return DelegationDocument(
            forbund_name(self.db),
            version.titel,
            version.period_text,
            version.status_text,
            not version.adopted,
            tuple(self._rows.delegation_rows(version_id)),
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
        doc = RegisterDocument(forbund_name(self.db), title, tuple(self._decisions.list_decisions(year)))
        return register_pdf(doc) if fmt == "pdf" else register_xlsx(doc)
