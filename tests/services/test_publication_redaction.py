"""Redaction that redacts (issue "Nothing lost, nothing forged", point 6): a name masked in the publication copy
is gone from the whole PDF — page text, every content stream, document information and XMP — and the notice
counts truthfully."""

from __future__ import annotations

import io
import re
from dataclasses import replace

import pikepdf
import pytest
from pypdf import PdfReader

from finsam_desktop.cli import main
from finsam_desktop.domain.justering import model as dj
from finsam_desktop.reports.justering.protocol_justerat import build_publication_pdf
from finsam_desktop.reports.justering.redaction import leaks
from finsam_desktop.services.sammantraden.area import MeetingsArea

#: workspace/demo_workspace on SQLite and PostgreSQL (tests/conftest.py, docs/postgresql.md).
BOTH_ENGINES = True

NAME = "Tobias Rönn"
PARTS = ("Tobias", "Rönn")


def _text(pdf: bytes) -> str:
    return " ".join(" ".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages).split())


def _raw(pdf: bytes) -> str:
    """Every stream of the file decompressed, the document information and the XMP, as one searchable text."""
    chunks: list[str] = []
    with pikepdf.open(io.BytesIO(pdf)) as doc:
        for obj in doc.objects:
            if isinstance(obj, pikepdf.Stream):
                try:
                    data = obj.read_bytes()
                except pikepdf.PdfError:
                    data = obj.read_raw_bytes()
                for encoding in ("utf-8", "latin-1", "utf-16-be"):
                    chunks.append(data.decode(encoding, "replace"))
        chunks += [str(v) for v in doc.docinfo.values()]
        chunks.append(str(doc.open_metadata()))
    return "\n".join(chunks)


@pytest.fixture
def published(demo_services):
    """A justerat demo meeting with Tobias Rönn in its närvarolista."""
    sam = MeetingsArea(demo_services.db)
    for row in demo_services.justering.status.overview():
        if row.status not in (dj.JUSTERAT, "anslaget", "anslag_nedtaget"):
            continue
        doc = sam.documents.protocol_document(row.meeting_id)
        if any(line.namn == NAME for section in doc.attendance for line in section.lines):
            return demo_services, row.meeting_id, doc
    pytest.fail("the demo has no justerat protocol with Tobias Rönn present")


def test_unmasked_copy_shows_the_name(published):
    services, mid, _doc = published
    pdf = services.justering.publication.publication_pdf(mid, dj.RedactionChoice())
    assert NAME in _text(pdf)
    assert leaks(pdf, (NAME,))  # the final check finds a name that is there


def test_masked_name_is_gone_from_text_streams_and_metadata(published):
    services, mid, _doc = published
    pdf = services.justering.publication.publication_pdf(mid, dj.RedactionChoice(extra_names=(NAME,)))
    text = _text(pdf)
    for needle in (NAME, *PARTS):
        assert needle.casefold() not in text.casefold(), needle
    raw = _raw(pdf)
    for needle in PARTS:
        assert needle not in raw and needle.upper() not in raw, needle
    assert "[maskerat]" in text
    counted = re.search(r"1 namn maskerat på (\d+) ställen?", text)
    assert counted and int(counted.group(1)) >= 1
    assert leaks(pdf, (NAME,)) == []


def test_every_part_of_the_document_is_masked(published):
    """Officers, § text in other spellings, att-satser, jäv notes, bilaga titles, förbund and organ (header,
    footer, metadata) all carry the name; none of it survives."""
    _services, _mid, doc = published
    first = doc.paragraphs[0]
    variant = replace(
        doc,
        forbund_namn=f"Förbundet hos {NAME}",
        organ_namn="Styrelsen för TOBIAS RÖNN",
        plats="Rönn, Tobias kontor",
        ordforande=NAME,
        sekreterare="tobias  rönn",
        justerare=(NAME, "Eva Forsberg"),
        bilagor=((1, f"Yttrande från {NAME}"),),
        paragraphs=(
            replace(
                first,
                rubrik=f"Anställning av {NAME}",
                text="Tobias\u00a0Rönns förslag. Rönn föredrog ärendet.",
                clauses=(f"Att uppdra åt {NAME} att återkomma.",),
                jav=(f"{NAME} deltog inte i beslutet.",),
                reservations=(f"{NAME} reserverade sig.",),
            ),
            *doc.paragraphs[1:],
        ),
    )
    plain = build_publication_pdf(variant, dj.RedactionChoice(), pdfa=True)
    assert "TOBIAS RÖNN" in _text(plain)  # the variant really carries the name …
    assert "Rönn" in _raw(plain)  # … and the scan of streams and metadata sees it
    pdf = build_publication_pdf(variant, dj.RedactionChoice(extra_names=(NAME,)), pdfa=True)
    text = _text(pdf)
    for needle in (NAME, *PARTS):
        assert needle.casefold() not in text.casefold(), needle
    raw = _raw(pdf)
    for needle in PARTS:
        assert needle not in raw and needle.upper() not in raw, needle
    assert "Eva Forsberg" in text  # other names stay


def test_a_name_that_does_not_occur_is_reported_as_such(published):
    services, mid, _doc = published
    pdf = services.justering.publication.publication_pdf(mid, dj.RedactionChoice(extra_names=("Nils Holgersson",)))
    assert "namnet att maskera förekom inte" in _text(pdf)


@pytest.mark.sqlite_only  # opens the file itself (sqlite3, copies, --db FILE)
def test_cli_masks_the_name_in_the_whole_copy(published, tmp_path, capsys):
    _services, mid, _doc = published
    out = tmp_path / "webb.pdf"
    args = ["--db", str(tmp_path / "demo.sqlite"), "export", "publicering", "--meeting", str(mid)]
    assert main([*args, "--maskera", NAME, "-o", str(out)]) == 0, capsys.readouterr().err
    text = _text(out.read_bytes())
    assert "Rönn" not in text and "Tobias" not in text and "1 namn maskerat" in text
