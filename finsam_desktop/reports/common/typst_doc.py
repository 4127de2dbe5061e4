"""The accessible PDF pipeline for published documents: Typst compiled in process (``typst`` on PyPI).

One call turns a ``typst_blocks.Document`` into a tagged PDF that claims PDF/UA-1 and PDF/A-2a at once: headings
H1–H3, paragraphs, lists, tables with TH header cells (scope Column), /Lang sv-SE, the title shown by the viewer,
page furniture and rules as artifacts, every font embedded. Why Typst (and not WeasyPrint or tagging ReportLab's
output): ``docs/publishing.md``.

Rules that make the output the same on every machine and keep data out of the markup:

- fonts only from ``resources/fonts`` (DejaVu): no system font is looked up, not even Typst's bundled ones;
- the template comes from ``resources/typst`` and imports no package, so nothing is ever downloaded;
- the document's data is passed as one JSON string in ``sys.inputs`` and read with ``json(bytes(…))``: every text
  is a Typst *string*, shown literally, never parsed as markup (``#import``, ``$``, ``*``, ``<``, ``@`` … stay text);
- the creation date is the one given: the program's clock when a service makes the file (``created``), else the
  document's own date, so the same data and the same moment give the same bytes.
"""

from __future__ import annotations

import json
from datetime import UTC, date, datetime
from functools import lru_cache
from pathlib import Path

import typst

from finsam_desktop.domain.common.errors import FinsamError
from finsam_desktop.paths import resources_dir
from finsam_desktop.reports.common.typst_blocks import Document

#: PDF/UA-1 (ISO 14289-1) and PDF/A-2a (ISO 19005-2, level A: archival *and* tagged) in one file.
PDF_STANDARDS = ["ua-1", "a-2a"]


class PublishError(FinsamError):
    """The accessible PDF could not be made (a fault in a template, not in the user's data)."""


def template_dir() -> Path:
    return resources_dir() / "typst"


def font_dir() -> Path:
    return resources_dir() / "fonts"


@lru_cache(maxsize=1)
def _fonts() -> typst.Fonts:
    fonts = typst.Fonts(include_system_fonts=False, include_embedded_fonts=False, font_paths=[str(font_dir())])
    if "DejaVu Sans" not in fonts.families():  # Typst would otherwise set a document without any glyphs
        raise PublishError(f"Typsnittet DejaVu Sans saknas i {font_dir()}; programmet är inte korrekt installerat.")
    return fonts


def _template(name: str) -> Path:
    path = template_dir() / name
    source = path.read_text(encoding="utf-8")
    if '"@' in source:  # a package import (@preview/…, @local/…) would be fetched from the network
        raise PublishError(f"Mallen {name} importerar ett Typst-paket; publicerade dokument får inte hämta något.")
    return path


def compile_pdf(document: Document, on: date, template: str = "document.typ", created: datetime | None = None) -> bytes:
    """The tagged PDF/UA-1 + PDF/A-2a of ``document``; ``on`` is its date, written as the creation date unless
    ``created`` (the program's clock when the file is made) is given."""
    if created is not None:
        stamp = created.astimezone(UTC) if created.tzinfo else created.replace(tzinfo=UTC)
    else:
        stamp = datetime(on.year, on.month, on.day, 12, 0, tzinfo=UTC)
    data = json.dumps(document.as_data(), ensure_ascii=False)
    try:
        out = typst.compile(
            str(_template(template)),
            root=str(template_dir()),
            font_paths=_fonts(),
            ignore_system_fonts=True,
            sys_inputs={"doc": data},
            pdf_standards=PDF_STANDARDS,
            timestamp=stamp,
        )
    except typst.TypstError as exc:
        raise PublishError(f"Dokumentet «{document.title}» kunde inte sättas: {exc.message}") from exc
    assert isinstance(out, bytes)
    return out
