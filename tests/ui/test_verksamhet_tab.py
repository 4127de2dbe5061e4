"""The Verksamhet tab on the demo förbund (issue 16): the year's insatser with their delprojekt nested, an edit saved
and undone, the FTE warning mark, goals shown "målvärde (utfall)", a measurement recorded from counts, the deltagare
import (a refused file saves nothing and says why in Swedish, a good one shows its rows) and the masking setting."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QUndoGroup
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractSpinBox,
    QFileDialog,
    QListView,
    QListWidget,
    QMessageBox,
    QScrollBar,
    QTabBar,
    QWidget,
)

from finsam_desktop.ui.context import UiContext
from finsam_desktop.ui.events import AppEvents
from finsam_desktop.ui.verksamhet import create_tab, deltagare_page, goals_page, insatser_page
from finsam_desktop.ui.verksamhet.models import WARN_MARK

TEAM = "Myndighetsgemensamt team"
IPS = "IPS – arbetslivsinriktad rehabilitering"


@pytest.fixture
def messages(monkeypatch):
    shown: list[tuple[str, str, str]] = []
    for kind in ("information", "warning"):
        monkeypatch.setattr(
            QMessageBox, kind, lambda _p, title, text, *a, _k=kind, **k: shown.append((_k, title, text))
        )
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    return shown


@pytest.fixture
def tab(qtbot, demo_services, messages):
    widget = create_tab(UiContext(demo_services, AppEvents(), QUndoGroup()))
    qtbot.addWidget(widget)
    widget.resize(1280, 800)
    return widget


def _tree(tab) -> list[tuple[int, str]]:
    return [(depth, i.namn) for depth, i in tab.insatser.rows()]


def _select(tab, namn: str) -> None:
    insats = next(i for _d, i in tab.insatser.rows() if i.namn == namn)
    tab.insatser.select(insats.id)


def _insats_cell(tab, namn: str, col: int):
    insats = next(i for _d, i in tab.insatser.rows() if i.namn == namn)
    return tab.insatser.index_of(insats.id).siblingAtColumn(col)


def _cell(model, row: int, col: int) -> str:
    return model.index(row, col).data()


def test_the_years_insatser_are_listed_with_delprojekt_under_their_insats(tab):
    assert tab.year() == 2026
    tree = _tree(tab)
    team = tree.index((0, TEAM))
    assert tree[team + 1 : team + 3] == [(1, "Finsamlots (Case Manager)"), (1, "Supported Employment-handledning")]
    assert (0, IPS) in tree and (0, "Psykolog i Arbetsmarknadstorget") in tree
    # The team's row: type, status, beviljat this year and the FTE sum of its staffing rows.
    model = tab.insatser.model
    row = [_insats_cell(tab, TEAM, c).data() for c in range(model.columnCount())]
    assert row[1:3] == ["Individinriktad", "Pågående"] and row[5] == "1 600 000 kr" and row[6] == "1,50"
    assert model.headerData(5, Qt.Orientation.Horizontal) == "Beviljat 2026"
    _select(tab, TEAM)
    details = tab.insatser.details.toPlainText()
    assert "Syfte" in details and "Teamledare" in details and "Finsamlots (Case Manager)" in details
    # An earlier year shows only what ran then: the team (since 2023), not the IPS insats (2026 only).
    tab.year_box.setCurrentIndex(tab.year_box.findData(2024))
    names = [n for _d, n in _tree(tab)]
    assert TEAM in names and IPS not in names
    assert all(w.accessibleName() for w in (tab.year_box, tab.tabs, tab.insatser.view, tab.insatser.edit_btn))


def test_editing_an_insats_saves_and_undo_restores(tab, demo_services, monkeypatch):
    _select(tab, IPS)
    before = tab.insatser.current()

    def fill(dlg) -> int:
        dlg.syfte.setPlainText("Nytt syfte med **fetstil**.")
        dlg.status.setCurrentIndex(dlg.status.findText("Implementering"))
        dlg.personal.add_row(("Arbetsterapeut", "Region Mellanland", "1", "50", ""))
        dlg.accept()
        return dlg.result()

    monkeypatch.setattr(insatser_page.InsatsDialog, "exec", fill)
    tab.insatser.edit_btn.click()
    saved = demo_services.verksamhet.insatser.get(before.id)
    assert saved.syfte == "Nytt syfte med **fetstil**." and saved.status.label == "Implementering"
    assert saved.fte == Decimal("2.75")
    # The stated total (2,25) no longer matches: the FTE cell is marked and says why.
    cell = _insats_cell(tab, IPS, 6)
    assert cell.data() == f"{WARN_MARK} 2,75" and "angiven summa 2,25" in cell.data(Qt.ItemDataRole.ToolTipRole)
    tab.undo_stack.undo()
    restored = demo_services.verksamhet.insatser.get(before.id)
    assert (restored.syfte, restored.status, restored.personal) == (before.syfte, before.status, before.personal)
    assert _insats_cell(tab, IPS, 6).data() == "2,25"
    tab.undo_stack.redo()
    assert demo_services.verksamhet.insatser.get(before.id).syfte == "Nytt syfte med **fetstil**."


def test_a_bad_value_in_the_form_is_shown_and_nothing_is_saved(tab, demo_services, monkeypatch):
    _select(tab, IPS)
    before = demo_services.verksamhet.insatser.get(tab.insatser.current().id)
    errors = []

    def fill(dlg) -> int:
        dlg.syfte.setPlainText("Öppnad **fetstil")
        dlg.accept()
        errors.append(dlg.error.text())
        return dlg.result()

    monkeypatch.setattr(insatser_page.InsatsDialog, "exec", fill)
    tab.insatser.edit_btn.click()
    assert errors[0].startswith("Syfte: fetstil (**) öppnas men stängs inte")
    assert demo_services.verksamhet.insatser.get(before.id) == before
    assert tab.undo_stack.count() == 0


def _goal_rows(tab) -> dict[str, str]:
    m = tab.goals.model
    return {f"{_cell(m, r, 0)} | {_cell(m, r, 1)}": _cell(m, r, 3) for r in range(m.rowCount())}


def test_goals_show_target_and_actual_and_a_measurement_from_counts(tab, demo_services, monkeypatch):
    rows = _goal_rows(tab)
    assert rows["Förbundet | Personer som erbjuds insatser"] == "≥ 240 (190)"
    assert rows[f"{TEAM} | Fler deltagare avslutas till studier eller arbete"] == "≥ 30 (26,9) %"
    # A new goal from a standard indicator for the IPS insats, then its first measurement from counts.
    _select(tab, IPS)

    def new_goal(dlg) -> int:
        dlg.indicator.setCurrentIndex(dlg.indicator.findText("Fler deltagare avslutas till studier eller arbete"))
        dlg.target.setText("35")
        dlg.accept()
        return dlg.result()

    monkeypatch.setattr(goals_page.GoalDialog, "exec", new_goal)
    tab.goals.new_btn.click()
    key = f"{IPS} | Fler deltagare avslutas till studier eller arbete"
    assert _goal_rows(tab)[key] == "≥ 35 (–) %"
    row = list(_goal_rows(tab)).index(key)
    tab.goals.view.selectRow(row)

    def measure(dlg) -> int:
        dlg.per.set_value(date(2026, 10, 31))
        dlg.taljare.setText("4")
        dlg.namnare.setText("9")
        assert dlg.computed.text() == "44,4 %"
        dlg.accept()
        return dlg.result()

    monkeypatch.setattr(goals_page.MeasurementDialog, "exec", measure)
    tab.goals.measure_btn.click()
    assert _goal_rows(tab)[key] == "≥ 35 (44,4) %"
    assert not tab.goals.flags.isVisibleTo(tab)
    # Undo removes the measurement (the date had none), then the new goal.
    tab.undo_stack.undo()
    assert _goal_rows(tab)[key] == "≥ 35 (–) %"
    tab.undo_stack.undo()
    assert key not in _goal_rows(tab)


def test_a_measurement_that_replaces_one_is_undone_to_the_old_value_and_redone(tab, demo_services, monkeypatch):
    key = "Förbundet | Personer som erbjuds insatser"
    assert _goal_rows(tab)[key] == "≥ 240 (190)"  # measured 2026-09-30
    tab.goals.view.selectRow(list(_goal_rows(tab)).index(key))
    goal = tab.goals.current().goal

    def measure(dlg) -> int:
        dlg.per.set_value(date(2026, 9, 30))
        dlg.varde.setText("205")
        dlg.accept()
        return dlg.result()

    monkeypatch.setattr(goals_page.MeasurementDialog, "exec", measure)
    tab.goals.measure_btn.click()
    assert _goal_rows(tab)[key] == "≥ 240 (205)"
    assert tab.undo_stack.undoText().startswith("Utfall Personer som erbjuds insatser per 2026-09-30")
    tab.undo_stack.undo()
    assert _goal_rows(tab)[key] == "≥ 240 (190)"
    assert [m.varde for m in demo_services.verksamhet.uppfoljning.measurements(goal.id)] == [
        Decimal(62),
        Decimal(121),
        Decimal(190),
    ]
    tab.undo_stack.redo()
    assert _goal_rows(tab)[key] == "≥ 240 (205)"


def test_a_stated_percentage_that_does_not_match_its_counts_is_flagged(tab, monkeypatch):
    key = f"{TEAM} | Deltagare som gjort en stegförflyttning"
    tab.goals.view.selectRow(list(_goal_rows(tab)).index(key))

    def measure(dlg) -> int:
        dlg.per.set_value(date(2026, 10, 31))
        dlg.taljare.setText("21")
        dlg.namnare.setText("58")
        dlg.varde.setText("40")  # 21 of 58 is 36,2 %
        dlg.accept()
        return dlg.result()

    monkeypatch.setattr(goals_page.MeasurementDialog, "exec", measure)
    tab.goals.measure_btn.click()
    row = list(_goal_rows(tab)).index(key)
    assert "stämmer inte med antalen 21 av 58" in _cell(tab.goals.model, row, 7)
    assert "(= 36,2 %)" in tab.goals.flags.text()


def _stat_rows(tab):
    return tab.deltagare.model.rows


def test_deltagare_statistics_per_month_with_year_totals(tab, demo_services):
    rows = _stat_rows(tab)
    team = [r for r in rows if r.insats == TEAM]
    months = [r.period for r in team if not r.total]
    assert months == [f"2026-{m:02d}" for m in range(1, 11)]  # to the last complete month before 18 November
    total = next(r for r in team if r.total)
    assert total.inskrivna == sum(r.inskrivna for r in team if not r.total)
    assert total.inskrivna == total.kvinnor + total.man + total.annat
    grand = rows[-1]
    assert grand.total and grand.insats == "" and grand.inskrivna == sum(r.inskrivna for r in rows if r.total) // 2
    # The two years before have statistics too (each month of the year); earlier years keep the årsredovisning's
    # typed flows.
    last_year = demo_services.verksamhet.deltagare.periods(year=2025)
    assert {p.period.month for p in last_year if p.insats == TEAM} == set(range(1, 13))
    assert demo_services.verksamhet.deltagare.periods(year=2024)
    assert demo_services.verksamhet.deltagare.periods(year=2023) == []


GOOD = (
    "Insats;Period;Inskrivna;Pågående;Avslutade;Kvinnor;Män;Annat kön;Avslut arbete\r\n"
    f"{IPS};2026-11;3;20;1;2;1;0;1\r\n"
    f"{TEAM};2026-11;5;41;2;3;2;0;2\r\n"
)


def _import(tab, tmp_path, monkeypatch, text: str, name: str = "sus.csv"):
    path = tmp_path / name
    path.write_bytes(text.encode("cp1252"))
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(path), ""))
    previews = []

    def run(dlg) -> int:
        previews.append(dlg.mapping.toPlainText())
        dlg.accept()
        return dlg.result()

    monkeypatch.setattr(deltagare_page.DeltagareImportDialog, "exec", run)
    tab.deltagare.import_btn.click()
    return previews


def test_importing_a_bad_file_shows_the_swedish_message_and_saves_nothing(
    tab, demo_services, tmp_path, monkeypatch, messages
):
    before = demo_services.verksamhet.deltagare.periods()
    bad = GOOD.replace(f"{TEAM};2026-11;5", f"{TEAM};2026-11;fem")
    previews = _import(tab, tmp_path, monkeypatch, bad)
    assert "Inskrivna ← ”Inskrivna”" in previews[0]
    kind, title, text = messages[-1]
    assert (kind, title) == ("warning", "Filen importerades inte")
    assert "Rad 3, kolumn ”Inskrivna”: ”fem” är inget antal" in text and "inget har sparats" in text
    assert demo_services.verksamhet.deltagare.periods() == before  # not even the good first row


def test_importing_a_good_file_shows_its_rows(tab, demo_services, tmp_path, monkeypatch, messages):
    previews = _import(tab, tmp_path, monkeypatch, GOOD)
    assert "Avslut arbete ← ”Avslut arbete”" in previews[0]
    assert messages[-1][:2] == ("information", "Deltagarstatistik importerad")
    assert messages[-1][2].startswith("2 rader (insats och månad) för 2 insatser lästes in ur sus.csv.")
    november = [r for r in _stat_rows(tab) if r.period == "2026-11"]
    assert {(r.insats, r.inskrivna, r.avslut) for r in november} == {(IPS, 3, "Arbete 1"), (TEAM, 5, "Arbete 2")}


def test_the_masking_checkbox_persists(tab, demo_services, qtbot):
    box = tab.deltagare.masking
    assert box.text() == "&Visa 1–4 som <5 i publicerade rapporter" and box.accessibleName()
    assert box.isChecked() and demo_services.verksamhet.deltagare.masking_enabled()
    box.click()
    assert not demo_services.verksamhet.deltagare.masking_enabled()
    again = create_tab(UiContext(demo_services, AppEvents(), QUndoGroup()))
    qtbot.addWidget(again)
    assert not again.deltagare.masking.isChecked()


def test_a_stated_fte_total_that_does_not_match_is_marked(tab, demo_services):
    svc = demo_services.verksamhet.insatser
    ips = next(i for i in svc.list_insatser(2026) if i.namn == IPS)
    svc.save(replace(ips, stated_fte=Decimal("3.00")))
    tab.reload()
    assert _insats_cell(tab, IPS, 6).data() == f"{WARN_MARK} 2,25"
    _select(tab, IPS)
    assert "angiven summa 3,00 årsarbetare, beräknad 2,25" in tab.insatser.details.toPlainText()


def _unnamed(root) -> list[str]:
    """Focusable controls without an accessible name (Qt's own parts of a combo box, spin box or tab bar aside)."""
    out = []
    for w in root.findChildren(QWidget):
        if w.focusPolicy() == Qt.FocusPolicy.NoFocus or isinstance(w, QTabBar | QScrollBar):
            continue
        if isinstance(w.parent(), QAbstractSpinBox) or (isinstance(w, QListView) and not isinstance(w, QListWidget)):
            continue
        if not (w.accessibleName() or (isinstance(w, QAbstractButton) and w.text())):
            out.append(f"{type(w).__name__} in {type(w.parent()).__name__}")
    return out


def test_every_control_has_a_swedish_accessible_name(tab, demo_services):
    up = demo_services.verksamhet.uppfoljning
    assert _unnamed(tab) == []
    assert _unnamed(insatser_page.InsatsDialog(tab.insatser.current(), [], lambda _i: None)) == []
    assert _unnamed(goals_page.GoalDialog(up.standard_indicators(), [], 2026, up.goal_from_indicator, print)) == []
    assert _unnamed(goals_page.MeasurementDialog(up.goals()[0], date(2026, 10, 31), print)) == []


def test_co_financing_typed_in_the_form_is_shown_in_the_years_financing(tab, demo_services, monkeypatch):
    _select(tab, TEAM)

    def fill(dlg) -> int:
        dlg.medfin.add_row(("2026", "ESF", "Projektmedel in ESF", "250 000"))
        dlg.accept()
        return dlg.result()

    monkeypatch.setattr(insatser_page.InsatsDialog, "exec", fill)
    tab.insatser.edit_btn.click()
    team = demo_services.verksamhet.insatser.get(tab.insatser.current().id)
    assert team.finansiering(2026).esf == Decimal(250000)
    text = tab.insatser.details.toPlainText()
    assert "ESF: 250 000 kr" in text and "Totalt: 1 850 000 kr" in text


def test_a_new_delprojekt_is_nested_and_undo_removes_it(tab, demo_services, monkeypatch):
    _select(tab, IPS)

    def fill(dlg) -> int:
        dlg.namn.setText("IPS i Sjöbacka")
        dlg.accept()
        return dlg.result()

    monkeypatch.setattr(insatser_page.InsatsDialog, "exec", fill)
    tab.insatser.sub_btn.click()
    tree = _tree(tab)
    assert tree[tree.index((0, IPS)) + 1] == (1, "IPS i Sjöbacka")
    tab.undo_stack.undo()
    assert (1, "IPS i Sjöbacka") not in _tree(tab)
    assert all(i.namn != "IPS i Sjöbacka" for i in demo_services.verksamhet.insatser.list_insatser())


def test_a_deleted_goal_comes_back_whole_so_earlier_steps_still_undo(tab, demo_services, monkeypatch, messages):
    key = "Förbundet | Personer som erbjuds insatser"
    tab.goals.view.selectRow(list(_goal_rows(tab)).index(key))
    goal = tab.goals.current().goal

    def measure(dlg) -> int:
        dlg.per.set_value(date(2026, 9, 30))
        dlg.varde.setText("205")
        dlg.accept()
        return dlg.result()

    monkeypatch.setattr(goals_page.MeasurementDialog, "exec", measure)
    tab.goals.measure_btn.click()
    monkeypatch.setattr(tab, "confirm", lambda *a: True)
    tab.goals.view.selectRow(list(_goal_rows(tab)).index(key))
    tab.goals.delete_btn.click()
    assert key not in _goal_rows(tab)
    tab.undo_stack.undo()  # the goal is back under its own id, in its place, with every value
    assert _goal_rows(tab)[key] == "≥ 240 (205)"
    assert list(_goal_rows(tab)).index(key) == 0
    assert demo_services.verksamhet.uppfoljning.goals(forbund_only=True)[0].id == goal.id
    tab.undo_stack.undo()  # the measurement before the deletion still undoes
    assert _goal_rows(tab)[key] == "≥ 240 (190)"
    assert not messages, messages
    tab.undo_stack.redo()
    tab.undo_stack.redo()
    assert key not in _goal_rows(tab)
