import io
from datetime import date, time

from pypdf import PdfReader

from finsam_desktop.reports.sammantraden.kallelse import build_kallelse_pdf
from finsam_desktop.reports.sammantraden.protocol import build_protocol_pdf
from finsam_desktop.reports.sammantraden.protocol_data import (
    AttendanceLine,
    AttendanceSection,
    KallelseDocument,
    KallelseItem,
    ProtocolDocument,
    ProtocolParagraph,
    ProtocolPart,
)


def _text(data: bytes) -> tuple[str, PdfReader]:
    reader = PdfReader(io.BytesIO(data))
    return " ".join(" ".join(p.extract_text() for p in reader.pages).split()), reader


def _doc(**kw) -> ProtocolDocument:
    base = dict(
        meeting_id=1,
        forbund_namn="Samordningsförbundet Testbygden",
        organ_namn="Styrelsen",
        heading="Sammanträdesprotokoll från styrelsemöte",
        numbered=True,
        datum=date(2026, 11, 20),
        starttid=time(9),
        sluttid=time(12),
        plats="Kommunhuset",
        digital=True,
        typ="ordinarie",
        status="protokoll_utkast",
        attendance=(
            AttendanceSection("Närvarande ordinarie ledamöter", (AttendanceLine("Eva Forsberg", "Ådalens kommun"),)),
            AttendanceSection("Övriga närvarande", (AttendanceLine("Gäst Gästsson", "Arbetsförmedlingen", "§ 5–6"),)),
        ),
        first_paragraph=5,
        last_paragraph=7,
        paragraphs=(
            ProtocolParagraph(5, "§ 5", "Sammanträdet öppnas", text="Ordförande hälsar välkommen."),
            ProtocolParagraph(
                6,
                "§ 6",
                "Övriga frågor",
                parts=(
                    ProtocolPart("Efterstöd", "Frågan om efterstöd.", ("Att lyfta frågan i strategirådet.",)),
                    ProtocolPart("Lunch", "", ("Att bjuda in till lunch den 16 december.",)),
                ),
            ),
            ProtocolParagraph(7, "§ 7", "Lokaler", utgar=True, utgar_motivering="Underlag saknas."),
        ),
        justerare=("Karin Lindqvist",),
    )
    base.update(kw)
    return ProtocolDocument(**base)


def test_draft_protocol_has_watermark_range_and_parts():
    text, reader = _text(build_protocol_pdf(_doc()))
    assert "Protokollet omfattar § 5–7" in text
    assert "Kommunhuset (och digitalt), kl. 09.00–12.00" in text
    assert "Arbetsförmedlingen § 5–6" in text
    assert text.count("Styrelsen beslutade") == 2
    assert "Punkten utgår. Underlag saknas." in text
    assert "UTKAST" in text
    assert reader.metadata.title == "Protokoll Styrelsen 2026-11-20"


def test_final_protocol_without_watermark_and_extension_point():
    from reportlab.platypus import Paragraph

    from finsam_desktop.reports.common.pdf import styles

    extra = [Paragraph("Justerandes signaturer", styles()["Body"])]
    text, _ = _text(build_protocol_pdf(_doc(), draft=False, before_paragraphs=extra))
    assert "UTKAST" not in text
    assert text.index("Protokollet omfattar") < text.index("Justerandes signaturer") < text.index("§ 5 Sammanträdet")


def test_kallelse_lists_dagordning_bilagor_and_sender():
    doc = KallelseDocument(
        meeting_id=1,
        forbund_namn="Samordningsförbundet Testbygden",
        forbund_adress="Storgatan 1",
        organ_namn="Styrelsen",
        typ="Ordinarie",
        datum=date(2026, 11, 20),
        starttid=time(9),
        sluttid=time(12),
        plats="Kommunhuset",
        digital=False,
        items=(
            KallelseItem(1, "Sammanträdet öppnas", "Information"),
            KallelseItem(2, "Budget 2027", "Beslut", "Helena Marklund", "(Bilaga 1)", "", "Att fastställa budgeten."),
        ),
        bilagor=((1, "Budget 2027"),),
        mottagare=(("Eva Forsberg", "Ledamot, Ådalens kommun"),),
        avsandare="Helena Marklund",
        avsandare_titel="Förbundschef",
    )
    text, _ = _text(build_kallelse_pdf(doc))
    for expected in (
        "Kallelse till sammanträde med styrelsen",
        "Fredag 20 november 2026, kl. 09.00–12.00",
        "2. Budget 2027 (Bilaga 1)",
        "Föredragande: Helena Marklund",
        "Förslag till beslut: Att fastställa budgeten.",
        "Eva Forsberg",
        "Helena Marklund Förbundschef",
    ):
        assert expected in text, expected


