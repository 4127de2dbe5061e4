"""The kallelse by e-mail: one message to everyone called (the styrelse's ledamöter and ersättare with their
addresses from the persons' register), with the kallelse PDF, the handlingar (the meeting's bilagor, numbered as
in the dagordning) and a calendar invitation attached, written as an .eml that Outlook or Thunderbird opens ready
to send. Who has no address on file is named, so the kansli reaches them another way."""

from __future__ import annotations

import mimetypes
import re
from collections.abc import Iterable
from dataclasses import dataclass
from email.utils import parseaddr
from pathlib import PurePath

from finsam_desktop import clock
from finsam_desktop.domain.common.dates import long_date
from finsam_desktop.domain.common.errors import ValidationError, clip
from finsam_desktop.persistence.database import Database
from finsam_desktop.persistence.models import ForbundRow, PersonRow
from finsam_desktop.reports.common.eml import Attachment, Mail, eml_bytes
from finsam_desktop.services.sammantraden.bilagor import BilagorService
from finsam_desktop.services.sammantraden.documents import DocumentsService
from finsam_desktop.services.sammantraden.rows import officer_ids

#: Above this, many mail servers refuse a message (Exchange Online: 25 MB after encoding, which adds a third).
LARGE_BYTES = 18 * 1024 * 1024
_UNSAFE = str.maketrans({c: "-" for c in '\\/:*?"<>|'})
_ADDRESS = re.compile(r"[^@\s<>()\[\],;:\"]+@[^@\s<>()\[\],;:\"]+\.[^@\s<>()\[\],;:\".]{2,}")


def parse_recipients(texts: Iterable[str]) -> tuple[tuple[str, str], ...]:
    """``"Registrator <registrator@fk.example>, kansli@kommun.example"`` → (name, address) pairs; anything that is
    no address is refused by name."""
    out = []
    for text in texts:
        for part in re.split(r"[,;]", text):
            part = part.strip()
            if not part:
                continue
            name, address = parseaddr(part)
            if not _ADDRESS.fullmatch(address):
                raise ValidationError(f"”{clip(part)}” är ingen e-postadress.", "Till")
            out.append((name, address))
    if not out:
        raise ValidationError("ange minst en e-postadress.", "Till")
    return tuple(out)


@dataclass(frozen=True)
class MailDraft:
    eml: bytes
    subject: str
    recipients: tuple[str, ...]  # "Namn <adress>"
    missing: tuple[str, ...]  # the names called who have no address
    attachments: tuple[str, ...]  # file names
    size: int  # of the attachments, bytes
    notes: tuple[str, ...] = ()  # what the user should know before sending

    @property
    def filename(self) -> str:
        return f"{_file_name(self.subject.replace(': ', ' '))}.eml"


def _file_name(text: str) -> str:
    return " ".join(text.translate(_UNSAFE).split())


