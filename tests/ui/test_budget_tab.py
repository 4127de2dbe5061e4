"""The Budget tab on the demo förbund: models pass qtmodeltester, the off-budget filter, undoable
follow-up edits, the import from the tab and read-only mode."""

from __future__ import annotations

from datetime import date as date_
from decimal import Decimal as D

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QUndoGroup
from PySide6.QtWidgets import QDialog, QLabel, QMessageBox

from finsam_desktop.domain.budget.followup import RowKind
from finsam_desktop.domain.budget.lines import LineFollowup
from finsam_desktop.domain.budget.utfall_batches import SignConvention
from finsam_desktop.services.workspace import open_workspace
from finsam_desktop.ui.budget import budget_controller, create_tab, followup_controller, insatser_controller
from finsam_desktop.ui.context import UiContext
from finsam_desktop.ui.events import AppEvents
from finsam_desktop.ui.widgets.table_model import ROW_ROLE


@pytest.fixture
def tab(qtbot, demo_services, monkeypatch):
    monkeypatch.setattr(QMessageBox, "information", lambda *a, **k: QMessageBox.StandardButton.Ok)
    monkeypatch.setattr(QMessageBox, "warning", lambda *a, **k: QMessageBox.StandardButton.Ok)
    ctx = UiContext(demo_services, AppEvents(), QUndoGroup())
    widget = create_tab(ctx)
    qtbot.addWidget(widget)
    widget.year.setValue(2026)
    widget.resize(1400, 900)
    return widget


def test_models_pass_qtmodeltester(tab, qtmodeltester):
    for model in (
        tab.followup_pane.followup_model,
        tab.followup_pane.followup_proxy,
        tab.budget_pane.lines_model,
        tab.insatser_pane.insats_model,
        tab.insatser_pane.insats_proxy,
        tab.insatser_pane.payment_model,
        tab.contributions_pane.contrib_model,
    ):
        assert model.rowCount() > 0
        qtmodeltester.check(model)
    tab.followup_pane.only_off.setChecked(True)
    qtmodeltester.check(tab.followup_pane.followup_proxy)


def test_followup_view_shows_the_seed_columns_and_totals(tab):
    m = tab.followup_pane.followup_model
    headers = [m.headerData(i, Qt.Orientation.Horizontal).replace("\n", " ") for i in range(m.columnCount())]
    # Long headings stand on two lines, so the amounts' columns need not be as wide as their headings.
    assert m.headerData(2, Qt.Orientation.Horizontal) == "Periodiserad budget\nper 2026-10-31"
    assert headers[:4] == ["Rad", "Budget 2026", "Periodiserad budget per 2026-10-31", "Utfall per 2026-10-31"]
    assert "Avvikelse kr" in headers and "% förbrukat" in headers
    names = [m.data(m.index(r, 0)) for r in range(m.rowCount())]
    assert "Summa kostnader" in names and "Årets resultat" in names
    row = names.index("Summa individinriktade insatser")
    assert m.data(m.index(row, 1)) == "4 523 549"
    assert "Individinriktade insatser: 70,7 %" in tab.followup_pane.summary.text()


def test_off_budget_filter_keeps_only_deviating_lines(tab):
    total = tab.followup_pane.followup_proxy.rowCount()
    tab.followup_pane.only_off.setChecked(True)
    shown = [
        tab.followup_pane.followup_proxy.data(tab.followup_pane.followup_proxy.index(r, 0), ROW_ROLE)
        for r in range(tab.followup_pane.followup_proxy.rowCount())
    ]
    assert 0 < len(shown) < total
    lines = [r for r in shown if r.is_figure_row]
    assert lines and all(r.off_budget for r in lines)
    assert "Psykolog i Arbetsmarknadstorget" in {r.namn for r in lines}
    assert "Förbundschef (köpt tjänst från Ådalens kommun)" not in {r.namn for r in lines}
    tab.followup_pane.only_off.setChecked(False)
    assert tab.followup_pane.followup_proxy.rowCount() == total


