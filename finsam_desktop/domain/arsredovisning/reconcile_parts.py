"""Reconciliation of the parts around the statements: noter, driftredovisning, five-year overview.

Called by ``reconcile.reconcile`` (which documents every rule); each function adds ``Flag``s to a ``FlagList``.
"""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING

from finsam_desktop.domain.arsredovisning.drift import DriftClass, DriftRow
from finsam_desktop.domain.arsredovisning.figures import Flag, FlagList, Unit, Unreadable, fmt
from finsam_desktop.domain.arsredovisning.statements import KIND_OF, LINE_BY_CODE, Kind

if TYPE_CHECKING:
    from finsam_desktop.domain.arsredovisning.document import Arsredovisning
    from finsam_desktop.domain.arsredovisning.noter import Note

_TKR = Decimal(1000)


def _amount(value: Decimal, unit: Unit) -> str:
    return f"{fmt(value * unit.factor, unit)} {unit.value}"


def _agrees(table_value: Decimal, kr_value: Decimal, unit: Unit, rounded: int = 1) -> bool:
    """A figure of a table in ``unit`` against a kronor figure: to the krona, or within the rounding of the
    ``rounded`` tkr figures it was added from."""
    diff = abs(table_value * unit.factor - kr_value)
    return diff == 0 if unit is Unit.KR else diff < _TKR * max(rounded, 1)


def _period(note: Note, year: int) -> str:
    return f"{year}-12-31" if note.statement_line and KIND_OF[note.statement_line] is Kind.BR else str(year)


def check_notes(doc: Arsredovisning, flags: FlagList) -> None:
    for note in doc.notes:
        for year in note.years:
            _check_note_year(doc, note, year, flags)


def _check_note_year(doc: Arsredovisning, note: Note, year: int, flags: FlagList) -> None:
    unit, period = note.unit, _period(note, year)
    for index, line in enumerate(note.lines):
        bad = line.figures.get(year)
        if isinstance(bad, Unreadable):
            implied = note.implied(year, index)
            at = f"{note.where} {period} {line.label}"
            hint = f"; Summa förutsätter {_amount(implied, unit)}" if implied is not None else ""
            flags.add(Flag("oläsligt", at, bad.text, implied, None, f"{at}: ”{bad.text}” är inget belopp{hint}."))
    at = f"{note.where} {period} Summa"
    stated, computed = note.stated_sum.get(year), note.computed_sum(year)
    if isinstance(stated, Decimal) and isinstance(computed, Decimal) and stated != computed:
        flags.add(
            Flag(
                "not_summa",
                at,
                stated,
                computed,
                stated - computed,
                f"{at}: tryckt {_amount(stated, unit)}, men notens rader ger {_amount(computed, unit)}; "
                f"skillnad {_amount(stated - computed, unit)}.",
                unit,
            )
        )
    total = note.total(year)
    if note.statement_line is None or total is None:
        return
    stmt = doc.statement(KIND_OF[note.statement_line])
    line_value = stmt.value(year, note.statement_line)
    if line_value is None or _agrees(note.sign * total, line_value, unit):
        return
    label = stmt.labels.get(note.statement_line, LINE_BY_CODE[note.statement_line].label)
    expected = note.sign * line_value / unit.factor
    flags.add(
        Flag(
            "not",
            at,
            total,
            expected,
            total - expected,
            f"{at}: {_amount(total, unit)}, men {stmt.kind.short} {period} {label} är "
            f"{fmt(abs(line_value))} kr; skillnad {_amount(total - expected, unit)}.",
            unit,
        )
    )


def _row_at(year: int, row: DriftRow, column: str) -> str:
    return f"Driftredovisning {year} {row.label} {column}"


