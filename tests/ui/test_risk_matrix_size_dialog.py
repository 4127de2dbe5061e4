"""Issue 14 point 12 in the GUI: changing the matrix size asks first, and saying no changes nothing."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QUndoGroup
from PySide6.QtWidgets import QDialog, QMessageBox

from finsam_desktop.ui.context import UiContext
from finsam_desktop.ui.events import AppEvents
from finsam_desktop.ui.internkontroll import create_tab, risk_controller


@pytest.fixture
def tab(qtbot, demo_services):
    widget = create_tab(UiContext(demo_services, AppEvents(), QUndoGroup()))
    qtbot.addWidget(widget)
    widget.year.setValue(2026)
    return widget


@pytest.fixture
def five_by_five(monkeypatch):
    """The Riskmatris dialog answers 'OK' with a 5×5 matrix."""

    def exec_(dialog):
        dialog.size.setCurrentIndex(dialog.size.findData(5))
        dialog.result_value = dialog._collect()
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(risk_controller.MatrixSettingsDialog, "exec", exec_)


@pytest.mark.parametrize("answer", [QMessageBox.StandardButton.No, QMessageBox.StandardButton.Yes])
def test_size_change_asks_and_adopted_analysis_keeps_its_colours(tab, five_by_five, monkeypatch, answer):
    ik = tab.ik
    adopted = ik.risk.analysis(2026)
    assert adopted.locked and adopted.matrix_size == 4
    before = ik.risk.settings_for(adopted)
    asked = []

    def question(_parent, title, text, *_a, **_k):
        asked.append((title, text))
        return answer

    monkeypatch.setattr(QMessageBox, "question", question)
    tab.risk_page.b_matrix.click()
    assert len(asked) == 1
    _title, text = asked[0]
    assert "från 4×4 till 5×5" in text and "Antagna analyser ändras inte" in text
    expected = 5 if answer is QMessageBox.StandardButton.Yes else 4
    assert ik.risk.matrix_settings().size == expected
    assert ik.risk.settings_for(ik.risk.analysis(2026)) == before
    assert tab.settings == before  # the adopted year on screen keeps its matrix and bands


def test_unchanged_matrix_saves_without_asking(tab, monkeypatch):
    def exec_(dialog):
        dialog.result_value = dialog._collect()
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(risk_controller.MatrixSettingsDialog, "exec", exec_)
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: pytest.fail("asked although nothing changes"))
    before = tab.ik.risk.matrix_settings()
    tab.risk_page.b_matrix.click()
    assert tab.ik.risk.matrix_settings() == before
