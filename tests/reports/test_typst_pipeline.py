"""The accessible PDF pipeline (Typst in process): data stays text, the output is the same every time, the file
claims PDF/UA-1 and PDF/A-2a with our fonts only."""

from __future__ import annotations

import subprocess
from datetime import date
from io import BytesIO

import pikepdf
import pytest

from finsam_desktop.reports.common.typst_blocks import (
    Align,
    BulletList,
    Column,
    Document,
    Heading,
    Para,
    Row,
    RowKind,
    Signatures,
    Signer,
    Table,
    TitlePage,
    Toc,
    text_blocks,
)
from finsam_desktop.reports.common.typst_doc import compile_pdf

HOSTILE = [
    '#import "@preview/evil:0.1.0": *',
    "$x^2$ och *fet* och _kursiv_",
    "<etikett> @referens #set page(width: 1cm)",
    "bak\\snedstreck ] och [ hakparentes",
    "// inte en kommentar /* inte heller */",
    '#{"kod"} #eval("1+1") `rå`',
]


def _doc(texts: list[str]) -> Document:
    return Document(
        title="Prov – Förbundet",
        author="Förbundet",
        header="Förbundet",
        blocks=(
            TitlePage(("Förbundet",), texts[0], tuple(texts)),
            Toc(),
            Heading(1, texts[1], new_page=True),
            *(Para(t) for t in texts),
            BulletList(tuple(texts)),
            Table(
                texts[2],
                (Column("Post", width=1), Column(texts[3], Align.RIGHT)),
                (*(Row((t, t)) for t in texts), Row(("Summa", "1"), RowKind.SUM)),
            ),
            Heading(2, texts[4]),
            Signatures(texts[5], (Signer(texts[0], texts[1], texts[2]),)),
        ),
        draft_mark="UTKAST",
    )


def _text(pdf: bytes) -> str:
    out = subprocess.run(["pdftotext", "-", "-"], input=pdf, capture_output=True, check=True)
    return out.stdout.decode("utf-8")


@pytest.fixture(scope="module")
def hostile_pdf() -> bytes:
    return compile_pdf(_doc(HOSTILE), date(2022, 3, 18))


def test_hostile_text_comes_out_literally(hostile_pdf):
    text = " ".join(_text(hostile_pdf).split())
    for hostile in HOSTILE:
        assert " ".join(hostile.split()) in text, hostile
    with pikepdf.open(BytesIO(hostile_pdf)) as pdf:
        assert len(pdf.pages) >= 3  # "#set page(width: 1cm)" did not run


def test_same_data_gives_the_same_bytes(hostile_pdf):
    assert compile_pdf(_doc(HOSTILE), date(2022, 3, 18)) == hostile_pdf


def test_claims_pdf_ua_and_pdf_a_with_only_our_fonts(hostile_pdf):
    with pikepdf.open(BytesIO(hostile_pdf)) as pdf:
        meta = pdf.open_metadata()
        assert meta["pdfuaid:part"] == "1"
        assert (meta["pdfaid:part"], meta["pdfaid:conformance"]) == ("2", "A")
        assert str(pdf.Root.Lang) == "sv-SE"
        fonts = set()
        for page in pdf.pages:
            for font in page.Resources.get("/Font", {}).values():
                fonts.add(str(font.BaseFont).split("+")[-1])
                descendant = font.DescendantFonts[0] if "/DescendantFonts" in font else font
                assert "/FontFile2" in descendant.FontDescriptor  # embedded
        assert fonts and all(f.startswith("DejaVuSans") for f in fonts)


def test_text_blocks_split_paragraphs_and_lists():
    blocks = text_blocks("Ett stycke\nsom fortsätter.\n\n- punkt ett\n- punkt två\nEfter listan.")
    assert blocks == [
        Para("Ett stycke som fortsätter."),
        BulletList(("punkt ett", "punkt två")),
        Para("Efter listan."),
    ]


# --- The structure test every published PDF must pass (the årsredovisning's tests use it too) -----------------

_TEXT_OPS = {"Tj", "TJ", "'", '"'}


def _attributes(elem) -> list:
    a = elem.get("/A")
    if a is None:
        return []
    return list(a) if isinstance(a, pikepdf.Array) else [a]


def _walk(elem, out: list, page=None):
    if not isinstance(elem, pikepdf.Dictionary):
        return
    page = elem.get("/Pg", page)
    if "/S" in elem:
        out.append(("elem", elem, page))
    kids = elem.get("/K")
    if kids is None:
        return
    for kid in kids if isinstance(kids, pikepdf.Array) else [kids]:
        if isinstance(kid, int):
            out.append(("mcid", int(kid), page))
        elif isinstance(kid, pikepdf.Dictionary) and kid.get("/Type") == "/MCR":
            out.append(("mcid", int(kid.MCID), kid.get("/Pg", page)))
        else:
            _walk(kid, out, page)


