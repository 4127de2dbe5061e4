"""The Stickprov page's background run (progress bar, Avbryt → nothing stored), the "Hela populationen" view with
its åtgärd dialog (accessible, undoable) and the plan page's list of åtgärder still open from earlier years. The
analytics are replaced by a hand-made report that reports progress as the real one does."""

from __future__ import annotations

import time
from datetime import date
from decimal import Decimal

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QUndoGroup

from finsam_desktop.domain.common.errors import ValidationError
from finsam_desktop.domain.internkontroll.atgard import Atgard, AtgardStatus
from finsam_desktop.domain.internkontroll.stickprov_findings import (
    AnalysisCancelled,
    AnalysisSettings,
    NotChecked,
    PopulationFinding,
    PopulationReport,
    Rule,
    Severity,
)
from finsam_desktop.domain.internkontroll.stickprov_population import PopulationFilter
from finsam_desktop.services.demo.internkontroll import generate_transactions
from finsam_desktop.services.internkontroll.stickprov import StickprovService
from finsam_desktop.ui.context import UiContext
from finsam_desktop.ui.events import AppEvents
from finsam_desktop.ui.internkontroll import create_tab
from finsam_desktop.ui.internkontroll.progress_run import CANCELLED_TEXT
from finsam_desktop.ui.internkontroll.stickprov_dialogs import DrawDialog, ImportDialog

MAPPING = {
    "verifikation": "Ver nr",
    "datum": "Bokföringsdatum",
    "belopp": "Belopp",
    "motpart": "Motpart",
    "konto": "Kostnadsställe",
    "attestanter": "Attestant",
    "utanordnare": "Utanordnare",
}
REPORT = PopulationReport(
    900,
    Decimal("2500000.00"),
    AnalysisSettings(),
    (
        PopulationFinding(
            Rule.OVER_MAXBELOPP, Severity.HOG, "Attest över attestantens maxbelopp.", "Ver 26-00010: 80 000 kr", (11,)
        ),
        PopulationFinding(Rule.HELGDAG, Severity.MEDEL, "Betalning på helgdag.", "Ver 26-00020 lördag", (21,)),
    ),
    (NotChecked("Mottagningsattest", "filen saknar kolumnen"),),
)


def _analysis(stop_on_cancel: bool):
    """A stand-in for the analytics: reports progress; with ``stop_on_cancel`` it runs until the user cancels."""

    def analyse(self, parsed, settings=None, progress=None):
        total = len(parsed.transactions)
        for step in range(3000 if stop_on_cancel else 5):
            if progress is not None and not progress(min(step * 10, total), total):
                raise AnalysisCancelled()
            if stop_on_cancel:
                time.sleep(0.01)
        return REPORT

    return analyse


@pytest.fixture
def tab(qtbot, demo_services):
    ctx = UiContext(demo_services, AppEvents(), QUndoGroup())
    widget = create_tab(ctx)
    qtbot.addWidget(widget)
    widget.year.setValue(2026)
    widget.resize(1280, 800)
    widget.show()
    return widget


@pytest.fixture
def a_file(tmp_path, monkeypatch):
    """A 900-row file, and the import and draw dialogs answered with their defaults."""
    gen = generate_transactions(2026, 900, seed=21)
    path = tmp_path / gen.filename
    path.write_bytes(gen.data)

    def accept(self):
        self.accept()
        return self.result_value is not None

    monkeypatch.setattr(ImportDialog, "exec", accept)
    monkeypatch.setattr(DrawDialog, "exec", accept)
    return path


def _second_run(tab, qtbot):
    """Wait for the file to be read; the run that draws and checks every row is then the controller's."""
    first = None
    qtbot.waitUntil(lambda: tab.samples.run is not None, timeout=20_000)
    first = tab.samples.run
    qtbot.waitUntil(lambda: tab.samples.run is not first, timeout=20_000)
    return tab.samples.run


def test_the_background_run_shows_progress_and_stores_the_population_report(tab, qtbot, a_file, monkeypatch):
    monkeypatch.setattr(StickprovService, "analyse_population", _analysis(stop_on_cancel=False))
    before = tab.sample_page.sample_box.count()
    tab.samples.import_file(a_file)
    run = _second_run(tab, qtbot)
    seen: list[int] = []
    run.bar.valueChanged.connect(seen.append)
    qtbot.waitUntil(lambda: run.state == "done", timeout=30_000)
    assert tab.sample_page.sample_box.count() == before + 1
    sp = tab.samples.current_sample()
    assert sp.file_count == 900 and sp.population == REPORT
    view = tab.sample_page.findings_view
    assert view.model.rowCount() == 2 and view.model.index(0, 0).data() == "Hög"
    assert view.model.index(0, 6).data() == "Ingen åtgärd registrerad"
    assert "Inte kontrollerat" in view.info.text() and "Mottagningsattest" in view.info.text()
    assert tab.sample_page.views.tabText(1) == "Hela populationen (2 fynd)"


def test_the_draw_dialog_has_no_500_row_cap(tab, a_file):
    from finsam_desktop.domain.internkontroll.stickprov_import import load_transactions

    transactions = load_transactions(a_file.read_bytes(), a_file.name, MAPPING)
    dialog = DrawDialog(transactions, (), None, tab)
    dialog.storlek.setValue(800)
    assert dialog.storlek.value() == 800 and dialog.storlek.maximum() == 900


