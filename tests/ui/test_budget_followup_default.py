"""The Budget tab after importing utfall for January–April (issue 14 point 5): it opens per 30 April, compares with
the periodised budget (linear or the line's profile, set in the budget pane and undoable) and shows no red −65 %;
the import asks for the file's sign convention, and the latest import can be undone from the tab."""

from __future__ import annotations

from datetime import date
from decimal import Decimal as D

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QUndoGroup
from PySide6.QtWidgets import QDialog, QMessageBox

from finsam_desktop.domain.budget.lines import Line, LineClass, Section, SectionKind
from finsam_desktop.domain.budget.periodisation import parse_profile
from finsam_desktop.domain.budget.utfall_batches import SignConvention
from finsam_desktop.ui.budget import budget_controller, create_tab, files_controller
from finsam_desktop.ui.budget.import_dialogs import PeriodisationDialog, SignDialog
from finsam_desktop.ui.budget.models import RED
from finsam_desktop.ui.context import UiContext
from finsam_desktop.ui.events import AppEvents
from finsam_desktop.ui.widgets.table_model import ROW_ROLE

EXPORT_JAN_APR = (
    "sep=;\n"
    "Kostnadsställe;Konto;Period;Belopp\n"
    + "".join(f"100;3010;2026-{m:02d};-200 000,00\n" for m in (1, 2, 3, 4))
    + "".join(f"110;7010;2026-{m:02d};{100_000 + m * 500},00\n" for m in (1, 2, 3, 4))
    + "110;5010;2026-01;30 000,00\n110;5010;2026-04;30 000,00\n"
    + "110;7690;2026-02;9 500,00\n110;7690;2026-04;10 250,00\n"
    + "Summa;;;-571 750,00\n"
)


@pytest.fixture
def budget(services):
    bs = services.budget
    bid = bs.versions.create_budget(2026, with_template=False).info.id
    inc = bs.lines.save_section(bid, Section(0, "Medlemsavgifter", SectionKind.INTAKT, 1))
    adm = bs.lines.save_section(
        bid, Section(0, "Kansli och administration", SectionKind.KOSTNAD, 2, LineClass.ADMINISTRATION)
    )
    bs.lines.save_line(bid, Line(0, inc.id, "INT", "Medlemsavgifter", None, None, 1, D(2_400_000)))
    bs.lines.save_line(bid, Line(0, adm.id, "LON", "Personal", None, None, 2, D(1_200_000)))
    bs.lines.save_line(bid, Line(0, adm.id, "LOK", "Lokalhyra", None, None, 3, D(120_000)))
    bs.lines.save_line(bid, Line(0, adm.id, "ARV", "Arvoden", None, None, 4, D(50_000)))
    bs.utfall.save_mapping("standard", {"3010": "INT", "7010": "LON", "5010": "LOK", "7690": "ARV"})
    return bid


@pytest.fixture
def make_tab(qtbot, services, monkeypatch):
    monkeypatch.setattr(QMessageBox, "information", lambda *a, **k: QMessageBox.StandardButton.Ok)
    monkeypatch.setattr(QMessageBox, "warning", lambda *a, **k: QMessageBox.StandardButton.Ok)

    def make():
        widget = create_tab(UiContext(services, AppEvents(), QUndoGroup()))
        qtbot.addWidget(widget)
        widget.resize(1280, 800)
        return widget

    return make


def _rows(tab) -> dict[str, tuple]:
    m = tab.followup_pane.followup_model
    out = {}
    for r in range(m.rowCount()):
        row = m.data(m.index(r, 0), ROW_ROLE)
        out[row.kod or row.namn] = (row, [m.data(m.index(r, c)) for c in range(m.columnCount())])
    return out


def _red_cells(tab) -> list[str]:
    m = tab.followup_pane.followup_model
    return [
        f"{m.data(m.index(r, 0))} / {m.headerData(c, Qt.Orientation.Horizontal)}"
        for r in range(m.rowCount())
        for c in range(m.columnCount())
        if (brush := m.data(m.index(r, c), Qt.ItemDataRole.ForegroundRole)) is not None and brush.color() == RED
    ]


def test_without_imported_utfall_the_view_keeps_its_default(budget, make_tab, services):
    tab = make_tab()
    assert tab.per.currentData() == date(2026, 12, 31)
    assert services.budget.followup.default_per(2026) == date(2026, 12, 31)


def test_after_a_january_to_april_import_the_view_is_per_30_april_against_the_periodised_budget(
    budget, make_tab, services
):
    bs = services.budget
    bs.periodisation.set_profile(2026, "LOK", "kvartal i förskott")
    bs.periodisation.set_profile(2026, "ARV", "månader: 2, 4, 6, 9, 11")
    bs.utfall.import_utfall(EXPORT_JAN_APR.encode("cp1252"), "huvudbok.csv", sign=SignConvention.BAS)
    tab = make_tab()
    # On main: per 2026-12-31, compared with the whole year's budget: −65 % in red on every line.
    assert tab.per.currentData() == date(2026, 4, 30)
    assert tab.per.currentText() == "2026-04-30 (utfall t.o.m.)"
    m = tab.followup_pane.followup_model
    headers = [m.headerData(i, Qt.Orientation.Horizontal).replace("\n", " ") for i in range(4)]
    assert headers == ["Rad", "Budget 2026", "Periodiserad budget per 2026-04-30", "Utfall per 2026-04-30"]
    rows = _rows(tab)
    assert rows["LOK"][1][1:6] == ["120 000", "60 000", "60 000", "0", "0,0 %"]
    assert rows["ARV"][1][2] == "20 000" and rows["ARV"][1][5] == "−1,3 %"
    assert rows["INT"][1][2:4] == ["800 000", "800 000"]  # BAS-signed income read as positive
    assert rows["Summa kostnader"][1][5] == "1,0 %"  # 484 750 against 480 000
    assert _red_cells(tab) == []
    lok = rows["LOK"][0]
    assert "Kvartalsvis i förskott" in m.data(m.index(list(rows).index("LOK"), 2), Qt.ItemDataRole.ToolTipRole)
    assert lok.periodiserad == D(60_000)
    # The CLI listing and the exports default to the same date.
    assert bs.followup.followup_view(2026).per == date(2026, 4, 30)
    assert bs.exports.export_pdf(2026)[:4] == b"%PDF"


