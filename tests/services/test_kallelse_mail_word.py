"""Issue 18, Word and e-mail: the kallelse as an .eml ready to send (RFC 5322, UTF-8; the kallelse PDF, the
handlingar and a calendar invitation attached; the styrelse's addresses from the persons' register, who lacks one
named), and the kallelse and the protocol as .docx — on the demo förbund, through the services and ``finsam``."""

from __future__ import annotations

import email
import shutil
import subprocess
from datetime import datetime
from email import policy
from io import BytesIO
from zoneinfo import ZoneInfo

import pytest
from docx import Document
from icalendar import Calendar

from finsam_desktop.cli import main
from finsam_desktop.domain.common.errors import ValidationError
from finsam_desktop.persistence.backup import online_copy

#: workspace/demo_workspace on SQLite and PostgreSQL (tests/conftest.py, docs/postgresql.md).
BOTH_ENGINES = True

KALLELSE_MEETING = 10  # the demo's 20 November meeting: dagordning with five bilagor


def _parse(eml: bytes):
    return email.message_from_bytes(eml, policy=policy.default)


def test_the_kallelse_mail_goes_to_everyone_called_with_the_pdf_the_handlingar_and_an_invitation(demo_services):
    meetings = demo_services.meetings
    draft = meetings.mail.kallelse_mail(KALLELSE_MEETING)
    msg = _parse(draft.eml)
    doc = meetings.documents.kallelse_document(KALLELSE_MEETING)
    # Every ledamot and ersättare called, by name and address; the one without an address is named instead.
    to = [a.addr_spec for a in msg["To"].addresses]
    assert len(to) == len(doc.mottagare) - 1 == 11
    assert "karin.lindqvist@forsakringskassan.example" in to and "birgitta.oberg@sjobacka.example" in to
    assert draft.missing == ("Nils Wikström",)
    assert any("Nils Wikström" in note for note in draft.notes)
    assert msg["From"].addresses[0].addr_spec == "helena.marklund@exempelbygden.example"
    assert msg["X-Unsent"] == "1"  # Outlook opens it as a draft to send
    assert msg["Subject"] == "Kallelse: Styrelsen 2026-11-20"
    assert msg["Date"].datetime.date().isoformat() == "2026-11-18"  # the program's clock, not the machine's
    body = msg.get_body(("plain",)).get_content()
    assert "fredag 20 november 2026, kl. 09.00–12.00" in body
    assert all(f"{it.number}. {it.rubrik}" in body for it in doc.items)
    files = {part.get_filename(): part for part in msg.iter_attachments()}
    names = list(files)
    assert names[0] == "Kallelse till sammanträde med styrelsen 2026-11-20.pdf"
    assert files[names[0]].get_content().startswith(b"%PDF")
    bilagor = meetings.bilagor.list_bilagor(KALLELSE_MEETING)
    assert len(bilagor) == 5
    for b in bilagor:
        name = next(n for n in names if n.startswith(f"Bilaga {b.number} "))
        assert files[name].get_content() == meetings.bilagor.bilaga_bytes(b.id)[1]
    # The invitation: the meeting's time in Swedish time, and the årshjul's UID for it (no second entry).
    ics = files["Kalenderinbjudan.ics"]
    assert ics.get_content_type() == "text/calendar" and ics.get_param("method") == "PUBLISH"
    event = next(c for c in Calendar.from_ical(ics.get_content()).walk("VEVENT"))
    assert event.decoded("dtstart") == datetime(2026, 11, 20, 9, 0, tzinfo=ZoneInfo("Europe/Stockholm"))
    assert event.decoded("dtend").hour == 12
    year = Calendar.from_ical(demo_services.arshjul.exports.export_ics(2026))
    assert str(event["uid"]) in {str(e["uid"]) for e in year.walk("VEVENT")}


def test_a_kallelse_mail_without_any_address_is_refused_in_swedish(demo_services):
    fb = demo_services.forbund
    for p in fb.list_persons():
        fb.save_person(type(p)(p.id, p.namn, p.organisation, p.titel, "", p.telefon))
    with pytest.raises(ValidationError, match="ingen av de kallade har en e-postadress"):
        demo_services.meetings.mail.kallelse_mail(KALLELSE_MEETING)


def _headings(data: bytes) -> list[str]:
    return [p.text for p in Document(BytesIO(data)).paragraphs if p.style.name.startswith("Heading")]


def _texts(data: bytes) -> str:
    word = Document(BytesIO(data))
    cells = [c.text for t in word.tables for row in t.rows for c in row.cells]
    return "\n".join([p.text for p in word.paragraphs] + cells)


