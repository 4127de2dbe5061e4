"""The lägesrapport as a tagged PDF and as .docx: what a reader and a screen reader find in them — the seed 002
sections, the per-member table's numbers, the chart with its alternative text — and that Word's file opens."""

from __future__ import annotations

import shutil
import subprocess
from datetime import date
from io import BytesIO

import docx
import pikepdf
import pytest

from finsam_desktop.reports.verksamhet.lagesrapport_docx import lagesrapport_docx
from finsam_desktop.reports.verksamhet.lagesrapport_pdf import lagesrapport_pdf
from tests.acceptance.test_budget_seeds import enter_f3
from tests.fixtures.verksamhet_seed002 import seed002
from tests.reports.test_typst_pipeline import structure_problems

TITLE = "Lägesrapport Halvår 2020 – Samordningsförbundet Testbygden"


@pytest.fixture(scope="module")
def rapport(tmp_path_factory):
    from finsam_desktop.services.workspace import open_workspace

    ws = open_workspace(tmp_path_factory.mktemp("lr") / "lr.sqlite", auto_backup=False, lock=False)
    ws.services.forbund.create("Samordningsförbundet Testbygden", "222000-3079", sate="Testby")
    seed002(ws.services)
    enter_f3(ws.services.budget)
    r = ws.services.verksamhet.lagesrapport.build(date(2020, 6, 30))
    ws.close()
    return r


@pytest.fixture(scope="module")
def pdf(rapport) -> bytes:
    return lagesrapport_pdf(rapport, created=date(2020, 7, 10))


def _lines(pdf: bytes) -> list[str]:
    out = subprocess.run(["pdftotext", "-layout", "-", "-"], input=pdf, capture_output=True, check=True).stdout
    return [" ".join(line.split()) for line in out.decode("utf-8").splitlines() if line.strip()]


def test_the_pdf_is_tagged_and_passes_the_validator(pdf, tmp_path):
    assert structure_problems(pdf, TITLE) == []
    pdfua = pytest.importorskip("pdfua", reason="pdfua (test extra) är inte installerat")
    path = tmp_path / "lr.pdf"
    path.write_bytes(pdf)
    assert [(f.rule_id, f.message) for f in pdfua.validate(str(path)).findings] == []


def test_the_pdf_has_the_seeds_sections_and_the_per_member_numbers(pdf):
    lines = _lines(pdf)
    text = "\n".join(lines)
    for heading in (
        "Lägesrapport Halvår 2020",
        "Aktiva uppdrag från styrelsen",
        "Mål- och uppföljningsrapport",
        "Riskanalys",
        "Lägesrapport per medlem",
        "MIA deltagare anvisade från",
        "Ekonomirapport Halvår 2020 t.o.m. 30 juni 2020",
    ):
        assert heading in lines, heading
    assert "Se över Delegations- & attestordning (20191126 & 20200219)" in text.replace("\n", " ")
    assert "≥ 240 (190)" in text
    taby = next(line for line in lines if line.startswith("Täby 28%"))
    assert "5/3" in taby and "6/5 10st" in taby and "74 38%" in taby
    assert any(line.startswith("Gemensamt") and "Totalt 22" in line and "Totalt 196" in line for line in lines)
    assert any(line.startswith("Summa kostnader") and "10 995" in line for line in lines)


def test_the_chart_is_a_figure_with_every_bar_in_its_alternative_text(pdf):
    with pikepdf.open(BytesIO(pdf)) as doc:
        alts = []

        def walk(node):
            if isinstance(node, pikepdf.Dictionary):
                if node.get("/S") == "/Figure" and "/Alt" in node:
                    alts.append(str(node.Alt))
                kids = node.get("/K")
                for kid in kids if isinstance(kids, pikepdf.Array) else [kids] if kids is not None else []:
                    walk(kid)

        walk(doc.Root.StructTreeRoot)
    assert len(alts) == 1
    assert alts[0].startswith("Stapeldiagram: MIA deltagare anvisade från respektive medlem (201704-202003)")
    assert "Täby 74, Vaxholm 4, Österåker 84" in alts[0]


@pytest.fixture(scope="module")
def word(rapport) -> bytes:
    return lagesrapport_docx(rapport)


def test_the_docx_opens_with_headings_tables_and_the_charts_alt_text(word):
    d = docx.Document(BytesIO(word))
    headings = [p.text for p in d.paragraphs if p.style.name.startswith("Heading")]
    assert headings[:4] == [
        "Lägesrapport Halvår 2020",
        "Aktiva uppdrag från styrelsen",
        "Mål- och uppföljningsrapport",
        "Aktiviteter för måluppfyllelse t.o.m. 2020-06-30",
    ]
    member = next(t for t in d.tables if t.rows[0].cells[0].text == "Medlem (andel av population)")
    taby = next(r for r in member.rows if r.cells[0].text == "Täby 28%")
    assert [c.text for c in taby.cells][1:] == [
        "5/3",
        "6/5 10st",
        "JA",
        "100% p.led 2 x12,5% team 100% coach",
        "74 38%",
    ]
    assert d.core_properties.title == TITLE
    pictures = d.inline_shapes
    assert len(pictures) == 1
    assert "Österåker 84" in pictures[0]._inline.docPr.get("descr")


def test_libreoffice_converts_the_docx(word, tmp_path):
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        pytest.skip("LibreOffice finns inte på den här datorn")
    src = tmp_path / "lr.docx"
    src.write_bytes(word)
    subprocess.run(
        [soffice, "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path), str(src)],
        capture_output=True,
        timeout=180,
        check=True,
        env={"HOME": str(tmp_path), "PATH": "/usr/bin:/bin"},
    )
    out = (tmp_path / "lr.pdf").read_bytes()
    assert "Lägesrapport per medlem" in _lines(out)
