"""Shared pieces of the justering use cases: lookups that raise NotFoundError, the state and date checks,
the append-only event log, and the row → DTO converters (protocol rows, extracts, corrections)."""

from __future__ import annotations

import json
from collections.abc import Iterable
from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from finsam_desktop import clock
from finsam_desktop.domain.common import deadlines as dl
from finsam_desktop.domain.common.errors import ImmutableRecordError, NotFoundError, ValidationError
from finsam_desktop.domain.justering import model as dj
from finsam_desktop.persistence.models import AgendaItem, ForbundRow, MeetingRow, OrganRow, PersonRow, Setting
from finsam_desktop.persistence.models.justering import (
    JusteringEventRow,
    OmedelbarJusteringRow,
    ParagraphCorrectionRow,
    ProtocolJusteringRow,
)
from finsam_desktop.persistence.models.sammantraden import MeetingOfficerRow
from finsam_desktop.services import audit

STYLE_KEY = "justering.tas_ned_stil"


def now() -> datetime:
    return clock.now()


def translate_integrity_error(exc: IntegrityError) -> Exception:
    text = str(exc.orig) if exc.orig is not None else str(exc)
    for marker in ("kan inte ändras", "justerad omedelbart", "Justeringsloggen"):
        if marker in text:
            return ImmutableRecordError(text)
    return ValidationError(f"Databasen vägrade ändringen: {text}")


def read_takedown_style(s: Session) -> dl.TakedownStyle:
    """The chosen way to print the earliest takedown date on an anslag (a setting; ``tidigast`` by default)."""
    row = s.get(Setting, STYLE_KEY)
    return dl.TakedownStyle(json.loads(row.value)) if row else dl.TakedownStyle.tidigast


def meeting_or_raise(s: Session, meeting_id: int) -> MeetingRow:
    row = s.get(MeetingRow, meeting_id)
    if row is None:
        raise NotFoundError(f"Sammanträde {meeting_id} finns inte.")
    return row


def forbund_settings(s: Session):
    fb = s.get(ForbundRow, 1)
    if fb is None:
        raise NotFoundError("Databasen saknar förbund.")
    return fb


def meeting_officers(s: Session, meeting_id: int) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {"ordforande": [], "sekreterare": [], "justerare": []}
    rows = s.execute(
        select(MeetingOfficerRow.roll, PersonRow.namn)
        .join(PersonRow, PersonRow.id == MeetingOfficerRow.person_id)
        .where(MeetingOfficerRow.meeting_id == meeting_id)
        .order_by(MeetingOfficerRow.roll, MeetingOfficerRow.position, MeetingOfficerRow.id)
    )
    for roll, namn in rows:
        out.setdefault(roll, []).append(namn)
    return out


def agenda_items(s: Session, meeting_id: int) -> list[AgendaItem]:
    return list(s.scalars(select(AgendaItem).where(AgendaItem.meeting_id == meeting_id).order_by(AgendaItem.position)))


def paragraph_text(s: Session, meeting_id: int) -> str:
    nums = [i.paragraph_number for i in agenda_items(s, meeting_id) if i.paragraph_number is not None]
    return dj.paragraph_range_text(nums)


def justering_record(s: Session, meeting_id: int) -> ProtocolJusteringRow | None:
    return s.scalar(select(ProtocolJusteringRow).where(ProtocolJusteringRow.meeting_id == meeting_id))


def log_event(
    s: Session,
    meeting_id: int,
    old: str,
    new: str,
    datum: date | None,
    user: str,
    reason: str = "",
    extract_id: int | None = None,
) -> None:
    s.add(
        JusteringEventRow(
            meeting_id=meeting_id,
            extract_id=extract_id,
            from_status=old,
            to_status=new,
            datum=datum,
            at=now(),
            user=user,
            reason=reason,
        )
    )
    name = dj.transition_name(old, new) or f"{old} → {new}"
    detail = f"{name}{' ' + datum.isoformat() if datum else ''}{' — ' + reason if reason else ''} (av {user})"
    audit.record(
        s,
        f"Protokoll: {name}",
        "omedelbar_justering" if extract_id else "meeting",
        extract_id or meeting_id,
        detail,
    )


def require_status(status: str, expected: str, action: str) -> None:
    if status != expected:
        raise ValidationError(
            f"{action} kräver status ”{dj.STATE_LABELS.get(expected, expected)}”; protokollet har status "
            f"”{dj.STATE_LABELS.get(status, status)}”."
        )


