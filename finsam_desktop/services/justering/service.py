"""Justering and anslag of protocols: the states after the draft, their deadlines, the content hash, the archived
and signed PDFs, protokollsutdrag, publication copies, "justeras omedelbart" extracts and corrections.

States (meeting.status): protokoll_utkast → klart_for_justering (locked; reopening needs a reason) → justerat →
anslaget → anslag_nedtaget. Every transition is written to ``justering_event`` (append-only) and the audit log.
"""

from __future__ import annotations

import hashlib
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
from finsam_desktop.persistence.database import Database
from finsam_desktop.persistence.models import AgendaItem, ForbundRow, MeetingRow, OrganRow, PersonRow, Setting
from finsam_desktop.persistence.models.justering import (
    JusteringEventRow,
    OmedelbarJusteringItemRow,
    OmedelbarJusteringRow,
    ParagraphCorrectionRow,
    ProtocolJusteringRow,
    UtdragRow,
)
from finsam_desktop.services import audit
from finsam_desktop.services.attest.area import AttestArea
from finsam_desktop.services.justering.content import (
    describe_difference,
    hash_of,
    items_content,
    meeting_content,
    stored_version,
    with_snapshot_names,
)
from finsam_desktop.services.sammantraden.area import MeetingsArea

STYLE_KEY = "justering.tas_ned_stil"


def _now() -> datetime:
    return clock.now()


def _translate(exc: IntegrityError) -> Exception:
    text = str(exc.orig) if exc.orig is not None else str(exc)
    for marker in ("kan inte ändras", "justerad omedelbart", "Justeringsloggen"):
        if marker in text:
            return ImmutableRecordError(text)
    return ValidationError(f"Databasen vägrade ändringen: {text}")