def test_the_kallelse_and_the_protocol_as_word_files(demo_services):
    docs = demo_services.meetings.documents
    kallelse = docs.kallelse_docx(KALLELSE_MEETING)
    doc = docs.kallelse_document(KALLELSE_MEETING)
    heads = _headings(kallelse)
    assert heads[:2] == ["Kallelse till sammanträde med styrelsen", "Förslag till dagordning"]
    assert [h for h in heads if h[0].isdigit()] == [
        f"{it.number}. {it.rubrik}" + (f" {it.bilaga_ref}" if it.bilaga_ref else "") for it in doc.items
    ]
    text = _texts(kallelse)
    assert "Fredag 20 november 2026, kl. 09.00–12.00" in text and "Sara Åkesson" in text
    assert Document(BytesIO(kallelse)).core_properties.language == "sv-SE"
    draft = docs.protocol_docx(KALLELSE_MEETING)
    protocol = docs.protocol_document(KALLELSE_MEETING)
    assert "UTKAST." in _texts(draft)
    assert [h for h in _headings(draft) if h.startswith("§")] == [f"{p.label} {p.rubrik}" for p in protocol.paragraphs]
    justerat = docs.protocol_docx(9)
    assert "UTKAST" not in _texts(justerat) and "Underskrifter" in _headings(justerat)


def test_finsam_exports_by_the_file_type_and_refuses_another(_demo_template, tmp_path, capsys):
    db = tmp_path / "demo.sqlite"
    online_copy(_demo_template, db)
    assert main(["--db", str(db), "export", "kallelse", "--meeting", "10", "-o", str(tmp_path / "k.eml")]) == 0
    out = capsys.readouterr().out
    assert "Till 11 mottagare" in out and "Nils Wikström" in out
    assert _parse((tmp_path / "k.eml").read_bytes())["Subject"] == "Kallelse: Styrelsen 2026-11-20"
    assert main(["--db", str(db), "export", "protocol", "--meeting", "10", "-o", str(tmp_path / "p.docx")]) == 0
    assert (tmp_path / "p.docx").read_bytes().startswith(b"PK")
    assert main(["--db", str(db), "export", "protocol", "--meeting", "10", "-o", str(tmp_path / "p.odt")]) != 0
    assert "Protokollet kan inte sparas som ”.odt”: välj .pdf eller .docx." in capsys.readouterr().err
    assert not (tmp_path / "p.odt").exists()


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) finns inte på maskinen")
def test_the_word_files_open_in_libreoffice(demo_services, tmp_path):
    docs = demo_services.meetings.documents
    (tmp_path / "k.docx").write_bytes(docs.kallelse_docx(KALLELSE_MEETING))
    (tmp_path / "p.docx").write_bytes(docs.protocol_docx(KALLELSE_MEETING))
    subprocess.run(
        ["soffice", f"-env:UserInstallation=file://{tmp_path}/lo", "--headless", "--convert-to", "pdf"]
        + ["--outdir", str(tmp_path), str(tmp_path / "k.docx"), str(tmp_path / "p.docx")],
        check=True,
        capture_output=True,
        timeout=180,
    )
    for name in ("k.pdf", "p.pdf"):
        assert (tmp_path / name).read_bytes().startswith(b"%PDF")


def test_a_protokollsutdrag_and_an_anslag_by_e_mail_to_the_recipients_given(_demo_template, tmp_path, capsys):
    db = tmp_path / "demo.sqlite"
    online_copy(_demo_template, db)
    out = tmp_path / "utdrag.eml"
    args = ["--db", str(db), "export", "utdrag", "--meeting", "9", "--paragraf", "72,73"]
    args += ["--mottagare", "Försäkringskassan", "-o", str(out)]
    # A bad address is refused before the utdrag is made and registered.
    assert main([*args, "--till", "registrator@"]) != 0
    assert "Till: ”registrator@” är ingen e-postadress." in capsys.readouterr().err
    assert main(["--db", str(db), "list", "utdrag"]) == 0
    assert "Försäkringskassan" not in capsys.readouterr().out
    assert main([*args, "--till", "Registrator <registrator@forsakringskassan.example>"]) == 0
    msg = _parse(out.read_bytes())
    assert msg["To"].addresses[0].addr_spec == "registrator@forsakringskassan.example"
    assert msg["Subject"] == "Protokollsutdrag Styrelsen 2026-10-23 § 72–73"
    [pdf] = list(msg.iter_attachments())
    assert pdf.get_filename() == "Protokollsutdrag 2026-10-23 § 72–73.pdf"
    assert pdf.get_content().startswith(b"%PDF")
    assert main(["--db", str(db), "list", "utdrag"]) == 0
    assert "Försäkringskassan" in capsys.readouterr().out  # registered once, when it was made
    anslag = tmp_path / "anslag.eml"
    cmd = ["--db", str(db), "export", "anslag", "--meeting", "9", "-o", str(anslag)]
    assert main([*cmd, "--till", "webb@exempelbygden.example, kansli@adalen.example"]) == 0
    msg = _parse(anslag.read_bytes())
    assert [a.addr_spec for a in msg["To"].addresses] == ["webb@exempelbygden.example", "kansli@adalen.example"]
    assert "TILLKÄNNAGIVANDE OM JUSTERAT PROTOKOLL" in msg.get_body(("plain",)).get_content()
