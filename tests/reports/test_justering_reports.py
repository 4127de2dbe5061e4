import io
from datetime import date

import pikepdf
import pytest
from pypdf import PdfReader
from reportlab.platypus import Paragraph

from finsam_desktop.domain.justering.model import AnslagNotice
from finsam_desktop.reports.common.pdf import DocumentInfo, build_pdf, styles
from finsam_desktop.reports.common.pdfa import PdfaError, PdfaMetadata, pdfa_problems, to_pdfa
from finsam_desktop.reports.common.signing import create_pkcs12_identity, sign_pdf, verify_pdf
from finsam_desktop.reports.justering.anslag import anslag_html, anslag_text, build_anslag_pdf


def _notice(**kw):
    base = dict(
        forbund="Samordningsförbundet i Sundsvall",
        organ="Styrelsen",
        sammantradesdatum=date(2022, 11, 25),
        paragrafer="§ 120–146",
        justeringsdatum=date(2022, 12, 5),
        anslagsdatum=date(2022, 12, 5),
        forvaringsplats="Samordningsförbundet i Sundsvall, Kommunhuset rum 612",
        underskrift_namn="Jan Andersson",
        underskrift_roll="Förbundschef/sekreterare",
        anslagstavla="www.samordningsforbundet.se",
    )
    base.update(kw)
    return AnslagNotice(**base)


def _text(pdf: bytes) -> str:
    return " ".join(" ".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages).split())


def test_anslag_pdf_is_one_page_with_all_fields_and_corrected_takedown():
    pdf = build_anslag_pdf(_notice())
    reader = PdfReader(io.BytesIO(pdf))
    assert len(reader.pages) == 1
    text = _text(pdf)
    for needle in (
        "Tillkännagivande om justerat protokoll",
        "Styrelsen, Samordningsförbundet i Sundsvall",
        "Sammanträdesdatum",
        "2022-11-25",
        "§ 120–146",
        "Justeringsdatum",
        "2022-12-05",
        "Anslagsdatum",
        "Sista dag för överklagande",
        "2022-12-27",
        "Anslaget tas ned tidigast",
        "2022-12-28",
        "Kommunhuset rum 612",
        "Underskrift",
        "Jan Andersson",
        "Namnförtydligande",
    ):
        assert needle in text, needle
    assert "2022-12-26" not in text  # the seed's date inside the appeal period is never printed
    assert reader.metadata.title == "Anslag – Styrelsen 2022-11-25"


def test_anslag_seed_style_prints_last_appeal_day_with_own_label():
    text = _text(build_anslag_pdf(_notice(style="sista_overklagandedag"), pdfa=False))
    assert "Anslaget tas ned efter" in text and "2022-12-27" in text
    assert "2022-12-28" not in text and "2022-12-26" not in text


def test_anslag_text_and_html():
    n = _notice(forbund="Förbund <A&B>")
    text = anslag_text(n)
    assert "Anslaget tas ned tidigast:" in text and "2022-12-28" in text and "Förbund <A&B>" in text
    html = anslag_html(n)
    assert "<script" not in html
    assert "Förbund &lt;A&amp;B&gt;" in html
    assert 'data-tas-ned="2022-12-28"' in html
    assert '<th scope="row">Sista dag för överklagande</th><td>2022-12-27</td>' in html


def test_protokollsutdrag_anslag_wording():
    text = _text(build_anslag_pdf(_notice(avser="protokollsutdrag", paragrafer="§ 132"), pdfa=False))
    assert "Tillkännagivande om justerat protokollsutdrag" in text
    assert "Protokollsutdraget är justerat" in text


def _reportlab_pdf() -> bytes:
    """A ReportLab page (what the signed justerat protocol is made of) for the PDF/A-2b conversion tests."""
    info = DocumentInfo(title="Anslag – Styrelsen 2022-11-25", author="Samordningsförbundet i Sundsvall")
    return build_pdf([Paragraph("Tillkännagivande om justerat protokoll", styles()["Body"])], info)


def _pdfa_meta() -> PdfaMetadata:
    return PdfaMetadata(
        title="Anslag – Styrelsen 2022-11-25",
        author="Samordningsförbundet i Sundsvall",
        forbund="Samordningsförbundet i Sundsvall",
        organ="Styrelsen",
        datum=date(2022, 11, 25),
        paragrafer="§ 120–146",
        dokumenttyp="anslag",
    )


def test_anslag_is_a_tagged_pdf_ua_and_pdf_a_2a_dated_on_the_anslag_day():
    pdf = build_anslag_pdf(_notice(anslagsdatum=date(2022, 12, 6)))
    with pikepdf.open(io.BytesIO(pdf)) as doc:
        meta = doc.open_metadata()
        assert meta["pdfaid:part"] == "2" and meta["pdfaid:conformance"] == "A"
        assert meta["pdfuaid:part"] == "1"
        assert "/StructTreeRoot" in doc.Root and str(doc.Root.Lang) == "sv-SE"
        assert str(doc.docinfo["/Title"]) == "Anslag – Styrelsen 2022-11-25"
        assert str(doc.docinfo["/CreationDate"]).startswith("D:20221206")
    assert build_anslag_pdf(_notice()) == build_anslag_pdf(_notice())  # the same data gives the same bytes