def _kallelse(mottagare: int, **kw) -> KallelseDocument:
    base = dict(
        meeting_id=1,
        forbund_namn="Samordningsförbundet Testbygden",
        forbund_adress="Samordningsförbundet Testbygden\nStorgatan 1\n123 45 Testby",
        organ_namn="Styrelsen",
        typ="Ordinarie",
        datum=date(2026, 11, 20),
        starttid=time(9),
        sluttid=time(12),
        plats="Kommunhuset",
        digital=False,
        items=tuple(KallelseItem(n, f"Ärende {n}", "Beslut", "Helena Marklund") for n in range(1, 13)),
        bilagor=((1, "Budget 2027"),),
        mottagare=tuple((f"Person {n:02d}", "Ledamot, Ådalens kommun") for n in range(1, mottagare + 1)),
        avsandare="Helena Marklund",
        avsandare_titel="Förbundschef",
    )
    base.update(kw)
    return KallelseDocument(**base)


def test_kallelse_names_the_forbund_once_in_the_signature_with_its_address():
    text, _ = _text(build_kallelse_pdf(_kallelse(3)))
    closing = text[text.index("Välkomna!") :]
    assert "Välkomna! Helena Marklund Förbundschef Samordningsförbundet Testbygden Storgatan 1 123 45 Testby" in closing


def test_kallelse_closing_never_stands_alone_on_a_page():
    """However long the list of kallade, the page with "Välkomna!" and the sender also holds the end of the list."""
    for count in range(8, 48, 2):
        _, reader = _text(build_kallelse_pdf(_kallelse(count)))
        page = next(p.extract_text() for p in reader.pages if "Välkomna!" in p.extract_text())
        assert f"Person {count:02d}" in page, f"{count} kallade: the closing page holds only {page!r}"
        before = page[: page.index("Välkomna!")]
        assert sum(f"Person {n:02d}" in before for n in range(1, count + 1)) >= 2, (count, page)
        heading = next(p.extract_text() for p in reader.pages if "Kallade" in p.extract_text())
        assert "Person 01" in heading, f"{count} kallade: the heading Kallade is parted from its list"


def _long_protocol(filler: int, bilagor: int) -> ProtocolDocument:
    paragraphs = [
        ProtocolParagraph(n, f"§ {n}", f"Ärende {n}", text="Förbundschefen föredrar ärendet.", clauses=("Att notera.",))
        for n in range(1, 11)
    ]
    text = "\n\n".join(f"Stycke {i} om verksamheten." for i in range(filler))
    paragraphs.append(ProtocolParagraph(11, "§ 11", "Kansliet informerar", text=text))
    return _doc(
        paragraphs=tuple(paragraphs),
        first_paragraph=1,
        last_paragraph=11,
        bilagor=tuple((n, f"Handling nummer {n}") for n in range(1, bilagor + 1)),
    )


def _pages(data: bytes) -> list[str]:
    return [" ".join(p.extract_text().split()) for p in PdfReader(io.BytesIO(data)).pages]


def test_protocol_keeps_a_short_bilagor_list_whole_with_its_heading():
    for filler in range(0, 44, 2):
        pages = _pages(build_protocol_pdf(_long_protocol(filler, 5), draft=False))
        page = next(p for p in pages if "Handling nummer 1 " in p + " ")
        assert "Bilagor Bilaga 1" in page, f"filler {filler}: the heading is parted from the list"
        assert "Handling nummer 5" in page, f"filler {filler}: the list of bilagor is broken: {page!r}"


def test_protocol_breaks_a_long_bilagor_list_never_leaving_a_line_or_two():
    for filler in range(0, 44, 3):
        pages = _pages(build_protocol_pdf(_long_protocol(filler, 14), draft=False))
        for page in pages:
            lines = sum(f"Handling nummer {n} " in page + " " for n in range(1, 15))
            assert lines == 0 or lines >= 3, f"filler {filler}: a page holds {lines} lines of the list: {page!r}"


def test_draft_watermark_lies_wholly_inside_the_page(tmp_path):
    """The translucent red "UTKAST" is drawn whole: its painted pixels keep well clear of every edge of every page."""
    import shutil
    import subprocess

    import pytest
    from PIL import Image

    if not shutil.which("pdftoppm"):
        pytest.skip("poppler-utils (pdftoppm) saknas")
    pdf = tmp_path / "utkast.pdf"
    pdf.write_bytes(build_protocol_pdf(_long_protocol(30, 5)))
    subprocess.run(["pdftoppm", "-r", "40", "-png", str(pdf), str(tmp_path / "p")], check=True)
    pages = sorted(tmp_path.glob("p-*.png"))
    assert len(pages) >= 2
    edge = round(10 / 25.4 * 40)  # 10 mm in pixels at 40 dpi
    for png in pages:
        image = Image.open(png).convert("RGB")
        width, height = image.size
        red = [(x, y) for x in range(width) for y in range(height) if _reddish(image.getpixel((x, y)))]
        assert red, f"{png.name}: no watermark"
        xs, ys = [x for x, _ in red], [y for _, y in red]
        assert min(xs) > edge and max(xs) < width - edge, f"{png.name}: UTKAST cut at the left or right edge"
        assert min(ys) > edge and max(ys) < height - edge, f"{png.name}: UTKAST cut at the top or bottom edge"
        assert max(xs) - min(xs) > width / 2, f"{png.name}: the watermark is not across the page"


def _reddish(rgb: tuple[int, int, int]) -> bool:
    r, g, b = rgb
    return r - g > 12 and r - b > 12
