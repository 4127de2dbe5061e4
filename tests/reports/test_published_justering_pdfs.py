"""The published documents of Sammanträden/Justering — anslag, publication copy, protokollsutdrag, and the draft
protocol that is sent out before justering — are tagged
PDF/UA-1 + PDF/A-2a files (issue 22, "Accessible documents"): the pdfua validator finds nothing, our structure test
finds nothing, the text a reader needs is there, and a masked name is nowhere in the publication copy's file."""

from __future__ import annotations

import io
import subprocess
from datetime import date

import pikepdf
import pytest

from finsam_desktop import clock
from finsam_desktop.domain.justering import model as dj
from finsam_desktop.services.sammantraden.area import MeetingsArea
from finsam_desktop.services.sammantraden.documents import is_draft
from tests.reports.test_typst_pipeline import structure_problems

NAME = "Tobias Rönn"
JUSTERADE = (dj.JUSTERAT, "anslaget", "anslag_nedtaget")


@pytest.fixture(scope="module")
def pdfs(request, tmp_path_factory):
    """Anslag, publication copy (Tobias Rönn masked) and a protokollsutdrag of one justerat demo protocol."""
    services = request.getfixturevalue("_module_demo_services")
    sam = MeetingsArea(services.db)
    for row in services.justering.status.overview():
        if row.status not in JUSTERADE:
            continue
        doc = sam.documents.protocol_document(row.meeting_id)
        if any(line.namn == NAME for section in doc.attendance for line in section.lines):
            break
    else:
        pytest.fail("the demo has no justerat protocol with Tobias Rönn present")
    mid = row.meeting_id
    drafts = [
        m.id
        for year in sam.meetings.list_years()
        for m in sam.meetings.list_meetings(year=year)
        if m.item_count and is_draft(sam.documents.protocol_document(m.id))
    ]
    assert drafts, "the demo has no protocol before justering"
    notice = services.justering.anslag.anslag_notice(mid)
    first = doc.paragraphs[0]
    return {
        "doc": doc,
        "notice": notice,
        "first": first,
        "anslag": services.justering.anslag.anslag_pdf(mid),
        "publication": services.justering.publication.publication_pdf(mid, dj.RedactionChoice(extra_names=(NAME,))),
        "utdrag": services.justering.utdrag.utdrag_pdf(
            mid, [first.number], mottagare="Försäkringskassan", datum=date(2023, 1, 9)
        ),
        "draft_doc": sam.documents.protocol_document(drafts[-1]),
        "draft": sam.documents.protocol_pdf(drafts[-1]),
    }


@pytest.fixture(scope="module")
def _module_demo_services(_demo_template, tmp_path_factory):
    from tests.conftest import _open_copy

    ws = _open_copy(_demo_template, tmp_path_factory.mktemp("demo") / "demo.sqlite")
    yield ws.services
    ws.close()


def _text(pdf: bytes, tmp_path) -> str:
    path = tmp_path / "x.pdf"
    path.write_bytes(pdf)
    out = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True)
    return " ".join(out.stdout.split())


def _title(pdf: bytes) -> str:
    with pikepdf.open(io.BytesIO(pdf)) as doc:
        return str(doc.docinfo["/Title"])


KINDS = ("anslag", "publication", "utdrag", "draft")


@pytest.mark.parametrize("kind", KINDS)
def test_tagged_as_pdf_ua_with_title_language_and_headings(pdfs, kind):
    pdf = pdfs[kind]
    assert structure_problems(pdf, _title(pdf)) == []
    with pikepdf.open(io.BytesIO(pdf)) as doc:
        meta = doc.open_metadata()
        assert meta["pdfuaid:part"] == "1"
        assert meta["pdfaid:part"] == "2" and meta["pdfaid:conformance"] == "A"


@pytest.mark.parametrize("kind", KINDS)
def test_pdfua_validator_finds_nothing(pdfs, kind, tmp_path):
    pdfua = pytest.importorskip("pdfua", reason="pdfua (test extra) är inte installerat")
    path = tmp_path / f"{kind}.pdf"
    path.write_bytes(pdfs[kind])
    report = pdfua.validate(str(path))
    # UA-14-001 cannot read Typst's attribute arrays (docs/publishing.md): a validator bug, not a finding.
    assert [(f.rule_id, f.message) for f in report.findings if f.rule_id != "UA-14-001"] == []


