"""The Attest & delegation tab on the demo förbund: models pass qtmodeltester, draft rows are
editable with undo, adopted versions are locked, the check tool answers, the register warns."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from PySide6.QtGui import QUndoGroup

from finsam_desktop import clock
from finsam_desktop.domain.attest.delegation import DelegationRow, Limit, LimitKind
from finsam_desktop.domain.attest.rules import KIND_ATTEST, KIND_DELEGATION, AttestType
from finsam_desktop.domain.organisation.model import Role
from finsam_desktop.ui.attest import create_tab
from finsam_desktop.ui.attest.decision_dialog import DecisionDialog
from finsam_desktop.ui.attest.delegation_row_dialog import DelegationRowDialog
from finsam_desktop.ui.context import UiContext
from finsam_desktop.ui.events import AppEvents


@pytest.fixture
def tab(qtbot, demo_services):
    ctx = UiContext(demo_services, AppEvents(), QUndoGroup())
    widget = create_tab(ctx)
    qtbot.addWidget(widget)
    widget.resize(1200, 760)
    return widget


def _select_version(page, version_id):
    page.select_version(version_id)
    assert page.current_version().id == version_id


def test_models_pass_qtmodeltester(tab, qtmodeltester):
    assert tab.attest.versions.rowCount() == 3  # 2025, 2026 adopted, 2027 draft
    assert tab.delegation.rows.rowCount() == 6
    assert tab.register.model.rowCount() >= 8
    for model in (
        tab.attest.versions,
        tab.attest.rows,
        tab.delegation.versions,
        tab.delegation.rows,
        tab.register.model,
    ):
        qtmodeltester.check(model)
    assert "Gäller i dag" in tab.attest.in_force.text()


def test_adopted_version_is_locked_and_draft_rows_undo(tab, demo_services):
    page = tab.delegation
    att = demo_services.attest
    adopted = att.versions.version_in_force(KIND_DELEGATION, clock.today())
    _select_version(page, adopted.id)
    assert not page.buttons["add"].isEnabled() and not page.buttons["adopt"].isEnabled()
    assert page.buttons["copy"].isEnabled()

    page.controller.copy()
    draft = page.current_version()
    assert not draft.adopted and draft.valid_from.year == adopted.valid_from.year + 1
    assert page.buttons["add"].isEnabled()
    new = DelegationRow(
        0,
        0,
        "Beslut om sponsring av lokala evenemang",
        Role.FORBUNDSCHEF,
        limit=Limit(LimitKind.KRONOR, Decimal(10000)),
    )
    page.controller.actions.push("Lägg till rad", lambda: att.rows.save_delegation_row(draft.id, new), lambda: None)
    assert page.rows.rowCount() == 7
    old = page.rows.rows[0]
    page.row_view.selectRow(0)
    page.controller.remove_row()
    assert page.rows.rowCount() == 6
    tab.undo_stack.undo()
    assert page.rows.rowCount() == 7
    assert any(r.id == old.id and r.arende == old.arende for r in page.rows.rows)
    tab.undo_stack.redo()
    assert page.rows.rowCount() == 6
    tab.undo_stack.undo()
    tab.undo_stack.undo()
    tab.undo_stack.undo()  # the copy itself
    assert all(v.id != draft.id for v in att.versions.list_versions(KIND_DELEGATION))


def test_check_tool_answers_with_rule_and_version(tab):
    page = tab.check
    page.person.setCurrentText("Eva Forsberg")
    page.typ.setCurrentIndex(page.typ.findData(AttestType.BESLUTSATTEST))
    page.belopp.setText("1 840")
    page.datum.setText(f"{clock.today().year}-05-04")
    page.mottagare.setCurrentText("Eva Forsberg")
    page.controller.ask()
    assert "NEJ" in page.answer.text() and "sig själv" in page.answer.text()
    assert "Attest- och utanordningsinstruktion" in page.answer.text()
    page.person.setCurrentText("Anna Berglund")
    page.controller.ask()
    assert "JA" in page.answer.text()


def test_register_flags_decision_over_the_limit(tab, demo_services, qtbot):
    page = tab.register
    assert any("⚠" in page.model.data(page.model.index(r, 7)) for r in range(page.model.rowCount()))
    dlg = DecisionDialog(demo_services.attest, demo_services.forbund.list_persons(), None, page)
    qtbot.addWidget(dlg)
    year = clock.today().year
    dlg.datum.setText(f"{year}-05-10")
    dlg._rows_for(None)
    dlg.delegat.setCurrentText("Eva Forsberg")
    idx = next(i for i in range(dlg.row.count()) if "Direktupphandling" in dlg.row.itemText(i))
    dlg.row.setCurrentIndex(idx)
    dlg.arende.setText("Direktupphandling av filmproduktion")
    dlg.belopp.setText("60 000")
    assert "överstiger delegationens gräns 59 200 kr" in dlg.warnings.text()
    dlg.belopp.setText("50 000")
    assert "ryms i delegationsordningen" in dlg.warnings.text()


def test_prisbasbelopp_table(qtbot, qtmodeltester, demo_services):
    from finsam_desktop.ui.attest.prisbasbelopp_dialog import PrisbasbeloppDialog

    dlg = PrisbasbeloppDialog(demo_services.attest, read_only=False)
    qtbot.addWidget(dlg)
    qtmodeltester.check(dlg.model)
    assert dlg.model.rowCount() == 8 and dlg.model.data(dlg.model.index(4, 1)) == "52 500 kr"
    dlg.year.setValue(2027)
    dlg.amount.setText("60 600")
    dlg._save()
    assert demo_services.attest.rows.prisbasbelopp()[2027] == Decimal(60600)
    assert dlg.model.rowCount() == 9
    dlg.amount.setText("noll")
    dlg._save()
    assert "inte ett belopp" in dlg.error.text()


def test_kl_6_38_checklist_refuses(qtbot):
    dlg = DelegationRowDialog()
    qtbot.addWidget(dlg)
    dlg.arende.setText("Yttrande till fullmäktige om förbundsordningen")
    assert "38 §" in dlg.warning.text()
    dlg.kl["yttrande"].setChecked(True)
    dlg.accept()
    assert dlg.result_row is None and "får inte delegeras" in dlg.error.text()


def test_screenshot(tab, tmp_path):
    tab.tabs.setCurrentIndex(0)
    tab.grab().save(str(tmp_path / "attest.png"))
    assert (tmp_path / "attest.png").stat().st_size > 0
    assert tab.attest.buttons["sig_pdf"].isEnabled()
    assert KIND_ATTEST


def test_attest_row_dialog_round_trip(qtbot, demo_services):
    from finsam_desktop.domain.attest.rules import Party, PartyKind, ScopeKind
    from finsam_desktop.ui.attest.attest_row_dialog import AttestRowDialog

    att = demo_services.attest
    version = att.versions.version_in_force(KIND_ATTEST, date(clock.today().year, 6, 1))
    rows = att.rows.attest_rows(version.id)
    scoped = next(r for r in rows if r.scope_kind is ScopeKind.INSATS)
    external = next(r for r in rows if r.ordinarie and r.ordinarie.kind is PartyKind.EXTERNAL)
    for row in (rows[0], scoped, external):
        dlg = AttestRowDialog(demo_services.forbund.list_persons(), row)
        qtbot.addWidget(dlg)
        dlg.accept()
        assert dlg.result_row == row
    dlg = AttestRowDialog(demo_services.forbund.list_persons())
    qtbot.addWidget(dlg)
    dlg.benamning.setText("Konto 5800 resor")
    dlg.scope_kind.setCurrentIndex(dlg.scope_kind.findData(ScopeKind.KONTO))
    dlg.accept()
    assert dlg.result_row is None and "Omfattning" in dlg.error.text()
    dlg.scope_value.setText("5800")
    dlg.maxbelopp.setText("12 000")
    dlg.accept()
    assert dlg.result_row.scope_value == "5800" and dlg.result_row.maxbelopp == Decimal(12000)
    assert dlg.result_row.ordinarie == Party.of_role(Role.ORDFORANDE)


def test_read_only_disables_editing(qtbot, demo_workspace, tmp_path):
    from finsam_desktop.services.workspace import open_workspace

    path = demo_workspace.path
    demo_workspace.close()
    ws = open_workspace(path, read_only=True)
    try:
        ctx = UiContext(ws.services, AppEvents(), QUndoGroup())
        widget = create_tab(ctx)
        qtbot.addWidget(widget)
        draft = next(v for v in ws.services.attest.versions.list_versions(KIND_ATTEST) if not v.adopted)
        widget.attest.select_version(draft.id)
        assert not widget.attest.buttons["add"].isEnabled()
        assert not widget.attest.buttons["copy"].isEnabled()
        assert widget.attest.buttons["pdf"].isEnabled()
        assert not widget.register.buttons["new"].isEnabled()
    finally:
        ws.close()