def test_pdfa_properties():
    pdf = to_pdfa(_reportlab_pdf(), _pdfa_meta())
    assert pdfa_problems(pdf) == []
    with pikepdf.open(io.BytesIO(pdf)) as doc:
        meta = doc.open_metadata()
        assert meta["pdfaid:part"] == "2" and meta["pdfaid:conformance"] == "B"
        assert meta["dc:title"] == "Anslag – Styrelsen 2022-11-25"
        xmp = bytes(doc.Root.Metadata.read_bytes()).decode("utf-8")
        assert "<finsam:organ>Styrelsen</finsam:organ>" in xmp
        assert "<finsam:sammantradesdatum>2022-11-25</finsam:sammantradesdatum>" in xmp
        assert "<finsam:paragrafer>§ 120–146</finsam:paragrafer>" in xmp
        assert "pdfaSchema:namespaceURI" in xmp  # custom schema declared as PDF/A requires
        assert "/Filter" not in doc.Root.Metadata.stream_dict  # XMP stays unfiltered
        assert doc.pdf_version == "1.7" and "/ID" in doc.trailer
        intent = doc.Root.OutputIntents[0]
        assert intent.S == "/GTS_PDFA1"
        assert (
            b"sRGB" in intent.DestOutputProfile.read_bytes()[:200] or len(intent.DestOutputProfile.read_bytes()) > 300
        )
        assert not doc.is_encrypted
        for page in doc.pages:
            for font in page.Resources.Font.values():
                assert "/FontFile2" in font.FontDescriptor  # every font embedded (Helvetica reference removed)
        assert str(doc.docinfo["/Title"]) == "Anslag – Styrelsen 2022-11-25"


def test_plain_reportlab_output_lacks_pdfa_properties():
    raw = _reportlab_pdf()
    problems = pdfa_problems(raw)
    assert any("pdfaid" in p for p in problems)
    # ReportLab's initial Helvetica is gone from every plain PDF too (issue 21): only the XMP is missing.
    assert not any("Helvetica" in p for p in problems)


def test_pdfa_refuses_unembedded_font_actually_used():
    from reportlab.pdfgen import canvas

    buf = io.BytesIO()
    c = canvas.Canvas(buf)
    c.setFont("Helvetica", 12)
    c.drawString(100, 700, "Hej")
    c.save()
    with pytest.raises(PdfaError, match="Helvetica"):
        to_pdfa(buf.getvalue(), PdfaMetadata(title="x"))


def test_pdfa_refuses_transparency():
    from reportlab.lib import colors
    from reportlab.pdfgen import canvas

    from finsam_desktop.reports.common.pdf import FONT, register_fonts

    register_fonts()
    buf = io.BytesIO()
    c = canvas.Canvas(buf)
    c.setFont(FONT, 10)
    c.setFillColor(colors.Color(1, 0, 0, alpha=0.5))
    c.rect(10, 10, 100, 100, fill=1)
    c.save()
    with pytest.raises(PdfaError, match="genomskinlighet"):
        to_pdfa(buf.getvalue(), PdfaMetadata(title="x"))


def test_pdfa_is_deterministic():
    story = [Paragraph("Åäö", styles()["Body"])]
    raw = build_pdf(story, DocumentInfo(title="T"))
    meta = PdfaMetadata(title="T", datum=date(2026, 1, 2))
    assert to_pdfa(raw, meta) == to_pdfa(raw, meta)


@pytest.fixture(scope="module")
def identities():
    _, ca_cert, ca_key = create_pkcs12_identity("Exempelbygden test-CA", "x", ca=True)
    people = {}
    for name in ("Peter Pettersson", "Christina Nordenö", "Jan Andersson"):
        p12, _cert, _ = create_pkcs12_identity(name, "hemligt", issuer_key=ca_key, issuer_cert=ca_cert)
        people[name] = p12
    return ca_cert, people


def _signed(identities):
    _ca_cert, people = identities
    data = build_anslag_pdf(_notice())
    for name, role in (
        ("Peter Pettersson", "Justerare"),
        ("Christina Nordenö", "Ordförande"),
        ("Jan Andersson", "Sekreterare"),
    ):
        data = sign_pdf(data, people[name], "hemligt", role=role, location="Sundsvall")
    return data


def test_three_signatures_in_turn_all_intact(identities):
    data = _signed(identities)
    report = verify_pdf(data, trust_roots=[identities[0]])
    assert report.signers == ["Peter Pettersson", "Christina Nordenö", "Jan Andersson"]
    assert report.intact
    assert all(s.intact and s.valid and s.trusted for s in report.signatures)
    assert [s.covers_whole_file for s in report.signatures] == [False, False, True]
    assert "Ordförande" in report.signatures[1].reason
    assert all(s.signed_at is not None for s in report.signatures)
    untrusted = verify_pdf(data)
    assert untrusted.intact and not any(s.trusted for s in untrusted.signatures)


@pytest.mark.parametrize("where", ["first", "middle"])
def test_altering_one_byte_breaks_verification(identities, where):
    data = bytearray(_signed(identities))
    # A byte inside the first revision's page content (covered by every signature).
    start = data.find(b"stream", data.find(b"/Length") if where == "first" else len(data) // 3) + 20
    data[start] ^= 0x01
    report = verify_pdf(bytes(data))
    assert not report.intact
    assert any(not s.intact for s in report.signatures)


def test_wrong_password_gives_swedish_error(identities):
    from finsam_desktop.reports.common.signing import SigningError

    with pytest.raises(SigningError, match="lösenord"):
        sign_pdf(build_anslag_pdf(_notice()), identities[1]["Jan Andersson"], "fel", role="Sekreterare")


def test_unsigned_pdf_reports_no_signatures():
    report = verify_pdf(build_anslag_pdf(_notice()))
    assert report.signatures == () and not report.intact


def test_anslag_shows_markup_characters_literally():
    hostile = '#import "x": * $a$ *b* _c_ <l> @r \\ ] // d'
    text = _text(build_anslag_pdf(_notice(forvaringsplats=hostile, underskrift_namn="Jan *Andersson*")))
    assert " ".join(hostile.split()) in text
    assert "Jan *Andersson*" in text
