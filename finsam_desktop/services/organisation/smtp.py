"""Sending e-mail directly over SMTP (kallelse, protokollsutdrag, anslag) instead of only writing an .eml.

The setting (server, port, STARTTLS/SSL/none, user name, sender address) is kept in the data file's ``setting``
table; the password never is: it comes from the system keyring (the ``keyring`` package, when installed) or is
asked for each time. Every failure is told in Swedish: a server that cannot be reached or refuses the connection,
a refused login, refused recipients (named) — and what was not sent is not marked as sent by the caller.
"""

from __future__ import annotations

import json
import smtplib
import socket
import ssl
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass
from email import message_from_bytes, policy
from email.message import EmailMessage
from email.utils import formataddr, getaddresses

from finsam_desktop.domain.common.errors import FinsamError, ValidationError, clip
from finsam_desktop.persistence.database import Database
from finsam_desktop.persistence.models import Setting
from finsam_desktop.services import keyring_store
from finsam_desktop.services.audit import record

KEY = "smtp"
FIELD = "E-postserver"
SECURITY = ("starttls", "ssl", "ingen")
DEFAULT_PORT = {"starttls": 587, "ssl": 465, "ingen": 25}
KEYRING_SERVICE = "FINSAM Kansli SMTP"
TIMEOUT = 30.0


class SendError(FinsamError):
    """The message was not sent (or not to everyone); the text says why in Swedish."""


@dataclass(frozen=True)
class SmtpSettings:
    host: str
    port: int
    security: str = "starttls"  # starttls | ssl | ingen
    user: str = ""
    sender: str = ""  # From when the document has no sender address of its own

    def describe(self) -> str:
        who = f", användare {self.user}" if self.user else ", utan inloggning"
        sender = f", avsändare {self.sender}" if self.sender else ""
        return f"{self.host}:{self.port} ({self.security}{who}{sender})"


def _validated(host: str, port: int | None, security: str, user: str, sender: str) -> SmtpSettings:
    host = host.strip()
    if not host or any(c.isspace() for c in host):
        raise ValidationError("ange e-postserverns namn, t.ex. smtp.office365.com.", FIELD)
    security = security.strip().lower()
    if security not in SECURITY:
        raise ValidationError(f"säkerhet ska vara {', '.join(SECURITY)}, inte ”{clip(security)}”.", FIELD)
    port = DEFAULT_PORT[security] if port is None else port
    if not 0 < port < 65536:
        raise ValidationError(f"porten {port} finns inte (1–65535).", FIELD)
    sender = sender.strip()
    if sender and "@" not in sender:
        raise ValidationError(f"”{clip(sender)}” är ingen e-postadress.", FIELD)
    return SmtpSettings(host, port, security, user.strip(), sender)


def parse_port(text: str) -> int | None:
    """The port as typed in a form: empty for the security's usual port; a Swedish message for anything else."""
    text = text.strip()
    if not text:
        return None
    if not text.isdigit():
        raise ValidationError(f"porten ”{clip(text)}” är inget tal; skriv t.ex. 587, eller lämna tomt.", FIELD)
    return int(text)


def make_settings(host: str, port: int | None, security: str, user: str = "", sender: str = "") -> SmtpSettings:
    """A checked setting that is not saved (for trying the connection before saving)."""
    return _validated(host, port, security, user, sender)


def keyring_available() -> bool:
    """True when a usable system keyring is there to keep the password (``keyring_store``: not keyring's fail or
    null backend)."""
    return keyring_store.available()


class SmtpService:
    def __init__(self, db: Database):
        self.db = db

    def get(self) -> SmtpSettings | None:
        with self.db.session() as s:
            row = s.get(Setting, KEY)
            return SmtpSettings(**json.loads(row.value)) if row is not None else None

    def set(
        self, host: str, port: int | None = None, security: str = "starttls", user: str = "", sender: str = ""
    ) -> SmtpSettings:
        settings = _validated(host, port, security, user, sender)
        with self.db.session() as s:
            row = s.get(Setting, KEY)
            value = json.dumps(asdict(settings), ensure_ascii=False)
            if row is None:
                s.add(Setting(key=KEY, value=value))
            else:
                row.value = value
            record(s, "E-postserver inställd", "setting", None, settings.describe())
        return settings

    def clear(self) -> None:
        with self.db.session() as s:
            row = s.get(Setting, KEY)
            if row is not None:
                s.delete(row)
                record(s, "E-postserver borttagen", "setting", None, "")


def keyring_password(settings: SmtpSettings) -> str | None:
    """The password kept in the system keyring, or None (no keyring package, no backend, nothing stored)."""
    if not settings.user:
        return None
    return keyring_store.get_password(KEYRING_SERVICE, f"{settings.user}@{settings.host}")


