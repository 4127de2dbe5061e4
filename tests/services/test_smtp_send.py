"""Sending the kallelse directly over SMTP (issue 18), against a real SMTP server on 127.0.0.1 (aiosmtpd)."""

from __future__ import annotations

import socket
from datetime import date
from email import message_from_bytes, policy

import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword

from finsam_desktop.cli import main
from finsam_desktop.domain.common.errors import ValidationError
from finsam_desktop.services.organisation.smtp import SendError

#: workspace/demo_workspace on SQLite and PostgreSQL (tests/conftest.py, docs/postgresql.md).
BOTH_ENGINES = True

TODAY = date(2026, 11, 18)  # tests/conftest.py pins the clock here
REFUSED = "refuse"  # recipients whose address contains this are refused by the test server


class Inbox:
    def __init__(self):
        self.messages = []

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if REFUSED in address:
            return "550 5.1.1 No such user"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        self.messages.append((tuple(envelope.rcpt_tos), message_from_bytes(envelope.content, policy=policy.SMTP)))
        return "250 Message accepted"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def inbox():
    handler = Inbox()
    controller = Controller(handler, hostname="127.0.0.1", port=_free_port())
    controller.start()
    handler.port = controller.port
    yield handler
    controller.stop()


def _meeting(demo_services, status="planerat"):
    return next(m for m in demo_services.meetings.meetings.list_meetings(2026) if m.status.value == status)


def test_the_kallelse_arrives_with_every_attachment_and_is_marked_sent(demo_services, inbox):
    demo_services.smtp.set("127.0.0.1", inbox.port, "ingen", sender="kansli@exempelbygden.example")
    meeting = _meeting(demo_services)
    draft = demo_services.meetings.mail.kallelse_mail(meeting.id)
    result = demo_services.meetings.mail.send_kallelse(meeting.id)
    assert len(inbox.messages) == 1
    rcpts, msg = inbox.messages[0]
    assert len(rcpts) == len(draft.recipients) == len(result.sent_to)
    assert msg["Subject"] == draft.subject
    assert msg["X-Unsent"] is None  # sent, not a draft
    names = [part.get_filename() for part in msg.iter_attachments()]
    assert names == list(draft.attachments)
    assert names[-1] == "Kalenderinbjudan.ics"
    ics = next(p for p in msg.iter_attachments() if p.get_filename().endswith(".ics"))
    assert "BEGIN:VEVENT" in ics.get_payload(decode=True).decode()
    pdf = next(msg.iter_attachments())
    assert pdf.get_payload(decode=True).startswith(b"%PDF")
    detail = demo_services.meetings.meetings.get_meeting(meeting.id)
    assert detail.kallelse_skickad == TODAY
    assert detail.meeting.status.value == "kallat"


def test_a_server_that_is_down_gives_a_swedish_message_and_nothing_is_marked(demo_services):
    port = _free_port()  # nothing listens there
    demo_services.smtp.set("127.0.0.1", port, "ingen", sender="kansli@exempelbygden.example")
    meeting = _meeting(demo_services)
    with pytest.raises(SendError, match=f"127.0.0.1:{port} svarar inte.*Inget skickades"):
        demo_services.meetings.mail.send_kallelse(meeting.id)
    detail = demo_services.meetings.meetings.get_meeting(meeting.id)
    assert detail.kallelse_skickad is None and detail.meeting.status.value == "planerat"


def test_refused_recipients_are_named(demo_services, inbox):
    from finsam_desktop.services.organisation.smtp import send_eml

    settings = demo_services.smtp.set("127.0.0.1", inbox.port, "ingen", sender="kansli@exempelbygden.example")
    meeting = _meeting(demo_services)
    draft = demo_services.meetings.mail.kallelse_mail(meeting.id)
    result = send_eml(settings, _with_to(draft.eml, "Fel <refuse-me@example.org>, ok@example.org"))
    assert result.sent_to == ("ok@example.org",)
    assert result.refused == ("refuse-me@example.org",)
    assert "refuse-me@example.org" in result.text()
    with pytest.raises(SendError, match="refuse-a@example.org, refuse-b@example.org"):
        send_eml(settings, _with_to(draft.eml, "refuse-a@example.org, refuse-b@example.org"))


def _with_to(eml: bytes, to: str) -> bytes:
    msg = message_from_bytes(eml, policy=policy.SMTP)
    msg.replace_header("To", to)
    return msg.as_bytes()