def check_date(
    d: date, field: str, *, not_before: date | None = None, before_label: str = "", today: date | None = None
) -> None:
    today = today or clock.today()
    if d > today:
        raise ValidationError(f"{d.isoformat()} ligger i framtiden.", field)
    if not_before and d < not_before:
        raise ValidationError(f"{d.isoformat()} är före {before_label} {not_before.isoformat()}.", field)


def extract_or_raise(s: Session, extract_id: int) -> OmedelbarJusteringRow:
    ex = s.get(OmedelbarJusteringRow, extract_id)
    if ex is None:
        raise NotFoundError(f"Omedelbart justerat utdrag {extract_id} finns inte.")
    return ex


def paragraph_ids(s: Session, meeting_id: int, paragraphs: Iterable[int]) -> list[int]:
    wanted = sorted(set(paragraphs))
    by_number = {i.paragraph_number: i.id for i in agenda_items(s, meeting_id)}
    missing = [n for n in wanted if n not in by_number]
    if missing:
        raise ValidationError(
            f"{dj.paragraph_range_text(missing)} finns inte i protokollet "
            f"({paragraph_text(s, meeting_id) or 'inga numrerade paragrafer'}).",
            "Paragrafer",
        )
    return [by_number[n] for n in wanted]


def deadlines_of(fb: ForbundRow, meeting_date: date, rec: ProtocolJusteringRow | None) -> dl.MeetingDeadlines:
    """The one computation of a meeting's justering chain, from its recorded justering and anslag dates."""
    return dl.meeting_deadlines(
        meeting_date,
        rec.justeringsdatum if rec else None,
        rec.anslagsdatum if rec else None,
        justering_dagar=fb.justering_dagar,
        anslag_dagar=fb.anslag_dagar,
        overklagande_veckor=fb.overklagande_veckor,
    )


def meeting_deadlines(s: Session, meetings: Iterable[MeetingRow]) -> dict[int, dl.MeetingDeadlines]:
    """Meeting id → its deadlines (the Justering & anslag tab's dates), for every meeting given."""
    meetings = list(meetings)
    if not meetings:
        return {}
    fb = forbund_settings(s)
    recs = {
        r.meeting_id: r
        for r in s.scalars(
            select(ProtocolJusteringRow).where(ProtocolJusteringRow.meeting_id.in_([m.id for m in meetings]))
        )
    }
    return {m.id: deadlines_of(fb, m.datum, recs.get(m.id)) for m in meetings}


def justering_row(s: Session, m: MeetingRow, today: date | None = None) -> dj.JusteringRow:
    today = today or clock.today()
    fb = forbund_settings(s)
    organ = s.get(OrganRow, m.organ_id)
    rec = justering_record(s, m.id)
    md = deadlines_of(fb, m.datum, rec)
    j_limit = md.justering_senast
    jd = rec.justeringsdatum if rec else None
    ad = rec.anslagsdatum if rec else None
    warnings: list[str] = []
    urgency = ""
    a_limit = md.anslag_senast if jd else None
    last = md.sista_overklagandedag if ad else None
    down = md.tas_ned_tidigast if ad else None
    if m.status in (dj.UTKAST, dj.KLART):
        if today > j_limit:
            warnings.append(
                f"Justeringen skulle ha skett senast {j_limit.isoformat()} ({(today - j_limit).days} dagar sedan)."
            )
            urgency = "forsenad"
        elif today == j_limit:
            warnings.append(f"Sista dag för justering är i dag ({j_limit.isoformat()}).")
            urgency = "idag"
        elif (j_limit - today).days <= 3:
            warnings.append(f"Justeras senast {j_limit.isoformat()} ({(j_limit - today).days} dagar kvar).")
    if jd and jd > j_limit:
        warnings.append(
            f"Justerades {jd.isoformat()}, {(jd - j_limit).days} dagar efter fristen {j_limit.isoformat()} (KL 5:69)."
        )
    if m.status == dj.JUSTERAT and a_limit:
        if today > a_limit:
            warnings.append(f"Anslaget skulle ha satts upp senast {a_limit.isoformat()}.")
            urgency = "forsenad"
        elif today == a_limit:
            warnings.append(f"Sista dag för anslag är i dag ({a_limit.isoformat()}).")
            urgency = "idag"
    if ad and a_limit and ad > a_limit:
        warnings.append(f"Anslogs {ad.isoformat()}, efter fristen {a_limit.isoformat()} (KL 8:12).")
    if m.status == dj.ANSLAGET and down:
        if today == down:
            warnings.append(f"Anslaget får tas ned i dag ({down.isoformat()}).")
            urgency = "idag"
        elif today > down:
            warnings.append(f"Anslaget kunde tas ned {down.isoformat()}.")
            urgency = "forsenad"
    return dj.JusteringRow(
        meeting_id=m.id,
        organ=organ.namn if organ else "",
        datum=m.datum,
        status=m.status,
        paragrafer=paragraph_text(s, m.id),
        justering_senast=j_limit,
        justeringsdatum=jd,
        justerare=rec.justerare if rec else "",
        anslag_senast=a_limit,
        anslagsdatum=ad,
        sista_overklagandedag=last,
        tas_ned_tidigast=down,
        nedtaget_datum=rec.nedtaget_datum if rec else None,
        signed=bool(rec and rec.signed_pdf),
        warnings=tuple(warnings),
        urgency=urgency,
    )


