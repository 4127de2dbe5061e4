"""A note in kronor prints whole kronor like the statements beside it; a tkr note keeps its one decimal."""

from decimal import Decimal as D

from finsam_desktop.domain.arsredovisning.figures import Unit
from finsam_desktop.domain.arsredovisning.noter import Note, NoteLine
from finsam_desktop.domain.arsredovisning.statements import Kind
from finsam_desktop.reports.arsredovisning.tables import note_table

NBSP = "\u00a0"


def _cells(note: Note) -> list[tuple[str, ...]]:
    return [tuple(row.cells) for row in note_table(note, Kind.RR).rows]


def test_a_kronor_note_with_ore_in_the_books_prints_whole_kronor():
    note = Note("2", "Verksamhetens kostnader", [NoteLine("4610 Köp av insatser", {2025: D("678331.04")})])
    assert _cells(note) == [("4610 Köp av insatser", f"678{NBSP}331"), ("Summa", f"678{NBSP}331")]


def test_a_tkr_note_keeps_its_decimal():
    lines = [NoteLine("Fordringar", {2021: D("1440.3")}), NoteLine("Övrigt", {2021: D(12)})]
    note = Note("3", "Fordringar", lines, unit=Unit.TKR)
    assert _cells(note)[-1] == ("Summa", f"1{NBSP}452,3")
