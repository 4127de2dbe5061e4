"""The årsredovisning of a stored year as the domain's ``Arsredovisning`` (inside one session): from a printed
report entered figure by figure, or from the books (statements by the kontoplan mapping, noter per account,
the five-year overview of the stored years, the balanskrav); and the statements per a date for a delårsrapport."""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from finsam_desktop.domain.arsredovisning.document import Arsredovisning
from finsam_desktop.domain.arsredovisning.kontoplan import EXCLUDED, Kontoplan, build_statements
from finsam_desktop.domain.arsredovisning.noter import Note, NoteLine
from finsam_desktop.domain.arsredovisning.overview import Balanskrav, FiveYearOverview
from finsam_desktop.domain.arsredovisning.printed import from_plain
from finsam_desktop.domain.arsredovisning.statements import Statement
from finsam_desktop.domain.common.errors import ValidationError
from finsam_desktop.persistence.models.arsredovisning import ArYearRow
from finsam_desktop.services.arsredovisning.rows import (
    ZERO,
    account_names,
    balances,
    kontoplan,
    month_movements,
    printed,
)

#: Noter built from the books: (number, title, statement line, sign of the figures as printed, SIE sign).
NOTES = (
    ("1", "Verksamhetens intäkter", "rr_intakter", 1, -1),
    ("2", "Verksamhetens kostnader", "rr_kostnader", -1, 1),
    ("3", "Fordringar", "br_fordringar", 1, 1),
    ("4", "Kortfristiga skulder", "br_kortfristiga", 1, -1),
)


def unmapped(s: Session, row: ArYearRow) -> dict[str, Decimal]:
    """Accounts with a balance that the mapping in force does not map (empty for a printed report)."""
    if printed(s, row) is not None:
        return {}
    return kontoplan(s, row).unmapped(*balances(s, row))


def statements(s: Session, row: ArYearRow) -> tuple[Statement, Statement, Statement]:
    """RR, BR, kassaflödesanalys of a stored year (with the year before when it is stored too)."""
    stored = printed(s, row)
    if stored is not None:
        doc = from_plain(row.year, json.loads(stored.content))
        return doc.rr, doc.br, doc.kf
    ib, ub, res = balances(s, row)
    if not (ib or ub or res):
        raise ValidationError(f"det finns inga saldon för {row.year}; importera en SIE-fil eller mata in saldon.")
    previous = s.scalar(select(ArYearRow).where(ArYearRow.year == row.year - 1))
    previous_res = None
    if previous is not None and printed(s, previous) is None:
        previous_res = balances(s, previous)[2] or None
    return build_statements(row.year, kontoplan(s, row), ib, ub, res, previous_res)


def report(s: Session, row: ArYearRow) -> Arsredovisning:
    """The whole årsredovisning of a stored year (what ``reconcile`` checks and the publication shows)."""
    stored = printed(s, row)
    if stored is not None:
        return from_plain(row.year, json.loads(stored.content))
    rr, br, kf = statements(s, row)
    doc = Arsredovisning(row.year, rr=rr, br=br, kf=kf, decided_on=row.adopted_on)
    doc.notes = _notes(s, row, kontoplan(s, row))
    for note in doc.notes:  # a statement line refers only to a note that is there
        (rr if note.statement_line.startswith("rr_") else br).notes[note.statement_line] = note.number
    doc.five_year = five_year(s, row.year)
    doc.balanskrav = Balanskrav(row.year, arets_resultat=rr.value(row.year, "rr_arets_resultat"))
    return doc


def _notes(s: Session, row: ArYearRow, kp: Kontoplan) -> list[Note]:
    ib, ub, res = balances(s, row)
    names = account_names(s, row)
    previous = s.scalar(select(ArYearRow).where(ArYearRow.year == row.year - 1))
    prev_res = balances(s, previous)[2] if previous is not None and printed(s, previous) is None else {}
    out = []
    for _number, title, line, sign, sie_sign in NOTES:
        table = res if line.startswith("rr_") else ub
        lines = []
        for konto in sorted(set(table) | (set(prev_res) if line.startswith("rr_") else set())):
            if kp.line_of(konto) != line:
                continue
            figures = {}
            if konto in table:
                figures[row.year] = sie_sign * table[konto]
            if line.startswith("rr_") and konto in prev_res:
                figures[row.year - 1] = sie_sign * prev_res[konto]
            elif line.startswith("br_") and konto in ib:
                figures[row.year - 1] = sie_sign * ib[konto]
            lines.append(NoteLine(f"{konto} {names.get(konto, '')}".strip(), figures))
        if lines:  # numbered in order of the notes that are there: no gap where a note has no accounts
            out.append(Note(str(len(out) + 1), title, lines, statement_line=line, sign=sign))
    return out


def five_year(s: Session, year: int) -> FiveYearOverview:
    """The five-year overview computed from each stored year's own statements (up to ``year``)."""
    years: dict[int, tuple[Statement, Statement]] = {}
    anstallda: dict[int, Decimal] = {}
    rows = s.scalars(select(ArYearRow).where(ArYearRow.year <= year, ArYearRow.year > year - 5))
    for r in rows:
        try:
            rr, br, _kf = statements(s, r)
        except ValidationError:
            continue
        years[r.year] = (rr, br)
        if r.anstallda_hundradelar is not None:
            anstallda[r.year] = Decimal(r.anstallda_hundradelar) / 100
    return FiveYearOverview.from_statements(years, anstallda)


def interim_statements(s: Session, row: ArYearRow, per: date) -> tuple[Statement, Statement, Statement]:
    """RR, BR, kassaflödesanalys per the end of ``per``'s month from the monthly movements (no comparison year)."""
    ib, _ub, _res = balances(s, row)
    moved = month_movements(s, row)
    kp = kontoplan(s, row)
    if not moved:
        raise ValidationError(f"bokföringen för {row.year} saknar månadsrörelser; importera årets SIE-fil.")
    at_ub = dict(ib)
    at_res: dict[str, Decimal] = {}
    for konto, months in moved.items():
        amount = sum((v for m, v in months.items() if m <= per.month), ZERO)
        if konto[:1] in ("1", "2"):
            at_ub[konto] = at_ub.get(konto, ZERO) + amount
        elif kp.line_of(konto) != EXCLUDED:
            at_res[konto] = amount
    nonzero = {k: v for k, v in at_ub.items() if v}
    return build_statements(row.year, kp, ib, nonzero, {k: v for k, v in at_res.items() if v})