def store_in_keyring(settings: SmtpSettings, password: str) -> bool:
    """Keep the password in the system keyring; False when there is none (then it is asked for each time)."""
    return keyring_store.set_password(KEYRING_SERVICE, f"{settings.user}@{settings.host}", password)


def needs_password(settings: SmtpSettings) -> bool:
    return bool(settings.user) and keyring_password(settings) is None


@dataclass(frozen=True)
class SendResult:
    sent_to: tuple[str, ...]
    refused: tuple[str, ...] = ()  # recipients the server refused while taking the others

    def text(self) -> str:
        done = f"Skickat till {len(self.sent_to)} mottagare."
        if self.refused:
            done += f" E-postservern tog inte emot: {', '.join(self.refused)}; nå dem på annat sätt."
        return done


@contextmanager
def _connection(settings: SmtpSettings, password: str | None, timeout: float) -> Iterator[smtplib.SMTP]:
    """A connection to the server, encrypted and logged in as the setting says; every failure as a SendError."""
    where = f"{settings.host}:{settings.port}"
    try:
        if settings.security == "ssl":
            server = smtplib.SMTP_SSL(settings.host, settings.port, timeout=timeout)
        else:
            server = smtplib.SMTP(settings.host, settings.port, timeout=timeout)
        with server:
            if settings.security == "starttls":
                server.starttls(context=ssl.create_default_context())
            if settings.user:
                server.login(settings.user, password or "")
            yield server
    except SendError:
        raise
    except smtplib.SMTPAuthenticationError:
        raise SendError(
            f"E-postservern {where} godtog inte inloggningen för {settings.user}; kontrollera lösenordet."
        ) from None
    except smtplib.SMTPNotSupportedError:
        raise SendError(f"E-postservern {where} kan inte STARTTLS; välj SSL eller ingen kryptering.") from None
    except ConnectionRefusedError:
        raise SendError(f"E-postservern {where} svarar inte (anslutningen nekades). Inget skickades.") from None
    except TimeoutError:
        raise SendError(f"E-postservern {where} svarade inte i tid. Inget skickades.") from None
    except socket.gaierror:
        raise SendError(f"E-postservern {settings.host} finns inte (namnet hittades inte). Inget skickades.") from None
    except ssl.SSLError as exc:
        raise SendError(f"Den krypterade anslutningen till {where} misslyckades: {exc.reason}.") from None
    except (smtplib.SMTPException, OSError) as exc:
        raise SendError(f"Meddelandet kunde inte skickas via {where}: {exc}. Inget skickades.") from None


def check_connection(settings: SmtpSettings, password: str | None = None, timeout: float = 15.0) -> str:
    """Connect, encrypt and log in as ``settings`` say, send nothing; what worked in Swedish, or a SendError.
    Without ``password`` the keyring's is used; a login without any password is not tried."""
    if settings.user and password is None:
        password = keyring_password(settings)
        if password is None:
            raise SendError(f"Skriv lösenordet för {settings.user} för att pröva inloggningen.")
    with _connection(settings, password, timeout) as server:
        server.noop()
    how = {"starttls": "krypterat med STARTTLS", "ssl": "krypterat med SSL", "ingen": "utan kryptering"}
    login = f", inloggad som {settings.user}" if settings.user else ""
    return f"Anslutningen till {settings.host}:{settings.port} fungerar ({how[settings.security]}{login})."


def send_eml(settings: SmtpSettings, eml: bytes, password: str | None = None, timeout: float = TIMEOUT) -> SendResult:
    """Send the message written as ``eml`` (the draft marker removed); SendError when it went to nobody."""
    msg = message_from_bytes(eml, policy=policy.SMTP)
    assert isinstance(msg, EmailMessage)
    del msg["X-Unsent"]
    if not msg.get("From"):
        if not settings.sender:
            raise SendError("Meddelandet har ingen avsändare; ange avsändaradress i e-postinställningen.")
        msg["From"] = formataddr(("", settings.sender))
    recipients = [a for _n, a in getaddresses(msg.get_all("To", []) + msg.get_all("Cc", [])) if a]
    if not recipients:
        raise SendError("Meddelandet har inga mottagare.")
    if settings.user and password is None:
        password = keyring_password(settings)
        if password is None:
            raise SendError(f"Lösenordet för {settings.user} behövs för att skicka.")
    with _connection(settings, password, timeout) as server:
        try:
            refused = server.send_message(msg, to_addrs=recipients)
        except smtplib.SMTPRecipientsRefused as exc:
            names = ", ".join(sorted(exc.recipients))
            raise SendError(f"E-postservern tog inte emot någon av mottagarna: {names}. Inget skickades.") from None
        except smtplib.SMTPSenderRefused as exc:
            raise SendError(f"E-postservern godtog inte avsändaren {exc.sender}.") from None
    return SendResult(tuple(a for a in recipients if a not in refused), tuple(sorted(refused)))
