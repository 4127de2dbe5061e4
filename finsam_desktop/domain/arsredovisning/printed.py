"""A printed årsredovisning entered as plain data (JSON-ready), and the ``Arsredovisning`` it stands for.

An old report is entered figure by figure as printed, so that the reconciliation can say what in it does not add
up. The plain form (what ``ar_printed.content`` stores) is::

    {"decided": "2022-03-17",
     "rr": {"2021": {"rr_intakter": "14 531 739", ...}, "2020": {...}}, "rr_labels": {...}, "rr_notes": {...},
     "br": {...}, "br_notes": {...}, "kf": {...},
     "drift": {"unit": "tkr", "convention": "by_nature", "rows": [["huvudman", "Intäkter Huvudman", {...}], ...]},
     "notes": [{"number": "2", "title": "...", "statement_line": "rr_intakter", "unit": "kr", "sign": 1,
                "rows": [["Driftbidrag från staten", {"2021": "5 086 000", ...}, "staten"], ...],
                "summa": {"2021": "14 531 739", ...}}],
     "five_year": {"2021": {"intakter": "...", ...}}, "balanskrav": {"adjustments": {}, "stated": null}}

Every part is optional. Unknown keys, line codes and columns are refused with a Swedish message naming them.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from decimal import Decimal

from finsam_desktop.domain.arsredovisning.document import Arsredovisning
from finsam_desktop.domain.arsredovisning.drift import DriftClass, Driftredovisning, NettoConvention
from finsam_desktop.domain.arsredovisning.figures import Unit, parse_printed
from finsam_desktop.domain.arsredovisning.noter import IncomeSource, Note
from finsam_desktop.domain.arsredovisning.overview import Balanskrav, FiveYearOverview
from finsam_desktop.domain.arsredovisning.statements import Kind, Statement
from finsam_desktop.domain.common.errors import ValidationError

KEYS = frozenset(
    ("decided", "rr", "rr_labels", "rr_notes", "br", "br_labels", "br_notes", "kf", "kf_labels")
    + ("drift", "notes", "five_year", "balanskrav", "anstallda")
)
WHERE = "Tryckt årsredovisning"


def _years(table: Mapping, what: str) -> dict[int, dict]:
    out = {}
    for year, row in (table or {}).items():
        if not str(year).isdigit():
            raise ValidationError(f"{what}: ”{year}” är inget år.", WHERE)
        out[int(year)] = dict(row)
    return dict(sorted(out.items(), reverse=True))  # the newest year first, as printed


def _statement(kind: Kind, data: Mapping) -> Statement:
    key = kind.value
    try:
        return Statement.from_printed(
            kind, _years(data.get(key, {}), kind.label), data.get(f"{key}_labels"), data.get(f"{key}_notes")
        )
    except KeyError as exc:
        raise ValidationError(f"{kind.label}: ”{exc.args[0]}” är ingen rad i {kind.label.lower()}en.", WHERE) from None


def _drift(year: int, data: Mapping | None) -> Driftredovisning | None:
    if not data:
        return None
    try:
        rows = [(DriftClass(k), label, dict(cells)) for k, label, cells in data.get("rows", [])]
        return Driftredovisning.from_printed(
            year,
            rows,
            unit=Unit(data.get("unit", "kr")),
            convention=NettoConvention(data.get("convention", NettoConvention.RESULT.value)),
        )
    except (KeyError, ValueError) as exc:
        raise ValidationError(f"Driftredovisningen: {exc}", WHERE) from None


def _note(data: Mapping) -> Note:
    rows = []
    for row in data.get("rows", []):
        label, figures = row[0], {int(y): t for y, t in sorted(dict(row[1]).items(), reverse=True)}
        try:
            source = (IncomeSource(row[2]),) if len(row) > 2 and row[2] else ()
        except ValueError:
            raise ValidationError(f"Not {data.get('number')}: ”{row[2]}” är ingen intäktskälla.", WHERE) from None
        rows.append((label, figures, *source))
    summa = {int(y): t for y, t in sorted(dict(data.get("summa") or {}).items(), reverse=True)}
    return Note.from_printed(
        str(data.get("number", "")),
        str(data.get("title", "")),
        rows,
        summa,
        statement_line=data.get("statement_line"),
        unit=Unit(data.get("unit", "kr")),
        sign=int(data.get("sign", 1)),
    )


def from_plain(year: int, data: Mapping) -> Arsredovisning:
    """The årsredovisning of ``year`` from its plain form (see the module docstring)."""
    unknown = set(data) - KEYS
    if unknown:
        raise ValidationError(f"okända delar: {', '.join(sorted(unknown))}.", WHERE)
    decided = data.get("decided")
    try:
        decided_on = date.fromisoformat(decided) if decided else None
    except ValueError:
        raise ValidationError(f"beslutsdatumet ”{decided}” ska skrivas ÅÅÅÅ-MM-DD.", WHERE) from None
    five = data.get("five_year")
    try:
        five_year = FiveYearOverview.from_printed(_years(five, "Översikten")) if five else None
    except KeyError as exc:
        raise ValidationError(f"Översikten: {exc.args[0]}.", WHERE) from None
    krav = data.get("balanskrav")
    balanskrav = None
    if krav is not None:
        stated = parse_printed(krav.get("stated"))
        balanskrav = Balanskrav(
            year,
            adjustments={k: Decimal(str(v)) for k, v in dict(krav.get("adjustments") or {}).items()},
            stated_result=stated if isinstance(stated, Decimal) else None,
        )
    return Arsredovisning(
        year,
        rr=_statement(Kind.RR, data),
        br=_statement(Kind.BR, data),
        kf=_statement(Kind.KF, data),
        decided_on=decided_on,
        drift=_drift(year, data.get("drift")),
        notes=[_note(n) for n in data.get("notes", [])],
        five_year=five_year,
        balanskrav=balanskrav,
    )
