"""The årsredovisning and delårsrapport as a tagged PDF (PDF/UA-1 and PDF/A-2a) in the accessible pipeline."""

from __future__ import annotations

from finsam_desktop.domain.arsredovisning.publication import Publication
from finsam_desktop.reports.arsredovisning.content import document
from finsam_desktop.reports.common.typst_doc import compile_pdf


def arsredovisning_pdf(pub: Publication) -> bytes:
    """The published document; its date is the decision date, or the balance date while it is a draft (never
    the clock, so the same data gives the same file)."""
    on = pub.report.decided_on if pub.report.decided_on is not None and not pub.draft else pub.per
    return compile_pdf(document(pub), on)
