"""Import of historical protocols: seed 004 to its two justerade meetings (F1/F2), all or nothing, duplicates
refused, garbled files listed without storing, search, numbering after the imported §§, finsam check, file types."""

from __future__ import annotations

import hashlib
import io
from datetime import date

import pytest
from sqlalchemy import func, select

from finsam_desktop.domain.common.errors import ValidationError
from finsam_desktop.persistence.models import MeetingRow
from finsam_desktop.persistence.models.justering import ProtocolJusteringRow
from finsam_desktop.persistence.models.sammantraden import BilagaRow
from finsam_desktop.services.check import run_checks
from finsam_desktop.services.justering.protocol_text import extract_text
from finsam_desktop.services.sammantraden.documents import protocol_pdf_bytes
from tests.fixtures.protokoll_f1_f2 import F1, F2, SEED_TEXT, title_matches

#: workspace/demo_workspace on SQLite and PostgreSQL (tests/conftest.py, docs/postgresql.md).
BOTH_ENGINES = True

DATA = SEED_TEXT.read_bytes()


def _meetings(services) -> int:
    with services.db.session() as s:
        return s.scalar(select(func.count(MeetingRow.id)))


@pytest.fixture
def imported(services):
    result = services.justering.protocol_import.import_protocols(DATA, "protokoll-2022.txt", accept_unplaced=True)
    return services, result


def test_nothing_is_stored_until_the_unplaced_lines_are_accepted(services):
    with pytest.raises(ValidationError) as exc:
        services.justering.protocol_import.import_protocols(DATA, "p.txt")
    assert "kunde inte placeras" in str(exc.value) and "inget har sparats" in str(exc.value)
    assert "rad 146" in str(exc.value)
    assert _meetings(services) == 0


@pytest.mark.parametrize("fixture", [F1, F2], ids=["F1", "F2"])
def test_seed_004_imports_to_its_meetings_as_in_the_fixture(imported, fixture):
    services, result = imported
    assert len(result.meeting_ids) == 2
    summary = services.meetings.meetings.find_meeting(fixture["date"].isoformat())
    assert summary.status.value == "anslag_nedtaget"
    assert (summary.first_paragraph, summary.last_paragraph) == fixture["range"]
    assert summary.plats == fixture["place"]
    detail = services.meetings.meetings.get_meeting(summary.id)
    titles = {b.id: b.titel for b in detail.bilagor}
    items = detail.items
    assert [i.number for i in items] == [n for n, _t, _b in fixture["paragraphs"]]
    for item, (n, title, bilagor) in zip(items, fixture["paragraphs"], strict=True):
        assert title_matches(title, item.rubrik), n
        assert list(item.bilaga_numbers) == list(bilagor), n
        assert all(titles[b].startswith("Till § ") for b in item.bilaga_ids), n
        assert item.utgar == (n in fixture["struck"])
        assert sorted((j.namn, j.kind.value) for j in item.jav) == sorted(fixture["jav"].get(n, [])), n
    got = {
        roll: [(a.namn, a.organisation) for a in detail.attendance if a.roll.value == roll]
        for roll in ("ordinarie", "tjanstgorande", "ersattare", "ovrig")
    }
    assert got == {roll: fixture["attendance"].get(roll, []) for roll in got}
    by_id = {i.id: i.number for i in items}
    partial = {a.namn: (by_id[a.from_item_id], by_id[a.to_item_id]) for a in detail.attendance if a.from_item_id}
    assert partial == fixture["partial"]
    with services.db.session() as s:
        rec = s.scalar(select(ProtocolJusteringRow).where(ProtocolJusteringRow.meeting_id == summary.id))
        assert rec.justerare == "; ".join(fixture["justerare"])
        assert (rec.ordforande, rec.sekreterare) == (fixture["ordforande"], fixture["sekreterare"])
        assert (rec.justeringsdatum, rec.anslagsdatum) == (fixture["justeringsdatum"], fixture["anslagsdatum"])
        assert rec.content_sha256


