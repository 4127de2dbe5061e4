"""The lägesrapport as a file: ``lagesrapport_document(rapport, "pdf" | "docx", created)`` gives the bytes the
command line (``finsam export lagesrapport``) and the Verksamhet tab's Lägesrapport page both save."""

from __future__ import annotations

from datetime import date

from finsam_desktop.domain.common.errors import ValidationError
from finsam_desktop.domain.verksamhet.lagesrapport import Lagesrapport

KINDS = ("pdf", "docx")


def lagesrapport_document(rapport: Lagesrapport, kind: str, created: date) -> bytes:
    """The accessible PDF (``created`` is its creation date) or the Word file."""
    if kind == "pdf":
        from finsam_desktop.reports.verksamhet.lagesrapport_pdf import lagesrapport_pdf

        return lagesrapport_pdf(rapport, created=created)
    if kind == "docx":
        from finsam_desktop.reports.verksamhet.lagesrapport_docx import lagesrapport_docx

        return lagesrapport_docx(rapport)
    raise ValidationError(f"okänt filformat ”{kind}”; välj PDF eller Word (.docx).", "Format")
