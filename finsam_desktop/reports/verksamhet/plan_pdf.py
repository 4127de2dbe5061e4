"""The verksamhetsplan as a tagged PDF (PDF/UA-1 and PDF/A-2a) in the accessible Typst pipeline."""

from __future__ import annotations

from datetime import date

from finsam_desktop.domain.verksamhet.plan_publication import PlanPublication
from finsam_desktop.reports.common.typst_doc import compile_pdf
from finsam_desktop.reports.verksamhet.plan_content import document


def plan_pdf(pub: PlanPublication) -> bytes:
    """The document dated by its publication (the adoption date, or the day a draft was made), never the machine's
    clock: the same data and day give the same file."""
    on = pub.created or date(pub.year, 1, 1)
    return compile_pdf(document(pub), on)