def test_follow_up_edit_is_undoable(tab, monkeypatch, demo_services):
    class FakeDialog:
        def __init__(self, namn, entry, *a, **k):
            self.value = LineFollowup(entry.kod, helar=D(1_100_000), helar_comment="Ny lokal från juni")

        def exec(self):
            return QDialog.DialogCode.Accepted

    monkeypatch.setattr(followup_controller, "FollowupEntryDialog", FakeDialog)
    q3 = date_(2026, 9, 30)  # the saved follow-up (the default per is the end of the last imported month)
    tab.select_per(q3)
    m = tab.followup_pane.followup_model
    row = next(
        r for r in range(m.rowCount()) if m.data(m.index(r, 0)) == "Förbundschef (köpt tjänst från Ådalens kommun)"
    )
    tab.followup_pane.followup_table.setCurrentIndex(tab.followup_pane.followup_proxy.mapFromSource(m.index(row, 0)))
    before = demo_services.budget.followup.followup_view(2026, q3).result.resultat.helar
    tab.followup_ctl.on_edit_entry()
    after = demo_services.budget.followup.followup_view(2026, q3).result.resultat.helar
    assert after == before - D(140_000)
    assert tab.undo_stack.canUndo()
    tab.undo_stack.undo()
    assert demo_services.budget.followup.followup_view(2026, q3).result.resultat.helar == before
    tab.undo_stack.redo()
    assert demo_services.budget.followup.followup_view(2026, q3).result.resultat.helar == after


def test_adopted_budget_disables_line_editing(tab):
    assert tab.state.doc.info.locked
    assert not tab.budget_pane.add_line_btn.isEnabled() and not tab.budget_pane.del_line_btn.isEnabled()
    assert tab.budget_pane.revise_btn.isEnabled()


def test_import_from_the_tab_runs_in_background(tab, qtbot, tmp_path, demo_services):
    f = tmp_path / "nov.csv"
    f.write_text("Konto;Period;Belopp\n7020;2026-11;80 000\n", encoding="utf-8")
    results = []
    tab.files_ctl.import_file(f, results.append, sign=SignConvention.BUDGET)
    qtbot.waitUntil(lambda: bool(results), timeout=10_000)
    assert results[0].months == (11,)
    assert 11 in demo_services.budget.utfall.imported_months(2026)


def test_read_only_mode_disables_editing(qtbot, demo_workspace):
    path = demo_workspace.path
    demo_workspace.close()
    ws = open_workspace(path, read_only=True)
    try:
        widget = create_tab(UiContext(ws.services, AppEvents(), QUndoGroup()))
        qtbot.addWidget(widget)
        widget.year.setValue(2026)
        assert not widget.import_btn.isEnabled() and not widget.followup_pane.edit_entry_btn.isEnabled()
        assert not widget.insatser_pane.paid_btn.isEnabled() and widget.xlsx_btn.isEnabled()
    finally:
        ws.close()


def test_charts_paint(tab, tmp_path):
    for chart in (tab.followup_pane.group_chart, tab.followup_pane.month_chart):
        chart.resize(520, 300)
        img = chart.grab().toImage()
        assert not img.isNull()
        colors = {img.pixelColor(x, y).name() for x in range(0, 520, 7) for y in range(0, 300, 7)}
        assert "#1f4e79" in colors  # the utfall series is drawn
    assert [k for k in tab.followup_pane.visible_kinds() if k is RowKind.RESULT]


def test_stated_totals_from_a_document_are_flagged_and_undoable(tab, monkeypatch):
    from finsam_desktop.domain.budget.lines import Measure, Scope, StatedTotal

    class FakeDialog:
        def __init__(self, scopes, measures, existing, parent=None):
            assert ("Summa kostnader", Scope.KOSTNADER, None) in scopes
            assert [m for m, _ in measures] == [Measure.BUDGET, Measure.PROGNOS, Measure.UTFALL]
            self.value = [StatedTotal(Scope.KOSTNADER, Measure.UTFALL, D(4_400_000))]

        def exec(self):
            return QDialog.DialogCode.Accepted

    monkeypatch.setattr(budget_controller, "StatedTotalsDialog", FakeDialog)
    tab.select_per(date_(2026, 9, 30))  # the saved follow-up
    assert tab.followup_pane.stated_fu_btn.isEnabled()
    tab.budget_ctl.on_stated(followup=True)
    assert (
        "dokumentet anger 4 400 000 kr men raderna summerar till 4 482 544,91 kr" in tab.followup_pane.warnings.text()
    )
    tab.undo_stack.undo()
    assert tab.followup_pane.warnings.text() == ""


def test_lowest_party_sets_the_binding_level(tab):
    tab.contributions_pane.offer_state.setText("4 000 000")
    tab.contributions_pane.offer_region.setText("1 732 500")
    tab.contributions_pane.offer_kommun.setText("2 000 000")
    tab.settings_ctl.on_binding()
    assert tab.contributions_pane.state_amount.text() == "3 465 000"
    amounts = [
        tab.contributions_pane.contrib_model.data(tab.contributions_pane.contrib_model.index(r, 2))
        for r in range(tab.contributions_pane.contrib_model.rowCount())
    ]
    assert amounts == ["3 465 000 kr", "1 732 500 kr", "762 300 kr", "467 775 kr", "502 425 kr"]