def test_periodisation_is_edited_in_the_budget_pane_and_undoable(budget, make_tab, services, monkeypatch):
    services.budget.utfall.import_utfall(EXPORT_JAN_APR.encode(), "huvudbok.csv", sign="bas")
    tab = make_tab()
    assert _rows(tab)["LOK"][1][2] == "40 000"  # linear until a profile is chosen

    class FakeDialog:
        def __init__(self, namn, kod, current, parent=None):
            assert (namn, kod, current) == ("Lokalhyra", "LOK", parse_profile("jämnt"))
            self.value = parse_profile("kvartal i förskott")

        def exec(self):
            return QDialog.DialogCode.Accepted

    monkeypatch.setattr(budget_controller, "PeriodisationDialog", FakeDialog)
    lm = tab.budget_pane.lines_model
    row = next(r for r in range(lm.rowCount()) if lm.data(lm.index(r, 0)) == "LOK")
    tab.budget_pane.lines_table.setCurrentIndex(lm.index(row, 0))
    tab.budget_ctl.on_periodisation()
    assert _rows(tab)["LOK"][1][2] == "60 000"
    lm = tab.budget_pane.lines_model
    headers = [lm.headerData(c, Qt.Orientation.Horizontal) for c in range(lm.columnCount())]
    col = headers.index("Periodisering")
    assert lm.data(lm.index(row, col)) == "Kvartalsvis i förskott (jan, apr, jul, okt)"
    tab.undo_stack.undo()
    assert _rows(tab)["LOK"][1][2] == "40 000"
    assert tab.budget_pane.periodise_btn.accessibleName()


def test_dialogs_have_accessible_controls_and_validate(qtbot, monkeypatch):
    dlg = PeriodisationDialog("Arvoden", "ARV", parse_profile("månader: 2, 4, 6, 9, 11"))
    qtbot.addWidget(dlg)
    assert dlg.kind.accessibleName() and dlg.values.accessibleName()
    assert dlg.values.text() == "2, 4, 6, 9, 11" and "apr 40 %" in dlg.preview.text()
    assert dlg.collect() == parse_profile("månader: 2, 4, 6, 9, 11")
    sign = SignDialog("huvudbok.csv", SignConvention.BAS)
    qtbot.addWidget(sign)
    assert sign.bas.isChecked() and sign.bas.accessibleName() and sign.budget.accessibleName()
    sign.budget.setChecked(True)
    assert sign.collect() is SignConvention.BUDGET


def test_import_asks_the_sign_and_the_latest_import_is_undone_from_the_tab(
    budget, make_tab, services, qtbot, tmp_path, monkeypatch
):
    f = tmp_path / "huvudbok.csv"
    f.write_bytes(EXPORT_JAN_APR.encode("utf-8-sig"))
    tab = make_tab()

    class FakeSign:
        def __init__(self, filename, current, parent=None):
            assert filename == "huvudbok.csv" and current is SignConvention.BUDGET
            self.value = SignConvention.BAS

        def exec(self):
            return QDialog.DialogCode.Accepted

    monkeypatch.setattr(files_controller, "SignDialog", FakeSign)
    results = []
    tab.files_ctl.import_file(f, results.append)
    qtbot.waitUntil(lambda: bool(results), timeout=10_000)
    assert results[0].warnings == () and results[0].sign == "bas"
    assert tab.per.currentData() == date(2026, 4, 30)
    assert tab.undo_import_btn.isEnabled() and tab.undo_import_btn.accessibleName()
    text = tab.files_ctl.on_undo_import(confirm=False)
    assert text.startswith("Ångrade importen av huvudbok.csv")
    assert services.budget.utfall.imported_months(2026) == []
    assert tab.per.currentData() == date(2026, 12, 31)


def test_a_follow_up_saved_for_a_later_date_does_not_hide_the_months_the_books_have(demo_services):
    """The demo has follow-ups per 31 March, 30 June and 30 September. With utfall for January–April only (the
    import undone and a Jan–Apr file read), the view opens per 30 April — not per 30 September, where every line
    would be a third behind — and the month chart's utfall stops where the books stop."""
    bs = demo_services.budget
    while bs.utfall.last_import(2026) is not None:  # the demo's 2026 books to date, then the ekonomisystem's file
        bs.utfall.undo_last_import(2026)
    lines = ["sep=;", "Konto;Kostnadsställe;Period;Belopp"]
    lines += [f"3010;;2026-{m:02d};-400 000,00" for m in (1, 2, 3, 4)]
    lines += [f"7010;;2026-{m:02d};15 000,00" for m in (1, 2, 3, 4)]
    bs.utfall.import_utfall("\r\n".join(lines).encode("cp1252"), "jan-apr.csv", sign="bas")
    assert max(f.per for f in bs.followup.list_followups(2026)) == date(2026, 9, 30)
    assert bs.followup.default_per(2026) == date(2026, 4, 30)
    view = bs.followup.followup_view(2026)
    assert view.per == date(2026, 4, 30)
    assert [p.month for p in view.months if p.utfall_cum is not None] == [1, 2, 3, 4]