def test_a_refused_login_is_told(demo_services):
    def authenticator(server, session, envelope, mechanism, auth_data):
        ok = isinstance(auth_data, LoginPassword) and auth_data.password == b"hemligt"
        return AuthResult(success=ok, handled=False)

    handler = Inbox()
    controller = Controller(
        handler,
        hostname="127.0.0.1",
        port=_free_port(),
        authenticator=authenticator,
        auth_require_tls=False,
    )
    controller.start()
    try:
        settings = demo_services.smtp.set("127.0.0.1", controller.port, "ingen", user="kansli", sender="k@ex.example")
        meeting = _meeting(demo_services)
        with pytest.raises(SendError, match="godtog inte inloggningen för kansli"):
            demo_services.meetings.mail.send_kallelse(meeting.id, password="fel")
        assert handler.messages == []
        demo_services.meetings.mail.send_kallelse(meeting.id, password="hemligt")
        assert len(handler.messages) == 1
        assert settings.user == "kansli"
    finally:
        controller.stop()


def test_the_setting_is_checked_and_holds_no_password(demo_services, demo_workspace):
    with pytest.raises(ValidationError, match="säkerhet ska vara"):
        demo_services.smtp.set("smtp.example.org", 587, "tls")
    with pytest.raises(ValidationError, match="porten 70000"):
        demo_services.smtp.set("smtp.example.org", 70000)
    settings = demo_services.smtp.set("smtp.example.org", None, "ssl", user="kansli")
    assert settings.port == 465
    from finsam_desktop.persistence.models import Setting

    with demo_services.db.session() as s:
        stored = s.get(Setting, "smtp").value
    assert "smtp.example.org" in stored and "password" not in stored.lower() and "losen" not in stored.lower()
    demo_services.smtp.clear()
    assert demo_services.smtp.get() is None


def test_cli_sets_the_server_and_sends_with_skicka(demo_workspace, tmp_path, inbox, capsys):
    db = str(demo_workspace.path)
    demo_workspace.close()
    args = ["--db", db, "smtp", "--host", "127.0.0.1", "--port", str(inbox.port), "--sakerhet", "ingen"]
    assert main([*args, "--fran", "kansli@exempelbygden.example"]) == 0
    assert main(["--db", db, "smtp"]) == 0
    assert f"127.0.0.1:{inbox.port}" in capsys.readouterr().out
    out = tmp_path / "k.eml"
    code = main(["--db", db, "export", "kallelse", "--meeting", "2026-12-11", "-o", str(out), "--skicka"])
    assert code == 0, capsys.readouterr().err
    assert "Kallelsen är markerad som skickad" in capsys.readouterr().out
    assert out.exists() and len(inbox.messages) == 1
    assert main(["--db", db, "smtp", "--rensa"]) == 0
    assert main(["--db", db, "export", "kallelse", "--meeting", "2026-12-11", "-o", str(out), "--skicka"]) != 0
    assert "ingen e-postserver är inställd" in capsys.readouterr().err


def test_utdrag_and_anslag_are_sent_with_skicka(demo_workspace, tmp_path, inbox, capsys):
    db = str(demo_workspace.path)
    demo_workspace.close()
    assert main(["--db", db, "smtp", "--host", "127.0.0.1", "--port", str(inbox.port), "--sakerhet", "ingen"]) == 0
    utdrag = ["--db", db, "export", "utdrag", "--meeting", "9", "--paragraf", "72", "-o", str(tmp_path / "u.eml")]
    assert main([*utdrag, "--till", "registrator@fk.example", "--skicka"]) == 0
    anslag = ["--db", db, "export", "anslag", "--meeting", "9", "-o", str(tmp_path / "a.eml")]
    assert main([*anslag, "--till", "webb@exempelbygden.example", "--skicka"]) == 0
    assert [rcpts for rcpts, _msg in inbox.messages] == [("registrator@fk.example",), ("webb@exempelbygden.example",)]
    subjects = [msg["Subject"] for _r, msg in inbox.messages]
    assert subjects[0].startswith("Protokollsutdrag Styrelsen 2026-10-23 § 72")
    assert all(next(msg.iter_attachments()).get_filename().endswith(".pdf") for _r, msg in inbox.messages)
    assert "Skickat till 1 mottagare." in capsys.readouterr().out
    pdf = ["--db", db, "export", "anslag", "--meeting", "9", "-o", str(tmp_path / "a.pdf"), "--skicka"]
    assert main(pdf) != 0
    assert "--skicka kräver en .eml-fil" in capsys.readouterr().err
