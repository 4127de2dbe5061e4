"""Helpers the årsredovisning use cases share inside one session: the year's row, the lock, the kontoplan in
force, the stored balances and movements."""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from finsam_desktop import clock
from finsam_desktop.domain.arsredovisning.kontoplan import BAS, Kontoplan, MapRule
from finsam_desktop.domain.common.errors import ImmutableRecordError, NotFoundError
from finsam_desktop.domain.common.money import from_ore
from finsam_desktop.persistence.models.arsredovisning import (
    ArAccountRow,
    ArKontoplanRuleRow,
    ArMovementRow,
    ArPrintedRow,
    ArYearRow,
)

ZERO = Decimal(0)
ADOPTED = "faststalld"


def year_row(s: Session, year: int, create: bool = False) -> ArYearRow:
    row = s.scalar(select(ArYearRow).where(ArYearRow.year == year))
    if row is None:
        if not create:
            raise NotFoundError(f"Det finns ingen årsredovisning för {year}.")
        row = ArYearRow(year=year, source="manuell", created_at=clock.now())
        s.add(row)
        s.flush()
    return row


def require_draft(row: ArYearRow) -> None:
    if row.status == ADOPTED:
        raise ImmutableRecordError(
            f"Årsredovisningen för {row.year} är fastställd ({row.adopted_text}) och låst; den kan inte ändras."
        )


def clear_books(s: Session, row: ArYearRow) -> None:
    """Remove the year's balances, movements and printed figures (before new books replace them)."""
    for table in (ArAccountRow, ArMovementRow, ArPrintedRow):
        s.execute(delete(table).where(table.year_id == row.id))


def kontoplan(s: Session, row: ArYearRow | None = None) -> Kontoplan:
    """The mapping an adopted year was adopted with, else the förbund's (the standard BAS mapping when unedited)."""
    if row is not None and row.kontoplan_text:
        return Kontoplan.from_text("fastställd", row.kontoplan_text)
    rules = list(s.scalars(select(ArKontoplanRuleRow).order_by(ArKontoplanRuleRow.position)))
    if not rules:
        return BAS
    return Kontoplan("förbundets", tuple(MapRule(r.low, r.high, r.line) for r in rules))


def balances(s: Session, row: ArYearRow) -> tuple[dict[str, Decimal], dict[str, Decimal], dict[str, Decimal]]:
    """(IB, UB, RES) of the year, non-zero amounts only, SIE-signed."""
    ib, ub, res = {}, {}, {}
    for a in s.scalars(select(ArAccountRow).where(ArAccountRow.year_id == row.id).order_by(ArAccountRow.konto)):
        for table, ore in ((ib, a.ib_ore), (ub, a.ub_ore), (res, a.res_ore)):
            if ore:
                table[a.konto] = from_ore(ore)
    return ib, ub, res


def account_names(s: Session, row: ArYearRow) -> dict[str, str]:
    return dict(s.execute(select(ArAccountRow.konto, ArAccountRow.namn).where(ArAccountRow.year_id == row.id)).all())


def month_movements(s: Session, row: ArYearRow, objekt: str = "") -> dict[str, dict[int, Decimal]]:
    """``{konto: {month: movement}}`` of the whole account (``objekt`` "") or of one object."""
    out: dict[str, dict[int, Decimal]] = defaultdict(dict)
    q = select(ArMovementRow).where(ArMovementRow.year_id == row.id, ArMovementRow.objekt == objekt)
    for m in s.scalars(q):
        out[m.konto][m.month] = from_ore(m.amount_ore)
    return dict(out)


def object_results(s: Session, row: ArYearRow) -> dict[tuple[str, str], Decimal]:
    """``{(objekt, konto): the year's result}`` per object of the result accounts (kostnadsställe "1:20")."""
    out: dict[tuple[str, str], Decimal] = defaultdict(Decimal)
    for m in s.scalars(select(ArMovementRow).where(ArMovementRow.year_id == row.id, ArMovementRow.objekt != "")):
        out[(m.objekt, m.konto)] += from_ore(m.amount_ore)
    return dict(out)


def printed(s: Session, row: ArYearRow) -> ArPrintedRow | None:
    return s.scalar(select(ArPrintedRow).where(ArPrintedRow.year_id == row.id))


def stored_years(s: Session) -> list[ArYearRow]:
    return list(s.scalars(select(ArYearRow).order_by(ArYearRow.year)))
