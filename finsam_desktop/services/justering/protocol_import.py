"""Import of historical protocols (issue 18): a file is read (``protocol_text``) and parsed
(``domain.sammantraden.protocol_parser``); ``preview`` shows what was recognised and what was not, and
``import_protocols`` stores every meeting of the file in ONE transaction as justerat, with the source file attached
as the original (bilaga with its SHA-256), the content hash ``finsam check`` verifies, the § numbers in the organ's
yearly series and every § in the search index. Nothing is stored while something is unplaced unless the user accepts.
"""

from __future__ import annotations

import hashlib
import mimetypes
from dataclasses import dataclass, field
from datetime import date, time

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from finsam_desktop import clock
from finsam_desktop.domain.common import deadlines as dl
from finsam_desktop.domain.common.errors import ValidationError
from finsam_desktop.domain.justering import model as dj
from finsam_desktop.domain.sammantraden.kinds import is_locked
from finsam_desktop.domain.sammantraden.numbering import NumberingConflict
from finsam_desktop.domain.sammantraden.protocol_parser import (
    ParsedProtocol,
    ParseResult,
    Unplaced,
    attendee_for,
    grouped,
    parse_protocols,
)
from finsam_desktop.persistence.database import Database
from finsam_desktop.persistence.models import AgendaItem, ForbundRow, MeetingRow, MemberRow, OrganRow, PersonRow
from finsam_desktop.persistence.models.justering import ProtocolJusteringRow
from finsam_desktop.persistence.models.sammantraden import (
    BILAGA_MAX_BYTES,
    AttendanceRow,
    BilagaRefRow,
    BilagaRow,
    DecisionClause,
    JavNoteRow,
    MeetingOfficerRow,
    ParagraphNumberRow,
    ParagraphPart,
    SeriesStartRow,
)
from finsam_desktop.services import audit
from finsam_desktop.services.justering.content import hash_of, meeting_content
from finsam_desktop.services.justering.protocol_text import extract_text
from finsam_desktop.services.justering.rows import forbund_settings, log_event
from finsam_desktop.services.sammantraden.numbering import renumber_series
from finsam_desktop.services.sammantraden.search_index import index_items

JAV_KINDS = {
    "deltog inte i beslutet": "deltog_inte_i_beslutet",
    "deltog inte i diskussionen": "deltog_inte_i_diskussionen",
    "anmälde jäv": "anmalde_jav",
}
ORIGINAL_TITLE = "Originalprotokoll (importerat)"


@dataclass
class ImportPreview:
    filename: str
    sha256: str
    text: str
    result: ParseResult

    @property
    def protocols(self) -> list[ParsedProtocol]:
        return self.result.protocols

    @property
    def unplaced(self) -> list[Unplaced]:
        return self.result.unplaced

    @property
    def problems(self) -> list[str]:
        return self.result.problems

    def unplaced_summary(self) -> list[str]:
        return grouped(self.result.unplaced)

    def warnings(self, weeks: int = 3) -> list[str]:
        """What is imported as the source says but differs from the rules (the anslag takedown date)."""
        return takedown_warnings(self.protocols, weeks)


def takedown_warnings(protocols: list[ParsedProtocol], weeks: int = 3) -> list[str]:
    """Per meeting: the source's "Anslaget tas ned" date when it is not the date the rule gives."""
    out = []
    for p in protocols:
        if p.anslagsdatum and p.anslag_ned_tidigast:
            note = dl.stated_takedown_note(p.anslagsdatum, p.anslag_ned_tidigast, weeks)
            if note:
                out.append(f"{p.label}: {note}")
    return out


@dataclass
class ImportResult:
    meeting_ids: list[int]
    summary: str
    notes: list[str] = field(default_factory=list)


