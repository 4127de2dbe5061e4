"""The plan's pure rules: the printed numbering of a template, and the typed budget table's checks on a table that
adds up (no flag) and on an opening equity that rolls forward from the prognos column, not the budget."""

from __future__ import annotations

from decimal import Decimal as D

from finsam_desktop.domain.verksamhet.plan import TEMPLATES, Template, numbering
from finsam_desktop.domain.verksamhet.plan_budget import BudgetColumn, ColumnKind, RowKind, TypedBudget, TypedRow, check


def test_numbering_of_the_seed000_outline():
    secs = [(d.key, d.level, d.bilaga, d.numbered) for d in TEMPLATES[Template.SEED000]]
    numbers = {n.key: n.number for n in numbering(secs)}
    assert numbers["forord"] == "" and numbers["bakgrund"] == "1" and numbers["andamal_individ"] == "3.2"
    assert numbers["individinsatser"] == "5.2" and numbers["budget"] == "7"
    assert (numbers["bilaga_arshjul"], numbers["bilaga_risk"]) == ("Bilaga 1", "Bilaga 2")


def _table(ek_2022: int) -> TypedBudget:
    cols = (
        BudgetColumn("Budget 2021", 2021),
        BudgetColumn("Prognos 2021", 2021, ColumnKind.PROGNOS),
        BudgetColumn("Budget 2022", 2022),
    )
    rows = (
        TypedRow(RowKind.INTAKT, "Medlemsavgifter", (D(6_930_000), D(6_930_000), D(6_930_000))),
        TypedRow(RowKind.INTAKT, "ESF-medel", (D(4_500_000), D(4_550_000), D(2_900_000))),
        TypedRow(RowKind.SUMMA_INTAKTER, "Summa intäkter", (D(11_430_000), D(11_480_000), D(9_830_000))),
        TypedRow(RowKind.EGET_KAPITAL, "Balanserat resultat årets början", (D(1_892_650), D(1_892_650), D(ek_2022))),
        TypedRow(RowKind.KOSTNAD, "Kostnader", (D(12_990_000), D(10_990_000), D(11_889_000))),
        TypedRow(RowKind.SUMMA_KOSTNADER, "Summa kostnader", (D(12_990_000), D(10_990_000), D(11_889_000))),
        TypedRow(RowKind.RESULTAT, "Årets resultat", (D(-1_560_000), D(490_000), D(-2_059_000))),
    )
    return TypedBudget(cols, rows)


def test_a_table_that_adds_up_has_no_flags_and_equity_rolls_from_the_prognos():
    assert check(_table(2_382_650)) == []  # 1 892 650 + 490 000 (prognos), not + −1 560 000 (budget)
    flags = check(_table(332_650))
    assert [(f.row, f.column, f.computed) for f in flags] == [
        ("Balanserat resultat årets början", "Budget 2022", D(2_382_650))
    ]
