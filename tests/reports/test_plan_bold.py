"""Bold in an insats's Syfte/Mål (``**bold**``, issue 16) is bold in the verksamhetsplan's PDF and Word file, and the
text stays text: characters Typst would read as markup come out as written."""

from __future__ import annotations

import io
from dataclasses import replace

import docx
import pytest
from pypdf import PdfReader

from finsam_desktop.reports.common.typst_blocks import RichList, RichPara, Span
from finsam_desktop.reports.verksamhet.plan_content import document
from finsam_desktop.reports.verksamhet.plan_docx import plan_docx
from finsam_desktop.reports.verksamhet.plan_pdf import plan_pdf

IPS = "IPS – arbetslivsinriktad rehabilitering"
SYFTE = "Stöd till **arbete på riktigt** för #strong[alla] med $5 * 3_ och <ingen> markup."
MAL = "- **25** deltagare under året\n- Minst **40 %** gör en stegförflyttning"


@pytest.fixture
def pub(demo_services):
    svc = demo_services.verksamhet.insatser
    ips = next(i for i in svc.list_insatser() if i.namn == IPS)
    svc.save(replace(ips, syfte=SYFTE, mal=MAL))
    return demo_services.verksamhet.plan.publication(2026)


def test_the_plan_document_carries_the_bold_runs(pub):
    blocks = document(pub).blocks
    plain = ("Stöd till ", "arbete på riktigt", " för #strong[alla] med $5 * 3_ och <ingen> markup.")
    assert RichPara(tuple(Span(t, t == "arbete på riktigt") for t in plain)) in blocks
    assert RichList(((Span("25", True), Span(" deltagare under året")), _minst_40())) in blocks


def _minst_40() -> tuple[Span, ...]:
    return (Span("Minst "), Span("40 %", True), Span(" gör en stegförflyttning"))


def test_the_word_file_has_the_bold_runs(pub):
    word = docx.Document(io.BytesIO(plan_docx(pub)))
    paragraph = next(p for p in word.paragraphs if "arbete på riktigt" in p.text)
    assert paragraph.text == SYFTE.replace("**", "")
    assert [(r.text, bool(r.bold)) for r in paragraph.runs] == [
        ("Stöd till ", False),
        ("arbete på riktigt", True),
        (" för #strong[alla] med $5 * 3_ och <ingen> markup.", False),
    ]
    item = next(p for p in word.paragraphs if p.text == "Minst 40 % gör en stegförflyttning")
    assert item.style.name == "List Bullet" and [r.text for r in item.runs if r.bold] == ["40 %"]


def test_the_pdf_sets_the_bold_runs_in_the_bold_font(pub):
    reader = PdfReader(io.BytesIO(plan_pdf(pub)))
    runs: list[tuple[str, str]] = []
    for page in reader.pages:
        page.extract_text(
            visitor_text=lambda text, _cm, _tm, font, _size: runs.append((text, (font or {}).get("/BaseFont", "")))
        )
    fonts = {text.strip(): font for text, font in runs if text.strip()}
    assert fonts["arbete på riktigt"].endswith("DejaVuSans-Bold")
    assert fonts["40 %"].endswith("DejaVuSans-Bold")
    assert not fonts["Stöd till"].endswith("Bold")
    text = " ".join(t for t, _f in runs)
    assert "#strong[alla] med $5 * 3_ och <ingen> markup." in " ".join(text.split())