class ProtocolImportService:
    """Historical protocols from PDF, Word or text. One call = one transaction."""

    def __init__(self, db: Database):
        self.db = db

    def preview(self, data: bytes, filename: str) -> ImportPreview:
        if len(data) > BILAGA_MAX_BYTES:
            raise ValidationError(
                f"{filename} är {len(data) / 1024 / 1024:.1f} MB; originalet får vara högst "
                f"{BILAGA_MAX_BYTES // 1024 // 1024} MB.",
                "Protokollfil",
            )
        text = extract_text(data, filename)
        return ImportPreview(filename, hashlib.sha256(data).hexdigest(), text, parse_protocols(text))

    @staticmethod
    def problems(protocols: list[ParsedProtocol], corrected: bool = False) -> list[str]:
        """What stops ``protocols`` from being imported; empty when nothing does. ``corrected``: as the user
        corrected them in the wizard, where a jäv must name someone among närvarande (from the file alone such a
        jäv is listed as not placed and left out once accepted)."""
        if not protocols:
            return ["Filen innehåller inget protokoll."]
        return [f"{p.label}: {msg}" for p in protocols for msg in _problems(p, corrected)]

    def appeal_weeks(self) -> int:
        """The förbund's överklagandetid in weeks (three by kommunallagen)."""
        with self.db.session() as s:
            fb = s.get(ForbundRow, 1)
            return fb.overklagande_veckor if fb is not None and fb.overklagande_veckor else 3

    @staticmethod
    def takedown_warnings(protocols: list[ParsedProtocol], weeks: int = 3) -> list[str]:
        return takedown_warnings(protocols, weeks)

    def organs(self) -> list[tuple[int, str]]:
        with self.db.session() as s:
            return [(o.id, o.namn) for o in s.scalars(select(OrganRow).order_by(OrganRow.id))]

    def import_protocols(
        self,
        data: bytes,
        filename: str,
        *,
        organ: int | str | None = None,
        protocols: list[ParsedProtocol] | None = None,
        accept_unplaced: bool = False,
        user: str | None = None,
    ) -> ImportResult:
        """Store the file's protocols (``protocols``: as corrected by the user; default: as parsed)."""
        preview = self.preview(data, filename)
        chosen = protocols if protocols is not None else preview.protocols
        problems = (
            self.problems(chosen, corrected=protocols is not None)
            if chosen
            else (preview.problems or ["Filen innehåller inget protokoll."])
        )
        if problems:
            raise ValidationError(
                "Protokollet kan inte importeras:\n" + "\n".join(f"– {m}" for m in problems), "Protokollfil"
            )
        if preview.unplaced and not accept_unplaced:
            lines = preview.unplaced_summary()
            raise ValidationError(
                f"{len(preview.unplaced)} rader kunde inte placeras i protokollet; inget har sparats. Granska "
                "listan och godkänn importen om de kan lämnas utanför:\n" + "\n".join(f"– {x}" for x in lines),
                "Protokollfil",
            )
        user = user or audit.current_user()
        with self.db.session() as s:
            organ_row = _organ(s, organ, chosen[0])
            for p in chosen:
                if s.scalar(
                    select(MeetingRow.id).where(MeetingRow.organ_id == organ_row.id, MeetingRow.datum == p.datum)
                ):
                    raise ValidationError(
                        f"Det finns redan ett sammanträde för {organ_row.namn} {p.datum.isoformat()}; "
                        "protokollet importeras inte en gång till.",
                        "Sammanträdesdatum",
                    )
            people = _People(s)
            ids = [_store(s, organ_row, p, data, filename, preview.sha256, people, user) for p in chosen]
            years = sorted({p.datum.year for p in chosen})
            for year in years:
                _series_start(s, organ_row.id, year)
                try:
                    renumber_series(s, organ_row.id, year)
                except NumberingConflict as exc:
                    raise ValidationError(
                        f"Protokollen kan inte importeras: §-numren passar inte {organ_row.namn}s serie för {year}. "
                        f"{exc}",
                        "Paragrafnummer",
                    ) from None
            for meeting_id in ids:
                _seal(s, meeting_id, user)
            n_par = sum(len(p.paragraphs) for p in chosen)
            audit.record(
                s,
                "Historiskt protokoll importerat",
                "meeting",
                ids[0],
                f"{filename} (SHA-256 {preview.sha256}): {len(ids)} sammanträden, {n_par} §",
            )
        dates = ", ".join(p.datum.isoformat() for p in chosen)
        notes = [f"Varning: {x}" for x in takedown_warnings(chosen, self.appeal_weeks())]
        notes += [f"Ej placerat: {x}" for x in preview.unplaced_summary()] if preview.unplaced else []
        return ImportResult(ids, f"{len(ids)} protokoll importerade ({dates}), {n_par} paragrafer.", notes)


