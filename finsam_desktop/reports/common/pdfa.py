"""Turn ReportLab output into PDF/A-2b for the archive (ISO 19005-2, level B).

What this does to a PDF made with :mod:`finsam_desktop.reports.common.pdf`:

* XMP metadata (``pdfaid:part=2``, ``conformance=B``; dc:title/creator/description, pdf:Keywords, xmp dates) that
  matches the document information dictionary, plus the protocol's own properties (förbund, organ,
  sammanträdesdatum, § range, document type) in a ``finsam:`` schema declared through a PDF/A extension schema;
* an sRGB output intent with an embedded ICC profile;
* removes references to fonts that are not embedded but never used to show text (ReportLab always lists
  Helvetica); refuses when an unembedded font *is* used, or when the file has transparency, encryption,
  JavaScript or embedded files;
* saves with a document /ID.

No validator (veraPDF) is bundled; :func:`pdfa_problems` checks the properties the app is responsible for.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import UTC, date, datetime, time
from functools import cache
from xml.sax.saxutils import escape as xml_escape

import pikepdf
from pikepdf import Name

from finsam_desktop.domain.common.errors import FinsamError

FINSAM_NS = "https://finsam-kansli.se/ns/protokoll/1.0/"
_TEXT_SHOW = {"Tj", "TJ", "'", '"'}
_PRODUCER = "FINSAM Kansli (ReportLab, pikepdf)"


class PdfaError(FinsamError):
    """The file cannot be made PDF/A (e.g. it uses a font that is not embedded)."""


@dataclass(frozen=True)
class PdfaMetadata:
    """Descriptive metadata written to XMP and the document information dictionary."""

    title: str
    author: str = ""
    subject: str = ""
    keywords: tuple[str, ...] = ()
    forbund: str = ""
    organ: str = ""
    datum: date | None = None
    paragrafer: str = ""
    dokumenttyp: str = ""
    created: datetime | None = None
    language: str = "sv-SE"
    #: SHA-256 of the record's canonical content in the database (justerat protocol), empty when not applicable.
    innehallshash: str = ""


@cache
def srgb_icc_profile() -> bytes:
    """An sRGB ICC profile made by LittleCMS through Pillow."""
    from PIL import ImageCms

    return ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()


def _pdf_date(moment: datetime) -> str:
    moment = moment.astimezone(UTC)
    return moment.strftime("D:%Y%m%d%H%M%S+00'00'")


def _xmp_date(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S+00:00")


def _xmp(meta: PdfaMetadata, moment: datetime) -> bytes:
    e = xml_escape
    keywords = ", ".join(meta.keywords)
    subjects = "".join(f"<rdf:li>{e(k)}</rdf:li>" for k in meta.keywords)
    finsam_props = [
        ("forbund", meta.forbund, "Samordningsförbundets namn"),
        ("organ", meta.organ, "Organet som sammanträdde"),
        ("sammantradesdatum", meta.datum.isoformat() if meta.datum else "", "Sammanträdesdatum (ÅÅÅÅ-MM-DD)"),
        ("paragrafer", meta.paragrafer, "Paragrafer som dokumentet omfattar"),
        ("dokumenttyp", meta.dokumenttyp, "Dokumenttyp"),
        ("innehallshash", meta.innehallshash, "SHA-256 av protokollets innehåll i FINSAM-databasen vid justering"),
    ]
    prop_decls = "".join(
        '<rdf:li rdf:parseType="Resource">'
        f"<pdfaProperty:name>{name}</pdfaProperty:name>"
        "<pdfaProperty:valueType>Text</pdfaProperty:valueType>"
        "<pdfaProperty:category>external</pdfaProperty:category>"
        f"<pdfaProperty:description>{e(desc)}</pdfaProperty:description>"
        "</rdf:li>"
        for name, _, desc in finsam_props
    )
    prop_values = "".join(f"<finsam:{name}>{e(value)}</finsam:{name}>" for name, value, _ in finsam_props if value)
    xml = f"""<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/">
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
<rdf:Description rdf:about="" xmlns:pdfaid="http://www.aiim.org/pdfa/ns/id/">
<pdfaid:part>2</pdfaid:part><pdfaid:conformance>B</pdfaid:conformance>
</rdf:Description>
<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/">
<dc:format>application/pdf</dc:format>
<dc:title><rdf:Alt><rdf:li xml:lang="x-default">{e(meta.title)}</rdf:li></rdf:Alt></dc:title>
{f"<dc:creator><rdf:Seq><rdf:li>{e(meta.author)}</rdf:li></rdf:Seq></dc:creator>" if meta.author else ""}
{f'<dc:description><rdf:Alt><rdf:li xml:lang="x-default">{e(meta.subject)}</rdf:li></rdf:Alt></dc:description>' if meta.subject else ""}
{f"<dc:subject><rdf:Bag>{subjects}</rdf:Bag></dc:subject>" if subjects else ""}
<dc:language><rdf:Bag><rdf:li>{e(meta.language)}</rdf:li></rdf:Bag></dc:language>
</rdf:Description>
<rdf:Description rdf:about="" xmlns:pdf="http://ns.adobe.com/pdf/1.3/">
<pdf:Producer>{e(_PRODUCER)}</pdf:Producer>
{f"<pdf:Keywords>{e(keywords)}</pdf:Keywords>" if keywords else ""}
</rdf:Description>
<rdf:Description rdf:about="" xmlns:xmp="http://ns.adobe.com/xap/1.0/">
<xmp:CreatorTool>FINSAM Kansli</xmp:CreatorTool>
<xmp:CreateDate>{_xmp_date(moment)}</xmp:CreateDate>
<xmp:ModifyDate>{_xmp_date(moment)}</xmp:ModifyDate>
<xmp:MetadataDate>{_xmp_date(moment)}</xmp:MetadataDate>
</rdf:Description>
<rdf:Description rdf:about="" xmlns:finsam="{FINSAM_NS}">{prop_values}</rdf:Description>
<rdf:Description rdf:about="" xmlns:pdfaExtension="http://www.aiim.org/pdfa/ns/extension/"
 xmlns:pdfaSchema="http://www.aiim.org/pdfa/ns/schema#" xmlns:pdfaProperty="http://www.aiim.org/pdfa/ns/property#">
