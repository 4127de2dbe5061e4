"""The årsredovisning's tables as plain blocks: statements, driftredovisning, noter, five-year overview,
balanskrav, goals, deltagarflöden and the reconciliation flags.

Every figure comes from the domain objects as they compute it — a sum line is ``Statement.computed``, a note's
Summa ``Note.computed_sum``, the balanskravsresultat ``Balanskrav.computed_result`` — and is only formatted here
(Swedish digit groups, minus as "−"). A figure that could not be read is shown as it was typed; the flags page says
why.
"""

from __future__ import annotations

from decimal import Decimal

from finsam_desktop.domain.arsredovisning.drift import Driftredovisning, NettoConvention
from finsam_desktop.domain.arsredovisning.figures import Flag, Unit, Unreadable
from finsam_desktop.domain.arsredovisning.noter import Note
from finsam_desktop.domain.arsredovisning.overview import FIVE_YEAR_FIELDS, FiveYearOverview, GoalVerdict
from finsam_desktop.domain.arsredovisning.publication import FlowRow
from finsam_desktop.domain.arsredovisning.statements import LINES, Kind, Statement
from finsam_desktop.domain.common.money import NBSP, format_number
from finsam_desktop.reports.common.typst_blocks import Align, Column, Row, RowKind, Table

#: Heading rows inside the balansräkning (before the line code), as RKR and the seed group it.
BR_GROUPS = {"br_immateriella": "Tillgångar", "br_arets_resultat": "Eget kapital, avsättningar och skulder"}


def num(value: Decimal | Unreadable | None, decimals: int = 0) -> str:
    """Swedish digit groups joined by no-break spaces (a figure never wraps inside a cell), minus as "−"."""
    if value is None:
        return ""
    if isinstance(value, Unreadable):
        return value.text
    return format_number(value, decimals, sep=NBSP)


def _decimals(values) -> int:
    """One decimal when any figure of the table has one (tkr tables such as Not 3), else none."""
    return 1 if any(isinstance(v, Decimal) and v != v.to_integral_value() for v in values) else 0


def _label_column(unit: Unit) -> Column:
    return Column(f"Belopp i {unit.value}", width=1)


def year_label(kind: Kind, year: int, per_year: int, per_label: str | None) -> str:
    if year == per_year and per_label:
        return per_label
    return f"{year}-12-31" if kind is Kind.BR else str(year)


def statement_table(
    stmt: Statement,
    caption: str,
    per_label: str | None = None,
    prognos: Statement | None = None,
    keep_empty: bool = False,
) -> Table:
    """One statement with the current and the previous year (and a delårsrapport's prognos beside the current
    year). Sum lines show the computed sum; post lines empty in every year are left out unless ``keep_empty``."""
    years = sorted(stmt.years, reverse=True)[:2]
    has_notes = bool(stmt.notes)
    columns = [_label_column(stmt.unit)]
    if has_notes:
        columns.append(Column("Not"))
    cols: list[tuple[Statement, int]] = []
    for i, year in enumerate(years):
        columns.append(Column(year_label(stmt.kind, year, years[0], per_label), Align.RIGHT))
        cols.append((stmt, year))
        if i == 0 and prognos is not None:
            columns.append(Column(f"Prognos helår {year}", Align.RIGHT))
            cols.append((prognos, year))
    rows: list[Row] = []
    for line in LINES[stmt.kind]:
        values = [s.computed(y, line.code) if line.is_sum else s.printed(y, line.code) for s, y in cols]
        if stmt.kind is Kind.BR and line.code in BR_GROUPS:
            rows.append(Row((BR_GROUPS[line.code],), RowKind.GROUP))
        if all(v is None for v in values) and not keep_empty:
            continue
        cells = [stmt.label(line.code)]
        if has_notes:
            cells.append(stmt.notes.get(line.code, ""))
        cells += [num(v) for v in values]
        rows.append(Row(tuple(cells), RowKind.SUM if line.is_sum else RowKind.NORMAL))
    return Table(caption, tuple(columns), tuple(rows))


def drift_table(drift: Driftredovisning, caption: str) -> Table:
    """Utfall (intäkt, kostnad, netto), budget, avvikelse and the previous year per line class."""
    y, fg = drift.year, drift.year - 1
    columns = (  # figures as wide as they are (tkr, as the seed), the labels take the rest of the line
        Column(f"Belopp i {drift.unit.value}", width=1),
        *(
            Column(label, Align.RIGHT)
            for label in (
                f"Intäkt\n{y}",
                f"Kostnad\n{y}",
                f"Netto\n{y}",
                f"Budget\n{y}",
                "Avvikelse\nnetto",
                f"Intäkt\n{fg}",
                f"Kostnad\n{fg}",
                f"Netto\n{fg}",
            )
        ),
    )
    rows = []
    for row in drift.rows:
        avvikelse = drift.computed_avvikelse(row)
        fg_netto = drift.computed_netto(row, previous=True)
        values = (
            row.intakt,
            row.kostnad,
            drift.netto(row),
            row.budget,
            avvikelse if avvikelse is not None else row.avvikelse,
            row.fg_intakt,
            row.fg_kostnad,
            fg_netto if fg_netto is not None else row.fg_netto,
        )
        rows.append(Row((row.label, *(num(v) for v in values))))
    return Table(caption, columns, tuple(rows), small=True)


