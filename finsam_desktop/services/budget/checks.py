"""``finsam check`` invariants of the budget area."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from finsam_desktop.domain.common.money import format_kr, from_ore
from finsam_desktop.persistence.models.budget import (
    BudgetLineRow,
    BudgetRow,
    BudgetYearRow,
    InsatsGrantRow,
    InsatsPaymentRow,
    InsatsRow,
    UtfallKeyRow,
    UtfallMonthRow,
)
from finsam_desktop.services.budget.equity import opening_findings_in
from finsam_desktop.services.findings import Finding

AREA = "Budget"


def check(session: Session) -> list[Finding]:
    findings: list[Finding] = []
    for b in session.scalars(select(BudgetRow)):
        if b.status == "faststalld" and not (b.adopted_text or b.adopted_agenda_item_id):
            findings.append(
                Finding(AREA, f"budget {b.year} version {b.version} är fastställd men saknar beslutsparagraf")
            )
        if b.previous_id is not None:
            prev = session.get(BudgetRow, b.previous_id)
            if prev is not None and prev.year != b.year:
                findings.append(
                    Finding(AREA, f"budget {b.year} version {b.version} ersätter en budget för ett annat år")
                )
    for g in session.scalars(select(InsatsGrantRow)):
        paid_sum = (
            session.scalar(
                select(func.coalesce(func.sum(InsatsPaymentRow.amount_ore), 0)).where(InsatsPaymentRow.grant_id == g.id)
            )
            or 0
        )
        if paid_sum != g.amount_ore:
            insats = session.get(InsatsRow, g.insats_id)
            findings.append(
                Finding(
                    "Insatser",
                    f"{insats.namn if insats else g.insats_id} {g.year}: utbetalningsplanen summerar till "
                    f"{format_kr(from_ore(paid_sum))} men beviljat är {format_kr(from_ore(g.amount_ore))}",
                )
            )
        for p in session.scalars(
            select(InsatsPaymentRow).where(InsatsPaymentRow.grant_id == g.id, InsatsPaymentRow.paid_on.is_not(None))
        ):
            if p.trigger == "avtal" and (g.avtal_on is None or g.avtal_on > p.paid_on):
                findings.append(Finding("Insatser", f"utbetalning {p.id} är gjord före att avtal tecknats"))
            if p.trigger == "redovisning" and (g.redovisning_on is None or g.redovisning_on > p.paid_on):
                findings.append(Finding("Insatser", f"utbetalning {p.id} är gjord före att redovisningen godkänts"))
    for year, message in opening_findings_in(session, sorted(session.scalars(select(BudgetYearRow.year)))):
        findings.append(Finding(AREA, f"{year}: {message}"))
    years = set(session.scalars(select(UtfallMonthRow.year)))
    for year in sorted(years):
        codes = set(
            session.scalars(
                select(BudgetLineRow.kod)
                .join(BudgetRow, BudgetLineRow.budget_id == BudgetRow.id)
                .where(BudgetRow.year == year)
            )
        )
        orphan = sorted(set(session.scalars(select(UtfallMonthRow.kod).where(UtfallMonthRow.year == year))) - codes)
        if orphan:
            findings.append(
                Finding(AREA, f"importerat utfall {year} på rader som saknas i budgeten: {', '.join(orphan)}")
            )
    findings += _utfall_sums(session)
    return findings


def _utfall_sums(session: Session) -> list[Finding]:
    """The per-line month sums the follow-up reads equal the sums of the konto/kostnadsställe rows they come from."""
    month_sums = {(r.year, r.kod, r.month): r.amount_ore for r in session.scalars(select(UtfallMonthRow))}
    key_sums = {
        (year, kod, month): int(total)
        for year, kod, month, total in session.execute(
            select(UtfallKeyRow.year, UtfallKeyRow.kod, UtfallKeyRow.month, func.sum(UtfallKeyRow.amount_ore)).group_by(
                UtfallKeyRow.year, UtfallKeyRow.kod, UtfallKeyRow.month
            )
        )
    }
    return [
        Finding(
            AREA,
            f"importerat utfall {year}-{month:02d} för {kod}: summan {format_kr(from_ore(month_sums.get(k, 0)))} "
            f"stämmer inte med konto-/kostnadsställeraderna ({format_kr(from_ore(key_sums.get(k, 0)))})",
        )
        for k in sorted(set(month_sums) | set(key_sums))
        for year, kod, month in (k,)
        if month_sums.get(k) != key_sums.get(k)
    ]
