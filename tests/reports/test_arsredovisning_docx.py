"""The årsredovisning as .docx: Word headings, header rows that repeat, page numbers, a contents field, and the same
figures as the PDF; LibreOffice opens and converts it."""

from __future__ import annotations

import shutil
import subprocess
from io import BytesIO

import docx
import pytest

from finsam_desktop.domain.common.money import NBSP
from finsam_desktop.reports.arsredovisning.docx import arsredovisning_docx
from tests.fixtures.arsredovisning_publication import publication

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")


@pytest.fixture(scope="module")
def data() -> bytes:
    return arsredovisning_docx(publication())


def test_word_headings_tables_footer_and_contents(data):
    doc = docx.Document(BytesIO(data))
    headings = [(p.style.name, p.text) for p in doc.paragraphs if p.style.name.startswith("Heading")]
    assert ("Heading 1", "1. Förvaltningsberättelse") in headings
    assert ("Heading 2", "1.1 Om förbundet") in headings
    assert ("Heading 3", "Balanskravsutredning") in headings
    assert headings[-1] == ("Heading 1", "8. Styrelsens underskrifter")
    body = doc.element.body.xml
    assert 'TOC \\o "1-2"' in body
    assert "PAGE" in doc.sections[0].footer.paragraphs[0]._p.xml
    for table in doc.tables[:-1]:  # the last one lays out the signatures
        assert table.rows[0]._tr.trPr.xml.count("tblHeader") == 1
    texts = [[c.text.replace(NBSP, " ") for c in row.cells] for t in doc.tables for row in t.rows]
    assert ["Årets resultat", "", "−65 929", "601 008"] in texts
    assert ["Summa", "14 597,0", "14 995,0"] in texts
    assert doc.core_properties.title == "Årsredovisning 2021 – Samordningsförbundet Södra Mälarbygden"


def test_the_contents_list_the_headings_before_word_updates_the_field(data):
    doc = docx.Document(BytesIO(data))
    texts = [p.text for p in doc.paragraphs]
    start = texts.index("Innehåll")
    listed = texts[start + 1 : start + 40]
    assert listed[0] == "1. Förvaltningsberättelse" and "1.1 Om förbundet" in listed
    assert "8. Styrelsens underskrifter" in listed


def test_a_statements_label_column_is_wide_and_its_note_column_narrow(data):
    doc = docx.Document(BytesIO(data))
    rr = next(t for t in doc.tables if t.rows[0].cells[1].text == "Not")
    widths = [col.width.cm for col in rr.columns]  # the grid LibreOffice lays the table out by
    assert widths[0] > 8 and widths[1] < 1.5 and all(2 < w < 3 for w in widths[2:])
    assert abs(sum(widths) - 16.6) < 0.1


@pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) saknas: installera libreoffice-writer-nogui")
def test_libreoffice_converts_it(data, tmp_path):
    src = tmp_path / "arsredovisning.docx"
    src.write_bytes(data)
    profile = (tmp_path / "profile").as_uri()
    subprocess.run(
        [
            SOFFICE,
            f"-env:UserInstallation={profile}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path),
            str(src),
        ],
        check=True,
        capture_output=True,
        timeout=240,
    )
    pdf = tmp_path / "arsredovisning.pdf"
    if not pdf.exists():
        pytest.skip("LibreOffice saknar Writer (libreoffice-writer-nogui) och kan inte läsa .docx")
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, check=True).stdout.decode()
    assert "Styrelsens underskrifter" in text and "Maria Lindqvist" in text