def drift_convention_text(drift: Driftredovisning) -> str:
    if drift.convention is NettoConvention.BY_NATURE:
        netto = "Netto är intäkt − kostnad på raden för huvudmännens intäkter och kostnad − intäkt på kostnadsraderna"
    else:
        netto = "Netto är intäkt − kostnad på varje rad (en nettokostnad är negativ)"
    return f"{netto}. Avvikelse = utfall − budget (netto). Belopp i {drift.unit.value}."


def note_table(note: Note, kind: Kind) -> Table:
    years = sorted(note.years, reverse=True)[:2]
    values = [line.figures.get(y) for line in note.lines for y in years]
    decimals = _decimals(values) if note.unit is not Unit.KR else 0  # kronor as whole kronor, like the statements
    columns = (
        _label_column(note.unit),
        *(Column(f"{y}-12-31" if kind is Kind.BR else str(y), Align.RIGHT) for y in years),
    )
    rows = [Row((line.label, *(num(line.figures.get(y), decimals) for y in years))) for line in note.lines]
    rows.append(Row((note.sum_label, *(num(note.computed_sum(y), decimals) for y in years)), RowKind.SUM))
    return Table("", columns, tuple(rows))


def five_year_table(overview: FiveYearOverview, caption: str) -> Table:
    years = sorted(overview.figures, reverse=True)[:5]
    columns = (Column("Belopp i kr", width=1), *(Column(str(y), Align.RIGHT) for y in years))
    rows = []
    for name, label in FIVE_YEAR_FIELDS.items():
        values = [overview.get(y, name) for y in years]
        if all(v is None for v in values):
            continue
        if name == "anstallda":
            cells = [_plain(v) for v in values]
        else:
            cells = [num(v) for v in values]
        rows.append(Row((label, *cells)))
    return Table(caption, columns, tuple(rows))


def _plain(value: Decimal | None) -> str:
    """Antal anställda as typed, with a decimal comma: 2,2 and 2,75."""
    if value is None:
        return ""
    exponent = value.normalize().as_tuple().exponent
    return format_number(value, max(0, -int(exponent)), sep=NBSP)


def balanskrav_table(arets_resultat: Decimal | None, adjustments: dict[str, Decimal], result, caption: str) -> Table:
    columns = (Column("Balanskravsutredning", width=1), Column("Belopp i kr", Align.RIGHT))
    rows = [Row(("Årets resultat enligt resultaträkningen", num(arets_resultat)))]
    rows += [Row((label, num(value))) for label, value in adjustments.items()]
    rows.append(Row(("Balanskravsresultat", num(result)), RowKind.SUM))
    return Table(caption, columns, tuple(rows))


def goals_table(goals: list[GoalVerdict], caption: str) -> Table:
    columns = (Column("Mål", width=1.2), Column("Utfall", width=1.2), Column("Bedömning"))
    verdict = {True: "Uppfyllt", False: "Inte uppfyllt", None: "Kan inte bedömas"}
    return Table(caption, columns, tuple(Row((g.goal, g.text, verdict[g.met])) for g in goals))


def flow_tables(flows: tuple[FlowRow, ...], year: int) -> list[Table]:
    """Deltagarflöden per insats (aggregates only) and, when given, avslut per avslutsanledning."""
    columns = (
        Column("Insats", width=1),
        Column("Inskrivna", Align.RIGHT),
        Column("Avslutade", Align.RIGHT),
        Column("Kvinnor", Align.RIGHT),
        Column("Män", Align.RIGHT),
        Column("Annat/okänt", Align.RIGHT),
    )
    rows = [Row((f.insats, *(str(n) for n in (f.inskrivna, f.avslutade, f.kvinnor, f.man, f.annat)))) for f in flows]
    total = [sum(getattr(f, name) for f in flows) for name in ("inskrivna", "avslutade", "kvinnor", "man", "annat")]
    rows.append(Row(("Totalt", *(str(n) for n in total)), RowKind.SUM))
    out = [Table(f"Deltagarflöden i finansierade insatser {year}", columns, tuple(rows))]
    reasons: dict[str, None] = {}
    for f in flows:
        reasons.update(dict.fromkeys(reason for reason, _ in f.avslut))
    if reasons:
        # A heading of several words on a line per word: the count columns are as wide as their longest word and
        # the insats names take the rest of the line.
        cols = (Column("Insats", width=1), *(Column(r.replace(" ", "\n"), Align.RIGHT) for r in reasons))
        avslut_rows = []
        for f in flows:
            counts = dict(f.avslut)
            avslut_rows.append(Row((f.insats, *(str(counts.get(r, 0)) for r in reasons))))
        caption = f"Avslutade deltagare per avslutsanledning {year}"
        out.append(Table(caption, cols, tuple(avslut_rows), small=len(reasons) > 4))
    return out


def flags_table(flags: tuple[Flag, ...]) -> Table:
    columns = (Column("Var", width=0.8), Column("Vad som inte stämmer", width=1.6), Column("Differens", Align.RIGHT))
    rows = []
    for flag in flags:
        diff = "" if flag.difference is None else f"{num(flag.difference)} {flag.unit.value}"
        rows.append(Row((flag.where, flag.text, diff)))
    return Table("", columns, tuple(rows))