def _marked_text(content_ops) -> tuple[set[int], int]:
    """MCIDs that contain text, and the number of text operators outside any MCID or artifact."""
    stack: list[tuple[str, int | None]] = []
    mcids: set[int] = set()
    loose = 0
    for operands, op in content_ops:
        name = str(op)
        if name == "BDC":
            tag, props = str(operands[0]), operands[1]
            mcid = int(props.MCID) if isinstance(props, pikepdf.Dictionary) and "/MCID" in props else None
            stack.append((tag, mcid))
        elif name == "BMC":
            stack.append((str(operands[0]), None))
        elif name == "EMC" and stack:
            stack.pop()
        elif name in _TEXT_OPS:
            if any(tag == "/Artifact" for tag, _ in stack):
                continue
            inner = [m for _, m in stack if m is not None]
            if inner:
                mcids.add(inner[-1])
            else:
                loose += 1
    return mcids, loose


def structure_problems(data: bytes, title: str) -> list[str]:
    """What a screen reader would miss: an empty list when the file is tagged as PDF/UA asks."""
    problems = []
    with pikepdf.open(BytesIO(data)) as pdf:
        root = pdf.Root
        if "/StructTreeRoot" not in root:
            return ["ingen /StructTreeRoot"]
        if not bool(root.get("/MarkInfo", {}).get("/Marked", False)):
            problems.append("/MarkInfo /Marked saknas")
        if str(root.get("/Lang", "")) != "sv-SE":
            problems.append(f"/Lang är {root.get('/Lang')}")
        if not bool(root.get("/ViewerPreferences", {}).get("/DisplayDocTitle", False)):
            problems.append("DisplayDocTitle saknas")
        if str(pdf.docinfo.get("/Title", "")) != title:
            problems.append(f"titeln är {pdf.docinfo.get('/Title')!r}")
        items: list = []
        _walk(root.StructTreeRoot, items)
        elems = [e for kind, e, _ in items if kind == "elem"]
        tagged = {(p.objgen if p is not None else None, m) for kind, m, p in items if kind == "mcid"}
        # Headings H1–H3 in order: never a level skipped on the way down.
        levels = [int(str(e.S)[2:]) for e in elems if str(e.S) in ("/H1", "/H2", "/H3", "/H4", "/H5", "/H6")]
        if not levels or levels[0] != 1:
            problems.append(f"första rubriken är inte H1: {levels[:3]}")
        for before, after in zip(levels, levels[1:]):
            if after > before + 1:
                problems.append(f"rubriknivå hoppar från H{before} till H{after}")
        if max(levels, default=0) > 3:
            problems.append("rubriker djupare än H3")
        # Tables: header cells with a scope.
        for table in (e for e in elems if str(e.S) == "/Table"):
            sub: list = []
            _walk(table, sub)
            ths = [e for kind, e, _ in sub if kind == "elem" and str(e.S) == "/TH"]
            if not ths:
                problems.append("en tabell saknar TH-celler")
            for th in ths:
                if not any("/Scope" in a for a in _attributes(th) if isinstance(a, pikepdf.Dictionary)):
                    problems.append("en TH-cell saknar /Scope")
                    break
        # Every page's text inside the tree (or an artifact).
        for number, page in enumerate(pdf.pages, 1):
            mcids, loose = _marked_text(pikepdf.parse_content_stream(page))
            if loose:
                problems.append(f"sidan {number}: {loose} textoperationer utanför strukturträdet")
            missing = {m for m in mcids if (page.obj.objgen, m) not in tagged}
            if missing:
                problems.append(f"sidan {number}: MCID {sorted(missing)} finns inte i strukturträdet")
    return problems


def test_the_structure_test_passes_a_tagged_document(hostile_pdf):
    assert structure_problems(hostile_pdf, "Prov – Förbundet") == []


def test_the_structure_test_fails_an_untagged_reportlab_pdf():
    from reportlab.pdfgen import canvas

    buf = BytesIO()
    c = canvas.Canvas(buf)
    c.drawString(72, 720, "Otaggad text")
    c.save()
    assert structure_problems(buf.getvalue(), "x") == ["ingen /StructTreeRoot"]


def test_pdfua_validator_finds_nothing(hostile_pdf, tmp_path):
    pdfua = pytest.importorskip("pdfua", reason="pdfua (test extra) är inte installerat")
    path = tmp_path / "prov.pdf"
    path.write_bytes(hostile_pdf)
    report = pdfua.validate(str(path))
    assert [(f.rule_id, f.message) for f in report.findings] == []
