"""Versions of the attestordning and the delegationsordning: list, drafts (create, change, copy, delete), adopt
at a styrelse § and the content hash that proves an adopted version unchanged."""

from __future__ import annotations

from datetime import date

from sqlalchemy import func, select

from finsam_desktop import clock
from finsam_desktop.domain.attest.rules import KIND_ATTEST, KIND_DELEGATION, KIND_LABELS
from finsam_desktop.domain.common.dates import iso
from finsam_desktop.domain.common.errors import ValidationError
from finsam_desktop.persistence.database import Database
from finsam_desktop.persistence.models import AgendaItem, MeetingRow, OrganRow
from finsam_desktop.persistence.models.attest import (
    AttestRowModel,
    DelegationDecisionModel,
    DelegationRowModel,
    OrdningVersion,
)
from finsam_desktop.services.attest.dto import VersionInfo
from finsam_desktop.services.attest.lookups import (
    content_hash,
    count_rows,
    flush,
    in_force,
    require_draft,
    version_info,
    version_row,
)
from finsam_desktop.services.audit import record


class VersionsService:
    """One method = one user action = one transaction."""

    def __init__(self, db: Database):
        self.db = db

    def list_versions(self, kind: str) -> list[VersionInfo]:
        with self.db.session() as s:
            rows = s.scalars(
                select(OrdningVersion)
                .where(OrdningVersion.kind == kind)
                .order_by(OrdningVersion.valid_from.desc(), OrdningVersion.id.desc())
            )
            return [version_info(s, r) for r in rows]

    def get_version(self, version_id: int) -> VersionInfo:
        with self.db.session() as s:
            return version_info(s, version_row(s, version_id))

    def version_in_force(self, kind: str, day: date) -> VersionInfo | None:
        with self.db.session() as s:
            row = in_force(s, kind, day)
            return version_info(s, row) if row else None

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
                return version_info(s, adopted)
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
                    return version_info(s, draft)
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
            return version_info(s, row)

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
            row = version_row(s, version_id)
            require_draft(row)
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
            flush(s)
            record(s, "version ändrad", "ordning_version", row.id, row.titel)
            return version_info(s, row)

    def delete_version(self, version_id: int) -> VersionInfo:
        with self.db.session() as s:
            row = version_row(s, version_id)
            require_draft(row)
            if row.kind == KIND_DELEGATION:
                used = s.scalar(
                    select(func.count())
                    .select_from(DelegationDecisionModel)
                    .join(DelegationRowModel, DelegationRowModel.id == DelegationDecisionModel.row_id)
                    .where(DelegationRowModel.version_id == row.id)
                )
                if used:
                    raise ValidationError(f"{used} delegationsbeslut hänvisar till versionens rader.")
            dto = version_info(s, row)
            s.delete(row)
            flush(s)
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
            src = version_row(s, version_id)
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
            return version_info(s, row)

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
            row = version_row(s, version_id)
            require_draft(row)
            if count_rows(s, row) == 0:
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
            row.content_hash = content_hash(s, row)
            row.status = "antagen"
            row.adopted_item_id = agenda_item_id
            row.adopted_text = text
            row.adopted_on = adopted_on
            flush(s)
            record(s, f"{KIND_LABELS[row.kind].lower()} antagen", "ordning_version", row.id, f"{row.titel}: {text}")
            return version_info(s, row)

    def verify_hash(self, version_id: int) -> bool:
        with self.db.session() as s:
            row = version_row(s, version_id)
            return row.status != "antagen" or content_hash(s, row) == row.content_hash

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