def _problems(p: ParsedProtocol, corrected: bool = False) -> list[str]:
    out = [m for m in p.problems if "sammanträdesdatum" not in m and "saknar rubrik" not in m]
    if p.datum is None:
        out.append("sammanträdesdatum saknas.")
    if not p.paragraphs:
        out.append("inga paragrafer.")
    out += [f"§ {x.nummer} saknar rubrik." for x in p.paragraphs if not x.rubrik.strip()]
    out += _corrections(p, corrected)
    return list(dict.fromkeys(out))


def _corrections(p: ParsedProtocol, corrected: bool) -> list[str]:
    """What the user's corrections (närvarande, att-satser, jäv) leave that cannot be stored."""
    out = []
    numbers = {x.nummer for x in p.paragraphs}
    names = [a.namn for a in p.attendance if a.namn.strip()]
    for k, a in enumerate(p.attendance, start=1):
        who = a.namn.strip() or f"rad {k}"
        if not a.namn.strip():
            out.append(f"närvarolistans rad {k} saknar namn.")
        if a.roll not in ("ordinarie", "tjanstgorande", "ersattare", "ovrig"):
            out.append(f"{who}: okänd roll ”{a.roll}”.")
        for n in (a.from_paragraph, a.to_paragraph):
            if n is not None and n not in numbers:
                out.append(f"{who}: § {n} finns inte i protokollet.")
        if a.from_paragraph and a.to_paragraph and a.to_paragraph < a.from_paragraph:
            out.append(f"{who}: § {a.from_paragraph}–{a.to_paragraph} går baklänges.")
    for par in p.paragraphs:
        if any(att.strip().lower() in ("", "att") for att in par.att_satser):
            out.append(f"§ {par.nummer} har en tom att-sats.")
        for written, kind in par.jav:
            if kind not in JAV_KINDS:
                out.append(f"§ {par.nummer}: okänt slag av jäv ”{kind}”.")
            if not written.strip():
                out.append(f"§ {par.nummer}: ett jäv saknar namn.")
            elif corrected and attendee_for(written, names) is None:
                out.append(f"§ {par.nummer}: jäv för ”{written}”, som inte finns bland närvarande.")
    return out


def _organ(s: Session, organ: int | str | None, p: ParsedProtocol) -> OrganRow:
    rows = list(s.scalars(select(OrganRow).order_by(OrganRow.id)))
    if isinstance(organ, int):
        row = s.get(OrganRow, organ)
        if row is None:
            raise ValidationError(f"Organ {organ} finns inte.", "Organ")
        return row
    if organ:
        for row in rows:
            if row.namn.lower() == organ.strip().lower():
                return row
        raise ValidationError(f"Organet ”{organ}” finns inte; välj bland {', '.join(r.namn for r in rows)}.", "Organ")
    wanted = "styrelse" if "styrelse" in p.rubrik.lower() or not p.rubrik else ""
    for row in rows:
        if wanted and (row.kind == wanted or wanted in row.namn.lower()):
            return row
    if not rows:
        raise ValidationError("Det finns inget organ att importera protokollet till.", "Organ")
    return rows[0]


class _People:
    """Persons by name (case-insensitive); a name not in the register is added."""

    def __init__(self, s: Session):
        self.s = s
        self.by_name = {r.namn.strip().lower(): r for r in s.scalars(select(PersonRow).order_by(PersonRow.id))}
        self.members = {m.namn.strip().lower(): m for m in s.scalars(select(MemberRow))}

    def get(self, namn: str, organisation: str = "") -> PersonRow:
        key = " ".join(namn.split()).lower()
        row = self.by_name.get(key)
        if row is None:
            row = PersonRow(namn=" ".join(namn.split())[:200], organisation=organisation[:200])
            self.s.add(row)
            self.s.flush()
            self.by_name[key] = row
        return row

    def find(self, written: str, among: list[str]) -> PersonRow | None:
        name = attendee_for(written, among)
        return self.get(name) if name else None

    def member(self, organisation: str) -> int | None:
        row = self.members.get(organisation.strip().lower())
        return row.id if row else None


