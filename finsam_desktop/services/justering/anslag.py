"""Anslag of a justerat protocol: posting it, taking it down after the appeal period, the anslag notice and
its PDF, and the setting for how the takedown date is printed."""

from __future__ import annotations

import json
from datetime import date

from finsam_desktop import clock
from finsam_desktop.domain.common import deadlines as dl
from finsam_desktop.domain.common.errors import NotFoundError, ValidationError
from finsam_desktop.domain.justering import model as dj
from finsam_desktop.persistence.database import Database
from finsam_desktop.persistence.models import OrganRow, Setting
from finsam_desktop.persistence.models.justering import OmedelbarJusteringRow
from finsam_desktop.services import audit
from finsam_desktop.services.justering.rows import (
    STYLE_KEY,
    check_date,
    forbund_settings,
    justering_record,
    justering_row,
    log_event,
    meeting_officers,
    meeting_or_raise,
    paragraph_text,
    read_takedown_style,
    require_status,
)


class AnslagService:
    """Anslag on the anslagstavla. One method = one user action = one transaction."""

    def __init__(self, db: Database):
        self.db = db

    def takedown_style(self) -> dl.TakedownStyle:
        with self.db.session() as s:
            return read_takedown_style(s)

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

    def post_anslag(
        self, meeting_id: int, anslagsdatum: date, *, user: str | None = None, today: date | None = None
    ) -> dj.JusteringRow:
        """justerat → anslaget (the justering is announced on the anslagstavla)."""
        user = user or audit.current_user()
        with self.db.session() as s:
            m = meeting_or_raise(s, meeting_id)
            require_status(m.status, dj.JUSTERAT, "Anslag")
            rec = justering_record(s, meeting_id)
            check_date(
                anslagsdatum,
                "Anslagsdatum",
                not_before=rec.justeringsdatum,
                before_label="justeringsdatum",
                today=today,
            )
            fb = forbund_settings(s)
            rec.anslagsdatum = anslagsdatum
            rec.anslag_av = user
            m.status = dj.ANSLAGET
            limit = dl.anslag_deadline(rec.justeringsdatum, fb.anslag_dagar)
            reason = (
                f"Anslaget {(anslagsdatum - limit).days} dagar efter fristen {limit.isoformat()}"
                if anslagsdatum > limit
                else ""
            )
            log_event(s, meeting_id, dj.JUSTERAT, dj.ANSLAGET, anslagsdatum, user, reason)
            s.flush()
            return justering_row(s, m, today)

    def take_down(
        self, meeting_id: int, datum: date | None = None, *, user: str | None = None, today: date | None = None
    ) -> dj.JusteringRow:
        """anslaget → anslag_nedtaget; refused inside the appeal period."""
        user = user or audit.current_user()
        datum = datum or (today or clock.today())
        with self.db.session() as s:
            m = meeting_or_raise(s, meeting_id)
            require_status(m.status, dj.ANSLAGET, "Nedtagning av anslaget")
            rec = justering_record(s, meeting_id)
            fb = forbund_settings(s)
            check_date(datum, "Nedtaget", today=today)
            message = dl.validate_takedown_date(rec.anslagsdatum, datum, weeks=fb.overklagande_veckor)
            if message:
                raise ValidationError(message, "Nedtaget")
            rec.nedtaget_datum = datum
            m.status = dj.NEDTAGET
            log_event(s, meeting_id, dj.ANSLAGET, dj.NEDTAGET, datum, user)
            s.flush()
            return justering_row(s, m, today)

    def anslag_notice(self, meeting_id: int, *, extract_id: int | None = None) -> dj.AnslagNotice:
        style = self.takedown_style()
        with self.db.session() as s:
            m = meeting_or_raise(s, meeting_id)
            fb = forbund_settings(s)
            organ = s.get(OrganRow, m.organ_id)
            if extract_id is not None:
                ex = s.get(OmedelbarJusteringRow, extract_id)
                if ex is None or ex.meeting_id != meeting_id:
                    raise NotFoundError(f"Protokollsutdrag {extract_id} finns inte för sammanträdet.")
                jd, ad, paragrafer, avser = ex.justeringsdatum, ex.anslagsdatum, ex.paragrafer, "protokollsutdrag"
            else:
                rec = justering_record(s, meeting_id)
                if rec is None or rec.justeringsdatum is None:
                    raise ValidationError("Protokollet är inte justerat ännu; anslag kan inte skrivas ut.")
                jd, ad, paragrafer, avser = (
                    rec.justeringsdatum,
                    rec.anslagsdatum,
                    paragraph_text(s, m.id),
                    "protokoll",
                )
            if ad is None:
                ad = clock.today() if clock.today() >= jd else jd
            signer = meeting_officers(s, meeting_id)["sekreterare"]
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
                created=clock.now_utc(),
            )

    def anslag_pdf(self, meeting_id: int, *, extract_id: int | None = None) -> bytes:
        from finsam_desktop.reports.justering.anslag import build_anslag_pdf

        return build_anslag_pdf(self.anslag_notice(meeting_id, extract_id=extract_id))