class MailService:
    def __init__(self, db: Database, documents: DocumentsService, bilagor: BilagorService):
        self.db = db
        self.documents = documents
        self.bilagor = bilagor

    def send_kallelse(self, meeting_id: int, password: str | None = None, draft: MailDraft | None = None):
        """Send the kallelse over the SMTP setting and mark it sent today; nothing is marked when sending fails."""
        from finsam_desktop.services.organisation.smtp import SmtpService, send_eml
        from finsam_desktop.services.sammantraden.meetings import MeetingsService

        settings = SmtpService(self.db).get()
        if settings is None:
            raise ValidationError("ingen e-postserver är inställd (finsam smtp --host …).", "Skicka kallelse")
        draft = draft or self.kallelse_mail(meeting_id)
        result = send_eml(settings, draft.eml, password)
        MeetingsService(self.db).record_kallelse_sent(meeting_id, clock.today())
        return result

    def kallelse_mail(self, meeting_id: int) -> MailDraft:
        from finsam_desktop.reports.sammantraden.invitation import invitation_ics
        from finsam_desktop.reports.sammantraden.kallelse import build_kallelse_pdf
        from finsam_desktop.reports.sammantraden.word import kallelse_title

        doc = self.documents.kallelse_document(meeting_id)
        with self.db.session() as s:
            forbund = s.get(ForbundRow, 1)
            orgnr = forbund.orgnr if forbund else ""
        to = tuple((n, a) for n, a in doc.adresser if a)
        missing = tuple(n for n, a in doc.adresser if not a)
        if not to:
            raise ValidationError(
                "ingen av de kallade har en e-postadress. Skriv in adresserna under Arkiv → Förbundet → Personer.",
                "Kallelse med e-post",
            )
        when = long_date(doc.datum) + (f", {doc.time_text}" if doc.time_text else "")
        subject = f"Kallelse: {doc.organ_namn} {doc.datum.isoformat()}"
        files = [
            Attachment(
                f"{_file_name(kallelse_title(doc))} {doc.datum.isoformat()}.pdf",
                build_kallelse_pdf(doc),
                "application/pdf",
            )
        ]
        numbers = dict((t, n) for n, t in doc.bilagor)
        for b in self.bilagor.list_bilagor(meeting_id):
            name, data = self.bilagor.bilaga_bytes(b.id)
            suffix = PurePath(name).suffix or ".pdf"
            number = b.number or numbers.get(b.titel)
            label = f"Bilaga {number} {b.titel}" if number else b.titel
            mime = mimetypes.guess_type(f"x{suffix}")[0] or b.mimetyp or "application/octet-stream"
            files.append(Attachment(f"{_file_name(label)}{suffix}", data, mime))
        sent = clock.now_utc()
        files.append(
            Attachment(
                "Kalenderinbjudan.ics", invitation_ics(doc, orgnr, sent), "text/calendar", (("method", "PUBLISH"),)
            )
        )
        lines = [
            "Hej!",
            "",
            f"Välkommen till sammanträde med {doc.organ_namn.lower()} {when}.",
            f"Plats: {doc.place_text or 'meddelas senare'}.",
            "",
            "Kallelsen med förslag till dagordning och handlingarna finns bifogade, "
            "och en kalenderinbjudan att lägga in i din kalender.",
            "",
            "Förslag till dagordning:",
            *(f"{it.number}. {it.rubrik}" for it in doc.items),
            "",
            "Ersättare kallas för kännedom och tjänstgör när en ordinarie ledamot har förhinder. "
            "Meddela förhinder till kansliet så snart som möjligt.",
            "",
            "Välkomna!",
            "",
            *(x for x in (doc.avsandare, doc.avsandare_titel, doc.forbund_namn) if x),
        ]
        mail = Mail(subject, (doc.avsandare, doc.avsandare_epost), to, "\n".join(lines), sent, tuple(files))
        size = sum(len(a.content) for a in files)
        notes = []
        if missing:
            notes.append(f"Saknar e-postadress och får kallelsen på annat sätt: {', '.join(missing)}.")
        if size > LARGE_BYTES:
            notes.append(
                f"Bilagorna är {size / 1024 / 1024:.0f} MB tillsammans; många e-postservrar tar inte emot så stora "
                "meddelanden. Dela handlingarna på annat sätt eller skicka dem i flera meddelanden."
            )
        return MailDraft(
            eml_bytes(mail),
            subject,
            tuple(f"{n} <{a}>" for n, a in to),
            missing,
            tuple(a.filename for a in files),
            size,
            tuple(notes),
        )

    def document_mail(
        self, meeting_id: int, subject: str, body: str, to: Iterable[str], attachments: Iterable[Attachment]
    ) -> MailDraft:
        """One document of a meeting (a protokollsutdrag, an anslag) to the recipients given, from the meeting's
        sekreterare."""
        recipients = parse_recipients(to)
        with self.db.session() as s:
            ids = officer_ids(s, meeting_id).get("sekreterare") or []
            person = s.get(PersonRow, ids[0]) if ids else None
            sender = (person.namn, (person.epost or "").strip()) if person else ("", "")
            forbund = s.get(ForbundRow, 1)
            signature = [x for x in (sender[0], forbund.namn if forbund else "") if x]
        files = tuple(attachments)
        mail = Mail(subject, sender, recipients, "\n".join([body, "", *signature]), clock.now_utc(), files)
        return MailDraft(
            eml_bytes(mail),
            subject,
            tuple(f"{n} <{a}>" if n else a for n, a in recipients),
            (),
            tuple(a.filename for a in files),
            sum(len(a.content) for a in files),
        )