def test_empty_file_shows_how_to_start(qtbot, services):
    widget = create_tab(UiContext(services, AppEvents(), QUndoGroup()))
    qtbot.addWidget(widget)
    assert "Det finns ingen budget för" in widget.status.text()
    assert widget.followup_pane.followup_model.rowCount() == 0
    assert widget.budget_pane.new_budget_btn.isEnabled() and not widget.budget_pane.add_line_btn.isEnabled()


def test_a_new_budget_gets_sections_and_lines_with_undo(qtbot, services, monkeypatch):
    from finsam_desktop.domain.budget.lines import Line, LineClass, Section, SectionKind

    widget = create_tab(UiContext(services, AppEvents(), QUndoGroup()))
    qtbot.addWidget(widget)
    monkeypatch.setattr(
        budget_controller.QInputDialog, "getItem", lambda *a, **k: ("Tom mall med medlemsavgifter", True)
    )
    widget.budget_ctl.on_new_budget()
    assert widget.state.doc is not None and widget.budget_pane.add_section_btn.isEnabled()

    class FakeSection:
        def __init__(self, *a, **k):
            self.value = Section(0, "Operativa insatser", SectionKind.KOSTNAD, 0, LineClass.INDIVIDINRIKTAD)

        def exec(self):
            return QDialog.DialogCode.Accepted

    monkeypatch.setattr(budget_controller, "SectionDialog", FakeSection)
    widget.budget_ctl.on_add_section()
    section = next(s for s in widget.state.doc.sections if s.namn == "Operativa insatser")

    class FakeLine:
        def __init__(self, line, *a, **k):
            self.value = Line(0, section.id, line.kod, "MIA Vidare", None, None, 0, D(800_000))

        def exec(self):
            return QDialog.DialogCode.Accepted

    monkeypatch.setattr(budget_controller, "LineDialog", FakeLine)
    widget.budget_ctl.on_add_line()
    assert widget.state.doc.totals.kostnader[0] == D(800_000)
    widget.undo_stack.undo()
    assert widget.state.doc.totals.kostnader[0] == 0
    widget.undo_stack.redo()
    assert widget.state.doc.totals.kostnader[0] == D(800_000)
    widget.undo_stack.undo()
    widget.undo_stack.undo()
    assert all(s.namn != "Operativa insatser" for s in widget.state.doc.sections)


class _Accept:
    """A dialog stand-in that is accepted with a fixed value."""

    value = None

    def __init__(self, *_args, **_kwargs):
        """Takes whatever the real dialog is built with."""

    def exec(self):
        return QDialog.DialogCode.Accepted


def _dialog(value):
    return type("FakeDialog", (_Accept,), {"value": value})


@pytest.fixture
def warnings(monkeypatch):
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _parent, _title, text, *a, **k: shown.append(text))
    return shown


def test_new_followup_is_undoable_and_an_undo_after_entries_is_refused(tab, monkeypatch, demo_services, warnings):
    from datetime import date

    bs = demo_services.budget
    before = [f.per for f in bs.followup.list_followups(2026)]
    monkeypatch.setattr(followup_controller, "DateDialog", _dialog(date(2026, 10, 31)))
    tab.followup_ctl.on_new_followup()
    fu = next(f for f in bs.followup.list_followups(2026) if f.per == date(2026, 10, 31))
    assert tab.per.currentData() == date(2026, 10, 31) and tab.state.view_data.followup.id == fu.id
    tab.undo_stack.undo()
    assert [f.per for f in bs.followup.list_followups(2026)] == before
    tab.undo_stack.redo()
    assert fu in bs.followup.list_followups(2026)
    bs.followup.save_followup_entry(fu.id, LineFollowup("ADM1", prognos=D(1_000_000)))  # entered elsewhere meanwhile
    tab.undo_stack.undo()
    assert warnings and "Uppföljningen per 2026-10-31 har fått uppgifter" in warnings[-1]
    assert fu in bs.followup.list_followups(2026) and bs.followup.followup_entry(fu.id, "ADM1").prognos == D(1_000_000)
    assert tab.undo_stack.count() == 0