def test_cancel_stores_nothing_and_says_so(tab, qtbot, a_file, monkeypatch):
    monkeypatch.setattr(StickprovService, "analyse_population", _analysis(stop_on_cancel=True))
    ik = tab.ik
    before = [sp.id for sp in ik.stickprov.list_stickprov()]
    tab.samples.import_file(a_file)
    run = _second_run(tab, qtbot)
    qtbot.waitUntil(lambda: run.bar.maximum() == 1000, timeout=20_000)  # the first progress report arrived
    assert run.isVisible() and run.cancel_button.accessibleName()
    qtbot.mouseClick(run.cancel_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: run.state == "cancelled", timeout=20_000)
    assert run.label.text() == CANCELLED_TEXT and run.cancel_button.text() == "Stäng"
    assert [sp.id for sp in ik.stickprov.list_stickprov()] == before
    qtbot.mouseClick(run.cancel_button, Qt.MouseButton.LeftButton)
    assert not run.isVisible()


def test_an_atgard_is_recorded_from_the_findings_view_and_undone(tab, qtbot, monkeypatch):
    monkeypatch.setattr(StickprovService, "analyse_population", _analysis(stop_on_cancel=False))
    gen = generate_transactions(2026, 100, seed=4)
    sp = tab.ik.stickprov.create_stickprov(gen.data, gen.filename, MAPPING, PopulationFilter(), 5, 3, ar=2026)
    tab.reload()
    tab.sample_page.sample_box.setCurrentIndex(tab.sample_page.sample_box.findData(sp.id))
    view = tab.sample_page.findings_view
    assert view.b_atgard.isEnabled()
    row = view.model.rows[0]
    dlg = tab.samples.findings.dialog(row)
    qtbot.addWidget(dlg)
    for w in (dlg.status, dlg.ansvarig, dlg.senast, dlg.beskrivning, dlg.motivering):
        assert w.accessibleName() and w.focusPolicy() & Qt.FocusPolicy.TabFocus
    assert dlg.beskrivning.tabChangesFocus()
    dlg.show()
    qtbot.waitExposed(dlg)
    dlg.activateWindow()
    dlg.status.setFocus()
    reached = []
    for _ in range(10):  # Tab steps through the date's sections (year, month, day) before it moves on
        w = dlg.focusWidget()
        w = dlg.ansvarig if w is dlg.ansvarig.lineEdit() else w
        if not reached or reached[-1] is not w:
            reached.append(w)
        qtbot.keyClick(dlg.focusWidget(), Qt.Key.Key_Tab)
    assert reached[:5] == [dlg.status, dlg.ansvarig, dlg.senast, dlg.beskrivning, dlg.motivering]
    assert dlg.ansvarig.currentText() == "Helena Marklund"  # the förbundschef first
    dlg.status.setCurrentIndex(dlg.status.findData(AtgardStatus.ATGARDAD))
    dlg.beskrivning.setPlainText("Kontrollera attesten")
    with pytest.raises(ValidationError, match="gjorts"):
        dlg._collect()
    dlg.status.setCurrentIndex(dlg.status.findData(AtgardStatus.OPPEN))
    dlg.senast.set_value(date(2026, 11, 1))
    assert "Försenad" in dlg.late.text()
    tab.samples.findings.record(row, dlg._collect())
    assert tab.ik.atgarder.get_finding(row.id).atgard == Atgard(
        "Helena Marklund", date(2026, 11, 1), AtgardStatus.OPPEN, "Kontrollera attesten"
    )
    assert view.model.index(0, 6).data() == "Försenad (öppen)"
    tab.undo_stack.undo()
    assert tab.ik.atgarder.get_finding(row.id).atgard is None
    assert view.model.index(0, 6).data() == "Ingen åtgärd registrerad"


def test_the_plan_page_lists_the_open_atgarder_of_earlier_years(tab, monkeypatch):
    monkeypatch.setattr(StickprovService, "analyse_population", _analysis(stop_on_cancel=False))
    gen = generate_transactions(2025, 100, seed=4)
    sp = tab.ik.stickprov.create_stickprov(gen.data, gen.filename, MAPPING, PopulationFilter(), 5, 3, ar=2025)
    late, later = sp.finding_rows
    tab.ik.atgarder.set_atgard(late.id, Atgard("Eva Forsberg", date(2026, 6, 1), AtgardStatus.PAGAR, "Ny rutin"))
    tab.ik.atgarder.set_atgard(later.id, Atgard("Eva Forsberg", date(2027, 1, 31), AtgardStatus.OPPEN, "Utbilda"))
    tab.reload()
    page = tab.plan_page
    assert page.open_model.rowCount() == 2 and not page.open_view.isHidden()
    assert page.open_model.index(0, 5).data() == "Försenad (pågår)" and page.open_model.index(1, 5).data() == "Öppen"
    assert "före 2026" in page.open_label.text() and "1 försenade" in page.open_label.text()
    tab.year.setValue(2025)
    assert page.open_model.rowCount() == 0 and page.open_view.isHidden()


def test_the_file_is_read_once_from_import_to_stored_stickprov(tab, qtbot, a_file, monkeypatch):
    """A 500 000-row export takes seconds to read: the run that draws and checks gets the file already read."""
    from finsam_desktop.services.internkontroll import stickprov as stickprov_module

    monkeypatch.setattr(StickprovService, "analyse_population", _analysis(stop_on_cancel=False))
    reads = []
    real = stickprov_module.parse_ledger

    def counting(*args, **kwargs):
        reads.append(args[1])
        return real(*args, **kwargs)

    monkeypatch.setattr(stickprov_module, "parse_ledger", counting)
    before = tab.sample_page.sample_box.count()
    tab.samples.import_file(a_file)
    run = _second_run(tab, qtbot)
    qtbot.waitUntil(lambda: run.state == "done", timeout=30_000)
    assert tab.sample_page.sample_box.count() == before + 1
    assert reads == [a_file.name]