def test_the_source_file_is_attached_as_the_original_with_its_sha256(imported):
    services, result = imported
    with services.db.session() as s:
        originals = list(s.scalars(select(BilagaRow).where(BilagaRow.titel.like("Originalprotokoll%"))))
        assert len(originals) == 2
        assert {o.meeting_id for o in originals} == set(result.meeting_ids)
        assert all(bytes(o.data) == DATA and o.sha256 == hashlib.sha256(DATA).hexdigest() for o in originals)


def test_imported_protocols_pass_finsam_check_and_are_immutable(imported):
    services, result = imported
    assert [f.message for f in run_checks(services.db) if f.area in ("Justering", "Sammanträden")] == []
    with pytest.raises(Exception, match="justerat|låst|ändras"):
        item = services.meetings.meetings.get_meeting(result.meeting_ids[0]).items[0]
        services.meetings.agenda.update_item_rubrik(item.id, "Ändrad")


def test_imported_bilagor_keep_the_numbers_of_the_source(imported):
    """Seed 004, November: no § refers to a bilaga 16; § 138 and § 143 refer to "Bilaga 17" and "Bilaga 17, 18
    och 19" and must print so, and the stored original file is numbered after them."""
    services, _ = imported
    meeting_id = services.meetings.meetings.find_meeting("2022-11-25").id
    doc = services.meetings.documents.protocol_document(meeting_id)
    refs = {p.number: p.bilaga_ref for p in doc.paragraphs}
    assert (refs[129], refs[137], refs[138], refs[143]) == (
        "(Bilaga 6 och 7)",
        "(Bilaga 15)",
        "(Bilaga 17)",
        "(Bilaga 17, 18 och 19)",
    )
    assert [n for n, _t in doc.bilagor] == [*range(1, 16), 17, 18, 19, 20]
    # Each bilaga the source only refers to is listed by the § it belongs to (its first reference), not as
    # "Bilaga 17 Bilaga 17".
    titles = dict(doc.bilagor)
    assert titles[17].startswith("Till § 138 ") and titles[17].endswith("(i originalprotokollet)")
    assert titles[18].startswith("Till § 143 ") and doc.bilagor[-1][1].startswith("Originalprotokoll")
    text = " ".join(extract_text(protocol_pdf_bytes(services, meeting_id), "p.pdf").split())
    assert "(Bilaga 17, 18 och 19)" in text and "Bilaga 17 Till § 138" in text and "Bilaga 16" not in text
    assert "Bilaga 17 Bilaga 17" not in text


def test_a_takedown_date_unlike_the_rule_is_warned_about_and_stored_as_the_source_says(imported):
    services, result = imported
    warnings = [n for n in result.notes if n.startswith("Varning:")]
    assert len(warnings) == 2
    assert "tas ned 2022-12-26" in warnings[0] and "tidigast 2022-12-28" in warnings[0]
    assert "sparas med det datum det anger" in warnings[0]
    with services.db.session() as s:
        downs = {r.anslagsdatum: r.nedtaget_datum for r in s.scalars(select(ProtocolJusteringRow))}
    assert downs == {date(2022, 12, 5): date(2022, 12, 26), date(2022, 11, 1): date(2022, 11, 22)}


def test_search_finds_an_imported_paragraph(imported):
    services, _ = imported
    hits = services.meetings.search.search("psykologtjänst")
    assert [(h.datum, h.label) for h in hits] == [(date(2022, 11, 25), "§ 137")]


def test_the_next_meeting_of_the_year_continues_the_numbering(imported):
    services, _ = imported
    m = services.meetings.meetings.create_meeting("2022-12-16")
    assert m.first_paragraph == 147


def test_a_meeting_that_already_exists_is_refused_and_nothing_is_stored(imported):
    services, _ = imported
    before = _meetings(services)
    with pytest.raises(ValidationError, match="finns redan ett sammanträde för Styrelsen 2022-11-25"):
        services.justering.protocol_import.import_protocols(DATA, "igen.txt", accept_unplaced=True)
    assert _meetings(services) == before


def test_all_or_nothing_when_the_second_protocol_fails(services):
    # An earlier meeting of 2022 ends on § 8, so the October protocol (§ 98) cannot follow it: the November
    # protocol, stored first in the same transaction, is not kept either.
    services.meetings.meetings.create_meeting("2022-01-14")
    before = _meetings(services)
    with pytest.raises(ValidationError, match="§-numren passar inte Styrelsens serie för 2022"):
        services.justering.protocol_import.import_protocols(DATA, "p.txt", accept_unplaced=True)
    assert _meetings(services) == before