def _parse_time(text: str) -> time | None:
    try:
        hh, mm = text.split(":")
        return time(int(hh), int(mm))
    except (ValueError, AttributeError):
        return None


def _store(
    s: Session,
    organ: OrganRow,
    p: ParsedProtocol,
    data: bytes,
    filename: str,
    sha: str,
    people: _People,
    user: str,
) -> int:
    m = MeetingRow(
        organ_id=organ.id,
        datum=p.datum,
        starttid=_parse_time(p.starttid),
        sluttid=_parse_time(p.sluttid),
        plats=p.plats[:200],
        typ="ordinarie",
        status=dj.UTKAST,
        anteckning=(
            f"Historiskt protokoll, importerat {clock.today().isoformat()} av {user} från {filename} (SHA-256 {sha})."
        ),
    )
    s.add(m)
    s.flush()
    items: dict[int, AgendaItem] = {}
    for pos, par in enumerate(p.paragraphs, start=1):
        first = par.parts[0] if par.parts else ("", "", [])
        single = len(par.parts) <= 1
        item = AgendaItem(
            meeting_id=m.id,
            position=pos,
            paragraph_number=par.nummer if organ.numbered_paragraphs else None,
            rubrik=par.rubrik[:300],
            kind="beslut" if par.att_satser else "information",
            text=first[1] if single else "",
            utgar=par.struken,
            utgar_motivering=first[1] if par.struken else "",
        )
        if par.struken:
            item.text = ""
        s.add(item)
        s.flush()
        items[par.nummer] = item
        if organ.numbered_paragraphs:
            s.add(ParagraphNumberRow(organ_id=organ.id, ar=p.datum.year, nummer=par.nummer, agenda_item_id=item.id))
        clause_pos = 0
        for k, (rubrik, text, atts) in enumerate(par.parts, start=1):
            part_id = None
            if not single:
                part = ParagraphPart(agenda_item_id=item.id, position=k, rubrik=rubrik, text=text)
                s.add(part)
                s.flush()
                part_id = part.id
            for att in atts:
                clause_pos += 1
                s.add(DecisionClause(agenda_item_id=item.id, part_id=part_id, position=clause_pos, text=att))
    names = [a.namn for a in p.attendance]
    seen: set[int] = set()
    for pos, a in enumerate(p.attendance, start=1):
        person = people.get(a.namn, a.organisation)
        if person.id in seen:
            continue
        seen.add(person.id)
        s.add(
            AttendanceRow(
                meeting_id=m.id,
                person_id=person.id,
                roll=a.roll,
                organisation=a.organisation[:200],
                member_id=people.member(a.organisation) if a.roll != "ovrig" else None,
                narvarande=True,
                from_item_id=items[a.from_paragraph].id if a.from_paragraph in items else None,
                to_item_id=items[a.to_paragraph].id if a.to_paragraph in items else None,
                position=pos,
            )
        )
    officers = [("ordforande", p.ordforande), ("sekreterare", p.sekreterare)] + [("justerare", j) for j in p.justerare]
    done: set[tuple[str, int]] = set()
    for pos, (roll, namn) in enumerate(officers, start=1):
        if not namn.strip():
            continue
        person = people.get(namn)
        if (roll, person.id) not in done:
            done.add((roll, person.id))
            s.add(MeetingOfficerRow(meeting_id=m.id, roll=roll, person_id=person.id, position=pos))
    now = clock.now()
    bilagor: dict[str, BilagaRow] = {}
    for par in p.paragraphs:
        item = items[par.nummer]
        for ref_pos, token in enumerate(par.bilagor, start=1):
            row = bilagor.get(token)
            if row is None:
                # The source only refers to it: its title says which § it belongs to and that it is with the
                # original (the bilagor list would otherwise read "Bilaga 17  Bilaga 17").
                row = BilagaRow(
                    meeting_id=m.id, titel=f"Till § {par.nummer} (i originalprotokollet)", filnamn="", mimetyp="",
                    storlek=0, sha256="",
                    data=b"", created_at=now, original_nummer=token[:10],
                )  # fmt: skip
                s.add(row)
                s.flush()
                bilagor[token] = row
            s.add(BilagaRefRow(agenda_item_id=item.id, bilaga_id=row.id, position=ref_pos))
        for written, kind in par.jav:
            person = people.find(written, names)
            if person is not None and not s.scalar(
                select(JavNoteRow.id).where(JavNoteRow.agenda_item_id == item.id, JavNoteRow.person_id == person.id)
            ):
                s.add(JavNoteRow(agenda_item_id=item.id, person_id=person.id, kind=JAV_KINDS[kind]))
                s.flush()
    s.add(
        BilagaRow(
            meeting_id=m.id,
            titel=f"{ORIGINAL_TITLE}: {filename}"[:300],
            filnamn=filename[:255],
            mimetyp=mimetypes.guess_type(filename)[0] or "application/octet-stream",
            storlek=len(data),
            sha256=sha,
            data=data,
            created_at=now,
        )
    )
    s.flush()
    index_items(s, [i.id for i in items.values()])
    rec = ProtocolJusteringRow(
        meeting_id=m.id,
        justeringsdatum=p.justeringsdatum,
        ordforande=p.ordforande,
        justerare="; ".join(p.justerare),
        sekreterare=p.sekreterare,
        anslagsdatum=p.anslagsdatum,
        anslag_av=p.sekreterare if p.anslagsdatum else "",
        forvaringsplats=forbund_settings(s).forvaringsplats or forbund_settings(s).namn,
        signers="",
    )
    s.add(rec)
    s.flush()
    status, why = dj.JUSTERAT, f"Historiskt protokoll importerat från {filename}"
    log_event(s, m.id, dj.UTKAST, dj.JUSTERAT, p.justeringsdatum, user, why)
    if p.anslagsdatum:
        status = dj.ANSLAGET
        log_event(s, m.id, dj.JUSTERAT, dj.ANSLAGET, p.anslagsdatum, user, why)
        if p.anslag_ned_tidigast and p.anslag_ned_tidigast < clock.today():
            status = dj.NEDTAGET
            rec.nedtaget_datum = p.anslag_ned_tidigast
            log_event(
                s, m.id, dj.ANSLAGET, dj.NEDTAGET, p.anslag_ned_tidigast, user,
                why + " (datum enligt protokollets ”Anslaget tas ned tidigast”)",
            )  # fmt: skip
    m.status = status
    s.flush()
    return m.id