<pdfaExtension:schemas><rdf:Bag><rdf:li rdf:parseType="Resource">
<pdfaSchema:schema>FINSAM Kansli protokollmetadata</pdfaSchema:schema>
<pdfaSchema:namespaceURI>{FINSAM_NS}</pdfaSchema:namespaceURI>
<pdfaSchema:prefix>finsam</pdfaSchema:prefix>
<pdfaSchema:property><rdf:Seq>{prop_decls}</rdf:Seq></pdfaSchema:property>
</rdf:li></rdf:Bag></pdfaExtension:schemas>
</rdf:Description>
</rdf:RDF>
</x:xmpmeta>
<?xpacket end="w"?>"""
    return xml.encode("utf-8")


def _is_embedded(font: pikepdf.Object) -> bool:
    if font.get("/Subtype") == Name.Type0:
        descendants = font.get("/DescendantFonts")
        return bool(descendants) and all(_is_embedded(d) for d in descendants)
    if font.get("/Subtype") == Name.Type3:
        return True
    desc = font.get("/FontDescriptor")
    return desc is not None and any(k in desc for k in ("/FontFile", "/FontFile2", "/FontFile3"))


def _font_owners(pdf: pikepdf.Pdf) -> list[pikepdf.Object]:
    """Pages and the form XObjects they use (each content stream that can select fonts)."""
    owners: list[pikepdf.Object] = []
    seen: set = set()

    def visit(obj: pikepdf.Object) -> None:
        key = obj.objgen if obj.is_indirect else id(obj)
        if key in seen:
            return
        seen.add(key)
        owners.append(obj)
        resources = obj.get("/Resources")
        for xobj in ((resources.get("/XObject") if resources is not None else None) or {}).values():
            if xobj.get("/Subtype") == Name.Form:
                visit(xobj)

    for page in pdf.pages:
        visit(page.obj)
    return owners


def _clean_unembedded_fonts(pdf: pikepdf.Pdf) -> None:
    """Drop unembedded fonts that never show text (ReportLab's Helvetica); raise if one does.

    Resource dictionaries may be shared between pages, so every content stream is cleaned before any resource
    entry is removed.
    """
    plans = []
    for owner in _font_owners(pdf):
        resources = owner.get("/Resources")
        fonts = resources.get("/Font") if resources is not None else None
        if not fonts:
            continue
        bad = {key for key, font in fonts.items() if not _is_embedded(font)}
        if bad:
            plans.append((owner, fonts, bad))
    for owner, fonts, bad in plans:
        instructions = pikepdf.parse_content_stream(owner)
        current = None
        shown: set[str] = set()
        for operands, operator in instructions:
            op = str(operator)
            if op == "Tf":
                current = str(operands[0])
            elif op in _TEXT_SHOW and current:
                shown.add(current)
        used_bad = bad & shown
        if used_bad:
            names = ", ".join(str(fonts[k].get("/BaseFont", k)) for k in sorted(used_bad))
            raise PdfaError(f"Typsnittet {names} är inte inbäddat och kan inte arkiveras som PDF/A.")
        kept = [(ops, op) for ops, op in instructions if not (str(op) == "Tf" and str(ops[0]) in bad)]
        if len(kept) == len(instructions):
            continue
        data = pikepdf.unparse_content_stream(kept)
        if owner.get("/Type") == Name.Page:
            owner.Contents = pdf.make_stream(data)
        else:
            owner.write(data)
    for _owner, fonts, bad in plans:
        for key in bad:
            if key in fonts:
                del fonts[key]


def _check_forbidden(pdf: pikepdf.Pdf) -> None:
    if pdf.is_encrypted:
        raise PdfaError("Filen är krypterad; PDF/A tillåter inte kryptering.")
    names = pdf.Root.get("/Names")
    if names is not None and ("/JavaScript" in names or "/EmbeddedFiles" in names):
        raise PdfaError("Filen innehåller JavaScript eller bifogade filer; PDF/A-2b tillåter inte det.")
    for problem in transparency_problems(pdf):
        raise PdfaError(problem)


def transparency_problems(pdf: pikepdf.Pdf) -> list[str]:
    """Swedish descriptions of every use of transparency (soft masks, alpha < 1, transparency groups)."""
    problems = []
    for number, page in enumerate(pdf.pages, 1):
        if page.obj.get("/Group") is not None and page.obj.Group.get("/S") == Name.Transparency:
            problems.append(f"Sida {number} har en transparensgrupp.")
        resources = page.obj.get("/Resources") or {}
        for gs in (resources.get("/ExtGState") or {}).values():
            if float(gs.get("/CA", 1)) < 1 or float(gs.get("/ca", 1)) < 1:
                problems.append(f"Sida {number} använder genomskinlighet (alfa < 1).")
            smask = gs.get("/SMask")
            if smask is not None and smask != Name("/None"):
                problems.append(f"Sida {number} använder en mjuk mask.")
        for xobj in (resources.get("/XObject") or {}).values():
            if xobj.get("/SMask") is not None:
                problems.append(f"Sida {number} har en bild med alfakanal.")
    return problems


def to_pdfa(pdf_bytes: bytes, meta: PdfaMetadata) -> bytes:
    """Return ``pdf_bytes`` converted to PDF/A-2b with ``meta``; deterministic for the same input."""
    moment = meta.created or datetime.combine(meta.datum or date(2000, 1, 1), time(12, 0), tzinfo=UTC)
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    with pikepdf.open(io.BytesIO(pdf_bytes)) as pdf:
        _check_forbidden(pdf)
        _clean_unembedded_fonts(pdf)
        icc = pdf.make_stream(srgb_icc_profile())
        icc.N = 3
        intent = pikepdf.Dictionary(
            Type=Name.OutputIntent,
            S=Name.GTS_PDFA1,
            OutputConditionIdentifier=pikepdf.String("sRGB IEC61966-2.1"),
            Info=pikepdf.String("sRGB IEC61966-2.1"),
            DestOutputProfile=icc,
        )
        pdf.Root.OutputIntents = pikepdf.Array([intent])
        pdf.Root.Lang = pikepdf.String(meta.language)
        metadata = pdf.make_stream(_xmp(meta, moment))
        metadata.Type = Name.Metadata
        metadata.Subtype = Name.XML
        pdf.Root.Metadata = metadata
        info = pikepdf.Dictionary(
            Title=pikepdf.String(meta.title),
            Producer=pikepdf.String(_PRODUCER),
            Creator=pikepdf.String("FINSAM Kansli"),
            CreationDate=pikepdf.String(_pdf_date(moment)),
            ModDate=pikepdf.String(_pdf_date(moment)),
        )
        if meta.author:
            info.Author = pikepdf.String(meta.author)
        if meta.subject:
            info.Subject = pikepdf.String(meta.subject)
        if meta.keywords:
            info.Keywords = pikepdf.String(", ".join(meta.keywords))
        pdf.trailer.Info = pdf.make_indirect(info)
        out = io.BytesIO()
        pdf.save(out, deterministic_id=True, min_version="1.7", fix_metadata_version=False)
        return out.getvalue()


def pdfa_problems(pdf_bytes: bytes) -> list[str]:
    """Swedish list of the PDF/A-2b properties the file lacks (empty = all checked properties present)."""
    problems: list[str] = []
    with pikepdf.open(io.BytesIO(pdf_bytes)) as pdf:
        if pdf.is_encrypted:
            problems.append("Filen är krypterad.")
        meta = pdf.open_metadata()
        if str(meta.get("pdfaid:part", "")) != "2" or str(meta.get("pdfaid:conformance", "")).upper() != "B":
            problems.append("XMP saknar pdfaid:part=2 / conformance=B.")
        intents = pdf.Root.get("/OutputIntents")
        if not intents or not any(i.get("/S") == Name.GTS_PDFA1 and "/DestOutputProfile" in i for i in intents):
            problems.append("Output intent med ICC-profil saknas.")
        if "/ID" not in pdf.trailer:
            problems.append("Dokument-ID saknas.")
        for number, page in enumerate(pdf.pages, 1):
            fonts = (page.obj.get("/Resources") or {}).get("/Font") or {}
            for key, font in fonts.items():
                if not _is_embedded(font):
                    problems.append(f"Sida {number}: typsnittet {font.get('/BaseFont', key)} är inte inbäddat.")
            selected = {str(ops[0]) for ops, op in pikepdf.parse_content_stream(page) if str(op) == "Tf"}
            for key in sorted(selected - set(fonts.keys())):
                problems.append(f"Sida {number}: typsnittet {key} används men finns inte i sidans resurser.")
        problems.extend(transparency_problems(pdf))
    return problems


def embedded_content_hash(pdf_bytes: bytes) -> str | None:
    """The ``finsam:innehallshash`` in the XMP of ``pdf_bytes`` (None when absent or unreadable)."""
    import re

    try:
        with pikepdf.open(io.BytesIO(pdf_bytes)) as pdf:
            stream = pdf.Root.get("/Metadata")
            if stream is None:
                return None
            xml = stream.read_bytes().decode("utf-8", "replace")
    except (pikepdf.PdfError, ValueError):
        return None
    # Element form as written here, or attribute form (another prefix) after pyHanko re-serialises it at signing.
    match = re.search(r"[\w.-]+:innehallshash(?:>|=\")([0-9a-f]{64})", xml)
    return match.group(1) if match else None
