"""Session-level helpers shared by the attest use cases: the person/role directory on a day, version lookups
that raise NotFoundError, the draft guard, the content hash, the decision DTO with its checks, meeting lookups.

Each takes the open session (``s``); none opens a transaction of its own except ``forbund_name``."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from finsam_desktop.domain.attest.delegation import (
    Attachment,
    DecisionCheck,
    DecisionStatus,
    DelegationDecision,
    check_decision,
)
from finsam_desktop.domain.attest.rules import (
    KIND_ATTEST,
    KIND_DELEGATION,
    Directory,
    Party,
    PartyKind,
    PersonRef,
    rows_hash,
)
from finsam_desktop.domain.common.dates import iso
from finsam_desktop.domain.common.errors import ImmutableRecordError, NotFoundError, ValidationError
from finsam_desktop.domain.common.money import from_ore
from finsam_desktop.domain.organisation.model import Role
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
from finsam_desktop.services.attest.dto import (
    ANMALAN_RUBRIK,
    JUSTERAD_STATUSES,
    VersionInfo,
    attest_dto,
    attest_hash_rows,
    delegation_dto,
    delegation_hash_rows,
    version_dto,
)
from finsam_desktop.services.organisation.service import mandate_dto, person_dto
from finsam_desktop.services.sammantraden.search_index import index_items


def role_directory(s: Session, day: date) -> Directory:
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


def version_row(s: Session, version_id: int, kind: str | None = None) -> OrdningVersion:
    row = s.get(OrdningVersion, version_id)
    if row is None or (kind is not None and row.kind != kind):
        raise NotFoundError("Versionen finns inte.")
    return row


def count_rows(s: Session, row: OrdningVersion) -> int:
    model = AttestRowModel if row.kind == KIND_ATTEST else DelegationRowModel
    return s.scalar(select(func.count()).where(model.version_id == row.id)) or 0


def version_info(s: Session, row: OrdningVersion) -> VersionInfo:
    return version_dto(row, count_rows(s, row))


def in_force(s: Session, kind: str, day: date) -> OrdningVersion | None:
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


def require_draft(row: OrdningVersion) -> None:
    if row.status == "antagen":
        raise ImmutableRecordError(
            f"{row.titel} är antagen {row.adopted_text} och kan inte ändras; kopiera den till en ny version."
        )


def flush(s: Session) -> None:
    try:
        s.flush()
    except IntegrityError as exc:
        text = str(exc.orig)
        if "kan inte ändras" in text:
            raise ImmutableRecordError(text.split("\n")[0]) from None
        raise


def content_hash(s: Session, row: OrdningVersion) -> str:
    header = [row.kind, row.titel, iso(row.valid_from), iso(row.valid_to), row.adress]
    if row.kind == KIND_ATTEST:
        rows = [
            attest_dto(r)
            for r in s.scalars(
                select(AttestRowModel)
                .where(AttestRowModel.version_id == row.id)
                .order_by(AttestRowModel.position, AttestRowModel.id)
            )
        ]
        return rows_hash(header, attest_hash_rows(rows))
    rows2 = [
        delegation_dto(r)
        for r in s.scalars(
            select(DelegationRowModel)
            .where(DelegationRowModel.version_id == row.id)
            .order_by(DelegationRowModel.position, DelegationRowModel.id)
        )
    ]
    return rows_hash(header, delegation_hash_rows(rows2))


def set_party(s: Session, row: AttestRowModel, prefix: str, party: Party | None) -> None:
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


def draft_row(s: Session, model_cls, kind: str, version_id: int, row_id: int, position: int):
    """The row ``row_id`` of a draft version, or a new one (``row_id`` 0, or an unused id when a
    removal is undone) placed at ``position`` or last. Adopted versions are refused."""
    require_draft(version_row(s, version_id, kind))
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


def pbb_map(s: Session) -> dict[int, Decimal]:
    return {r.year: from_ore(r.belopp_ore) for r in s.scalars(select(Prisbasbelopp))}


def check_decision_row(
    s: Session,
    datum: date,
    belopp: Decimal | None,
    row_id: int | None,
    delegat_namn: str,
    person_id: int | None,
    pbb: dict[int, Decimal] | None = None,
) -> DecisionCheck:
    version = in_force(s, KIND_DELEGATION, datum)
    row_model = s.get(DelegationRowModel, row_id) if row_id else None
    directory = role_directory(s, datum)
    roles = directory.roles_of(person_id) if person_id else ()
    return check_decision(
        datum=datum,
        belopp=belopp,
        row=delegation_dto(row_model) if row_model else None,
        row_in_force=bool(version and row_model and row_model.version_id == version.id),
        version_title=version.titel if version else None,
        delegat_namn=delegat_namn,
        delegat_roles=roles,
        pbb=pbb if pbb is not None else pbb_map(s),
    )


def decision_dto(s: Session, row: DelegationDecisionModel, pbb: dict[int, Decimal]) -> DelegationDecision:
    drow = s.get(DelegationRowModel, row.row_id) if row.row_id else None
    belopp = from_ore(row.belopp_ore)
    check = check_decision_row(s, row.datum, belopp, row.row_id, row.delegat_namn, row.delegat_person_id, pbb)
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
                f"Anmält vid {paragraph(item)} ({organ.namn} {iso(meeting.datum)})",
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


def meeting_and_organ(s: Session, meeting_id: int) -> tuple[MeetingRow, OrganRow]:
    meeting = s.get(MeetingRow, meeting_id)
    if meeting is None:
        raise NotFoundError("Sammanträdet finns inte.")
    return meeting, s.get(OrganRow, meeting.organ_id)


def anmalan_item(s: Session, meeting_id: int) -> AgendaItem | None:
    return s.scalar(
        select(AgendaItem).where(
            AgendaItem.meeting_id == meeting_id, AgendaItem.kind == "anmalan", AgendaItem.rubrik == ANMALAN_RUBRIK
        )
    )


def reportable(s: Session, until: date):
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


def forbund_name(db: Database) -> str:
    """The förbund's name for a document header (its own short transaction)."""
    with db.session() as s:
        row = s.get(ForbundRow, 1)
        return row.namn if row else ""


def paragraph(item) -> str:
    return f"§ {item.paragraph_number}" if item.paragraph_number else f"punkt {item.position}"


def reindex(s: Session, item_id: int) -> None:
    """Keep the search index in step with a § body written here (``finsam check`` compares them)."""
    s.flush()
    item = s.get(AgendaItem, item_id)
    if item is not None:
        s.expire(item)  # the § was written with a core UPDATE; read it afresh
    index_items(s, [item_id])
