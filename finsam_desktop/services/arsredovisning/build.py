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
from finsam_desktop.services.arsredovisning import drift_books
from finsam_desktop.services.arsredovisning.rows import (
    ZERO,
    account_names,
    balances,
    kontoplan,
    month_movements,
    printed,
)

#: Noter of accounts built from the books: (title, statement line, sign of the figures as printed, SIE sign).
ACCOUNT_NOTES = {
    "br_fordringar": ("Fordringar", 1, 1),
    "br_kortfristiga": ("Kortfristiga skulder", 1, -1),
}
#: The notes in the order they are numbered (Not 1 is Redovisningsprinciper, added by the publication).
NOTE_ORDER = ("rr_intakter", "rr_kostnader", "br_fordringar", "br_eget_kapital", "br_kortfristiga")
FIRST_NOTE = 2


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
    previous = _previous_books(s, row)
    previous_ib = previous_res = None
    if previous is not None:
        previous_ib, _, previous_res = balances(s, previous)
    return build_statements(row.year, kontoplan(s, row), ib, ub, res, previous_res or None, previous_ib or None)


def report(s: Session, row: ArYearRow) -> Arsredovisning:
    """The whole årsredovisning of a stored year (what ``reconcile`` checks and the publication shows)."""
    stored = printed(s, row)
    if stored is not None:
        return from_plain(row.year, json.loads(stored.content))
    rr, br, kf = statements(s, row)
    doc = Arsredovisning(row.year, rr=rr, br=br, kf=kf, decided_on=row.adopted_on)
    kp, previous = kontoplan(s, row), _previous_books(s, row)
    doc.drift = drift_books.driftredovisning(s, row, kp, previous)
    doc.notes = _notes(s, row, kp, previous, rr, br)
    for note in doc.notes:  # a statement line refers only to a note that is there
        (rr if note.statement_line.startswith("rr_") else br).notes[note.statement_line] = note.number
    doc.five_year = five_year(s, row.year)
    doc.balanskrav = Balanskrav(row.year, arets_resultat=rr.value(row.year, "rr_arets_resultat"))
    return doc


def _previous_books(s: Session, row: ArYearRow) -> ArYearRow | None:
    """The year before when it is stored as books (not as a printed report)."""
    previous = s.scalar(select(ArYearRow).where(ArYearRow.year == row.year - 1))
    return previous if previous is not None and printed(s, previous) is None else None


def _notes(
    s: Session, row: ArYearRow, kp: Kontoplan, previous: ArYearRow | None, rr: Statement, br: Statement
) -> list[Note]:
    """Intäkter by source, kostnader per kostnadsställe, fordringar, eget kapital, kortfristiga skulder — each
    only when it has lines, numbered in that order from ``FIRST_NOTE`` without gaps."""
    built: dict[str, tuple[str, list[NoteLine], int, str]] = {
        "rr_intakter": ("Verksamhetens intäkter", drift_books.income_note_lines(s, row, previous, kp), 1, "Summa"),
        "rr_kostnader": ("Verksamhetens kostnader", drift_books.cost_note_lines(s, row, previous, kp), -1, "Summa"),
        "br_eget_kapital": ("Eget kapital", _equity_lines(row.year, rr, br), 1, "Utgående eget kapital"),
    }
    ib, ub, _res = balances(s, row)
    names = account_names(s, row)
    for line, (title, sign, sie_sign) in ACCOUNT_NOTES.items():
        lines = []
        for konto in sorted(ub):
            if kp.line_of(konto) != line:
                continue
            figures = {row.year: sie_sign * ub[konto]}
            if konto in ib:
                figures[row.year - 1] = sie_sign * ib[konto]
            lines.append(NoteLine(f"{konto} {names.get(konto, '')}".strip(), figures))
        built[line] = (title, lines, sign, "Summa")
    out = []
    for line in NOTE_ORDER:
        title, lines, sign, sum_label = built[line]
        if any(ln.figures for ln in lines):
            number = str(FIRST_NOTE + len(out))
            out.append(Note(number, title, lines, statement_line=line, sign=sign, sum_label=sum_label))
    return out


def _equity_lines(year: int, rr: Statement, br: Statement) -> list[NoteLine]:
    """Ingående eget kapital and årets resultat per year; their Summa is the utgående eget kapital."""
    opening: dict[int, Decimal] = {}
    result: dict[int, Decimal] = {}
    for y in (year, year - 1):
        closing, arets = br.value(y, "br_eget_kapital"), rr.value(y, "rr_arets_resultat")
        if closing is None or arets is None:
            continue
        opening[y], result[y] = closing - arets, arets
    return [NoteLine("Ingående eget kapital", opening), NoteLine("Årets resultat", result)]


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
