"""An e-mail as an .eml file (RFC 5322, UTF-8, MIME attachments) that Outlook and Thunderbird open as a message ready
to send — no mail server needed. ``X-Unsent: 1`` makes Outlook open it as a draft with a Send button. The same
message can be handed to an SMTP server as it is."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from email import policy
from email.message import EmailMessage
from email.utils import format_datetime, formataddr, make_msgid


@dataclass(frozen=True)
class Attachment:
    filename: str
    content: bytes
    mimetype: str = "application/octet-stream"
    params: tuple[tuple[str, str], ...] = ()  # e.g. (("method", "PUBLISH"),) for a calendar


@dataclass(frozen=True)
class Mail:
    subject: str
    sender: tuple[str, str]  # (name, address); the address may be empty: the mail program fills in its own
    to: tuple[tuple[str, str], ...]  # (name, address), only those with an address
    body: str
    sent: datetime
    attachments: tuple[Attachment, ...] = ()
    domain: str = "finsam-kansli.invalid"  # for the Message-ID


def _address(name: str, address: str) -> str:
    return formataddr((name, address)) if address else ""


def message(mail: Mail, draft: bool = True) -> EmailMessage:
    msg = EmailMessage(policy=policy.SMTP)
    msg["Subject"] = mail.subject
    sender = _address(*mail.sender)
    if sender:
        msg["From"] = sender
    if mail.to:
        msg["To"] = ", ".join(_address(n, a) for n, a in mail.to)
    msg["Date"] = format_datetime(mail.sent)
    msg["Message-ID"] = make_msgid(domain=mail.domain)
    if draft:
        msg["X-Unsent"] = "1"
    msg.set_content(mail.body, charset="utf-8")
    for a in mail.attachments:
        maintype, _, subtype = a.mimetype.partition("/")
        msg.add_attachment(
            a.content, maintype=maintype, subtype=subtype or "octet-stream", filename=a.filename, params=dict(a.params)
        )
    return msg


def eml_bytes(mail: Mail, draft: bool = True) -> bytes:
    return message(mail, draft).as_bytes()
