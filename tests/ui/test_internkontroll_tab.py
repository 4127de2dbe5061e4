"""The Intern kontroll tab: heat maps and cell filter, models (qtmodeltester), undo, import + draw."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QUndoGroup

from finsam_desktop import clock
from finsam_desktop.domain.internkontroll.risk import Risk
from finsam_desktop.services.demo.internkontroll import generate_transactions
from finsam_desktop.ui.context import UiContext
from finsam_desktop.ui.events import AppEvents
from finsam_desktop.ui.internkontroll import create_tab


@pytest.fixture
def tab(qtbot, demo_services):
    ctx = UiContext(demo_services, AppEvents(), QUndoGroup())
    widget = create_tab(ctx)
    qtbot.addWidget(widget)
    widget.year.setValue(2026)
    widget.resize(1300, 850)
    widget.show()
    return widget


def test_models_pass_the_model_tester(tab, qtmodeltester):
    for model in (
        tab.risk_page.risk_model,
        tab.plan_page.plan_model,
        tab.sample_page.sample_model,
        tab.risk_page.risk_proxy,
        tab.plan_page.plan_proxy,
        tab.sample_page.sample_proxy,
    ):
        assert model.rowCount() > 0
        qtmodeltester.check(model)


def test_matrix_shows_counts_and_a_click_filters_the_table(tab, qtbot):
    assert tab.risk_page.matrix.count(2, 2) == 3 and tab.risk_page.matrix.count(3, 4) == 1
    assert tab.risk_page.residual_matrix.isVisible() and tab.risk_page.residual_matrix.count(1, 3) == 3
    qtbot.mouseClick(
        tab.risk_page.matrix, Qt.MouseButton.LeftButton, pos=tab.risk_page.matrix.cell_rect(2, 2).center().toPoint()
    )
    assert tab.risk_page.risk_proxy.rowCount() == 3
    assert "sannolikhet 2 × väsentlighet 2" in tab.risk_page.filter_label.text()
    qtbot.mouseClick(
        tab.risk_page.matrix, Qt.MouseButton.LeftButton, pos=tab.risk_page.matrix.cell_rect(2, 2).center().toPoint()
    )
    assert tab.risk_page.risk_proxy.rowCount() == 12
    assert "Jämfört med 2025" in tab.risk_page.moves_label.text() and "Ny risk i år" in tab.risk_page.moves_label.text()


def test_adopted_year_is_read_only_and_the_draft_edits_undo(tab):
    assert not tab.risk_page.b_add_risk.isEnabled() and tab.risk_page.b_version.isEnabled()
    tab.year.setValue(2027)
    assert tab.risk_page.b_add_risk.isEnabled()
    ik = tab.ik
    before = ik.risk.analysis(2027).risks[0]
    changed = Risk(**{**{f: getattr(before, f) for f in Risk.__slots__}, "sannolikhet": 4})
    aid = tab.analysis.id
    from finsam_desktop.ui.internkontroll.commands import ServiceCommand

    tab.undo_stack.push(
        ServiceCommand(
            "Ändra", lambda: ik.risk.save_risk(aid, changed), lambda: ik.risk.save_risk(aid, before), tab.changed
        )
    )
    assert ik.risk.analysis(2027).risks[0].sannolikhet == 4
    assert tab.risk_page.matrix.count(4, before.vasentlighet) >= 1
    tab.undo_stack.undo()
    assert ik.risk.analysis(2027).risks[0].sannolikhet == before.sannolikhet
    tab.undo_stack.redo()
    assert ik.risk.analysis(2027).risks[0].sannolikhet == 4


def test_import_and_draw_from_a_file_adds_a_stickprov(tab, tmp_path):
    gen = generate_transactions(2026, 300, seed=11, fault_rate=0.05)
    path = tmp_path / gen.filename
    path.write_bytes(gen.data)
    count = tab.sample_page.sample_box.count()
    tab.samples.import_file(path, ask=False)
    assert tab.sample_page.sample_box.count() == count + 1
    sp = tab.samples.current_sample()
    assert sp.file_count == 300 and tab.sample_page.sample_model.rowCount() == len(sp.items) == 25
    assert tab.sample_page.b_review.isEnabled() and tab.pages.currentIndex() == 2
    assert sp.created_at.date() == clock.today()


def test_matrix_widget_picture(tab, tmp_path):
    path = tmp_path / "matrix.png"
    assert tab.risk_page.matrix.grab().save(str(path))
    assert path.stat().st_size > 2000


def test_dialogs_collect_what_the_user_chose(tab, qtbot):
    from finsam_desktop.domain.internkontroll.kontrollplan import Metod
    from finsam_desktop.ui.internkontroll.plan_dialogs import PlanRowDialog
    from finsam_desktop.ui.internkontroll.stickprov_dialogs import DrawDialog, ImportDialog

    risks = tab.analysis.risks
    dlg = PlanRowDialog(None, risks, [(7, "Styrelsemöte (2026-10-23)")])
    qtbot.addWidget(dlg)
    dlg.process.setText("Attest")
    dlg.moment.setPlainText("Stickprov av attester")
    dlg.metod.setCurrentIndex(dlg.metod.findData(Metod.STICKPROV))
    dlg.event_id.setCurrentIndex(1)
    dlg.risks.item(0).setCheckState(Qt.CheckState.Checked)
    row = dlg._collect()
    assert (row.process, row.metod, row.arshjul_event_id, row.risk_keys) == (
        "Attest",
        Metod.STICKPROV,
        7,
        (risks[0].key,),
    )

    gen = generate_transactions(2026, 400, seed=2)
    preview = tab.ik.stickprov.preview_file(gen.data, gen.filename)
    imp = ImportDialog(preview)
    qtbot.addWidget(imp)
    assert imp._collect()["belopp"] == "Belopp"
    imp.boxes["datum"].setCurrentIndex(0)
    with pytest.raises(Exception, match="Datum"):
        imp._collect()
    transactions = tab.ik.stickprov.load_file(gen.data, gen.filename, preview.mapping)
    draw = DrawDialog(transactions, tab.plan.rows, 25)
    qtbot.addWidget(draw)
    assert draw.storlek.value() == 25 and "Kontrollplanen anger 25 poster" in draw.guidance.text()
    draw.use_period.setChecked(True)
    draw.till.set_value(date(2026, 6, 30))
    assert "Population: " in draw.guidance.text() and "av 400" not in draw.guidance.text()
    flt, storlek, seed, over, _row_id, _titel = draw._collect()
    assert flt.till == date(2026, 6, 30) and storlek == 25 and over is None and seed > 0


def test_a_refused_edit_is_shown_and_not_put_on_the_undo_stack(tab, monkeypatch):
    from finsam_desktop.ui.internkontroll.commands import ServiceCommand

    shown = []
    adopted = tab.ik.risk.analysis(2026)
    risk = adopted.risks[0]
    changed = Risk(**{**{f: getattr(risk, f) for f in Risk.__slots__}, "sannolikhet": 4})
    tab.undo_stack.push(
        ServiceCommand(
            "Ändra",
            lambda: tab.ik.risk.save_risk(adopted.id, changed),
            lambda: tab.ik.risk.save_risk(adopted.id, risk),
            tab.changed,
            shown.append,
        )
    )
    assert tab.undo_stack.count() == 0
    assert "låst" in str(shown[0])
    assert tab.ik.risk.analysis(2026).risks[0].sannolikhet == risk.sannolikhet


def test_tab_fits_a_1366_wide_window(tab, qtbot):
    assert tab.minimumSizeHint().width() <= 1340
    tab.resize(1340, 700)
    qtbot.wait(0)
    for page in range(tab.pages.count()):
        tab.pages.setCurrentIndex(page)
        qtbot.wait(0)
        for b in (tab.risk_page.b_matrix, tab.plan_page.b_plan_version, tab.sample_page.b_sample_xlsx):
            if b.isVisible():
                assert b.geometry().right() <= b.parentWidget().width()
    assert tab.risk_page.matrix.width() >= 300 and tab.risk_page.matrix.height() >= 250  # the heat map stays readable