def _creation_date(pdf: bytes) -> str:
    with pikepdf.open(io.BytesIO(pdf)) as doc:
        return str(doc.docinfo["/CreationDate"])[2:10]


def test_anslag_has_every_field_and_is_dated_on_the_anslag_day(pdfs, tmp_path):
    notice, text = pdfs["notice"], _text(pdfs["anslag"], tmp_path)
    for label, value in notice.rows():
        assert label in text and value in text, label
    for needle in ("Tillkännagivande om justerat protokoll", "Underskrift", "Namnförtydligande", "Överklagande"):
        assert needle in text
    assert notice.underskrift_namn in text
    # Dated on the anslag day; created when it was made, by the program's clock (issue 21 point 4).
    assert _creation_date(pdfs["anslag"]) == clock.today().strftime("%Y%m%d")
    assert notice.anslagsdatum != notice.sammantradesdatum


def test_publication_copy_shows_the_protocol_and_says_what_it_is(pdfs, tmp_path):
    doc, text = pdfs["doc"], _text(pdfs["publication"], tmp_path)
    assert "Publiceringsversion." in text and "utan underskrifter" in text
    assert doc.heading in text and doc.range_line in text
    for p in doc.paragraphs:
        assert f"{p.label} {p.rubrik}" in text


def test_masked_name_is_nowhere_in_the_publication_copy(pdfs, tmp_path):
    pdf = pdfs["publication"]
    assert NAME not in _text(pdf, tmp_path) and "Rönn" not in _text(pdf, tmp_path)
    found: list[str] = []
    with pikepdf.open(io.BytesIO(pdf)) as doc:
        # Every string object (tag tree /ActualText, /Alt, /T, the outline, document information) and every
        # decompressed stream (content, XMP).
        for obj in doc.objects:
            if isinstance(obj, pikepdf.Dictionary):
                for value in obj.values():
                    if isinstance(value, pikepdf.String) and "Rönn" in str(value):
                        found.append(str(value))
            if isinstance(obj, pikepdf.Stream):
                data = obj.read_bytes()
                for enc in ("utf-8", "utf-16-be", "latin-1"):
                    if "Rönn" in data.decode(enc, "replace"):
                        found.append(f"stream {obj.objgen} ({enc})")
        found += [str(v) for v in doc.docinfo.values() if "Rönn" in str(v)]
    assert found == []


def test_protokollsutdrag_has_the_paragraph_and_bestyrkande(pdfs, tmp_path):
    first, text = pdfs["first"], _text(pdfs["utdrag"], tmp_path)
    for needle in (
        "Protokollsutdrag",
        f"{first.label} {first.rubrik}",
        "Utdrag bestyrkes",
        "Datum 2023-01-09",
        "Försäkringskassan",
        pdfs["doc"].organ_namn,
    ):
        assert needle in text, needle
    assert _creation_date(pdfs["utdrag"]) == "20230109"


def test_draft_protocol_is_marked_on_every_page_and_shows_every_paragraph(pdfs, tmp_path):
    """The draft comes from the tagged pipeline: the UTKAST watermark and footer are page furniture (artifacts,
    not read as text of the protocol), "Sida N av M" on every page, and every § with its decision."""
    doc, pdf = pdfs["draft_doc"], pdfs["draft"]
    text = _text(pdf, tmp_path)
    assert doc.heading in text and doc.range_line in text
    for p in doc.paragraphs:
        assert f"{p.label} {p.rubrik}" in text
        for clause in p.clauses:
            assert " ".join(clause.split()) in text, clause
    with pikepdf.open(io.BytesIO(pdf)) as opened:
        pages = len(opened.pages)
        assert str(opened.docinfo["/Title"]) == doc.title
    assert text.count("UTKAST – inte justerat") == pages
    assert f"Sida {pages} av {pages}" in text
