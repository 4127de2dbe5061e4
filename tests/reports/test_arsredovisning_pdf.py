"""The årsredovisning and delårsrapport as tagged PDFs: what a reader and a screen reader find in them, and that
every figure is the domain's."""

from __future__ import annotations

import re
import subprocess
from dataclasses import replace

import pytest

from finsam_desktop.domain.arsredovisning.publication import TextSection
from finsam_desktop.domain.arsredovisning.statements import LINES, Kind
from finsam_desktop.domain.common.money import format_number
from finsam_desktop.reports.arsredovisning.pdf import arsredovisning_pdf
from tests.fixtures.arsredovisning_publication import delarsrapport, publication, seed_publication
from tests.reports.test_typst_pipeline import HOSTILE, structure_problems


def _text(pdf: bytes, layout: bool = False) -> str:
    args = ["pdftotext", *(["-layout"] if layout else []), "-", "-"]
    out = subprocess.run(args, input=pdf, capture_output=True, check=True).stdout.decode("utf-8")
    return out.replace("\u00a0", " ").replace("\u2060", "")


def _lines(pdf: bytes) -> list[str]:
    return [" ".join(line.split()) for line in _text(pdf, layout=True).splitlines() if line.strip()]


@pytest.fixture(scope="module")
def draft_pdf() -> bytes:
    return arsredovisning_pdf(publication())


@pytest.fixture(scope="module")
def ar_pdf() -> bytes:
    """The adopted document (no watermark across the text, so ``pdftotext -layout`` keeps each table row whole)."""
    return arsredovisning_pdf(publication(draft=False, adopted_text="Fastställd av styrelsen 2022-03-18, § 12"))


@pytest.mark.parametrize("which", ["draft_pdf", "ar_pdf"])
def test_passes_the_structure_test(which, request):
    pdf = request.getfixturevalue(which)
    assert structure_problems(pdf, "Årsredovisning 2021 – Samordningsförbundet Södra Mälarbygden") == []


@pytest.mark.parametrize("which", ["draft_pdf", "ar_pdf"])
def test_passes_the_pdfua_validator(which, request, tmp_path):
    pdfua = pytest.importorskip("pdfua", reason="pdfua (test extra) är inte installerat")
    path = tmp_path / "ar.pdf"
    path.write_bytes(request.getfixturevalue(which))
    assert [(f.rule_id, f.message) for f in pdfua.validate(str(path)).findings] == []


def test_parts_in_rkr_order_with_contents_page_numbers(ar_pdf):
    lines = _lines(ar_pdf)
    parts = [
        "1. Förvaltningsberättelse",
        "2. Resultaträkning",
        "3. Balansräkning",
        "4. Kassaflödesanalys",
        "5. Driftredovisning",
        "6. Noter",
        "7. Deltagarflöden",
        "8. Styrelsens underskrifter",
    ]
    toc = {}
    for line in lines:
        m = re.match(r"^(\d\. [^.]+?)[ .]+(\d+)$", line)
        if m and m[1] in parts:
            toc.setdefault(m[1], int(m[2]))
    assert list(toc) == parts  # innehåll lists every part, in order
    assert list(toc.values()) == sorted(toc.values())
    body = [line for line in lines if line in parts]
    assert body == parts
    assert "Samordningsförbundet Södra Mälarbygden" in lines[0]
    assert "Organisationsnummer 222000-2471" in lines


def test_statement_figures_are_the_domains(ar_pdf):
    pub = publication()
    lines = _lines(ar_pdf)
    for kind in (Kind.RR, Kind.BR, Kind.KF):
        stmt = pub.report.statement(kind)
        for line in LINES[kind]:
            values = [stmt.computed(y, line.code) for y in (2021, 2020)]
            if any(v is None for v in values):
                continue
            label = stmt.label(line.code)
            expected = " ".join(format_number(v) for v in values)
            assert any(row.startswith(label) and row.endswith(expected) for row in lines), (label, expected)
    # The sums a reader checks first: årets resultat and the balance sheet total, as the domain computes them.
    assert "Årets resultat −65 929 601 008" in lines
    assert "Summa tillgångar 4 277 169 3 523 189" in lines
    assert "Summa 14 531 739 15 600 799" in lines  # Not 2
    assert "Summa 14 597,0 14 995,0" in lines  # Not 3 (tkr)


def test_five_year_balanskrav_goals_flows_and_signers(ar_pdf):
    lines = _lines(ar_pdf)
    assert "Årets resultat −65 929 601 008 −158 991 −1 240 273 880 552" in lines
    assert "Antal anställda 2,2 2,75 2,75 2,5 2,5" in lines
    assert "Balanskravsresultat −65 929" in lines
    text = " ".join(_text(ar_pdf).split())  # reading order: a wrapped cell's text stays together
    assert "Eget kapital mellan 400 000 kr och 20 % av tilldelade medel" in text
    assert "Totalt 389 108 175 125 89" in lines
    for name in ("Maria Lindqvist", "Johan Bergström", "Aisha Karimi", "Erik Sandén"):
        assert name in text
    assert text.count("Södertälje, datum") == 4


def test_draft_is_marked_and_adopted_is_not(draft_pdf, ar_pdf):
    draft = _text(draft_pdf)
    assert "Utkast – inte fastställt av styrelsen" in draft
    assert "UTKAST" in "".join(draft.split())  # the watermark (an artifact; pdftotext reads it letter by letter)
    adopted = _text(ar_pdf)
    assert "UTKAST" not in adopted and "Utkast" not in adopted
    assert "Fastställd av styrelsen 2022-03-18, § 12" in adopted


def test_the_seed_as_printed_lists_its_flags_on_a_page_of_their_own():
    pub = seed_publication()
    assert pub.flags
    text = " ".join(_text(arsredovisning_pdf(pub)).split())
    assert "Avstämning: figurer som inte stämmer" in text
    for flag in pub.flags:
        assert " ".join(flag.where.split()) in text
    # The figure that could not be read is shown as typed, never as a guess.
    assert "133 84" in text


def test_hostile_text_in_the_prose_stays_literal():
    sections = tuple(TextSection(f"k{i}", h, h + "\n\n- " + h) for i, h in enumerate(HOSTILE))
    pdf = arsredovisning_pdf(publication(sections=sections, forbund=HOSTILE[0]))
    text = " ".join(_text(pdf).split())
    for hostile in HOSTILE:
        assert " ".join(hostile.split()) in text
    assert structure_problems(pdf, f"Årsredovisning 2021 – {HOSTILE[0]}") == []


def test_delarsrapport_has_the_prognos_beside_the_resultatrakning():
    pub = delarsrapport()
    pdf = arsredovisning_pdf(pub)
    lines = _lines(pdf)
    assert any("Utfall t.o.m. 2021-08-31" in line and "Prognos helår 2021" in line for line in lines)
    prognos = pub.prognos.computed(2021, "rr_arets_resultat")
    assert f"Årets resultat −65 929 {format_number(prognos)} 601 008" in lines
    assert "Balanskravsutredning (prognos för helåret)" in lines
    assert "Översikt över verksamhetens utveckling" not in lines  # the shorter förvaltningsberättelse
    assert structure_problems(pdf, f"{pub.title} – {pub.forbund}") == []


def test_same_publication_same_bytes(draft_pdf):
    assert arsredovisning_pdf(replace(publication())) == draft_pdf
