"""``finsam check`` invariants of the årsredovisning area: every stored year reconciles (each flag is a finding),
every account with a balance is mapped, an adopted year has its §, and a stored SIE file still has its hash."""

from __future__ import annotations

import hashlib
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from finsam_desktop.domain.arsredovisning.figures import fmt
from finsam_desktop.domain.arsredovisning.reconcile import reconcile
from finsam_desktop.domain.common.errors import FinsamError
from finsam_desktop.domain.common.money import format_kr
from finsam_desktop.persistence.models.arsredovisning import ArDocumentRow, ArYearRow
from finsam_desktop.services.arsredovisning import build
from finsam_desktop.services.budget.settings import year_settings_in
from finsam_desktop.services.findings import Finding

AREA = "Årsredovisning"


def check(session: Session) -> list[Finding]:
    findings: list[Finding] = []
    for row in session.scalars(select(ArYearRow).order_by(ArYearRow.year)):
        where = f"{AREA} {row.year}"
        if row.status == "faststalld" and not (row.adopted_agenda_item_id or row.adopted_text):
            findings.append(Finding(where, "är fastställd men saknar beslutsparagraf"))
        if row.sie_data is not None and hashlib.sha256(row.sie_data).hexdigest() != row.sie_sha256:
            findings.append(
                Finding(where, f"den sparade SIE-filen {row.sie_filename} stämmer inte med sin kontrollsumma")
            )
        findings += _adopted_document(session, row, where)
        missing = build.unmapped(session, row)
        if missing:
            listed = ", ".join(f"{k} ({fmt(v)} kr)" for k, v in missing.items())
            findings.append(Finding(where, f"konton med saldo saknar rad i årsredovisningen: {listed}"))
            continue
        try:
            doc = build.report(session, row)
        except FinsamError as exc:
            findings.append(Finding(where, str(exc)))
            continue
        findings += [Finding(where, flag.text) for flag in reconcile(doc)]
        findings += _budget_opening(session, row.year, doc.br.value(row.year, "br_eget_kapital"))
    return findings


def _adopted_document(session: Session, row: ArYearRow, where: str) -> list[Finding]:
    """The stored fastställd PDF still has its SHA-256, and a draft year has no stored document."""
    stored = session.scalar(select(ArDocumentRow).where(ArDocumentRow.year_id == row.id))
    if stored is None:
        return []
    if row.status != "faststalld":
        return [Finding(where, "har en sparad fastställd årsredovisning men året är inte fastställt")]
    if hashlib.sha256(stored.pdf_data).hexdigest() != stored.pdf_sha256:
        return [
            Finding(
                where,
                "den sparade fastställda årsredovisningen (PDF) har ändrats: den stämmer inte med sin "
                f"kontrollsumma SHA-256 {stored.pdf_sha256}",
            )
        ]
    return []


def _budget_opening(session: Session, year: int, closing: Decimal | None) -> list[Finding]:
    """One truth: the budget of the next year opens with the eget kapital this year's books close with."""
    opening = year_settings_in(session, year + 1).ek_opening
    if closing is None or opening is None or opening == closing:
        return []
    return [
        Finding(
            f"Budget {year + 1}",
            f"ingående eget kapital {format_kr(opening)} skiljer sig från årsredovisningens utgående eget kapital "
            f"{year} ({format_kr(closing)}) med {format_kr(opening - closing)}",
        )
    ]