def test_new_insats_and_grant_are_undoable(tab, monkeypatch, demo_services, warnings):
    from finsam_desktop.services.budget.dto import Insats

    bs = demo_services.budget
    monkeypatch.setattr(
        insatser_controller, "InsatsDialog", _dialog(Insats(0, "Stegvis till arbete", "Norrviks kommun"))
    )
    tab.insatser_ctl.on_edit_insats(True)
    ins = next(i for i in bs.insatser.list_insatser() if i.namn == "Stegvis till arbete")
    row = next(
        r
        for r in range(tab.insatser_pane.insats_proxy.rowCount())
        if tab.insatser_pane.insats_proxy.data(tab.insatser_pane.insats_proxy.index(r, 0), ROW_ROLE).id == ins.id
    )
    tab.insatser_pane.insats_table.setCurrentIndex(tab.insatser_pane.insats_proxy.index(row, 0))
    monkeypatch.setattr(
        insatser_controller,
        "GrantDialog",
        _dialog({"year": 2026, "amount": D(450_000), "beslut_text": "§ 80, 2026-10-16"}),
    )
    tab.insatser_ctl.on_grant()
    grant = bs.insatser.get_insats(ins.id).grants[0]
    assert grant.amount == D(450_000) and len(grant.payments) == 2
    assert any(r.payment.grant_id == grant.id for r in tab.insatser_pane.payment_model.rows)
    tab.undo_stack.undo()
    assert bs.insatser.get_insats(ins.id).grants == ()
    assert not any(r.payment.grant_id == grant.id for r in tab.insatser_pane.payment_model.rows)
    tab.undo_stack.undo()
    assert all(i.namn != "Stegvis till arbete" for i in bs.insatser.list_insatser())
    tab.undo_stack.redo()
    tab.undo_stack.redo()
    assert bs.insatser.get_insats(ins.id).grants == (grant,)
    bs.grants.set_grant_dates(grant.id, date_(2026, 11, 2), None)  # the avtal was signed meanwhile
    tab.undo_stack.undo()
    assert "har fått avtal, redovisning eller utbetalning" in warnings[-1]
    tab.undo_stack.undo()
    assert "har fått beviljade medel" in warnings[-1]
    assert bs.insatser.get_insats(ins.id).grants[0].avtal_on == date_(2026, 11, 2)
    assert not warnings[:-2]


def test_revised_budget_is_undoable_and_adopting_it_is_not(tab, monkeypatch, demo_services, warnings):
    from datetime import date

    bs = demo_services.budget
    adopted = tab.state.doc.info
    monkeypatch.setattr(
        budget_controller.QInputDialog, "getText", lambda *a, **k: ("Höjd statlig medelstilldelning", True)
    )
    tab.budget_ctl.on_revise()
    rev = max(bs.versions.list_budgets(2026), key=lambda b: b.version)
    assert rev.previous_id == adopted.id and rev.version == adopted.version + 1
    tab.undo_stack.undo()
    assert [b.id for b in bs.versions.list_budgets(2026)] == [adopted.id]
    tab.undo_stack.redo()
    assert bs.versions.budget(rev.id).info == rev
    tab.budget_pane.version.setCurrentIndex(tab.budget_pane.version.findData(rev.id))
    assert tab.state.doc.info.id == rev.id
    monkeypatch.setattr(budget_controller, "AdoptDialog", _dialog((date(2026, 11, 27), None, "§ 140, 2026-11-27")))
    tab.budget_ctl.on_adopt()
    assert bs.versions.budget(rev.id).info.locked
    assert tab.undo_stack.canUndo()  # earlier history is kept
    tab.undo_stack.undo()
    assert "fastställandet kan inte ångras" in warnings[-1]
    assert bs.versions.budget(rev.id).info.locked and len(bs.versions.list_budgets(2026)) == 2


def test_adopt_dialog_says_it_cannot_be_undone(qtbot):
    from finsam_desktop.ui.budget.dialogs import AdoptDialog

    dlg = AdoptDialog([])
    qtbot.addWidget(dlg)
    texts = " ".join(lab.text() for lab in dlg.findChildren(QLabel))
    assert "kan inte ångras" in texts


def test_two_line_headings_stand_whole_over_the_followup(tab, qtbot):
    """Qt elides a heading with a line break as if it were one line ("Utfall per\n202…"): where the table has
    room, such headings are not elided and their columns are as wide as the headings."""
    tab.resize(1280, 800)
    tab.show()
    view = tab.followup_pane.followup_table
    qtbot.waitUntil(lambda: view.horizontalHeader().textElideMode() == Qt.TextElideMode.ElideNone)
    model, header = view.model(), view.horizontalHeader()
    for column in (2, 3, 7):
        text = model.headerData(column, Qt.Orientation.Horizontal)
        widest = max(header.fontMetrics().horizontalAdvance(line) for line in text.split("\n"))
        assert "\n" in text and header.sectionSize(column) > widest, (text, header.sectionSize(column))
    # The row names, the table's subject, get the room the headings no longer take.
    assert header.sectionSize(0) >= 250
