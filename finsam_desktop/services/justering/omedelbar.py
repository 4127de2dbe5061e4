""" "Justeras omedelbart": §§ justerade at the meeting as their own protokollsutdrag, their anslag,
takedown and PDF."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from sqlalchemy import select

from finsam_desktop import clock
from finsam_desktop.domain.common import deadlines as dl
from finsam_desktop.domain.common.errors import ValidationError
from finsam_desktop.domain.justering import model as dj
from finsam_desktop.persistence.database import Database
from finsam_desktop.persistence.models import AgendaItem
from finsam_desktop.persistence.models.justering import OmedelbarJusteringItemRow, OmedelbarJusteringRow
from finsam_desktop.services import audit
from finsam_desktop.services.justering.content import hash_of, items_content
from finsam_desktop.services.justering.rows import (
    agenda_items,
    check_date,
    extract_or_raise,
    extract_row,
    forbund_settings,
    log_event,
    meeting_officers,
    meeting_or_raise,
    now,
    paragraph_ids,
    read_takedown_style,
)
from finsam_desktop.services.sammantraden.area import MeetingsArea


class OmedelbarService:
    """Omedelbart justerade extracts. One method = one user action = one transaction."""

    def __init__(self, db: Database):
        self.db = db

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
            m = meeting_or_raise(s, meeting_id)
            if dj.is_immutable(m.status):
                raise ValidationError("Hela protokollet är redan justerat.")
            if m.status in ("planerat", "kallat"):
                raise ValidationError("Sammanträdet har inte hållits ännu.")
            check_date(
                justeringsdatum, "Justeringsdatum", not_before=m.datum, before_label="sammanträdesdatum", today=today
            )
            ids = paragraph_ids(s, meeting_id, paragraphs)
            items = {i.id: i for i in agenda_items(s, meeting_id)}
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
            officers = meeting_officers(s, meeting_id)
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
                created_at=now(),
            )
            s.add(ex)
            s.flush()
            for item_id in ids:
                s.add(OmedelbarJusteringItemRow(justering_id=ex.id, agenda_item_id=item_id))
            log_event(
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
            return extract_row(s, ex, today)

    def post_anslag_omedelbart(
        self, extract_id: int, anslagsdatum: date, *, user: str | None = None, today: date | None = None
    ) -> dj.JusteringRow:
        user = user or audit.current_user()
        with self.db.session() as s:
            ex = extract_or_raise(s, extract_id)
            if ex.anslagsdatum is not None:
                raise ValidationError(f"Utdraget anslogs redan {ex.anslagsdatum.isoformat()}.")
            check_date(
                anslagsdatum, "Anslagsdatum", not_before=ex.justeringsdatum, before_label="justeringsdatum", today=today
            )
            ex.anslagsdatum = anslagsdatum
            log_event(s, ex.meeting_id, dj.JUSTERAT, dj.ANSLAGET, anslagsdatum, user, extract_id=ex.id)
            s.flush()
            return extract_row(s, ex, today)

    def take_down_omedelbart(
        self, extract_id: int, datum: date | None = None, *, user: str | None = None, today: date | None = None
    ) -> dj.JusteringRow:
        user = user or audit.current_user()
        datum = datum or (today or clock.today())
        with self.db.session() as s:
            ex = extract_or_raise(s, extract_id)
            if ex.anslagsdatum is None or ex.nedtaget_datum is not None:
                raise ValidationError("Utdraget är inte anslaget (eller redan nedtaget).")
            fb = forbund_settings(s)
            check_date(datum, "Nedtaget", today=today)
            message = dl.validate_takedown_date(ex.anslagsdatum, datum, weeks=fb.overklagande_veckor)
            if message:
                raise ValidationError(message, "Nedtaget")
            ex.nedtaget_datum = datum
            log_event(s, ex.meeting_id, dj.ANSLAGET, dj.NEDTAGET, datum, user, extract_id=ex.id)
            s.flush()
            return extract_row(s, ex, today)

    def omedelbar_pdf(self, extract_id: int) -> bytes:
        """The omedelbart justerade §§ as their own justerat protokollsutdrag (signatures, Bevis/anslag)."""
        from finsam_desktop.reports.justering.protocol_justerat import JusteringInfo, build_omedelbar_pdf

        with self.db.session() as s:
            style = read_takedown_style(s)
        with self.db.session() as s:
            ex = extract_or_raise(s, extract_id)
            fb = forbund_settings(s)
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