def test_a_garbled_file_lists_what_was_not_understood_and_stores_nothing(services):
    garbled = "Ã¥Ã¤ ### \n\x07\nlorem ipsum dolor\n§§ x\n".encode()
    preview = services.justering.protocol_import.preview(garbled, "trasig.txt")
    assert preview.protocols == [] and preview.problems and preview.unplaced
    with pytest.raises(ValidationError, match="kan inte importeras"):
        services.justering.protocol_import.import_protocols(garbled, "trasig.txt", accept_unplaced=True)
    assert _meetings(services) == 0


def test_corrected_protocols_from_the_wizard_are_stored(services):
    svc = services.justering.protocol_import
    preview = svc.preview(DATA, "p.txt")
    november, october = preview.protocols
    november.paragraphs[1].rubrik = "Fastställande av dagordningen"
    svc.import_protocols(DATA, "p.txt", protocols=[october, november], accept_unplaced=True, organ="Styrelsen")
    m = services.meetings.meetings.find_meeting("2022-11-25")
    assert services.meetings.meetings.get_meeting(m.id).items[1].rubrik == "Fastställande av dagordningen"


def test_unknown_organ_is_a_swedish_message(services):
    with pytest.raises(ValidationError, match="Organet ”Fullmäktige” finns inte"):
        services.justering.protocol_import.import_protocols(DATA, "p.txt", organ="Fullmäktige", accept_unplaced=True)


def test_text_files_in_windows_1252_with_cr_line_ends():
    text = "Sammanträdesprotokoll\rSammanträdesdatum: 2024-02-02\r§ 1 Öppnas\r"
    assert extract_text(text.encode("cp1252"), "p.txt").split("\n")[2] == "§ 1 Öppnas"


def test_bad_bytes_and_wrong_types_give_swedish_messages():
    with pytest.raises(ValidationError, match="tecken som inte går att läsa"):
        extract_text("Året".encode("cp1252") + b"\x81\x8d", "p.txt")
    with pytest.raises(ValidationError, match="ingen textfil"):
        extract_text(b"\x00\x01binary", "p.txt")
    with pytest.raises(ValidationError, match="gick inte att läsa som PDF"):
        extract_text(b"%PDF-1.4 trasig", "p.pdf")
    with pytest.raises(ValidationError, match="gick inte att läsa som Word-fil"):
        extract_text(b"PK inte en zip", "p.docx")
    with pytest.raises(ValidationError, match="filtypen ”.odt”"):
        extract_text(b"x", "p.odt")


def test_word_file_with_attendance_table():
    from docx import Document

    doc = Document()
    doc.add_paragraph("Sammanträdesprotokoll från styrelsemöte")
    doc.add_paragraph("Sammanträdesdatum: 2024-03-15")
    doc.add_paragraph("Närvarande ordinarie ledamöter")
    table = doc.add_table(rows=2, cols=2)
    for row, (name, org) in zip(table.rows, [("Anna Berg", "Region X"), ("Bo Ek", "Y kommun")], strict=True):
        row.cells[0].text, row.cells[1].text = name, org
    doc.add_paragraph("§ 5 Sammanträdet öppnas")
    buf = io.BytesIO()
    doc.save(buf)
    text = extract_text(buf.getvalue(), "p.docx")
    assert "Anna Berg\tRegion X" in text and "§ 5 Sammanträdet öppnas" in text


def test_pdf_file_is_read():
    from reportlab.pdfgen import canvas

    buf = io.BytesIO()
    c = canvas.Canvas(buf)
    for k, line in enumerate(["Sammanträdesprotokoll", "Sammanträdesdatum: 2024-03-15", "§ 5 Sammanträdet öppnas"]):
        c.drawString(72, 800 - 20 * k, line)
    c.save()
    text = extract_text(buf.getvalue(), "p.pdf")
    assert "Sammanträdesdatum: 2024-03-15" in text and "§ 5 Sammanträdet öppnas" in text
