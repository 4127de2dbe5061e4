"""The lägesrapport as a tagged PDF (PDF/UA-1 and PDF/A-2a) in the accessible pipeline."""

from __future__ import annotations

from datetime import date

from finsam_desktop.domain.verksamhet.lagesrapport import Lagesrapport
from finsam_desktop.reports.common.typst_doc import compile_pdf
from finsam_desktop.reports.verksamhet.lagesrapport_content import document


def lagesrapport_pdf(rapport: Lagesrapport, created: date | None = None) -> bytes:
    """The report; its date is the day it is made (``created``, from the program's clock) or else the period end —
    never the machine's clock, so the same data and day give the same file."""
    return compile_pdf(document(rapport), created or rapport.per)