class JusteringService:
    """The secretary's justering workflow. One method = one user action = one transaction."""

    def __init__(self, db: Database):
        self.db = db

    # --- settings ----------------------------------------------------------------------------------------------

    def takedown_style(self) -> dl.TakedownStyle:
        with self.db.session() as s:
            row = s.get(Setting, STYLE_KEY)
            return dl.TakedownStyle(json.loads(row.value)) if row else dl.TakedownStyle.tidigast

    def set_takedown_style(self, style: dl.TakedownStyle | str) -> dl.TakedownStyle:
        try:
            style = dl.TakedownStyle(style)
        except ValueError:
            raise ValidationError(f"okänt val ”{style}”.", "Nedtagningsdatum i anslaget") from None
        with self.db.session() as s:
            row = s.get(Setting, STYLE_KEY)
            if row is None:
                s.add(Setting(key=STYLE_KEY, value=json.dumps(style.value)))
            else:
                row.value = json.dumps(style.value)
            audit.record(s, "Inställning ändrad", "setting", None, f"{STYLE_KEY} = {style.value}")
        return style

    # --- helpers -----------------------------------------------------------------------------------------------

    @staticmethod
    def _meeting(s: Session, meeting_id: int) -> MeetingRow:
        row = s.get(MeetingRow, meeting_id)
        if row is None:
            raise NotFoundError(f"Sammanträde {meeting_id} finns inte.")
        return row

    @staticmethod
    def _settings(s: Session):
        fb = s.get(ForbundRow, 1)
        if fb is None:
            raise NotFoundError("Databasen saknar förbund.")
        return fb

    @staticmethod
    def _officers(s: Session, meeting_id: int) -> dict[str, list[str]]:
        from finsam_desktop.persistence.models.sammantraden import MeetingOfficerRow

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

    @staticmethod
    def _items(s: Session, meeting_id: int) -> list[AgendaItem]:
        return list(
            s.scalars(select(AgendaItem).where(AgendaItem.meeting_id == meeting_id).order_by(AgendaItem.position))
        )

    def _paragraph_text(self, s: Session, meeting_id: int) -> str:
        nums = [i.paragraph_number for i in self._items(s, meeting_id) if i.paragraph_number is not None]
        return dj.paragraph_range_text(nums)

    @staticmethod
    def _record(s: Session, meeting_id: int) -> ProtocolJusteringRow | None:
        return s.scalar(select(ProtocolJusteringRow).where(ProtocolJusteringRow.meeting_id == meeting_id))

    @staticmethod
    def _event(
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
                at=_now(),
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

    @staticmethod
    def _require(status: str, expected: str, action: str) -> None:
        if status != expected:
            raise ValidationError(
                f"{action} kräver status ”{dj.STATE_LABELS.get(expected, expected)}”; protokollet har status "
                f"”{dj.STATE_LABELS.get(status, status)}”."
            )

    @staticmethod
    def _check_date(
        d: date, field: str, *, not_before: date | None = None, before_label: str = "", today: date | None = None
    ) -> None:
        today = today or clock.today()
        if d > today:
            raise ValidationError(f"{d.isoformat()} ligger i framtiden.", field)
        if not_before and d < not_before:
            raise ValidationError(f"{d.isoformat()} är före {before_label} {not_before.isoformat()}.", field)

    # --- transitions -------------------------------------------------------------------------------------------

    def mark_ready(self, meeting_id: int, *, user: str | None = None) -> dj.JusteringRow:
        """protokoll_utkast → klart_for_justering: the protocol is locked for editing."""
        user = user or audit.current_user()
        with self.db.session() as s:
            m = self._meeting(s, meeting_id)
            self._require(m.status, dj.UTKAST, "Klart för justering")
            if not self._items(s, meeting_id):
                raise ValidationError("Protokollet har inga paragrafer.")
            m.status = dj.KLART
            if self._record(s, meeting_id) is None:
                s.add(
                    ProtocolJusteringRow(
                        meeting_id=meeting_id,
                        ordforande="",
                        justerare="",
                        sekreterare="",
                        anslag_av="",
                        forvaringsplats="",
                        signers="",
                    )
                )
            self._event(s, meeting_id, dj.UTKAST, dj.KLART, None, user)
            s.flush()
            return self._row(s, m)

    def reopen(self, meeting_id: int, reason: str, *, user: str | None = None) -> dj.JusteringRow:
        """klart_for_justering → protokoll_utkast: an explicit, logged act with a reason."""
        user = user or audit.current_user()
        if not (reason or "").strip():
            raise ValidationError("ange varför protokollet öppnas igen.", "Skäl")
        with self.db.session() as s:
            m = self._meeting(s, meeting_id)
            if dj.is_immutable(m.status):
                raise ImmutableRecordError(
                    "Protokollet är justerat och kan inte öppnas igen. Rättelser görs genom ett senare beslut "
                    "som hänvisar till paragrafen."
                )
            self._require(m.status, dj.KLART, "Att öppna protokollet igen")
            m.status = dj.UTKAST
            self._event(s, meeting_id, dj.KLART, dj.UTKAST, None, user, reason.strip())
            s.flush()
            return self._row(s, m)

    def justera(
        self,
        meeting_id: int,
        justeringsdatum: date,
        *,
        anslagsdatum: date | None = None,
        user: str | None = None,
        today: date | None = None,
    ) -> dj.JusteringRow:
        """klart_for_justering → justerat: records the date, the justerare from Val av justerare and the
        ordförande, stores the SHA-256 of the content and the archived PDF/A of the justerat protocol.

        With ``anslagsdatum`` (commonly the same day) the anslag is recorded in the same act and the archived
        PDF carries the complete Bevis/anslag block; otherwise its anslag lines are left to fill in by hand.
        """
        user = user or audit.current_user()
        if anslagsdatum is not None and anslagsdatum < justeringsdatum:
            raise ValidationError(
                f"{anslagsdatum.isoformat()} är före justeringsdatum {justeringsdatum.isoformat()}.", "Anslagsdatum"
            )
        if anslagsdatum is not None:
            self._check_date(anslagsdatum, "Anslagsdatum", today=today)
        with self.db.session() as s:
            m = self._meeting(s, meeting_id)
            self._require(m.status, dj.KLART, "Justering")
            self._check_date(
                justeringsdatum, "Justeringsdatum", not_before=m.datum, before_label="sammanträdesdatum", today=today
            )
            officers = self._officers(s, meeting_id)
            if not officers["ordforande"]:
                raise ValidationError("Ordförande saknas för sammanträdet; ange ordförande innan justering.")
            if not officers["justerare"]:
                raise ValidationError("Justerare saknas (Val av justerare); ange justerare innan justering.")
            planned_sha, _ = hash_of(meeting_content(s, meeting_id))
        # The content is locked since klart_for_justering, so the document can be built before the transaction;
        # it carries the content hash in its metadata (compared by ``finsam check``).
        pdf = self._render_justerat(meeting_id, justeringsdatum, officers, anslagsdatum, planned_sha)
        with self.db.session() as s:
            m = self._meeting(s, meeting_id)
            self._require(m.status, dj.KLART, "Justering")
            fb = self._settings(s)
            content = meeting_content(s, meeting_id)
            sha, canonical = hash_of(content)
            if sha != planned_sha:
                raise ValidationError("Protokollet ändrades medan det justerades; försök igen.")
            rec = self._record(s, meeting_id)
            if rec is None:
                rec = ProtocolJusteringRow(meeting_id=meeting_id, anslag_av="", signers="")
                s.add(rec)
            rec.justeringsdatum = justeringsdatum
            rec.ordforande = "; ".join(officers["ordforande"])
            rec.justerare = "; ".join(officers["justerare"])
            rec.sekreterare = "; ".join(officers["sekreterare"])
            rec.forvaringsplats = fb.forvaringsplats or fb.namn
            rec.content_sha256 = sha
            rec.canonical_json = canonical
            rec.justerat_pdf = pdf
            rec.justerat_pdf_sha256 = hashlib.sha256(pdf).hexdigest()
            m.status = dj.JUSTERAT
            limit = dl.justering_deadline(m.datum, fb.justering_dagar)
            reason = ""
            if justeringsdatum > limit:
                reason = f"Justerat {(justeringsdatum - limit).days} dagar efter fristen {limit.isoformat()}"
            self._event(s, meeting_id, dj.KLART, dj.JUSTERAT, justeringsdatum, user, reason)
            try:
                s.flush()
            except IntegrityError as exc:
                raise _translate(exc) from None
            if anslagsdatum is not None:
                rec.anslagsdatum = anslagsdatum
                rec.anslag_av = user
                m.status = dj.ANSLAGET
                a_limit = dl.anslag_deadline(justeringsdatum, fb.anslag_dagar)
                late = (
                    f"Anslaget {(anslagsdatum - a_limit).days} dagar efter fristen {a_limit.isoformat()}"
                    if anslagsdatum > a_limit
                    else ""
                )
                self._event(s, meeting_id, dj.JUSTERAT, dj.ANSLAGET, anslagsdatum, user, late)
                s.flush()
            row = self._row(s, m, today)
        self._after_justering(meeting_id)
        return row

    def _after_justering(self, meeting_id: int) -> None:
        """Delegationsbeslut on the protocol's "Anmälan av delegationsbeslut" become anmälda once it is justerat."""
        AttestArea(self.db).anmalan.mark_reported_for_meeting(meeting_id)

    def post_anslag(
        self, meeting_id: int, anslagsdatum: date, *, user: str | None = None, today: date | None = None
    ) -> dj.JusteringRow:
        """justerat → anslaget (the justering is announced on the anslagstavla)."""
        user = user or audit.current_user()
        with self.db.session() as s:
            m = self._meeting(s, meeting_id)
            self._require(m.status, dj.JUSTERAT, "Anslag")
            rec = self._record(s, meeting_id)
            self._check_date(
                anslagsdatum,
                "Anslagsdatum",
                not_before=rec.justeringsdatum,
                before_label="justeringsdatum",
                today=today,
            )
            fb = self._settings(s)
            rec.anslagsdatum = anslagsdatum
            rec.anslag_av = user
            m.status = dj.ANSLAGET
            limit = dl.anslag_deadline(rec.justeringsdatum, fb.anslag_dagar)
            reason = (
                f"Anslaget {(anslagsdatum - limit).days} dagar efter fristen {limit.isoformat()}"
                if anslagsdatum > limit
                else ""
            )
            self._event(s, meeting_id, dj.JUSTERAT, dj.ANSLAGET, anslagsdatum, user, reason)
            s.flush()
            return self._row(s, m, today)

    def take_down(
        self, meeting_id: int, datum: date | None = None, *, user: str | None = None, today: date | None = None
    ) -> dj.JusteringRow:
        """anslaget → anslag_nedtaget; refused inside the appeal period."""
        user = user or audit.current_user()
        datum = datum or (today or clock.today())
        with self.db.session() as s:
            m = self._meeting(s, meeting_id)
            self._require(m.status, dj.ANSLAGET, "Nedtagning av anslaget")
            rec = self._record(s, meeting_id)
            fb = self._settings(s)
            self._check_date(datum, "Nedtaget", today=today)
            message = dl.validate_takedown_date(rec.anslagsdatum, datum, weeks=fb.overklagande_veckor)
            if message:
                raise ValidationError(message, "Nedtaget")
            rec.nedtaget_datum = datum
            m.status = dj.NEDTAGET
            self._event(s, meeting_id, dj.ANSLAGET, dj.NEDTAGET, datum, user)
            s.flush()
            return self._row(s, m, today)

    # --- reading -----------------------------------------------------------------------------------------------

    def _row(self, s: Session, m: MeetingRow, today: date | None = None) -> dj.JusteringRow:
        today = today or clock.today()
        fb = self._settings(s)
        organ = s.get(OrganRow, m.organ_id)
        rec = self._record(s, m.id)
        j_limit = dl.justering_deadline(m.datum, fb.justering_dagar)
        jd = rec.justeringsdatum if rec else None
        ad = rec.anslagsdatum if rec else None
        warnings: list[str] = []
        urgency = ""
        a_limit = dl.anslag_deadline(jd, fb.anslag_dagar) if jd else None
        last = dl.last_appeal_day(ad, fb.overklagande_veckor) if ad else None
        down = dl.anslag_takedown_earliest(ad, fb.overklagande_veckor) if ad else None
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
                f"Justerades {jd.isoformat()}, {(jd - j_limit).days} dagar efter fristen "
                f"{j_limit.isoformat()} (KL 5:69)."
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
            paragrafer=self._paragraph_text(s, m.id),
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

    def _extract_row(self, s: Session, ex: OmedelbarJusteringRow, today: date | None = None) -> dj.JusteringRow:
        today = today or clock.today()
        fb = self._settings(s)
        m = self._meeting(s, ex.meeting_id)
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

    def get(self, meeting_id: int, today: date | None = None) -> dj.JusteringRow:
        with self.db.session() as s:
            return self._row(s, self._meeting(s, meeting_id), today)

    def overview(self, today: date | None = None, *, include_done: bool = False) -> list[dj.JusteringRow]:
        """Protocols from draft onwards and omedelbart justerade extracts, most urgent first."""
        states = [dj.UTKAST, dj.KLART, dj.JUSTERAT, dj.ANSLAGET] + ([dj.NEDTAGET] if include_done else [])
        with self.db.session() as s:
            meetings = s.execute(
                select(MeetingRow, OrganRow.numbered_paragraphs)
                .join(OrganRow, OrganRow.id == MeetingRow.organ_id)
                .where(MeetingRow.status.in_(states))
                .order_by(MeetingRow.datum)
            ).all()
            # Minnesanteckningar (organs without §§) are not justerade; they appear only if sent to justering.
            rows = [self._row(s, m, today) for m, numbered in meetings if numbered or m.status != dj.UTKAST]
            for ex in s.scalars(select(OmedelbarJusteringRow).order_by(OmedelbarJusteringRow.id)):
                r = self._extract_row(s, ex, today)
                if include_done or r.status != dj.NEDTAGET:
                    rows.append(r)
        order = {"forsenad": 0, "idag": 1, "": 2}
        return sorted(rows, key=lambda r: (order[r.urgency], r.datum, r.extract_id or 0))

    def events(self, meeting_id: int) -> list[dj.JusteringEvent]:
        with self.db.session() as s:
            return [
                dj.JusteringEvent(
                    e.id, e.meeting_id, e.extract_id, e.from_status, e.to_status, e.datum, e.at, e.user, e.reason
                )
                for e in s.scalars(
                    select(JusteringEventRow)
                    .where(JusteringEventRow.meeting_id == meeting_id)
                    .order_by(JusteringEventRow.id)
                )
            ]

    # --- content hash ------------------------------------------------------------------------------------------

    def verify_hashes(self, meeting_id: int | None = None) -> list[dj.HashCheck]:
        """Recompute the canonical content of every justerat protocol (and omedelbar extract) and compare."""
        with self.db.session() as s:
            return verify_hashes(s, meeting_id)

    # --- anslag ------------------------------------------------------------------------------------------------

    def anslag_notice(self, meeting_id: int, *, extract_id: int | None = None) -> dj.AnslagNotice:
        style = self.takedown_style()
        with self.db.session() as s:
            m = self._meeting(s, meeting_id)
            fb = self._settings(s)
            organ = s.get(OrganRow, m.organ_id)
            if extract_id is not None:
                ex = s.get(OmedelbarJusteringRow, extract_id)
                if ex is None or ex.meeting_id != meeting_id:
                    raise NotFoundError(f"Protokollsutdrag {extract_id} finns inte för sammanträdet.")
                jd, ad, paragrafer, avser = ex.justeringsdatum, ex.anslagsdatum, ex.paragrafer, "protokollsutdrag"
            else:
                rec = self._record(s, meeting_id)
                if rec is None or rec.justeringsdatum is None:
                    raise ValidationError("Protokollet är inte justerat ännu; anslag kan inte skrivas ut.")
                jd, ad, paragrafer, avser = (
                    rec.justeringsdatum,
                    rec.anslagsdatum,
                    self._paragraph_text(s, m.id),
                    "protokoll",
                )
            if ad is None:
                ad = clock.today() if clock.today() >= jd else jd
            signer = self._officers(s, meeting_id)["sekreterare"]
            return dj.AnslagNotice(
                forbund=fb.namn,
                organ=organ.namn if organ else "",
                sammantradesdatum=m.datum,
                paragrafer=paragrafer,
                justeringsdatum=jd,
                anslagsdatum=ad,
                forvaringsplats=fb.forvaringsplats or fb.namn,
                underskrift_namn=signer[0] if signer else "",
                underskrift_roll="Enligt uppdrag",
                anslagstavla=fb.anslagstavla,
                avser=avser,
                style=style.value,
                overklagande_veckor=fb.overklagande_veckor,
            )

    def anslag_pdf(self, meeting_id: int, *, extract_id: int | None = None) -> bytes:
        from finsam_desktop.reports.justering.anslag import build_anslag_pdf

        return build_anslag_pdf(self.anslag_notice(meeting_id, extract_id=extract_id))

    # --- justerat protocol PDF, signing ----------------------------------------------------------------------

    def _render_justerat(
        self,
        meeting_id: int,
        justeringsdatum: date,
        officers: dict[str, list[str]],
        anslagsdatum: date | None = None,
        content_sha256: str = "",
    ) -> bytes:
        from finsam_desktop.reports.justering.protocol_justerat import JusteringInfo, build_justerat_pdf

        doc = MeetingsArea(self.db).documents.protocol_document(meeting_id)
        style = self.takedown_style()
        with self.db.session() as s:
            fb = self._settings(s)
            corrections = self._corrections_text(s, meeting_id)
            paragrafer = self._paragraph_text(s, meeting_id)
        place = fb.forvaringsplats or fb.namn
        notice = None
        if anslagsdatum is not None:
            notice = dj.AnslagNotice(
                forbund=fb.namn,
                organ=doc.organ_namn,
                sammantradesdatum=doc.datum,
                paragrafer=paragrafer,
                justeringsdatum=justeringsdatum,
                anslagsdatum=anslagsdatum,
                forvaringsplats=place,
                underskrift_namn=officers["sekreterare"][0] if officers["sekreterare"] else "",
                anslagstavla=fb.anslagstavla,
                style=style.value,
                overklagande_veckor=fb.overklagande_veckor,
            )
        info = JusteringInfo(
            justeringsdatum=justeringsdatum,
            ordforande=tuple(officers["ordforande"]),
            justerare=tuple(officers["justerare"]),
            sekreterare=tuple(officers["sekreterare"]),
            anslag=notice,
            corrections=corrections,
            forvaringsplats=place,
            content_sha256=content_sha256,
        )
        return build_justerat_pdf(doc, info)

    def protocol_pdf(self, meeting_id: int) -> bytes:
        """The justerat protocol as archived (signed version when signed); the draft before justering."""
        with self.db.session() as s:
            m = self._meeting(s, meeting_id)
            rec = self._record(s, meeting_id)
            if dj.is_immutable(m.status) and rec is not None and rec.justerat_pdf:
                return bytes(rec.signed_pdf or rec.justerat_pdf)
        return MeetingsArea(self.db).documents.protocol_pdf(meeting_id)

    def sign(self, meeting_id: int, pkcs12: bytes, passphrase: str, role: str, *, user: str | None = None) -> list[str]:
        """Add one digital signature to the justerat protocol (incremental update); returns the signers so far."""
        from finsam_desktop.reports.common.signing import sign_pdf, verify_pdf

        user = user or audit.current_user()
        with self.db.session() as s:
            m = self._meeting(s, meeting_id)
            rec = self._record(s, meeting_id)
            if not dj.is_immutable(m.status) or rec is None or not rec.justerat_pdf:
                raise ValidationError("Bara ett justerat protokoll kan skrivas under digitalt.")
            source = bytes(rec.signed_pdf or rec.justerat_pdf)
            fb = self._settings(s)
            signed = sign_pdf(source, pkcs12, passphrase, role=role, location=fb.sate or "")
            report = verify_pdf(signed)
            if not report.intact:
                raise ValidationError("Den underskrivna filen kunde inte verifieras; underskriften sparades inte.")
            rec.signed_pdf = signed
            rec.signed_at = _now()
            rec.signers = "; ".join(f"{sig.signer} ({role_of(sig.reason)})" for sig in report.signatures)
            audit.record(
                s,
                "Protokoll: digital underskrift",
                "meeting",
                meeting_id,
                f"{report.signatures[-1].signer} som {role} (av {user})",
            )
            return [sig.signer for sig in report.signatures]

    # --- protokollsutdrag and publication copy -------------------------------------------------------------

    def _paragraph_ids(self, s: Session, meeting_id: int, paragraphs: Iterable[int]) -> list[int]:
        wanted = sorted(set(paragraphs))
        by_number = {i.paragraph_number: i.id for i in self._items(s, meeting_id)}
        missing = [n for n in wanted if n not in by_number]
        if missing:
            raise ValidationError(
                f"{dj.paragraph_range_text(missing)} finns inte i protokollet "
                f"({self._paragraph_text(s, meeting_id) or 'inga numrerade paragrafer'}).",
                "Paragrafer",
            )
        return [by_number[n] for n in wanted]

    def utdrag_pdf(
        self,
        meeting_id: int,
        paragraphs: Iterable[int],
        *,
        mottagare: str = "",
        bestyrkt_av: str | None = None,
        datum: date | None = None,
        user: str | None = None,
    ) -> bytes:
        """A protokollsutdrag of justerade §§ ("Utdrag bestyrkes"), recorded in the register."""
        from finsam_desktop.reports.justering.protocol_justerat import UtdragInfo, build_utdrag_pdf

        user = user or audit.current_user()
        datum = datum or clock.today()
        paragraphs = sorted(set(paragraphs))
        with self.db.session() as s:
            m = self._meeting(s, meeting_id)
            ids = self._paragraph_ids(s, meeting_id, paragraphs)
            omedelbar = set(
                s.scalars(
                    select(OmedelbarJusteringItemRow.agenda_item_id).where(
                        OmedelbarJusteringItemRow.agenda_item_id.in_(ids)
                    )
                )
            )
            if not dj.is_immutable(m.status) and set(ids) - omedelbar:
                raise ValidationError(
                    "Utdrag kan bara göras ur ett justerat protokoll (eller av paragrafer som justerats omedelbart)."
                )
            officers = self._officers(s, meeting_id)
            name = bestyrkt_av or (officers["sekreterare"][0] if officers["sekreterare"] else user)
            rec = self._record(s, meeting_id)
            justeringsdatum = rec.justeringsdatum if rec and rec.justeringsdatum else None
            if justeringsdatum is None:
                justeringsdatum = s.scalar(
                    select(OmedelbarJusteringRow.justeringsdatum)
                    .join(OmedelbarJusteringItemRow, OmedelbarJusteringItemRow.justering_id == OmedelbarJusteringRow.id)
                    .where(OmedelbarJusteringItemRow.agenda_item_id.in_(ids))
                )
        doc = MeetingsArea(self.db).documents.protocol_document(meeting_id)
        with self.db.session() as s:
            corrections = self._corrections_text(s, meeting_id)
        info = UtdragInfo(
            paragraphs=tuple(paragraphs),
            bestyrkt_av=name,
            datum=datum,
            mottagare=mottagare,
            justeringsdatum=justeringsdatum,
            corrections=corrections,
        )
        pdf = build_utdrag_pdf(doc, info)
        with self.db.session() as s:
            s.add(
                UtdragRow(
                    meeting_id=meeting_id,
                    paragrafer=dj.paragraph_range_text(paragraphs),
                    mottagare=mottagare,
                    datum=datum,
                    bestyrkt_av=name,
                    pdf_sha256=hashlib.sha256(pdf).hexdigest(),
                    created_at=_now(),
                    user=user,
                )
            )
            audit.record(
                s,
                "Protokollsutdrag",
                "meeting",
                meeting_id,
                f"{dj.paragraph_range_text(paragraphs)} till {mottagare or '(ingen mottagare angiven)'}",
            )
        return pdf

    def list_utdrag(self, meeting_id: int | None = None) -> list[dj.UtdragEntry]:
        with self.db.session() as s:
            stmt = select(UtdragRow).order_by(UtdragRow.id)
            if meeting_id is not None:
                stmt = stmt.where(UtdragRow.meeting_id == meeting_id)
            return [
                dj.UtdragEntry(
                    r.id, r.meeting_id, r.paragrafer, r.mottagare, r.datum, r.bestyrkt_av, r.pdf_sha256, r.user
                )
                for r in s.scalars(stmt)
            ]

    def publication_pdf(self, meeting_id: int, choice: dj.RedactionChoice | None = None) -> bytes:
        """A copy for the web: no signatures, chosen §§ left out, personnummer and jäv names masked, and the names
        in ``choice.extra_names`` masked everywhere (see :mod:`finsam_desktop.reports.justering.redaction`)."""
        from finsam_desktop.reports.justering.protocol_justerat import build_publication_pdf

        choice = choice or dj.RedactionChoice()
        with self.db.session() as s:
            m = self._meeting(s, meeting_id)
            if not dj.is_immutable(m.status):
                raise ValidationError("Publiceringsversion görs av ett justerat protokoll.")
            rec = self._record(s, meeting_id)
            jd = rec.justeringsdatum
            if choice.paragraphs:
                self._paragraph_ids(s, meeting_id, choice.paragraphs)
        doc = MeetingsArea(self.db).documents.protocol_document(meeting_id)
        return build_publication_pdf(doc, choice, justeringsdatum=jd)

    # --- justeras omedelbart -------------------------------------------------------------------------------

    def justera_omedelbart(
        self,
        meeting_id: int,
        paragraphs: Iterable[int],
        justeringsdatum: date,
        *,
        user: str | None = None,
        today: date | None = None,
    ) -> dj.JusteringRow:
        """Justera §§ marked "justeras omedelbart" at the meeting as their own protokollsutdrag."""
        user = user or audit.current_user()
        paragraphs = sorted(set(paragraphs))
        if not paragraphs:
            raise ValidationError("ange minst en paragraf.", "Paragrafer")
        with self.db.session() as s:
            m = self._meeting(s, meeting_id)
            if dj.is_immutable(m.status):
                raise ValidationError("Hela protokollet är redan justerat.")
            if m.status in ("planerat", "kallat"):
                raise ValidationError("Sammanträdet har inte hållits ännu.")
            self._check_date(
                justeringsdatum, "Justeringsdatum", not_before=m.datum, before_label="sammanträdesdatum", today=today
            )
            ids = self._paragraph_ids(s, meeting_id, paragraphs)
            items = {i.id: i for i in self._items(s, meeting_id)}
            not_marked = [items[i].paragraph_number for i in ids if not items[i].justeras_omedelbart]
            if not_marked:
                raise ValidationError(
                    f"{dj.paragraph_range_text(not_marked)} är inte markerad ”justeras omedelbart” i protokollet.",
                    "Paragrafer",
                )
            done = set(
                s.scalars(
                    select(OmedelbarJusteringItemRow.agenda_item_id).where(
                        OmedelbarJusteringItemRow.agenda_item_id.in_(ids)
                    )
                )
            )
            if done:
                raise ValidationError(
                    f"{dj.paragraph_range_text(items[i].paragraph_number for i in done)} är redan justerad.",
                    "Paragrafer",
                )
            officers = self._officers(s, meeting_id)
            if not officers["ordforande"] or not officers["justerare"]:
                raise ValidationError("Ordförande och justerare måste vara angivna innan justering.")
            sha, canonical = hash_of(items_content(s, ids))
            ex = OmedelbarJusteringRow(
                meeting_id=meeting_id,
                paragrafer=dj.paragraph_range_text(paragraphs),
                justeringsdatum=justeringsdatum,
                ordforande="; ".join(officers["ordforande"]),
                justerare="; ".join(officers["justerare"]),
                sekreterare="; ".join(officers["sekreterare"]),
                content_sha256=sha,
                canonical_json=canonical,
                created_at=_now(),
            )
            s.add(ex)
            s.flush()
            for item_id in ids:
                s.add(OmedelbarJusteringItemRow(justering_id=ex.id, agenda_item_id=item_id))
            self._event(
                s,
                meeting_id,
                dj.UTKAST if m.status == dj.UTKAST else m.status,
                dj.JUSTERAT,
                justeringsdatum,
                user,
                f"Justeras omedelbart: {ex.paragrafer}",
                extract_id=ex.id,
            )
            s.flush()
            return self._extract_row(s, ex, today)

    def post_anslag_omedelbart(
        self, extract_id: int, anslagsdatum: date, *, user: str | None = None, today: date | None = None
    ) -> dj.JusteringRow:
        user = user or audit.current_user()
        with self.db.session() as s:
            ex = self._extract(s, extract_id)
            if ex.anslagsdatum is not None:
                raise ValidationError(f"Utdraget anslogs redan {ex.anslagsdatum.isoformat()}.")
            self._check_date(
                anslagsdatum, "Anslagsdatum", not_before=ex.justeringsdatum, before_label="justeringsdatum", today=today
            )
            ex.anslagsdatum = anslagsdatum
            self._event(s, ex.meeting_id, dj.JUSTERAT, dj.ANSLAGET, anslagsdatum, user, extract_id=ex.id)
            s.flush()
            return self._extract_row(s, ex, today)

    def take_down_omedelbart(
        self, extract_id: int, datum: date | None = None, *, user: str | None = None, today: date | None = None
    ) -> dj.JusteringRow:
        user = user or audit.current_user()
        datum = datum or (today or clock.today())
        with self.db.session() as s:
            ex = self._extract(s, extract_id)
            if ex.anslagsdatum is None or ex.nedtaget_datum is not None:
                raise ValidationError("Utdraget är inte anslaget (eller redan nedtaget).")
            fb = self._settings(s)
            self._check_date(datum, "Nedtaget", today=today)
            message = dl.validate_takedown_date(ex.anslagsdatum, datum, weeks=fb.overklagande_veckor)
            if message:
                raise ValidationError(message, "Nedtaget")
            ex.nedtaget_datum = datum
            self._event(s, ex.meeting_id, dj.ANSLAGET, dj.NEDTAGET, datum, user, extract_id=ex.id)
            s.flush()
            return self._extract_row(s, ex, today)

    def omedelbar_pdf(self, extract_id: int) -> bytes:
        """The omedelbart justerade §§ as their own justerat protokollsutdrag (signatures, Bevis/anslag)."""
        from finsam_desktop.reports.justering.protocol_justerat import JusteringInfo, build_omedelbar_pdf

        style = self.takedown_style()
        with self.db.session() as s:
            ex = self._extract(s, extract_id)
            fb = self._settings(s)
            ids = list(
                s.scalars(
                    select(OmedelbarJusteringItemRow.agenda_item_id).where(
                        OmedelbarJusteringItemRow.justering_id == ex.id
                    )
                )
            )
            numbers = tuple(
                sorted(i.paragraph_number for i in s.scalars(select(AgendaItem).where(AgendaItem.id.in_(ids))))
            )
            meeting_id, jd, ad = ex.meeting_id, ex.justeringsdatum, ex.anslagsdatum
            names = {
                k: tuple(n for n in v.split("; ") if n)
                for k, v in (
                    ("ordforande", ex.ordforande),
                    ("justerare", ex.justerare),
                    ("sekreterare", ex.sekreterare),
                )
            }
            paragrafer = ex.paragrafer
            place = fb.forvaringsplats or fb.namn
        doc = MeetingsArea(self.db).documents.protocol_document(meeting_id)
        notice = None
        if ad is not None:
            notice = dj.AnslagNotice(
                forbund=fb.namn,
                organ=doc.organ_namn,
                sammantradesdatum=doc.datum,
                paragrafer=paragrafer,
                justeringsdatum=jd,
                anslagsdatum=ad,
                forvaringsplats=place,
                underskrift_namn=names["sekreterare"][0] if names["sekreterare"] else "",
                anslagstavla=fb.anslagstavla,
                avser="protokollsutdrag",
                style=style.value,
                overklagande_veckor=fb.overklagande_veckor,
            )
        info = JusteringInfo(
            justeringsdatum=jd,
            ordforande=names["ordforande"],
            justerare=names["justerare"],
            sekreterare=names["sekreterare"],
            anslag=notice,
            forvaringsplats=place,
        )
        return build_omedelbar_pdf(doc, info, numbers)

    @staticmethod
    def _extract(s: Session, extract_id: int) -> OmedelbarJusteringRow:
        ex = s.get(OmedelbarJusteringRow, extract_id)
        if ex is None:
            raise NotFoundError(f"Omedelbart justerat utdrag {extract_id} finns inte.")
        return ex

    # --- corrections ---------------------------------------------------------------------------------------

    def add_correction(
        self, item_id: int, corrects_item_id: int, anteckning: str = "", *, user: str | None = None
    ) -> dj.CorrectionRef:
        """Record that § ``item_id`` (a later decision) corrects the justerade § ``corrects_item_id``."""
        user = user or audit.current_user()
        with self.db.session() as s:
            new, old = s.get(AgendaItem, item_id), s.get(AgendaItem, corrects_item_id)
            if new is None or old is None:
                raise NotFoundError("Paragrafen finns inte.")
            old_meeting, new_meeting = self._meeting(s, old.meeting_id), self._meeting(s, new.meeting_id)
            if not dj.is_immutable(old_meeting.status):
                raise ValidationError("Paragrafen som rättas är inte justerad; ändra den direkt i protokollet.")
            if dj.is_immutable(new_meeting.status):
                raise ImmutableRecordError(
                    "Det rättande beslutet ligger i ett justerat protokoll och kan inte kopplas i efterhand."
                )
            if (new_meeting.datum, new.id) <= (old_meeting.datum, old.id) or new.meeting_id == old.meeting_id:
                raise ValidationError("Rättelsen måste vara ett senare beslut (ett senare sammanträde).")
            row = ParagraphCorrectionRow(
                agenda_item_id=item_id,
                corrects_item_id=corrects_item_id,
                anteckning=anteckning.strip(),
                created_at=_now(),
                user=user,
            )
            s.add(row)
            s.flush()
            audit.record(
                s,
                "Rättelse av justerad paragraf",
                "agenda_item",
                corrects_item_id,
                f"rättas av agenda_item {item_id}: {anteckning.strip()}",
            )
            return self._correction_dto(s, row)

    def add_correction_by_reference(
        self, meeting_id: int, paragraph: int, corrects: str, anteckning: str = "", *, user: str | None = None
    ) -> dj.CorrectionRef:
        """Like :meth:`add_correction`, with §§ given as the user writes them: the correcting § of this meeting
        and the corrected one as "2026-09-04 § 4" (date of its meeting and § number)."""
        import re

        from finsam_desktop.domain.common.dates import parse_date

        m = re.fullmatch(r"\s*(\S+)\s*§?\s*(\d+)\s*", corrects or "")
        if not m:
            raise ValidationError("skriv sammanträdets datum och paragrafen, t.ex. 2026-09-04 § 4.", "Rättar beslut")
        old_day, old_number = parse_date(m[1], "Rättar beslut"), int(m[2])
        with self.db.session() as s:
            new_ids = self._paragraph_ids(s, meeting_id, [paragraph])
            old_meeting = s.scalar(
                select(MeetingRow.id)
                .join(AgendaItem, AgendaItem.meeting_id == MeetingRow.id)
                .where(MeetingRow.datum == old_day, AgendaItem.paragraph_number == old_number)
            )
            if old_meeting is None:
                raise ValidationError(
                    f"det finns ingen § {old_number} i ett protokoll från {old_day.isoformat()}.", "Rättar beslut"
                )
            old_ids = self._paragraph_ids(s, old_meeting, [old_number])
        return self.add_correction(new_ids[0], old_ids[0], anteckning, user=user)

    def _correction_dto(self, s: Session, row: ParagraphCorrectionRow) -> dj.CorrectionRef:
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

    def corrections(self, meeting_id: int) -> list[dj.CorrectionRef]:
        """Corrections touching the meeting: of its §§ (made later) and made by its §§ (of earlier ones)."""
        with self.db.session() as s:
            ids = [i.id for i in self._items(s, meeting_id)]
            rows = s.scalars(
                select(ParagraphCorrectionRow)
                .where(
                    ParagraphCorrectionRow.corrects_item_id.in_(ids) | ParagraphCorrectionRow.agenda_item_id.in_(ids)
                )
                .order_by(ParagraphCorrectionRow.id)
            )
            return [self._correction_dto(s, r) for r in rows]

    def _corrections_text(self, s: Session, meeting_id: int) -> dict[str, tuple[str, ...]]:
        """§ label → notes printed with the §: "Rättad genom … § N" and "Rättar … § M"."""
        ids = [i.id for i in self._items(s, meeting_id)]
        out: dict[str, list[str]] = {}
        for r in s.scalars(
            select(ParagraphCorrectionRow).where(
                ParagraphCorrectionRow.corrects_item_id.in_(ids) | ParagraphCorrectionRow.agenda_item_id.in_(ids)
            )
        ):
            c = self._correction_dto(s, r)
            note = f" ({c.anteckning})" if c.anteckning else ""
            if c.corrects_item_id in ids:
                out.setdefault(c.corrects_label, []).append(
                    f"Rättad genom beslut {c.meeting_label} {c.item_label}{note}."
                )
            if c.item_id in ids:
                out.setdefault(c.item_label, []).append(
                    f"Rättelse av beslut {c.corrects_meeting_label} {c.corrects_label}{note}."
                )
        return {k: tuple(v) for k, v in out.items()}


def role_of(reason: str) -> str:
    """The role in parentheses at the end of a signature reason ("Justering av protokoll (Justerare)")."""
    if reason.endswith(")") and "(" in reason:
        return reason[reason.rfind("(") + 1 : -1]
    return reason


def verify_hashes(s: Session, meeting_id: int | None = None) -> list[dj.HashCheck]:
    """Compare stored content hashes with the database now (used by the service and by ``finsam check``)."""
    out: list[dj.HashCheck] = []
    stmt = select(ProtocolJusteringRow).where(ProtocolJusteringRow.content_sha256.is_not(None))
    if meeting_id is not None:
        stmt = stmt.where(ProtocolJusteringRow.meeting_id == meeting_id)
    for rec in s.scalars(stmt):
        current = with_snapshot_names(meeting_content(s, rec.meeting_id, stored_version(rec.canonical_json)), rec)
        sha, _ = hash_of(current)
        diffs = () if sha == rec.content_sha256 else tuple(describe_difference(rec.canonical_json or "{}", current))
        out.append(dj.HashCheck(rec.meeting_id, sha == rec.content_sha256, rec.content_sha256, sha, diffs))
        if rec.justerat_pdf is not None and hashlib.sha256(rec.justerat_pdf).hexdigest() != rec.justerat_pdf_sha256:
            out.append(
                dj.HashCheck(
                    rec.meeting_id,
                    False,
                    rec.justerat_pdf_sha256 or "",
                    hashlib.sha256(rec.justerat_pdf).hexdigest(),
                    ("den arkiverade PDF-filen har ändrats",),
                )
            )
    ex_stmt = select(OmedelbarJusteringRow)
    if meeting_id is not None:
        ex_stmt = ex_stmt.where(OmedelbarJusteringRow.meeting_id == meeting_id)
    for ex in s.scalars(ex_stmt):
        ids = list(
            s.scalars(
                select(OmedelbarJusteringItemRow.agenda_item_id).where(OmedelbarJusteringItemRow.justering_id == ex.id)
            )
        )
        current = with_snapshot_names(items_content(s, ids, stored_version(ex.canonical_json)), ex)
        sha, _ = hash_of(current)
        diffs = () if sha == ex.content_sha256 else tuple(describe_difference(ex.canonical_json, current))
        out.append(
            dj.HashCheck(
                ex.meeting_id,
                sha == ex.content_sha256,
                ex.content_sha256,
                sha,
                tuple(f"(omedelbart justerat {ex.paragrafer}) {d}" for d in diffs),
            )
        )
    return out