def check_drift(doc: Arsredovisning, flags: FlagList) -> None:
    drift = doc.drift
    if drift is None:
        return
    unit, year = drift.unit, drift.year
    for row in drift.rows:
        for name in ("intakt", "kostnad", "netto", "budget", "avvikelse", "fg_intakt", "fg_kostnad", "fg_netto"):
            bad = getattr(row, name)
            if isinstance(bad, Unreadable):
                at = _row_at(year if not name.startswith("fg_") else year - 1, row, name.removeprefix("fg_"))
                flags.add(Flag("oläsligt", at, bad.text, None, None, f"{at}: ”{bad.text}” är inget belopp.", unit))
        for previous, printed in ((False, row.netto), (True, row.fg_netto)):
            computed = drift.computed_netto(row, previous)
            if isinstance(printed, Decimal) and computed is not None and printed != computed:
                at = _row_at(year - 1 if previous else year, row, "Netto")
                flags.add(
                    Flag(
                        "drift_netto",
                        at,
                        printed,
                        computed,
                        printed - computed,
                        f"{at}: {_amount(printed, unit)}, men intäkt och kostnad ger {_amount(computed, unit)}.",
                        unit,
                    )
                )
        computed = drift.computed_avvikelse(row)
        if isinstance(row.avvikelse, Decimal) and computed is not None and row.avvikelse != computed:
            at = _row_at(year, row, "Avvikelse")
            why = (
                "har omvänt tecken mot tabellens övriga rader (utfall − budget)"
                if row.avvikelse == -computed
                else "stämmer inte med utfall − budget som på tabellens övriga rader"
            )
            flags.add(
                Flag(
                    "drift_avvikelse",
                    at,
                    row.avvikelse,
                    computed,
                    row.avvikelse - computed,
                    f"{at}: {_amount(row.avvikelse, unit)} {why}: {fmt(drift.netto(row) * unit.factor, unit)} − "
                    f"{fmt(row.budget * unit.factor, unit)} = {_amount(computed, unit)}.",
                    unit,
                )
            )
    _check_drift_totals(doc, flags)


def _check_drift_totals(doc: Arsredovisning, flags: FlagList) -> None:
    drift, rr = doc.drift, doc.rr
    unit = drift.unit
    checks = []
    for prefix, year in (("", drift.year), ("fg_", drift.year - 1)):
        intakter = rr.value(year, "rr_intakter")
        kostnader = rr.value(year, "rr_kostnader")
        if kostnader is not None:
            kostnader = -(kostnader + (rr.value(year, "rr_avskrivningar") or Decimal(0)))
        checks.append((prefix + "intakt", year, "Intäkt", intakter, "verksamhetens intäkter i resultaträkningen"))
        checks.append((prefix + "kostnad", year, "Kostnad", kostnader, "verksamhetens kostnader i resultaträkningen"))
    for column, year, label, expected, source in checks:
        total = drift.total(column)
        if total is None or expected is None or _agrees(total, expected, unit, drift.filled(column)):
            continue
        at = f"Driftredovisning {year} Summa {label.lower()}"
        flags.add(
            Flag(
                "drift_rr",
                at,
                total,
                expected / unit.factor,
                total - expected / unit.factor,
                f"{at}: raderna ger {_amount(total, unit)}, men {source} är {fmt(expected)} kr; "
                f"skillnad {_amount(total - expected / unit.factor, unit)}.",
                unit,
            )
        )
    income_note = next((n for n in doc.notes if n.statement_line == "rr_intakter"), None)
    if income_note is None:
        return
    huvudman = [r for r in drift.rows if r.klass is DriftClass.HUVUDMAN]
    for column, year in (("intakt", drift.year), ("fg_intakt", drift.year - 1)):
        total = drift.class_total(DriftClass.HUVUDMAN, column)
        bidrag = income_note.source_total(year)
        if total is None or bidrag is None or not huvudman:
            continue
        bidrag_kr = bidrag * income_note.unit.factor
        if _agrees(total, bidrag_kr, unit, len(huvudman)):
            continue
        at = _row_at(year, huvudman[0], "Intäkt")
        flags.add(
            Flag(
                "drift_huvudman",
                at,
                total,
                bidrag_kr / unit.factor,
                total - bidrag_kr / unit.factor,
                f"{at}: {_amount(total, unit)}, men driftbidragen från staten och medlemmarna i {income_note.where} "
                f"är {fmt(bidrag_kr)} kr; skillnad {_amount(total - bidrag_kr / unit.factor, unit)}.",
                unit,
            )
        )


def check_five_year(doc: Arsredovisning, flags: FlagList) -> None:
    overview = doc.five_year
    if overview is None:
        return
    for year in overview.figures:
        for name, stmt, code in (
            ("intakter", doc.rr, "rr_intakter"),
            ("kostnader", doc.rr, "rr_kostnader"),
            ("eget_kapital", doc.br, "br_eget_kapital"),
        ):
            stated, actual = overview.get(year, name), stmt.value(year, code)
            if stated is None or actual is None or year not in stmt.years or stated == actual:
                continue
            at = f"Femårsöversikt {year} {LINE_BY_CODE[code].label}"
            flags.add(
                Flag(
                    "femår",
                    at,
                    stated,
                    actual,
                    stated - actual,
                    f"{at}: {fmt(stated)} kr, men {stmt.kind.label.lower()} {year} anger {fmt(actual)} kr; "
                    f"skillnad {fmt(stated - actual)} kr.",
                )
            )