def _series_start(s: Session, organ_id: int, year: int) -> None:
    """When an imported meeting is the organ's first of the year its first § starts the year's series."""
    first = s.scalar(
        select(MeetingRow)
        .join(AgendaItem, AgendaItem.meeting_id == MeetingRow.id)
        .where(
            MeetingRow.organ_id == organ_id,
            MeetingRow.datum >= date(year, 1, 1),
            MeetingRow.datum <= date(year, 12, 31),
        )
        .order_by(MeetingRow.datum, MeetingRow.starttid, MeetingRow.id)
        .limit(1)
    )
    if first is None or not is_locked(first.status):
        return
    number = s.scalar(select(func.min(AgendaItem.paragraph_number)).where(AgendaItem.meeting_id == first.id))
    if number is None:
        return
    row = s.scalar(select(SeriesStartRow).where(SeriesStartRow.organ_id == organ_id, SeriesStartRow.ar == year))
    if row is None:
        s.add(SeriesStartRow(organ_id=organ_id, ar=year, first_number=number))
    else:
        row.first_number = number
    s.flush()


def _seal(s: Session, meeting_id: int, user: str) -> None:
    """The content hash ``finsam check`` compares, taken once numbering and index are final."""
    rec = s.scalar(select(ProtocolJusteringRow).where(ProtocolJusteringRow.meeting_id == meeting_id))
    sha, canonical = hash_of(meeting_content(s, meeting_id))
    rec.content_sha256 = sha
    rec.canonical_json = canonical
    s.flush()