def extract_row(s: Session, ex: OmedelbarJusteringRow, today: date | None = None) -> dj.JusteringRow:
    today = today or clock.today()
    fb = forbund_settings(s)
    m = meeting_or_raise(s, ex.meeting_id)
    organ = s.get(OrganRow, m.organ_id)
    status = dj.NEDTAGET if ex.nedtaget_datum else dj.ANSLAGET if ex.anslagsdatum else dj.JUSTERAT
    a_limit = dl.anslag_deadline(ex.justeringsdatum, fb.anslag_dagar)
    ad = ex.anslagsdatum
    down = dl.anslag_takedown_earliest(ad, fb.overklagande_veckor) if ad else None
    warnings, urgency = [], ""
    if status == dj.JUSTERAT and today >= a_limit:
        urgency = "idag" if today == a_limit else "forsenad"
        warnings.append(f"Anslag av protokollsutdraget senast {a_limit.isoformat()}.")
    if status == dj.ANSLAGET and down and today >= down:
        urgency = "idag" if today == down else "forsenad"
        warnings.append(f"Anslaget får tas ned {'i dag' if today == down else 'sedan'} {down.isoformat()}.")
    return dj.JusteringRow(
        meeting_id=m.id,
        organ=organ.namn if organ else "",
        datum=m.datum,
        status=status,
        paragrafer=ex.paragrafer,
        justering_senast=ex.justeringsdatum,
        justeringsdatum=ex.justeringsdatum,
        justerare=ex.justerare,
        anslag_senast=a_limit,
        anslagsdatum=ad,
        sista_overklagandedag=dl.last_appeal_day(ad, fb.overklagande_veckor) if ad else None,
        tas_ned_tidigast=down,
        nedtaget_datum=ex.nedtaget_datum,
        signed=False,
        warnings=tuple(warnings),
        urgency=urgency,
        extract_id=ex.id,
    )


def correction_dto(s: Session, row: ParagraphCorrectionRow) -> dj.CorrectionRef:
    new, old = s.get(AgendaItem, row.agenda_item_id), s.get(AgendaItem, row.corrects_item_id)
    nm, om = s.get(MeetingRow, new.meeting_id), s.get(MeetingRow, old.meeting_id)
    no, oo = s.get(OrganRow, nm.organ_id), s.get(OrganRow, om.organ_id)
    label = lambda i: f"§ {i.paragraph_number}" if i.paragraph_number is not None else f"{i.position}."  # noqa: E731
    return dj.CorrectionRef(
        row.id,
        new.id,
        label(new),
        f"{no.namn} {nm.datum.isoformat()}",
        old.id,
        label(old),
        f"{oo.namn} {om.datum.isoformat()}",
        row.anteckning,
    )


def corrections_text(s: Session, meeting_id: int) -> dict[str, tuple[str, ...]]:
    """§ label → notes printed with the §: "Rättad genom … § N" and "Rättar … § M"."""
    ids = [i.id for i in agenda_items(s, meeting_id)]
    out: dict[str, list[str]] = {}
    for r in s.scalars(
        select(ParagraphCorrectionRow).where(
            ParagraphCorrectionRow.corrects_item_id.in_(ids) | ParagraphCorrectionRow.agenda_item_id.in_(ids)
        )
    ):
        c = correction_dto(s, r)
        note = f" ({c.anteckning})" if c.anteckning else ""
        if c.corrects_item_id in ids:
            out.setdefault(c.corrects_label, []).append(f"Rättad genom beslut {c.meeting_label} {c.item_label}{note}.")
        if c.item_id in ids:
            out.setdefault(c.item_label, []).append(
                f"Rättelse av beslut {c.corrects_meeting_label} {c.corrects_label}{note}."
            )
    return {k: tuple(v) for k, v in out.items()}
