"""The verksamhetsplan as a file, the one path the CLI's ``export verksamhetsplan`` and the Verksamhet tab share: an
antagen plan's PDF is the one stored at the adoption (byte for byte, never re-rendered); anything else is rendered
now from the plan's publication, with its flags."""

from __future__ import annotations

from dataclasses import dataclass

from finsam_desktop.domain.common.errors import ValidationError
from finsam_desktop.services.verksamhet.plan import PlanService

KINDS = ("pdf", "docx")


@dataclass(frozen=True)
class PlanFile:
    data: bytes
    summary: str  # "(Verksamhetsplan och budget 2026, utkast; 120 kB)" or "(80 kB): den antagna verksamhetsplanen …"
    flags: tuple[str, ...] = ()
    stored: bool = False  # the PDF stored at the adoption


def _size(data: bytes) -> str:
    return f"{len(data) // 1024 or 1} kB"


def plan_file(plan: PlanService, year: int, kind: str) -> PlanFile:
    """The plan of ``year`` as ``kind`` ("pdf" or "docx")."""
    if kind not in KINDS:
        raise ValidationError("filen måste vara .pdf eller .docx.", "Format")
    stored = plan.adopted_document(year) if kind == "pdf" else None
    if stored is not None:
        return PlanFile(stored.data, f"({_size(stored.data)}): {stored.notice}", stored=True)
    pub = plan.publication(year)
    if kind == "pdf":
        from finsam_desktop.reports.verksamhet.plan_pdf import plan_pdf

        data = plan_pdf(pub)
    else:
        from finsam_desktop.reports.verksamhet.plan_docx import plan_docx

        data = plan_docx(pub)
    state = "utkast" if pub.draft else f"antagen {pub.adopted_text}; en redigerbar kopia, den antagna är PDF-filen"
    return PlanFile(data, f"({pub.title}, {state}; {_size(data)})", pub.flags)
