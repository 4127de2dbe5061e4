"""The årsredovisning and delårsrapport as a tagged PDF (PDF/UA-1 and PDF/A-2a) in the accessible pipeline."""

from __future__ import annotations

from datetime import date

from finsam_desktop.domain.arsredovisning.publication import Publication
from finsam_desktop.reports.arsredovisning.content import document
from finsam_desktop.reports.common.typst_doc import compile_pdf


def arsredovisning_pdf(pub: Publication, created: date | None = None) -> bytes:
    """The published document; its date is the decision date once adopted; a draft carries the day it was made
    (``created``, from the program's clock) or else its balance date — never the machine's clock, so the same
    data and day give the same file."""
    if pub.report.decided_on is not None and not pub.draft:
        on = pub.report.decided_on
    else:
        on = created or pub.per
    return compile_pdf(document(pub), on)
