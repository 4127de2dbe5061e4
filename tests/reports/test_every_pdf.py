"""Every PDF the program makes, as a reader gets it: all fonts embedded, /Lang sv-SE and a title, no text cut
with an ellipsis and no page that holds only a line or two (a heading, "Välkomna!" and a name, a list's tail).

The documents are exported once from the demo förbund (``documents.py``) and read with poppler's tools."""

from __future__ import annotations

import re
import shutil
import subprocess

import pikepdf
import pytest

from tests.reports.documents import EXPORTS, export_all

pytestmark = pytest.mark.skipif(
    not (shutil.which("pdftotext") and shutil.which("pdffonts")), reason="poppler-utils (pdftotext, pdffonts) saknas"
)

PDFS = [name for name, _ in EXPORTS if name.endswith(".pdf")]
MM = 72 / 25.4
#: The running head and the footer (page number, initial boxes) lie within these distances of the edge.
HEAD, FOOT = 15 * MM, 18 * MM


@pytest.fixture(scope="module")
def pdfs(_demo_template, tmp_path_factory):
    return export_all(_demo_template, tmp_path_factory.mktemp("pdfs"), ".pdf")


def _run(*args: str) -> str:
    return subprocess.run(args, check=True, capture_output=True, text=True).stdout


def _body_lines(path, page: int, width: float, height: float) -> list[str]:
    """The page's text lines between the running head and the footer (pdftotext crop, in points)."""
    text = _run(
        "pdftotext", "-f", str(page), "-l", str(page), "-x", "0", "-y", str(int(HEAD)),
        "-W", str(int(width)), "-H", str(int(height - HEAD - FOOT)), str(path), "-",
    )  # fmt: skip
    # A line of body text has a word on it: the draft watermark's scattered capitals do not count.
    return [line for line in text.splitlines() if len(line.strip()) > 3]


@pytest.mark.parametrize("name", PDFS)
def test_every_font_is_embedded(pdfs, name):
    rows = _run("pdffonts", str(pdfs[name])).splitlines()[2:]
    assert rows, f"{name}: no fonts"
    missing = [row.split()[0] for row in rows if row.split()[-5] != "yes"]
    assert not missing, f"{name}: fonts not embedded: {missing}"


@pytest.mark.parametrize("name", PDFS)
def test_language_and_title(pdfs, name):
    with pikepdf.open(pdfs[name]) as pdf:
        assert str(pdf.Root.get("/Lang", "")) == "sv-SE", name
        assert str(pdf.docinfo.get("/Title", "")).strip(), name
        prefs = pdf.Root.get("/ViewerPreferences")
        assert prefs is not None and bool(prefs.get("/DisplayDocTitle")), f"{name}: the viewer shows the file name"


@pytest.mark.parametrize("name", PDFS)
def test_no_text_cut_and_no_nearly_empty_page(pdfs, name):
    path = pdfs[name]
    cut = [line for line in _run("pdftotext", str(path), "-").splitlines() if line.rstrip().endswith("…")]
    assert not cut, f"{name}: text cut with an ellipsis: {cut}"
    info = _run("pdfinfo", "-f", "1", "-l", "999", str(path))
    sizes = [tuple(map(float, m)) for m in re.findall(r"Page\s+\d+ size:\s+([\d.]+) x ([\d.]+)", info)]
    assert sizes, name
    for page, (width, height) in enumerate(sizes, start=1):
        lines = _body_lines(path, page, width, height)
        assert len(lines) >= 3, f"{name}: page {page} holds only {lines}"


def _line_starts(path) -> dict[str, float]:
    """Where each text run on page 1 begins (x in points), by its text."""
    from pypdf import PdfReader

    starts: dict[str, float] = {}

    def visit(text, cm, tm, _font, _size):
        if text.strip():
            starts.setdefault(text.strip(), round(cm[4] + tm[4], 1))

    PdfReader(path).pages[0].extract_text(visitor_text=visit)
    return starts


@pytest.mark.parametrize("name", ["protokoll_utkast.pdf", "protokoll_justerat.pdf", "minnesanteckningar.pdf"])
def test_protocol_headings_and_tables_share_the_left_margin(pdfs, name):
    """The section headings, the header table and the attendance list begin at the same left edge, the page
    margin (20 mm; 23 mm in the tagged pipeline's template, where the draft is made) — before, full-width tables
    stood 2 mm left of the headings above them."""
    starts = _line_starts(pdfs[name])
    margin = round((23 if name == "protokoll_utkast.pdf" else 20) * MM, 1)
    heading = next(t for t in starts if t.startswith(("Närvarande", "Övriga närvarande")))
    first_name = next(t for t in starts if t in ("Karin Lindqvist", "Helena Marklund"))
    assert {starts["Organ"], starts[heading], starts[first_name]} == {margin}, (name, starts)
